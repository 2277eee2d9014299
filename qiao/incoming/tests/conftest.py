import pytest
from django.contrib.auth.models import Group
from wagtail.users.models import UserProfile

from .factories import StaffFactory


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.PRIVATE_MEDIA_ROOT


@pytest.fixture
def coordinator(db):
    """A mobility coordinator (not a superuser), signed in through force_login."""
    user = StaffFactory(username="coordinator", is_superuser=False)
    user.groups.add(Group.objects.get(name="Mobility coordinators"))
    # The back office in English, so the tests read the messages as written in the code.
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


@pytest.fixture
def staff_client(client, coordinator):
    client.force_login(coordinator)
    return client
