import io

import pytest
from django.urls import reverse
from django.utils import translation
from PIL import Image

from qiao.mobility.models import ApplicationDocument

from .factories import (
    ApplicationFactory,
    huge_png,
    many_pages_pdf,
    pdf_bytes,
    png_bytes,
    upload,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(call, client):
    application = ApplicationFactory(call=call)
    client.force_login(application.applicant)
    return application


def _post(client, application, uploaded):
    with translation.override("en"):
        url = reverse("mobility:upload", args=[application.pk])
    return client.post(url, {"document_type": "cv", "file": uploaded})


def _stored_files(root):
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("notes.txt", b"just some text", "Only PDF, JPEG and PNG files are accepted"),
        ("cv.pdf", b"\x7fELF\x02\x01\x01" + b"\x00" * 200, "Only PDF, JPEG and PNG files"),
        ("cv.pdf", b"MZ\x90\x00" + b"\x00" * 200, "Only PDF, JPEG and PNG files"),
        ("cv.pdf", b"%PDF-1.4\nthis is not really a pdf", "seems to be damaged"),
        ("photo.png", b"\x89PNG\r\n\x1a\n" + b"broken" * 20, "seems to be damaged"),
        ("..%2F..%2Fcv.pdf", None, "Please rename the file"),
        (".htaccess.pdf", None, "Please rename the file"),
    ],
)
def test_bad_upload_is_refused_and_nothing_stored(
    client, draft, private_root, name, content, message
):
    response = _post(client, draft, upload(name, pdf_bytes() if content is None else content))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert ApplicationDocument.objects.count() == 0
    assert _stored_files(private_root) == []


def test_oversized_upload_is_refused(client, draft, private_root, settings):
    settings.UPLOAD_MAX_BYTES = 500
    response = _post(client, draft, upload("cv.pdf", pdf_bytes() + b"\n" * 600))
    assert response.status_code == 400
    assert "The file is too large" in response.content.decode()
    assert ApplicationDocument.objects.count() == 0
    assert _stored_files(private_root) == []


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [("cv.pdf", pdf_bytes(), "application/pdf"), ("scan.png", png_bytes(), "image/png")],
)
def test_good_upload_is_stored_privately_under_a_generated_name(
    client, draft, private_root, name, content, content_type
):
    response = _post(client, draft, upload(name, content))
    assert response.status_code == 302
    document = ApplicationDocument.objects.get()
    assert (document.original_name, document.content_type) == (name, content_type)
    assert _stored_files(private_root) == [private_root / document.file.name]
    assert name not in document.file.name


def test_upload_after_submission_is_refused(client, draft, private_root):
    draft.status = "submitted"
    draft.save()
    response = _post(client, draft, upload())
    assert response.status_code == 302
    assert ApplicationDocument.objects.count() == 0
    assert _stored_files(private_root) == []


def test_refusal_message_is_translated(client, draft):
    with translation.override("zh-hans"):
        url = reverse("mobility:upload", args=[draft.pk])
    response = client.post(url, {"document_type": "cv", "file": upload("a.txt", b"text")})
    assert "仅接受PDF、JPEG和PNG文件；此文件不属于这些格式。" in response.content.decode()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bomb.png", huge_png(13000, 13000), "at most 50 megapixels are accepted."),
        ("bomb.png", huge_png(20000, 20000), "at most 50 megapixels are accepted."),
        ("long.pdf", many_pages_pdf(60000), "at most 100 pages are accepted."),
        ("tree.pdf", many_pages_pdf(100001), "at most 100 pages are accepted."),
    ],
)
def test_hostile_upload_is_refused_from_its_header(
    client, draft, private_root, name, content, message
):
    response = _post(client, draft, upload(name, content))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert ApplicationDocument.objects.count() == 0
    assert _stored_files(private_root) == []


def test_pixel_and_page_limits_are_settings(client, draft, settings):
    settings.UPLOAD_MAX_PIXELS = 10_000
    settings.UPLOAD_MAX_PDF_PAGES = 2
    assert _post(client, draft, upload("a.png", huge_png(100, 100))).status_code == 302
    assert _post(client, draft, upload("b.png", huge_png(101, 100))).status_code == 400
    assert _post(client, draft, upload("c.pdf", many_pages_pdf(2))).status_code == 302
    response = _post(client, draft, upload("d.pdf", many_pages_pdf(3)))
    assert response.status_code == 400
    assert "at most 2 pages are accepted." in response.content.decode()


@pytest.mark.parametrize(
    ("name", "content", "served_as"),
    [
        ("Lebenslauf.pdf.bat", pdf_bytes(), "Lebenslauf.pdf"),
        ("Lebenslauf.html", pdf_bytes(), "Lebenslauf.pdf"),
        ("Lebenslauf.pdf", pdf_bytes(), "Lebenslauf.pdf"),
        ("Foto.jpeg.exe", None, "Foto.jpeg"),
        ("scan.pdf", png_bytes(), "scan.png"),
    ],
)
def test_download_name_follows_the_detected_type(client, draft, name, content, served_as):
    if content is None:
        buffer = io.BytesIO()
        Image.new("RGB", (8, 8)).save(buffer, format="JPEG")
        content = buffer.getvalue()
    assert _post(client, draft, upload(name, content)).status_code == 302
    document = ApplicationDocument.objects.get()
    response = client.get(reverse("mobility:document", args=[draft.pk, document.pk]))
    assert response.status_code == 200
    response.close()
    assert response["Content-Disposition"] == f'attachment; filename="{served_as}"'


def _post_edit(client, application, data):
    with translation.override("en"):
        url = reverse("mobility:edit", args=[application.pk])
    return client.post(url, data)


def _typed(**extra):
    typed = {"first_name": "Lina", "last_name": "Wolf", "motivation": "Ich lerne Chinesisch."}
    return typed | extra


def test_upload_from_edit_form_saves_typed_details_and_document(client, draft, private_root):
    data = _typed(document_type="cv", file=upload(), upload="")
    response = _post_edit(client, draft, data)
    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.first_name, draft.motivation) == ("Lina", "Ich lerne Chinesisch.")
    assert list(draft.documents.values_list("document_type", flat=True)) == ["cv"]


def test_refused_upload_from_edit_form_keeps_typed_text(client, draft, private_root):
    data = _typed(document_type="cv", file=upload("notes.txt", b"just text"), upload="")
    response = _post_edit(client, draft, data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Only PDF, JPEG and PNG files are accepted" in page
    assert 'value="Lina"' in page
    assert ">\nIch lerne Chinesisch.</textarea>" in page
    draft.refresh_from_db()
    assert draft.motivation == "Ich lerne Chinesisch."
    assert ApplicationDocument.objects.count() == 0


def test_invalid_details_keep_typed_text_and_store_the_document(client, draft, private_root):
    data = _typed(study_programme="x" * 201, document_type="cv", file=upload(), upload="")
    response = _post_edit(client, draft, data)
    assert response.status_code == 400
    page = response.content.decode()
    assert 'value="Lina"' in page
    assert ">\nIch lerne Chinesisch.</textarea>" in page
    assert ApplicationDocument.objects.count() == 1
