"""Demo partner network: Yunnan Province with its 2016 framework agreement, thirteen
partner universities, a faculty of our own and a company, and the two delegation
visits of November 2023. Names of delegation members are invented for the demo."""

import datetime
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model

from qiao.core.demo_tools import DemoContext, add_child, translate
from qiao.news.models import NewsPage

from .enums import AgreementType, InstitutionType, Province, VisitDirection
from .models import (
    AgendaItem,
    Agreement,
    DelegationVisit,
    Institution,
    InstitutionContact,
    PartnerIndexPage,
    VisitParticipant,
)

BERLIN = ZoneInfo("Europe/Berlin")
U = InstitutionType.UNIVERSITY

PAGE = {
    "de": (
        "Partner",
        "partner",
        "Mit diesen Hochschulen, Provinzen, Unternehmen und Einrichtungen arbeitet das "
        "Zentrum zusammen. Filtern Sie nach Art oder Provinz, oder wählen Sie eine Provinz "
        "auf der Karte.",
    ),
    "en": (
        "Partners",
        "partners",
        "The universities, provinces, companies and institutes the centre works with. "
        "Filter by type or province, or choose a province on the map.",
    ),
    "zh-hans": (
        "合作伙伴",
        "hezuo-huoban",
        "中心与以下高校、省份、企业和机构开展合作。可按类型或省份筛选，也可在地图上选择省份。",
    ),
}

# slug: (type, German, English, Chinese, short, city, province, country, since, description)
INSTITUTIONS = {
    "yunnan-province": (
        InstitutionType.GOVERNMENT,
        "Provinz Yunnan",
        "Yunnan Province",
        "云南省",
        "",
        "Kunming",
        Province.YUNNAN,
        "CN",
        2016,
        (
            "Seit 2016 besteht ein Kooperationsvertrag mit der ganzen Provinz, nicht nur mit "
            "einer Hochschule: Austausch von Studierenden und Lehrenden, Summer und Winter "
            "Schools, Weiterbildung für Lehrende.",
            "Since 2016 the centre has had an agreement with the whole province rather than a "
            "single university: student and lecturer exchange, summer and winter schools, "
            "further training for lecturers.",
            "自2016年起，中心与整个云南省（而非单一高校）签有合作协议：师生交流、暑期和冬季学校以及教师进修。",
        ),
    ),
    "kust": (
        U,
        "Kunming University of Science and Technology",
        "Kunming University of Science and Technology",
        "昆明理工大学",
        "KUST",
        "Kunming",
        Province.YUNNAN,
        "CN",
        2016,
        (
            "21 Lehrende der KUST kamen zu einer sechswöchigen Weiterbildung, 21 Studierende "
            "zu einer zweiwöchigen Summer School.",
            "21 KUST lecturers came for six weeks of further training and 21 students for a "
            "two-week summer school.",
            "昆明理工大学21名教师来校参加为期六周的进修，21名学生参加为期两周的暑期学校。",
        ),
    ),
    "beihang": (
        U,
        "Beihang-Universität",
        "Beihang University",
        "北京航空航天大学",
        "BUAA",
        "Beijing",
        Province.BEIJING,
        "CN",
        2017,
        (
            "Gastgeberin der Winter School 2018, für die sie die Zahl der Plätze von 10 auf "
            "14 erhöhte.",
            "Host of the 2018 winter school, for which it raised the number of places from 10 "
            "to 14.",
            "2018年冬季学校的承办方，并将名额从10个增加到14个。",
        ),
    ),
    "sichuan-university": (
        U,
        "Sichuan-Universität",
        "Sichuan University",
        "四川大学",
        "SCU",
        "Chengdu",
        Province.SICHUAN,
        "CN",
        2017,
        (
            "Gastgeberin einer Summer School in Chengdu mit mehr Bewerbungen als Plätzen.",
            "Host of a summer school in Chengdu with more applicants than places.",
            "在成都举办暑期学校，申请人数多于名额。",
        ),
    ),
    "chengdu-university": (
        U,
        "Chengdu University",
        "Chengdu University",
        "成都大学",
        "CDU",
        "Chengdu",
        Province.SICHUAN,
        "CN",
        2019,
        ("", "", ""),
    ),
    "yunnan-university": (
        U,
        "Yunnan-Universität",
        "Yunnan University",
        "云南大学",
        "YNU",
        "Kunming",
        Province.YUNNAN,
        "CN",
        2018,
        ("", "", ""),
    ),
    "northeastern-university": (
        U,
        "Northeastern University (Shenyang)",
        "Northeastern University (Shenyang)",
        "东北大学",
        "NEU",
        "Shenyang",
        Province.LIAONING,
        "CN",
        2018,
        ("", "", ""),
    ),
    "cumt": (
        U,
        "China University of Mining and Technology",
        "China University of Mining and Technology",
        "中国矿业大学",
        "CUMT",
        "Xuzhou",
        Province.JIANGSU,
        "CN",
        2018,
        ("", "", ""),
    ),
    "central-south-university": (
        U,
        "Central South University",
        "Central South University",
        "中南大学",
        "CSU",
        "Changsha",
        Province.HUNAN,
        "CN",
        2019,
        ("", "", ""),
    ),
    "upc": (
        U,
        "China University of Petroleum (East China)",
        "China University of Petroleum (East China)",
        "中国石油大学（华东）",
        "UPC",
        "Qingdao",
        Province.SHANDONG,
        "CN",
        2018,
        ("", "", ""),
    ),
    "tongji": (
        U,
        "Tongji-Universität",
        "Tongji University",
        "同济大学",
        "",
        "Shanghai",
        Province.SHANGHAI,
        "CN",
        2019,
        ("", "", ""),
    ),
    "tyut": (
        U,
        "Taiyuan University of Technology",
        "Taiyuan University of Technology",
        "太原理工大学",
        "TYUT",
        "Taiyuan",
        Province.SHANXI,
        "CN",
        2020,
        ("", "", ""),
    ),
    "chongqing-university": (
        U,
        "Chongqing-Universität",
        "Chongqing University",
        "重庆大学",
        "CQU",
        "Chongqing",
        Province.CHONGQING,
        "CN",
        2021,
        ("", "", ""),
    ),
    "swpu": (
        U,
        "Southwest Petroleum University",
        "Southwest Petroleum University",
        "西南石油大学",
        "SWPU",
        "Chengdu",
        Province.SICHUAN,
        "CN",
        2021,
        ("", "", ""),
    ),
    "faculty-energy": (
        InstitutionType.INTERNAL,
        "Fakultät für Energie- und Wirtschaftswissenschaften",
        "Faculty of Energy and Management Science",
        "能源与管理科学学院",
        "",
        "Clausthal-Zellerfeld",
        "",
        "DE",
        2018,
        (
            "Partnerin im Haus für die Innovationsplattform „Clean Energy“.",
            "Our partner within the university for the innovation platform Clean Energy.",
            "校内合作伙伴，共同推进“清洁能源”创新平台。",
        ),
    ),
    "harz-drive": (
        InstitutionType.COMPANY,
        "Harzer Antriebstechnik GmbH (Demo)",
        "Harz Drive Systems Ltd (demo)",
        "哈尔茨驱动技术有限公司（示例）",
        "",
        "Goslar",
        "",
        "DE",
        2022,
        (
            "Ein erfundenes Unternehmen für die Demo: Praktika im Bereich „Intelligent "
            "Manufacturing“.",
            "An invented company for the demo: internships in intelligent manufacturing.",
            "演示用虚构企业：提供智能制造方向的实习。",
        ),
    ),
}

# (slug of first partner, type, title, signed/from, until, automatic renewal, quotas, scope)
AGREEMENTS = [
    (
        ["yunnan-province"],
        AgreementType.PROVINCE_FRAMEWORK,
        "Rahmenabkommen Provinz Yunnan",
        datetime.date(2016, 10, 1),
        datetime.date(2026, 12, 31),
        False,
        (21, 10, 21, 3),
        "Austausch von Studierenden und Lehrenden, Summer und Winter Schools, "
        "Weiterbildung für Lehrende der Hochschulen der Provinz. Genaues Datum: Demo.",
    ),
    (
        ["kust", "yunnan-province"],
        AgreementType.EXCHANGE,
        "Studierendenaustausch KUST",
        datetime.date(2019, 3, 1),
        datetime.date(2027, 4, 30),
        False,
        (10, 5, 2, 2),
        "Semesteraufenthalte, gegenseitiger Erlass der Studiengebühren.",
    ),
    (
        ["beihang"],
        AgreementType.SCHOOL,
        "Winter School Beihang",
        datetime.date(2018, 6, 1),
        datetime.date(2028, 5, 31),
        True,
        (0, 14, 0, 1),
        "Zweiwöchige Winter School in Peking; Unterkunftssuche durch die Partnerin.",
    ),
    (
        ["sichuan-university"],
        AgreementType.SCHOOL,
        "Summer School Sichuan",
        datetime.date(2017, 9, 1),
        datetime.date(2027, 8, 31),
        True,
        (0, 12, 0, 1),
        "Summer School in Chengdu.",
    ),
    (
        ["chengdu-university"],
        AgreementType.EXCHANGE,
        "Austauschvertrag Chengdu University",
        datetime.date(2019, 2, 15),
        datetime.date(2027, 2, 14),
        False,
        (30, 5, 2, 2),
        "Studierende der Chengdu University studieren bei uns (2023: 24).",
    ),
    (
        ["northeastern-university"],
        AgreementType.MOU,
        "Absichtserklärung Northeastern University",
        datetime.date(2018, 5, 1),
        None,
        False,
        (None, None, None, None),
        "Zusammenarbeit in Bergbau und Metallurgie.",
    ),
    (
        ["cumt"],
        AgreementType.RESEARCH,
        "Forschungskooperation Bergbau CUMT",
        datetime.date(2020, 1, 1),
        datetime.date(2030, 12, 31),
        False,
        (None, None, 2, 2),
        "Gemeinsame Betreuung von Promovierenden.",
    ),
    (
        ["tongji"],
        AgreementType.DOUBLE_DEGREE,
        "Doppelabschluss Maschinenbau Tongji",
        datetime.date(2019, 9, 1),
        datetime.date(2029, 8, 31),
        True,
        (5, 5, None, None),
        "Master-Doppelabschluss im Maschinenbau.",
    ),
]


def _index_pages(ctx: DemoContext) -> dict:
    title, slug, intro = PAGE["de"]
    german = add_child(
        ctx.homes["de"], PartnerIndexPage(title=title, slug=slug, intro=intro, show_in_menus=True)
    )
    pages = {"de": german}
    for code in ("en", "zh-hans"):
        title, slug, intro = PAGE[code]
        pages[code] = translate(german, code, title=title, slug=slug, intro=intro)
    ctx.pages["partners"] = german
    return pages


def _institutions() -> dict:
    result = {}
    for slug, row in INSTITUTIONS.items():
        type_, de, en, zh, short, city, province, country, since, texts = row
        result[slug] = Institution.objects.create(
            slug=slug,
            type=type_,
            name_de=de,
            name_en=en,
            name_zh=zh,
            short_name=short,
            city=city,
            province=province,
            country=country,
            partner_since=datetime.date(since, 1, 1),
            description_de=texts[0],
            description_en=texts[1],
            description_zh=texts[2],
            staff_notes="Interne Notiz (Demo): Ansprechpartner vor jedem Besuch bestätigen.",
        )
    InstitutionContact.objects.create(
        institution=result["kust"],
        name="Liu Fang (Demo)",
        name_zh="刘芳",
        role="International Office",
        email="international.office@example.cn",
    )
    InstitutionContact.objects.create(
        institution=result["yunnan-province"],
        name="Zhou Ming (Demo)",
        name_zh="周明",
        role="Provincial Department of Education",
        email="exchange@example.cn",
    )
    return result


def _agreements(institutions: dict, responsible) -> None:
    for slugs, type_, title, start, until, renews, quotas, scope in AGREEMENTS:
        agreement = Agreement.objects.create(
            type=type_,
            title=title,
            signed_on=start,
            valid_from=start,
            valid_until=until,
            automatic_renewal=renews,
            students_incoming=quotas[0],
            students_outgoing=quotas[1],
            staff_incoming=quotas[2],
            staff_outgoing=quotas[3],
            scope=scope,
            responsible=responsible,
        )
        agreement.partners.set([institutions[slug] for slug in slugs])


def _at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=BERLIN)


YUNNAN_DAY = datetime.date(2023, 11, 27)
YUNNAN_PEOPLE = [
    (
        "Wang Jun",
        "王军",
        "Stellv. Leiter der Bildungsbehörde der Provinz Yunnan",
        "Deputy Director-General, Yunnan Provincial Department of Education",
        "云南省教育厅副厅长",
        True,
    ),
    (
        "Li Hua",
        "李华",
        "Vizepräsident der KUST",
        "Vice-President of KUST",
        "昆明理工大学副校长",
        False,
    ),
    (
        "Zhao Lei",
        "赵磊",
        "Referatsleiter Internationaler Austausch, Bildungsbehörde",
        "Head of International Exchange, Department of Education",
        "教育厅国际交流处处长",
        False,
    ),
    (
        "Chen Jing",
        "陈静",
        "Leiterin des International Office der KUST",
        "Director of the KUST International Office",
        "昆明理工大学国际合作处处长",
        False,
    ),
    (
        "Yang Tao",
        "杨涛",
        "Professor für Metallurgie, KUST",
        "Professor of Metallurgy, KUST",
        "昆明理工大学冶金学教授",
        False,
    ),
    ("Sun Li", "孙丽", "Dolmetscherin", "Interpreter", "翻译", False),
]
YUNNAN_AGENDA = [
    (
        9,
        30,
        "Hauptgebäude",
        "主楼",
        "Begrüßung durch den Präsidenten der Universität",
        "Welcome by the university president",
        "校长致欢迎辞",
    ),
    (
        10,
        30,
        "Campus",
        "校园",
        "Rundgang: Bibliothek, Marktkirche, Hauptgebäude, Aula",
        "Campus tour: library, market church, main building, Aula",
        "参观校园：图书馆、市场教堂、主楼、大礼堂",
    ),
    (12, 30, "Mensa", "学生食堂", "Mittagessen", "Lunch", "午餐"),
    (
        14,
        0,
        "China-Kompetenzzentrum",
        "中国能力中心",
        "Gespräch über Summer und Winter Schools",
        "Talks on summer and winter schools",
        "商谈暑期和冬季学校",
    ),
]
CHENGDU_DAY = datetime.date(2023, 11, 20)
CHENGDU_PEOPLE = [
    (
        "Xu Gang",
        "徐刚",
        "Präsident der Chengdu University",
        "President of Chengdu University",
        "成都大学校长",
        True,
    ),
    (
        "He Yan",
        "何燕",
        "Leiterin des International Office",
        "Director of the International Office",
        "国际合作与交流处处长",
        False,
    ),
    (
        "Luo Bin",
        "罗斌",
        "Dekan der Fakultät für Maschinenbau",
        "Dean of Mechanical Engineering",
        "机械工程学院院长",
        False,
    ),
    (
        "Tang Xue",
        "唐雪",
        "Referentin für Studierendenaustausch",
        "Student exchange officer",
        "学生交流项目主管",
        False,
    ),
]
CHENGDU_AGENDA = [
    (
        10,
        0,
        "Hauptgebäude",
        "主楼",
        "Gespräch mit dem Präsidium",
        "Talks with the presidium",
        "与校领导会谈",
    ),
    (
        13,
        0,
        "China-Kompetenzzentrum",
        "中国能力中心",
        "Treffen mit Studierenden der Chengdu University",
        "Meeting students from Chengdu University",
        "与成都大学在校学生见面",
    ),
]


def _visit(title, day, institutions, people, agenda, hosts, news_slug, *, last_day=None):
    visit = DelegationVisit(
        direction=VisitDirection.INCOMING,
        title_de=title[0],
        title_en=title[1],
        title_zh=title[2],
        starts_on=day,
        ends_on=last_day or day,
        hosts=hosts,
        news_page=NewsPage.objects.filter(slug=news_slug).first() if news_slug else None,
        staff_notes="Ergebnis (intern, Demo): Folgebesuch und Summer School 2024 vereinbart.",
    )
    visit.save()
    visit.institutions.set(institutions)
    visit.save()
    for name, name_zh, role_de, role_en, role_zh, is_head in people:
        VisitParticipant.objects.create(
            visit=visit,
            name_latin=name,
            name_zh=name_zh,
            role_de=role_de,
            role_en=role_en,
            role_zh=role_zh,
            is_head=is_head,
        )
    for hour, minute, place_de, place_zh, topic_de, topic_en, topic_zh in agenda:
        AgendaItem.objects.create(
            visit=visit,
            starts_at=_at(day, hour, minute),
            place_de=place_de,
            place_zh=place_zh,
            topic_de=topic_de,
            topic_en=topic_en,
            topic_zh=topic_zh,
        )
    return visit


def build(ctx: DemoContext) -> None:
    _index_pages(ctx)
    institutions = _institutions()
    responsible, _created = get_user_model().objects.get_or_create(
        username="admin",
        defaults={"email": "admin@example.org", "first_name": "Demo", "last_name": "Admin"},
    )
    _agreements(institutions, responsible)
    hosts = "Präsident der Universität / 校长\nTeam des China-Kompetenzzentrums / 中国能力中心团队"
    _visit(
        ("Delegation der Provinz Yunnan", "Delegation from Yunnan Province", "云南省代表团来访"),
        YUNNAN_DAY,
        [institutions["yunnan-province"], institutions["kust"]],
        YUNNAN_PEOPLE,
        YUNNAN_AGENDA,
        hosts,
        "delegation-yunnan-2023",
    )
    _visit(
        (
            "Delegation der Chengdu University",
            "Delegation from Chengdu University",
            "成都大学代表团来访",
        ),
        CHENGDU_DAY,
        [institutions["chengdu-university"]],
        CHENGDU_PEOPLE,
        CHENGDU_AGENDA,
        hosts,
        "delegation-chengdu-2023",
    )
    _visit(
        ("Folgebesuch der KUST", "Follow-up visit of KUST", "昆明理工大学回访"),
        datetime.date(2023, 12, 10),
        [institutions["kust"]],
        [],
        [],
        hosts,
        "",
        last_day=datetime.date(2023, 12, 13),
    )
    ctx.log.append(f"partners: {len(institutions)} institutions, {len(AGREEMENTS)} agreements")
