from django.conf import settings
from django.core.management.base import BaseCommand

from qiao.core.services import purge_contact_messages


class Command(BaseCommand):
    help = "Delete contact-form messages older than CONTACT_RETENTION_DAYS (run daily)."

    def handle(self, *args, **options):
        deleted = purge_contact_messages(older_than_days=settings.CONTACT_RETENTION_DAYS)
        self.stdout.write(f"{deleted} contact message(s) deleted.")
