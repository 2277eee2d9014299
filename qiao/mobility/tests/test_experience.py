"""Experience reports: written by participants, reviewed and published by the staff on
the programme's page, named or anonymous, in the language written and labelled so."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from PIL import Image

from qiao.mobility import experience, services
from qiao.mobility.enums import ApplicationStatus, ReportStatus
from qiao.mobility.models import ExperienceReport

from .factories import ApplicationFactory, UserFactory, png_bytes, upload

pytestmark = pytest.mark.django_db
S = ApplicationStatus


def _data(**changes):
    data = {
        "title": "Zwei Wochen in Peking",
        "text": "Die Labore waren hervorragend.",
        "language": "de",
        "show_name": False,
        "photo_consent": False,
    }
    return {**data, **changes}


def test_participant_writes_staff_publish_and_the_page_shows_it_anonymously(client, call):
    application = ApplicationFactory(call=call, status=S.ACCEPTED)
    coordinator = UserFactory(is_staff=True, is_superuser=True)

    report = experience.save_report(
        application, by=application.applicant, data=_data(), submit=True
    )
    before = client.get(call.programme.url)
    experience.publish_report(report, actor=coordinator)
    client.get("/")  # a fresh request
    after = client.get(call.programme.url)

    assert list(before.context["participant_reports"]) == []
    assert list(after.context["participant_reports"]) == [report]
    page = after.content.decode()
    assert "Die Labore waren hervorragend." in page
    assert "Teilnehmerin oder Teilnehmer (Name nicht veröffentlicht)" in page
    assert application.full_name not in page


def test_report_in_another_language_is_labelled_on_the_page(client, call):
    application = ApplicationFactory(call=call, status=S.COMPLETED, first_name="Mia")
    coordinator = UserFactory(is_staff=True, is_superuser=True)
    report = experience.save_report(
        application,
        by=application.applicant,
        data=_data(language="en", text="Great labs.", show_name=True),
        submit=True,
    )
    experience.publish_report(report, actor=coordinator)

    page = client.get(call.programme.url).content.decode()

    assert '<article class="quote participant-report" lang="en">' in page
    assert "Verfasst auf Englisch, nicht übersetzt." in page
    assert application.full_name in page


def test_only_participants_may_write_a_report(call):
    applicant = ApplicationFactory(call=call, status=S.SUBMITTED)
    with pytest.raises(services.ApplicationError):
        experience.save_report(applicant, by=applicant.applicant, data=_data())
    assert ExperienceReport.objects.count() == 0


def test_a_photo_without_consent_is_refused(call):
    application = ApplicationFactory(call=call, status=S.ACCEPTED)
    photo = upload("beijing.png", png_bytes(), "image/png")
    with pytest.raises(ValidationError):
        experience.save_report(application, by=application.applicant, data=_data(), photo=photo)
    assert ExperienceReport.objects.count() == 0


def test_unpublished_photo_is_private(client, call):
    application = ApplicationFactory(call=call, status=S.ACCEPTED)
    photo = upload("beijing.png", png_bytes(), "image/png")
    report = experience.save_report(
        application, by=application.applicant, data=_data(photo_consent=True), photo=photo
    )
    url = reverse("mobility:report_photo", args=[report.pk])

    stranger = client.get(url)
    client.force_login(application.applicant)
    author = client.get(url)

    assert (stranger.status_code, author.status_code) == (404, 200)
    assert b"".join(author.streaming_content).startswith(b"\xff\xd8")  # stored as JPEG
    assert report.status == ReportStatus.DRAFT


def test_photo_is_stored_upright_small_and_without_its_metadata(client, call):
    application = ApplicationFactory(call=call, status=S.ACCEPTED)
    coordinator = UserFactory(is_staff=True, is_superuser=True)
    # A phone photo: 4000 x 3000 px stored on its side (EXIF orientation 6: turn it
    # clockwise), with the place it was taken.
    exif = Image.Exif()
    exif[0x0112] = 6
    exif[0x010F] = "PhoneMaker"
    exif.get_ifd(0x8825)[2] = (39.0, 54.0, 0.0)  # GPS latitude
    buffer = io.BytesIO()
    Image.new("RGB", (4000, 3000), "#b22222").save(buffer, "JPEG", exif=exif)
    photo = upload("peking.jpg", buffer.getvalue(), "image/jpeg")

    report = experience.save_report(
        application,
        by=application.applicant,
        data=_data(photo_consent=True),
        photo=photo,
        submit=True,
    )
    experience.publish_report(report, actor=coordinator)
    with report.photo.open("rb") as stored, Image.open(stored) as image:
        size, stored_exif = image.size, image.getexif()
    page = client.get(call.programme.url).content.decode()

    assert size == (1200, 1600)  # upright: portrait, the long side 1600 px
    assert (report.photo_width, report.photo_height) == (1200, 1600)
    assert dict(stored_exif) == {}
    assert 'width="1200" height="1600" loading="lazy" class="report-photo"' in page


def _report_with_photo(application):
    photo = upload("beijing.png", png_bytes(), "image/png")
    return experience.save_report(
        application, by=application.applicant, data=_data(photo_consent=True), photo=photo
    )


def test_deleting_personal_data_deletes_the_report_photo(
    call, private_root, django_capture_on_commit_callbacks
):
    application = ApplicationFactory(call=call, status=S.ACCEPTED)
    other = ApplicationFactory(call=call, status=S.ACCEPTED)
    with django_capture_on_commit_callbacks(execute=True):
        report = _report_with_photo(application)
        kept = _report_with_photo(other)
    photo = private_root / report.photo.name
    assert photo.is_file()

    with django_capture_on_commit_callbacks(execute=True):
        services.delete_personal_data(application.applicant)

    assert not photo.exists()
    assert [p.name for p in private_root.rglob("*") if p.is_file()] == [
        kept.photo.name.rsplit("/", 1)[-1]
    ]
    assert list(ExperienceReport.objects.all()) == [kept]


def test_purging_a_withdrawn_participant_deletes_the_report_photo(
    call, private_root, django_capture_on_commit_callbacks
):
    application = ApplicationFactory(call=call, status=S.ACCEPTED)
    with django_capture_on_commit_callbacks(execute=True):
        report = _report_with_photo(application)
    photo = private_root / report.photo.name
    application.status = S.WITHDRAWN
    application.save(update_fields=["status"])
    later = call.closes_at + datetime.timedelta(days=31 * call.retention_months + 1)

    with django_capture_on_commit_callbacks(execute=True):
        assert services.purge_expired_applications(now=later) == 1

    assert not photo.exists()
    assert [p for p in private_root.rglob("*") if p.is_file()] == []


def test_submitted_report_is_shown_to_its_author_in_the_language_written(client, call):
    application = ApplicationFactory(call=call, status=S.ACCEPTED)
    experience.save_report(
        application,
        by=application.applicant,
        data=_data(language="en", title="Labs", text="Great labs."),
        submit=True,
    )
    client.force_login(application.applicant)

    page = client.get(reverse("mobility:report", args=[application.pk])).content.decode()

    assert '<h2 lang="en">Labs</h2>' in page
    assert '<div lang="en"><p>Great labs.</p></div>' in page
