from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Put tasks left running by a worker that died back in the queue."

    def handle(self, *args, **options):
        from qiao.outbox.services import recover_abandoned_tasks

        count = recover_abandoned_tasks()
        if count:
            self.stdout.write(f"Put {count} abandoned tasks back in the queue.")
