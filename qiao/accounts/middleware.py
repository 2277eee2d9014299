from django.conf import settings
from django.shortcuts import redirect

from . import access

ADMIN_PREFIX = "/admin/"
# The sign-in hand-over and sign-out must stay reachable before two-factor is set up.
OPEN_ADMIN_PATHS = ("/admin/login/", "/admin/logout/")


class StaffTwoFactorMiddleware:
    """Staff without a second factor are led to set one up before the back office opens."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path
        if (
            settings.STAFF_TWO_FACTOR_REQUIRED
            and path.startswith(ADMIN_PREFIX)
            and not path.startswith(OPEN_ADMIN_PATHS)
            and access.needs_two_factor_setup(request.user)
        ):
            return redirect("mfa_activate_totp")
        return self.get_response(request)
