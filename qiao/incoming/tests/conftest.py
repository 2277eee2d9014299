import pytest
from django.contrib.auth.models import Group

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
    return user


@pytest.fixture
def staff_client(client, coordinator):
    client.force_login(coordinator)
    return client
