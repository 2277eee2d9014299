"""Who may do what in the events back office: one place, used by every admin view."""

from django.core.exceptions import PermissionDenied

MANAGE_PERMISSION = "events.change_registration"


def can_manage_registrations(user) -> bool:
    return bool(user and user.is_active and user.has_perm(MANAGE_PERMISSION))


def require_manager(user) -> None:
    if not can_manage_registrations(user):
        raise PermissionDenied
