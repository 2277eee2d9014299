"""Demo newsletter: the archive in three languages, a few subscribers and one issue in
German, English and Chinese, sent through the outbox like any other."""

from django.utils import timezone
from wagtail.rich_text import RichText

from qiao.core.demo_tools import DemoContext, add_child, translate

from . import sending, services
from .enums import TOPIC_FIELDS, Source, SubscriberStatus
from .models import NewsletterIndexPage, NewsletterIssuePage, Subscriber

ARCHIVE = {
    "de": ("Newsletter", "newsletter", "Alle bisherigen Ausgaben unseres Newsletters."),
    "en": ("Newsletter", "newsletter", "Every issue of our newsletter so far."),
    "zh-hans": ("通讯", "tongxun", "我们以往各期通讯。"),
}

ISSUE = {
    "de": (
        "Newsletter Frühjahr",
        "newsletter-fruehjahr",
        "China-Woche, neue Austauschplätze und ein Blick zurück auf den Winter.",
        "<p>Die China-Woche lädt im Mai wieder zu Vorträgen, Kochabend und Filmnacht ein. "
        "Für das kommende Wintersemester sind neue Austauschplätze an unseren "
        "Partnerhochschulen ausgeschrieben: Bewerbungen sind bis Ende März möglich.</p>",
    ),
    "en": (
        "Spring newsletter",
        "spring-newsletter",
        "China Week, new exchange places and a look back at the winter.",
        "<p>China Week returns in May with talks, a cooking evening and a film night. New "
        "exchange places at our partner universities are open for next winter semester: "
        "applications are welcome until the end of March.</p>",
    ),
    "zh-hans": (
        "春季通讯",
        "chunji-tongxun",
        "五月的文化活动、新的交换名额以及冬季回顾。",
        "<p>五月将再次举办讲座、烹饪之夜和电影之夜。下个冬季学期在合作高校的新交换"
        "名额现已开放申请，截止日期为三月底。</p>",
    ),
}

SUBSCRIBERS = [
    ("lena.hoffmann@example.org", ["de"], ["events", "china_week", "news"], "active"),
    ("tom.becker@example.org", ["en", "de"], ["programmes"], "active"),
    ("wang.fang@example.org", ["zh-hans", "en"], ["events", "programmes", "china_week"], "active"),
    ("chen.jie@example.org", ["zh-hans"], ["news"], "pending"),
    ("old.reader@example.org", ["de"], ["events"], "unsubscribed"),
]


SUMMER = {
    "de": (
        "Newsletter Sommer",
        "newsletter-sommer",
        "Die Summer School beginnt, und wir suchen Buddys für die Gäste aus China.",
        "<p>Im Juli kommen zwanzig Studierende unserer Partnerhochschulen zur Summer School. "
        "Wer ihnen als Buddy den Campus zeigen möchte, meldet sich im Zentrum.</p>",
    ),
    "en": (
        "Summer newsletter",
        "summer-newsletter",
        "The summer school begins, and we are looking for buddies for our guests from China.",
        "<p>In July twenty students of our partner universities arrive for the summer school. "
        "If you would like to show them the campus as a buddy, let the centre know.</p>",
    ),
}


def build(ctx: DemoContext) -> None:
    archives = _archives(ctx)
    _subscribers()
    sending.schedule_sending(_issue(archives, ISSUE), user=None)
    # Published but not sent (no Chinese version yet): ready to try "Test or send".
    _issue(archives, SUMMER)


def _archives(ctx: DemoContext) -> dict:
    title, slug, intro = ARCHIVE["de"]
    german = add_child(
        ctx.homes["de"],
        NewsletterIndexPage(
            title=title, slug=slug, intro=intro, privacy_page=ctx.pages.get("privacy")
        ),
    )
    pages = {"de": german}
    for code in ("en", "zh-hans"):
        title, slug, intro = ARCHIVE[code]
        pages[code] = translate(german, code, title=title, slug=slug, intro=intro)
    ctx.pages["newsletter"] = german
    return pages


def _subscribers() -> None:
    now = timezone.now()
    for email, languages, topics, status in SUBSCRIBERS:
        with_consent = status != "pending"
        Subscriber.objects.create(
            email=email,
            languages=languages,
            status=SubscriberStatus(status),
            source=Source.FORM,
            consent_text=services.consent_text("") if with_consent else "",
            consent_at=now if with_consent else None,
            unsubscribed_at=now if status == "unsubscribed" else None,
            **{field: topic in topics for topic, field in TOPIC_FIELDS.items()},
        )
    services.import_subscribers(
        b"email;languages;topics\nli.ming@example.org;zh-hans;events news\n",
        consent_note="Paper sign-up list at the China Week stand (kept in the office).",
    )


def _issue(archives, texts: dict) -> NewsletterIssuePage:
    title, slug, teaser, body = texts["de"]
    german = add_child(
        archives["de"],
        NewsletterIssuePage(
            title=title,
            slug=slug,
            teaser=teaser,
            body=[("text", RichText(body))],
            for_events=True,
            for_programmes=True,
            for_china_week=True,
            for_news=True,
        ),
    )
    for code in [code for code in texts if code != "de"]:
        title, slug, teaser, body = texts[code]
        translate(
            german, code, title=title, slug=slug, teaser=teaser, body=[("text", RichText(body))]
        )
    return german
