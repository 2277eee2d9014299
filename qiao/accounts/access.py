"""Who may open the back office, and what a staff account needs before it may."""

from allauth.mfa.models import Authenticator

from . import roles

ADMIN_PERMISSION = "wagtailadmin.access_admin"


def has_admin_access(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.has_perm(ADMIN_PERMISSION))


SECOND_FACTORS = (Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN)


def has_two_factor(user) -> bool:
    """An authenticator app or a passkey; recovery codes alone are no second factor."""
    return Authenticator.objects.filter(user=user, type__in=SECOND_FACTORS).exists()


def needs_two_factor_setup(user) -> bool:
    """Every account that may open the back office signs in with a second factor."""
    return has_admin_access(user) and not has_two_factor(user)


def can_view_audit_trail(user) -> bool:
    return has_admin_access(user) and user.has_perm(roles.VIEW_AUDIT_TRAIL)
