from django.core.management.base import BaseCommand

from qiao.events.tasks import send_due_surveys


class Command(BaseCommand):
    help = (
        "Queue the survey links of events that ended yesterday or earlier (within "
        "EVENTS_SURVEY_WINDOW_DAYS) to everyone checked in; each link goes out once."
    )

    def handle(self, *args, **options):
        result = send_due_surveys.enqueue()
        self.stdout.write(f"Survey check queued ({result.id}).")
