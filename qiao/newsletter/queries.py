"""Reads of the newsletter: the archive, the audience of an issue, the figures."""

from django.conf import settings
from django.db.models import OuterRef, Subquery
from wagtail.models import Locale

from qiao.core.localization import translations_of

from .enums import SendingStatus
from .models import IssueSending, NewsletterIndexPage, NewsletterIssuePage, Subscriber

# The fallback rule (README, "Newsletter"): a subscriber gets an issue in the first of their
# languages it exists in; if none, in English; if not in English either, in the original.
FALLBACK_LANGUAGE = "en"


def archive_page(locale: Locale | None = None):
    locale = locale or Locale.get_active()
    return NewsletterIndexPage.objects.live().public().filter(locale=locale).first()


def privacy_url(request) -> str:
    archive = archive_page() or NewsletterIndexPage.objects.live().first()
    if archive is None or archive.privacy_page is None:
        return ""
    privacy = archive.privacy_page.localized
    return privacy.get_url(request) or ""


def archived_issues(locale: Locale):
    """The sent issues in one language, newest first, each with ``sent_at``."""
    started = IssueSending.objects.filter(
        issue__translation_key=OuterRef("translation_key"),
        status__in=[SendingStatus.SENDING, SendingStatus.DONE],
    ).order_by("started_at")
    return (
        NewsletterIssuePage.objects.live()
        .public()
        .filter(locale=locale, alias_of__isnull=True)
        .annotate(sent_at=Subquery(started.values("started_at")[:1]))
        .filter(sent_at__isnull=False)
        .order_by("-sent_at", "-pk")
    )


def sent_at(issue: NewsletterIssuePage):
    return (
        IssueSending.objects.filter(
            issue__translation_key=issue.translation_key,
            status__in=[SendingStatus.SENDING, SendingStatus.DONE],
        )
        .order_by("started_at")
        .values_list("started_at", flat=True)
        .first()
    )


def issue_versions(issue: NewsletterIssuePage) -> dict[str, NewsletterIssuePage]:
    """The issue's live versions, by language code (copies of the original do not count)."""
    versions = translations_of(issue).select_related("locale").specific()
    return {page.locale.language_code: page for page in versions}


def language_for(languages: list[str], available, *, original: str) -> str:
    """The fallback rule, for one subscriber."""
    for code in [*languages, FALLBACK_LANGUAGE]:
        if code in available:
            return code
    return original


def audience(issue: NewsletterIssuePage):
    """The subscribers an issue goes to: confirmed, and subscribed to one of its topics.
    Bounced, invalid, unconfirmed and former subscribers are skipped."""
    return Subscriber.objects.active().for_topics(issue.topics)


def audience_summary(issue: NewsletterIssuePage) -> dict:
    """For the confirmation page: how many get the issue, in which language."""
    versions = issue_versions(issue)
    source_code = source_language(issue)
    by_language: dict[str, int] = {}
    for languages in audience(issue).values_list("languages", flat=True):
        code = language_for(languages, versions, original=source_code)
        by_language[code] = by_language.get(code, 0) + 1
    names = dict(settings.LANGUAGES)
    return {
        "total": sum(by_language.values()),
        "by_language": [
            {"code": code, "name": names.get(code, code), "count": count}
            for code, count in sorted(by_language.items())
        ],
        "versions": sorted(versions),
        "missing": [code for code, _name in settings.LANGUAGES if code not in versions],
    }


def source_language(issue: NewsletterIssuePage) -> str:
    """The language the issue was written in (the oldest of its versions)."""
    first = (
        NewsletterIssuePage.objects.filter(translation_key=issue.translation_key)
        .order_by("pk")
        .select_related("locale")
        .first()
    )
    return first.locale.language_code if first else settings.LANGUAGE_CODE
