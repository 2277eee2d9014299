import pytest

from qiao.mobility.tests.conftest import call, private_root, programme  # noqa: F401


@pytest.fixture
def superuser_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("head", "head@example.org", "pw")
    client.force_login(user)
    return client
