"""Production: secrets and hosts from the environment, HTTPS only.

`SECRET_KEY=... python manage.py check --deploy --fail-level WARNING` with these settings
passes; CI runs it (make check-deploy), and qiao/core/tests/test_security.py keeps it so.
"""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import BASE_URL, SECRET_KEY, env

DEBUG = False
if SECRET_KEY.startswith("insecure") or len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("Set SECRET_KEY to a random value of at least 50 characters.")


def _check_base_url(url: str) -> None:
    """Links in e-mails must reach the public site: https, and not this machine."""
    from ipaddress import ip_address
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    host = parts.hostname or ""
    try:
        loopback = ip_address(host).is_loopback or ip_address(host).is_unspecified
    except ValueError:
        loopback = host == "localhost" or host.endswith(".localhost")
    if parts.scheme != "https" or not host or loopback:
        raise ImproperlyConfigured(
            f"Set BASE_URL to the public https address of the site (now {url!r}): "
            "every link in e-mails and calendar files starts with it."
        )


_check_base_url(BASE_URL)

# HTTPS: the reverse proxy terminates TLS and says so in X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
# Preload asks browsers to use HTTPS before the first visit. Set SECURE_HSTS_PRELOAD=false
# for a host whose subdomains cannot all serve HTTPS (then remove W021 from the silenced
# checks with a reason).
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True

# Wagtail's admin shows the page preview in a frame of the same origin, so the site keeps
# X-Frame-Options: SAMEORIGIN (and CSP frame-ancestors 'self') instead of DENY; other hosts
# still cannot frame it.
SILENCED_SYSTEM_CHECKS = ["security.W019"]
