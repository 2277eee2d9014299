"""Who may see the outbox and the task queue: one place, used by every admin view."""

from django.core.exceptions import PermissionDenied

VIEW_PERMISSION = "outbox.view_outgoingemail"
SEND_PERMISSION = "outbox.change_outgoingemail"


def can_view_outbox(user) -> bool:
    return bool(user and user.is_active and user.has_perm(VIEW_PERMISSION))


def can_send_again(user) -> bool:
    return bool(user and user.is_active and user.has_perm(SEND_PERMISSION))


def require_viewer(user) -> None:
    if not can_view_outbox(user):
        raise PermissionDenied
