from django.core.management.base import BaseCommand

from qiao.partners import services


class Command(BaseCommand):
    help = (
        "Queue the renewal reminders due today (180, 90 and 30 days before an agreement "
        "ends), each once. Run daily, for example from cron."
    )

    def handle(self, *args, **options):
        alerts = services.queue_renewal_alerts()
        self.stdout.write(f"{len(alerts)} renewal reminder(s) queued.")
