from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Start newsletter sendings that are due and resume stalled ones (run every minute)."

    def handle(self, *args, **options):
        from qiao.newsletter.sending import resume_sendings

        count = resume_sendings()
        if count:
            self.stdout.write(f"{count} sending(s) pushed on")
