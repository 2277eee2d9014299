"""The site's URLs plus /bench/ceiling/: the cheapest Django response through the same
middleware, the upper bound any page can reach on this server."""

from django.http import HttpResponse
from django.urls import path

from qiao.urls import handler404, handler500  # noqa: F401
from qiao.urls import urlpatterns as site_urlpatterns


def ceiling(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/ceiling/", ceiling), *site_urlpatterns]
