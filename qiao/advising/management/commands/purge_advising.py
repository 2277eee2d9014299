from django.conf import settings
from django.core.management.base import BaseCommand

from qiao.advising.services import purge_bookings


class Command(BaseCommand):
    help = "Delete advising bookings and staff notes past ADVISING_RETENTION_DAYS (run daily)."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None, help="Override the retention.")

    def handle(self, *args, days=None, **options):
        days = settings.ADVISING_RETENTION_DAYS if days is None else days
        deleted = purge_bookings(older_than_days=days)
        self.stdout.write(f"{deleted} advising booking(s) older than {days} days deleted.")
