"""Reads of the newsletter: the archive, the audience of an issue, the figures."""

from django.conf import settings
from django.db.models import Count, OuterRef, Q, Subquery
from wagtail.models import Locale

from qiao.core.localization import translations_of

from .enums import TOPIC_FIELDS, SendingStatus, SubscriberStatus
from .models import IssueSending, NewsletterIndexPage, NewsletterIssuePage, Subscriber

# The fallback rule (README, "Newsletter"): a subscriber gets an issue in the first of their
# languages it exists in; if none, in English; if not in English either, in the original.
FALLBACK_LANGUAGE = "en"


def archive_page(locale: Locale | None = None):
    locale = locale or Locale.get_active()
    return NewsletterIndexPage.objects.live().public().filter(locale=locale).first()


def privacy_url(request) -> str:
    """The privacy page in the active language; a full address without a request."""
    archive = archive_page() or NewsletterIndexPage.objects.live().first()
    if archive is None or archive.privacy_page is None:
        return ""
    privacy = archive.privacy_page.localized
    if request is None:
        return privacy.get_full_url() or ""
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


def sending_figures(sending: IssueSending) -> dict:
    """Sent, failed and waiting e-mails of one sending (from the outbox rows)."""
    from qiao.outbox.enums import EmailStatus

    counts = dict.fromkeys(EmailStatus.values, 0)
    rows = (
        sending.deliveries.exclude(email=None).values_list("email__status").annotate(n=Count("pk"))
    )
    for status, n in rows:
        counts[status] = n
    return {
        "queued": sending.deliveries.count(),
        "sent": counts[EmailStatus.SENT],
        "failed": counts[EmailStatus.FAILED],
        "waiting": counts[EmailStatus.QUEUED] + counts[EmailStatus.SENDING],
        "audience": sending.audience_count,
    }


def newsletter_figures(start=None, end=None) -> dict:
    """The figures for the back office and the statistics page: subscribers per language
    and topic (active at ``end``, and new in the period), and sent/failed per issue sent in
    the period. ``start`` and ``end`` are aware datetimes; None means unbounded."""
    from django.utils import timezone

    end = end or timezone.now()
    active = Subscriber.objects.filter(consent_at__lte=end).filter(
        Q(status=SubscriberStatus.ACTIVE)
        | Q(status=SubscriberStatus.UNSUBSCRIBED, unsubscribed_at__gt=end)
    )
    new = Subscriber.objects.filter(consent_at__lte=end)
    left = Subscriber.objects.filter(unsubscribed_at__lte=end)
    if start is not None:
        new = new.filter(consent_at__gte=start)
        left = left.filter(unsubscribed_at__gte=start)
    per_language = dict.fromkeys((code for code, _name in settings.LANGUAGES), 0)
    for languages in active.values_list("languages", flat=True):
        for code in languages:
            per_language[code] = per_language.get(code, 0) + 1
    per_topic = {
        topic: active.filter(**{field: True}).count() for topic, field in TOPIC_FIELDS.items()
    }
    sendings = IssueSending.objects.filter(
        status__in=[SendingStatus.SENDING, SendingStatus.DONE], started_at__lte=end
    ).select_related("issue")
    if start is not None:
        sendings = sendings.filter(started_at__gte=start)
    return {
        "start": start,
        "end": end,
        "subscribers": active.count(),
        "new_subscribers": new.count(),
        "unsubscribed": left.count(),
        "per_language": per_language,
        "per_topic": per_topic,
        "issues": [
            {"title": s.issue.title, "started_at": s.started_at, **sending_figures(s)}
            for s in sendings.order_by("started_at")
        ],
    }
