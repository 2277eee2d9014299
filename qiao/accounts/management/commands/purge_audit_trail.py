from django.conf import settings
from django.core.management.base import BaseCommand

from qiao.accounts.services import purge_audit_trail


class Command(BaseCommand):
    help = "Delete audit-trail entries older than AUDIT_RETENTION_DAYS (run daily)."

    def handle(self, *args, **options):
        deleted = purge_audit_trail(older_than_days=settings.AUDIT_RETENTION_DAYS)
        self.stdout.write(f"{deleted} audit entries deleted.")
