from django.core.management.base import BaseCommand

from qiao.mobility.services import send_offer_reminders


class Command(BaseCommand):
    help = (
        "Remind applicants of open offers shortly before the reply-by date, where the "
        "queued reminder has not been sent (run every few minutes)."
    )

    def handle(self, *args, **options):
        count = send_offer_reminders()
        self.stdout.write(f"{count} offer reminders sent.")
