"""Demo news, in German and, for most items, English and Chinese. Some stay German-only,
as on the centre's old site, so the language notices can be seen."""

import datetime

from wagtail.rich_text import RichText

from qiao.core.demo_tools import DemoContext, add_child, draw_image, translate

from .models import NewsCategory, NewsIndexPage, NewsPage

INDEX = {
    "de": ("Aktuelles", "aktuelles", "Neuigkeiten aus dem China-Kompetenzzentrum."),
    "en": ("News", "news", "News from the China Competence Centre."),
    "zh-hans": ("新闻", "xinwen", "中国能力中心的最新消息。"),
}

CATEGORIES = {
    "visits": {"de": "Delegationsbesuche", "en": "Delegation visits", "zh-hans": "代表团访问"},
    "programmes": {"de": "Programme", "en": "Programmes", "zh-hans": "交流项目"},
    "events": {"de": "Veranstaltungen", "en": "Events", "zh-hans": "活动"},
}

NEWS = [
    {
        "date": datetime.date(2023, 11, 27),
        "category": "visits",
        "tags": ["Yunnan", "KUST"],
        "colour": (60, 110, 150),
        "de": (
            "Delegation aus der Provinz Yunnan zu Gast",
            "delegation-yunnan-2023",
            "Sechs Gäste aus Yunnan, darunter der Vizepräsident der Kunming University of "
            "Science and Technology, besuchten die Universität.",
            "<p>Am 27. November 2023 empfing die Universität eine sechsköpfige Delegation aus "
            "der Provinz Yunnan. Angeführt wurde sie vom stellvertretenden Leiter der "
            "Bildungsbehörde der Provinz; mit dabei war der Vizepräsident der Kunming "
            "University of Science and Technology (KUST).</p><p>Nach einem Rundgang über den "
            "verschneiten Campus – mit Bibliothek, Marktkirche, Hauptgebäude und Aula – sprachen "
            "die Gäste mit dem Präsidenten der Universität und dem Team des Zentrums über die "
            "nächsten Schritte. Besonders ist, dass der Kooperationsvertrag von 2016 mit einer "
            "ganzen Provinz geschlossen wurde und nicht mit einer einzelnen Hochschule. Im "
            "Mittelpunkt steht weiterhin der Austausch von Studierenden und Lehrenden: Summer "
            "und Winter Schools sowie Weiterbildungen für Lehrende sollen nach den Jahren der "
            "Pandemie wieder aufleben. Vom 10. bis 13. Dezember 2023 kommt die KUST zu einem "
            "weiteren Besuch.</p>",
        ),
        "zh-hans": (
            "云南省代表团到访",
            "yunnan-daibiaotuan-2023",
            "云南省六人代表团访问我校，其中包括昆明理工大学副校长。",
            "<p>2023年11月27日，云南省教育厅副厅长率六人代表团访问我校，昆明理工大学副校长随团"
            "来访。</p><p>代表团参观了雪后的校园，包括图书馆、市场教堂、主楼和大礼堂，随后与校长"
            "及中心团队商谈下一步合作。2016年签署的合作协议是与整个省份而非单一高校签订的，"
            "这一点尤为特别。双方将继续以师生交流为重点，恢复暑期学校、冬季学校和教师进修项目。"
            "昆明理工大学代表团将于2023年12月10日至13日再次来访。</p>",
        ),
    },
    {
        "date": datetime.date(2023, 11, 20),
        "category": "visits",
        "tags": ["Chengdu", "Sichuan"],
        "colour": (120, 70, 130),
        "de": (
            "Präsident der Chengdu University besucht die Universität",
            "delegation-chengdu-2023",
            "Eine vierköpfige Delegation der Chengdu University aus der Provinz Sichuan war "
            "zu Gast.",
            "<p>Am 20. November 2023 besuchte eine Delegation der Chengdu University unter "
            "Leitung ihres Präsidenten die Universität. Derzeit studieren 24 Studierende der "
            "Chengdu University bei uns. Beide Seiten vereinbarten, den Austausch auszubauen.</p>",
        ),
        "en": (
            "President of Chengdu University visits",
            "chengdu-delegation-2023",
            "A four-person delegation from Chengdu University in Sichuan Province came to see us.",
            "<p>On 20 November 2023 a delegation of Chengdu University, led by its president, "
            "visited the university. 24 students from Chengdu University are currently enrolled "
            "with us. Both sides agreed to widen the exchange.</p>",
        ),
        "zh-hans": (
            "成都大学校长访问我校",
            "chengdu-daxue-2023",
            "来自四川省成都大学的四人代表团访问我校。",
            "<p>2023年11月20日，成都大学校长率代表团访问我校。目前有24名成都大学学生在我校就读。"
            "双方商定进一步扩大交流。</p>",
        ),
    },
    {
        "date": datetime.date(2022, 10, 20),
        "category": "events",
        "tags": ["China-Woche"],
        "colour": (170, 90, 30),
        "de": (
            "Erste hybride China-Woche",
            "china-woche-2022-hybrid",
            "Rund 60 Teilnehmende am Studierendentag – zur Hälfte in der Aula, zur Hälfte online.",
            "<p>Die China-Woche 2022 fand erstmals hybrid statt. Am Tag der Studierenden "
            "verfolgten etwa 60 Menschen das Programm, die eine Hälfte in der Aula Academica, "
            "die andere online. Vorträge, Diskussionen und ein Kulturprogramm füllten mehrere "
            "Tage.</p>",
        ),
        "en": (
            "The first hybrid China Week",
            "china-week-2022-hybrid",
            "About 60 people joined the students' day, half in the Aula, half online.",
            "<p>China Week 2022 was the first to be held in hybrid form. On the students' day "
            "about 60 people took part, half of them in the Aula Academica and half online. "
            "Lectures, discussions and a cultural programme filled several days.</p>",
        ),
    },
    {
        "date": datetime.date(2018, 10, 22),
        "category": "events",
        "tags": ["Eröffnung"],
        "colour": (140, 30, 30),
        "de": (
            "China-Kompetenzzentrum feierlich eröffnet",
            "eroeffnung-2018",
            "Während der China-Woche 2018 wurde das Zentrum offiziell eröffnet.",
            "<p>Am 22. Oktober 2018 wurde das China-Kompetenzzentrum im Rahmen der ersten "
            "China-Woche eröffnet. Das BMBF fördert es seit dem 1. März 2018 als eines von rund "
            "zehn strategischen China-Projekten in Deutschland.</p>",
        ),
        "en": (
            "China Competence Centre opens",
            "opening-2018",
            "The centre was officially opened during China Week 2018.",
            "<p>The China Competence Centre was opened on 22 October 2018 during the first "
            "China Week. The BMBF has funded it since 1 March 2018 as one of about ten "
            "strategic China projects in Germany.</p>",
        ),
        "zh-hans": (
            "中国能力中心正式成立",
            "zhongxin-chengli-2018",
            "中心在2018年“中国周”期间正式揭牌。",
            "<p>2018年10月22日，中国能力中心在首届“中国周”期间正式成立。自2018年3月1日起，"
            "中心作为德国约十个对华战略项目之一获得联邦教育与研究部资助。</p>",
        ),
    },
    {
        "date": datetime.date(2018, 11, 30),
        "category": "programmes",
        "tags": ["Beihang", "Winter School"],
        "colour": (30, 90, 120),
        "de": (
            "Winter School in Peking: 14 statt 10 Plätze",
            "winter-school-beihang-2018",
            "Die Beihang University erhöhte das Kontingent, weil sich mehr als dreimal so "
            "viele Studierende bewarben.",
            "<p>Für die Winter School an der Beihang University vom 19. bis 30. November 2018 "
            "standen zunächst zehn Plätze bereit. Nach einer Vorauswahl und Gesprächen mit der "
            "Leitung des Zentrums erhöhte die Partneruniversität das Kontingent auf 14. Flüge "
            "und Visa bezahlte das Zentrum aus BMBF-Mitteln.</p>",
        ),
        "en": (
            "Winter school in Beijing: 14 places instead of 10",
            "winter-school-beihang-2018",
            "Beihang University raised the quota after more than three times as many students "
            "applied.",
            "<p>The winter school at Beihang University from 19 to 30 November 2018 first "
            "offered ten places. After a pre-selection and interviews with the head of the "
            "centre, the partner raised the quota to 14. The centre paid flights and visas "
            "from BMBF funds.</p>",
        ),
        "zh-hans": (
            "北京冬季学校：名额由10个增至14个",
            "beihang-dongji-xuexiao-2018",
            "申请人数超过名额三倍，北京航空航天大学因此增加了名额。",
            "<p>2018年11月19日至30日在北京航空航天大学举办的冬季学校最初提供10个名额。经过初选和"
            "中心负责人面试，合作高校将名额增至14个。机票和签证费用由中心从联邦教研部资金中支付。"
            "</p>",
        ),
    },
    {
        "date": datetime.date(2019, 8, 15),
        "category": "programmes",
        "tags": ["KUST", "Weiterbildung"],
        "colour": (50, 120, 90),
        "de": (
            "21 Lehrende aus Kunming in der Weiterbildung",
            "kust-lehrende-weiterbildung",
            "Sechs Wochen Weiterbildung für Lehrende der KUST – und eine Summer School für 21 "
            "Studierende.",
            "<p>21 Lehrende der Kunming University of Science and Technology nahmen an einem "
            "sechswöchigen Weiterbildungsprogramm teil. Zur China-Woche kamen außerdem 21 "
            "Studierende der KUST zu einer 14-tägigen Summer School.</p>",
        ),
    },
]


def build(ctx: DemoContext) -> None:
    categories = _categories(ctx)
    index = _index(ctx)
    for number, item in enumerate(NEWS):
        image = draw_image(item["de"][0], colour=item["colour"], seed=100 + number)
        german = _news_page(
            index["de"], item["de"], item, image, categories["de"][item["category"]]
        )
        for code in ("en", "zh-hans"):
            if code in item:
                title, slug, teaser, body = item[code]
                translated = translate(
                    german,
                    code,
                    title=title,
                    slug=slug,
                    teaser=teaser,
                    body=[("text", RichText(body))],
                )
                translated.categories.set([categories[code][item["category"]]])
                translated.save_revision().publish()


def _categories(ctx: DemoContext) -> dict:
    result = {code: {} for code in ("de", "en", "zh-hans")}
    for key, names in CATEGORIES.items():
        german = NewsCategory.objects.create(name=names["de"], slug=key, locale=ctx.locale("de"))
        result["de"][key] = german
        for code in ("en", "zh-hans"):
            translated = german.copy_for_translation(ctx.locale(code))
            translated.name = names[code]
            translated.save()
            result[code][key] = translated
    return result


def _index(ctx: DemoContext) -> dict:
    title, slug, intro = INDEX["de"]
    german = add_child(
        ctx.homes["de"], NewsIndexPage(title=title, slug=slug, intro=intro, show_in_menus=True)
    )
    pages = {"de": german}
    for code in ("en", "zh-hans"):
        title, slug, intro = INDEX[code]
        pages[code] = translate(german, code, title=title, slug=slug, intro=intro)
    ctx.pages["news"] = german
    return pages


def _news_page(index, texts, item, image, category):
    title, slug, teaser, body = texts
    page = NewsPage(
        title=title,
        slug=slug,
        teaser=teaser,
        date=item["date"],
        image=image,
        image_alt="",
        body=[("text", RichText(body))],
    )
    index.add_child(instance=page)
    page.categories.set([category])
    page.tags.set(item["tags"])
    page.save_revision().publish()
    return page
