import datetime
import re

import pytest
import time_machine
from django.core import mail
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from qiao.core.models import StandardPage
from qiao.events import services
from qiao.events.enums import EventType, RegistrationStatus
from qiao.events.models import Registration

from .factories import QuestionFactory, make_event, register

pytestmark = pytest.mark.django_db

VALID_FORM = {
    "name": "Li Wei",
    "email": "li.wei@example.org",
    "affiliation": "student",
    "institution": "",
    "consent": "on",
}


def html(response) -> str:
    return response.content.decode()


@pytest.fixture
def post(client, django_capture_on_commit_callbacks):
    """Post like a browser; what is queued after the commit (e-mails) runs."""

    def send(url, data=None):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, data or {})

    return send


def test_index_lists_upcoming_first_and_past_by_year(client, index):
    make_event(index, title="Bald", days_ahead=5)
    make_event(index, title="Später", days_ahead=50)
    with time_machine.travel(datetime.datetime(2022, 10, 17, 12, 0, tzinfo=datetime.UTC)):
        make_event(index, title="China-Woche 2022", days_ahead=1)

    response = client.get(index.url)

    page = html(response)
    assert response.status_code == 200
    assert (
        page.index("Bald")
        < page.index("Später")
        < page.index('id="archive-heading"')
        < page.index("China-Woche 2022")
    )
    assert "<h3>2022</h3>" in page


def test_index_pages_upcoming_events_and_shows_the_archive_one_year_at_a_time(client, index):
    for number in range(13):
        make_event(index, title=f"Termin {number:02d}", days_ahead=number + 1)
    for year in (2021, 2022):
        with time_machine.travel(datetime.datetime(year, 10, 17, 12, 0, tzinfo=datetime.UTC)):
            make_event(index, title=f"China-Woche {year}", days_ahead=1)

    first = html(client.get(index.url))
    second = html(client.get(index.url, {"page": 2}))
    older = html(client.get(index.url, {"year": 2021}))

    assert [f"Termin {n:02d}" in first for n in range(13)] == [True] * 12 + [False]
    assert "Seite 1 von 2" in first
    assert "Termin 12" in second
    assert "Termin 00" not in second
    assert "China-Woche 2022" in first
    assert "China-Woche 2021" not in first
    assert 'href="?year=2021#archive-heading">2021</a>' in first
    assert "China-Woche 2021" in older
    assert "China-Woche 2022" not in older


def test_archive_years_are_berlin_years_and_skip_years_without_events(client, index):
    new_year_berlin = datetime.datetime(2021, 12, 31, 23, 30, tzinfo=datetime.UTC)
    for title, start in [
        ("Silvester in Berlin", new_year_berlin),  # 00:30 on 1 January 2022 in Berlin
        ("Herbst 2019", datetime.datetime(2019, 10, 1, 16, 0, tzinfo=datetime.UTC)),
    ]:
        make_event(index, title=title, start=start, end=start + datetime.timedelta(hours=1))

    page = html(client.get(index.url))

    assert "<h3>2022</h3>" in page and "Silvester in Berlin" in page
    assert 'href="?year=2019#archive-heading">2019</a>' in page
    assert "?year=2021" not in page and "?year=2020" not in page


def test_index_pages_a_busy_archive_year_and_keeps_the_year(client, index, monkeypatch):
    monkeypatch.setattr("qiao.events.queries.ARCHIVE_PER_PAGE", 2)
    with time_machine.travel(datetime.datetime(2022, 3, 1, 12, 0, tzinfo=datetime.UTC)):
        for number in range(5):
            make_event(index, title=f"Vortrag {number}", days_ahead=number * 30 + 1)
    with time_machine.travel(datetime.datetime(2021, 3, 1, 12, 0, tzinfo=datetime.UTC)):
        make_event(index, title="Vortrag 2021", days_ahead=1)

    first = html(client.get(index.url, {"year": 2022}))
    last = html(client.get(index.url, {"year": 2022, "archive": 3}))
    beyond = html(client.get(index.url, {"year": 2022, "archive": "x"}))

    # Newest first, two per page, three pages; the links keep the year and the heading.
    assert ["Vortrag 4" in first, "Vortrag 3" in first, "Vortrag 2" in first] == [
        True,
        True,
        False,
    ]
    assert "Seite 1 von 3" in first
    assert 'href="?year=2022&amp;archive=2#archive-heading" rel="next"' in first
    assert "Vortrag 0" in last and "Vortrag 4" not in last
    assert 'href="?year=2022&amp;archive=2#archive-heading" rel="prev"' in last
    assert "Vortrag 4" in beyond
    # A year link starts that year's archive at its first page.
    assert 'href="?year=2021#archive-heading">2021</a>' in last


@pytest.mark.parametrize(
    "query",
    [
        {"page": "abc"},
        {"page": "999"},
        {"year": "1850"},
        {"year": "x"},
        {"year": "9" * 5000},
        {"year": "²⁰²²"},
        {"page": "9" * 5000},
    ],
)
def test_index_answers_a_wrong_page_or_year_with_the_nearest_sensible_one(client, index, query):
    make_event(index, title="Bald", days_ahead=5)
    with time_machine.travel(datetime.datetime(2022, 10, 17, 12, 0, tzinfo=datetime.UTC)):
        make_event(index, title="China-Woche 2022", days_ahead=1)

    response = client.get(index.url, query)

    assert response.status_code == 200
    assert "Bald" in html(response)
    assert "China-Woche 2022" in html(response)


def test_index_filters_by_type(client, index):
    make_event(index, title="Ein Vortrag")
    make_event(index, title="Ein Workshop", event_type=EventType.WORKSHOP)

    page = html(client.get(index.url, {"type": "workshop"}))

    assert "Ein Workshop" in page
    assert "Ein Vortrag" not in page


def count_queries(client, url) -> int:
    """Queries of one request with nothing cached (the header and footer included)."""
    cache.clear()
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def test_index_query_count_does_not_grow_with_the_number_of_events(client, index):
    make_event(index)
    client.get(index.url)  # the first request creates the site settings
    one = count_queries(client, index.url)
    for _ in range(6):
        make_event(index)

    many = count_queries(client, index.url)

    assert many == one


@pytest.mark.parametrize(
    ("capacity", "taken", "deadline_passed", "label"),
    [
        (12, 0, False, "12 seats left"),
        (2, 1, False, "1 seat left"),
        (1, 1, False, "Full – waitlist open"),
        (None, 0, False, "Registration open"),
        (12, 0, True, "Registration closed"),
    ],
)
def test_event_page_says_how_many_seats_are_left(
    client, locales, index, capacity, taken, deadline_passed, label
):
    event = make_event(index, capacity_on_site=capacity)
    if deadline_passed:
        event.registration_deadline = datetime.datetime.now(datetime.UTC) - datetime.timedelta(
            hours=1
        )
        event.save()
    for number in range(taken):
        services.confirm_registration(register(event, f"p{number}@example.org"))

    english = translate(index, event, locales["en"])  # shares the German version's seats

    response = client.get(english.url)

    match = re.search(r'<p class="availability[^"]*">([^<]+)</p>', html(response))
    assert match.group(1) == label


def translate(index, event, locale):
    for page in (index, event):
        translated = page.copy_for_translation(locale)
        translated.save_revision().publish()
    return translated


def test_event_page_shows_berlin_and_china_time(client, index):
    start = datetime.datetime(2027, 1, 20, 17, 0, tzinfo=datetime.UTC)
    event = make_event(index, start=start, end=start + datetime.timedelta(hours=2))

    page = html(client.get(event.url))

    assert '<time datetime="2027-01-20T18:00:00+01:00">' in page
    assert "21.01.2027 01:00" in page


def test_registration_form_links_to_the_privacy_page(client, homes):
    privacy = StandardPage(title="Datenschutz", slug="datenschutz")
    homes["de"].add_child(instance=privacy)
    from .factories import make_index

    index = make_index(homes["de"], privacy_page=privacy)
    event = make_event(index)

    page = html(client.get(f"/de/event-registration/{event.pk}/register/"))

    assert f'<a href="{privacy.url}">' in page


def test_register_with_valid_form_sends_the_link_and_asks_to_check_mail(client, post, event):
    response = post(f"/en/event-registration/{event.pk}/register/", VALID_FORM)

    assert response.status_code == 302
    assert response["Location"] == f"/en/event-registration/{event.pk}/registered/"
    registration = Registration.objects.get()
    assert (registration.email, registration.status, registration.language) == (
        "li.wei@example.org",
        RegistrationStatus.PENDING,
        "en",
    )
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"name": ""}, "name", "This field is required."),
        ({"email": "not-an-address"}, "email", "Enter a valid email address."),
        ({"consent": ""}, "consent", "Please agree, otherwise we cannot register you."),
        (
            {"affiliation": "alien"},
            "affiliation",
            "Select a valid choice. alien is not one of the available choices.",
        ),
        ({"affiliation": "partner"}, "institution", "Please name your partner institution."),
    ],
)
def test_register_with_bad_input_shows_the_error_and_changes_nothing(
    client, event, changes, field, message
):
    data = {**VALID_FORM, **changes}

    response = client.post(f"/en/event-registration/{event.pk}/register/", data)

    assert response.status_code == 400
    assert f'<p class="field-error" id="id_{field}-error">{message}</p>' in html(response)
    assert Registration.objects.count() == 0
    assert mail.outbox == []


def test_required_question_must_be_answered(client, event):
    question = QuestionFactory(event=event, is_required=True)

    missing = client.post(f"/en/event-registration/{event.pk}/register/", VALID_FORM)
    answered = client.post(
        f"/en/event-registration/{event.pk}/register/",
        {**VALID_FORM, f"question_{question.pk}": "yes"},
    )

    assert missing.status_code == 400
    assert answered.status_code == 302
    assert Registration.objects.get().answers == {str(question.pk): True}


def test_register_after_the_deadline_is_refused(client, event):
    event.registration_deadline = event.start - datetime.timedelta(days=1)
    event.save()

    with time_machine.travel(event.start - datetime.timedelta(hours=1)):
        response = client.post(f"/en/event-registration/{event.pk}/register/", VALID_FORM)

    assert response.status_code == 400
    assert "Registration for this event is closed." in html(response)
    assert Registration.objects.count() == 0


def link_from_mail(kind: str) -> str:
    return re.search(
        rf"https?://[^/\s]+(/en/event-registration/{kind}/[^/\s]+/)", mail.outbox[-1].body
    ).group(1)


def test_confirmation_link_confirms_on_post_only(client, post, event):
    post(f"/en/event-registration/{event.pk}/register/", VALID_FORM)
    link = link_from_mail("confirm")

    shown = client.get(link)
    assert Registration.objects.get().status == RegistrationStatus.PENDING
    confirmed = post(link)

    assert "Confirm my registration" in html(shown)
    assert confirmed.status_code == 200
    assert "is confirmed" in html(confirmed)
    assert Registration.objects.get().status == RegistrationStatus.CONFIRMED


def test_tampered_confirmation_link_changes_nothing(client, post, event):
    post(f"/en/event-registration/{event.pk}/register/", VALID_FORM)
    link = link_from_mail("confirm")
    tampered = link[:-3] + ("A" if link[-3] != "A" else "B") + link[-2:]

    response = post(tampered)

    assert response.status_code == 400
    assert "This link is not valid. Please use the complete link from the e-mail." in html(response)
    assert Registration.objects.get().status == RegistrationStatus.PENDING


def test_expired_confirmation_link_changes_nothing(client, post, event, settings):
    post(f"/en/event-registration/{event.pk}/register/", VALID_FORM)
    link = link_from_mail("confirm")

    with time_machine.travel(
        datetime.datetime.now(datetime.UTC)
        + datetime.timedelta(seconds=settings.EVENTS_CONFIRMATION_MAX_AGE + 60)
    ):
        response = post(link)

    assert response.status_code == 400
    assert "This confirmation link has expired. Please register again." in html(response)
    assert Registration.objects.get().status == RegistrationStatus.PENDING


def test_cancellation_link_cancels_and_a_confirm_link_cannot_cancel(client, post, event):
    post(f"/en/event-registration/{event.pk}/register/", VALID_FORM)
    confirm_link = link_from_mail("confirm")
    post(confirm_link)
    cancel_link = link_from_mail("cancel")

    wrong_salt = post(confirm_link.replace("/confirm/", "/cancel/"))
    assert wrong_salt.status_code == 400
    assert Registration.objects.get().status == RegistrationStatus.CONFIRMED

    response = post(cancel_link)

    assert response.status_code == 200
    assert "is cancelled" in html(response)
    assert Registration.objects.get().status == RegistrationStatus.CANCELLED


def test_hybrid_event_page_shows_seats_per_participation_mode(client, locales, index):
    event = make_event(index, event_format="hybrid", capacity_on_site=1, capacity_online=40)
    services.confirm_registration(register(event, "a@example.org"))
    english = translate(index, event, locales["en"])

    page = html(client.get(english.url))

    items = re.findall(r"<li>(On site|Online): ([^<]+)</li>", page)
    assert items == [("On site", "full, waitlist open"), ("Online", "40 seats left")]


def test_first_email_leaves_out_the_typed_name(post, event):
    phishing = "Your account is blocked, log in at https://evil.example/login"

    post(f"/en/event-registration/{event.pk}/register/", {**VALID_FORM, "name": phishing})

    assert len(mail.outbox) == 1
    assert mail.outbox[0].body.startswith("Hello,\n\nThank you for registering.")
    assert "evil.example" not in mail.outbox[0].body
    assert "evil.example" not in mail.outbox[0].subject


def test_confirmed_email_greets_by_name(client, post, event):
    post(f"/en/event-registration/{event.pk}/register/", VALID_FORM)

    post(link_from_mail("confirm"))

    assert mail.outbox[-1].body.startswith("Hello Li Wei,")


@pytest.mark.parametrize("kind", ["confirm", "cancel"])
def test_signed_link_page_is_private_and_not_indexed(client, post, event, kind):
    post(f"/en/event-registration/{event.pk}/register/", VALID_FORM)
    if kind == "cancel":
        post(link_from_mail("confirm"))

    response = client.get(link_from_mail(kind))

    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_invalid_registrations_do_not_use_up_the_limit(post, event, settings):
    settings.EVENTS_REGISTRATION_RATE_LIMIT = "2/h"
    url = f"/en/event-registration/{event.pk}/register/"

    junk = [post(url, {"name": "x"}).status_code for _ in range(5)]
    valid = [post(url, {**VALID_FORM, "email": f"p{n}@example.org"}).status_code for n in range(3)]

    assert junk == [400] * 5
    assert valid == [302, 302, 429]
    assert Registration.objects.count() == 2
