"""Topics, advisors, their availability, slots and bookings.

Times are stored in UTC; availability is entered in Berlin wall time (see services.slots)."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Locale, Page
from wagtail.search import index

from qiao.core.blocks import BodyBlock
from qiao.core.localization import localized
from qiao.core.models import BasePage

from .enums import HOLDING_STATUSES, BookingStatus, MeetingMode, PersonStatus, Weekday


class Topic(models.Model):
    """What people can book advice on. The guidance text lives on an AdvisingTopicPage."""

    slug = models.SlugField(_("short name in addresses"), max_length=60, unique=True)
    name_de = models.CharField(_("name (German)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120)
    name_zh = models.CharField(_("name (Chinese)"), max_length=120)
    slot_minutes = models.PositiveSmallIntegerField(
        _("length of an appointment (minutes)"), default=30
    )
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)
    is_active = models.BooleanField(_("bookable"), default=True)

    class Meta:
        verbose_name = _("advising topic")
        verbose_name_plural = _("advising topics")
        ordering = ["sort_order", "slug"]
        constraints = [
            models.CheckConstraint(
                condition=Q(slot_minutes__gte=5), name="advising_topic_slot_minutes_min"
            )
        ]

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return localized(self, "name")

    @property
    def slot_length(self) -> timedelta:
        return timedelta(minutes=self.slot_minutes)

    def guidance_page(self):
        """The topic's page in the current language (or None)."""
        return (
            AdvisingTopicPage.objects.live()
            .public()
            .filter(topic=self, locale=Locale.get_active())
            .first()
        )


class Advisor(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="advisor",
        limit_choices_to={"is_staff": True},
        verbose_name=_("staff account"),
    )
    name = models.CharField(_("name shown to visitors"), max_length=200)
    email = models.EmailField(_("e-mail for notifications"))
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("advisor")
        verbose_name_plural = _("advisors")
        ordering = ["name"]

    def __str__(self):
        return self.name


class HttpsURLField(models.URLField):
    """A link field whose form adds https:// where the scheme is left out."""

    def formfield(self, **kwargs):
        kwargs.setdefault("assume_scheme", "https")
        return super().formfield(**kwargs)


class MeetingPlace(models.Model):
    """Where an appointment takes place: a room, or an online link sent only on confirmation."""

    mode = models.CharField(
        _("meeting mode"), max_length=20, choices=MeetingMode.choices, default=MeetingMode.IN_PERSON
    )
    room = models.CharField(_("room"), max_length=200, blank=True)
    online_link = HttpsURLField(
        _("online meeting link"),
        blank=True,
        help_text=_("Sent only in the confirmation, never shown publicly."),
    )

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.mode == MeetingMode.IN_PERSON and not self.room:
            raise ValidationError({"room": _("Enter the room for an appointment in person.")})
        if self.mode == MeetingMode.ONLINE and not self.online_link:
            raise ValidationError(
                {"online_link": _("Enter the meeting link for an online appointment.")}
            )


class AvailabilityRule(MeetingPlace):
    """Recurring weekly hours of an advisor for one topic, in Berlin wall time."""

    advisor = models.ForeignKey(
        Advisor, on_delete=models.CASCADE, related_name="rules", verbose_name=_("advisor")
    )
    topic = models.ForeignKey(
        Topic, on_delete=models.CASCADE, related_name="rules", verbose_name=_("topic")
    )
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    start_time = models.TimeField(_("from (Berlin time)"))
    end_time = models.TimeField(_("until (Berlin time)"))
    valid_from = models.DateField(_("first day"))
    valid_until = models.DateField(_("last day"), null=True, blank=True)

    class Meta:
        verbose_name = _("weekly hours")
        verbose_name_plural = _("weekly hours")
        ordering = ["advisor", "weekday", "start_time"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_time__gt=models.F("start_time")),
                name="advising_rule_ends_after_start",
            )
        ]

    def __str__(self):
        hours = f"{self.start_time:%H:%M}–{self.end_time:%H:%M}"
        return f"{self.advisor}: {self.get_weekday_display()} {hours}"

    def clean(self):
        super().clean()
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            raise ValidationError({"end_time": _("The end must be after the start.")})
        if self.valid_until and self.valid_from and self.valid_until < self.valid_from:
            raise ValidationError({"valid_until": _("The last day must not be before the first.")})


class BlockedDay(models.Model):
    """A holiday or a day an advisor is away: no slots are offered on it."""

    date = models.DateField(_("date"))
    advisor = models.ForeignKey(
        Advisor,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="blocked_days",
        verbose_name=_("advisor"),
        help_text=_("Leave empty for a day the whole centre is closed."),
    )
    reason = models.CharField(_("reason"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("blocked day")
        verbose_name_plural = _("blocked days")
        ordering = ["date"]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.reason}".strip()


class SlotQuerySet(models.QuerySet):
    def holding_booking_filter(self, now=None):
        now = now or timezone.now()
        return Q(status=BookingStatus.CONFIRMED) | Q(
            status=BookingStatus.PENDING, hold_expires_at__gt=now
        )

    def free(self, now=None):
        now = now or timezone.now()
        held = Booking.objects.filter(slot=models.OuterRef("pk")).filter(
            self.holding_booking_filter(now)
        )
        return self.filter(~models.Exists(held))


class Slot(MeetingPlace):
    """One bookable appointment time: generated from weekly hours or entered singly."""

    advisor = models.ForeignKey(
        Advisor, on_delete=models.CASCADE, related_name="slots", verbose_name=_("advisor")
    )
    topic = models.ForeignKey(
        Topic, on_delete=models.CASCADE, related_name="slots", verbose_name=_("topic")
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"), blank=True)
    rule = models.ForeignKey(
        AvailabilityRule,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="slots",
        editable=False,
    )

    objects = SlotQuerySet.as_manager()

    class Meta:
        verbose_name = _("appointment slot")
        verbose_name_plural = _("appointment slots")
        ordering = ["starts_at", "advisor"]
        constraints = [
            models.UniqueConstraint(
                fields=["advisor", "starts_at"], name="advising_slot_unique_advisor_start"
            )
        ]
        indexes = [models.Index(fields=["topic", "starts_at"])]

    def __str__(self):
        start = timezone.localtime(self.starts_at)
        return f"{self.topic} {start:%Y-%m-%d %H:%M} ({self.advisor})"

    def save(self, *args, **kwargs):
        # A single slot entered by hand takes the topic's length.
        if self.ends_at is None and self.starts_at is not None:
            self.ends_at = self.starts_at + self.topic.slot_length
        super().save(*args, **kwargs)

    def clean(self):
        # A slot on a blocked day is never offered; say so rather than hide it silently.
        if self.starts_at is None or self.advisor_id is None:
            return
        day = timezone.localdate(self.starts_at)
        blocked = (
            BlockedDay.objects.filter(date=day)
            .filter(Q(advisor__isnull=True) | Q(advisor_id=self.advisor_id))
            .first()
        )
        if blocked is not None:
            raise ValidationError(
                {
                    "starts_at": _(
                        "%(date)s is blocked (%(reason)s), so this slot would not be offered. "
                        "Choose another day, or remove the blocked day first."
                    )
                    % {
                        "date": formats.date_format(day, "SHORT_DATE_FORMAT"),
                        "reason": blocked.reason or _("no reason given"),
                    }
                }
            )


class Booking(models.Model):
    """A person's appointment. Personal data: purged after ADVISING_RETENTION_DAYS."""

    slot = models.ForeignKey(
        Slot, on_delete=models.PROTECT, related_name="bookings", verbose_name=_("slot")
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"))
    person_status = models.CharField(_("status"), max_length=20, choices=PersonStatus.choices)
    question = models.TextField(_("question"), max_length=1000)
    language = models.CharField(_("language"), max_length=10, default="de")
    status = models.CharField(
        _("booking status"),
        max_length=20,
        choices=BookingStatus.choices,
        default=BookingStatus.PENDING,
        db_index=True,
    )
    hold_expires_at = models.DateTimeField(_("held until"), null=True, blank=True)
    created_at = models.DateTimeField(_("booked"), auto_now_add=True)
    status_changed_at = models.DateTimeField(_("status changed"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)
    staff_note = models.TextField(
        _("note after the meeting"), blank=True, help_text=_("Visible to staff only.")
    )

    class Meta:
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        ordering = ["slot__starts_at"]
        constraints = [
            # The database's own guarantee that a slot is never held twice.
            models.UniqueConstraint(
                fields=["slot"],
                condition=Q(status__in=HOLDING_STATUSES),
                name="advising_one_holding_booking_per_slot",
            )
        ]

    def __str__(self):
        return f"{self.name} – {self.slot}"

    @property
    def topic(self) -> Topic:
        return self.slot.topic


class AdvisingIndexPage(BasePage):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["advising.AdvisingTopicPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("advising index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["topic_pages"] = (
            AdvisingTopicPage.objects.child_of(self).live().public().select_related("topic")
        )
        return context


class AdvisingTopicPage(BasePage):
    """The guidance on one topic, with the way to book an appointment."""

    topic = models.ForeignKey(
        Topic,
        on_delete=models.PROTECT,
        related_name="pages",
        verbose_name=_("bookable topic"),
    )
    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("guidance"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("topic"),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["advising.AdvisingIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("advising topic page")
