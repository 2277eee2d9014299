"""Signing in to the back office: only verified staff accounts, throttled like every
allauth login, and with a second factor (TOTP or a recovery code)."""

import io
import re
import time

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core.management import call_command

from qiao.accounts.services import enrol_staff_account
from qiao.mobility.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

STAFF_LOGIN = "/en/account/staff-login/"
PASSWORD = "staff-pass-2026-long"
MISMATCH = "The email address and/or password you specified are not correct."
TOO_MANY = "Too many failed login attempts. Try again later."


def current_code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def signed_in_user_id(client):
    return client.session.get("_auth_user_id")


@pytest.fixture
def staff(homes):
    user = UserFactory(is_staff=True, is_superuser=True, email="staff@example.org")
    secret, codes = enrol_staff_account(user, password=PASSWORD)
    return user, secret, codes


@pytest.fixture
def applicant(homes):
    user = UserFactory(email="applicant@example.org")
    user.set_password(PASSWORD)
    user.save()
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def post_login(client, email, password=PASSWORD):
    return client.post(STAFF_LOGIN, {"login": email, "password": password, "next": "/admin/"})


def test_admin_login_hands_over_to_staff_sign_in(client, homes):
    response = client.get("/admin/login/?next=/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == "/de/account/staff-login/?next=%2Fadmin%2Fpages%2F"


def test_admin_login_ignores_next_outside_the_admin(client, homes):
    response = client.get("/admin/login/?next=https://evil.example/admin/")
    assert response["Location"] == "/de/account/staff-login/?next=%2Fadmin%2F"


def test_admin_login_post_signs_nobody_in(client, applicant):
    response = client.post("/admin/login/", {"username": applicant.email, "password": PASSWORD})
    assert response.status_code == 302
    assert signed_in_user_id(client) is None


def test_wagtail_redirects_anonymous_admin_visitors_to_staff_sign_in(client, homes):
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain == [
        ("/admin/login/?next=/admin/", 302),
        ("/de/account/staff-login/?next=%2Fadmin%2F", 302),
    ]


def test_staff_login_refuses_non_staff_without_session(client, applicant):
    response = post_login(client, applicant.email)
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [MISMATCH]
    assert signed_in_user_id(client) is None


def test_staff_login_refuses_unverified_staff_without_session(client, staff):
    user, _secret, _codes = staff
    EmailAddress.objects.filter(user=user).update(verified=False)
    response = post_login(client, user.email)
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/confirm-email/"
    assert signed_in_user_id(client) is None


@pytest.mark.parametrize(
    ("login_url", "status"), [("/en/accounts/login/", 302), (STAFF_LOGIN, 200)]
)
def test_unverified_address_gets_no_session_from_any_login(client, applicant, login_url, status):
    """The public login sends the person to confirm the address; the staff login refuses."""
    EmailAddress.objects.filter(user=applicant).update(verified=False)
    response = client.post(login_url, {"login": applicant.email, "password": PASSWORD})
    assert response.status_code == status
    assert signed_in_user_id(client) is None
    assert client.get("/en/account/").status_code == 302


def test_staff_login_asks_for_second_factor_before_the_admin_opens(client, staff):
    user, secret, _codes = staff
    response = post_login(client, user.email)
    assert response["Location"] == "/en/accounts/2fa/authenticate/"
    assert signed_in_user_id(client) is None
    assert client.get("/admin/").status_code == 302

    response = client.post("/en/accounts/2fa/authenticate/", {"code": current_code(secret)})
    assert response["Location"] == "/admin/"
    assert signed_in_user_id(client) == str(user.pk)
    assert client.get("/admin/").status_code == 200


def test_staff_login_accepts_a_recovery_code_once(client, staff):
    user, _secret, codes = staff
    post_login(client, user.email)
    response = client.post("/en/accounts/2fa/authenticate/", {"code": codes[0]})
    assert response["Location"] == "/admin/"
    client.logout()
    post_login(client, user.email)
    response = client.post("/en/accounts/2fa/authenticate/", {"code": codes[0]})
    assert response.status_code == 200
    assert signed_in_user_id(client) is None


def test_staff_login_rejects_a_wrong_code(client, staff):
    user, secret, _codes = staff
    post_login(client, user.email)
    wrong = f"{(int(current_code(secret)) + 1) % 1_000_000:06d}"
    response = client.post("/en/accounts/2fa/authenticate/", {"code": wrong})
    assert response.status_code == 200
    assert signed_in_user_id(client) is None


def outcome(response) -> str:
    if response.status_code == 429:
        return "refused"
    return response.context["form"].non_field_errors()[0]


def test_staff_login_brute_force_is_throttled_and_right_password_then_fails(client, staff):
    user, _secret, _codes = staff
    outcomes = [outcome(post_login(client, user.email, f"wrong-{n}")) for n in range(40)]
    assert outcomes == [MISMATCH] * 5 + [TOO_MANY] * 25 + ["refused"] * 10
    response = post_login(client, user.email)
    assert response.status_code == 429
    assert signed_in_user_id(client) is None


def test_staff_login_by_non_staff_counts_against_the_rate_limit(client, applicant):
    outcomes = [outcome(post_login(client, applicant.email)) for _ in range(8)]
    assert outcomes == [MISMATCH] * 5 + [TOO_MANY] * 3
    assert signed_in_user_id(client) is None


def test_signed_in_non_staff_gets_no_redirect_loop(client, applicant):
    client.force_login(applicant)
    response = client.get(STAFF_LOGIN + "?next=/admin/")
    assert response.status_code == 403


def test_staff_without_two_factor_is_led_to_set_it_up(client, homes, settings):
    settings.STAFF_TWO_FACTOR_REQUIRED = True
    user = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(user)
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == "/de/accounts/2fa/totp/activate/"


def test_django_admin_is_gone(client, applicant):
    response = client.post(
        "/django-admin/login/", {"username": applicant.email, "password": PASSWORD}, follow=True
    )
    assert response.status_code == 404
    assert signed_in_user_id(client) is None


def test_demo_staff_login_prints_what_gets_through_both_factors(client, homes):
    out = io.StringIO()
    call_command("staff_login", stdout=out)
    found = re.search(r"user: (\S+)\s+password: (\S+)\s+two-factor secret: (\S+)", out.getvalue())
    email, password, secret = found.groups()
    assert email == "admin@example.org"
    post_login(client, email, password)
    response = client.post("/en/accounts/2fa/authenticate/", {"code": current_code(secret)})
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "/en/accounts/2fa/",
        "/de/accounts/2fa/webauthn/",
        "/zh/accounts/2fa/webauthn/add/",
        "/en/accounts/2fa/recovery-codes/",
        "/en/accounts/2fa/totp/deactivate/",
    ],
)
def test_sign_in_security_pages_open_for_staff(client, staff, path):
    """Account → Sign-in security: the app, recovery codes and passkeys pages answer
    (the password is asked again where allauth wants it), never with a server error."""
    user, _secret, _codes = staff
    client.force_login(user)
    response = client.get(path)
    assert response.status_code in (200, 302)
    if response.status_code == 302:
        assert "/accounts/reauthenticate/" in response["Location"]
