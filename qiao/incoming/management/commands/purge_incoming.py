from django.conf import settings
from django.core.management.base import BaseCommand

from qiao.incoming.services import purge_participants


class Command(BaseCommand):
    help = (
        "Erase the personal data of incoming participants whose group ended more than "
        "INCOMING_RETENTION_DAYS ago (run daily)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None, help="Override the retention.")

    def handle(self, *args, days=None, **options):
        days = settings.INCOMING_RETENTION_DAYS if days is None else days
        erased = purge_participants(older_than_days=days)
        self.stdout.write(f"{erased} incoming participant(s) older than {days} days erased.")
