"""Editors cannot put script into the site's origin: no SVG images, documents only of
the allowed types, and every document served as a download in a sandbox."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.forms import get_image_form

pytestmark = pytest.mark.django_db

SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script href="/documents/1/x.js"/></svg>'


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_image_upload_refuses_svg():
    form_class = get_image_form(get_image_model())
    form = form_class(
        {"title": "Logo"},
        {"file": SimpleUploadedFile("logo.svg", SVG, content_type="image/svg+xml")},
    )

    assert form.is_valid() is False
    assert list(form.errors) == ["file"]


@pytest.mark.parametrize("name", ["steal.js", "page.html", "drawing.svg", "run.exe"])
def test_document_upload_refuses_types_outside_the_allowlist(name):
    document = get_document_model()(title="Datei", file=ContentFile(b"alert(1)", name=name))

    with pytest.raises(ValidationError) as error:
        document.full_clean()

    assert list(error.value.message_dict) == ["file"]


def test_document_is_served_as_download_in_a_sandbox(client):
    document = get_document_model().objects.create(
        title="Flyer", file=ContentFile(b"<script>alert(1)</script>", name="flyer.txt")
    )

    response = client.get(f"/documents/{document.pk}/flyer.txt")
    content = b"".join(response.streaming_content)
    response.close()

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment; filename=")
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert content == b"<script>alert(1)</script>"


def test_pdf_document_is_served_as_download_too(client):
    document = get_document_model().objects.create(
        title="Flyer", file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="flyer.pdf")
    )

    response = client.get(f"/documents/{document.pk}/flyer.pdf")
    b"".join(response.streaming_content)
    response.close()

    assert response["Content-Disposition"].startswith("attachment; filename=")
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"


def test_script_document_uploaded_before_the_allowlist_is_not_served(client):
    document = get_document_model().objects.create(
        title="Alt", file=ContentFile(b"fetch('/admin/')", name="steal.js")
    )

    response = client.get(f"/documents/{document.pk}/steal.js")

    assert response.status_code == 404
