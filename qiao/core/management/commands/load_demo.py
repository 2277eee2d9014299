import importlib

from django.apps import apps
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.models import Page

from qiao.core import demo as core_demo
from qiao.core.demo_tools import DemoContext

# The order matters: later apps link to what earlier ones built.
DEMO_APPS = ["news", "partners", "events", "mobility", "advising", "accounts"]


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


def run_queued_tasks() -> None:
    """Building the site queued search-index and reference-index updates; run them now, so
    that search finds the demo content on the first request and nothing waits for a worker."""
    from django_tasks import task_backends
    from django_tasks_db.backend import DatabaseBackend

    if isinstance(task_backends["default"], DatabaseBackend):
        call_command("db_worker", batch=True, reload=False, startup_delay=False, verbosity=0)
