"""The clock of `make run`: runs the jobs that production runs from cron, each at its
interval (settings.PERIODIC_JOBS), until stopped. Every job runs once at start."""

import logging
import signal
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Run the periodic jobs at their intervals (development; production uses cron)."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Run every job once and stop.")

    def handle(self, *args, once: bool = False, **options):
        self.running = True
        signal.signal(signal.SIGTERM, self.stop)
        signal.signal(signal.SIGINT, self.stop)
        due = {command: 0.0 for command, _seconds in settings.PERIODIC_JOBS}
        intervals = dict(settings.PERIODIC_JOBS)
        while self.running:
            for command, next_run in due.items():
                if not self.running or time.monotonic() < next_run:
                    continue
                self.run_job(command)
                due[command] = time.monotonic() + intervals[command]
            if once:
                return
            time.sleep(1)

    def run_job(self, command: str) -> None:
        close_old_connections()
        try:
            call_command(command, verbosity=0)
        except Exception:
            # One failing job must not stop the others; the error is in the log.
            logger.exception("Periodic job %s failed", command)

    def stop(self, signum, frame):
        self.running = False
