from django import template
from django.conf import settings
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page

from qiao.core import services, times
from qiao.core.i18n import html_lang as to_html_lang
from qiao.core.i18n import url_prefix
from qiao.core.localization import translations_of, untranslated_source_language

register = template.Library()


@register.filter
def html_lang(language_code: str) -> str:
    return to_html_lang(language_code)


def _locale_home(request):
    """The home page of the current language (cached on the request)."""
    if not hasattr(request, "_qiao_home"):
        request._qiao_home = (
            Page.objects.filter(depth=2, locale=Locale.get_active()).live().first()
            or Page.objects.filter(depth=2).live().first()
        )
    return request._qiao_home


@register.simple_tag(takes_context=True)
def locale_home(context):
    return _locale_home(context["request"])


@register.simple_tag(takes_context=True)
def content_version(context):
    """The content version, read once per request: part of the header's and footer's cache
    key (see qiao.core.models.ContentVersion)."""
    return services.content_version(context.get("request"))


@register.simple_tag(takes_context=True)
def menu_section(context):
    """The path of the top-level section the current page is in ("" outside of one): the
    menu marks that section as current."""
    page = context.get("page")
    if isinstance(page, Page) and page.depth > 2:
        return page.path[: 3 * Page.steplen]
    return ""


@register.simple_tag(takes_context=True)
def main_menu(context):
    home = _locale_home(context["request"])
    if home is None:
        return []
    return list(home.get_children().live().public().in_menu().order_by("path"))


def _route_suffix(request, page) -> str:
    page_url = page.get_url(request) or ""
    if page_url and request.path.startswith(page_url):
        return request.path[len(page_url) :]
    return ""


def _local_translation(request, code: str) -> str:
    """This address in another language; the language's home page where the address is
    not a path on this site (e.g. ``//other.host/`` on the 404 page)."""
    url = translate_url(request.get_full_path(), code)
    if url.startswith("/") and url_has_allowed_host_and_scheme(url, allowed_hosts=None):
        return url
    return f"/{url_prefix(code)}/"


@register.simple_tag(takes_context=True)
def language_links(context):
    """One link per language, leading to this page's translation; where there is none, to a
    notice that says so and offers the versions that exist."""
    request = context["request"]
    page = context.get("page")
    current = translation.get_language()
    links = []
    translations = {}
    if isinstance(page, Page) and page.pk:
        translations = {
            other.locale.language_code: other
            for other in translations_of(page).select_related("locale")
        }
    for code, name in settings.LANGUAGES:
        available = True
        if isinstance(page, Page) and page.pk:
            if code in translations:
                # A routable page's sub-page (e.g. one partner under the partners page)
                # keeps its route in the other language.
                url = translations[code].get_url(request) + _route_suffix(request, page)
            else:
                available = False
                with translation.override(code):
                    url = reverse("not_translated", args=[page.pk])
        else:
            url = _local_translation(request, code)
        links.append(
            {
                "code": code,
                "lang": to_html_lang(code),
                "prefix": url_prefix(code),
                "name": name,
                "url": url,
                "is_current": code == current,
                "is_available": available,
            }
        )
    return links


@register.simple_tag
def dual_time(value, end=None, show_date=True):
    """A moment (or a span of time, with ``end``) shown in Berlin time with the China
    Standard Time equivalent beside it."""
    if value is None:
        return ""
    berlin, china = times.berlin_and_china(value, end, show_date=show_date)
    moment = format_html(
        '<time datetime="{}">{}</time>',
        times.in_berlin(value).isoformat(timespec="seconds"),
        berlin,
    )
    # Both zones are named: a reader in China takes an unnamed time for their own.
    before, _time, after = _("%(time)s Berlin time").partition("%(time)s")
    labelled = format_html("{}{}{}", before, moment, after)
    return format_html(
        '{} <span class="cst">({})</span>', labelled, _("%(time)s China time") % {"time": china}
    )


@register.simple_tag
def dual_time_text(start, end=None, show_date=True):
    """The plain-text form of ``dual_time`` for e-mails, optionally a span of time."""
    return times.dual_time_text(start, end, show_date=show_date)


@register.filter
def month_name(number):
    """The name of month 1-12 in the active language ("März", "三月")."""
    from django.utils.dates import MONTHS

    try:
        return MONTHS[int(number)]
    except (KeyError, TypeError, ValueError):
        return number


@register.filter
def weekday_date(value):
    """A day with its weekday, in the order of the active language."""
    return times.weekday_date(value) if value else ""


@register.simple_tag(takes_context=True)
def content_lang_attr(context, obj):
    """``lang="…"`` when an object's language differs from the page's language."""
    locale = getattr(obj, "locale", None)
    if locale is None or locale.language_code == translation.get_language():
        return ""
    return format_html(' lang="{}"', to_html_lang(locale.language_code))


@register.simple_tag
def accessible_widget(field):
    """A form field's widget tied to its help text and error message for screen readers."""
    described_by = []
    attrs = {}
    if field.help_text:
        described_by.append(f"{field.auto_id}-help")
    if field.errors:
        described_by.append(f"{field.auto_id}-error")
        attrs["aria-invalid"] = "true"
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    return field.as_widget(attrs=attrs)


@register.simple_tag(takes_context=True)
def untranslated_notice(context):
    """A notice on a published translation that still shows parts in the original language."""
    page = context.get("page")
    if not isinstance(page, Page) or page.locale.language_code == settings.LANGUAGE_CODE:
        return ""
    source_language = untranslated_source_language(page)
    if source_language is None:
        return ""
    info = translation.get_language_info(source_language)
    return format_html(
        '<div class="wrap"><p class="notice notice-untranslated">{}</p></div>',
        _("Parts of this page are not translated yet and are shown in %(language)s.")
        % {"language": info["name_translated"]},
    )


@register.simple_tag(takes_context=True)
def account_links(context) -> dict:
    """The header's account part for the visitor of this request. It is never cached: it
    depends on who is signed in (the cached brand and menu do not)."""
    from qiao.mobility.access import reviewable_calls

    request = context["request"]
    user = request.user
    if not user.is_authenticated:
        return {"is_authenticated": False, "next": request.get_full_path()}
    return {"is_authenticated": True, "is_reviewer": reviewable_calls(user).exists()}
