"""CMS documents (uploaded by editors) are always downloaded, never shown in the site's
origin: an HTML, SVG or script file opened here could act as the signed-in user."""

from pathlib import PurePosixPath

from django.conf import settings
from django.http import Http404
from wagtail.documents import get_document_model
from wagtail.documents.views.serve import serve

SANDBOX_POLICY = "default-src 'none'; sandbox"


def serve_document(request, document_id: str, document_filename: str):
    document = get_document_model().objects.filter(pk=document_id).first()
    if document is not None:
        extension = PurePosixPath(document.filename).suffix.lstrip(".").lower()
        if extension not in settings.WAGTAILDOCS_EXTENSIONS:
            # Uploaded before the list of allowed types existed: not served at all.
            raise Http404
    response = serve(request, document_id, document_filename)
    if response.status_code == 200:
        response["Content-Security-Policy"] = SANDBOX_POLICY
        if not response.get("Content-Disposition", "").startswith("attachment"):
            response["Content-Disposition"] = document.content_disposition
    return response
