"""Writing the audit trail of personal data. Every view that shows, exports or serves a
person's data, and every service that changes the status of a person's record, calls
``record`` (imports nothing of other apps, so every app may use it)."""

from .models import AuditAction, AuditEntry

OPENED = AuditAction.OPENED
EXPORTED = AuditAction.EXPORTED
DOWNLOADED = AuditAction.DOWNLOADED
STATUS_CHANGED = AuditAction.STATUS_CHANGED


def person_label(name: str, email: str) -> str:
    return f"{name} <{email}>" if name else email


def record(actor, action: str, *, person: str, subject: str, detail: str = "") -> AuditEntry:
    """One entry: ``actor`` (a user, or None for the system) did ``action`` to the data of
    ``person`` (label with name and e-mail address) in ``subject``."""
    signed_in = actor is not None and actor.is_authenticated
    return AuditEntry.objects.create(
        actor=actor if signed_in else None,
        actor_label=(actor.email or actor.get_username()) if signed_in else "",
        action=action,
        person_label=person[:300],
        subject=str(subject)[:300],
        detail=str(detail)[:300],
    )


def record_many(actor, action: str, *, people: list[str], subject: str) -> None:
    """The same ``action`` on many people's data at once (e.g. an export of a list)."""
    signed_in = actor is not None and actor.is_authenticated
    AuditEntry.objects.bulk_create(
        AuditEntry(
            actor=actor if signed_in else None,
            actor_label=(actor.email or actor.get_username()) if signed_in else "",
            action=action,
            person_label=person[:300],
            subject=str(subject)[:300],
        )
        for person in people
    )
