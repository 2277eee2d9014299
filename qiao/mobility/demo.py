"""Demo programmes, calls and applications: the Beihang winter school (places raised from
10 to 14, 32 applications), the Sichuan summer school (open now), and the incoming
further-training programme for KUST lecturers. Names are invented; e-mails example.org."""

import datetime
import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from qiao.core.demo_tools import DemoContext, add_child, translate

from . import experience, funding, services
from .enums import ApplicationStatus, DocumentType, GrantStatus, LanguageLevel, ReportStatus
from .models import (
    Application,
    Call,
    CallQuestion,
    ExperienceReport,
    ProgrammeIndexPage,
    ProgrammePage,
    Review,
    StatusChange,
)

S = ApplicationStatus

INDEX = {
    "de": (
        "Austauschprogramme",
        "programme",
        "Summer und Winter Schools, Austausch und "
        "Weiterbildung mit unseren Partnern in China – hier finden Sie alle Angebote.",
    ),
    "en": (
        "Exchange programmes",
        "programmes",
        "Summer and winter schools, exchanges and "
        "further training with our partners in China: every offer in one place.",
    ),
    "zh-hans": (
        "交流项目",
        "jiaoliu-xiangmu",
        "与中国合作伙伴开展的暑期学校、冬季学校、交流和进修项目一览。",
    ),
}

PROGRAMMES = [
    {
        "key": "beihang",
        "facts": {
            "programme_type": "winter_school",
            "direction": "outgoing",
            "partner_name": "Beihang University",
            "language": "en",
        },
        "partner_lookup": "Beihang",
        "de": {
            "title": "Winter School an der Beihang University",
            "slug": "winter-school-beihang",
            "city": "Peking",
            "province": "Peking",
            "duration": "12 Tage",
            "teaser": "Zwölf Tage Technik, Sprache und Alltag in Peking – Flug und Visum zahlt das "
            "Zentrum.",
            "body": "<p>Die Beihang University gehört zu den führenden technischen Universitäten "
            "Chinas. In der Winter School besuchen Sie Fachvorlesungen, Labore und Unternehmen und "
            "lernen Peking mit chinesischen Studierenden kennen.</p>",
            "costs": "<p>Unterkunft und Verpflegung tragen Sie selbst; die Partneruniversität "
            "hilft bei der Suche nach einem Zimmer.</p>",
            "funding": "<p>Das Zentrum übernimmt Flug und Visum aus Mitteln des BMBF.</p>",
            "eligibility": "<p>Studierende aller Fakultäten ab dem dritten Semester mit guten "
            "Englischkenntnissen.</p>",
            "required_documents": "<p>Lebenslauf, Notenübersicht, Motivationsschreiben.</p>",
            "report": (
                "Jonas, Maschinenbau",
                2018,
                "Die zwei Wochen in Peking haben meinen Blick "
                "auf China völlig verändert – besonders die Gespräche in den Laboren.",
            ),
        },
        "en": {
            "title": "Winter School at Beihang University",
            "slug": "winter-school-beihang",
            "city": "Beijing",
            "province": "Beijing",
            "duration": "12 days",
            "teaser": "Twelve days of engineering, language and everyday life in Beijing; the "
            "centre pays flight and visa.",
            "body": "<p>Beihang University is one of China's leading technical universities. The "
            "winter school combines lectures, lab and company visits, and time in Beijing with "
            "Chinese students.</p>",
            "costs": "<p>You pay for board and lodging; the partner helps you find a room.</p>",
            "funding": "<p>The centre pays flight and visa from BMBF funds.</p>",
            "eligibility": "<p>Students of every faculty from the third semester on, with good "
            "English.</p>",
            "required_documents": "<p>CV, transcript of records, motivation letter.</p>",
            "report": (
                "Jonas, mechanical engineering",
                2018,
                "Two weeks in Beijing changed how I see China, above all the talks in the labs.",
            ),
        },
        "zh-hans": {
            "title": "北京航空航天大学冬季学校",
            "slug": "beihang-dongji-xuexiao",
            "city": "北京",
            "province": "北京",
            "duration": "12天",
            "teaser": "在北京体验十二天的工程、语言与日常生活；机票和签证由中心承担。",
            "body": "<p>北京航空航天大学是中国一流的理工科大学之一。冬季学校包括专业讲座、实验室和"
            "企业参观，并与中国学生一起感受北京。</p>",
            "costs": "<p>食宿费用自理；合作高校协助寻找住处。</p>",
            "funding": "<p>中心以联邦教研部资金承担机票和签证费用。</p>",
            "eligibility": "<p>各院系三年级及以上、英语良好的学生。</p>",
            "required_documents": "<p>简历、成绩单、动机信。</p>",
            "report": (
                "Jonas，机械工程",
                2018,
                "在北京的两周彻底改变了我对中国的看法，尤其是在实验室里的交流。",
            ),
        },
    },
    {
        "key": "sichuan",
        "facts": {
            "programme_type": "summer_school",
            "direction": "outgoing",
            "partner_name": "Sichuan University",
            "language": "mixed",
        },
        "partner_lookup": "Sichuan",
        "de": {
            "title": "Summer School an der Sichuan University",
            "slug": "summer-school-sichuan",
            "city": "Chengdu",
            "province": "Sichuan",
            "duration": "3 Wochen",
            "teaser": "Drei Wochen Sprache, Kultur und Forschung in Chengdu.",
            "body": "<p>Sprachkurs am Vormittag, Fachprogramm und Exkursionen am Nachmittag. Die "
            "Nachfrage ist groß: Es bewerben sich regelmäßig mehr Studierende, als Plätze da "
            "sind.</p>",
            "costs": "<p>Studiengebühren entfallen; Unterkunft im Gästehaus der Universität.</p>",
            "funding": "<p>Reisekostenzuschuss und Hilfe beim Visum durch das Zentrum.</p>",
            "eligibility": "<p>Studierende aller Fächer; Chinesischkenntnisse sind willkommen, "
            "aber keine Bedingung.</p>",
            "required_documents": "<p>Lebenslauf, Motivationsschreiben, Passkopie.</p>",
            "report": (
                "Lea, Geoinformatik",
                2019,
                "Morgens Chinesisch, nachmittags Labor, abends "
                "Hotpot – ich würde sofort wieder fahren.",
            ),
        },
        "en": {
            "title": "Summer School at Sichuan University",
            "slug": "summer-school-sichuan",
            "city": "Chengdu",
            "province": "Sichuan",
            "duration": "3 weeks",
            "teaser": "Three weeks of language, culture and research in Chengdu.",
            "body": "<p>Language classes in the morning, subject programme and excursions in the "
            "afternoon. Demand is high: more students apply than there are places.</p>",
            "costs": "<p>No tuition fees; rooms in the university guest house.</p>",
            "funding": "<p>A travel grant and help with the visa from the centre.</p>",
            "eligibility": "<p>Students of every subject; Chinese is welcome but not required.</p>",
            "required_documents": "<p>CV, motivation letter, passport copy.</p>",
            "report": (
                "Lea, geoinformatics",
                2019,
                "Chinese in the morning, the lab in the "
                "afternoon, hotpot at night: I would go again at once.",
            ),
        },
        "zh-hans": {
            "title": "四川大学暑期学校",
            "slug": "sichuan-shuqi-xuexiao",
            "city": "成都",
            "province": "四川",
            "duration": "3周",
            "teaser": "在成都度过三周，学习语言、了解文化、参与科研。",
            "body": "<p>上午学习汉语，下午参加专业课程和参观考察。"
            "项目很受欢迎，申请人数常常多于名额。</p>",
            "costs": "<p>免学费；住宿安排在学校招待所。</p>",
            "funding": "<p>中心提供旅费补助并协助办理签证。</p>",
            "eligibility": "<p>各专业学生均可申请；懂汉语更好，但不是必要条件。</p>",
            "required_documents": "<p>简历、动机信、护照复印件。</p>",
            "report": (
                "Lea，地理信息学",
                2019,
                "上午学中文，下午进实验室，晚上吃火锅——我愿意马上再去一次。",
            ),
        },
    },
    {
        "key": "kust",
        "facts": {
            "programme_type": "staff_training",
            "direction": "incoming",
            "partner_name": "Kunming University of Science and Technology",
            "language": "de",
        },
        "partner_lookup": "Kunming",
        "de": {
            "title": "Weiterbildung für Lehrende der KUST",
            "slug": "weiterbildung-kust",
            "city": "Kunming",
            "province": "Yunnan",
            "duration": "6 Wochen",
            "teaser": "Sechs Wochen Lehre, Labor und Hochschuldidaktik für 21 Lehrende aus "
            "Kunming.",
            "body": "<p>Im Rahmen der Partnerschaft mit der Provinz Yunnan kommen Lehrende der "
            "Kunming University of Science and Technology für sechs Wochen an die Universität. Sie "
            "hospitieren in Lehrveranstaltungen, arbeiten in Instituten mit und besuchen "
            "Unternehmen der Region.</p>",
            "costs": "<p>Die Reisekosten trägt die entsendende Universität.</p>",
            "funding": "<p>Das Zentrum organisiert Unterkunft, Betreuung und Programm.</p>",
            "eligibility": "<p>Lehrende der KUST, benannt von ihrer Universität.</p>",
            "required_documents": "<p>Lebenslauf und Passkopie.</p>",
        },
        "en": {
            "title": "Further training for KUST lecturers",
            "slug": "further-training-kust",
            "city": "Kunming",
            "province": "Yunnan",
            "duration": "6 weeks",
            "teaser": "Six weeks of teaching, labs and didactics for 21 lecturers from Kunming.",
            "body": "<p>Within the partnership with Yunnan Province, lecturers of Kunming "
            "University of Science and Technology spend six weeks at the university: they sit "
            "in on courses, work in institutes and visit companies of the region.</p>",
            "costs": "<p>The sending university pays the journey.</p>",
            "funding": "<p>The centre arranges accommodation, support and the programme.</p>",
            "eligibility": "<p>KUST lecturers nominated by their university.</p>",
            "required_documents": "<p>CV and passport copy.</p>",
        },
        "zh-hans": {
            "title": "昆明理工大学教师进修项目",
            "slug": "kust-jiaoshi-jinxiu",
            "city": "昆明",
            "province": "云南",
            "duration": "6周",
            "teaser": "为21位昆明理工大学教师提供为期六周的教学、实验室与教学法进修。",
            "body": "<p>在与云南省合作的框架下，昆明理工大学的教师来我校进修六周："
            "旁听课程、参与研究所"
            "工作，并参观当地企业。</p>",
            "costs": "<p>旅费由派出高校承担。</p>",
            "funding": "<p>中心负责安排住宿、接待和日程。</p>",
            "eligibility": "<p>由昆明理工大学推荐的教师。</p>",
            "required_documents": "<p>简历和护照复印件。</p>",
        },
    },
]

FIRST_NAMES = [
    "Anna",
    "Ben",
    "Clara",
    "David",
    "Emma",
    "Felix",
    "Greta",
    "Hannes",
    "Ida",
    "Jakob",
    "Kim",
    "Lukas",
    "Mia",
    "Noah",
    "Paula",
    "Quentin",
    "Rosa",
    "Simon",
    "Tara",
    "Utz",
    "Vera",
    "Wei",
    "Xenia",
    "Yusuf",
    "Zoe",
    "Lin",
    "Mei",
    "Tobias",
    "Helena",
    "Jan",
    "Nora",
    "Ole",
]
LAST_NAMES = [
    "Becker",
    "Schulz",
    "Wagner",
    "Hoffmann",
    "Koch",
    "Richter",
    "Klein",
    "Wolf",
    "Neumann",
    "Schwarz",
    "Zimmermann",
    "Braun",
    "Krüger",
    "Hartmann",
    "Lange",
    "Werner",
    "Krause",
    "Meier",
    "Lehmann",
    "Schmid",
    "Zhang",
    "Wang",
    "Li",
    "Chen",
    "Fischer",
    "Weber",
    "Meyer",
    "Schneider",
    "Vogel",
    "Frank",
    "Berger",
    "Roth",
]
STUDIES = [
    "Maschinenbau",
    "Informatik",
    "Geoinformatik",
    "Chemie",
    "Wirtschaftsingenieurwesen",
    "Energietechnik",
    "Materialwissenschaft",
]
# 32 applications to the Beihang winter school as they stood before the quota was raised.
BEIHANG_STATUSES = (
    [S.ACCEPTED] * 9
    + [S.OFFERED]
    + [S.DECLINED]
    + [S.WAITLISTED] * 7
    + [S.REJECTED] * 8
    + [S.UNDER_REVIEW] * 2
    + [S.WITHDRAWN] * 2
    + [S.DRAFT] * 2
)
PATH = {
    S.DRAFT: [],
    S.UNDER_REVIEW: [S.SUBMITTED, S.UNDER_REVIEW],
    S.REJECTED: [S.SUBMITTED, S.UNDER_REVIEW, S.REJECTED],
    S.WITHDRAWN: [S.SUBMITTED, S.WITHDRAWN],
    S.WAITLISTED: [S.SUBMITTED, S.UNDER_REVIEW, S.SHORTLISTED, S.INTERVIEW, S.WAITLISTED],
    S.OFFERED: [S.SUBMITTED, S.UNDER_REVIEW, S.SHORTLISTED, S.INTERVIEW, S.OFFERED],
    S.ACCEPTED: [S.SUBMITTED, S.UNDER_REVIEW, S.SHORTLISTED, S.INTERVIEW, S.OFFERED, S.ACCEPTED],
    S.DECLINED: [S.SUBMITTED, S.UNDER_REVIEW, S.SHORTLISTED, S.INTERVIEW, S.OFFERED, S.DECLINED],
}


def build(ctx: DemoContext) -> None:
    index = _index(ctx)
    pages = {item["key"]: _programme(index, item) for item in PROGRAMMES}
    now = timezone.now()
    coordinator, reviewer = _staff()
    beihang = _call(
        pages["beihang"],
        ("Winter School 2026", "Winter School 2026", "2026年冬季学校"),
        opens=now - datetime.timedelta(days=80),
        closes=now - datetime.timedelta(days=40),
        places=10,
        documents=[DocumentType.CV, DocumentType.TRANSCRIPT, DocumentType.MOTIVATION],
    )
    beihang.reviewers.add(reviewer)
    _beihang_applications(beihang, coordinator, reviewer)
    # The partner raised the quota: the first four on the waiting list move up.
    services.change_places(beihang, places=14, actor=coordinator)
    _beihang_funding_and_reports(beihang, coordinator, now)

    sichuan = _call(
        pages["sichuan"],
        ("Summer School 2027", "Summer School 2027", "2027年暑期学校"),
        opens=now - datetime.timedelta(days=5),
        closes=now + datetime.timedelta(days=60),
        places=12,
        documents=[DocumentType.CV, DocumentType.MOTIVATION],
    )
    CallQuestion.objects.create(
        call=sichuan,
        text_de="Welche Kenntnisse der chinesischen Sprache haben Sie?",
        text_en="What do you know of the Chinese language?",
        text_zh="您的汉语水平如何？",
        is_required=True,
    )
    sichuan.reviewers.add(reviewer)
    # Rolling admission: places are offered as good applications come in, before the
    # deadline; the call closes when all are given.
    sichuan.is_rolling = True
    sichuan.save(update_fields=["is_rolling"])
    lecturers = _call(
        pages["kust"],
        ("Lehrendenweiterbildung 2027", "Lecturer training 2027", "2027年教师进修"),
        opens=now - datetime.timedelta(days=20),
        closes=now + datetime.timedelta(days=90),
        places=21,
        documents=[DocumentType.CV, DocumentType.PASSPORT],
    )
    # Who may apply: checked when an application is submitted; staff may waive a rule.
    lecturers.min_language_level = LanguageLevel.B2
    lecturers.other_requirements_de = "Eine Lehrveranstaltung im laufenden oder nächsten Semester"
    lecturers.other_requirements_en = "A course you teach this semester or next"
    lecturers.other_requirements_zh = "本学期或下学期承担一门课程的教学"
    lecturers.save()


def _index(ctx: DemoContext) -> dict:
    go = ctx.pages["go_to_china"]
    title, slug, intro = INDEX["de"]
    german = add_child(go, ProgrammeIndexPage(title=title, slug=slug, intro=intro))
    result = {"de": german}
    for code in ("en", "zh-hans"):
        title, slug, intro = INDEX[code]
        result[code] = translate(german, code, title=title, slug=slug, intro=intro)
    ctx.pages["programmes"] = german
    return result


def _page_fields(texts: dict) -> dict:
    fields = {key: value for key, value in texts.items() if key not in ("report", "body")}
    fields["description"] = texts["body"]
    if "report" in texts:
        author, year, text = texts["report"]
        fields["experience_reports"] = [("report", {"author": author, "year": year, "text": text})]
    return fields


def _programme(index: dict, item: dict) -> ProgrammePage:
    partner = _partner(item["partner_lookup"])
    german = add_child(
        index["de"],
        ProgrammePage(partner=partner, **item["facts"], **_page_fields(item["de"])),
    )
    for code in ("en", "zh-hans"):
        translate(german, code, **_page_fields(item[code]))
    return german


def _partner(name: str):
    try:
        from qiao.partners.models import Institution
    except ImportError:  # the partners app is optional here
        return None
    return Institution.objects.filter(name_en__icontains=name).first()


def _staff():
    User = get_user_model()
    coordinator, _created = User.objects.get_or_create(
        username="coordinator",
        defaults={
            "email": "coordinator@example.org",
            "first_name": "Petra",
            "last_name": "Koordinatorin",
            "is_staff": True,
            "is_superuser": True,
        },
    )
    reviewer, _created = User.objects.get_or_create(
        username="reviewer",
        defaults={
            "email": "reviewer@example.org",
            "first_name": "Rainer",
            "last_name": "Gutachter",
        },
    )
    return coordinator, reviewer


def _call(programme, titles, *, opens, closes, places, documents) -> Call:
    title_de, title_en, title_zh = titles
    return Call.objects.create(
        programme=programme,
        title_de=title_de,
        title_en=title_en,
        title_zh=title_zh,
        opens_at=opens,
        closes_at=closes,
        places=places,
        required_documents=documents,
        criteria_de="Motivation\nStudienleistungen\nBezug zum Studienfach",
        criteria_en="Motivation\nAcademic record\nRelevance to the degree",
        criteria_zh="动机\n学业成绩\n与专业的相关性",
    )


def _beihang_applications(call: Call, coordinator, reviewer) -> None:
    User = get_user_model()
    rng = random.Random(2026)  # noqa: S311 - demo data only
    languages = ["de", "de", "en", "zh-hans"]
    waitlist_position = 0
    for number, status in enumerate(BEIHANG_STATUSES):
        first, last = FIRST_NAMES[number], LAST_NAMES[number]
        user = User.objects.create_user(
            username=f"applicant{number + 1}",
            email=f"{first.lower()}.{last.lower().replace('ü', 'ue')}@example.org",
            first_name=first,
            last_name=last,
        )
        user.set_unusable_password()
        user.save(update_fields=["password"])
        submitted = call.opens_at + datetime.timedelta(days=rng.randint(1, 38))
        application = Application.objects.create(
            call=call,
            applicant=user,
            status=status,
            first_name=first,
            last_name=last,
            study_programme=rng.choice(STUDIES),
            motivation="Ich möchte die chinesische Ingenieurskultur aus der Nähe kennenlernen.",
            language=languages[number % len(languages)],
            submitted_at=submitted if status != S.DRAFT else None,
        )
        if status == S.WAITLISTED:
            waitlist_position += 1
            application.waitlist_position = waitlist_position
            application.save(update_fields=["waitlist_position"])
        previous, moment = S.DRAFT, submitted
        for step in PATH[status]:
            actor = (
                application.applicant
                if step in (S.SUBMITTED, S.ACCEPTED, S.DECLINED, S.WITHDRAWN)
                else coordinator
            )
            StatusChange.objects.create(
                application=application,
                from_status=previous,
                to_status=step,
                actor=actor,
                created_at=moment,
            )
            previous, moment = step, moment + datetime.timedelta(days=3)
        if status not in (S.DRAFT, S.WITHDRAWN):
            score = {S.ACCEPTED: 9, S.OFFERED: 8, S.DECLINED: 8, S.WAITLISTED: 7}.get(status, 4)
            criterion_scores = [max(0, score - rng.randint(0, 2)) for _criterion in range(3)]
            Review.objects.create(
                application=application,
                reviewer=reviewer,
                score=round(sum(criterion_scores) / 3),
                criterion_scores=criterion_scores,
                comment="",
            )


def _beihang_funding_and_reports(call: Call, coordinator, now) -> None:
    """The winter school is funded: a budget, grants for the participants (some paid),
    reply-by dates for the open offers, and two reports by last year's participants."""
    call.funding_source = "DAAD PROMOS 2026"
    call.budget = Decimal("16000.00")
    call.flight_amount = Decimal("900.00")
    call.visa_amount = Decimal("140.00")
    call.flat_rate_amount = Decimal("450.00")
    call.starts_on = (now + datetime.timedelta(days=30)).date()
    call.ends_on = (now + datetime.timedelta(days=44)).date()
    # Only these fields: the object's number of places is older than the raised quota.
    call.save(
        update_fields=[
            "funding_source",
            "budget",
            "flight_amount",
            "visa_amount",
            "flat_rate_amount",
            "starts_on",
            "ends_on",
        ]
    )
    ProgrammePage.objects.filter(translation_key=call.programme.translation_key).update(
        isced_code="0713", eqf_level=7
    )
    Application.objects.filter(call=call, status=S.OFFERED, reply_by__isnull=True).update(
        reply_by=now + datetime.timedelta(days=10)
    )
    accepted = list(Application.objects.filter(call=call, status=S.ACCEPTED).order_by("pk"))
    for number, application in enumerate(accepted):
        grant = funding.approve_grant(application, actor=coordinator)
        funding.set_grant_status(grant, GrantStatus.ACCEPTED, actor=coordinator)
        if number < 3:
            funding.set_grant_status(
                grant,
                GrantStatus.PAID,
                actor=coordinator,
                on=(now - datetime.timedelta(days=2)).date(),
            )
    reports = [
        (
            accepted[0],
            "de",
            "Labore, Mensa und ein Wochenende an der Großen Mauer",
            "Vormittags Vorlesungen zur Leistungselektronik, nachmittags im Labor mit "
            "Studierenden aus Peking. Am meisten gelernt habe ich in den Pausen.",
            False,
        ),
        (
            accepted[1],
            "en",
            "Two weeks that changed my view of Chinese engineering",
            "The lab sessions were hands-on and the local students were very welcoming. "
            "Learn a few words of Chinese before you go: it opens many doors.",
            True,
        ),
    ]
    for application, language, title, text, show_name in reports:
        report = ExperienceReport.objects.create(
            application=application,
            language=language,
            title=title,
            text=text,
            show_name=show_name,
            status=ReportStatus.SUBMITTED,
            submitted_at=now,
        )
        experience.publish_report(report, actor=coordinator)
