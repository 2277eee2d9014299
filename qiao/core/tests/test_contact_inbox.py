import datetime

import pytest
import time_machine
from django.contrib.auth import get_user_model
from wagtail.models import ModelLogEntry

from qiao.core.models import ContactMessage, ContactStatus
from qiao.core.services import update_contact_message

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 12, 1, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture
def head():
    return get_user_model().objects.create_superuser("head", "head@example.org", "pw")


@pytest.fixture
def message():
    return ContactMessage.objects.create(
        name="Li Na", email="li@example.org", subject="Austausch", message="Hallo", language="de"
    )


@time_machine.travel(NOW, tick=False)
def test_update_contact_message_sets_status_assignee_and_note(message, head):
    update_contact_message(
        message, status=ContactStatus.IN_PROGRESS, assignee=head, internal_note="Ruft an", by=head
    )

    message.refresh_from_db()
    assert (message.status, message.assignee, message.internal_note) == (
        "in_progress",
        head,
        "Ruft an",
    )
    assert message.status_changed_at == NOW
    entry = ModelLogEntry.objects.get(action="core.contact_message.updated")
    assert entry.data == {"status": {"from": "new", "to": "in_progress"}, "assignee": "head"}


def test_update_contact_message_without_changes_logs_nothing(message, head):
    update_contact_message(message, status="new", assignee=None, internal_note="", by=head)

    assert ModelLogEntry.objects.filter(action="core.contact_message.updated").count() == 0


def test_contact_inbox_edit_changes_only_the_inbox_fields(client, message, head):
    client.force_login(head)

    response = client.post(
        f"/admin/contact_messages/edit/{message.pk}/",
        {"status": "answered", "assignee": head.pk, "internal_note": "Erledigt", "subject": "X"},
    )

    assert response.status_code == 302
    message.refresh_from_db()
    assert (message.status, message.assignee_id, message.internal_note, message.subject) == (
        "answered",
        head.pk,
        "Erledigt",
        "Austausch",
    )


def test_contact_inbox_filters_by_status(client, message, head):
    ContactMessage.objects.create(
        name="B", email="b@example.org", subject="Alte Anfrage", message="m", status="answered"
    )
    client.force_login(head)

    html = client.get("/admin/contact_messages/?status=new").content.decode()

    # The subject appears twice in its row (link text and its title).
    assert (html.count("Austausch"), html.count("Alte Anfrage")) == (2, 0)
