from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, TranslatableMixin
from wagtail.search import index

from .blocks import VIDEO_PROVIDERS, StandardBodyBlock, TeaserBlock, parse_video_url
from .localization import is_untranslated_copy, localized, translate_copied_slug
from .search import SegmentedSearchMixin

colour_validator = RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Enter a colour as #rrggbb."))


class SocialLinkBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("Label"))
    url = blocks.URLBlock(label=_("Link"))


@register_setting(icon="site")
class CentreSettings(BaseGenericSetting):
    """Everything that makes the site one centre's own: nothing in the code names it."""

    name_de = models.CharField(_("name (German)"), max_length=200, default="China-Kompetenzzentrum")
    name_en = models.CharField(
        _("name (English)"), max_length=200, default="China Competence Centre"
    )
    name_zh = models.CharField(_("name (Chinese)"), max_length=200, default="中国能力中心")
    institution_de = models.CharField(_("institution (German)"), max_length=200, blank=True)
    institution_en = models.CharField(_("institution (English)"), max_length=200, blank=True)
    institution_zh = models.CharField(_("institution (Chinese)"), max_length=200, blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("logo"),
    )
    primary_colour = models.CharField(
        _("primary colour"),
        max_length=7,
        default="#8a1c1c",
        validators=[colour_validator],
        help_text=_("A dark colour: white text is written on it."),
    )
    accent_colour = models.CharField(
        _("accent colour"), max_length=7, default="#1d4e89", validators=[colour_validator]
    )
    partner_country_de = models.CharField(
        _("partner country (German)"), max_length=100, default="China"
    )
    partner_country_en = models.CharField(
        _("partner country (English)"), max_length=100, default="China"
    )
    partner_country_zh = models.CharField(
        _("partner country (Chinese)"), max_length=100, default="中国"
    )
    address = models.TextField(_("postal address"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    social_links = StreamField(
        [("link", SocialLinkBlock())], blank=True, verbose_name=_("social links")
    )
    footer_links = StreamField(
        [("page", blocks.PageChooserBlock())],
        blank=True,
        verbose_name=_("footer links"),
        help_text=_("Contact, imprint, data privacy ...; each shown in the visitor's language."),
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("name_de"), FieldPanel("name_en"), FieldPanel("name_zh")],
            heading=_("Name"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("institution_de"),
                FieldPanel("institution_en"),
                FieldPanel("institution_zh"),
            ],
            heading=_("Institution"),
        ),
        FieldPanel("logo"),
        FieldRowPanel([FieldPanel("primary_colour"), FieldPanel("accent_colour")]),
        MultiFieldPanel(
            [
                FieldPanel("partner_country_de"),
                FieldPanel("partner_country_en"),
                FieldPanel("partner_country_zh"),
            ],
            heading=_("Partner country"),
        ),
        FieldPanel("address"),
        FieldRowPanel([FieldPanel("email"), FieldPanel("phone")]),
        FieldPanel("social_links"),
        FieldPanel("footer_links"),
    ]

    class Meta:
        verbose_name = _("centre settings")

    @property
    def name(self) -> str:
        return localized(self, "name")

    @property
    def institution(self) -> str:
        return localized(self, "institution")

    @property
    def partner_country(self) -> str:
        return localized(self, "partner_country")


class Person(TranslatableMixin, index.Indexed, models.Model):
    """A member of the centre's team, shown on the About us page."""

    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=200)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("photo"),
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    room = models.CharField(_("room"), max_length=100, blank=True)
    biography = models.TextField(_("short biography"), blank=True)
    sort_order = models.PositiveIntegerField(_("sort order"), default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("role"),
        FieldPanel("photo"),
        FieldRowPanel([FieldPanel("email"), FieldPanel("phone"), FieldPanel("room")]),
        FieldPanel("biography"),
        FieldPanel("sort_order"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class BasePage(SegmentedSearchMixin, Page):
    """Fields every public page of the site shares (and Chinese text indexed as words)."""

    search_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("sharing image"),
        help_text=_("Shown when the page is shared (Open Graph)."),
    )
    promote_panels = [*Page.promote_panels, FieldPanel("search_image")]

    class Meta:
        abstract = True

    def full_clean(self, *args, **kwargs):
        translate_copied_slug(self)
        super().full_clean(*args, **kwargs)

    def serve(self, request, *args, **kwargs):
        if is_untranslated_copy(self):
            # Never the original's text under this language's label: the notice says so.
            return redirect(reverse("not_translated", args=[self.alias_of_id]))
        response = super().serve(request, *args, **kwargs)
        # A visitor who clicked "load video" gets a policy that allows that one player.
        video_host = self.consented_video_host(request)
        if video_host:
            response._csp_update = {"frame-src": [f"https://{video_host}"]}
        return response

    def consented_video_host(self, request) -> str | None:
        block_id = request.GET.get("video")
        for block in getattr(self, "body", None) or []:
            if block.block_type == "video" and block.id == block_id:
                provider = parse_video_url(block.value["url"])
                return VIDEO_PROVIDERS[provider[0]][0] if provider else None
        return None


class HomePage(BasePage):
    intro = RichTextField(_("welcome text"), features=["bold", "italic", "link"])
    teasers = StreamField(
        [("teaser", TeaserBlock())], blank=True, max_num=4, verbose_name=_("teasers")
    )
    news_count = models.PositiveSmallIntegerField(_("news items shown"), default=3)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("teasers"),
        FieldPanel("news_count"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        from qiao.events.models import EventIndexPage, EventPage
        from qiao.mobility.queries import catalogue_page, open_calls
        from qiao.news.queries import latest_news

        context = super().get_context(request, *args, **kwargs)
        context["latest_news"] = latest_news(self.locale, limit=self.news_count)
        # Dates still to come, so the page never looks abandoned when the news is old.
        context["next_events"] = (
            EventPage.objects.live().public().filter(locale=self.locale).upcoming()[:3]
        )
        context["events_index"] = EventIndexPage.objects.live().filter(locale=self.locale).first()
        context["open_calls"] = open_calls(self.locale, limit=3)
        context["catalogue"] = catalogue_page()
        return context


class StandardPage(BasePage):
    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(StandardBodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    class Meta:
        verbose_name = _("standard page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # A section page leads on to what it holds; a child page type can bring its own
        # summary (the programme catalogue lists its programmes and open calls).
        context["subpages"] = self.get_children().live().public().specific()
        return context


class ContactPage(BasePage):
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    thank_you_text = models.TextField(
        _("thank-you text"),
        default="",
        blank=True,
        help_text=_("Shown after a message was sent."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("thank_you_text")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("contact page")

    def serve(self, request, *args, **kwargs):
        from .views import contact_page

        return contact_page(request, self)


class ContactStatus(models.TextChoices):
    NEW = "new", _("New")
    IN_PROGRESS = "in_progress", _("In progress")
    ANSWERED = "answered", _("Answered")


class ContactMessageQuerySet(models.QuerySet):
    def unanswered(self):
        return self.exclude(status=ContactStatus.ANSWERED)


class ContactMessage(models.Model):
    """A message sent with the contact form. Kept for CONTACT_RETENTION_DAYS, then purged.
    The office works through them as an inbox: status, who takes care, an internal note."""

    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"))
    subject = models.CharField(_("subject"), max_length=200)
    message = models.TextField(_("message"), max_length=5000)
    language = models.CharField(_("language"), max_length=10)
    created_at = models.DateTimeField(_("received"), auto_now_add=True, db_index=True)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=ContactStatus.choices,
        default=ContactStatus.NEW,
        db_index=True,
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to={"is_staff": True, "is_active": True},
        verbose_name=_("assigned to"),
    )
    internal_note = models.TextField(
        _("internal note"), blank=True, help_text=_("Only staff see this note.")
    )
    status_changed_at = models.DateTimeField(_("status changed"), null=True, blank=True)

    objects = ContactMessageQuerySet.as_manager()

    class Meta:
        verbose_name = _("contact message")
        verbose_name_plural = _("contact messages")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.subject} ({self.name})"


class ContentVersion(models.Model):
    """A counter that goes up whenever published content may have changed: a page is
    published, unpublished, moved or deleted, a page's view restriction or the centre
    settings are saved (qiao.core.signals). It is part of the cache key of everything cached
    from published content (the header and footer, news counts and years), so every server
    process sees a change at once, whatever the cache backend. One row."""

    version = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("content version")

    def __str__(self):
        return str(self.version)


class IssuedDocumentQuerySet(models.QuerySet):
    def for_subject(self, subject):
        from django.contrib.contenttypes.models import ContentType

        return self.filter(
            content_type=ContentType.objects.get_for_model(subject), object_id=subject.pk
        )


class IssuedDocument(models.Model):
    """A certificate or letter the centre issued, with the code printed on it that anyone
    can check on the site (``qiao.core.verification``)."""

    code = models.CharField(_("verification code"), max_length=12, unique=True)
    kind = models.CharField(_("kind"), max_length=50)
    holder_name = models.CharField(_("issued to"), max_length=300)
    title = models.CharField(_("title"), max_length=300)
    language = models.CharField(_("language"), max_length=10)
    issued_at = models.DateTimeField(_("issued"), auto_now_add=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("issued by"),
    )
    content_type = models.ForeignKey(
        "contenttypes.ContentType", null=True, blank=True, on_delete=models.CASCADE
    )
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    withdrawn_reason = models.TextField(_("reason for withdrawal"), blank=True)

    objects = IssuedDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("issued document")
        verbose_name_plural = _("issued documents")
        ordering = ["-issued_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "content_type", "object_id", "language"],
                condition=models.Q(content_type__isnull=False),
                name="core_issued_document_once_per_subject",
            )
        ]

    def __str__(self) -> str:
        return f"{self.display_code} {self.title}"

    @property
    def display_code(self) -> str:
        return "-".join(self.code[i : i + 4] for i in range(0, len(self.code), 4))

    @property
    def verify_url(self) -> str:
        from django.utils import translation

        with translation.override(self.language or settings.LANGUAGE_CODE):
            path = reverse("verify_code", args=[self.display_code])
        return settings.BASE_URL.rstrip("/") + path

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    def revoke(self, *, by=None, reason: str = "") -> None:
        """Withdraw the document: the public page then says so (``verification.revoke``)."""
        from .verification import revoke

        revoke(self, by=by, reason=reason)
