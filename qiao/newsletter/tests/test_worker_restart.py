"""A sending stopped between two batches (the worker killed with SIGKILL) goes on when a
worker starts again: every subscriber gets the issue exactly once. A real worker process,
the real database shared with it (SQLite file or PostgreSQL), a real SMTP server."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.db import connection

from qiao.newsletter import sending
from qiao.newsletter.enums import SendingStatus
from qiao.newsletter.models import Delivery, IssueSending
from qiao.outbox.enums import EmailStatus
from qiao.outbox.models import OutgoingEmail
from qiao.outbox.tests.conftest import SmtpServer
from qiao.outbox.tests.test_worker_crash import database_url

from .factories import make_issue, make_subscriber

ROOT = Path(__file__).resolve().parents[3]
SUBSCRIBERS = 12
BATCH = 5


def start_worker(smtp_port: int) -> subprocess.Popen:
    return subprocess.Popen(  # noqa: S603 - our own command
        [
            sys.executable,
            "manage.py",
            "db_worker",
            "--interval",
            "0.2",
            "--no-startup-delay",
            "--no-reload",
        ],
        cwd=ROOT,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "qiao.settings.dev",
            "DATABASE_URL": database_url(),
            "EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}",
            "NEWSLETTER_BATCH_SIZE": str(BATCH),
            # 5 e-mails at 20 a minute: 15 seconds between batches, time to stop it.
            "NEWSLETTER_SEND_RATE": "20",
        },
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def wait_for(condition, *, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def stop(worker: subprocess.Popen, *, sig=signal.SIGKILL) -> None:
    if worker.poll() is None:
        os.kill(worker.pid, sig)
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait(timeout=10)


def end_other_sessions() -> list:
    """PostgreSQL: end the server sessions the killed workers left (the test database can
    only be dropped without them); returns what they were doing, for the record."""
    if connection.vendor != "postgresql":
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid, application_name, state, left(query, 80) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        sessions = cursor.fetchall()
        for pid, *_rest in sessions:
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
    return sessions


@pytest.mark.django_db(transaction=True)
def test_sending_stopped_between_batches_resumes_and_reaches_everyone_once(
    archives, smtp_port, settings
):
    settings.OUTBOX_DELIVER_BEFORE_COMMIT = False
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.NEWSLETTER_BATCH_SIZE = BATCH
    staff = get_user_model().objects.create_user("editor", email="editor@example.org")
    issue = make_issue(archives["de"])
    for n in range(SUBSCRIBERS):
        make_subscriber(f"p{n:02}@example.org", languages=["de"])
    server = SmtpServer(smtp_port)
    server.start()
    try:
        result = sending.schedule_sending(issue, user=staff)

        worker = start_worker(smtp_port)
        try:
            # Between batches: the first is written and delivered, the next waits for its time.
            assert wait_for(
                lambda: OutgoingEmail.objects.filter(status=EmailStatus.SENT).count() == BATCH,
                seconds=120,
            )
            stop(worker)
        finally:
            stop(worker)
        assert Delivery.objects.count() == BATCH
        assert IssueSending.objects.get().status == SendingStatus.SENDING

        worker = start_worker(smtp_port)
        try:
            assert wait_for(
                lambda: (
                    OutgoingEmail.objects.filter(status=EmailStatus.SENT).count() == SUBSCRIBERS
                ),
                seconds=180,
            )
            time.sleep(1)  # anything sent twice would arrive now
        finally:
            # This time an orderly stop, so that it closes its database connection.
            stop(worker, sig=signal.SIGTERM)
    finally:
        server.stop()

    print("sessions left by the workers:", end_other_sessions())
    result.refresh_from_db()
    assert result.status == SendingStatus.DONE
    received = sorted(message["To"] for message in server.messages)
    assert received == [f"p{n:02}@example.org" for n in range(SUBSCRIBERS)]
    assert Delivery.objects.count() == OutgoingEmail.objects.count() == SUBSCRIBERS
