from csp.middleware import CSPMiddleware
from django.conf import settings


class SiteCSPMiddleware(CSPMiddleware):
    """The strict policy for the public site; Wagtail's admin needs inline code, so its
    pages (staff only, behind a login) are left out of it."""

    def process_response(self, request, response):
        if request.path.startswith(settings.CSP_ADMIN_PATH_PREFIXES):
            response._csp_exempt = True
        return super().process_response(request, response)
