"""Staff can open the editor of every page type and the core back-office screens."""

import pytest
from django.contrib.auth import get_user_model

from qiao.core.models import ContactMessage, ContactPage, Person, StandardPage
from qiao.news.tests.factories import make_news, make_news_index

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    user = get_user_model().objects.create_superuser("editor", "editor@example.org", "pw")
    client.force_login(user)
    return client


def test_editor_of_every_page_type_opens(staff_client, homes, locales):
    standard = StandardPage(title="Über uns", slug="ueber-uns")
    homes["de"].add_child(instance=standard)
    contact = ContactPage(title="Kontakt", slug="kontakt")
    homes["de"].add_child(instance=contact)
    index = make_news_index(homes["de"])
    news = make_news(index, title="Besuch")

    for page in (homes["de"], standard, contact, index, news):
        response = staff_client.get(f"/admin/pages/{page.pk}/edit/")
        assert response.status_code == 200, page


def test_core_back_office_screens_open(staff_client, homes, locales):
    Person.objects.create(name="Mei Lin", role="Beratung", locale=locales["de"])
    message = ContactMessage.objects.create(
        name="A", email="a@example.org", subject="Frage", message="Hallo", language="de"
    )

    for url in (
        "/admin/",
        "/admin/snippets/core/person/",
        "/admin/settings/core/centresettings/",
        "/admin/contact_messages/",
        f"/admin/contact_messages/inspect/{message.pk}/",
        "/admin/snippets/news/newscategory/",
    ):
        response = staff_client.get(url, follow=True)
        assert response.status_code == 200, url


def test_the_admin_loads_nothing_from_other_hosts(staff_client, homes):
    """No gravatar (it would send a hash of the staff e-mail) and no release check."""
    for url in ("/admin/", "/admin/account/", "/admin/users/"):
        html = staff_client.get(url).content.decode()
        assert "gravatar.com" not in html, url
        assert "releases.wagtail.org" not in html, url
