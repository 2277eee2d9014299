import datetime
import importlib
import subprocess

import pytest
from django.apps import apps as django_apps
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import translation

from qiao.core.models import CentreSettings
from qiao.partners.enums import AgendaZone, VisitDirection
from qiao.partners.models import AgendaItem, Agreement, DelegationVisit, VisitParticipant

from .factories import AgreementFactory, DelegationVisitFactory, InstitutionFactory, StaffFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


@pytest.fixture
def staff_client(client):
    client.force_login(StaffFactory(username="office"))
    return client


@pytest.fixture
def visit():
    visit = DelegationVisitFactory(
        institutions=[InstitutionFactory(name_de="Provinz Yunnan", name_zh="云南省")]
    )
    VisitParticipant.objects.create(
        visit=visit,
        name_latin="Zhang Wei",
        name_zh="张伟",
        role_de="Stellvertretender Leiter der Bildungsbehörde",
        role_zh="教育厅副厅长",
        is_head=True,
    )
    AgendaItem.objects.create(
        visit=visit,
        starts_at=datetime.datetime(2023, 11, 27, 9, 0, tzinfo=datetime.UTC),
        place_de="Aula Academica",
        place_zh="大礼堂",
        topic_de="Gespräch mit dem Präsidenten",
        topic_zh="与校长会谈",
    )
    return visit


def _sheet_url(visit, language):
    with translation.override(language):
        return reverse("partners:visit_sheet", args=[visit.pk])


def test_visit_sheet_renders_in_german(staff_client, visit):
    response = staff_client.get(_sheet_url(visit, "de"))
    html = response.content.decode()

    assert response.status_code == 200
    assert '<html lang="de">' in html
    assert "<h1>Delegation der Provinz Yunnan</h1>" in html
    assert "<h2>Tagesordnung</h2>" in html
    assert "Gespräch mit dem Präsidenten" in html
    assert "Stellvertretender Leiter der Bildungsbehörde" in html
    assert '<td lang="zh-Hans">张伟</td>' in html


def test_visit_sheet_renders_in_chinese(staff_client, visit):
    response = staff_client.get(_sheet_url(visit, "zh-hans"))
    html = response.content.decode()

    assert response.status_code == 200
    assert '<html lang="zh-Hans">' in html
    assert "<h1>云南省代表团来访</h1>" in html
    assert "<h2>日程</h2>" in html
    assert "与校长会谈" in html
    assert "教育厅副厅长" in html
    assert "大礼堂" in html


def test_visit_sheet_is_for_staff_only(client, visit):
    anonymous = client.get(_sheet_url(visit, "de"))
    client.force_login(get_user_model().objects.create_user("guest", "guest@example.org", "x"))
    member = client.get(_sheet_url(visit, "de"))

    assert (anonymous.status_code, anonymous["Location"].split("?")[0]) == (302, "/admin/login/")
    assert member.status_code == 403


def _messages(error: ValidationError, language: str) -> dict:
    with translation.override(language):
        return {field: [str(text) for text in texts] for field, texts in error.message_dict.items()}


def test_agreement_validity_must_end_after_it_starts():
    agreement = AgreementFactory.build(
        valid_from=datetime.date(2024, 1, 1), valid_until=datetime.date(2023, 12, 31)
    )

    with pytest.raises(ValidationError) as error:
        agreement.full_clean(exclude=["responsible"])

    assert _messages(error.value, "en") == {
        "valid_until": ["The end of validity must be after its start."]
    }
    assert _messages(error.value, "de") == {
        "valid_until": ["Das Ende der Gültigkeit muss nach ihrem Beginn liegen."]
    }


def test_visit_cannot_end_before_it_starts():
    visit = DelegationVisit(
        title_de="Besuch",
        starts_on=datetime.date(2023, 11, 27),
        ends_on=datetime.date(2023, 11, 26),
    )

    with pytest.raises(ValidationError) as error:
        visit.full_clean()

    assert _messages(error.value, "en") == {
        "ends_on": ["The last day cannot be before the first day."]
    }
    assert _messages(error.value, "zh-hans") == {"ends_on": ["结束日期不能早于开始日期。"]}


def test_admin_form_shows_the_date_message_and_saves_nothing(staff_client):
    partner = InstitutionFactory()
    with translation.override("en"):
        url = reverse("wagtailsnippets_partners_agreement:add")

    response = staff_client.post(
        url,
        {
            "type": "exchange",
            "title": "Exchange with bad dates",
            "partners": [partner.pk],
            "valid_from": "2025-06-01",
            "valid_until": "2025-05-31",
        },
        HTTP_ACCEPT_LANGUAGE="de",
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "valid_until": ["Das Ende der Gültigkeit muss nach ihrem Beginn liegen."]
    }
    assert Agreement.objects.count() == 0


@pytest.fixture
def agreement_with_document(private_media):
    agreement = AgreementFactory()
    agreement.document.save("framework-2016.pdf", ContentFile(PDF))
    return agreement


def test_signed_document_is_stored_privately(agreement_with_document, private_media, settings):
    path = agreement_with_document.document.path

    assert path.startswith(str(private_media))
    assert not path.startswith(str(settings.MEDIA_ROOT))


def test_signed_document_is_not_reachable_anonymously(client, agreement_with_document):
    url = agreement_with_document.document.url

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"].split("?")[0] == "/admin/login/"


def test_signed_document_is_refused_to_non_staff(client, agreement_with_document):
    client.force_login(get_user_model().objects.create_user("guest", "guest@example.org", "x"))

    response = client.get(agreement_with_document.document.url)

    assert response.status_code == 403


def test_signed_document_is_served_to_staff(staff_client, agreement_with_document):
    response = staff_client.get(agreement_with_document.document.url)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"].startswith("attachment;")


def test_unknown_document_name_is_not_found_for_staff(staff_client, agreement_with_document):
    response = staff_client.get("/de/partner-network/documents/../../etc/passwd")

    assert response.status_code == 404


def test_expiring_soon_admin_list_shows_only_agreements_ending_within_the_window(staff_client):
    today = datetime.date.today()  # noqa: DTZ011 - the admin filter uses the local date
    AgreementFactory(title="Ends soon", valid_until=today + datetime.timedelta(days=45))
    AgreementFactory(title="Ends later", valid_until=today + datetime.timedelta(days=400))
    AgreementFactory(title="Open-ended", valid_until=None)
    with translation.override("en"):
        url = reverse("wagtailsnippets_partners_agreement:list")

    response = staff_client.get(f"{url}?expiring=90")

    assert [agreement.title for agreement in response.context["object_list"]] == ["Ends soon"]


def test_signed_document_must_be_a_real_pdf():
    from django.core.files.uploadedfile import SimpleUploadedFile

    from qiao.partners.models import validate_pdf

    with pytest.raises(ValidationError) as error:
        validate_pdf(SimpleUploadedFile("agreement.pdf", b"<html>not a pdf</html>"))
    validate_pdf(SimpleUploadedFile("agreement.pdf", PDF))

    with translation.override("en"):
        messages = [str(message) for message in error.value.messages]
    assert messages == ["Please upload the signed agreement as a PDF file."]


def test_signed_document_over_the_size_limit_is_refused(settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from qiao.partners.models import validate_pdf

    settings.UPLOAD_MAX_BYTES = 10
    with pytest.raises(ValidationError) as error:
        validate_pdf(SimpleUploadedFile("agreement.pdf", PDF))

    assert error.value.code == "size"


@pytest.fixture
def outgoing():
    visit = DelegationVisitFactory(
        direction=VisitDirection.OUTGOING,
        title_de="Reise nach Dalian",
        title_zh="访问大连",
        starts_on=datetime.date(2026, 3, 10),
        ends_on=datetime.date(2026, 3, 11),
        hosts="Prof. Li Ming, Dalian University of Technology",
        hosts_zh="李明教授，大连理工大学",
    )
    for day, clock, topic in (
        (datetime.date(2026, 3, 10), datetime.time(9, 30), "Treffen in Dalian"),
        (datetime.date(2026, 3, 11), datetime.time(5, 0), "Abflug"),
    ):
        AgendaItem.objects.create(
            visit=visit,
            zone=AgendaZone.CHINA,
            local_date=day,
            local_time=clock,
            place_de="Dalian",
            place_zh="大连",
            topic_de=topic,
            topic_zh="会谈",
        )
    return visit


def test_agenda_item_is_shown_in_local_time_with_the_other_zone_beside(staff_client, outgoing):
    html = staff_client.get(_sheet_url(outgoing, "de")).content.decode()
    first, second = AgendaItem.objects.order_by("starts_at")

    assert first.starts_at == datetime.datetime(2026, 3, 10, 1, 30, tzinfo=datetime.UTC)
    assert (
        '<time datetime="2026-03-10T09:30:00+08:00">10.03.2026 09:30</time> chinesische Zeit'
        "<br>(02:30 Berliner Zeit)"
    ) in html
    # Five in the morning in China is the evening before in Berlin.
    assert "11.03.2026 05:00</time> chinesische Zeit<br>(10.03.2026 22:00 Berliner Zeit)" in html


def test_agenda_item_in_germany_keeps_its_berlin_time_across_summer_time(outgoing):
    item = AgendaItem.objects.create(
        visit=outgoing,
        zone=AgendaZone.GERMANY,
        local_date=datetime.date(2026, 7, 1),
        local_time=datetime.time(14, 0),
        topic_de="Empfang",
    )

    assert item.starts_at == datetime.datetime(2026, 7, 1, 12, 0, tzinfo=datetime.UTC)
    assert item.other_start.strftime("%Y-%m-%d %H:%M") == "2026-07-01 20:00"


def test_agenda_migration_keeps_the_moment_of_existing_items(outgoing, visit):
    migration = importlib.import_module(
        "qiao.partners.migrations.0004_agenda_local_time_and_hosts_zh"
    )
    moments = dict(AgendaItem.objects.values_list("pk", "starts_at"))
    AgendaItem.objects.update(zone="Europe/Berlin", local_date=datetime.date(2000, 1, 1))

    migration.to_local_time(django_apps, None)

    items = {item.pk: item for item in AgendaItem.objects.select_related("visit")}
    assert {pk: item.starts_at for pk, item in items.items()} == moments
    assert {pk: item.local_start for pk, item in items.items()} == moments
    assert sorted((item.zone, str(item.local_time)) for item in items.values()) == [
        ("Asia/Shanghai", "05:00:00"),
        ("Asia/Shanghai", "09:30:00"),
        ("Europe/Berlin", "10:00:00"),
    ]


def _pdf_text(pdf: bytes) -> str:
    completed = subprocess.run(  # noqa: S603
        ["pdftotext", "-", "-"],  # noqa: S607
        input=pdf,
        capture_output=True,
        check=True,
    )
    return " ".join(completed.stdout.decode().split())


def test_chinese_programme_pdf_is_on_the_letterhead_with_chinese_hosts(staff_client, outgoing):
    centre = CentreSettings.load()
    centre.name_zh = "中国能力中心"
    centre.address = "Musterstraße 1, 38678 Clausthal-Zellerfeld"
    centre.save()
    with translation.override("zh-hans"):
        url = reverse("partners:visit_sheet_pdf", args=[outgoing.pk])

    response = staff_client.get(url)
    text = _pdf_text(response.content)

    assert response["Content-Type"] == "application/pdf"
    assert text.startswith("中国能力中心 Musterstraße 1, 38678 Clausthal-Zellerfeld")
    assert "访问大连" in text
    assert "2026年3月10日 09:30 北京时间 (02:30 柏林时间)" in text
    assert "李明教授，大连理工大学" in text
    assert "Prof. Li Ming" not in text


def test_programme_pdf_is_for_staff_only(client, outgoing):
    url = reverse("partners:visit_sheet_pdf", args=[outgoing.pk])
    client.force_login(get_user_model().objects.create_user("guest", "guest@example.org", "x"))

    assert client.get(url).status_code == 403
