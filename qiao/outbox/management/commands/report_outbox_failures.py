from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "E-mail the office a list of e-mails that failed for good since the last report."

    def handle(self, *args, **options):
        from qiao.outbox.services import report_failures

        count = report_failures()
        if count:
            self.stdout.write(f"Reported {count} undeliverable e-mails to the office.")
