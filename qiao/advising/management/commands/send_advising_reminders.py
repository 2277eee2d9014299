from django.core.management.base import BaseCommand

from qiao.advising.services import send_due_reminders


class Command(BaseCommand):
    help = (
        "Send the reminders of appointments starting within ADVISING_REMINDER_HOURS; for "
        "task backends that cannot defer tasks (run hourly). Each reminder goes out once."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"{send_due_reminders()} reminder(s) sent.")
