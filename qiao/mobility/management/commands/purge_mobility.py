from django.core.management.base import BaseCommand

from qiao.mobility.services import purge_expired_applications


class Command(BaseCommand):
    help = (
        "Delete unsuccessful applications and their files once their call's retention "
        "period has passed (run daily)."
    )

    def handle(self, *args, **options):
        count = purge_expired_applications()
        self.stdout.write(f"{count} expired applications deleted.")
