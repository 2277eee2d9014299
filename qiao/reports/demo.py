"""Three earlier years of activity, so that the statistics and the funder report show a
trend: a lecture per year with its registrations, a past call per year with its
applications, advising appointments and a delegation visit. Built after every other app."""

import datetime
import random

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from qiao.advising.enums import BookingStatus, MeetingMode, PersonStatus
from qiao.advising.models import Advisor, Booking, Slot, Topic
from qiao.core.demo_tools import DemoContext, add_child
from qiao.events.enums import Affiliation, EventFormat, EventType, ParticipationMode
from qiao.events.models import EventPage, Registration
from qiao.mobility.enums import ApplicationStatus, Direction, DocumentType
from qiao.mobility.models import Application, Call, ProgrammePage
from qiao.partners.enums import VisitDirection
from qiao.partners.models import DelegationVisit

UTC = datetime.UTC
# Growth from year to year: participants, applications, appointments.
SIZES = [(38, 14, 24), (52, 19, 31), (67, 25, 40)]
NAMES = ["Lena", "Jonas", "Mia", "Paul", "Wang Fang", "Chen Jie", "Sofia", "Felix", "Liu Yang"]


def build(ctx: DemoContext) -> None:
    rng = random.Random(13)  # noqa: S311 - demo figures only
    this_year = timezone.localdate().year
    programme = (
        ProgrammePage.objects.filter(direction=Direction.OUTGOING, locale__language_code="de")
        .order_by("pk")
        .first()
    )
    for offset, (participants, applications, appointments) in zip((3, 2, 1), SIZES, strict=True):
        year = this_year - offset
        _past_lecture(ctx, year, participants, rng)
        if programme:
            _past_call(programme, year, applications, rng)
        _past_appointments(year, appointments, rng)
        DelegationVisit.objects.create(
            direction=VisitDirection.INCOMING if offset % 2 else VisitDirection.OUTGOING,
            title_de=f"Delegationsreise {year}",
            title_en=f"Delegation visit {year}",
            title_zh=f"{year}年代表团访问",
            starts_on=datetime.date(year, 5, 12),
            ends_on=datetime.date(year, 5, 15),
        )


def _past_lecture(ctx, year, participants, rng):
    start = datetime.datetime(year, 11, 18, 16, 0, tzinfo=UTC)
    event = add_child(
        ctx.pages["events"],
        EventPage(
            title=f"Jahresvortrag {year}: Hochschulkooperation mit China",
            slug=f"jahresvortrag-{year}",
            event_type=EventType.LECTURE,
            event_format=EventFormat.HYBRID,
            start=start,
            end=start + datetime.timedelta(hours=2),
            place="Aula",
            capacity_on_site=80,
            capacity_online=80,
        ),
    )
    affiliations = Affiliation.values
    Registration.objects.bulk_create(
        Registration(
            event=event,
            name=f"{rng.choice(NAMES)} {n}",
            email=f"lecture{year}-{n}@example.org",
            affiliation=rng.choice(affiliations),
            participation_mode=rng.choice(ParticipationMode.values),
            status="attended" if rng.random() < 0.8 else "confirmed",
            confirmed_at=start - datetime.timedelta(days=7),
        )
        for n in range(participants)
    )


def _past_call(programme, year, count, rng):
    call = Call.objects.create(
        programme=programme,
        title_de=f"Ausschreibung {year}",
        title_en=f"Call {year}",
        title_zh=f"{year}年招生",
        opens_at=datetime.datetime(year, 1, 10, tzinfo=UTC),
        closes_at=datetime.datetime(year, 3, 1, tzinfo=UTC),
        places=max(count // 3, 1),
        required_documents=[DocumentType.CV],
    )
    users = get_user_model().objects.bulk_create(
        get_user_model()(
            username=f"alumni-{year}-{n}",
            email=f"alumni-{year}-{n}@example.org",
            first_name=rng.choice(NAMES).split()[0],
            last_name=f"Alumni{n}",
            password=make_password(None),  # unusable: these people never sign in
        )
        for n in range(count)
    )
    statuses = [ApplicationStatus.COMPLETED] * call.places + [ApplicationStatus.REJECTED]
    Application.objects.bulk_create(
        Application(
            call=call,
            applicant=user,
            first_name=user.first_name,
            last_name=user.last_name,
            status=statuses[n] if n < len(statuses) else ApplicationStatus.REJECTED,
            submitted_at=datetime.datetime(year, 2, 1 + n % 27, 9, 0, tzinfo=UTC),
        )
        for n, user in enumerate(users)
    )


def _past_appointments(year, count, rng):
    topics = list(Topic.objects.order_by("pk"))
    advisors = list(Advisor.objects.order_by("pk"))
    if not topics or not advisors:
        return
    for n in range(count):
        starts_at = datetime.datetime(year, 1 + n % 12, 3 + n % 20, 9 + n % 6, 0, tzinfo=UTC)
        slot = Slot.objects.create(
            advisor=advisors[n % len(advisors)],
            topic=topics[n % len(topics)],
            starts_at=starts_at,
            ends_at=starts_at + datetime.timedelta(minutes=30),
            mode=MeetingMode.ONLINE if n % 3 == 0 else MeetingMode.IN_PERSON,
            room="" if n % 3 == 0 else "A 101",
            online_link="https://meet.example.org/beratung" if n % 3 == 0 else "",
        )
        Booking.objects.create(
            slot=slot,
            name=rng.choice(NAMES),
            email=f"advice{year}-{n}@example.org",
            person_status=rng.choice(PersonStatus.values),
            question="Fragen zum Austausch",
            status=BookingStatus.NO_SHOW if n % 7 == 0 else BookingStatus.ATTENDED,
        )
