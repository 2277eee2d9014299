"""A staff member adds a passkey (security key) and then signs in with it instead of the
authenticator app's code. Chromium's virtual authenticator plays the key. Browsers accept
passkeys on http only at localhost, so this browser opens the site as http://localhost."""

import subprocess
import sys
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from .conftest import ARTIFACTS, PROJECT, RequestLog, totp_code

pytestmark = pytest.mark.journey

EMAIL = "passkey.admin@example.org"
PASSWORD = "Passkey-e2e-2026"  # noqa: S105 (a throwaway account of the test server)

ENROL = f"""
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from qiao.accounts.services import enrol_staff_account
user, _ = get_user_model().objects.get_or_create(
    username="passkey-admin", defaults={{"email": "{EMAIL}", "is_staff": True}}
)
user.groups.add(Group.objects.get(name="Administrators"))
secret, _codes = enrol_staff_account(user, password="{PASSWORD}")
print(secret)
"""


@pytest.fixture
def localhost_page(browser, live_site, request):
    port = urlsplit(live_site.base_url).port
    base_url = f"http://localhost:{port}"
    context = browser.new_context(base_url=base_url, locale="en-GB")
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    log = RequestLog(base_url)
    context.on("request", log.record)
    tab.on("console", log.console)
    yield tab
    ARTIFACTS.mkdir(exist_ok=True)
    tab.screenshot(path=ARTIFACTS / f"{request.node.name}.png", full_page=True)
    context.close()
    assert log.foreign() == [], "requests to other hosts than the site's own"
    assert log.csp_errors == [], "Content Security Policy violations"


def sign_in_with_password(tab):
    tab.goto("/admin/login/")
    tab.locator("input[name=login]").fill(EMAIL)
    tab.locator("input[name=password]").fill(PASSWORD)
    tab.locator("main form button[type=submit]").click()
    tab.wait_for_url("**/accounts/2fa/authenticate/**")


def test_staff_sign_in_with_a_passkey_instead_of_the_code(live_site, localhost_page):
    secret = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", ENROL],
        cwd=PROJECT,
        env=live_site.env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()[-1]
    tab = localhost_page
    cdp = tab.context.new_cdp_session(tab)
    cdp.send("WebAuthn.enable")
    authenticator = cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
            }
        },
    )["authenticatorId"]

    # First sign-in with the authenticator app; then Account → Sign-in security.
    sign_in_with_password(tab)
    tab.locator("input[name=code]").fill(totp_code(secret))
    tab.locator("main form button[type=submit]").first.click()
    tab.wait_for_url("**/admin/")
    tab.goto("/admin/account/")
    tab.get_by_role("tab", name="More actions").click()
    tab.locator('a[href$="/accounts/2fa/"]').click()
    tab.wait_for_url("**/accounts/2fa/")
    tab.goto("/en/accounts/2fa/webauthn/add/")
    # allauth asks for the password again before a new key is added.
    expect(tab.locator("main h1")).to_have_text("Confirm Access")
    tab.locator("input[name=password]").fill(PASSWORD)
    tab.locator("main form button[type=submit]").first.click()
    tab.locator("input[name=name]").fill("Office laptop")
    tab.locator("#mfa_webauthn_add").click()
    tab.wait_for_url(lambda url: "/webauthn/add/" not in url)
    credentials = cdp.send("WebAuthn.getCredentials", {"authenticatorId": authenticator})
    assert len(credentials["credentials"]) == 1
    tab.goto("/en/accounts/2fa/webauthn/")
    expect(tab.locator("main")).to_contain_text("Office laptop")

    # Sign out; sign in again and use the key instead of a code.
    tab.context.clear_cookies()
    sign_in_with_password(tab)
    tab.locator("#mfa_webauthn_authenticate").click()
    tab.wait_for_url("**/admin/")
    expect(tab.locator("main h1")).to_be_visible()
    credentials = cdp.send("WebAuthn.getCredentials", {"authenticatorId": authenticator})
    assert credentials["credentials"][0]["signCount"] >= 1
