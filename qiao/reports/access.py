"""Who may see the statistics and create the funder report: the one place these checks live."""

from django.core.exceptions import PermissionDenied

STATISTICS_PERMISSION = "reports.view_statistics"
REPORT_PERMISSION = "reports.create_funder_report"


def can_view_statistics(user) -> bool:
    return bool(user.is_active and user.is_staff and user.has_perm(STATISTICS_PERMISSION))


def can_create_report(user) -> bool:
    return bool(user.is_active and user.is_staff and user.has_perm(REPORT_PERMISSION))


def require_statistics(user) -> None:
    if not can_view_statistics(user):
        raise PermissionDenied


def require_report(user) -> None:
    if not can_create_report(user):
        raise PermissionDenied
