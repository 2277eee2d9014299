from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import access, admin_views


@hooks.register("register_admin_urls")
def register_audit_trail_url():
    return [path("audit-trail/", admin_views.audit_trail, name="accounts_audit_trail")]


class AuditTrailMenuItem(MenuItem):
    def is_shown(self, request):
        return access.can_view_audit_trail(request.user)


@hooks.register("register_reports_menu_item")
def register_audit_trail_menu_item():
    return AuditTrailMenuItem(
        _("Audit trail of personal data"),
        reverse("accounts_audit_trail"),
        icon_name="history",
        order=900,
    )


@hooks.register("register_account_menu_item")
def register_sign_in_security_item(request):
    """Account → the second factors: authenticator app, recovery codes and passkeys."""
    return {
        "url": reverse("mfa_index"),
        "label": _("Sign-in security"),
        "help_text": _(
            "Your authenticator app, your recovery codes, and passkeys (security keys) "
            "you can use instead of the app's code."
        ),
    }
