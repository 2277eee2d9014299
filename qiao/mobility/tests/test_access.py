"""The permission matrix: every application and document URL, for every kind of user."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from qiao.mobility import services
from qiao.mobility.enums import ApplicationStatus

from .factories import ApplicationFactory, CallFactory, UserFactory, upload

pytestmark = pytest.mark.django_db
S = ApplicationStatus

APPLICANT_URLS = [
    ("GET", "mobility:detail"),
    ("GET", "mobility:edit"),
    ("POST", "mobility:upload"),
    ("GET", "mobility:document"),
    ("POST", "mobility:document_delete"),
    ("POST", "mobility:submit"),
    ("POST", "mobility:withdraw"),
    ("POST", "mobility:accept"),
    ("POST", "mobility:decline"),
    ("GET", "mobility:interview"),
    ("GET", "mobility:interview_ics"),
    ("GET", "mobility:review"),
]
ADMIN_URLS = [
    ("GET", "mobility_admin:application"),
    ("POST", "mobility_admin:application"),
    ("POST", "mobility_admin:bundle_request"),
    ("GET", "mobility_admin:bundle"),
]


def _url(name, application, document):
    if name.endswith(("document", "document_delete")):
        return reverse(name, args=[application.pk, document.pk])
    return reverse(name, args=[application.pk])


@pytest.fixture
def world(call):
    coordinator = UserFactory(is_staff=True)
    coordinator.user_permissions.add(
        Permission.objects.get(codename="change_application"),
        Permission.objects.get(codename="access_admin"),
    )
    other_call = CallFactory(programme=call.programme)
    foreign_reviewer = UserFactory()
    other_call.reviewers.add(foreign_reviewer)
    result = {"coordinator": coordinator, "foreign_reviewer": foreign_reviewer}
    for key in ("a", "b"):
        application = ApplicationFactory(call=call)
        document = services.add_document(
            application, by=application.applicant, document_type="cv", uploaded=upload()
        )
        application.status = S.SUBMITTED
        application.save()
        result[key] = (application, document)
    return result


def _status(client, method, url):
    response = client.post(url) if method == "POST" else client.get(url)
    return response.status_code


def test_no_cross_access_between_applicants_and_foreign_reviewers(client, world):
    cross_access = []
    for owner_key, intruder in (
        ("a", world["b"][0].applicant),
        ("b", world["a"][0].applicant),
        ("a", world["foreign_reviewer"]),
        ("b", world["foreign_reviewer"]),
    ):
        application, document = world[owner_key]
        client.force_login(intruder)
        for method, name in APPLICANT_URLS + ADMIN_URLS:
            url = _url(name, application, document)
            status = _status(client, method, url)
            if status not in (302, 403, 404):
                cross_access.append((intruder.email, method, url, status))
            if name.startswith("mobility:"):
                assert status == 404, (intruder.email, method, url, status)
    assert cross_access == []
    application, document = world["a"]
    application.refresh_from_db()
    assert application.status == S.SUBMITTED
    assert application.documents.count() == 1


def test_anonymous_is_sent_to_login_everywhere(client, world):
    application, document = world["a"]
    for method, name in APPLICANT_URLS + ADMIN_URLS:
        url = _url(name, application, document)
        response = client.post(url) if method == "POST" else client.get(url)
        assert response.status_code == 302
        assert "login" in response["Location"]


def test_owner_and_coordinator_see_application_and_document(
    client, world, django_capture_on_commit_callbacks
):
    application, document = world["a"]
    detail = reverse("mobility:detail", args=[application.pk])
    file_url = reverse("mobility:document", args=[application.pk, document.pk])
    for user in (application.applicant, world["coordinator"]):
        client.force_login(user)
        assert client.get(detail).status_code == 200
        response = client.get(file_url)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert b"".join(response.streaming_content).startswith(b"%PDF")
    client.force_login(world["coordinator"])
    admin_page = reverse("mobility_admin:application", args=[application.pk])
    assert client.get(admin_page).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("mobility_admin:bundle_request", args=[application.pk]))
    bundle = client.get(reverse("mobility_admin:bundle", args=[application.pk]))
    assert bundle.status_code == 200
    assert b"".join(bundle.streaming_content).startswith(b"%PDF")
    bundle.close()


def test_reviewer_sees_only_submitted_applications_of_own_call(client, world, call):
    reviewer = UserFactory()
    call.reviewers.add(reviewer)
    draft = ApplicationFactory(call=call)
    client.force_login(reviewer)
    application, document = world["a"]
    assert client.get(reverse("mobility:detail", args=[application.pk])).status_code == 200
    assert client.get(reverse("mobility:review", args=[application.pk])).status_code == 200
    assert client.get(reverse("mobility:detail", args=[draft.pk])).status_code == 404
    response = client.post(
        reverse("mobility:review", args=[application.pk]), {"score": "8", "comment": "Gut"}
    )
    assert response.status_code == 302
    assert list(application.reviews.values_list("score", "comment")) == [(8, "Gut")]
    # and the reviewer cannot change the status or use the back office
    assert client.post(reverse("mobility:withdraw", args=[application.pk])).status_code == 404
    assert client.get(reverse("mobility_admin:calls")).status_code == 302


def test_private_files_are_not_under_media_root(world, settings):
    _application, document = world["a"]
    assert document.file.path.startswith(str(settings.PRIVATE_MEDIA_ROOT))
    assert not str(document.file.path).startswith(str(settings.MEDIA_ROOT))


def test_reviewer_cannot_open_a_withdrawn_application_or_its_documents(client, world, call):
    reviewer = UserFactory()
    call.reviewers.add(reviewer)
    application, document = world["a"]
    application.status = S.WITHDRAWN
    application.save()
    client.force_login(reviewer)

    statuses = {
        name: _status(client, method, _url(name, application, document))
        for method, name in [
            ("GET", "mobility:detail"),
            ("GET", "mobility:document"),
            ("GET", "mobility:review"),
        ]
    }

    assert statuses == {"mobility:detail": 404, "mobility:document": 404, "mobility:review": 404}


def test_application_pages_are_not_stored_in_any_cache(client, world):
    application, document = world["a"]
    client.force_login(application.applicant)

    response = client.get(reverse("mobility:detail", args=[application.pk]))

    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
