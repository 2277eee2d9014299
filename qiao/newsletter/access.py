"""Who may do what with the newsletter in the back office: one place, used by every view."""

from django.core.exceptions import PermissionDenied

SEND_PERMISSION = "newsletter.add_issuesending"
SUBSCRIBERS_PERMISSION = "newsletter.change_subscriber"


def can_send_issues(user) -> bool:
    return bool(user and user.is_active and user.has_perm(SEND_PERMISSION))


def can_manage_subscribers(user) -> bool:
    return bool(user and user.is_active and user.has_perm(SUBSCRIBERS_PERMISSION))


def require_sender(user) -> None:
    if not can_send_issues(user):
        raise PermissionDenied


def require_subscriber_manager(user) -> None:
    if not can_manage_subscribers(user):
        raise PermissionDenied
