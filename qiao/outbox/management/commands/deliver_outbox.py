from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Send the e-mails of the outbox that are due (run every minute; a safety net)."

    def handle(self, *args, **options):
        from qiao.outbox.services import deliver_due

        counts = deliver_due()
        if counts:
            self.stdout.write(", ".join(f"{n} {status}" for status, n in sorted(counts.items())))
