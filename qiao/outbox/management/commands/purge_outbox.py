from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Delete outbox e-mails whose object was purged, and all past OUTBOX_RETENTION_DAYS."

    def handle(self, *args, **options):
        from qiao.outbox.services import purge_outbox

        deleted = purge_outbox()
        if deleted:
            self.stdout.write(f"Deleted {deleted} e-mails from the outbox.")
