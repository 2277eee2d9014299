import re

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.middleware import locale
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.utils.cache import patch_cache_control

from .views import page_not_found


class SiteCSPMiddleware(CSPMiddleware):
    """The strict policy for the public site. Wagtail's admin needs inline script and
    style, so its pages (staff only, behind a login) get CSP_ADMIN_DIRECTIVES: relaxed for
    inline code, still nothing from another host."""

    def process_response(self, request, response):
        if request.path.startswith(settings.CSP_ADMIN_PATH_PREFIXES):
            response._csp_config = settings.CSP_ADMIN_DIRECTIVES
        return super().process_response(request, response)


# A run of digits longer than any database id (the largest 64-bit integer has 19 digits).
OVERSIZED_NUMBER = re.compile(r"[0-9]{19,}")


class RequestLimitsMiddleware:
    """Refuses, before anything reads the body or the database, a request body larger
    than REQUEST_MAX_BYTES (413) and an address with a number too large for any id
    (404; the database would fail on it)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.REQUEST_MAX_BYTES:
            response = render(
                request,
                "413.html",
                {"limit": filesizeformat(settings.REQUEST_MAX_BYTES)},
                status=413,
            )
            # The body is not read; the connection cannot carry another request.
            response["Connection"] = "close"
            return response
        if OVERSIZED_NUMBER.search(request.path_info):
            return page_not_found(request)
        return self.get_response(request)


# Pages with personal data: applicants' accounts and applications, staff documents, and
# everything allauth shows (sign-in, e-mail confirmation, password reset).
PERSONAL_NAMESPACES = {"accounts", "mobility", "partners"}
# Pages opened with a signed link from an e-mail: the address itself is the key.
SIGNED_LINK_VIEWS = {
    "events:confirm",
    "events:cancel",
    "advising:confirm",
    "advising:manage",
    "advising:cancel",
    "advising:rebook",
    "advising:calendar",
    "account_confirm_email",
    "account_reset_password_from_key",
    "account_reset_password_from_key_done",
}


class PersonalPagesMiddleware:
    """Keeps pages with personal data out of shared caches and the browser's disk cache
    (Cache-Control: private, no-store), and pages behind signed links out of search
    engines (X-Robots-Tag: noindex)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        if match is None:
            return response
        signed_link = match.view_name in SIGNED_LINK_VIEWS
        personal = (
            signed_link
            or bool(set(match.namespaces) & PERSONAL_NAMESPACES)
            or (match.url_name or "").startswith("account_")
        )
        if personal:
            patch_cache_control(response, private=True, no_store=True)
        if signed_link:
            response["X-Robots-Tag"] = "noindex, nofollow"
        return response


ADMIN_PREFIXES = ("/admin/",)


class LocaleMiddleware(locale.LocaleMiddleware):
    """Django's language middleware, except that a "not found" in the back office stays
    one: Django would send it to /de/admin/..., which the page tree then answers with the
    public site's 404 page."""

    def process_response(self, request, response):
        if response.status_code == 404 and request.path_info.startswith(ADMIN_PREFIXES):
            return response
        return super().process_response(request, response)
