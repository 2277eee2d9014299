from django.core.management.base import BaseCommand

from qiao.mobility.services import expire_offers


class Command(BaseCommand):
    help = (
        "Let offers past their reply-by date expire and offer each place to the next on "
        "the waiting list (run every few minutes)."
    )

    def handle(self, *args, **options):
        count = expire_offers()
        self.stdout.write(f"{count} offers expired.")
