import pytest

pytestmark = pytest.mark.django_db


def test_menu_starts_collapsed_as_a_disclosure(client, homes):
    page = client.get("/en/").content.decode()
    assert page.count('<details class="menu">') == 1
    assert '<details class="menu" open>' not in page
