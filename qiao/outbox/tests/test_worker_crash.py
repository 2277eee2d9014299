"""A worker killed (SIGKILL) while it sends leaves the e-mail to be sent again after a
time-out, and it arrives exactly once. A real worker process, a real database shared with
it (SQLite file or PostgreSQL), real SMTP servers on a local port."""

import datetime
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest
import time_machine
from django.db import connection
from django.utils import timezone

from qiao.events.tests.factories import make_event, make_index, register
from qiao.outbox import services
from qiao.outbox.enums import EmailStatus
from qiao.outbox.models import OutgoingEmail

from .conftest import SmtpServer

ROOT = Path(__file__).resolve().parents[3]


def database_url() -> str:
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    user = quote(db["USER"] or "")
    password = f":{quote(db['PASSWORD'])}" if db["PASSWORD"] else ""
    host = db["HOST"] or "localhost"
    if host.startswith("/"):
        return f"postgres://{user}{password}@/{db['NAME']}?host={quote(host)}&port={db['PORT']}"
    return f"postgres://{user}{password}@{host}:{db['PORT'] or 5432}/{db['NAME']}"


class SilentServer:
    """Accepts connections and never answers: a mail server that hangs mid-conversation."""

    def __init__(self, port: int):
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", port))
        self.sock.listen()

    def close(self):
        self.sock.close()


@pytest.mark.django_db(transaction=True)
def test_email_of_a_worker_killed_while_sending_arrives_once(homes, smtp_port, settings):
    settings.OUTBOX_DELIVER_BEFORE_COMMIT = False
    event = make_event(make_index(homes["de"]))
    register(event, email="lena@example.org")  # first attempt: server down, row waits
    row = OutgoingEmail.objects.get()
    assert (row.status, row.attempts) == (EmailStatus.QUEUED, 1)
    OutgoingEmail.objects.filter(pk=row.pk).update(next_attempt_at=timezone.now())

    hanging = SilentServer(smtp_port)
    worker = subprocess.Popen(  # noqa: S603 - our own command
        [sys.executable, "manage.py", "deliver_outbox"],
        cwd=ROOT,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "qiao.settings.dev",
            "DATABASE_URL": database_url(),
            "EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}",
            "EMAIL_TIMEOUT": "120",
        },
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline and worker.poll() is None:
            row.refresh_from_db()
            if row.status == EmailStatus.SENDING:
                break
            time.sleep(0.1)
        assert row.status == EmailStatus.SENDING, worker.poll() and worker.stdout.read()
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(timeout=10)
    finally:
        if worker.poll() is None:
            worker.kill()
            worker.wait(timeout=10)
        worker.stdout.close()
        hanging.close()
    row.refresh_from_db()
    assert (row.status, row.attempts) == (EmailStatus.SENDING, 2)

    server = SmtpServer(smtp_port)
    server.start()
    try:
        # While the dead worker's claim is fresh, nobody else sends it.
        assert services.deliver_due() == {}
        later = timezone.now() + settings.OUTBOX_SENDING_TIMEOUT + datetime.timedelta(seconds=1)
        with time_machine.travel(later, tick=False):
            assert services.deliver_due() == {EmailStatus.SENT: 1}
            assert services.deliver_due() == {}
    finally:
        server.stop()

    row.refresh_from_db()
    assert (row.status, row.attempts) == (EmailStatus.SENT, 3)
    assert [m["Message-ID"] for m in server.messages] == [row.message_id]
