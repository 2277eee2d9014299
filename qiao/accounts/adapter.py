"""django-allauth's e-mails in the centre's name: the subject starts with the centre's
name (not the server's host and port) and the greeting names the centre."""

from types import SimpleNamespace

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context
from django.utils.translation import get_language

from qiao.core.models import CentreSettings
from qiao.core.ratelimits import client_ip
from qiao.outbox.services import queue_email


def _centre_name() -> str:
    request = context.request
    return CentreSettings.load(request_or_site=request).name


class AccountAdapter(DefaultAccountAdapter):
    def format_email_subject(self, subject: str) -> str:
        return f"{_centre_name()}: {subject}"

    def send_mail(self, template_prefix: str, email: str, context_data: dict) -> None:
        request = context.request
        site = SimpleNamespace(name=_centre_name(), domain=request.get_host())
        message = self.render_mail(template_prefix, email, {"current_site": site, **context_data})
        # Through the outbox like every e-mail of the site: retried if the server is down.
        queue_email(
            message,
            purpose="accounts." + template_prefix.rpartition("/")[2],
            language=get_language(),
        )

    def get_client_ip(self, request) -> str:
        """allauth's login limits count per client, not per proxy (see TRUSTED_PROXY_COUNT)."""
        return client_ip(request)


def user_display(user) -> str:
    """Applicants are known by their e-mail address (there is no user name to show)."""
    return user.email
