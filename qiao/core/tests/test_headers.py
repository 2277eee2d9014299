"""Security headers on public pages: a strict Content Security Policy (nothing from other
hosts, no inline code), no framing by other sites, no MIME sniffing, a careful referrer, and
HSTS with the production settings."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import override_settings

ROOT = Path(__file__).resolve().parents[3]
PUBLIC_PATHS = ["/de/", "/en/", "/zh/", "/de/search/?q=China", "/en/sitemap/", "/de/no-such-page/"]
PRODUCTION_SECURITY_SETTINGS = [
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_SSL_REDIRECT",
    "SECURE_PROXY_SSL_HEADER",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "DEBUG",
]


def parse_csp(header: str) -> dict[str, list[str]]:
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


@pytest.fixture(scope="module")
def production_settings():
    """The security settings as qiao.settings.production computes them (in a separate
    process: importing it here would mix it with the test settings)."""
    code = (
        "import json, django; from django.conf import settings; django.setup(); "
        f"names = {PRODUCTION_SECURITY_SETTINGS!r}; "
        "print(json.dumps({name: getattr(settings, name) for name in names}))"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "qiao.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "BASE_URL": "https://china.example.org",
    }
    for name in ("SECURE_HSTS_SECONDS", "SECURE_HSTS_PRELOAD", "SECURE_SSL_REDIRECT"):
        env.pop(name, None)
    done = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    values = json.loads(done.stdout)
    values["SECURE_PROXY_SSL_HEADER"] = tuple(values["SECURE_PROXY_SSL_HEADER"])
    return values


@pytest.mark.django_db
@pytest.mark.parametrize("path", PUBLIC_PATHS)
def test_public_page_has_a_strict_content_security_policy(client, homes, path):
    response = client.get(path)

    policy = parse_csp(response["Content-Security-Policy"])
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["img-src"] == ["'self'", "data:"]
    assert policy["font-src"] == ["'self'"]
    assert policy["connect-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]


@pytest.mark.django_db
@pytest.mark.parametrize("path", PUBLIC_PATHS)
def test_public_page_has_the_other_security_headers(client, homes, path):
    response = client.get(path)

    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


@pytest.mark.django_db
def test_admin_page_has_a_relaxed_policy_that_forbids_other_hosts(admin_client, homes):
    response = admin_client.get("/admin/")

    assert response.status_code == 200
    assert parse_csp(response["Content-Security-Policy"]) == {
        "default-src": ["'self'"],
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'"],
        "frame-ancestors": ["'self'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
    assert response["X-Frame-Options"] == "SAMEORIGIN"


def test_production_settings_turn_on_hsts_with_preload(production_settings):
    assert production_settings == {
        "SECURE_HSTS_SECONDS": 31536000,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "SECURE_HSTS_PRELOAD": True,
        "SECURE_SSL_REDIRECT": True,
        "SECURE_PROXY_SSL_HEADER": ("HTTP_X_FORWARDED_PROTO", "https"),
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "DEBUG": False,
    }


@pytest.mark.django_db
def test_https_page_carries_hsts_under_production_settings(client, homes, production_settings):
    with override_settings(**production_settings):
        response = client.get("/de/", headers={"X-Forwarded-Proto": "https"})

    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


@pytest.mark.django_db
def test_plain_http_is_redirected_to_https_under_production_settings(
    client, homes, production_settings
):
    with override_settings(**production_settings):
        response = client.get("/de/")

    assert response.status_code == 301
    assert response["Location"] == "https://testserver/de/"
    assert "Strict-Transport-Security" not in response.headers
