"""Incoming groups: a cohort hosted for a partner institution, its participants, the
timetable with attendance, the letter texts staff edit, and the reminders sent."""

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel

from qiao.core.localization import localized
from qiao.mobility.models import private_storage
from qiao.mobility.uploads import download_name

from .enums import (
    CohortType,
    Gender,
    LetterKind,
    LetterLanguage,
    ParticipantRole,
    PortalLanguage,
    ReminderKind,
)


class CohortQuerySet(models.QuerySet):
    def running_or_upcoming(self, *, today=None):
        today = today or timezone.localdate()
        return self.filter(ends_on__gte=today)


class Cohort(ClusterableModel):
    """One group hosted for a partner: a summer school, a lecturer training, a study tour."""

    title_de = models.CharField(_("programme title (German)"), max_length=200)
    title_en = models.CharField(_("programme title (English)"), max_length=200)
    title_zh = models.CharField(_("programme title (Chinese)"), max_length=200, blank=True)
    partner = models.ForeignKey(
        "partners.Institution",
        verbose_name=_("partner institution"),
        on_delete=models.PROTECT,
        related_name="incoming_cohorts",
    )
    type = models.CharField(_("type"), max_length=20, choices=CohortType.choices)
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    coordinators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("coordinators here"),
        blank=True,
        related_name="incoming_cohorts",
        help_text=_("Only they (and administrators) see passport data of this group."),
    )
    partner_coordinator_name = models.CharField(
        _("coordinator at the partner"), max_length=200, blank=True
    )
    partner_coordinator_email = models.EmailField(
        _("e-mail of the coordinator at the partner"), blank=True
    )
    capacity = models.PositiveIntegerField(_("capacity"), validators=[MinValueValidator(1)])
    attendance_rule = models.PositiveSmallIntegerField(
        _("attendance needed for the certificate (%)"),
        default=80,
        validators=[MaxValueValidator(100)],
    )
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=1, null=True, blank=True)
    ects = models.DecimalField(
        _("ECTS credits"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    location = models.CharField(_("place"), max_length=200, blank=True)
    practical_info_de = models.TextField(_("practical information (German)"), blank=True)
    practical_info_en = models.TextField(_("practical information (English)"), blank=True)
    practical_info_zh = models.TextField(_("practical information (Chinese)"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CohortQuerySet.as_manager()

    panels = [
        MultiFieldPanel(
            [FieldPanel("title_de"), FieldPanel("title_en"), FieldPanel("title_zh")],
            heading=_("Programme"),
        ),
        FieldRowPanel([FieldPanel("partner"), FieldPanel("type")]),
        FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on"), FieldPanel("location")]),
        FieldRowPanel([FieldPanel("capacity"), FieldPanel("attendance_rule")]),
        FieldRowPanel([FieldPanel("hours"), FieldPanel("ects")]),
        MultiFieldPanel(
            [
                FieldPanel("coordinators"),
                FieldPanel("partner_coordinator_name"),
                FieldPanel("partner_coordinator_email"),
            ],
            heading=_("Coordinators"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("practical_info_de"),
                FieldPanel("practical_info_en"),
                FieldPanel("practical_info_zh"),
            ],
            heading=_("Practical information for the participants"),
        ),
        InlinePanel("sessions", label=_("Session")),
    ]

    class Meta:
        verbose_name = _("incoming group")
        verbose_name_plural = _("incoming groups")
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="incoming_cohort_ends_after_start",
            )
        ]

    def __str__(self):
        return f"{self.title_en} ({self.starts_on:%Y})"

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The last day cannot be before the first day.")})

    @property
    def title(self) -> str:
        return localized(self, "title")

    @property
    def practical_info(self) -> str:
        return localized(self, "practical_info")


class ParticipantQuerySet(models.QuerySet):
    def active(self):
        return self.filter(purged_at__isnull=True)


def passport_path(instance, filename):
    # The stored name never comes from the participant.
    extension = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}.get(
        instance.passport_content_type, "bin"
    )
    return f"incoming/{instance.cohort_id}/{uuid.uuid4().hex}.{extension}"


class Participant(models.Model):
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="participants")
    name_zh = models.CharField(_("name in Chinese characters"), max_length=100, blank=True)
    name_pinyin = models.CharField(_("name in pinyin"), max_length=200)
    passport_name = models.CharField(
        _("name as in the passport"),
        max_length=200,
        help_text=_("Family name, given names, exactly as printed in the passport."),
    )
    date_of_birth = models.DateField(_("date of birth"), null=True)
    email = models.EmailField(_("e-mail address"))
    role = models.CharField(_("role"), max_length=20, choices=ParticipantRole.choices)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices, blank=True)
    language = models.CharField(
        _("language of e-mails"),
        max_length=10,
        choices=PortalLanguage.choices,
        default=PortalLanguage.CHINESE,
    )
    passport_number = models.CharField(_("passport number"), max_length=30, blank=True)
    passport_expires_on = models.DateField(_("passport valid until"), null=True, blank=True)
    passport_file = models.FileField(
        _("passport page"),
        storage=private_storage,
        upload_to=passport_path,
        max_length=200,
        blank=True,
    )
    passport_original_name = models.CharField(max_length=200, blank=True)
    passport_content_type = models.CharField(max_length=50, blank=True)
    arrival_at = models.DateTimeField(_("arrival"), null=True, blank=True)
    arrival_details = models.CharField(
        _("arrival details"),
        max_length=300,
        blank=True,
        help_text=_("Flight or train number, airport or station."),
    )
    diet = models.CharField(_("diet"), max_length=200, blank=True)
    emergency_contact = models.CharField(
        _("emergency contact"),
        max_length=300,
        blank=True,
        help_text=_("Name, relation and telephone number."),
    )
    insurance_until = models.DateField(_("health insurance valid until"), null=True, blank=True)
    visa_until = models.DateField(_("visa valid until"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    purged_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ParticipantQuerySet.as_manager()

    # Passport number, expiry and page are not among the panels: they are shown only to
    # the cohort's coordinators on their own screen (see access.can_view_passport_data).
    panels = [
        FieldPanel("cohort"),
        FieldRowPanel([FieldPanel("name_zh"), FieldPanel("name_pinyin")]),
        FieldRowPanel([FieldPanel("passport_name"), FieldPanel("date_of_birth")]),
        FieldRowPanel([FieldPanel("email"), FieldPanel("language")]),
        FieldRowPanel([FieldPanel("role"), FieldPanel("gender")]),
        FieldRowPanel([FieldPanel("arrival_at"), FieldPanel("arrival_details")]),
        FieldPanel("diet"),
        FieldPanel("emergency_contact"),
        FieldRowPanel([FieldPanel("insurance_until"), FieldPanel("visa_until")]),
    ]

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["cohort", "name_pinyin"]
        permissions = [("view_passport_data", "Can view passport data of own groups")]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.name_zh:
            return f"{self.name_zh} ({self.name_pinyin})"
        return self.name_pinyin

    @property
    def passport_download_name(self) -> str:
        return download_name(self.passport_original_name or "passport", self.passport_content_type)

    def missing_details(self) -> list[str]:
        """What the participant still has to give us (labels in the active language)."""
        missing = []
        if not self.passport_file:
            missing.append(str(_("passport page")))
        if not self.passport_number:
            missing.append(str(_("passport number")))
        if self.arrival_at is None:
            missing.append(str(_("arrival")))
        if not self.emergency_contact:
            missing.append(str(_("emergency contact")))
        if self.insurance_until is None:
            missing.append(str(_("health insurance valid until")))
        return missing


class Session(models.Model):
    cohort = ParentalKey(Cohort, on_delete=models.CASCADE, related_name="sessions")
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    title = models.CharField(_("title"), max_length=200)
    room = models.CharField(_("room"), max_length=100, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
        FieldRowPanel([FieldPanel("title"), FieldPanel("room")]),
    ]

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["starts_at"]

    def __str__(self):
        return self.title

    @property
    def hours(self) -> Decimal:
        return Decimal((self.ends_at - self.starts_at).total_seconds() / 3600).quantize(
            Decimal("0.1")
        )


class Attendance(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendances")
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="attendances"
    )
    present = models.BooleanField(default=False)
    recorded_at = models.DateTimeField(auto_now=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["session", "participant"], name="incoming_one_attendance_per_session"
            )
        ]

    def __str__(self):
        return f"{self.participant} – {self.session}"


class LetterText(models.Model):
    """The text of one letter kind in one language, edited by staff. Placeholders in
    curly braces ({name}, {programme} …) are filled for each participant."""

    kind = models.CharField(_("letter"), max_length=20, choices=LetterKind.choices)
    language = models.CharField(_("language"), max_length=5, choices=LetterLanguage.choices)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(
        _("text"),
        help_text=_(
            "Placeholders: {name}, {name_zh}, {passport_name}, {date_of_birth}, "
            "{passport_number}, {programme}, {partner}, {starts_on}, {ends_on}, {place}, "
            "{hours}, {ects}, {workload}, {attendance}."
        ),
    )
    signatory = models.CharField(_("signed by"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("letter text")
        verbose_name_plural = _("letter texts")
        ordering = ["kind", "language"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "language"], name="incoming_one_text_per_kind")
        ]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.get_language_display()})"


class ReminderSent(models.Model):
    """A reminder sent to a participant; one per kind, so the daily job never repeats it."""

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=20, choices=ReminderKind.choices)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "kind"], name="incoming_one_reminder_per_kind"
            )
        ]

    def __str__(self):
        return f"{self.participant} – {self.kind}"


class DigestSent(models.Model):
    """The weekly digest of a cohort sent for one ISO week (e.g. "2026-W27")."""

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="digests")
    week = models.CharField(max_length=10)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["cohort", "week"], name="incoming_one_digest_per_week")
        ]

    def __str__(self):
        return f"{self.cohort} – {self.week}"
