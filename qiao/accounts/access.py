"""Who may open the back office, and what a staff account needs before it may."""

from allauth.mfa.models import Authenticator

from . import roles

ADMIN_PERMISSION = "wagtailadmin.access_admin"


def has_admin_access(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.has_perm(ADMIN_PERMISSION))


def has_two_factor(user) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def needs_two_factor_setup(user) -> bool:
    """Every account that may open the back office signs in with a second factor."""
    return has_admin_access(user) and not has_two_factor(user)


def can_view_audit_trail(user) -> bool:
    return has_admin_access(user) and user.has_perm(roles.VIEW_AUDIT_TRAIL)
