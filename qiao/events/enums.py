from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class EventType(models.TextChoices):
    LECTURE = "lecture", _("Lecture")
    SEMINAR = "seminar", _("Seminar")
    WORKSHOP = "workshop", _("Workshop")
    CULTURAL = "cultural", _("Cultural event")
    CHINA_WEEK = "china_week", _("China Week")


class EventFormat(models.TextChoices):
    ON_SITE = "on_site", _("On site")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("Hybrid")


class EventLanguage(models.TextChoices):
    GERMAN = "de", _("German")
    ENGLISH = "en", _("English")
    CHINESE = "zh-hans", _("Chinese")
    MULTILINGUAL = "multi", _("Several languages")


class RegistrationMode(models.TextChoices):
    WHOLE_SERIES = "whole", _("Whole event or series")
    SESSIONS = "sessions", _("Chosen sessions")


class ParticipationMode(models.TextChoices):
    ON_SITE = "on_site", pgettext_lazy("participation", "On site")
    ONLINE = "online", pgettext_lazy("participation", "Online")


class Affiliation(models.TextChoices):
    STUDENT = "student", _("Student")
    STAFF = "staff", _("University staff")
    EXTERNAL = "external", _("External guest")
    PARTNER = "partner", _("Partner institution")


class QuestionKind(models.TextChoices):
    TEXT = "text", _("Text")
    CHOICE = "choice", _("Choice")
    YES_NO = "yes_no", _("Yes or no")


class RegistrationStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for e-mail confirmation")
    CONFIRMED = "confirmed", _("Confirmed")
    WAITLISTED = "waitlisted", _("On the waitlist")
    CANCELLED = "cancelled", _("Cancelled")
    ATTENDED = "attended", _("Attended")


# The one table of allowed registration status changes; services.set_status enforces it.
STATUS_TRANSITIONS: dict[str, frozenset[str]] = {
    RegistrationStatus.PENDING: frozenset(
        {RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED, RegistrationStatus.CANCELLED}
    ),
    RegistrationStatus.CONFIRMED: frozenset(
        {RegistrationStatus.WAITLISTED, RegistrationStatus.CANCELLED, RegistrationStatus.ATTENDED}
    ),
    RegistrationStatus.WAITLISTED: frozenset(
        {RegistrationStatus.CONFIRMED, RegistrationStatus.CANCELLED}
    ),
    RegistrationStatus.ATTENDED: frozenset({RegistrationStatus.CONFIRMED}),
    RegistrationStatus.CANCELLED: frozenset(),
}

# Statuses that hold a seat, and statuses that block a second registration of the same person.
SEAT_STATUSES = (RegistrationStatus.CONFIRMED, RegistrationStatus.ATTENDED)
ACTIVE_STATUSES = (
    RegistrationStatus.PENDING,
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.WAITLISTED,
    RegistrationStatus.ATTENDED,
)

# Who hears of a changed time or place, and whom a coordinator's message can reach:
# everyone still coming or hoping to, including those checked in on an earlier day.
NOTIFIED_STATUSES = (
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.ATTENDED,
    RegistrationStatus.WAITLISTED,
)
