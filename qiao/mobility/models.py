"""Programmes (Wagtail pages), their calls, applications, documents, reviews, interviews."""

import os
import re
import uuid
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from qiao.core.localization import localized
from qiao.core.models import BasePage

from .enums import (
    GRANT_COMMITTED,
    HOLDS_PLACE,
    SYSTEM_NOTES,
    ApplicationStatus,
    BundleStatus,
    Direction,
    DocumentType,
    EligibilityRule,
    GrantStatus,
    InstructionLanguage,
    LanguageLevel,
    ProgrammeType,
    ReportStatus,
)
from .uploads import download_name

_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff]")


def person_name(first_name: str, last_name: str) -> str:
    """A name in Chinese characters is written family name first, without a space
    (李小龙); others given name first."""
    if _CJK.search(first_name) and _CJK.search(last_name):
        return f"{last_name}{first_name}".strip()
    return f"{first_name} {last_name}".strip()


class PrivateStorage(FileSystemStorage):
    """Applicants' documents: under PRIVATE_MEDIA_ROOT, never under MEDIA_ROOT, no URL."""

    @property
    def base_location(self):
        return settings.PRIVATE_MEDIA_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Private files have no public URL.")


_private_storage = PrivateStorage()


def private_storage():
    return _private_storage


def document_path(instance, filename):
    # The stored name never comes from the applicant.
    extension = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}.get(
        instance.content_type, "bin"
    )
    return f"mobility/{instance.application.call_id}/{uuid.uuid4().hex}.{extension}"


class ExperienceReportBlock(blocks.StructBlock):
    author = blocks.CharBlock(label=_("Name"))
    year = blocks.IntegerBlock(label=_("Year"), required=False)
    text = blocks.TextBlock(label=_("Report"))


class ProgrammeIndexPage(BasePage):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["mobility.ProgrammePage"]
    max_count_per_parent = 1

    # Shown on the section page above the catalogue (core's StandardPage lists its
    # children, each through its own summary template where it has one).
    summary_template = "mobility/includes/catalogue_summary.html"

    class Meta:
        verbose_name = _("programme index")

    def listed_programmes(self):
        return ProgrammePage.objects.live().public().child_of(self).order_by("title")

    def open_calls(self):
        from . import queries

        return queries.open_calls(self.locale, under=self)

    def get_context(self, request, *args, **kwargs):
        from . import queries

        context = super().get_context(request, *args, **kwargs)
        filters = queries.ProgrammeFilters.from_query(request.GET)
        paginator = Paginator(queries.programmes_for_index(self, filters), 12)
        try:
            page_obj = paginator.page(request.GET.get("page", 1))
        except (PageNotAnInteger, EmptyPage):
            page_obj = paginator.page(1)
        context.update(
            page_obj=page_obj,
            programmes=page_obj.object_list,
            filters=filters,
            partners=queries.partner_names(self),
            programme_types=ProgrammeType.choices,
            directions=Direction.choices,
            instruction_languages=InstructionLanguage.choices,
            open_calls=queries.open_calls(self.locale, under=self),
        )
        return context


class ProgrammePage(BasePage):
    programme_type = models.CharField(
        _("type"), max_length=30, choices=ProgrammeType.choices, db_index=True
    )
    direction = models.CharField(
        _("direction"), max_length=10, choices=Direction.choices, default=Direction.OUTGOING
    )
    partner = models.ForeignKey(
        "partners.Institution",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="mobility_programmes",
        verbose_name=_("partner institution"),
    )
    partner_name = models.CharField(
        _("partner name"),
        max_length=200,
        blank=True,
        help_text=_("As shown and filtered on the site; taken from the partner if left empty."),
    )
    city = models.CharField(_("city"), max_length=100, blank=True)
    province = models.CharField(_("province"), max_length=100, blank=True)
    language = models.CharField(
        _("language of instruction"),
        max_length=10,
        choices=InstructionLanguage.choices,
        default=InstructionLanguage.ENGLISH,
    )
    duration = models.CharField(_("duration"), max_length=100, help_text=_("For example: 2 weeks"))
    isced_code = models.CharField(
        _("ISCED-F subject code"),
        max_length=4,
        blank=True,
        validators=[RegexValidator(r"^\d{4}$", _("Four digits, e.g. 0713."))],
        help_text=_("ISCED-F 2013, e.g. 0713 (electricity and energy)."),
    )
    eqf_level = models.PositiveSmallIntegerField(
        _("EQF level"),
        null=True,
        blank=True,
        choices=[
            (5, "EQF 5"),
            (6, _("EQF 6 (bachelor)")),
            (7, _("EQF 7 (master)")),
            (8, _("EQF 8 (doctorate)")),
        ],
    )
    teaser = models.TextField(_("teaser"), max_length=400)
    # Not "body": BasePage treats a field of that name as a StreamField.
    description = RichTextField(_("description"), blank=True)
    costs = RichTextField(_("costs"), blank=True)
    funding = RichTextField(
        _("what the centre funds"),
        blank=True,
        help_text=_("Travel grant, visa, accommodation help ..."),
    )
    eligibility = RichTextField(_("eligibility"), blank=True)
    required_documents = RichTextField(_("required documents"), blank=True)
    experience_reports = StreamField(
        [("report", ExperienceReportBlock())], blank=True, verbose_name=_("experience reports")
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("teaser"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("programme_type"), FieldPanel("direction")]),
                FieldPanel("partner"),
                FieldPanel("partner_name"),
                FieldRowPanel([FieldPanel("city"), FieldPanel("province")]),
                FieldRowPanel([FieldPanel("language"), FieldPanel("duration")]),
                FieldRowPanel([FieldPanel("isced_code"), FieldPanel("eqf_level")]),
            ],
            heading=_("Facts"),
        ),
        FieldPanel("description"),
        FieldPanel("costs"),
        FieldPanel("funding"),
        FieldPanel("eligibility"),
        FieldPanel("required_documents"),
        FieldPanel("experience_reports"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("teaser"),
        index.SearchField("description"),
        index.SearchField("partner_name"),
        index.SearchField("city"),
        index.SearchField("province"),
        index.SearchField("eligibility"),
        index.SearchField("funding"),
        index.FilterField("programme_type"),
    ]
    parent_page_types = ["mobility.ProgrammeIndexPage"]
    subpage_types = []
    override_translatable_fields = [
        SynchronizedField("isced_code"),
        SynchronizedField("eqf_level"),
    ]

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")

    @property
    def public_partner_name(self) -> str:
        """The partner's name as the public site may show it: none for a partner that is
        not public (the programme page still shows, without the name)."""
        if self.partner_id and not self.partner.is_public:
            return ""
        return self.partner_name

    def clean(self):
        super().clean()
        if not self.partner_name and self.partner_id:
            self.partner_name = self.partner.name_en or self.partner.name_de

    def get_context(self, request, *args, **kwargs):
        from . import queries
        from .experience import published_for

        context = super().get_context(request, *args, **kwargs)
        context["calls"] = queries.calls_of_programme(self)
        context["participant_reports"] = published_for(programme=self)
        return context


class CallQuerySet(models.QuerySet):
    def open_at(self, moment):
        return self.filter(opens_at__lte=moment, closes_at__gt=moment, filled_at__isnull=True)


class Call(ClusterableModel):
    """One round of applications for a programme, e.g. "Winter School 2026"."""

    programme = models.ForeignKey(
        ProgrammePage, on_delete=models.CASCADE, related_name="calls", verbose_name=_("programme")
    )
    title_de = models.CharField(_("title (German)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    title_zh = models.CharField(_("title (Chinese)"), max_length=200, blank=True)
    opens_at = models.DateTimeField(_("applications open"))
    closes_at = models.DateTimeField(_("applications close"))
    places = models.PositiveIntegerField(_("places"))
    is_rolling = models.BooleanField(
        _("rolling admission"),
        default=False,
        help_text=_(
            "Places may be offered before the application deadline; the call closes as "
            "soon as all places are given."
        ),
    )
    filled_at = models.DateTimeField(
        _("all places given"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Set when the last place was given; the call takes no more applications."),
    )
    reply_days = models.PositiveSmallIntegerField(
        _("days to reply to an offer"),
        default=14,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
    )
    required_documents = models.JSONField(
        _("required documents"), default=list, blank=True, help_text=_("Document types.")
    )
    criteria_de = models.TextField(_("review criteria (German)"), blank=True)
    criteria_en = models.TextField(_("review criteria (English)"), blank=True)
    criteria_zh = models.TextField(_("review criteria (Chinese)"), blank=True)
    retention_months = models.PositiveSmallIntegerField(
        _("retention period (months)"),
        default=12,
        help_text=_("Unsuccessful applications are deleted this long after the call closes."),
    )
    starts_on = models.DateField(_("programme starts"), null=True, blank=True)
    ends_on = models.DateField(_("programme ends"), null=True, blank=True)
    funding_source = models.CharField(
        _("funding source"),
        max_length=200,
        blank=True,
        help_text=_("For example: DAAD PROMOS 2026, BMBF. Empty: the call carries no funding."),
    )
    budget = models.DecimalField(
        _("budget (EUR)"), max_digits=12, decimal_places=2, default=Decimal("0.00")
    )
    flight_amount = models.DecimalField(
        _("flight per person (EUR)"), max_digits=10, decimal_places=2, default=Decimal("0.00")
    )
    visa_amount = models.DecimalField(
        _("visa per person (EUR)"), max_digits=10, decimal_places=2, default=Decimal("0.00")
    )
    stipend_amount = models.DecimalField(
        _("stipend per person (EUR)"), max_digits=10, decimal_places=2, default=Decimal("0.00")
    )
    flat_rate_amount = models.DecimalField(
        _("flat rates per person (EUR)"),
        max_digits=10,
        decimal_places=2,
        default=Decimal("0.00"),
        help_text=_("Travel and subsistence flat rates of the funder."),
    )
    requires_enrolment = models.BooleanField(
        _("applicants must be enrolled at the university"), default=False
    )
    min_semester = models.PositiveSmallIntegerField(
        _("minimum semester"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
        help_text=_("The semester the applicant is in now, at least."),
    )
    max_grade = models.DecimalField(
        _("grade average limit"),
        max_digits=3,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("1.0")), MaxValueValidator(Decimal("4.0"))],
        help_text=_("German scale 1.0 (best) to 4.0: the average must be this or better."),
    )
    min_language_level = models.CharField(
        _("minimum language level"),
        max_length=10,
        blank=True,
        choices=LanguageLevel.choices,
        help_text=_("HSK for Chinese, CEFR for other languages."),
    )
    other_requirements_de = models.TextField(_("other requirements (German)"), blank=True)
    other_requirements_en = models.TextField(_("other requirements (English)"), blank=True)
    other_requirements_zh = models.TextField(_("other requirements (Chinese)"), blank=True)
    reviewers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="mobility_review_calls",
        verbose_name=_("reviewers"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CallQuerySet.as_manager()

    panels = [
        FieldPanel("programme"),
        MultiFieldPanel(
            [FieldPanel("title_de"), FieldPanel("title_en"), FieldPanel("title_zh")],
            heading=_("Title"),
        ),
        FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
        FieldRowPanel([FieldPanel("places"), FieldPanel("retention_months")]),
        FieldRowPanel([FieldPanel("is_rolling"), FieldPanel("reply_days")]),
        FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("requires_enrolment"), FieldPanel("min_semester")]),
                FieldRowPanel([FieldPanel("max_grade"), FieldPanel("min_language_level")]),
                FieldPanel("other_requirements_de"),
                FieldPanel("other_requirements_en"),
                FieldPanel("other_requirements_zh"),
            ],
            heading=_("Eligibility"),
            help_text=_("Checked when an application is submitted; staff may waive a rule."),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("funding_source"), FieldPanel("budget")]),
                FieldRowPanel([FieldPanel("flight_amount"), FieldPanel("visa_amount")]),
                FieldRowPanel([FieldPanel("stipend_amount"), FieldPanel("flat_rate_amount")]),
            ],
            heading=_("Funding"),
        ),
        FieldPanel("required_documents"),
        InlinePanel("questions", heading=_("Questions"), label=_("Question")),
        MultiFieldPanel(
            [FieldPanel("criteria_de"), FieldPanel("criteria_en"), FieldPanel("criteria_zh")],
            heading=_("Review criteria"),
            help_text=_(
                "One criterion per line, in the same order in each language; reviewers "
                "score each from 0 to 10."
            ),
        ),
        FieldPanel("reviewers"),
        InlinePanel("interview_slots", heading=_("Interview slots"), label=_("Slot")),
    ]

    class Meta:
        verbose_name = _("call")
        verbose_name_plural = _("calls")
        ordering = ["-closes_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")),
                name="mobility_call_closes_after_opening",
            ),
            models.CheckConstraint(
                condition=models.Q(budget__gte=0), name="mobility_call_budget_not_negative"
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def title(self) -> str:
        return localized(self, "title")

    @property
    def criteria(self) -> str:
        return localized(self, "criteria")

    def criterion_labels(self) -> list[str]:
        """The review criteria, one per line, in the current language. Lines match across
        languages by position; a language with fewer lines falls back to German."""
        german = [line.strip() for line in self.criteria_de.splitlines() if line.strip()]
        here = [line.strip() for line in self.criteria.splitlines() if line.strip()]
        return [here[i] if i < len(here) else label for i, label in enumerate(german)]

    def is_open(self, moment=None) -> bool:
        moment = moment or timezone.now()
        return self.opens_at <= moment < self.closes_at and self.filled_at is None

    def may_offer_places(self, moment=None) -> bool:
        """Places are offered after the deadline, or at any time in a rolling call."""
        return self.is_rolling or (moment or timezone.now()) >= self.closes_at

    def document_types(self) -> list[tuple[str, str]]:
        return [
            (value, label)
            for value, label in DocumentType.choices
            if value in self.required_documents
        ]

    def places_taken(self) -> int:
        return self.applications.filter(status__in=HOLDS_PLACE).count()

    @property
    def other_requirements(self) -> str:
        return localized(self, "other_requirements")

    @property
    def has_eligibility_rules(self) -> bool:
        return bool(
            self.requires_enrolment
            or self.min_semester
            or self.max_grade is not None
            or self.min_language_level
            or self.other_requirements_de
        )

    @property
    def has_funding(self) -> bool:
        return bool(self.funding_source)

    def default_grant_parts(self) -> dict[str, Decimal]:
        return {
            "flight": self.flight_amount,
            "visa": self.visa_amount,
            "stipend": self.stipend_amount,
            "flat_rate": self.flat_rate_amount,
        }


class CallQuestion(models.Model):
    call = ParentalKey(Call, on_delete=models.CASCADE, related_name="questions")
    text_de = models.CharField(_("question (German)"), max_length=300)
    text_en = models.CharField(_("question (English)"), max_length=300, blank=True)
    text_zh = models.CharField(_("question (Chinese)"), max_length=300, blank=True)
    is_required = models.BooleanField(_("required"), default=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    panels = [
        FieldPanel("text_de"),
        FieldPanel("text_en"),
        FieldPanel("text_zh"),
        FieldPanel("is_required"),
    ]

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return self.text

    @property
    def text(self) -> str:
        return localized(self, "text")


class ApplicationQuerySet(models.QuerySet):
    def with_score(self):
        return self.annotate(average_score=models.Avg("reviews__score"))

    def ranked(self):
        return self.with_score().order_by(
            models.F("average_score").desc(nulls_last=True), "submitted_at", "pk"
        )


class Application(models.Model):
    call = models.ForeignKey(
        Call, on_delete=models.CASCADE, related_name="applications", verbose_name=_("call")
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="mobility_applications",
        verbose_name=_("applicant"),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.DRAFT,
        db_index=True,
    )
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    study_programme = models.CharField(_("degree programme"), max_length=200, blank=True)
    motivation = models.TextField(_("motivation"), max_length=5000, blank=True)
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    language = models.CharField(_("language"), max_length=10, default="de")
    waitlist_position = models.PositiveIntegerField(
        _("waiting list position"), null=True, blank=True
    )
    is_enrolled = models.BooleanField(_("enrolled at the university"), null=True, blank=True)
    semester = models.PositiveSmallIntegerField(
        _("current semester"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(30)],
    )
    grade_average = models.DecimalField(
        _("grade average"),
        max_digits=3,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("1.0")), MaxValueValidator(Decimal("4.0"))],
        help_text=_("German scale, 1.0 (best) to 4.0."),
    )
    language_level = models.CharField(
        _("language level"), max_length=10, blank=True, choices=LanguageLevel.choices
    )
    confirms_requirements = models.BooleanField(
        _("I meet the other requirements of this call"), default=False
    )
    reply_by = models.DateTimeField(
        _("reply by"), null=True, blank=True, help_text=_("The offer expires at this moment.")
    )
    offer_reminded_at = models.DateTimeField(_("offer reminder sent"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["call", "applicant"], name="mobility_one_application_per_call"
            )
        ]

    def __str__(self):
        return f"{self.full_name} – {self.call}"

    @property
    def full_name(self) -> str:
        return person_name(self.first_name, self.last_name)


class ApplicationDocument(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="documents")
    document_type = models.CharField(
        _("document type"), max_length=20, choices=DocumentType.choices
    )
    file = models.FileField(storage=private_storage, upload_to=document_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=50)
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["document_type"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "document_type"], name="mobility_one_document_per_type"
            )
        ]

    def __str__(self):
        return self.original_name

    @property
    def download_name(self) -> str:
        """The uploaded name with the extension of the detected type."""
        return download_name(self.original_name, self.content_type)


def bundle_path(instance, filename):
    return f"mobility/bundles/{uuid.uuid4().hex}.pdf"


class DocumentBundle(models.Model):
    """All documents of an application as one PDF, built by the task worker on a
    coordinator's request; private, served only through the coordinator's view."""

    application = models.OneToOneField(Application, on_delete=models.CASCADE, related_name="bundle")
    status = models.CharField(max_length=10, choices=BundleStatus.choices)
    file = models.FileField(
        storage=private_storage, upload_to=bundle_path, max_length=200, blank=True
    )
    language = models.CharField(max_length=10)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"{self.application} ({self.status})"


class StatusChange(models.Model):
    """The log of an application: who changed its status, when, and why."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="status_changes"
    )
    from_status = models.CharField(max_length=20, choices=ApplicationStatus.choices)
    to_status = models.CharField(max_length=20, choices=ApplicationStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.from_status} -> {self.to_status}"

    @property
    def shown_note(self) -> str:
        """The note in the active language where the system wrote it; as written else."""
        return gettext(self.note) if self.note in SYSTEM_NOTES else self.note


class Review(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mobility_reviews"
    )
    score = models.PositiveSmallIntegerField(
        _("score (0-10)"), validators=[MinValueValidator(0), MaxValueValidator(10)]
    )
    comment = models.TextField(_("comment"), blank=True)
    # One score (0-10) per review criterion of the call, by its position; ``score`` is
    # then their rounded mean, which the ranking uses.
    criterion_scores = models.JSONField(_("scores per criterion"), default=list, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["application", "reviewer"], name="mobility_one_review_per_reviewer"
            )
        ]

    def __str__(self):
        return f"{self.reviewer} {self.score}"

    def scored_criteria(self) -> list[tuple[str, int]]:
        """(criterion, score) pairs in the current language, for the coordinator."""
        labels = self.application.call.criterion_labels()
        return list(zip(labels, self.criterion_scores, strict=False))


class InterviewSlot(models.Model):
    call = ParentalKey(Call, on_delete=models.CASCADE, related_name="interview_slots")
    starts_at = models.DateTimeField(_("starts"))
    minutes = models.PositiveSmallIntegerField(_("length (minutes)"), default=20)
    location = models.CharField(_("place or video link"), max_length=300)
    application = models.OneToOneField(
        Application,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="interview_slot",
    )

    panels = [FieldPanel("starts_at"), FieldPanel("minutes"), FieldPanel("location")]

    class Meta:
        verbose_name = _("interview slot")
        verbose_name_plural = _("interview slots")
        ordering = ["starts_at"]

    def __str__(self):
        return f"{self.call} {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def ends_at(self):
        return self.starts_at + timedelta(minutes=self.minutes)


class StatusEmailText(models.Model):
    """The coordinator's own wording of the e-mail sent for a status (optional)."""

    status = models.CharField(
        _("status"), max_length=20, choices=ApplicationStatus.choices, unique=True
    )
    text_de = models.TextField(_("text (German)"))
    text_en = models.TextField(_("text (English)"), blank=True)
    text_zh = models.TextField(_("text (Chinese)"), blank=True)

    class Meta:
        verbose_name = _("status e-mail text")
        verbose_name_plural = _("status e-mail texts")

    def __str__(self):
        return self.get_status_display()

    @property
    def text(self) -> str:
        return localized(self, "text")


_MONEY = {"max_digits": 10, "decimal_places": 2, "default": Decimal("0.00")}


class GrantQuerySet(models.QuerySet):
    def totals(self) -> dict[str, Decimal]:
        """Committed (counts against the budget) and paid (net of reclaimed), in one
        query."""
        zero = models.Value(Decimal("0.00"), output_field=models.DecimalField(**_DIGITS))
        committed = models.Case(
            models.When(status__in=GRANT_COMMITTED, then=models.F("amount")),
            models.When(
                status=GrantStatus.RECLAIMED,
                then=models.F("paid_amount") - models.F("reclaimed_amount"),
            ),
            default=zero,
            output_field=models.DecimalField(**_DIGITS),
        )
        sums = self.aggregate(
            committed=models.Sum(committed),
            paid=models.Sum(models.F("paid_amount") - models.F("reclaimed_amount")),
        )
        return {key: Decimal(value or 0).quantize(Decimal("0.01")) for key, value in sums.items()}


_DIGITS = {"max_digits": 12, "decimal_places": 2}


class Grant(models.Model):
    """The money a selected participant gets from the call's funding."""

    application = models.OneToOneField(
        Application, on_delete=models.CASCADE, related_name="grant", verbose_name=_("application")
    )
    call = models.ForeignKey(
        Call, on_delete=models.PROTECT, related_name="grants", verbose_name=_("call")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=GrantStatus.choices, default=GrantStatus.OFFERED
    )
    flight = models.DecimalField(_("flight"), **_MONEY)
    visa = models.DecimalField(_("visa"), **_MONEY)
    stipend = models.DecimalField(_("stipend"), **_MONEY)
    flat_rate = models.DecimalField(_("flat rates"), **_MONEY)
    amount = models.DecimalField(_("total"), **_MONEY)
    paid_amount = models.DecimalField(_("paid"), **_MONEY)
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    reclaimed_amount = models.DecimalField(_("reclaimed"), **_MONEY)
    reclaimed_on = models.DateField(_("reclaimed on"), null=True, blank=True)
    override_reason = models.TextField(
        _("reason for exceeding the budget"), blank=True, max_length=2000
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = GrantQuerySet.as_manager()

    class Meta:
        verbose_name = _("grant")
        verbose_name_plural = _("grants")
        ordering = ["call", "application__last_name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    flight__gte=0, visa__gte=0, stipend__gte=0, flat_rate__gte=0, amount__gte=0
                ),
                name="mobility_grant_amounts_not_negative",
            )
        ]

    def __str__(self):
        return f"{self.application} {self.amount}"

    def parts(self) -> list[tuple[str, Decimal]]:
        return [
            (_("Flight"), self.flight),
            (_("Visa"), self.visa),
            (_("Stipend"), self.stipend),
            (_("Flat rates"), self.flat_rate),
        ]


class EligibilityWaiver(models.Model):
    """Staff let one applicant through one eligibility rule, with a reason."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="waivers")
    rule = models.CharField(_("rule"), max_length=20, choices=EligibilityRule.choices)
    reason = models.TextField(_("reason"), max_length=2000)
    waived_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("waived rule")
        verbose_name_plural = _("waived rules")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "rule"], name="mobility_one_waiver_per_rule"
            )
        ]

    def __str__(self):
        return f"{self.application} {self.rule}"


def report_photo_path(instance, filename):
    extension = {"image/jpeg": "jpg", "image/png": "png"}.get(instance.photo_type, "bin")
    return f"mobility/reports/{uuid.uuid4().hex}.{extension}"


class ExperienceReportQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=ReportStatus.PUBLISHED)


class ExperienceReport(models.Model):
    """What a participant tells the next students, written in their account, published
    on the programme's page after the staff's review, with their name or without."""

    application = models.OneToOneField(
        Application, on_delete=models.CASCADE, related_name="experience_report"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    language = models.CharField(
        _("language written in"), max_length=10, choices=settings.LANGUAGES, default="de"
    )
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("report"), max_length=10000)
    show_name = models.BooleanField(
        _("show my name with the report"),
        default=False,
        help_text=_("Otherwise it is published without a name."),
    )
    photo = models.FileField(
        _("photo"), storage=private_storage, upload_to=report_photo_path, max_length=200, blank=True
    )
    photo_type = models.CharField(max_length=50, blank=True)
    # The stored photo's size in pixels (it is scaled down and stripped of its metadata at
    # upload), for the width and height of its <img>.
    photo_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    photo_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    photo_consent = models.BooleanField(
        _("everyone in the photo agrees to its publication"), default=False
    )
    staff_note = models.TextField(_("note from the staff"), blank=True, max_length=2000)
    submitted_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = ExperienceReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("experience report")
        verbose_name_plural = _("experience reports")
        ordering = ["-published_at", "-pk"]

    def __str__(self):
        return self.title

    @property
    def author_label(self) -> str:
        """The name as published: the participant's, or none."""
        return self.application.full_name if self.show_name else ""
