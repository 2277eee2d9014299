"""Demo advising: an index page with five topics in three languages, two advisors with
weekly hours, a week of slots from today and some bookings."""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.rich_text import RichText

from qiao.core.demo_tools import DemoContext, add_child, translate

from .demo_texts import INDEX, TOPICS
from .enums import BookingStatus, MeetingMode, PersonStatus
from .models import (
    AdvisingIndexPage,
    AdvisingTopicPage,
    Advisor,
    AvailabilityRule,
    Booking,
    Slot,
    Topic,
)
from .services import generate_slots

ROOM = "Raum 1.05, China-Kompetenzzentrum"
ONLINE = "https://meet.example.org/qiao-beratung"


def build(ctx: DemoContext) -> None:
    topics = _topics_and_pages(ctx)
    advisors = _advisors()
    today = timezone.localdate()
    _weekly_hours(advisors, topics, today)
    generate_slots(start=today, end=today + datetime.timedelta(days=7))
    _bookings(advisors, topics, today)


def _topics_and_pages(ctx: DemoContext) -> dict:
    title, slug, intro = INDEX["de"]
    index = add_child(
        ctx.homes["de"],
        AdvisingIndexPage(title=title, slug=slug, intro=intro, show_in_menus=True),
    )
    for code in ("en", "zh-hans"):
        title, slug, intro = INDEX[code]
        translate(index, code, title=title, slug=slug, intro=intro)
    ctx.pages["advising"] = index
    topics = {}
    for number, item in enumerate(TOPICS):
        name_de, name_en, name_zh = item["names"]
        topic = Topic.objects.create(
            slug=item["slug"],
            name_de=name_de,
            name_en=name_en,
            name_zh=name_zh,
            slot_minutes=item["minutes"],
            sort_order=number,
        )
        topics[item["slug"]] = topic
        title, slug, intro, body = item["de"]
        page = add_child(
            index,
            AdvisingTopicPage(
                title=title, slug=slug, intro=intro, topic=topic, body=[("text", RichText(body))]
            ),
        )
        for code in ("en", "zh-hans"):
            title, slug, intro, body = item[code]
            translate(
                page, code, title=title, slug=slug, intro=intro, body=[("text", RichText(body))]
            )
    return topics


def _advisors() -> list[Advisor]:
    User = get_user_model()
    advisors = []
    for username, first, last in (("berger", "Anna", "Berger"), ("zhou", "Zhou", "Lin")):
        user = User.objects.create(
            username=f"advisor-{username}",
            email=f"{username}@example.org",
            first_name=first,
            last_name=last,
            is_staff=True,
        )
        user.set_unusable_password()
        user.save(update_fields=["password"])
        advisors.append(Advisor.objects.create(user=user, name=f"{first} {last}", email=user.email))
    return advisors


def _weekly_hours(advisors, topics, today) -> None:
    berger, zhou = advisors
    hours = [
        (berger, "visa", 0, 10, 12, MeetingMode.IN_PERSON),
        (berger, "visa", 2, 14, 16, MeetingMode.IN_PERSON),
        (berger, "insurance-health", 3, 10, 11, MeetingMode.IN_PERSON),
        (berger, "living-in-china", 4, 9, 11, MeetingMode.ONLINE),
        (zhou, "funding", 1, 9, 11, MeetingMode.ONLINE),
        (zhou, "programme-choice", 3, 13, 16, MeetingMode.IN_PERSON),
        (zhou, "visa", 4, 8, 10, MeetingMode.ONLINE),
    ]
    for advisor, topic, weekday, start, end, mode in hours:
        AvailabilityRule.objects.create(
            advisor=advisor,
            topic=topics[topic],
            weekday=weekday,
            start_time=datetime.time(start),
            end_time=datetime.time(end),
            valid_from=today,
            mode=mode,
            room=ROOM if mode == MeetingMode.IN_PERSON else "",
            online_link=ONLINE if mode == MeetingMode.ONLINE else "",
        )


PEOPLE = [
    (
        "Li Wei",
        "li.wei@example.org",
        PersonStatus.STUDENT,
        "zh-hans",
        "我下学期去成都大学交流，需要办理哪种签证？",
    ),
    (
        "Jonas Krüger",
        "jonas.krueger@example.org",
        PersonStatus.STUDENT,
        "de",
        "Ich möchte im Sommer an die Beihang University. Welches Visum brauche ich?",
    ),
    (
        "Dr. Maria Santos",
        "m.santos@example.org",
        PersonStatus.STAFF,
        "en",
        "Which scholarships exist for a research stay of two months?",
    ),
]


def _bookings(advisors, topics, today) -> None:
    now = timezone.now()
    for (name, email, status, language, question), topic in zip(
        PEOPLE, ("visa", "visa", "funding"), strict=True
    ):
        slot = (
            Slot.objects.filter(topic=topics[topic], starts_at__gt=now + datetime.timedelta(days=1))
            .exclude(bookings__status=BookingStatus.CONFIRMED)
            .order_by("starts_at")
            .first()
        )
        if slot is not None:
            Booking.objects.create(
                slot=slot,
                name=name,
                email=email,
                person_status=status,
                question=question,
                language=language,
                status=BookingStatus.CONFIRMED,
                status_changed_at=now,
            )
    # Yesterday's meetings, for the back office: one attended with a note, one no-show.
    yesterday = datetime.datetime.combine(
        today - datetime.timedelta(days=1),
        datetime.time(10),
        tzinfo=timezone.get_current_timezone(),
    )
    for minutes, (name, status, note) in zip(
        (0, 30),
        (
            ("Chen Jing", BookingStatus.ATTENDED, "Visum X1 besprochen; JW202 fehlt noch."),
            ("Paul Schmidt", BookingStatus.NO_SHOW, ""),
        ),
        strict=True,
    ):
        starts_at = yesterday + datetime.timedelta(minutes=minutes)
        slot = Slot.objects.create(
            advisor=advisors[0],
            topic=topics["visa"],
            starts_at=starts_at,
            ends_at=starts_at + datetime.timedelta(minutes=30),
            mode=MeetingMode.IN_PERSON,
            room=ROOM,
        )
        Booking.objects.create(
            slot=slot,
            name=name,
            email=f"{name.split()[0].lower()}@example.org",
            person_status=PersonStatus.STUDENT,
            question="Visum für ein Semester in Kunming",
            language="de",
            status=status,
            status_changed_at=now,
            staff_note=note,
        )
