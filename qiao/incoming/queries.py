"""Reads of the incoming groups that views, letters and reports share."""

from django.db.models import Count, Q

from .models import Participant


def roster(cohort):
    """The cohort's participants (not purged) with the number of sessions attended."""
    return (
        Participant.objects.active()
        .filter(cohort=cohort)
        .select_related("cohort")
        .annotate(attended=Count("attendances", filter=Q(attendances__present=True)))
        .order_by("name_pinyin")
    )


def attendance_percent(attended: int, sessions: int) -> int | None:
    if not sessions:
        return None
    return round(100 * attended / sessions)


def meets_attendance_rule(participant, *, attended=None, sessions=None) -> bool:
    """Whether the participant attended enough of the cohort's sessions for the
    certificate (``cohort.attendance_rule`` per cent of all sessions)."""
    cohort = participant.cohort
    if sessions is None:
        sessions = cohort.sessions.count()
    if attended is None:
        attended = participant.attendances.filter(present=True).count()
    if not sessions:
        return False
    return 100 * attended >= cohort.attendance_rule * sessions


def timetable(cohort) -> list[tuple]:
    """The cohort's sessions grouped by their day in Berlin: [(date, [session, …]), …]."""
    from itertools import groupby

    from qiao.core.times import in_berlin

    sessions = list(cohort.sessions.order_by("starts_at"))
    return [
        (day, list(items))
        for day, items in groupby(sessions, key=lambda session: in_berlin(session.starts_at).date())
    ]


def letters_for(participant, token: str) -> list[dict]:
    """The letters a participant may download on their own page: label and address."""
    from django.urls import reverse

    from .enums import LetterKind, LetterLanguage
    from .letters import LetterNotAvailable, check_available

    letters = []
    for kind in (LetterKind.VISA_INVITATION, LetterKind.CONFIRMATION, LetterKind.CERTIFICATE):
        try:
            check_available(participant, kind)
        except LetterNotAvailable:
            continue
        for language in (LetterLanguage.ENGLISH, LetterLanguage.GERMAN):
            letters.append(
                {
                    "label": f"{kind.label} ({language.label})",
                    "url": reverse("incoming:letter", args=[token, kind.value, language.value]),
                }
            )
    return letters


def person_label(participant) -> str:
    """How the audit trail names a participant."""
    return f"{participant.display_name} <{participant.email}>"


def subject_label(participant) -> str:
    return f"incoming group #{participant.cohort_id} {participant.cohort.title_en}"
