"""Sign-up and login do not tell a registered address from an unknown one: the same
answer, and the same work (one password hash) behind it."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import MD5PasswordHasher
from django.core import mail

from qiao.mobility.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


class CountingHasher(MD5PasswordHasher):
    """The test hasher, counting how often a password is hashed."""

    algorithm = "counting_md5"
    calls = 0

    def encode(self, password, salt):
        CountingHasher.calls += 1
        return super().encode(password, salt)


@pytest.fixture
def hashes(settings):
    settings.PASSWORD_HASHERS = ["qiao.accounts.tests.test_enumeration.CountingHasher"]
    CountingHasher.calls = 0
    return CountingHasher


@pytest.fixture
def known(homes, hashes):
    user = UserFactory(email="li.hua@example.org")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    hashes.calls = 0
    return user


def signup(client, email):
    return client.post(
        "/en/accounts/signup/",
        {"email": email, "password1": "long-enough-pw-42", "password2": "long-enough-pw-42"},
    )


@pytest.mark.parametrize("email", ["li.hua@example.org", "new.person@example.org"])
def test_signup_hashes_one_password_for_known_and_new_addresses(client, known, hashes, email):
    response = signup(client, email)

    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/confirm-email/"
    assert hashes.calls == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [email]


@pytest.mark.parametrize("email", ["li.hua@example.org", "nobody@example.org"])
def test_failed_login_hashes_one_password_for_known_and_unknown_addresses(
    client, known, hashes, email
):
    response = client.post("/en/accounts/login/", {"login": email, "password": "wrong-guess-1"})

    assert response.status_code == 200
    assert hashes.calls == 1
