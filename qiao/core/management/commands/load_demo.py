import importlib

from django.apps import apps
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.models import Page

from qiao.core import demo as core_demo
from qiao.core.demo_tools import DemoContext

# The order matters: later apps link to what earlier ones built.
DEMO_APPS = [
    "news",
    "partners",
    "events",
    "mobility",
    "advising",
    "accounts",
    "newsletter",
    "incoming",
    "reports",
]


class Command(BaseCommand):
    help = "Build the demo site of the centre in German, English and Chinese (once)."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Build even if content exists.")

    def handle(self, *args, force=False, **options):
        if Page.objects.filter(depth__gt=2).exists() and not force:
            raise CommandError("The site already has content; use --force to build it anew.")
        with transaction.atomic():
            ctx = DemoContext()
            core_demo.build(ctx)
            for app_label in DEMO_APPS:
                module_name = f"{apps.get_app_config(app_label).name}.demo"
                try:
                    module = importlib.import_module(module_name)
                except ModuleNotFoundError as error:
                    if error.name != module_name:
                        raise
                    continue
                module.build(ctx)
                self.stdout.write(f"Demo content of {app_label} built.")
            core_demo.finish(ctx)
        # Saving queues each search-index update as a background task, which only a worker
        # runs; the index is built here at once, so search answers on the first request.
        call_command("update_index", verbosity=0)
        run_queued_tasks()
        self.stdout.write(self.style.SUCCESS("Demo site built in German, English and Chinese."))


def run_queued_tasks() -> int:
    """Building the site queued reference-index and search-index updates (and e-mails of
    the demo registrations); run what is due now, so that nothing waits for a worker.
    Tasks scheduled for later (reminders) stay queued. Returns how many ran."""
    from django_tasks import task_backends
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.management.commands.db_worker import Worker
    from django_tasks_db.models import DBTaskResult

    if not isinstance(task_backends["default"], DatabaseBackend):
        return 0
    worker = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="load_demo",
        excluded_queue_names=[],
    )
    ran = 0
    while True:
        result = DBTaskResult.objects.ready().filter(backend_name="default").first()
        if result is None:
            return ran
        result.claim(worker.worker_id)
        worker.run_task(result)
        ran += 1
