"""The demo site answers searches on the first request, without a task worker."""

import io

import pytest
from django.core.management import call_command

from qiao.core.tests.test_search import titles

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def test_demo_build_leaves_an_index_that_finds_chinese_words(client, settings, tmp_path):
    # As under `make run`: index updates are queued for a worker that has not run yet.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    call_command("load_demo", stdout=io.StringIO())

    # Nothing due is left waiting for a worker (reminders for later stay scheduled).
    from django_tasks_db.models import DBTaskResult

    waiting = DBTaskResult.objects.filter(status="READY")
    assert DBTaskResult.objects.ready().count() == 0
    assert {t.task_path for t in waiting} <= {
        "qiao.events.tasks.send_reminder",
        "qiao.advising.tasks.send_booking_reminder",
        "qiao.mobility.tasks.send_interview_email",
    }

    visa = titles(client.get("/zh/search/", {"q": "签证"}).content.decode())
    week = titles(client.get("/zh/search/", {"q": "中国周"}).content.decode())
    kunming = titles(client.get("/zh/search/", {"q": "昆明"}).content.decode())

    assert visa[0] == "签证与居留"
    assert week[0] == "2026年中国周"
    assert "2022年中国周（混合式）" in week
    assert "云南省代表团到访" in kunming
    assert kunming[0] == "昆明理工大学"
    german = titles(client.get("/de/search/", {"q": "Visum"}).content.decode())
    assert "Visum und Aufenthalt" in german
