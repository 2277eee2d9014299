"""Demo events in German, English and Chinese: China Week 2026 as a series with sessions,
a hybrid lecture with a waitlist, a summer workshop and the first hybrid China Week of 2022
in the archive. Times are relative to today, so the upcoming ones stay upcoming."""

import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone
from wagtail.rich_text import RichText

from qiao.core.demo_tools import DemoContext, add_child, translate

from . import services
from .enums import (
    EventFormat,
    EventLanguage,
    EventType,
    ParticipationMode,
    QuestionKind,
    RegistrationMode,
    RegistrationStatus,
)
from .models import EventIndexPage, EventPage, EventSession, Registration, RegistrationQuestion

BERLIN = ZoneInfo("Europe/Berlin")
AULA = "Aula Academica"
AULA_ADDRESS = "Adolph-Roemer-Straße 2a\n38678 Clausthal-Zellerfeld"

INDEX = {
    "de": (
        "Veranstaltungen",
        "veranstaltungen",
        "Vorträge, Seminare, Workshops, Kultur und die "
        "jährliche China-Woche. Die Teilnahme ist kostenlos; bitte melden Sie sich an.",
    ),
    "en": (
        "Events",
        "events",
        "Lectures, seminars, workshops, culture and the yearly China Week. "
        "Taking part is free; please register.",
    ),
    "zh-hans": (
        "活动",
        "huodong",
        "讲座、研讨会、工作坊、文化活动以及一年一度的“中国周”。活动免费，请提前报名。",
    ),
}


def _at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=BERLIN)


def build(ctx: DemoContext) -> None:
    index = _index(ctx)
    today = timezone.localdate()
    _china_week_2026(ctx, index, today + datetime.timedelta(days=14))
    _hybrid_lecture(index, today + datetime.timedelta(days=7))
    _summer_workshop(index, datetime.date(today.year + 1, 6, 17))
    _china_week_2022(index)


def _index(ctx: DemoContext) -> dict:
    title, slug, intro = INDEX["de"]
    german = add_child(
        ctx.homes["de"],
        EventIndexPage(
            title=title,
            slug=slug,
            intro=intro,
            show_in_menus=True,
            privacy_page=ctx.pages.get("privacy"),
        ),
    )
    pages = {"de": german}
    for code in ("en", "zh-hans"):
        title, slug, intro = INDEX[code]
        privacy = ctx.pages.get("privacy")
        translated_privacy = privacy.get_translation_or_none(ctx.locale(code)) if privacy else None
        pages[code] = translate(
            german,
            code,
            title=title,
            slug=slug,
            intro=intro,
            privacy_page=translated_privacy or privacy,
        )
    ctx.pages["events"] = german
    return pages


def _event(index: dict, texts: dict, **fields) -> EventPage:
    title, slug, teaser, body = texts["de"]
    german = add_child(
        index["de"],
        EventPage(title=title, slug=slug, teaser=teaser, body=[("text", RichText(body))], **fields),
    )
    for code in ("en", "zh-hans"):
        if code in texts:
            title, slug, teaser, body = texts[code]
            translate(
                german, code, title=title, slug=slug, teaser=teaser, body=[("text", RichText(body))]
            )
    return german


CHINA_WEEK = {
    "de": (
        "China-Woche 2026",
        "china-woche-2026",
        "Vier Tage mit Vorträgen, einem Tag der Studierenden und Kultur – in der Aula und online.",
        "<p>Seit 2018 lädt das Zentrum jedes Jahr zur China-Woche ein. Sie können sich für die "
        "ganze Woche oder für einzelne Programmpunkte anmelden, vor Ort in der Aula Academica "
        "oder online.</p>",
    ),
    "en": (
        "China Week 2026",
        "china-week-2026",
        "Four days of lectures, a students' day and culture, in the Aula and online.",
        "<p>The centre has held a China Week every year since 2018. Register for the sessions "
        "you want to attend, on site in the Aula Academica or online.</p>",
    ),
    "zh-hans": (
        "2026年中国周",
        "zhongguo-zhou-2026",
        "为期四天的讲座、学生日和文化活动，线下在大礼堂举行，同时线上直播。",
        "<p>自2018年起，中心每年举办“中国周”。您可以选择参加的场次，线下在大礼堂或线上参加。</p>",
    ),
}

SESSIONS = [
    # day offset, start, end, German, English, Chinese, seats on site, places online
    (
        0,
        (10, 0),
        (12, 0),
        "Eröffnung und Festvortrag: 20 Jahre Hochschulkooperation mit Yunnan",
        "Opening and keynote: twenty years of university cooperation with Yunnan",
        "开幕式与主旨演讲：与云南高校合作二十年",
        120,
        200,
    ),
    (
        0,
        (14, 0),
        (16, 0),
        "Vortrag: Saubere Energie – Forschung in China und Deutschland",
        "Lecture: clean energy research in China and Germany",
        "讲座：中德清洁能源研究",
        80,
        200,
    ),
    (
        1,
        (9, 30),
        (16, 0),
        "Tag der Studierenden: Erfahrungsberichte und Beratung zum Austausch",
        "Students' day: stories from exchange students and advice",
        "学生日：交换生经验分享与咨询",
        30,
        30,
    ),
    (
        2,
        (16, 0),
        (18, 0),
        "Intelligente Fertigung: Podiumsdiskussion mit Partnerhochschulen",
        "Intelligent manufacturing: panel with partner universities",
        "智能制造：与合作高校的圆桌讨论",
        60,
        150,
    ),
    (
        3,
        (18, 0),
        (21, 0),
        "Kulturabend: Teezeremonie, Kalligrafie und Musik",
        "Cultural evening: tea ceremony, calligraphy and music",
        "文化之夜：茶艺、书法与音乐",
        40,
        None,
    ),
]


def _china_week_2026(ctx, index, first_day: datetime.date) -> None:
    event = _event(
        index,
        CHINA_WEEK,
        event_type=EventType.CHINA_WEEK,
        event_format=EventFormat.HYBRID,
        event_language=EventLanguage.MULTILINGUAL,
        start=_at(first_day, 10),
        end=_at(first_day + datetime.timedelta(days=3), 21),
        place=AULA,
        address=AULA_ADDRESS,
        online_link="https://meet.example.org/china-woche-2026",
        speakers="Leitung des China-Kompetenzzentrums\nGäste der Kunming University of Science "
        "and Technology",
        registration_mode=RegistrationMode.SESSIONS,
        registration_deadline=_at(first_day - datetime.timedelta(days=2), 23, 59),
    )
    sessions = []
    for offset, start, end, german, english, chinese, on_site, online in SESSIONS:
        day = first_day + datetime.timedelta(days=offset)
        sessions.append(
            EventSession.objects.create(
                event=event,
                title_de=german,
                title_en=english,
                title_zh=chinese,
                start=_at(day, *start),
                end=_at(day, *end),
                place=AULA,
                capacity_on_site=on_site,
                capacity_online=online,
            )
        )
    RegistrationQuestion.objects.create(
        event=event,
        label_de="Möchten Sie am gemeinsamen Abendessen teilnehmen?",
        label_en="Would you like to join the dinner?",
        label_zh="您是否参加晚餐？",
        kind=QuestionKind.YES_NO,
        sort_order=1,
    )
    RegistrationQuestion.objects.create(
        event=event,
        label_de="In welcher Sprache möchten Sie die Unterlagen erhalten?",
        label_en="In which language would you like the handouts?",
        label_zh="您希望收到哪种语言的资料？",
        kind=QuestionKind.CHOICE,
        choices_de="Deutsch\nEnglisch\nChinesisch",
        choices_en="German\nEnglish\nChinese",
        choices_zh="德语\n英语\n中文",
        is_required=True,
        sort_order=2,
    )
    students_day = sessions[2]
    people = [
        ("Lena Hoffmann", "lena.hoffmann@example.org", "student", ParticipationMode.ON_SITE, "de"),
        ("Wang Fang", "wang.fang@example.org", "partner", ParticipationMode.ONLINE, "zh-hans"),
        ("Jonas Becker", "jonas.becker@example.org", "student", ParticipationMode.ON_SITE, "de"),
        ("Emily Clarke", "emily.clarke@example.org", "external", ParticipationMode.ONLINE, "en"),
    ]
    for name, email, affiliation, mode, language in people:
        registration = services.register_for_event(
            event,
            name=name,
            email=email,
            affiliation=affiliation,
            institution="Kunming University of Science and Technology"
            if affiliation == "partner"
            else "",
            participation_mode=mode,
            language=language,
            sessions=[sessions[0], students_day],
            answers={},
        )
        services.confirm_registration(registration)


LECTURE = {
    "de": (
        "Hybridvortrag: Studieren und Forschen in China heute",
        "vortrag-studieren-forschen-china",
        "Ein Abendvortrag mit Fragerunde – in der Aula oder per Videokonferenz.",
        "<p>Wie sieht der Hochschulalltag an unseren Partneruniversitäten aus? Der Vortrag "
        "gibt einen Überblick und beantwortet Fragen zu Austausch, Visum und Finanzierung.</p>",
    ),
    "en": (
        "Hybrid lecture: studying and researching in China today",
        "lecture-studying-researching-china",
        "An evening lecture with questions, in the Aula or by video conference.",
        "<p>What is university life like at our partner universities? The lecture gives an "
        "overview and answers questions on exchange, visas and funding.</p>",
    ),
    "zh-hans": (
        "混合式讲座：今日在中国学习与科研",
        "jiangzuo-zai-zhongguo-xuexi-keyan",
        "晚间讲座及问答环节，可在大礼堂现场或通过视频会议参加。",
        "<p>合作高校的校园生活是什么样的？讲座将介绍概况，并解答有关交流、签证和资助的问题。</p>",
    ),
}


def _hybrid_lecture(index, day: datetime.date) -> None:
    event = _event(
        index,
        LECTURE,
        event_type=EventType.LECTURE,
        event_format=EventFormat.HYBRID,
        event_language=EventLanguage.GERMAN,
        start=_at(day, 18),
        end=_at(day, 19, 30),
        place=AULA,
        address=AULA_ADDRESS,
        online_link="https://meet.example.org/vortrag-china",
        speakers="Prof. Dr. Li Ming, Kunming University of Science and Technology",
        capacity_on_site=3,
        capacity_online=40,
        registration_deadline=_at(day, 12),
    )
    people = [
        ("Anna Schulz", "anna.schulz@example.org", "student", ParticipationMode.ON_SITE, "de"),
        ("Zhang Wei", "zhang.wei@example.org", "staff", ParticipationMode.ON_SITE, "zh-hans"),
        ("Tom Richter", "tom.richter@example.org", "external", ParticipationMode.ON_SITE, "de"),
        ("Sara Novak", "sara.novak@example.org", "student", ParticipationMode.ON_SITE, "en"),
        ("Paul Meyer", "paul.meyer@example.org", "student", ParticipationMode.ON_SITE, "de"),
        ("Liu Yang", "liu.yang@example.org", "partner", ParticipationMode.ONLINE, "zh-hans"),
    ]
    for name, email, affiliation, mode, language in people:
        registration = services.register_for_event(
            event,
            name=name,
            email=email,
            affiliation=affiliation,
            institution="Chengdu University" if affiliation == "partner" else "",
            participation_mode=mode,
            language=language,
        )
        services.confirm_registration(registration)
    services.register_for_event(
        event,
        name="Max Vogel",
        email="max.vogel@example.org",
        affiliation="student",
        participation_mode=ParticipationMode.ONLINE,
        language="de",
    )


WORKSHOP = {
    "de": (
        "Workshop: Interkulturelle Kommunikation mit chinesischen Partnern",
        "workshop-interkulturelle-kommunikation",
        "Ein halbtägiger Workshop für Studierende und Beschäftigte vor einem Aufenthalt in China.",
        "<p>Wie schreibt man eine erste E-Mail an eine Partnerhochschule, wie verläuft ein "
        "Besuch? Übungen in kleinen Gruppen.</p>",
    ),
    "en": (
        "Workshop: intercultural communication with Chinese partners",
        "workshop-intercultural-communication",
        "A half-day workshop for students and staff before a stay in China.",
        "<p>How do you write a first e-mail to a partner university, how does a visit go? "
        "Exercises in small groups.</p>",
    ),
}


def _summer_workshop(index, day: datetime.date) -> None:
    _event(
        index,
        WORKSHOP,
        event_type=EventType.WORKSHOP,
        event_format=EventFormat.ON_SITE,
        event_language=EventLanguage.ENGLISH,
        start=_at(day, 9),
        end=_at(day, 13),
        place="Hauptgebäude, Raum 204",
        address="Adolph-Roemer-Straße 2a\n38678 Clausthal-Zellerfeld",
        capacity_on_site=16,
    )


CHINA_WEEK_2022 = {
    "de": (
        "China-Woche 2022 (hybrid)",
        "china-woche-2022",
        "Die erste hybride China-Woche: etwa 60 Teilnehmende am Tag der Studierenden.",
        "<p>2022 fand die China-Woche erstmals hybrid statt – zur Hälfte in der Aula Academica, "
        "zur Hälfte online.</p>",
    ),
    "en": (
        "China Week 2022 (hybrid)",
        "china-week-2022",
        "The first hybrid China Week: about 60 people on the students' day.",
        "<p>In 2022 the China Week was held in hybrid form for the first time, half in the "
        "Aula Academica and half online.</p>",
    ),
    "zh-hans": (
        "2022年中国周（混合式）",
        "zhongguo-zhou-2022",
        "首届混合式中国周：学生日约有60人参加。",
        "<p>2022年中国周首次以线上线下相结合的方式举办，一半参与者在大礼堂，一半在线参加。</p>",
    ),
}


def _china_week_2022(index) -> None:
    first_day = datetime.date(2022, 10, 17)
    event = _event(
        index,
        CHINA_WEEK_2022,
        event_type=EventType.CHINA_WEEK,
        event_format=EventFormat.HYBRID,
        event_language=EventLanguage.MULTILINGUAL,
        start=_at(first_day, 10),
        end=_at(first_day + datetime.timedelta(days=4), 18),
        place=AULA,
        address=AULA_ADDRESS,
        capacity_on_site=30,
        capacity_online=30,
    )
    students_day = _at(first_day + datetime.timedelta(days=2), 9, 30)
    EventSession.objects.create(
        event=event,
        title_de="Tag der Studierenden",
        title_en="Students' day",
        title_zh="学生日",
        start=students_day,
        end=students_day + datetime.timedelta(hours=6),
        place=AULA,
    )
    # A past event's records are history: they are written as they ended, not replayed.
    for number in range(60):
        mode = ParticipationMode.ON_SITE if number % 2 else ParticipationMode.ONLINE
        Registration.objects.create(
            event=event,
            name=f"Teilnehmende {number + 1}",
            email=f"china-woche-2022-{number + 1}@example.org",
            affiliation="student",
            participation_mode=mode,
            language="de",
            status=RegistrationStatus.ATTENDED if number < 56 else RegistrationStatus.CANCELLED,
            confirmed_at=students_day - datetime.timedelta(days=10),
            attended_at=students_day if number < 56 else None,
        )
