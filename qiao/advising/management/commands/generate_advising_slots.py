import datetime

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from qiao.advising.services import generate_slots


class Command(BaseCommand):
    help = "Create the slots of the advisors' weekly hours for the booking window (run daily)."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=settings.ADVISING_BOOKING_WINDOW_DAYS)

    def handle(self, *args, days, **options):
        today = timezone.localdate()
        created = generate_slots(start=today, end=today + datetime.timedelta(days=days))
        self.stdout.write(f"{created} slot(s) created.")
