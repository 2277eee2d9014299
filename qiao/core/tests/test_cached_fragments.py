"""The header (brand, menu) and the footer are cached, and never show an old state: every
change an editor makes to the menu or the centre's settings shows on the next request."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from qiao.core.models import CentreSettings, StandardPage
from qiao.core.tests.test_pages import add_page

pytestmark = pytest.mark.django_db


def menu(client, url="/de/") -> str:
    html = client.get(url).content.decode()
    return html.split('class="main-menu"')[1].split("</ul>")[0]


def footer(client, url="/de/") -> str:
    return client.get(url).content.decode().split('class="site-footer"')[1]


@pytest.fixture
def about(homes):
    return add_page(
        homes["de"], StandardPage(title="Über uns", slug="ueber-uns", show_in_menus=True)
    )


def test_a_published_page_joins_the_menu_at_once(client, homes, about):
    assert '<a href="/de/ueber-uns/">Über uns</a>' in menu(client)

    add_page(homes["de"], StandardPage(title="Studium", slug="studium", show_in_menus=True))

    assert '<a href="/de/studium/">Studium</a>' in menu(client)


def test_a_renamed_page_shows_its_new_title_once_published(client, about):
    assert ">Über uns</a>" in menu(client)

    about.title = "Das Zentrum"
    about.save_revision()
    assert ">Über uns</a>" in menu(client), "a draft does not change the menu"

    about.get_latest_revision().publish()
    assert ">Das Zentrum</a>" in menu(client)


def test_unpublished_moved_deleted_and_private_pages_leave_the_menu(client, homes, about):
    other = add_page(homes["de"], StandardPage(title="Studium", slug="studium", show_in_menus=True))
    third = add_page(homes["de"], StandardPage(title="Presse", slug="presse", show_in_menus=True))
    fourth = add_page(homes["de"], StandardPage(title="Intern", slug="intern", show_in_menus=True))
    assert all(title in menu(client) for title in ("Über uns", "Studium", "Presse", "Intern"))

    about.unpublish()
    assert "Über uns" not in menu(client)

    other.move(third, pos="last-child")
    assert "Studium" not in menu(client)

    third.delete()
    assert "Presse" not in menu(client)

    PageViewRestriction.objects.create(page=fourth, restriction_type="login")
    assert "Intern" not in menu(client)


def test_the_current_section_is_marked_on_each_page(client, homes, about):
    add_page(homes["de"], StandardPage(title="Studium", slug="studium", show_in_menus=True))
    team = add_page(about, StandardPage(title="Team", slug="team"))

    assert 'href="/de/ueber-uns/" aria-current="page"' in menu(client, team.url)
    assert 'href="/de/studium/" aria-current="page"' in menu(client, "/de/studium/")
    assert "aria-current" not in menu(client, "/de/")


def test_saved_centre_settings_show_in_header_and_footer_at_once(client, homes):
    assert "China-Kompetenzzentrum" in footer(client)

    centre = CentreSettings.load()
    centre.name_de = "Zentrum für China-Kompetenz"
    centre.email = "china@example.org"
    centre.save()

    html = client.get("/de/").content.decode()
    brand = html.split('class="brand-name">')[1].split("<")[0]
    assert brand == "Zentrum für China-Kompetenz"
    assert 'href="mailto:china@example.org"' in footer(client)


def test_each_language_has_its_own_header_and_footer(client, homes):
    centre = CentreSettings.load()
    centre.name_de, centre.name_en = "Zentrum", "Centre"
    centre.save()

    assert 'class="brand-name">Zentrum<' in client.get("/de/").content.decode()
    assert 'class="brand-name">Centre<' in client.get("/en/").content.decode()
    assert 'class="brand-name">Zentrum<' in client.get("/de/").content.decode()


def test_a_repeated_request_does_not_query_the_menu_again(client, about):
    def menu_queries(queries):
        return [q for q in queries if "show_in_menus" in q["sql"].partition("WHERE")[2]]

    client.get("/de/")
    about.save_revision().publish()
    with CaptureQueriesContext(connection) as first_after_change:
        client.get("/de/")
    with CaptureQueriesContext(connection) as repeated:
        client.get("/de/")

    assert len(menu_queries(first_after_change)) == 1
    assert menu_queries(repeated) == []
    assert len(repeated) < len(first_after_change)
