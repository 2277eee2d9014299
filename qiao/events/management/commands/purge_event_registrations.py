from django.conf import settings
from django.core.management.base import BaseCommand

from qiao.events.services import purge_past_registrations


class Command(BaseCommand):
    help = "Erase personal data of registrations for events past EVENTS_RETENTION_DAYS (daily)."

    def handle(self, *args, **options):
        count = purge_past_registrations(older_than_days=settings.EVENTS_RETENTION_DAYS)
        self.stdout.write(f"{count} registration(s) erased.")
