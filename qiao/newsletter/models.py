"""Subscribers, the issues (Wagtail pages, one per language) and their sending.

One sending of an issue is an ``IssueSending``; each subscriber it reaches gets one
``Delivery`` row, written in the same transaction as the e-mail queued in the outbox. The
unique (sending, subscriber) pair is what makes a resumed sending skip nobody and reach
nobody twice.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from qiao.core.blocks import BodyBlock
from qiao.core.models import BasePage

from .enums import TOPIC_FIELDS, SendingStatus, Source, SubscriberStatus


def new_key() -> str:
    return secrets.token_urlsafe(12)


class SubscriberQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=SubscriberStatus.ACTIVE)

    def for_topics(self, topics):
        """Subscribers who chose at least one of ``topics``."""
        condition = Q()
        for topic in topics:
            condition |= Q(**{TOPIC_FIELDS[topic]: True})
        return self.filter(condition) if condition else self.none()


class Subscriber(models.Model):
    email = models.EmailField(_("e-mail address"), unique=True)
    # Ordered: the first is the language the person subscribed in (see README, "Newsletter").
    languages = models.JSONField(_("languages"), default=list)
    wants_events = models.BooleanField(_("events"), default=False)
    wants_programmes = models.BooleanField(_("programmes and calls"), default=False)
    wants_china_week = models.BooleanField(_("China Week"), default=False)
    wants_news = models.BooleanField(_("news"), default=False)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=SubscriberStatus.choices,
        default=SubscriberStatus.PENDING,
        db_index=True,
    )
    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    # The wording the person agreed to, in their language, and when they confirmed it.
    consent_text = models.TextField(_("consent wording"), blank=True)
    consent_at = models.DateTimeField(_("consent confirmed at"), null=True, blank=True)
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    unsubscribed_at = models.DateTimeField(_("unsubscribed at"), null=True, blank=True)
    is_imported = models.BooleanField(_("imported"), default=False)
    status_note = models.CharField(_("note"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, db_index=True)
    # Part of every signed link: a new row (after erasure) never honours an old link.
    key = models.CharField(max_length=32, default=new_key, editable=False)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.email

    @property
    def topics(self) -> list[str]:
        return [topic for topic, field in TOPIC_FIELDS.items() if getattr(self, field)]


class NewsletterIndexPage(BasePage):
    """The public archive of sent issues in one language, with the sign-up form's link and
    a feed."""

    intro = models.TextField(_("introduction"), blank=True)
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("data privacy page"),
        help_text=_("Linked from the consent text of the sign-up form."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("privacy_page")]
    subpage_types = ["newsletter.NewsletterIssuePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("newsletter archive")

    def get_context(self, request, *args, **kwargs):
        from .queries import archived_issues

        context = super().get_context(request, *args, **kwargs)
        context["issues"] = archived_issues(self.locale)
        return context


class NewsletterIssuePage(BasePage):
    """One issue, composed with the site's blocks and translated like every page. It
    appears in the archive once it has been sent (its sending, not a page field, says so:
    publishing a corrected revision must not take it out of the archive)."""

    teaser = models.TextField(_("teaser"), max_length=600, blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))
    for_events = models.BooleanField(_("events"), default=False)
    for_programmes = models.BooleanField(_("programmes and calls"), default=False)
    for_china_week = models.BooleanField(_("China Week"), default=False)
    for_news = models.BooleanField(_("news"), default=False)

    content_panels = [
        *Page.content_panels,
        FieldPanel("teaser"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("for_events"),
                FieldPanel("for_programmes"),
                FieldPanel("for_china_week"),
                FieldPanel("for_news"),
            ],
            heading=_("Audience: subscribers of these topics"),
        ),
    ]
    search_fields = [*Page.search_fields, index.SearchField("teaser"), index.SearchField("body")]
    # Editors preview the web page and the e-mail as subscribers will get it.
    preview_modes = [("", _("Web page")), ("email", _("E-mail"))]
    parent_page_types = ["newsletter.NewsletterIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("newsletter issue")
        verbose_name_plural = _("newsletter issues")

    def serve_preview(self, request, mode_name):
        if mode_name != "email":
            return super().serve_preview(request, mode_name)
        from django.http import HttpResponse
        from django.utils import translation

        from .rendering import render_issue

        with translation.override(self.locale.language_code):
            html, _text = render_issue(
                self, links={"preferences_url": "#", "unsubscribe_url": "#"}, is_test=True
            )
        return HttpResponse(html)

    def get_context(self, request, *args, **kwargs):
        from .queries import sent_at

        context = super().get_context(request, *args, **kwargs)
        context["sent_at"] = sent_at(self)
        return context

    @property
    def topics(self) -> list[str]:
        return [
            topic
            for topic, field in TOPIC_FIELDS.items()
            if getattr(self, field.replace("wants_", "for_"))
        ]


class IssueSending(models.Model):
    """Sending an issue (all its languages) to its audience, now or at a set time; or one
    test e-mail to a member of staff."""

    issue = models.ForeignKey(
        NewsletterIssuePage, on_delete=models.CASCADE, related_name="sendings"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=SendingStatus.choices, db_index=True
    )
    send_at = models.DateTimeField(_("send at"), default=timezone.now)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    # When a batch was last written: a sending that stops moving is resumed by the
    # periodic job `send_newsletters`.
    last_batch_at = models.DateTimeField(null=True, blank=True)
    audience_count = models.PositiveIntegerField(_("recipients when started"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("sending")
        verbose_name_plural = _("sendings")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.issue} ({self.get_status_display()})"


class Delivery(models.Model):
    """The issue queued for one subscriber: written with the outbox row, never twice."""

    sending = models.ForeignKey(IssueSending, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(
        Subscriber, null=True, on_delete=models.SET_NULL, related_name="deliveries"
    )
    email = models.ForeignKey(
        "outbox.OutgoingEmail", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    language = models.CharField(max_length=10)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["sending", "subscriber"], name="newsletter_delivery_once"
            )
        ]

    def __str__(self):
        return f"{self.sending_id} → {self.subscriber_id}"
