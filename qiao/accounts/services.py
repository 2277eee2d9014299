"""Every write of the accounts app: the applicant's own data, exported and erased."""

from datetime import timedelta

from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress
from allauth.account.utils import url_str_to_user_pk
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from qiao.mobility import services as mobility_services
from qiao.mobility.models import Application
from qiao.newsletter import services as newsletter_services
from qiao.outbox import services as outbox_services

from .models import AuditEntry


def export_personal_data(user) -> dict:
    """Everything Qiao holds on ``user``, as plain JSON-ready data."""
    applications = (
        Application.objects.filter(applicant=user)
        .select_related("call")
        .prefetch_related("documents", "status_changes")
    )
    return {
        "exported_at": timezone.now().isoformat(),
        "account": {
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "date_joined": user.date_joined.isoformat(),
        },
        "applications": [
            {
                "call": application.call.title_de,
                "status": application.status,
                "first_name": application.first_name,
                "last_name": application.last_name,
                "study_programme": application.study_programme,
                "motivation": application.motivation,
                "answers": application.answers,
                "created_at": application.created_at.isoformat(),
                "submitted_at": application.submitted_at.isoformat()
                if application.submitted_at
                else None,
                "documents": [
                    {
                        "type": document.document_type,
                        "file_name": document.original_name,
                        "size": document.size,
                    }
                    for document in application.documents.all()
                ],
                "history": [
                    {
                        "from": change.from_status,
                        "to": change.to_status,
                        "at": change.created_at.isoformat(),
                        "note": change.note,
                    }
                    for change in application.status_changes.all()
                ],
            }
            for application in applications
        ],
        "emails": outbox_services.emails_to(user.email),
        "newsletter": newsletter_services.export_subscription(user.email),
    }


def delete_account(user) -> None:
    """Erase the applicant: applications and their files, then the account itself."""
    with transaction.atomic():
        mobility_services.delete_personal_data(user)
        outbox_services.erase_emails_to(user.email)
        newsletter_services.erase_subscriber(user.email)
        get_user_model().objects.filter(pk=user.pk).delete()


@transaction.atomic
def enrol_staff_account(user, *, password: str) -> tuple[str, list[str]]:
    """Make ``user`` a staff account that can sign in: ``password``, a verified primary
    address, and a new authenticator-app secret with recovery codes (any earlier ones are
    replaced). Returns the secret and the recovery codes."""
    user.set_password(password)
    user.save()
    EmailAddress.objects.filter(user=user).exclude(email__iexact=user.email).delete()
    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    Authenticator.objects.filter(user=user).delete()
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    codes = RecoveryCodes.activate(user).get_unused_codes()
    return secret, codes


def confirm_welcome_link(uidb36: str, key: str):
    """The user of a valid welcome link, with their address now verified (the link reached
    their inbox); None if the link is invalid, used or expired."""
    user = _user_from_uidb36(uidb36)
    if user is None or not default_token_generator.check_token(user, key):
        return None
    with transaction.atomic():
        EmailAddress.objects.update_or_create(
            user=user, email=user.email, defaults={"verified": True, "primary": True}
        )
    return user


def _user_from_uidb36(uidb36: str):
    try:
        pk = url_str_to_user_pk(uidb36)
    except (ValueError, TypeError, OverflowError):
        return None
    return get_user_model().objects.filter(pk=pk, is_active=True).first()


def purge_audit_trail(*, older_than_days: int, now=None) -> int:
    """Delete audit entries older than the retention period; returns how many."""
    cutoff = (now or timezone.now()) - timedelta(days=older_than_days)
    deleted, _ = AuditEntry.objects.filter(at__lt=cutoff).delete()
    return deleted
