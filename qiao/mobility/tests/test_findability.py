"""The way from the home page to programmes, calls, events and one's own pages."""

import datetime

import pytest
import time_machine
from django.test import Client

from qiao.core.models import StandardPage
from qiao.events.tests.factories import make_event, make_index
from qiao.mobility.models import ProgrammeIndexPage, ProgrammePage

from .factories import ApplicationFactory, CallFactory, UserFactory

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 11, 2, 9, 0, tzinfo=datetime.UTC)
DEADLINE = datetime.datetime(2027, 1, 15, 17, 0, tzinfo=datetime.UTC)
# Berlin and China time of the deadline, as the English pages show them.
DEADLINE_SHOWN = (
    '<time datetime="2027-01-15T18:00:00+01:00">15 Jan 2027, 18:00</time> Berlin time '
    '<span class="cst">(16 Jan 2027, 01:00 China time)</span>'
)

PROGRAMME_URL = "/en/go-to-china/programmes/summer-school-chengdu/"


def _publish_child(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _translate(page, locale, **fields):
    copy = page.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(copy, name, value)
    copy.save_revision().publish()
    return copy.specific_class.objects.get(pk=copy.pk)


@pytest.fixture
def section(homes, locales):
    """ "Go to China" with the catalogue below it, in German and English."""
    section = _publish_child(
        homes["de"], StandardPage(title="Wege nach China", slug="wege-nach-china", intro="Los.")
    )
    index = _publish_child(section, ProgrammeIndexPage(title="Programme", slug="programme"))
    programme = _publish_child(
        index,
        ProgrammePage(
            title="Sommerschule Chengdu",
            slug="sommerschule-chengdu",
            programme_type="summer_school",
            partner_name="Sichuan University",
            duration="3 Wochen",
            teaser="Drei Wochen in Chengdu.",
        ),
    )
    _translate(section, locales["en"], title="Go to China", slug="go-to-china")
    _translate(index, locales["en"], title="Programmes", slug="programmes")
    _translate(
        programme, locales["en"], title="Summer school Chengdu", slug="summer-school-chengdu"
    )
    with time_machine.travel(NOW, tick=False):
        CallFactory(
            programme=programme,
            title_de="Sommerschule 2027",
            title_en="Summer school 2027",
            opens_at=NOW - datetime.timedelta(days=5),
            closes_at=DEADLINE,
            places=12,
        )
        CallFactory(
            programme=programme,
            title_en="Summer school 2026",
            opens_at=NOW - datetime.timedelta(days=300),
            closes_at=NOW - datetime.timedelta(days=200),
        )
    return section


@time_machine.travel(NOW, tick=False)
def test_section_page_lists_its_programmes_and_open_calls(client, section):
    page = client.get("/en/go-to-china/").content.decode()
    assert (
        '<a href="/en/go-to-china/programmes/summer-school-chengdu/">Summer school 2027</a>' in page
    )
    assert DEADLINE_SHOWN in page
    assert "12 places" in page
    assert "Summer school 2026" not in page
    assert (
        'href="/en/go-to-china/programmes/summer-school-chengdu/">Summer school Chengdu</a>' in page
    )


@time_machine.travel(NOW, tick=False)
def test_home_page_shows_next_events_and_open_calls(client, homes, section):
    make_event(make_index(homes["de"]), days_ahead=10, title="Vortrag über Chengdu")
    german = client.get("/de/").content.decode()
    english = client.get("/en/").content.decode()
    assert '<h2 id="next-events-heading">Nächste Veranstaltungen</h2>' in german
    assert ">Vortrag über Chengdu</a>" in german
    assert '<h2 id="open-calls-heading">Offene Ausschreibungen</h2>' in german
    assert ">Sommerschule 2027</a>" in german
    assert f'<a href="{PROGRAMME_URL}">Summer school 2027</a>' in english
    assert DEADLINE_SHOWN in english


@time_machine.travel(NOW, tick=False)
def test_home_page_without_dates_leaves_the_sections_out(client, homes):
    page = client.get("/en/").content.decode()
    assert ("Next events" in page, "Open calls" in page) == (False, False)


def test_header_offers_sign_in_to_a_visitor(client, homes):
    page = client.get("/de/").content.decode()
    assert '<a href="/de/accounts/login/?next=/de/">Anmelden</a>' in page
    assert "Abmelden" not in page
    assert "csrfmiddlewaretoken" not in page


def test_header_leads_a_reviewer_to_their_reviews(client, homes, call):
    reviewer = UserFactory()
    call.reviewers.add(reviewer)
    client.force_login(reviewer)
    page = client.get("/en/").content.decode()
    assert '<a href="/en/account/">My applications</a>' in page
    assert '<a href="/en/applications/review/">My reviews</a>' in page
    assert "Sign out</button>" in page


def test_header_account_part_is_never_shared_between_visitors(client, homes, call):
    reviewer = UserFactory()
    call.reviewers.add(reviewer)
    client.force_login(reviewer)
    client.get("/en/")
    applicant = ApplicationFactory(call=call).applicant
    other = Client()
    other.force_login(applicant)
    applicant_page = other.get("/en/").content.decode()
    visitor_page = Client().get("/en/").content.decode()
    assert ("My applications" in applicant_page, "My reviews" in applicant_page) == (True, False)
    assert ("Sign in" in visitor_page, "My applications" in visitor_page) == (True, False)
