"""Event pages (one per language, linked by translation_key) and the back-office records
of an event: sessions, registration questions and registrations.

Sessions, questions and registrations belong to the *source* page of an event (the first
one created, usually German): all language versions share one set of seats. Short labels
on these records have one field per language (see qiao/core/localization.py).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from qiao.core.blocks import BodyBlock
from qiao.core.localization import localized
from qiao.core.models import BasePage

from .enums import (
    ACTIVE_STATUSES,
    Affiliation,
    EventFormat,
    EventLanguage,
    EventType,
    ParticipationMode,
    QuestionKind,
    RegistrationMode,
    RegistrationStatus,
)
from .page_forms import EventPageForm


class EventIndexPage(BasePage):
    intro = models.TextField(_("introduction"), blank=True)
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("privacy page"),
        help_text=_("The registration form links to it next to the consent text."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("privacy_page")]
    subpage_types = ["events.EventPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("event index")

    def get_context(self, request, *args, **kwargs):
        from . import queries

        context = super().get_context(request, *args, **kwargs)
        filters = queries.EventFilters.from_query(request.GET)
        listing = queries.event_listing(
            self,
            filters,
            page_number=request.GET.get("page"),
            year=request.GET.get("year", ""),
            archive_page=request.GET.get("archive"),
        )
        context.update(
            filters=filters,
            listing=listing,
            upcoming=listing.upcoming,
            event_types=EventType.choices,
            event_formats=EventFormat.choices,
            event_languages=EventLanguage.choices,
        )
        return context


class EventPageQuerySet(PageQuerySet):
    def upcoming(self, now=None):
        return self.filter(end__gte=now or timezone.now()).order_by("start")

    def past(self, now=None):
        return self.filter(end__lt=now or timezone.now()).order_by("-start")


EventPageManager = PageManager.from_queryset(EventPageQuerySet)


class EventPage(BasePage):
    event_type = models.CharField(_("type"), max_length=20, choices=EventType.choices)
    event_format = models.CharField(
        _("format"), max_length=10, choices=EventFormat.choices, default=EventFormat.ON_SITE
    )
    event_language = models.CharField(
        _("language of the event"),
        max_length=10,
        choices=EventLanguage.choices,
        default=EventLanguage.GERMAN,
    )
    start = models.DateTimeField(_("start"), db_index=True)
    end = models.DateTimeField(_("end"), db_index=True)
    teaser = models.TextField(_("teaser"), max_length=400, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    address = models.TextField(_("address"), blank=True)
    online_link = models.URLField(
        _("online link"),
        blank=True,
        help_text=_("Sent only to confirmed participants, in their confirmation e-mail."),
    )
    speakers = models.TextField(_("speakers"), blank=True, help_text=_("One speaker per line."))
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("description"))
    registration_enabled = models.BooleanField(_("registration on this site"), default=True)
    registration_mode = models.CharField(
        _("participants register for"),
        max_length=10,
        choices=RegistrationMode.choices,
        default=RegistrationMode.WHOLE_SERIES,
    )
    registration_deadline = models.DateTimeField(_("registration deadline"), null=True, blank=True)
    capacity_on_site = models.PositiveIntegerField(
        _("seats on site"), null=True, blank=True, help_text=_("Empty: no limit.")
    )
    capacity_online = models.PositiveIntegerField(
        _("places online"), null=True, blank=True, help_text=_("Empty: no limit.")
    )
    max_companions = models.PositiveSmallIntegerField(
        _("accompanying persons per registration"),
        default=0,
        help_text=_(
            "0: the form does not ask. Otherwise the most a participant may bring; "
            "each takes a seat."
        ),
    )
    invitation_only = models.BooleanField(
        _("by invitation only"),
        default=False,
        help_text=_("Only people with a personal invitation link can register."),
    )
    invitee_seats = models.PositiveIntegerField(
        _("seats reserved for invitees"),
        null=True,
        blank=True,
        help_text=_("Held back from the public form for people with an invitation."),
    )
    survey_enabled = models.BooleanField(
        _("survey after the event"),
        default=False,
        help_text=_(
            "The day after the event ends, everyone checked in gets a personal link to rate "
            "it (1 to 5) and comment."
        ),
    )
    survey_anonymous = models.BooleanField(
        _("anonymous survey"),
        default=True,
        help_text=_("The results do not show who answered."),
    )

    objects = EventPageManager()
    base_form_class = EventPageForm

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("event_type"), FieldPanel("event_format")]),
        FieldPanel("event_language"),
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
        FieldPanel("teaser"),
        MultiFieldPanel(
            [
                FieldPanel("place"),
                FieldPanel("address"),
                FieldPanel("online_link"),
                FieldPanel("notify_participants"),
            ],
            heading=_("Place"),
        ),
        FieldPanel("speakers"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("registration_enabled"),
                FieldPanel("registration_mode"),
                FieldPanel("registration_deadline"),
                FieldRowPanel([FieldPanel("capacity_on_site"), FieldPanel("capacity_online")]),
                FieldPanel("max_companions"),
                FieldRowPanel([FieldPanel("invitation_only"), FieldPanel("invitee_seats")]),
            ],
            heading=_("Registration"),
        ),
        MultiFieldPanel(
            [FieldPanel("survey_enabled"), FieldPanel("survey_anonymous")],
            heading=_("Survey"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("teaser"),
        index.SearchField("speakers"),
        index.SearchField("body"),
        index.FilterField("start"),
    ]
    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def clean(self):
        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("The end must not be before the start.")})
        if self.registration_deadline and self.start and self.registration_deadline > self.start:
            raise ValidationError(
                {"registration_deadline": _("The deadline must not be after the start.")}
            )
        if self.pk and self.start and self.end and self.pk == self.source_event.pk:
            outside = self.sessions.filter(
                models.Q(start__lt=self.start) | models.Q(end__gt=self.end)
            )
            if outside.exists():
                raise ValidationError(
                    {
                        "end": _(
                            "Sessions would lie outside the event: %(sessions)s. "
                            "Change their times first."
                        )
                        % {"sessions": ", ".join(session.title for session in outside)}
                    }
                )

    @cached_property
    def source_event(self) -> "EventPage":
        """The language version that holds sessions, questions and registrations."""
        if not self.translation_key:
            return self
        return (
            EventPage.objects.filter(translation_key=self.translation_key).order_by("pk").first()
            or self
        )

    @property
    def participation_modes(self) -> list[str]:
        if self.event_format == EventFormat.ONLINE:
            return [ParticipationMode.ONLINE]
        if self.event_format == EventFormat.HYBRID:
            return [ParticipationMode.ON_SITE, ParticipationMode.ONLINE]
        return [ParticipationMode.ON_SITE]

    def capacity_for(self, mode: str) -> int | None:
        return self.capacity_online if mode == ParticipationMode.ONLINE else self.capacity_on_site

    def is_registration_open(self, now=None) -> bool:
        now = now or timezone.now()
        if not self.registration_enabled or now >= self.start:
            return False
        return self.registration_deadline is None or now < self.registration_deadline

    @property
    def speaker_list(self) -> list[str]:
        return [line.strip() for line in self.speakers.splitlines() if line.strip()]

    def get_context(self, request, *args, **kwargs):
        from . import queries

        context = super().get_context(request, *args, **kwargs)
        context["availability"] = queries.availability(self)
        context["timetable"] = queries.timetable(self.source_event)
        return context


class EventSession(models.Model):
    """A part of a series (a day's lecture, the students' day ...) with its own time and
    capacity."""

    event = models.ForeignKey(
        EventPage, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("event")
    )
    title_de = models.CharField(_("title (German)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    title_zh = models.CharField(_("title (Chinese)"), max_length=200, blank=True)
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    capacity_on_site = models.PositiveIntegerField(
        _("seats on site"), null=True, blank=True, help_text=_("Empty: no limit.")
    )
    capacity_online = models.PositiveIntegerField(
        _("places online"), null=True, blank=True, help_text=_("Empty: no limit.")
    )

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["start", "pk"]

    def __str__(self):
        return self.title

    def clean(self):
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("The end must not be before the start.")})
        event = self.event if self.event_id else None
        if event is None:
            return
        errors = {}
        if self.start and self.start < event.start:
            errors["start"] = _("A session must not start before its event.")
        if self.end and self.end > event.end:
            errors["end"] = _("A session must end by the end of its event.")
        if errors:
            raise ValidationError(errors)

    @property
    def title(self) -> str:
        return localized(self, "title")

    def capacity_for(self, mode: str) -> int | None:
        return self.capacity_online if mode == ParticipationMode.ONLINE else self.capacity_on_site


class RegistrationQuestion(models.Model):
    """A question the coordinator adds to one event's registration form."""

    event = models.ForeignKey(
        EventPage, on_delete=models.CASCADE, related_name="questions", verbose_name=_("event")
    )
    label_de = models.CharField(_("question (German)"), max_length=300)
    label_en = models.CharField(_("question (English)"), max_length=300, blank=True)
    label_zh = models.CharField(_("question (Chinese)"), max_length=300, blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=QuestionKind.choices)
    choices_de = models.TextField(_("choices (German)"), blank=True, help_text=_("One per line."))
    choices_en = models.TextField(_("choices (English)"), blank=True, help_text=_("One per line."))
    choices_zh = models.TextField(_("choices (Chinese)"), blank=True, help_text=_("One per line."))
    is_required = models.BooleanField(_("required"), default=False)
    sort_order = models.PositiveIntegerField(_("sort order"), default=0)

    class Meta:
        verbose_name = _("registration question")
        verbose_name_plural = _("registration questions")
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return self.label

    def clean(self):
        if self.kind == QuestionKind.CHOICE and not self.choices_de.strip():
            raise ValidationError({"choices_de": _("A choice question needs choices.")})

    @property
    def label(self) -> str:
        return localized(self, "label")

    def choice_list(self, language_code: str | None = None) -> list[tuple[str, str]]:
        """(stored value, shown label) pairs; the German text is stored as the value."""
        values = [line.strip() for line in self.choices_de.splitlines() if line.strip()]
        labels = [
            line.strip()
            for line in localized(self, "choices", language_code).splitlines()
            if line.strip()
        ]
        if len(labels) != len(values):
            labels = values
        return list(zip(values, labels, strict=True))


class Registration(models.Model):
    event = models.ForeignKey(
        EventPage, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("event")
    )
    sessions = models.ManyToManyField(
        EventSession, blank=True, related_name="registrations", verbose_name=_("sessions")
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"))
    affiliation = models.CharField(_("affiliation"), max_length=10, choices=Affiliation.choices)
    institution = models.CharField(_("institution"), max_length=200, blank=True)
    participation_mode = models.CharField(
        _("participation"),
        max_length=10,
        choices=ParticipationMode.choices,
        default=ParticipationMode.ON_SITE,
    )
    language = models.CharField(_("language"), max_length=10, default="de")
    companions = models.PositiveSmallIntegerField(_("accompanying persons"), default=0)
    invited = models.BooleanField(_("invited"), default=False)
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.PENDING,
        db_index=True,
    )
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("e-mail confirmed"), null=True, blank=True)
    waitlisted_at = models.DateTimeField(_("joined the waitlist"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    attended_at = models.DateTimeField(_("checked in"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)
    survey_sent_at = models.DateTimeField(_("survey sent"), null=True, blank=True)
    certificate_issued_at = models.DateTimeField(_("certificate issued"), null=True, blank=True)
    # A flag, not a time: a time could be matched with an anonymous answer's.
    survey_answered = models.BooleanField(_("survey answered"), default=False)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                "event",
                condition=Q(status__in=ACTIVE_STATUSES),
                name="events_registration_one_active_per_email",
            )
        ]

    def __str__(self):
        return f"{self.name} <{self.email}>"

    @property
    def seats(self) -> int:
        """Seats this registration takes: the person and their accompanying persons."""
        return 1 + self.companions


class AnnouncedSchedule(models.Model):
    """Time and place as last told to the participants, to notice a change on publish."""

    event = models.OneToOneField(EventPage, on_delete=models.CASCADE, related_name="+")
    start = models.DateTimeField()
    end = models.DateTimeField()
    place = models.CharField(max_length=200, blank=True)
    address = models.TextField(blank=True)

    def __str__(self):
        return f"{self.event_id}: {self.start:%Y-%m-%d %H:%M} {self.place}"


class CheckIn(models.Model):
    """A participant checked in, for the whole event (no session) or for one session;
    online attendance is recorded the same way with the online participation mode."""

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="check_ins"
    )
    session = models.ForeignKey(
        EventSession, on_delete=models.CASCADE, null=True, blank=True, related_name="check_ins"
    )
    participation_mode = models.CharField(
        _("participation"), max_length=10, choices=ParticipationMode.choices
    )
    checked_in_at = models.DateTimeField(_("checked in"))
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        ordering = ["checked_in_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                "registration", "session", name="events_checkin_once_per_session"
            ),
            models.UniqueConstraint(
                "registration",
                condition=Q(session__isnull=True),
                name="events_checkin_once_per_event",
            ),
        ]

    def __str__(self):
        return (
            f"{self.registration_id} {self.session_id or '-'} {self.checked_in_at:%Y-%m-%d %H:%M}"
        )


class SurveyResponse(models.Model):
    """One answer to an event's survey. The registration is kept only when the survey is
    not anonymous; that a person answered is kept on the registration
    (``survey_answered``), so each answers once either way."""

    event = models.ForeignKey(EventPage, on_delete=models.CASCADE, related_name="survey_responses")
    registration = models.OneToOneField(
        Registration,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="survey_response",
    )
    rating = models.PositiveSmallIntegerField(_("rating"))
    comment = models.TextField(_("comment"), blank=True, max_length=4000)
    language = models.CharField(_("language"), max_length=10, default="de")
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)

    class Meta:
        verbose_name = _("survey answer")
        verbose_name_plural = _("survey answers")
        ordering = ["submitted_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__gte=1, rating__lte=5), name="events_survey_rating_1_to_5"
            )
        ]

    def __str__(self):
        return f"{self.event_id}: {self.rating}"


class InvitationStatus(models.TextChoices):
    OPEN = "open", _("no answer yet")
    ACCEPTED = "accepted", _("registered")
    DECLINED = "declined", _("declined")


class Invitation(models.Model):
    """A personal invitation to one event, imported from a list; its link lets the
    invitee register (or decline)."""

    event = models.ForeignKey(
        EventPage, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("event")
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"))
    language = models.CharField(_("language"), max_length=10, default="de")
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    note = models.TextField(_("note"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=InvitationStatus.choices,
        default=InvitationStatus.OPEN,
    )
    registration = models.OneToOneField(
        Registration,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="invitation",
    )
    created_at = models.DateTimeField(_("invited"), auto_now_add=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminded"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"), "event", name="events_invitation_once_per_email"
            )
        ]

    def __str__(self):
        return f"{self.name} <{self.email}>"
