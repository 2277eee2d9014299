"""Background jobs of the events app: e-mails and reminders. They take primary keys."""

from django_tasks import task


def _registration(registration_id: int):
    from .models import Registration

    return Registration.objects.select_related("event").filter(pk=registration_id).first()


@task()
def send_confirmation_request(registration_id: int) -> None:
    from . import emails

    registration = _registration(registration_id)
    if registration is not None:
        emails.send_confirmation_request(registration)


@task()
def send_status_mail(registration_id: int, kind: str) -> None:
    from . import emails

    registration = _registration(registration_id)
    if registration is not None:
        emails.send_status_mail(registration, kind)


@task()
def send_reminder(registration_id: int) -> None:
    from . import emails, services

    registration = _registration(registration_id)
    if registration is not None and services.mark_reminder_sent(registration):
        emails.send_reminder(registration)


@task()
def send_due_reminders() -> int:
    """Safety net for a scheduler (cron, `manage.py send_event_reminders`)."""
    from . import services

    pks = services.due_reminders()
    for pk in pks:
        send_reminder.call(pk)
    return len(pks)


@task()
def send_change_notice(registration_id: int) -> None:
    from . import emails

    registration = _registration(registration_id)
    if registration is not None:
        emails.send_change_notice(registration)


@task()
def send_participant_message(registration_id: int, subjects: dict, bodies: dict) -> None:
    from . import emails

    registration = _registration(registration_id)
    if registration is not None:
        emails.send_participant_message(registration, subjects, bodies)


@task()
def send_session_change_notice(registration_id: int, session_id: int) -> None:
    from . import emails
    from .models import EventSession

    registration = _registration(registration_id)
    session = EventSession.objects.filter(pk=session_id).first()
    if registration is not None and session is not None:
        emails.send_session_change_notice(registration, session)


@task()
def send_survey_invitation(registration_id: int) -> None:
    from . import emails

    registration = _registration(registration_id)
    if registration is not None:
        emails.send_survey_invitation(registration)


@task()
def send_due_surveys() -> int:
    """The survey links due the day after events end (`manage.py send_event_surveys`)."""
    from . import services

    return services.send_due_surveys()


@task()
def send_certificate_mail(registration_id: int) -> None:
    from . import emails

    registration = _registration(registration_id)
    if registration is not None:
        emails.send_certificate_mail(registration)


@task()
def send_invitation(invitation_id: int, kind: str) -> None:
    from . import emails
    from .models import Invitation

    invitation = Invitation.objects.select_related("event").filter(pk=invitation_id).first()
    if invitation is not None:
        emails.send_invitation(invitation, kind)
