"""Test data of the newsletter: subscribers, an archive and issues in three languages."""

from django.utils import timezone

from qiao.newsletter.enums import Source, SubscriberStatus
from qiao.newsletter.models import NewsletterIndexPage, NewsletterIssuePage, Subscriber


def make_subscriber(
    email="mei@example.org",
    *,
    languages=("zh-hans",),
    topics=("events",),
    status=SubscriberStatus.ACTIVE,
    **fields,
) -> Subscriber:
    from qiao.newsletter.enums import TOPIC_FIELDS

    values = {field: topic in topics for topic, field in TOPIC_FIELDS.items()}
    return Subscriber.objects.create(
        email=email,
        languages=list(languages),
        status=status,
        source=fields.pop("source", Source.FORM),
        consent_text=fields.pop("consent_text", "I agree."),
        consent_at=timezone.now() if status == SubscriberStatus.ACTIVE else None,
        **values,
        **fields,
    )


def make_archive(home, **fields) -> NewsletterIndexPage:
    archive = NewsletterIndexPage(
        title=fields.pop("title", "Newsletter"), slug="newsletter", **fields
    )
    home.add_child(instance=archive)
    archive.save_revision().publish()
    return archive


def make_issue(
    archive, *, title="Ausgabe März", topics=("events",), body=None
) -> NewsletterIssuePage:
    issue = NewsletterIssuePage(
        title=title,
        slug=fields_slug(title),
        teaser="Neues aus dem Zentrum",
        body=body
        or [
            ("heading", "Veranstaltungen"),
            ("text", '<p>Mehr auf <a href="/de/">unserer Seite</a>.</p>'),
        ],
        **{f"for_{topic}": True for topic in topics},
    )
    archive.add_child(instance=issue)
    issue.save_revision().publish()
    return issue


def fields_slug(title: str) -> str:
    from django.utils.text import slugify

    return slugify(title) or "issue"


def translate(page, locale, *, title: str):
    """A published translation of ``page`` (its parent must be translated first)."""
    copy = page.copy_for_translation(locale)
    copy.title = title
    copy.save_revision().publish()
    return type(page).objects.get(pk=copy.pk)
