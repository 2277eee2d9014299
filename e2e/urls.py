"""The site's URLs plus uploaded media (in production the reverse proxy serves /media/)."""

from django.conf import settings
from django.urls import re_path
from django.views.static import serve

from qiao.urls import handler404, handler500  # noqa: F401
from qiao.urls import urlpatterns as site_urlpatterns

urlpatterns = [
    re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    *site_urlpatterns,
]
