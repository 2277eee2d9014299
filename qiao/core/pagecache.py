"""The whole-page cache for visitors who are not signed in.

A public page is rendered once and then served from the cache (``CACHES["default"]``:
local memory per process, or Redis shared by all) until the content changes. The key is
the path, the query string, the language and the content version
(qiao.core.models.ContentVersion): every publish, unpublish, move or deletion of a page,
every save of a snippet, setting, event, call or partner that public pages show moves the
version on (qiao.core.signals), so the next request in every process misses the old entry.
The version is a row in the database, read once per request: with local memory each
process has its own cache but all of them read the same version, and a change becomes
visible exactly when its transaction commits. With Redis each process also keeps a copy of
the pages it served last (see _lookup), under the same key and until the same moment.

Live figures (seats left, "full", registration closed, open calls and places) change
without a publish: pages that show them are kept at most PAGE_CACHE_LIVE_SECONDS (see
PAGE_TYPES); the forms themselves (registration, application) are never cached and check
for themselves.

What bypasses the cache: anything but GET; a signed-in visitor; a session that holds
anything (messages, a passed page password, a preview); a messages cookie; every address
not listed in CACHED_VIEWS (the back office, forms, signed links, personal pages); search
with a query. A page with a CSRF form (the programme page's "Apply now", the contact form)
is cached with a placeholder for the token, and each visitor gets their own token in it
(and the CSRF cookie that goes with it) when it is served.
"""

import hashlib
import re
import time
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.translation import get_language

from . import services

# Addresses served from the cache, with why it is safe. Every public URL pattern is either
# here or in NOT_CACHED_VIEWS (qiao/core/tests/test_pagecache_urls.py checks it); the back
# office (admin/...) is never cached.
CACHED_VIEWS = {
    "wagtail_serve": "published pages; how long depends on the page type (PAGE_TYPES)",
    "search": "only without a query (the empty search form); results are never cached",
    "sitemap": "the list of published pages",
    "not_translated": "a notice built from published pages only",
    "news_feed_rss": "published news items",
    "news_feed_atom": "published news items",
    "newsletter_feed": "published newsletter issues",
    "theme_css": "colours from the centre settings",
    "robots_txt": "fixed text",
}

_SIGNED_LINK = "a signed link from an e-mail: the address is the key to personal data"
_PERSONAL = "personal data or a form for one person"
_FORM = "a form that checks live figures or rate limits for itself on every request"
_ACCOUNT = "sign-in, sign-up and account pages (allauth)"
_REDIRECT = "a redirect chosen from the visitor's language or session"
NOT_CACHED_VIEWS = {
    "root": _REDIRECT,
    "favicon.ico": "a permanent redirect to a static file",
    "sitemap_xml": "cached by its own view for 10 minutes (cache_page)",
    "admin_login": _ACCOUNT,
    "wagtaildocs_serve": "documents check collection privacy on every download",
    "wagtaildocs_authenticate_with_password": "a password form for a private document",
    "wagtailcore_authenticate_with_password": "a password form for a private page",
    "wagtailcore_login": _ACCOUNT,
    **{
        name: _ACCOUNT
        for name in (
            "account_login",
            "account_logout",
            "account_inactive",
            "account_signup",
            "account_reauthenticate",
            "account_email",
            "account_email_verification_sent",
            "account_change_password",
            "account_set_password",
            "account_reset_password",
            "account_confirm_login_code",
            "account_reset_password_done",
            "mfa_index",
            "mfa_authenticate",
            "mfa_reauthenticate",
            "mfa_activate_totp",
            "mfa_deactivate_totp",
            "mfa_view_recovery_codes",
            "mfa_generate_recovery_codes",
            "mfa_download_recovery_codes",
            "mfa_list_webauthn",
            "mfa_add_webauthn",
            "mfa_reauthenticate_webauthn",
            "mfa_remove_webauthn",
            "mfa_edit_webauthn",
            "accounts:staff_login",
        )
    },
    **{
        name: _SIGNED_LINK
        for name in (
            "account_confirm_email",
            "account_reset_password_from_key",
            "account_reset_password_from_key_done",
            "accounts:welcome",
            "events:confirm",
            "events:cancel",
            "events:manage",
            "events:certificate",
            "events:survey",
            "events:invitation",
            "advising:confirm",
            "advising:manage",
            "advising:cancel",
            "advising:rebook",
            "advising:calendar",
            "newsletter:confirm",
            "newsletter:preferences",
            "newsletter:unsubscribe",
            "incoming:portal",
            "incoming:passport",
            "incoming:letter",
            "incoming:timetable_ics",
        )
    },
    **{
        name: _PERSONAL
        for name in (
            "accounts:dashboard",
            "accounts:export",
            "accounts:delete",
            "mobility:detail",
            "mobility:edit",
            "mobility:upload",
            "mobility:document",
            "mobility:document_delete",
            "mobility:submit",
            "mobility:withdraw",
            "mobility:accept",
            "mobility:decline",
            "mobility:interview",
            "mobility:letter",
            "mobility:report",
            "mobility:report_photo",
            "mobility:interview_ics",
            "mobility:review_calls",
            "mobility:review_call",
            "mobility:review",
            "partners:private_document",
            "partners:visit_sheet",
            "partners:visit_sheet_pdf",
            "newsletter:from_account",
        )
    },
    **{
        name: _FORM
        for name in (
            "events:register",
            "mobility:apply",
            "advising:book",
            "newsletter:subscribe",
        )
    },
    "verify": "the check of a certificate's code counts against a rate limit every time",
    "verify_code": "the check of a certificate's code counts against a rate limit every time",
    "events:registered": "a thank-you page after a form",
    "advising:requested": "a thank-you page after a form",
    "newsletter:requested": "a thank-you page after a form",
    "events:event_ics": "a small calendar file, rarely asked for",
    "events:calendar_feed": "a calendar feed that calendar programs poll with their own caching",
}

LIVE = "live"
STABLE = "stable"
# Page types: LIVE pages show figures that change without a publish (seats left, "full",
# registration closed, open calls, places, free appointments) or depend on today's date
# (upcoming events, current agreements): kept at most PAGE_CACHE_LIVE_SECONDS. STABLE pages
# show published content only: kept until the content version moves on. A page type not
# listed counts as LIVE (qiao/core/tests/test_pagecache_urls.py asks for each to be listed).
PAGE_TYPES = {
    "wagtailcore.page": STABLE,
    "core.homepage": LIVE,  # next events, open calls
    "core.standardpage": LIVE,  # may list programmes with their open calls
    "core.contactpage": STABLE,
    "news.newsindexpage": STABLE,
    "news.newspage": STABLE,
    "newsletter.newsletterindexpage": STABLE,
    "newsletter.newsletterissuepage": STABLE,
    "events.eventindexpage": LIVE,
    "events.eventpage": LIVE,
    "mobility.programmeindexpage": LIVE,
    "mobility.programmepage": LIVE,
    "advising.advisingindexpage": LIVE,
    "advising.advisingtopicpage": LIVE,
    "partners.partnerindexpage": LIVE,  # agreements current today
}

CSRF_INPUT = re.compile(rb'(name="csrfmiddlewaretoken" value=")([A-Za-z0-9]{64})(")')
CSRF_PLACEHOLDER = b"\x00qiao-csrf-token\x00"
# Headers of the view's own response worth keeping; the middleware around this one adds
# the rest (security headers, CSP, Vary, cookies) to every response, cached or not.
KEPT_HEADERS = ("Content-Type", "Content-Language", "Cache-Control", "Last-Modified")


def live_seconds() -> int:
    return settings.PAGE_CACHE_LIVE_SECONDS


def stable_seconds() -> int:
    return settings.PAGE_CACHE_SECONDS


def may_use_cache(request) -> bool:
    """Whether this request may be answered from, and stored in, the page cache."""
    if request.method != "GET" or not settings.PAGE_CACHE_ENABLED:
        return False
    match = request.resolver_match
    if match is None or match.view_name not in CACHED_VIEWS:
        return False
    if match.view_name == "search" and request.GET.get("q"):
        return False
    if "messages" in request.COOKIES:
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        # Only read when the visitor has a session: signed in, messages waiting, a page
        # password passed, a preview: anything in it may change the page.
        if any(True for _ in request.session.keys()):
            return False
    return True


def cache_key(request) -> str:
    query = urlencode(sorted(request.GET.lists()), doseq=True)
    address = hashlib.sha256(f"{request.path}?{query}".encode()).hexdigest()
    return f"qiao:page:v2:{services.content_version(request)}:{get_language()}:{address}"


# With a shared cache (Redis), fetching a page costs a round trip and a copy of it per
# request, about half of what a hit could cost. Each process therefore also keeps the pages
# it served last in its own memory, under the same key: the content version in the key
# keeps this exact (a change moves every process on to a new key on its next request), and
# an entry lives no longer than it does in the shared cache (it carries its expiry time).
LOCAL_ENTRIES = 300
_local = LocMemCache(
    "qiao-page-cache", {"TIMEOUT": None, "OPTIONS": {"MAX_ENTRIES": LOCAL_ENTRIES}}
)


def _keeps_a_local_copy() -> bool:
    return not isinstance(caches["default"], LocMemCache | DummyCache)


def clear_local_copies() -> None:
    """Forget this process's copies (tests that change the cache set-up or reuse versions)."""
    _local.clear()


def _lookup(key: str):
    local = _keeps_a_local_copy()
    entry = _local.get(key) if local else None
    if entry is None:
        entry = cache.get(key)
        if entry is None:
            return None
        # Past its time by this process's clock (which the shared cache's may not share).
        if (remaining := entry[-1] - time.time()) <= 0:
            return None
        if local:
            _local.set(key, entry, remaining)
    return entry


def _keep(key: str, entry, seconds: int) -> None:
    cache.set(key, entry, seconds)
    if _keeps_a_local_copy():
        _local.set(key, entry, seconds)


def cached_response(request) -> HttpResponse | None:
    """The cached page for this request, with this visitor's own CSRF token in it."""
    request._qiao_page_cache_key = cache_key(request)
    entry = _lookup(request._qiao_page_cache_key)
    if entry is None:
        return None
    status, headers, content, has_token, _expires = entry
    if has_token:
        content = content.replace(CSRF_PLACEHOLDER, get_token(request).encode())
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    response["X-Page-Cache"] = "hit"
    return response


def _page_seconds(response) -> int:
    """How long this response may be kept: by the type of the page it shows."""
    page = (getattr(response, "context_data", None) or {}).get("page")
    if page is None:
        return live_seconds()
    kind = PAGE_TYPES.get(type(page)._meta.label_lower)
    return stable_seconds() if kind == STABLE else live_seconds()


def _storable(request, response) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if any(attribute.startswith("_csp_") for attribute in vars(response)):
        return False  # a page-specific policy (a video the visitor chose to load)
    cache_control = response.get("Cache-Control", "")
    if any(word in cache_control for word in ("private", "no-store", "no-cache")):
        return False
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False
    storage = getattr(request, "_messages", None)
    if storage is not None and getattr(storage, "added_new", False):
        return False
    return True


def store(request, response) -> None:
    if not _storable(request, response):
        return
    content = response.content
    has_token = bool(request.META.get("CSRF_COOKIE_NEEDS_UPDATE"))
    if has_token:
        content, replaced = CSRF_INPUT.subn(rb"\1" + CSRF_PLACEHOLDER + rb"\3", content)
        if not replaced:
            return  # the token is used somewhere this cache cannot find it
    headers = [(name, response[name]) for name in KEPT_HEADERS if response.has_header(name)]
    seconds = _page_seconds(response)
    entry = (response.status_code, headers, content, has_token, time.time() + seconds)
    # Under the version read before the page was rendered: a change committed meanwhile
    # has moved the version on, and the next request looks under the new one.
    _keep(request._qiao_page_cache_key, entry, seconds)
    response["X-Page-Cache"] = "miss"


class PageCacheMiddleware:
    """Serves anonymous visitors from the page cache (see this module's docstring). Last in
    MIDDLEWARE: the lookup runs once the address is resolved, right before the view, so
    that every other middleware handles a cached page as it would a fresh one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if hasattr(request, "_qiao_page_cache_key") and not response.has_header("X-Page-Cache"):
            store(request, response)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not may_use_cache(request):
            return None
        return cached_response(request)
