"""`make run`: the whole system in one terminal.

Starts the web server, the task worker (it sends every e-mail and keeps the search index
up to date) and the clock that runs the periodic jobs, each as its own process group, with
their output side by side (honcho). Ctrl-C stops all three. Production runs them as
separate services instead (see the README).
"""

import os
import shlex
import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from honcho.manager import Manager


class Command(BaseCommand):
    help = "Serve the portal with its task worker and periodic jobs (development)."

    def add_arguments(self, parser):
        parser.add_argument("address", nargs="?", default="127.0.0.1:8000", help="host:port")

    def handle(self, *args, address: str, **options):
        host, _, port = address.rpartition(":")
        if not host or not port.isdigit():
            raise CommandError(f"Give the address as host:port, not {address!r}.")
        manage = [sys.executable, str(settings.BASE_DIR / "manage.py")]
        processes = {
            "web": [*manage, "runserver", address],
            "worker": [*manage, "db_worker", "--interval", "1", "--no-startup-delay"],
            "clock": [*manage, "run_periodic_jobs"],
        }
        env = {
            **os.environ,
            "BASE_URL": settings.BASE_URL,
            "PYTHONUNBUFFERED": "1",
        }
        manager = Manager()
        for name, command in processes.items():
            manager.add_process(name, "exec " + shlex.join(command), env=env)
        manager.loop()
        sys.exit(manager.returncode)
