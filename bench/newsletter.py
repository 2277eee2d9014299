"""`make bench` (newsletter part): one issue to 10,000 subscribers through the task worker
and the outbox to a local SMTP sink; reports the time until every e-mail was accepted and
the worker's peak memory. Appends to bench/results-newsletter.md.

    python -m bench.newsletter [--subscribers 10000] [--batch 500]
"""

import argparse
import datetime
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
PROJECT = BENCH.parent
WORK = BENCH / "work"
DB = WORK / "newsletter.sqlite3"


class Sink:
    """An SMTP server that only counts what it accepts."""

    def __init__(self, port: int):
        from aiosmtpd.controller import Controller

        self.count = 0
        self._lock = threading.Lock()
        self._controller = Controller(self, hostname="127.0.0.1", port=port)

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        with self._lock:
            self.count += 1
        return "250 OK"

    def start(self):
        self._controller.start()

    def stop(self):
        self._controller.stop()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def peak_memory_kib(pid: int) -> int:
    """VmHWM: the highest resident set size of the process so far."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def prepare(subscribers: int):
    """A fresh database with a home page, the archive, one issue and the subscribers."""
    import django

    django.setup()
    from django.core.management import call_command
    from wagtail.models import Locale, Page, Site

    call_command("migrate", verbosity=0, interactive=False)
    from qiao.core.models import HomePage
    from qiao.newsletter.enums import Source, SubscriberStatus
    from qiao.newsletter.models import NewsletterIndexPage, NewsletterIssuePage, Subscriber

    root = Page.get_first_root_node()
    home = HomePage(
        title="Start",
        slug="start",
        intro="<p>Start</p>",
        locale=Locale.objects.get(language_code="de"),
    )
    root.add_child(instance=home)
    Site.objects.all().delete()
    Site.objects.create(hostname="127.0.0.1", root_page=home, is_default_site=True)
    archive = NewsletterIndexPage(title="Newsletter", slug="newsletter")
    home.add_child(instance=archive)
    archive.save_revision().publish()
    issue = NewsletterIssuePage(
        title="Benchmark issue",
        slug="benchmark",
        teaser="Ten thousand readers.",
        body=[("heading", "News"), ("text", "<p>A paragraph with a <a href='/de/'>link</a>.</p>")],
        for_news=True,
    )
    archive.add_child(instance=issue)
    issue.save_revision().publish()
    Subscriber.objects.bulk_create(
        Subscriber(
            email=f"reader{n:05}@example.org",
            languages=["de"],
            wants_news=True,
            status=SubscriberStatus.ACTIVE,
            source=Source.IMPORT,
            consent_text="bench",
        )
        for n in range(subscribers)
    )
    return issue


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--subscribers", type=int, default=10_000)
    parser.add_argument("--batch", type=int, default=500)
    args = parser.parse_args()

    WORK.mkdir(exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{DB}{suffix}").unlink(missing_ok=True)
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "qiao.settings.dev",
        "DATABASE_URL": f"sqlite:///{DB}",
        "EMAIL_URL": f"smtp://127.0.0.1:{port}",
        "NEWSLETTER_BATCH_SIZE": str(args.batch),
        "NEWSLETTER_SEND_RATE": "1000000",  # no pause: measure the throughput
        "BASE_URL": "http://127.0.0.1:8000",
    }
    os.environ.update(env)
    issue = prepare(args.subscribers)
    from qiao.newsletter import sending
    from qiao.outbox.enums import EmailStatus
    from qiao.outbox.models import OutgoingEmail

    sink = Sink(port)
    sink.start()
    started = time.monotonic()
    sending.schedule_sending(issue, user=None)
    worker = subprocess.Popen(  # noqa: S603 - our own command
        [
            sys.executable,
            "manage.py",
            "db_worker",
            "--interval",
            "0.1",
            "--no-startup-delay",
            "--no-reload",
        ],
        cwd=PROJECT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    peak = 0
    try:
        while sink.count < args.subscribers and worker.poll() is None:
            time.sleep(1)
            peak = max(peak, peak_memory_kib(worker.pid))
        seconds = time.monotonic() - started
        peak = max(peak, peak_memory_kib(worker.pid))
    finally:
        worker.terminate()
        worker.wait(timeout=60)
        sink.stop()
    sent = OutgoingEmail.objects.filter(status=EmailStatus.SENT).count()
    today = datetime.datetime.now(tz=datetime.UTC).date()
    line = (
        f"| {today} | {args.subscribers} | {args.batch} | {sink.count} | "
        f"{sent} | {seconds:.0f} s | {args.subscribers / seconds:.0f}/s | {peak / 1024:.0f} MiB |"
    )
    results = BENCH / "results-newsletter.md"
    if not results.exists():
        results.write_text(
            "# Newsletter sending benchmark\n\nOne task worker (SQLite), one SMTP connection "
            "per e-mail to a local sink.\n\n"
            "| date | subscribers | batch | accepted by SMTP | sent in outbox | time | rate "
            "| worker peak memory |\n| --- | --- | --- | --- | --- | --- | --- | --- |\n"
        )
    with results.open("a") as out:
        out.write(line + "\n")
    print(line)


if __name__ == "__main__":
    main()
