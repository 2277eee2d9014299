import io
import subprocess

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from PIL import Image
from pypdf import PdfReader

from qiao.mobility import services
from qiao.mobility.enums import ApplicationStatus
from qiao.mobility.models import CallQuestion, DocumentBundle, Review

from .factories import ApplicationFactory, UserFactory, png_bytes, upload

pytestmark = pytest.mark.django_db

MOTIVATION = (
    "我想在大连理工大学学习机械工程，因为中德合作在这个领域有很长的传统。"
    + "Ich möchte außerdem lernen, wie Forschungsprojekte zwischen Hochschulen beider "
    "Länder entstehen und welche Rolle die Industrie dabei spielt. " * 4 + "ENDE-DER-MOTIVATION"
)


@pytest.fixture
def coordinator():
    user = UserFactory(is_staff=True)
    user.user_permissions.add(
        Permission.objects.get(codename="change_application"),
        Permission.objects.get(codename="access_admin"),
    )
    return user


@pytest.fixture
def application(call):
    call.criteria_de = "Motivation\nStudienleistung"
    call.criteria_zh = "动机\n学业成绩"
    call.save()
    question = CallQuestion.objects.create(call=call, text_de="Welche Sprachen sprechen Sie?")
    application = ApplicationFactory(
        call=call, motivation=MOTIVATION, answers={str(question.pk): "Deutsch, 中文 und Englisch"}
    )
    for document_type, content in (("cv", None), ("transcript", png_bytes())):
        if document_type not in call.required_documents:
            call.required_documents = [*call.required_documents, document_type]
            call.save()
        services.add_document(
            application,
            by=application.applicant,
            document_type=document_type,
            uploaded=upload("x.png" if content else "cv.pdf", content),
        )
    application.status = ApplicationStatus.SUBMITTED
    application.save()
    reviewer = UserFactory(first_name="Wang", last_name="Fang")
    Review.objects.create(
        application=application,
        reviewer=reviewer,
        score=8,
        criterion_scores=[9, 7],
        comment="很好的候选人, sehr überzeugend.",
    )
    return application


@pytest.fixture
def prepare(coordinator, django_capture_on_commit_callbacks):
    def prepare(application, language="de"):
        with django_capture_on_commit_callbacks(execute=True):
            bundle = services.request_bundle(application, by=coordinator, language=language)
        bundle.refresh_from_db()
        return bundle

    return prepare


def _text(pdf: bytes) -> str:
    completed = subprocess.run(  # noqa: S603
        ["pdftotext", "-layout", "-", "-"],  # noqa: S607
        input=pdf,
        capture_output=True,
        check=True,
    )
    return " ".join(completed.stdout.decode().split())


def test_bundle_is_prepared_by_the_worker_and_then_offered(
    client, coordinator, application, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    page = reverse("mobility_admin:application", args=[application.pk])
    assert client.get(reverse("mobility_admin:bundle", args=[application.pk])).status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("mobility_admin:bundle_request", args=[application.pk]))
    assert response.status_code == 302
    assert DocumentBundle.objects.get().status == "ready"
    assert 'bundle.pdf"' in client.get(page).content.decode()
    download = client.get(reverse("mobility_admin:bundle", args=[application.pk]))
    pdf = b"".join(download.streaming_content)
    download.close()
    assert download["Content-Disposition"] == (
        f'attachment; filename="application-{application.pk}.pdf"'
    )
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 1 + 1 + 1


def test_bundle_cover_has_chinese_long_text_answers_and_reviews(application, prepare):
    bundle = prepare(application)
    with bundle.file.open("rb") as handle:
        text = _text(handle.read())
    # Every word of the motivation is there, the Chinese first line and the very end.
    assert "我想在大连理工大学学习机械工程" in text.replace(" ", "")
    assert "ENDE-DER-MOTIVATION" in text
    assert text.count("welche Rolle die Industrie dabei spielt.") == 4
    assert "Welche Sprachen sprechen Sie? Deutsch, 中文 und Englisch" in text
    assert "Wang Fang" in text
    assert "Motivation 9" in text
    assert "Studienleistung 7" in text
    assert "很好的候选人, sehr überzeugend." in text


def test_bundle_font_is_embedded(application, prepare):
    bundle = prepare(application, "zh-hans")
    with bundle.file.open("rb") as handle:
        reader = PdfReader(handle)
        fonts = [font.get_object() for font in reader.pages[0]["/Resources"]["/Font"].values()]
        embedded = [
            str(font["/BaseFont"]).split("+", 1)[1]
            for font in fonts
            if "/FontDescriptor" in font and "/FontFile2" in font["/FontDescriptor"].get_object()
        ]
    assert embedded[:1] == ["WenQuanYiMicroHei-0"]
    assert set(embedded) == {"WenQuanYiMicroHei-0"}


def test_bundle_over_its_time_budget_fails_cleanly(application, prepare, settings):
    settings.BUNDLE_MAX_SECONDS = 0
    bundle = prepare(application)
    assert (bundle.status, bundle.file.name) == ("failed", "")


def test_bundle_over_its_memory_budget_fails_cleanly(application, prepare, settings):
    # A real 4000 x 4000 px scan decodes to 48 MB, far over a 1 MB budget however much
    # the worker has already loaded.
    scan = io.BytesIO()
    Image.new("RGB", (4000, 4000), (240, 240, 240)).save(scan, format="PNG")
    application.status = ApplicationStatus.DRAFT
    application.save()
    services.add_document(
        application,
        by=application.applicant,
        document_type="transcript",
        uploaded=upload("scan.png", scan.getvalue()),
    )
    settings.BUNDLE_MAX_MEMORY_MB = 1
    bundle = prepare(application)
    assert (bundle.status, bundle.file.name) == ("failed", "")
