"""The deployment checks pass with the production settings, and those settings refuse to
start with a missing or weak secret key."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


def run_manage(
    *args: str, secret_key: str, base_url: str = "https://china.example.org"
) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "qiao.settings.production",
        "SECRET_KEY": secret_key,
        "BASE_URL": base_url,
    }
    for name in (
        "DEBUG",
        "WAGTAILADMIN_BASE_URL",
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_PRELOAD",
        "SECURE_SSL_REDIRECT",
    ):
        env.pop(name, None)
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def test_deploy_check_passes_with_production_settings():
    done = run_manage(
        "check", "--deploy", "--fail-level", "WARNING", secret_key=secrets.token_urlsafe(64)
    )

    assert done.stderr == ""
    assert done.returncode == 0
    assert done.stdout == "System check identified no issues (1 silenced).\n"


def test_production_settings_refuse_the_development_key():
    done = run_manage("check", secret_key="insecure-development-key-change-me")

    assert done.returncode == 1
    assert (
        "ImproperlyConfigured: Set SECRET_KEY to a random value of at least 50 characters."
        in done.stderr
    )


def test_production_settings_refuse_a_short_key():
    done = run_manage("check", secret_key="short-but-not-insecure")

    assert done.returncode == 1
    assert "Set SECRET_KEY to a random value of at least 50 characters." in done.stderr


@pytest.mark.parametrize(
    "base_url",
    [
        "http://china.example.org",
        "https://127.0.0.1:8000",
        "https://localhost",
        "https://[::1]/",
        "https://0.0.0.0",
        "",
    ],
)
def test_production_settings_refuse_a_base_url_mail_links_cannot_use(base_url):
    done = run_manage("check", secret_key=secrets.token_urlsafe(64), base_url=base_url)

    assert done.returncode == 1
    assert "Set BASE_URL to the public https address of the site" in done.stderr
