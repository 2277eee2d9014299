from django_tasks import task


@task()
def send_status_email(status_change_id: int) -> None:
    from .emails import send_status_email as send
    from .models import StatusChange

    change = StatusChange.objects.select_related("application__applicant").filter(
        pk=status_change_id
    )
    change = change.first()
    if change is not None:
        send(change)


@task()
def send_interview_email(slot_id: int, reminder: bool = False) -> None:
    from .emails import send_interview_email as send
    from .models import InterviewSlot

    slot = (
        InterviewSlot.objects.select_related("application__applicant", "application__call", "call")
        .filter(pk=slot_id, application__isnull=False)
        .first()
    )
    if slot is not None:
        send(slot, reminder=reminder)


@task()
def build_document_bundle(bundle_id: int) -> None:
    from .models import DocumentBundle
    from .services import build_bundle

    bundle = DocumentBundle.objects.filter(pk=bundle_id).first()
    if bundle is not None:
        build_bundle(bundle)


@task()
def send_reviewer_welcome(call_id: int, user_id: int) -> None:
    from django.contrib.auth import get_user_model

    from .emails import send_reviewer_welcome as send
    from .models import Call

    call = Call.objects.filter(pk=call_id).first()
    reviewer = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if call is not None and reviewer is not None and call.reviewers.filter(pk=user_id).exists():
        send(call, reviewer)


@task()
def send_offer_reminder(application_id: int) -> None:
    from .services import remind_offer

    remind_offer(application_id)
