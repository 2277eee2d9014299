"""Who may see and do what in the mobility app: the only place these rules live."""

from django.db.models import Q

from .enums import ApplicationStatus
from .models import Application, Call

COORDINATOR_PERMISSION = "mobility.change_application"
# Applications a reviewer never sees: not yet submitted, or taken back by the applicant.
HIDDEN_FROM_REVIEWERS = (ApplicationStatus.DRAFT, ApplicationStatus.WITHDRAWN)


def is_coordinator(user) -> bool:
    return user.is_authenticated and user.is_active and user.has_perm(COORDINATOR_PERMISSION)


def is_reviewer_of(user, call: Call) -> bool:
    return user.is_authenticated and call.reviewers.filter(pk=user.pk).exists()


def visible_applications(user):
    """Applications the user may open: their own, those of calls they review, or all."""
    if not user.is_authenticated or not user.is_active:
        return Application.objects.none()
    if is_coordinator(user):
        return Application.objects.all()
    return Application.objects.filter(
        Q(applicant=user) | (Q(call__reviewers=user) & ~Q(status__in=HIDDEN_FROM_REVIEWERS))
    ).distinct()


def can_view_application(user, application: Application) -> bool:
    return visible_applications(user).filter(pk=application.pk).exists()


def is_owner(user, application: Application) -> bool:
    return user.is_authenticated and application.applicant_id == user.pk


def can_edit_application(user, application: Application) -> bool:
    return is_owner(user, application) and application.status == ApplicationStatus.DRAFT


def can_review(user, application: Application) -> bool:
    return application.status not in HIDDEN_FROM_REVIEWERS and is_reviewer_of(
        user, application.call
    )


def reviewable_calls(user):
    if not user.is_authenticated:
        return Call.objects.none()
    if is_coordinator(user):
        return Call.objects.all()
    return Call.objects.filter(reviewers=user)


def can_see_ranking(user, call: Call) -> bool:
    return is_coordinator(user) or is_reviewer_of(user, call)


# Statuses in which an applicant has been offered a place and may keep its letters.
HAS_OFFER_LETTER = (
    ApplicationStatus.OFFERED,
    ApplicationStatus.ACCEPTED,
    ApplicationStatus.COMPLETED,
)


def available_letters(application: Application) -> list[str]:
    """The letters there are for this application: the offer, and the funding agreement
    once a grant is offered (and not cancelled)."""
    from .enums import GrantStatus

    if application.status not in HAS_OFFER_LETTER:
        return []
    letters = ["offer"]
    grant = getattr(application, "grant", None)
    if grant is not None and grant.status != GrantStatus.CANCELLED:
        letters.append("agreement")
    return letters


def can_download_letter(user, application: Application, kind: str) -> bool:
    """The applicant themself and coordinators; reviewers never."""
    if not (is_owner(user, application) or is_coordinator(user)):
        return False
    return kind in available_letters(application)
