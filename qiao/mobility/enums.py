from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop, pgettext_lazy


class ProgrammeType(models.TextChoices):
    SUMMER_SCHOOL = "summer_school", _("Summer school")
    WINTER_SCHOOL = "winter_school", _("Winter school")
    SEMESTER_EXCHANGE = "semester_exchange", _("Semester exchange")
    DOUBLE_DEGREE = "double_degree", _("Double degree")
    INTERNSHIP = "internship", _("Internship")
    RESEARCH_STAY = "research_stay", _("Research stay")
    LANGUAGE_COURSE = "language_course", _("Language course")
    STAFF_TRAINING = "staff_training", _("Staff training")


class Direction(models.TextChoices):
    OUTGOING = "outgoing", _("Outgoing (to China)")
    INCOMING = "incoming", _("Incoming (from China)")


class InstructionLanguage(models.TextChoices):
    ENGLISH = "en", pgettext_lazy("language of instruction", "English")
    CHINESE = "zh", pgettext_lazy("language of instruction", "Chinese")
    GERMAN = "de", pgettext_lazy("language of instruction", "German")
    MIXED = "mixed", pgettext_lazy("language of instruction", "English and Chinese")


class DocumentType(models.TextChoices):
    CV = "cv", _("CV")
    TRANSCRIPT = "transcript", _("Transcript of records")
    MOTIVATION = "motivation", _("Motivation letter")
    LANGUAGE_CERTIFICATE = "language", _("Language certificate")
    PASSPORT = "passport", _("Passport copy")


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    UNDER_REVIEW = "under_review", _("Under review")
    SHORTLISTED = "shortlisted", _("Shortlisted")
    INTERVIEW = "interview", _("Interview")
    OFFERED = "offered", _("Offered a place")
    WAITLISTED = "waitlisted", _("Waiting list")
    REJECTED = "rejected", _("Not selected")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    COMPLETED = "completed", _("Completed")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    EXPIRED = "expired", _("Offer expired")


class Actor(models.TextChoices):
    """Who may make a transition: the applicant themself or the centre's staff."""

    APPLICANT = "applicant", _("Applicant")
    STAFF = "staff", _("Staff")


S = ApplicationStatus
A = Actor
_BOTH = frozenset({A.APPLICANT, A.STAFF})
_STAFF = frozenset({A.STAFF})
_APPLICANT = frozenset({A.APPLICANT})

# The one table of allowed status changes: (from, to) -> who may make it.
TRANSITIONS: dict[tuple[str, str], frozenset] = {
    (S.DRAFT, S.SUBMITTED): _APPLICANT,
    (S.SUBMITTED, S.DRAFT): _STAFF,  # the coordinator reopens it for edits
    (S.SUBMITTED, S.UNDER_REVIEW): _STAFF,
    (S.UNDER_REVIEW, S.SHORTLISTED): _STAFF,
    (S.UNDER_REVIEW, S.REJECTED): _STAFF,
    (S.SHORTLISTED, S.INTERVIEW): _STAFF,
    (S.SHORTLISTED, S.OFFERED): _STAFF,
    (S.SHORTLISTED, S.WAITLISTED): _STAFF,
    (S.SHORTLISTED, S.REJECTED): _STAFF,
    (S.INTERVIEW, S.OFFERED): _STAFF,
    (S.INTERVIEW, S.WAITLISTED): _STAFF,
    (S.INTERVIEW, S.REJECTED): _STAFF,
    (S.WAITLISTED, S.OFFERED): _STAFF,
    (S.WAITLISTED, S.REJECTED): _STAFF,
    (S.OFFERED, S.ACCEPTED): _APPLICANT,
    (S.OFFERED, S.DECLINED): _BOTH,
    (S.OFFERED, S.EXPIRED): _STAFF,  # no reply by the reply-by date (a periodic job)
    (S.ACCEPTED, S.COMPLETED): _STAFF,
}
# Withdrawn by the applicant at any point before completion (and before a final "no").
for _status in (
    S.DRAFT,
    S.SUBMITTED,
    S.UNDER_REVIEW,
    S.SHORTLISTED,
    S.INTERVIEW,
    S.OFFERED,
    S.WAITLISTED,
    S.ACCEPTED,
):
    TRANSITIONS[(_status, S.WITHDRAWN)] = _APPLICANT

# Statuses that hold one of the call's places.
HOLDS_PLACE = (S.OFFERED, S.ACCEPTED, S.COMPLETED)
# Statuses among which the selection chooses.
SELECTABLE = (S.SHORTLISTED, S.INTERVIEW)
# Unsuccessful outcomes, purged after the call's retention period.
UNSUCCESSFUL = (S.DRAFT, S.REJECTED, S.DECLINED, S.WITHDRAWN, S.WAITLISTED, S.EXPIRED)


def allowed_targets(status: str, actor: str) -> list[str]:
    return [to for (frm, to), who in TRANSITIONS.items() if frm == status and actor in who]


class BundleStatus(models.TextChoices):
    PREPARING = "preparing", _("being prepared")
    READY = "ready", _("ready")
    FAILED = "failed", _("failed")


class GrantStatus(models.TextChoices):
    OFFERED = "offered", pgettext_lazy("grant", "Offered")
    ACCEPTED = "accepted", pgettext_lazy("grant", "Accepted")
    PAID = "paid", pgettext_lazy("grant", "Paid")
    RECLAIMED = "reclaimed", pgettext_lazy("grant", "Reclaimed")
    CANCELLED = "cancelled", pgettext_lazy("grant", "Cancelled")


# A grant's status changes by the coordinator (accepting the place accepts its grant;
# declining, withdrawing or letting the offer expire cancels it).
GRANT_TRANSITIONS = {
    (GrantStatus.OFFERED, GrantStatus.ACCEPTED),
    (GrantStatus.OFFERED, GrantStatus.CANCELLED),
    (GrantStatus.ACCEPTED, GrantStatus.PAID),
    (GrantStatus.ACCEPTED, GrantStatus.CANCELLED),
    (GrantStatus.PAID, GrantStatus.RECLAIMED),
}
# Grants whose whole amount counts against the budget.
GRANT_COMMITTED = (GrantStatus.OFFERED, GrantStatus.ACCEPTED, GrantStatus.PAID)


class LanguageLevel(models.TextChoices):
    """Chinese by the HSK levels, other languages by the CEFR levels."""

    HSK1 = "hsk1", "HSK 1"
    HSK2 = "hsk2", "HSK 2"
    HSK3 = "hsk3", "HSK 3"
    HSK4 = "hsk4", "HSK 4"
    HSK5 = "hsk5", "HSK 5"
    HSK6 = "hsk6", "HSK 6"
    A1 = "a1", "CEFR A1"
    A2 = "a2", "CEFR A2"
    B1 = "b1", "CEFR B1"
    B2 = "b2", "CEFR B2"
    C1 = "c1", "CEFR C1"
    C2 = "c2", "CEFR C2"


def language_scale_and_rank(level: str) -> tuple[str, int]:
    """("hsk", 3) for HSK 3, ("cefr", 4) for B2: levels compare only on one scale."""
    if level.startswith("hsk"):
        return "hsk", int(level[3:])
    return "cefr", ["a1", "a2", "b1", "b2", "c1", "c2"].index(level) + 1


class EligibilityRule(models.TextChoices):
    ENROLMENT = "enrolment", _("Enrolled at the university")
    SEMESTER = "semester", _("Minimum semester")
    GRADE = "grade", _("Grade average")
    LANGUAGE = "language", _("Language level")
    OTHER = "other", _("Other requirements")


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for review")
    PUBLISHED = "published", _("Published")
    RETURNED = "returned", _("Returned for changes")


# Who may write an experience report: participants who took (or take) part.
MAY_REPORT = (ApplicationStatus.ACCEPTED, ApplicationStatus.COMPLETED)


# Notes the system writes into an application's log: stored in English, shown (and sent)
# in the reader's language.
NOTE_PLACE_FREED = gettext_noop("A place became free.")
NOTE_NO_REPLY = gettext_noop("No reply by the reply-by date.")
SYSTEM_NOTES = frozenset({NOTE_PLACE_FREED, NOTE_NO_REPLY})
