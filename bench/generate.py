"""Adds volume to a database that has the demo content:

- news items in German, each translated into English and Chinese (same translation key),
  spread over ten years;
- events under the German events index (half of them translated into English, a quarter
  into Chinese), spread over three years back and one year ahead, with registrations
  (confirmed up to the seats, then waitlisted; some cancelled);
- programmes (German, English, half in Chinese) with a closed and an open call each,
  applicant accounts and applications in the states a call of that age can hold;
- one open event with 50 seats and no registration, for the race (bench/race.py).

    DJANGO_SETTINGS_MODULE=bench.settings python -m bench.generate --news 10000

Pages are inserted in bulk with their tree paths (treebeard's add_child, one at a time,
would take many minutes for tens of thousands of pages); the result is a normal page tree
of live pages (without revisions). News pages are added to the search index; events and
programmes are not (the search benchmark searches news). Prints JSON with the counts.
"""

import argparse
import datetime
import json
import random
import time
import uuid

import django

WORDS = (
    "Austausch Hochschule Kooperation Delegation Studierende Forschung Sommerschule Vertrag "
    "Besuch Stipendium Sprache Kultur Ingenieurwesen Energie Rohstoffe Partner Programm"
).split()
# Everyday words for the bulk of each text; the subject words above appear in about one
# word in a hundred, so a search for one of them (e.g. "Kooperation") matches some hundreds
# of items per language, not all of them (a term in every item is not a realistic query).
FILLER = (
    "und der die das mit für auf aus bei nach über unter zwischen wir sie unsere neue "
    "erste zweite Jahr Woche Tag Stadt Land Gruppe Team Projekt Thema Frage Antwort Ziel "
    "Weg Zeit Ort Raum Bericht Gespräch Vortrag Reise Gast Gäste Professorin Professor "
    "Studium Labor Technik Umwelt Wasser Bergbau Material Chemie Informatik Mathematik "
    "Wirtschaft Recht Geschichte Zukunft Erfahrung Beitrag Ergebnis Treffen Konferenz "
    "Netzwerk Alumni Praktikum Campus Bibliothek Mensa Winter Sommer Herbst Frühling "
    "Peking Chengdu Kunming Shanghai Clausthal Goslar Harz Niedersachsen gemeinsam "
    "erfolgreich international digital nachhaltig jung offen groß klein wichtig"
).split()
FIRST_NAMES = "Anna Ben Chen Dana Emil Fang Greta Hao Ida Jun Karl Lea Ming Nora Ole Qing".split()
LAST_NAMES = "Bauer Li Wang Schmidt Zhang Meyer Liu Fischer Yang Weber Huang Wagner Zhao".split()
RACE_EVENT_SLUG = "bench-race-event"
RACE_SEATS = 50


def _paths(parent, count: int):
    """The next ``count`` child paths under ``parent`` (treebeard's base-36 steps)."""
    from wagtail.models import Page

    last = parent.get_last_child()
    start = int(last.path[-Page.steplen :], 36) + 1 if last else 1
    for number in range(start, start + count):
        step = ""
        value = number
        while value:
            value, digit = divmod(value, 36)
            step = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"[digit] + step
        yield parent.path + step.rjust(Page.steplen, "0")


def insert_pages(parent, pages: list) -> list:
    """Insert unsaved pages of one specific type as live children of ``parent``: the
    wagtailcore_page rows with bulk_create, then the specific rows in batches."""
    from django.db.models import F
    from django.utils import timezone
    from wagtail.models import Page

    if not pages:
        return pages
    model = type(pages[0])
    now = timezone.now()
    for page, path in zip(pages, _paths(parent, len(pages)), strict=True):
        page.path = path
        page.depth = parent.depth + 1
        page.numchild = 0
        page.live = True
        page.has_unpublished_changes = False
        page.first_published_at = page.last_published_at = now
        page.url_path = f"{parent.url_path}{page.slug}/"
        page.draft_title = page.title
        page.locale_id = parent.locale_id
    base_fields = [field for field in Page._meta.concrete_fields if not field.primary_key]
    bases = [Page(**{f.attname: getattr(page, f.attname) for f in base_fields}) for page in pages]
    Page.objects.bulk_create(bases, batch_size=500)
    for page, base in zip(pages, bases, strict=True):
        page.id = page.page_ptr_id = base.pk
    fields = model._meta.local_concrete_fields
    for start in range(0, len(pages), 100):
        model._base_manager._insert(pages[start : start + 100], fields=fields, raw=True)
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(pages))
    parent.refresh_from_db()
    return pages


def _index_of(model, language: str):
    return model.objects.get(locale__language_code=language, live=True)


def _title(rng) -> str:
    """One subject word and three everyday words."""
    return " ".join([rng.choice(WORDS), *rng.sample(FILLER, 3)]).capitalize()


def _text(rng, count: int) -> str:
    return " ".join(
        rng.choice(WORDS) if rng.random() < 0.01 else rng.choice(FILLER) for _ in range(count)
    )


def generate_news(count: int, seed: int = 7) -> int:
    from wagtail.rich_text import RichText
    from wagtail.search.backends import get_search_backend

    from qiao.news.models import NewsCategory, NewsIndexPage, NewsPage

    today = datetime.date(2026, 11, 1)
    created = 0
    for index in NewsIndexPage.objects.select_related("locale").filter(live=True):
        code = index.locale.language_code
        categories = list(NewsCategory.objects.filter(locale=index.locale))
        rng = random.Random(seed)
        pages = []
        for number in range(count):
            title = f"{_title(rng)} {number} ({code})"
            pages.append(
                NewsPage(
                    title=title,
                    slug=f"bench-{number}",
                    teaser=_text(rng, 30),
                    body=[("text", RichText(f"<p>{_text(rng, 120)}</p>"))],
                    date=today - datetime.timedelta(days=rng.randrange(3650)),
                    translation_key=uuid.UUID(int=number + 1),
                )
            )
        insert_pages(index, pages)
        if categories:
            through = NewsPage.categories.through
            through.objects.bulk_create(
                [
                    through(newspage_id=page.pk, newscategory_id=rng.choice(categories).pk)
                    for page in pages[::3]
                ],
                batch_size=1000,
            )
        get_search_backend().add_bulk(NewsPage, pages)
        created += len(pages)
    return created


def _event_page(rng, number: int, language: str, start, **facts):
    from wagtail.rich_text import RichText

    from qiao.events.models import EventPage

    title = f"{_title(rng)} {number} ({language})"
    return EventPage(
        title=title,
        slug=f"bench-event-{number}",
        teaser=_text(rng, 25),
        body=[("text", RichText(f"<p>{_text(rng, 80)}</p>"))],
        start=start,
        end=start + datetime.timedelta(hours=2),
        place="Aula, Adolph-Roemer-Straße 2A",
        translation_key=uuid.UUID(int=10**9 + number),
        **facts,
    )


def generate_events(count: int, registrations: int, seed: int = 11) -> dict:
    from django.utils import timezone

    from qiao.events.enums import (
        Affiliation,
        EventFormat,
        EventLanguage,
        EventType,
        ParticipationMode,
        RegistrationStatus,
    )
    from qiao.events.models import EventIndexPage, EventPage, Registration

    rng = random.Random(seed)
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    indexes = {code: _index_of(EventIndexPage, code) for code in ("de", "en", "zh-hans")}
    german, english, chinese = [], [], []
    for number in range(count):
        start = now + datetime.timedelta(days=rng.randrange(-3 * 365, 365), hours=rng.randrange(9))
        event_format = rng.choices(list(EventFormat.values), weights=(70, 15, 15))[0]
        facts = {
            "event_type": rng.choice(EventType.values),
            "event_format": event_format,
            "event_language": rng.choice(EventLanguage.values),
            "capacity_on_site": rng.randrange(20, 121)
            if event_format != EventFormat.ONLINE
            else None,
            "capacity_online": rng.randrange(50, 301)
            if event_format != EventFormat.ON_SITE
            else None,
        }
        german.append(_event_page(rng, number, "de", start, **facts))
        if number % 2 == 0:
            english.append(_event_page(rng, number, "en", start, **facts))
        if number % 4 == 0:
            chinese.append(_event_page(rng, number, "zh-hans", start, **facts))
    race = _event_page(
        rng,
        count,
        "de",
        now + datetime.timedelta(days=30),
        event_type=EventType.LECTURE,
        event_format=EventFormat.ON_SITE,
        event_language=EventLanguage.GERMAN,
        capacity_on_site=RACE_SEATS,
    )
    race.slug, race.title = RACE_EVENT_SLUG, "Bench: 200 registrations for 50 seats"
    insert_pages(indexes["de"], [*german, race])
    insert_pages(indexes["en"], english)
    insert_pages(indexes["zh-hans"], chinese)

    # Registrations (on the German, source, pages): confirmed while seats are left, then
    # waitlisted; one in ten cancelled.
    per_event = {event.pk: 0 for event in german}
    for event in rng.choices(german, k=registrations):
        per_event[event.pk] += 1
    rows = []
    number = 0
    for event in german:
        taken = {mode: 0 for mode in ParticipationMode.values}
        for _ in range(per_event[event.pk]):
            mode = rng.choice(event.participation_modes)
            stamp = event.start - datetime.timedelta(days=rng.randrange(1, 60))
            registration = Registration(
                event_id=event.pk,
                name=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
                email=f"teilnehmer-{number}@example.org",
                affiliation=rng.choice(Affiliation.values),
                participation_mode=mode,
                language=rng.choice(("de", "en", "zh-hans")),
                confirmed_at=stamp,
            )
            number += 1
            capacity = event.capacity_for(mode)
            if rng.random() < 0.1:
                registration.status = RegistrationStatus.CANCELLED
                registration.cancelled_at = stamp + datetime.timedelta(days=1)
            elif capacity is None or taken[mode] < capacity:
                registration.status = RegistrationStatus.CONFIRMED
                taken[mode] += 1
            else:
                registration.status = RegistrationStatus.WAITLISTED
                registration.waitlisted_at = stamp
            rows.append(registration)
    Registration.objects.bulk_create(rows, batch_size=2000)
    return {
        "events": EventPage.objects.count(),
        "events (de)": len(german) + 1,
        "events (en)": len(english),
        "events (zh)": len(chinese),
        "future events (de)": sum(event.start > now for event in german),
        "registrations": Registration.objects.count(),
        "race event": race.pk,
    }


def _programme_page(number: int, language: str):
    from qiao.mobility.enums import Direction, InstructionLanguage, ProgrammeType
    from qiao.mobility.models import ProgrammePage

    rng = random.Random(number)  # the same facts in every language
    return ProgrammePage(
        title=f"{_title(rng)} {number} ({language})",
        slug=f"bench-programme-{number}",
        programme_type=rng.choice(ProgrammeType.values),
        direction=rng.choice(Direction.values),
        partner_name=rng.choice(("Beihang University", "Sichuan University", "KUST")),
        city=rng.choice(("Peking", "Chengdu", "Kunming")),
        language=rng.choice(InstructionLanguage.values),
        duration="2 Wochen",
        teaser=_text(rng, 25),
        description=f"<p>{_text(rng, 100)}</p>",
        translation_key=uuid.UUID(int=2 * 10**9 + number),
    )


def generate_applications(programmes: int, applications: int, seed: int = 13) -> dict:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from qiao.mobility.enums import ApplicationStatus as S
    from qiao.mobility.models import Application, Call, ProgrammeIndexPage, ProgrammePage

    rng = random.Random(seed)
    now = timezone.now()
    indexes = {code: _index_of(ProgrammeIndexPage, code) for code in ("de", "en", "zh-hans")}
    german = insert_pages(
        indexes["de"], [_programme_page(number, "de") for number in range(programmes)]
    )
    insert_pages(indexes["en"], [_programme_page(number, "en") for number in range(programmes)])
    insert_pages(
        indexes["zh-hans"],
        [_programme_page(number, "zh-hans") for number in range(0, programmes, 2)],
    )
    calls = []
    for programme in german:
        year = rng.choice((2024, 2025))
        calls.append(
            Call(
                programme=programme,
                title_de=f"Ausschreibung {year}",
                title_en=f"Call {year}",
                opens_at=now - datetime.timedelta(days=400),
                closes_at=now - datetime.timedelta(days=300),
                places=rng.randrange(5, 31),
                required_documents=["cv", "motivation"],
            )
        )
        calls.append(
            Call(
                programme=programme,
                title_de="Ausschreibung 2027",
                title_en="Call 2027",
                opens_at=now - datetime.timedelta(days=10),
                closes_at=now + datetime.timedelta(days=50),
                places=rng.randrange(5, 31),
                required_documents=["cv", "motivation"],
            )
        )
    Call.objects.bulk_create(calls)
    # The demo's open calls get applications too (they have room for them).
    calls += list(Call.objects.open_at(now).exclude(pk__in=[call.pk for call in calls]))

    User = get_user_model()
    password = make_password("bench-applicant")
    users = User.objects.bulk_create(
        [
            User(
                username=f"bench-applicant-{number}",
                email=f"bewerber-{number}@example.org",
                first_name=rng.choice(FIRST_NAMES),
                last_name=rng.choice(LAST_NAMES),
                password=password,
            )
            for number in range(max(applications // 4, 1))
        ],
        batch_size=2000,
    )
    per_call = {call.pk: 0 for call in calls}
    for call in rng.choices(calls, k=applications):
        per_call[call.pk] += 1
    rows = []
    for call in calls:
        applicants = rng.sample(users, min(per_call[call.pk], len(users)))
        closed = call.closes_at <= now
        places = call.places
        waitlist = 0
        for applicant in applicants:
            if not closed:
                status = rng.choices((S.DRAFT, S.SUBMITTED), weights=(3, 7))[0]
            elif places > 0 and rng.random() < 0.3:
                status = rng.choices((S.OFFERED, S.ACCEPTED, S.COMPLETED), weights=(1, 2, 4))[0]
                places -= 1
            else:
                status = rng.choices(
                    (S.REJECTED, S.WAITLISTED, S.WITHDRAWN, S.DECLINED, S.UNDER_REVIEW),
                    weights=(10, 3, 2, 1, 1),
                )[0]
            application = Application(
                call=call,
                applicant=applicant,
                status=status,
                first_name=applicant.first_name,
                last_name=applicant.last_name,
                study_programme="Maschinenbau",
                motivation=_text(rng, 60),
                submitted_at=None if status == S.DRAFT else call.opens_at,
            )
            if status == S.WAITLISTED:
                waitlist += 1
                application.waitlist_position = waitlist
            rows.append(application)
    Application.objects.bulk_create(rows, batch_size=2000)
    return {
        "programmes (de)": ProgrammePage.objects.filter(locale__language_code="de").count(),
        "calls": Call.objects.count(),
        "applications": Application.objects.count(),
        "applicant accounts": len(users),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--news", type=int, default=10_000, help="news items per language")
    parser.add_argument("--events", type=int, default=2_000, help="German events")
    parser.add_argument("--registrations", type=int, default=50_000)
    parser.add_argument("--programmes", type=int, default=60, help="extra programmes")
    parser.add_argument("--applications", type=int, default=20_000)
    args = parser.parse_args()
    django.setup()
    from django.db import transaction

    result = {}
    timings = {}
    with transaction.atomic():
        began = time.monotonic()
        result["news items added"] = generate_news(args.news)
        timings["news"] = time.monotonic() - began
        began = time.monotonic()
        result.update(generate_events(args.events, args.registrations))
        timings["events"] = time.monotonic() - began
        began = time.monotonic()
        result.update(generate_applications(args.programmes, args.applications))
        timings["applications"] = time.monotonic() - began
    result["seconds"] = {key: round(value, 1) for key, value in timings.items()}
    print(json.dumps(result))


if __name__ == "__main__":
    main()
