from django.core.management.base import BaseCommand

from qiao.incoming.services import send_participant_reminders, send_weekly_digests


class Command(BaseCommand):
    help = (
        "Remind participants of incoming groups of missing details, insurance or visa "
        "ending early (each once), and send the coordinators' weekly digest (run daily)."
    )

    def handle(self, *args, **options):
        reminders = send_participant_reminders()
        digests = send_weekly_digests()
        self.stdout.write(f"{reminders} reminder(s) and {digests} weekly digest(s) queued.")
