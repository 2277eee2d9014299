from django.conf import settings
from django.contrib import messages
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import connection
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_page
from django.views.decorators.http import require_GET
from wagtail import hooks
from wagtail.models import Locale, Page

from . import services
from .forms import ContactForm
from .i18n import url_prefix
from .localization import translations_of
from .models import CentreSettings
from .ratelimits import over_limit
from .search import WORD, query_words
from .sitemap import render_sitemap

SEARCH_MAX_LENGTH = 200
# Records are found by a part of their names: one letter would find almost all of them.
RECORD_QUERY_MIN_LENGTH = 2


def root_redirect(request):
    """``/`` leads to the visitor's language (browser preference, German by default)."""
    language = translation.get_language_from_request(request, check_path=False)
    return HttpResponseRedirect(f"/{url_prefix(language)}/")


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /django-admin/",
        *(f"Disallow: /{url_prefix(code)}/search/" for code, _name in settings.LANGUAGES),
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


@require_GET
@cache_page(600)
def sitemap_xml(request):
    return render_sitemap(request)


def _active_locale() -> Locale:
    return Locale.get_active()


# SQLite's search backend ranks each match with its own full-text query, so ranking costs
# grow with the square of the number of matches (27 s for 10,000 news items). Above this
# many matches SQLite lists them newest first instead; PostgreSQL always ranks.
SQLITE_RANKING_LIMIT = 200


def _search_pages(terms: str):
    pages = Page.objects.live().public().filter(locale=_active_locale()).specific()
    if connection.vendor == "sqlite":
        newest_first = pages.order_by("-first_published_at").search(terms, order_by_relevance=False)
        if newest_first.count() > SQLITE_RANKING_LIMIT:
            return newest_first
    return pages.search(terms)


def search(request):
    # Control characters (NUL included) are dropped; what is left is shown back as typed.
    typed = request.GET.get("q", "")[:SEARCH_MAX_LENGTH]
    query = "".join(char for char in typed if char.isprintable() or char == " ").strip()
    # Only the words reach the database: Chinese cut into words for the pages, the words as
    # typed (Chinese uncut) for the records.
    words = query_words(query)
    results = Page.objects.none()
    if words:
        results = _search_pages(" ".join(words))
    paginator = Paginator(results, 10)
    try:
        page_obj = paginator.page(request.GET.get("page", 1))
    except (PageNotAnInteger, EmptyPage):
        page_obj = paginator.page(1)
    # Records that are not pages (partners, calls) come from the apps' "qiao_search" hooks:
    # each takes (request, query) and returns a list of {"title", "url", "description"},
    # shown above the pages on the first page of results.
    records = []
    record_query = " ".join(WORD.findall(query))
    if len(record_query) >= RECORD_QUERY_MIN_LENGTH:
        for find in hooks.get_hooks("qiao_search"):
            records.extend(find(request, record_query))
    context = {
        "query": query,
        "searched": bool(typed.strip()),
        "page_obj": page_obj,
        "records": records if page_obj.number == 1 else [],
        "total": paginator.count + len(records),
    }
    return TemplateResponse(request, "core/search.html", context)


def sitemap_page(request):
    """The human-readable site map: the page tree of the current language."""
    locale = _active_locale()
    home = Page.objects.filter(depth=2, locale=locale).first()
    pages = []
    if home is not None:
        pages = home.get_descendants(inclusive=True).live().public().filter(depth__lte=4)
        pages = pages.order_by("path")
    return TemplateResponse(request, "core/sitemap.html", {"pages": pages, "home": home})


def not_translated(request, page_id: int):
    """Where the language switcher leads when the page has no version in this language."""
    page = get_object_or_404(Page.objects.live().public().select_related("locale"), pk=page_id)
    if page.locale == _active_locale():
        return redirect(page.url)
    translations = translations_of(page).public().select_related("locale")
    home = Page.objects.filter(depth=2, locale=_active_locale()).first()
    return TemplateResponse(
        request,
        "core/not_translated.html",
        {"original": page, "translations": translations, "home": home},
        status=200,
    )


def contact_page(request, page):
    """The contact form on a ContactPage: check, store, tell the office, thank."""
    if request.method == "POST":
        form = ContactForm(request.POST)
        status = 400
        if form.is_valid():
            if over_limit(request, group="contact", rate=settings.CONTACT_RATE_LIMIT):
                form.add_error(
                    None, _("Too many messages from your address. Please try again later.")
                )
                status = 429
            else:
                services.receive_contact_message(
                    name=form.cleaned_data["name"],
                    email=form.cleaned_data["email"],
                    subject=form.cleaned_data["subject"],
                    message=form.cleaned_data["message"],
                    language=translation.get_language(),
                )
                messages.success(
                    request, page.thank_you_text or _("Thank you. We will answer soon.")
                )
                return redirect(page.url)
    else:
        form = ContactForm()
        status = 200
    context = page.get_context(request)
    context["form"] = form
    return TemplateResponse(request, "core/contact_page.html", context, status=status)


def rate_limited(request, exception):
    return render(request, "429.html", status=429)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # Rendered without context processors: the database may be what failed.
    from django.template import loader

    template = loader.get_template("500.html")
    return HttpResponse(template.render({"LANGUAGE_CODE": translation.get_language()}), status=500)


@require_GET
def theme_css(request):
    """The centre's colours from the site settings, as a stylesheet (no inline styles)."""
    centre = CentreSettings.load(request_or_site=request)
    css = f":root {{ --primary: {centre.primary_colour}; --accent: {centre.accent_colour}; }}\n"
    response = HttpResponse(css, content_type="text/css")
    response["Cache-Control"] = "public, max-age=300"
    return response


def verify(request, code: str = ""):
    """The public check of a certificate's or letter's code: valid, withdrawn or unknown,
    with the holder's name, the title, the date of issue and the issuing centre."""
    from . import verification

    typed = (code or request.GET.get("code", "")).strip()[:40]
    context = {"typed": typed, "centre": CentreSettings.load(request_or_site=request)}
    status = 200
    if typed:
        if over_limit(request, group="verify", rate=settings.VERIFY_RATE_LIMIT):
            context["error"] = _("Too many checks from your address. Please try again later.")
            status = 429
        elif verification.normalise(typed) is None:
            context["error"] = _(
                "A verification code has 12 letters and digits, such as K7QM-4PXD-92TA."
            )
            status = 400
        else:
            context["document"] = verification.find(typed)
            context["checked"] = True
            status = 200 if context["document"] else 404
    response = TemplateResponse(request, "core/verify.html", context, status=status)
    response["X-Robots-Tag"] = "noindex"
    return response
