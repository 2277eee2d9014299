import datetime

import factory
from django.utils import timezone

from qiao.events.enums import EventFormat, EventType, ParticipationMode
from qiao.events.models import EventIndexPage, EventPage, EventSession, RegistrationQuestion
from qiao.events.services import register_for_event


def make_index(home, **fields) -> EventIndexPage:
    index = EventIndexPage(title="Veranstaltungen", slug="veranstaltungen", **fields)
    home.add_child(instance=index)
    index.save_revision().publish()
    return index


def make_event(index, *, days_ahead=30, **fields) -> EventPage:
    start = timezone.now() + datetime.timedelta(days=days_ahead)
    defaults = {
        "title": "Vortrag über Chinas Hochschulen",
        "slug": f"vortrag-{EventPage.objects.count() + 1}",
        "event_type": EventType.LECTURE,
        "event_format": EventFormat.ON_SITE,
        "start": start,
        "end": start + datetime.timedelta(hours=2),
        "place": "Aula Academica",
        "address": "Adolph-Roemer-Straße 2a, 38678 Clausthal-Zellerfeld",
        "capacity_on_site": 50,
    }
    defaults.update(fields)
    event = EventPage(**defaults)
    index.add_child(instance=event)
    event.save_revision().publish()
    return EventPage.objects.get(pk=event.pk)


class EventSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventSession

    title_de = factory.Sequence(lambda n: f"Sitzung {n}")
    title_en = factory.Sequence(lambda n: f"Session {n}")
    start = factory.LazyAttribute(lambda o: o.event.start)
    end = factory.LazyAttribute(lambda o: o.event.start + datetime.timedelta(hours=1))


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RegistrationQuestion

    label_de = "Essen Sie vegetarisch?"
    label_en = "Are you vegetarian?"
    kind = "yes_no"


def register(event, email="ana@example.org", **kwargs):
    defaults = {
        "name": "Ana Example",
        "affiliation": "student",
        "participation_mode": ParticipationMode.ON_SITE,
        "language": "en",
    }
    defaults.update(kwargs)
    return register_for_event(event, email=email, **defaults)
