"""Demo incoming group: a two-week summer school on mining and energy for students of
a Yunnan partner university, with a small roster and a timetable. The people are
invented for the demo."""

import datetime
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.utils import timezone

from qiao.core.demo_tools import DemoContext
from qiao.partners.models import Institution

from .enums import CohortType, ParticipantRole
from .models import Cohort, Participant, Session

BERLIN = ZoneInfo("Europe/Berlin")

PEOPLE = [
    ("王磊", "Wang Lei", "2003-03-14", ParticipantRole.STUDENT),
    ("李静", "Li Jing", "2002-11-02", ParticipantRole.STUDENT),
    ("张伟", "Zhang Wei", "2003-06-21", ParticipantRole.STUDENT),
    ("刘洋", "Liu Yang", "2004-01-09", ParticipantRole.STUDENT),
    ("陈敏", "Chen Min", "2003-08-30", ParticipantRole.STUDENT),
    ("杨帆", "Yang Fan", "2002-05-17", ParticipantRole.STUDENT),
    ("赵丽", "Zhao Li", "1985-09-12", ParticipantRole.LECTURER),
]

SESSIONS = [
    (0, 9, 12, "Begrüßung und Campusrundgang", "Aula"),
    (0, 14, 16, "Deutsch für den Alltag", "A 204"),
    (1, 9, 12, "Rohstoffe und Energiewende", "B 101"),
    (2, 9, 12, "Labor: Batteriematerialien", "Labor 3"),
    (3, 9, 16, "Exkursion: Besucherbergwerk", "Treffpunkt Haupteingang"),
    (4, 9, 12, "Abschluss und Präsentationen", "Aula"),
]


def build(ctx: DemoContext) -> None:
    partner = Institution.objects.filter(slug="kust").first() or Institution.objects.first()
    if partner is None:
        return
    today = timezone.localdate()
    start = today + datetime.timedelta(days=(7 - today.weekday()) % 7 + 21)  # a Monday
    cohort = Cohort.objects.create(
        title_de="Sommerschule Rohstoffe und Energie",
        title_en="Summer School Resources and Energy",
        title_zh="资源与能源暑期学校",
        partner=partner,
        type=CohortType.SUMMER_SCHOOL,
        starts_on=start,
        ends_on=start + datetime.timedelta(days=13),
        partner_coordinator_name="周老师 (Zhou Hong)",
        partner_coordinator_email="international@example.cn",
        capacity=25,
        attendance_rule=80,
        hours=60,
        ects=3,
        location="Clausthal-Zellerfeld",
        practical_info_de=(
            "Unterkunft: Gästehaus am Campus, Zimmer mit eigenem Bad.\n"
            "Abholung: am Anreisetag ab 14 Uhr am Bahnhof Goslar."
        ),
        practical_info_en=(
            "Accommodation: the guest house on campus, rooms with their own bathroom.\n"
            "Pick-up: on the day of arrival from 2 pm at Goslar station."
        ),
        practical_info_zh="住宿：校园招待所，房间带独立卫生间。\n接站：到达当天下午2点起在戈斯拉尔火车站。",
    )
    admin = get_user_model().objects.filter(username="admin").first()
    if admin is not None:
        cohort.coordinators.add(admin)
    Participant.objects.bulk_create(
        Participant(
            cohort=cohort,
            name_zh=name_zh,
            name_pinyin=pinyin,
            passport_name=pinyin.upper(),
            date_of_birth=datetime.date.fromisoformat(birthday),
            email=f"{pinyin.lower().replace(' ', '.')}@example.cn",
            role=role,
        )
        for name_zh, pinyin, birthday, role in PEOPLE
    )
    for day, begin, end, title, room in SESSIONS:
        date = start + datetime.timedelta(days=day)
        Session.objects.create(
            cohort=cohort,
            starts_at=datetime.datetime.combine(date, datetime.time(begin), BERLIN),
            ends_at=datetime.datetime.combine(date, datetime.time(end), BERLIN),
            title=title,
            room=room,
        )
    ctx.log.append(f"Incoming group {cohort.title_en} with {len(PEOPLE)} participants.")
