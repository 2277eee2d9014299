"""The whole-page cache (qiao.core.pagecache): anonymous visitors get cached pages, everyone
else the page itself, and every change an editor makes shows on the next request, with the
local-memory cache as with Redis."""

import datetime
import shutil
import socket
import subprocess
import time

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection
from django.test import Client
from wagtail.models import PageViewRestriction
from wagtail.rich_text import RichText
from wagtail_localize.models import StringTranslation, Translation
from wagtail_localize.operations import TranslationCreator

from qiao.core import pagecache
from qiao.core.models import CentreSettings, StandardPage
from qiao.core.tests.test_pages import add_page
from qiao.events.services import confirm_registration
from qiao.events.tests.factories import make_event, make_index, register
from qiao.mobility.tests.factories import CallFactory
from qiao.news.tests.factories import make_news, make_news_index
from qiao.partners.tests.factories import InstitutionFactory

pytestmark = pytest.mark.django_db

REDIS = shutil.which("redis-server")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def redis_url():
    """A throwaway Redis server on loopback for this test run."""
    if REDIS is None:
        pytest.skip("redis-server is not installed (apt-get install -y redis-server)")
    port = _free_port()
    server = subprocess.Popen(  # noqa: S603
        [REDIS, "--bind", "127.0.0.1", "--port", str(port), "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
            break
        except OSError:
            time.sleep(0.05)
    yield f"redis://127.0.0.1:{port}/1"
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture(params=["locmem", "redis"])
def backend(request, settings):
    """Each invalidation test runs with the local-memory cache and with Redis."""
    if request.param == "redis":
        url = request.getfixturevalue("redis_url")
        settings.CACHES = {
            "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
        }
    cache.clear()
    pagecache.clear_local_copies()
    yield request.param
    cache.clear()
    pagecache.clear_local_copies()


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_ENABLED = True


@pytest.fixture(autouse=True)
def centre_settings(db):
    """The settings row a site has from its first request on (creating it is a change)."""
    return CentreSettings.load()


def fetch(client, url):
    response = client.get(url)
    return response.get("X-Page-Cache"), response.content.decode()


def title(html: str) -> str:
    return html.split("<h1>")[1].split("</h1>")[0].strip()


@pytest.fixture
def about(homes):
    return add_page(homes["de"], StandardPage(title="Über uns", slug="ueber-uns"))


def test_second_anonymous_request_served_from_cache_with_one_query(
    client, about, django_assert_num_queries
):
    first = client.get("/de/ueber-uns/")
    with django_assert_num_queries(1):  # the content version
        second = client.get("/de/ueber-uns/")

    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    assert second.content == first.content
    assert second["Content-Type"] == "text/html; charset=utf-8"
    assert second["Content-Language"] == "de"
    assert second["X-Frame-Options"] == "SAMEORIGIN"
    assert "Content-Security-Policy" in second


def test_each_language_and_query_string_cached_apart(client, homes):
    assert fetch(client, "/de/")[0] == "miss"
    assert fetch(client, "/en/")[0] == "miss"
    assert fetch(client, "/de/?a=1&b=2")[0] == "miss"
    assert fetch(client, "/de/?b=2&a=1")[0] == "hit"
    assert '<html lang="en">' in fetch(client, "/en/")[1]


def test_signed_in_visitor_never_gets_the_cached_page(client, about):
    user = get_user_model().objects.create_user("ana", "ana@example.org", "pw")
    fetch(Client(), "/de/ueber-uns/")
    client.force_login(user)

    response = client.get("/de/ueber-uns/")

    assert response.has_header("X-Page-Cache") is False
    assert ">Abmelden</button>" in response.content.decode()


def test_session_with_data_or_messages_cookie_bypasses_the_cache(client, about):
    fetch(Client(), "/de/ueber-uns/")
    session = client.session
    session["wagtail-preview-1"] = "x"
    session.save()
    assert client.get("/de/ueber-uns/").has_header("X-Page-Cache") is False

    other = Client()
    other.cookies["messages"] = "anything"
    assert other.get("/de/ueber-uns/").has_header("X-Page-Cache") is False


def test_post_and_head_bypass_the_cache(client, about):
    fetch(client, "/de/ueber-uns/")

    assert client.post("/de/ueber-uns/").has_header("X-Page-Cache") is False
    assert client.head("/de/ueber-uns/").has_header("X-Page-Cache") is False


def test_search_with_a_query_is_never_cached(client, homes):
    assert fetch(client, "/de/search/")[0] == "miss"
    assert fetch(client, "/de/search/")[0] == "hit"
    assert fetch(client, "/de/search/?q=Visum")[0] is None
    assert fetch(client, "/de/search/?q=Visum")[0] is None


def test_page_with_csrf_form_gives_each_visitor_a_working_token(homes, settings):
    from qiao.mobility.models import ProgrammeIndexPage, ProgrammePage

    settings.MEDIA_ROOT = settings.BASE_DIR / "var" / "test-media"
    index = add_page(homes["de"], ProgrammeIndexPage(title="Programme", slug="programme"))
    programme = add_page(
        index,
        ProgrammePage(
            title="Winter School Beihang",
            slug="winter-school-beihang",
            programme_type="winter_school",
            partner_name="Beihang University",
            city="Peking",
            duration="2 Wochen",
            teaser="Zwei Wochen in Peking.",
            description="<p>Vorlesungen.</p>",
        ),
    )
    call = CallFactory(programme=programme)
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)

    miss = first.get(programme.url)
    hit = second.get(programme.url)

    def token(response):
        return response.content.decode().split('name="csrfmiddlewaretoken" value="')[1][:64]

    assert (miss["X-Page-Cache"], hit["X-Page-Cache"]) == ("miss", "hit")
    assert token(hit) != token(miss)
    assert "\x00" not in hit.content.decode()
    assert second.cookies["csrftoken"].value != first.cookies["csrftoken"].value
    apply_url = f"/de/applications/call/{call.pk}/apply/"
    with_token = second.post(apply_url, {"csrfmiddlewaretoken": token(hit)})
    with_other_token = second.post(apply_url, {"csrfmiddlewaretoken": token(miss)})
    assert with_token.status_code == 302  # on to the sign-in, past the CSRF check
    assert with_other_token.status_code == 403


# --- exact invalidation: the next request after a change shows it ------------------------


def test_publish_shows_on_the_next_request(client, about, backend):
    assert title(fetch(client, "/de/ueber-uns/")[1]) == "Über uns"
    assert fetch(client, "/de/ueber-uns/")[0] == "hit"

    about.title = "Das Zentrum"
    about.save_revision()
    assert title(fetch(client, "/de/ueber-uns/")[1]) == "Über uns", "a draft changes nothing"

    about.get_latest_revision().publish()
    state, html = fetch(client, "/de/ueber-uns/")
    assert (state, title(html)) == ("miss", "Das Zentrum")


def test_unpublish_move_and_delete_show_on_the_next_request(client, homes, about, backend):
    other = add_page(homes["de"], StandardPage(title="Studium", slug="studium"))
    third = add_page(homes["de"], StandardPage(title="Presse", slug="presse"))
    for url in ("/de/ueber-uns/", "/de/studium/", "/de/presse/"):
        fetch(client, url)
        assert fetch(client, url)[0] == "hit"

    about.unpublish()
    assert client.get("/de/ueber-uns/").status_code == 404

    other.move(third, pos="last-child")
    moved = client.get("/de/studium/")
    assert (moved.status_code, moved["Location"]) == (301, "/de/presse/studium/")
    assert client.get("/de/presse/studium/").status_code == 200

    third.delete()
    assert client.get("/de/presse/").status_code == 404


def test_view_restriction_shows_on_the_next_request(client, about, backend):
    fetch(client, "/de/ueber-uns/")

    PageViewRestriction.objects.create(page=about, restriction_type="login")

    assert client.get("/de/ueber-uns/").status_code == 302


def test_translation_sync_shows_on_the_next_request(
    client, homes, locales, backend, django_capture_on_commit_callbacks
):
    editor = get_user_model().objects.create_superuser("editor", "e@example.org", "pw")
    german = add_page(
        homes["de"],
        StandardPage(title="Beratung", slug="beratung", body=[("text", RichText("<p>Visum</p>"))]),
    )
    TranslationCreator(editor, [locales["en"]]).create_translations(german)
    record = Translation.objects.get(target_locale=locales["en"])
    for segment in record.source.stringsegment_set.select_related("string"):
        english = {"Beratung": "Advice", "beratung": "advice", "Visum": "Visa"}
        StringTranslation.objects.create(
            translation_of=segment.string,
            locale=locales["en"],
            context=segment.context,
            data=english.get(segment.string.data, segment.string.data),
        )
    with django_capture_on_commit_callbacks(execute=True):
        record.save_target(user=editor, publish=True)
    url = german.get_translation(locales["en"]).url
    assert "<p>Visa</p>" in fetch(client, url)[1]
    assert fetch(client, url)[0] == "hit"

    StringTranslation.objects.filter(data="Visa").update(data="Visa and residence")
    with django_capture_on_commit_callbacks(execute=True):
        record.save_target(user=editor, publish=True)

    state, html = fetch(client, url)
    assert (state, "<p>Visa and residence</p>" in html) == ("miss", True)


def test_centre_settings_show_on_the_next_request(client, about, backend):
    fetch(client, "/de/ueber-uns/")

    centre = CentreSettings.load()
    centre.name_de = "Zentrum für China-Kompetenz"
    centre.save()

    html = fetch(client, "/de/ueber-uns/")[1]
    assert html.split('class="brand-name">')[1].split("<")[0] == "Zentrum für China-Kompetenz"


def test_saved_call_shows_on_the_programme_page_at_once(client, homes, backend, settings):
    from qiao.mobility.models import ProgrammeIndexPage, ProgrammePage

    index = add_page(homes["de"], ProgrammeIndexPage(title="Programme", slug="programme"))
    programme = add_page(
        index,
        ProgrammePage(
            title="Winter School",
            slug="winter-school",
            programme_type="winter_school",
            partner_name="Beihang University",
            city="Peking",
            duration="2 Wochen",
            teaser="Zwei Wochen.",
            description="<p>Vorlesungen.</p>",
        ),
    )
    call = CallFactory(programme=programme, title_de="Winterschule 2027")
    assert "Winterschule 2027" in fetch(client, programme.url)[1]
    assert fetch(client, programme.url)[0] == "hit"

    call.title_de = "Winterschule 2028"
    call.save()

    state, html = fetch(client, programme.url)
    assert (state, "Winterschule 2028" in html, "Winterschule 2027" in html) == (
        "miss",
        True,
        False,
    )


def test_saved_partner_shows_on_its_page_at_once(client, homes, backend):
    from qiao.partners.models import PartnerIndexPage

    add_page(homes["de"], PartnerIndexPage(title="Partner", slug="partner"))
    partner = InstitutionFactory(name_de="Universität Yunnan", slug="yunnan", is_public=True)
    assert "Universität Yunnan" in fetch(client, "/de/partner/yunnan/")[1]
    assert fetch(client, "/de/partner/yunnan/")[0] == "hit"

    partner.name_de = "Yunnan-Universität"
    partner.save()

    assert "Yunnan-Universität" in fetch(client, "/de/partner/yunnan/")[1]


def test_version_moved_by_another_process_shows_on_the_next_request(client, about, backend):
    fetch(client, "/de/ueber-uns/")
    # Another server process publishes: it changes the page and the version in the
    # database; this process holds nothing in memory that could keep the old page.
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE wagtailcore_page SET title = 'Von nebenan' WHERE id = %s", [about.pk]
        )
        cursor.execute("UPDATE core_contentversion SET version = version + 1")

    state, html = fetch(client, "/de/ueber-uns/")
    assert (state, title(html)) == ("miss", "Von nebenan")


# --- live figures: at most PAGE_CACHE_LIVE_SECONDS old -----------------------------------


def test_seats_on_a_cached_event_page_at_most_ten_seconds_old(client, homes, backend, settings):
    index = make_index(homes["de"])
    event = make_event(index, capacity_on_site=1)
    start = datetime.datetime.now(tz=datetime.UTC)
    with time_machine.travel(start, tick=False):
        assert "Auf die Warteliste" not in fetch(client, event.url)[1]
        registration = register(event)
        confirm_registration(registration)
        assert fetch(client, event.url)[0] == "hit"  # up to 10 s old, by design

    if backend == "redis":  # Redis expires by its own clock
        time.sleep(settings.PAGE_CACHE_LIVE_SECONDS + 0.5)
    with time_machine.travel(start + datetime.timedelta(seconds=10.5), tick=False):
        state, html = fetch(client, event.url)
    assert state == "miss"
    assert ">Auf die Warteliste</a>" in html


def test_local_copy_of_a_shared_page_is_kept_no_longer_than_the_shared_one(
    client, homes, redis_url, settings
):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": redis_url}
    }
    cache.clear()
    pagecache.clear_local_copies()
    event = make_event(make_index(homes["de"]), capacity_on_site=1)
    start = datetime.datetime.now(tz=datetime.UTC)
    with time_machine.travel(start, tick=False):
        assert fetch(client, event.url)[0] == "miss"  # rendered, kept in Redis
    pagecache.clear_local_copies()  # as if another server process had rendered it
    registration = register(event)
    confirm_registration(registration)
    with time_machine.travel(start + datetime.timedelta(seconds=6), tick=False):
        state, html = fetch(client, event.url)  # from Redis, kept here for the 4 s left
        assert (state, ">Auf die Warteliste</a>" in html) == ("hit", False)
    with time_machine.travel(start + datetime.timedelta(seconds=10.5), tick=False):
        state, html = fetch(client, event.url)
    pagecache.clear_local_copies()
    cache.clear()

    # Ten seconds after it was rendered the page is rendered again, though Redis (by its
    # own clock) still holds it: the seat is shown as taken.
    assert state == "miss"
    assert ">Auf die Warteliste</a>" in html


def test_news_page_kept_until_a_change_event_page_ten_seconds(client, homes):
    index = make_news_index(homes["de"])
    news = make_news(index, title="Delegation aus Yunnan")
    event = make_event(make_index(homes["de"]))
    start = datetime.datetime.now(tz=datetime.UTC)
    with time_machine.travel(start, tick=False):
        fetch(client, news.url)
        fetch(client, event.url)

    with time_machine.travel(start + datetime.timedelta(hours=1), tick=False):
        assert (fetch(client, news.url)[0], fetch(client, event.url)[0]) == ("hit", "miss")
