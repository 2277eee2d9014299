from django.core.management.base import BaseCommand

from qiao.events.tasks import send_due_reminders


class Command(BaseCommand):
    help = (
        "Queue the reminders of events that start within EVENTS_REMINDER_HOURS_BEFORE "
        "(run it from cron, e.g. every 15 minutes; each reminder goes out once)."
    )

    def handle(self, *args, **options):
        result = send_due_reminders.enqueue()
        self.stdout.write(f"Reminder check queued ({result.id}).")
