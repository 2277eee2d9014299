"""Institutions of the partner network, their agreements and delegation visits.

How names are held: an institution is one row, not a translated snippet. Its names in
German, English and Chinese characters are facts about the institution (its official
names), not translations an editor keeps in sync, and one row per institution keeps every
link to it (agreements, visits, programmes of the mobility app) unambiguous and the
partner map's counts exact. The short public description has one field per language,
read with ``qiao.core.localization.localized`` (see README).

Staff-only data (contact persons, notes) lives in ``InstitutionContact`` and in fields
named ``staff_*``; public templates, the map, search and feeds only ever read what
``queries.public_institutions`` selects.
"""

import datetime
from zoneinfo import ZoneInfo

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.core.validators import FileExtensionValidator, RegexValidator
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Orderable, Page

from qiao.core.localization import localized
from qiao.core.models import BasePage

from .enums import AgendaZone, AgreementType, InstitutionType, Province, VisitDirection


class InstitutionQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_public=True)


class Institution(ClusterableModel):
    """A partner: university, province or government body, company, association, or
    a faculty or institute of our own university."""

    type = models.CharField(_("type"), max_length=20, choices=InstitutionType.choices)
    name_de = models.CharField(_("name (German)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_zh = models.CharField(_("name (Chinese characters)"), max_length=200, blank=True)
    short_name = models.CharField(
        _("short name"), max_length=30, blank=True, help_text=_("For example KUST.")
    )
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    province = models.CharField(
        _("province or region"), max_length=20, choices=Province.choices, blank=True
    )
    country = models.CharField(
        _("country"),
        max_length=2,
        default="CN",
        help_text=_("Two-letter country code, for example CN or DE."),
    )
    website = models.URLField(_("website"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("logo"),
    )
    partner_since = models.DateField(_("partner since"), null=True, blank=True)
    description_de = models.TextField(_("description (German)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_zh = models.TextField(_("description (Chinese)"), blank=True)
    is_public = models.BooleanField(
        _("shown on the public site"),
        default=True,
        help_text=_("Untick to keep this partner in the back office only."),
    )
    related_news = models.ManyToManyField(
        "news.NewsPage",
        blank=True,
        related_name="+",
        verbose_name=_("related news"),
        help_text=_(
            "News items about this partner (news of its delegation visits are added on their own)."
        ),
    )
    staff_notes = models.TextField(
        _("internal notes"), blank=True, help_text=_("Staff only; never shown on the site.")
    )
    ror_id = models.CharField(
        _("ROR id"),
        max_length=9,
        blank=True,
        validators=[
            RegexValidator(
                r"^0[a-z0-9]{6}[0-9]{2}$", _("A ROR id has nine characters, e.g. 02kkvpp62.")
            )
        ],
        help_text=_("From ror.org, without the address part, e.g. 02kkvpp62."),
    )
    erasmus_code = models.CharField(
        _("Erasmus code"),
        max_length=20,
        blank=True,
        help_text=_("Where the institution has one, e.g. D  CLAUSTH01."),
    )
    isced_codes = models.CharField(
        _("ISCED-F subject codes"),
        max_length=200,
        blank=True,
        validators=[
            RegexValidator(
                r"^\d{4}(\s*,\s*\d{4})*$",
                _("Four-digit ISCED-F 2013 codes, separated by commas, e.g. 0713, 0715."),
            )
        ],
        help_text=_("The subject areas of the partnership, e.g. 0713, 0715."),
    )

    objects = InstitutionQuerySet.as_manager()

    panels = [
        FieldRowPanel([FieldPanel("type"), FieldPanel("is_public")]),
        MultiFieldPanel(
            [
                FieldPanel("name_de"),
                FieldPanel("name_en"),
                FieldPanel("name_zh"),
                FieldRowPanel([FieldPanel("short_name"), FieldPanel("slug")]),
            ],
            heading=_("Names"),
        ),
        FieldRowPanel([FieldPanel("city"), FieldPanel("province"), FieldPanel("country")]),
        FieldRowPanel([FieldPanel("website"), FieldPanel("partner_since")]),
        FieldPanel("logo"),
        MultiFieldPanel(
            [
                FieldPanel("description_de"),
                FieldPanel("description_en"),
                FieldPanel("description_zh"),
            ],
            heading=_("Public description"),
        ),
        FieldPanel("related_news"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("ror_id"), FieldPanel("erasmus_code")]),
                FieldPanel("isced_codes"),
            ],
            heading=_("Identifiers and subject areas"),
        ),
        MultiFieldPanel(
            [InlinePanel("contacts", label=_("Contact person")), FieldPanel("staff_notes")],
            heading=_("Staff only"),
        ),
    ]

    class Meta:
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")
        ordering = ["name_en"]

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return localized(self, "name")

    @property
    def description(self) -> str:
        return localized(self, "description")


class InstitutionContact(models.Model):
    """A contact person at a partner. Staff only: never shown on the site."""

    institution = ParentalKey(
        Institution,
        on_delete=models.CASCADE,
        related_name="contacts",
        verbose_name=_("institution"),
    )
    name = models.CharField(_("name"), max_length=200)
    name_zh = models.CharField(_("name (Chinese characters)"), max_length=100, blank=True)
    role = models.CharField(_("role"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    sort_order = models.PositiveIntegerField(default=0, editable=False)

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("name_zh"), FieldPanel("role")]),
        FieldRowPanel([FieldPanel("email"), FieldPanel("phone")]),
    ]

    class Meta:
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


def validate_pdf(uploaded) -> None:
    """A signed agreement must really be a PDF (by its content, not its name) and not
    larger than settings.UPLOAD_MAX_BYTES. Files stored before are not checked again."""
    if getattr(uploaded, "_committed", False):
        return
    if uploaded.size > settings.UPLOAD_MAX_BYTES:
        raise ValidationError(
            _("The file is too large; the limit is %(limit)s.")
            % {"limit": filesizeformat(settings.UPLOAD_MAX_BYTES)},
            code="size",
        )
    position = uploaded.tell() if hasattr(uploaded, "tell") else 0
    uploaded.seek(0)
    kind = filetype.guess(uploaded.read(2048))
    uploaded.seek(position)
    if kind is None or kind.mime != "application/pdf":
        raise ValidationError(_("Please upload the signed agreement as a PDF file."), code="type")


@deconstructible
class PrivateStorage(FileSystemStorage):
    """Files under settings.PRIVATE_MEDIA_ROOT: no public URL; served by a view that
    checks permission (``views.agreement_document``)."""

    def __init__(self):
        super().__init__(base_url=None)

    @property
    def base_location(self):
        return settings.PRIVATE_MEDIA_ROOT

    @property
    def location(self):
        return str(settings.PRIVATE_MEDIA_ROOT)

    def url(self, name):
        from django.urls import reverse

        return reverse("partners:private_document", kwargs={"name": name})


class AgreementQuerySet(models.QuerySet):
    def expiring_within(self, days: int, *, today=None):
        today = today or timezone.localdate()
        return self.filter(
            valid_until__gte=today, valid_until__lte=today + timezone.timedelta(days=days)
        )

    def current(self, *, today=None):
        today = today or timezone.localdate()
        return self.filter(
            models.Q(valid_until__isnull=True) | models.Q(valid_until__gte=today),
            valid_from__lte=today,
        )


class Agreement(models.Model):
    """A signed agreement with one or more partners. Staff only, except its type and the
    partners' names, which the public partner page shows."""

    type = models.CharField(_("type"), max_length=20, choices=AgreementType.choices)
    title = models.CharField(_("title"), max_length=200)
    partners = models.ManyToManyField(
        Institution, related_name="agreements", verbose_name=_("partners")
    )
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(
        _("valid until"), null=True, blank=True, help_text=_("Leave empty if open-ended.")
    )
    automatic_renewal = models.BooleanField(_("renews automatically"), default=False)
    scope = models.TextField(_("scope"), blank=True)
    students_incoming = models.PositiveSmallIntegerField(
        _("students incoming per year"), null=True, blank=True
    )
    students_outgoing = models.PositiveSmallIntegerField(
        _("students outgoing per year"), null=True, blank=True
    )
    staff_incoming = models.PositiveSmallIntegerField(
        _("staff incoming per year"), null=True, blank=True
    )
    staff_outgoing = models.PositiveSmallIntegerField(
        _("staff outgoing per year"), null=True, blank=True
    )
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to={"is_staff": True},
        verbose_name=_("responsible person"),
        help_text=_("Receives the renewal reminders."),
    )
    document = models.FileField(
        _("signed document"),
        storage=PrivateStorage(),
        upload_to="partners/agreements/%Y/",
        blank=True,
        validators=[FileExtensionValidator(["pdf"]), validate_pdf],
        help_text=_("PDF. Kept private: only staff can open it."),
    )
    staff_notes = models.TextField(_("internal notes"), blank=True)

    objects = AgreementQuerySet.as_manager()

    panels = [
        FieldRowPanel([FieldPanel("type"), FieldPanel("title")]),
        FieldPanel("partners"),
        FieldRowPanel(
            [FieldPanel("signed_on"), FieldPanel("valid_from"), FieldPanel("valid_until")]
        ),
        FieldPanel("automatic_renewal"),
        FieldPanel("scope"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("students_incoming"), FieldPanel("students_outgoing")]),
                FieldRowPanel([FieldPanel("staff_incoming"), FieldPanel("staff_outgoing")]),
            ],
            heading=_("Yearly quotas"),
        ),
        FieldPanel("responsible"),
        FieldPanel("document"),
        FieldPanel("staff_notes"),
    ]

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ["-valid_from", "title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_until__isnull=True)
                | models.Q(valid_until__gt=models.F("valid_from")),
                name="partners_agreement_until_after_from",
            )
        ]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.valid_from and self.valid_until and self.valid_until <= self.valid_from:
            raise ValidationError(
                {"valid_until": _("The end of validity must be after its start.")}
            )

    def days_left(self, *, today=None) -> int | None:
        if self.valid_until is None:
            return None
        return (self.valid_until - (today or timezone.localdate())).days


class RenewalAlert(models.Model):
    """A renewal reminder for one agreement, one end date and one threshold: the record
    that it was sent, so that it is sent once only."""

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="renewal_alerts"
    )
    valid_until = models.DateField(_("end of validity reminded of"))
    days_before = models.PositiveSmallIntegerField(_("days before the end"))
    recipient_email = models.EmailField(_("sent to"), blank=True)
    created_at = models.DateTimeField(_("due since"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("renewal reminder")
        verbose_name_plural = _("renewal reminders")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "valid_until", "days_before"],
                name="partners_renewal_alert_once",
            )
        ]

    def __str__(self):
        return f"{self.agreement} ({self.days_before})"


class DelegationVisit(ClusterableModel):
    """A delegation visiting us (incoming) or our delegation travelling to China (outgoing)."""

    direction = models.CharField(
        _("direction"),
        max_length=10,
        choices=VisitDirection.choices,
        default=VisitDirection.INCOMING,
    )
    title_de = models.CharField(_("title (German)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    title_zh = models.CharField(_("title (Chinese)"), max_length=200, blank=True)
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    institutions = ParentalManyToManyField(
        Institution, related_name="visits", verbose_name=_("institutions")
    )
    hosts = models.TextField(
        _("hosts"), blank=True, help_text=_("Who receives the delegation, one person a line.")
    )
    hosts_zh = models.TextField(
        _("hosts (Chinese)"),
        blank=True,
        help_text=_("The same people in Chinese, one a line, for the Chinese programme sheet."),
    )
    news_page = models.ForeignKey(
        "news.NewsPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("news item"),
    )
    staff_notes = models.TextField(_("outcome notes"), blank=True)

    panels = [
        FieldPanel("direction"),
        MultiFieldPanel(
            [FieldPanel("title_de"), FieldPanel("title_en"), FieldPanel("title_zh")],
            heading=_("Title"),
        ),
        FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
        FieldPanel("institutions"),
        InlinePanel("participants", label=_("Participant")),
        InlinePanel("agenda_items", label=_("Agenda item")),
        FieldRowPanel([FieldPanel("hosts"), FieldPanel("hosts_zh")]),
        FieldPanel("news_page"),
        FieldPanel("staff_notes"),
    ]

    class Meta:
        verbose_name = _("delegation visit")
        verbose_name_plural = _("delegation visits")
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="partners_visit_ends_after_start",
            )
        ]

    def __str__(self):
        return self.title

    @property
    def title(self) -> str:
        return localized(self, "title")

    def host_lines(self, language_code: str) -> list[str]:
        """The hosts for a sheet in ``language_code``: in Chinese on the Chinese sheet
        where they are entered so."""
        text = self.hosts_zh if language_code.startswith("zh") and self.hosts_zh else self.hosts
        return [line.strip() for line in text.splitlines() if line.strip()]

    def clean(self):
        super().clean()
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The last day cannot be before the first day.")})


class VisitParticipant(Orderable):
    """A member of the delegation."""

    visit = ParentalKey(DelegationVisit, on_delete=models.CASCADE, related_name="participants")
    name_latin = models.CharField(_("name (Latin letters)"), max_length=200)
    name_zh = models.CharField(_("name (Chinese characters)"), max_length=100, blank=True)
    role_de = models.CharField(_("role (German)"), max_length=200, blank=True)
    role_en = models.CharField(_("role (English)"), max_length=200, blank=True)
    role_zh = models.CharField(_("role (Chinese)"), max_length=200, blank=True)
    is_head = models.BooleanField(_("head of the delegation"), default=False)

    panels = [
        FieldRowPanel([FieldPanel("name_latin"), FieldPanel("name_zh"), FieldPanel("is_head")]),
        FieldRowPanel([FieldPanel("role_de"), FieldPanel("role_en"), FieldPanel("role_zh")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("participant")
        verbose_name_plural = _("participants")

    def __str__(self):
        return self.name_latin

    @property
    def role(self) -> str:
        return localized(self, "role")


class AgendaItem(Orderable):
    """One item of a visit's programme. Its time is entered in the local time of where
    it happens (Germany or China); ``starts_at`` is the same moment in UTC, kept in step
    on every save, for ordering and for showing the other time zone beside it."""

    visit = ParentalKey(DelegationVisit, on_delete=models.CASCADE, related_name="agenda_items")
    zone = models.CharField(
        _("where it happens"), max_length=20, choices=AgendaZone.choices, blank=False
    )
    local_date = models.DateField(_("date (local)"))
    local_time = models.TimeField(_("time (local)"))
    starts_at = models.DateTimeField(_("time"), editable=False)
    place_de = models.CharField(_("place (German)"), max_length=200, blank=True)
    place_zh = models.CharField(_("place (Chinese)"), max_length=200, blank=True)
    topic_de = models.CharField(_("topic (German)"), max_length=300)
    topic_en = models.CharField(_("topic (English)"), max_length=300, blank=True)
    topic_zh = models.CharField(_("topic (Chinese)"), max_length=300, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("zone"), FieldPanel("local_date"), FieldPanel("local_time")]),
        FieldRowPanel([FieldPanel("place_de"), FieldPanel("place_zh")]),
        FieldRowPanel([FieldPanel("topic_de"), FieldPanel("topic_en"), FieldPanel("topic_zh")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["starts_at", "sort_order"]

    def save(self, *args, **kwargs):
        if not self.zone:
            outgoing = self.visit.direction == VisitDirection.OUTGOING
            self.zone = AgendaZone.CHINA if outgoing else AgendaZone.GERMANY
        if self.local_date is None or self.local_time is None:
            # Created from a moment (demo content, older code): keep that moment.
            local = self.starts_at.astimezone(ZoneInfo(self.zone))
            self.local_date, self.local_time = local.date(), local.time().replace(tzinfo=None)
        self.starts_at = self.local_start.astimezone(datetime.UTC)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "starts_at", "zone"}
        super().save(*args, **kwargs)

    @property
    def local_start(self) -> datetime.datetime:
        """The start in the time zone of where it happens (a nonexistent time in the
        spring-forward gap moves on by the gap, as a wall clock would)."""
        naive = datetime.datetime.combine(self.local_date, self.local_time)
        return naive.replace(tzinfo=ZoneInfo(self.zone))

    @property
    def other_zone(self) -> str:
        return AgendaZone.GERMANY if self.zone == AgendaZone.CHINA else AgendaZone.CHINA

    @property
    def other_start(self) -> datetime.datetime:
        """The same moment in the other country's time."""
        return self.local_start.astimezone(ZoneInfo(self.other_zone))

    def __str__(self):
        return self.topic_de

    @property
    def topic(self) -> str:
        return localized(self, "topic")

    @property
    def place(self) -> str:
        return localized(self, "place")


class PartnerIndexPage(RoutablePageMixin, BasePage):
    """ "Our partners": the filterable list with the map, and one page per partner below
    it (``<index>/<slug>/``), in every language's page tree."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["core.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("partner overview")

    def sitemap_subpages(self) -> list[tuple[str, None]]:
        """One entry per public partner page, for sitemap.xml."""
        slugs = Institution.objects.public().order_by("slug").values_list("slug", flat=True)
        return [(f"{slug}/", None) for slug in slugs]

    @path("")
    def partner_list(self, request):
        from .views import partner_list

        return partner_list(request, self)

    @path("<slug:slug>/")
    def partner_detail(self, request, slug):
        from .views import partner_detail

        return partner_detail(request, self, slug)
