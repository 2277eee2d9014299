"""Per-client limits: the client's address (for our forms and allauth's login), and the
count of valid submissions.

Behind a reverse proxy ``REMOTE_ADDR`` is the proxy, so every visitor would share one
limit. ``TRUSTED_PROXY_COUNT`` says how many proxies in front of the application append
to ``X-Forwarded-For``; the client is the entry that the outermost of them appended.
Entries further left were sent by the client itself and are never trusted.
"""

import ipaddress

from django.conf import settings
from django_ratelimit import ALL
from django_ratelimit.core import is_ratelimited


def _valid(address: str) -> str | None:
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def client_ip(request) -> str:
    remote = request.META.get("REMOTE_ADDR", "")
    hops = settings.TRUSTED_PROXY_COUNT
    if hops <= 0:
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    if len(forwarded) < hops or not forwarded[0].strip():
        # Not through the proxies (or they are set up differently): the direct peer.
        return remote
    return _valid(forwarded[-hops]) or remote


def over_limit(request, *, group: str, rate: str) -> bool:
    """Count one valid submission from this client; True when it is one too many.

    Call it only once the form is valid: invalid posts change nothing, so they must not
    use up anyone's allowance (or, behind a proxy, everyone's).
    """
    return is_ratelimited(request, group=group, key="ip", rate=rate, method=ALL, increment=True)
