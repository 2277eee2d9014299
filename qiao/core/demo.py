"""Demo content of the core app: the centre's settings, team, and standard pages in
German, English and Chinese. Facts from the centre's public pages, text written anew."""

from wagtail.models import Locale, Page, Site
from wagtail.rich_text import RichText

from .demo_tools import DemoContext, add_child, draw_image, draw_portrait, translate
from .models import CentreSettings, ContactPage, HomePage, Person, StandardPage

HOME = {
    "de": {
        "title": "Willkommen beim China-Kompetenzzentrum",
        "slug": "de",
        "intro": (
            "<p>China gehört zu den wichtigsten Partnerländern unserer Universität. Das "
            "China-Kompetenzzentrum bündelt seit 2018 alles, was Studierende, Beschäftigte und "
            "Professorinnen und Professoren für den Austausch mit China brauchen: Wissen über "
            "Land und Kultur, Programme für einen Aufenthalt an einer Partneruniversität, "
            "Beratung – etwa zum Visum – und ein Netzwerk aus Hochschulen, Provinzen und "
            "Unternehmen.</p><p>Gefördert wird das Zentrum vom Bundesministerium für Bildung "
            "und Forschung (BMBF).</p>"
        ),
    },
    "en": {
        "title": "Welcome to the China Competence Centre",
        "slug": "en",
        "intro": (
            "<p>China is one of our university's most important partner countries. Since 2018 "
            "the China Competence Centre has brought together what students, staff and "
            "professors need for working with China: knowledge of the country and its culture, "
            "programmes for a stay at a partner university, advice (on visas, for instance) and "
            "a network of universities, provinces and companies.</p><p>The centre is funded by "
            "the Federal Ministry of Education and Research (BMBF).</p>"
        ),
    },
    "zh-hans": {
        "title": "欢迎来到中国能力中心",
        "slug": "zh",
        "intro": (
            "<p>中国是我校最重要的合作伙伴国家之一。自2018年起，中国能力中心为学生、教职员工和"
            "教授提供与中国交流所需的一切：关于中国国情与文化的知识、赴合作高校学习的项目、"
            "签证等方面的咨询，以及由高校、省份和企业组成的合作网络。</p>"
            "<p>中心由德国联邦教育与研究部（BMBF）资助。</p>"
        ),
    },
}

ABOUT = {
    "de": {
        "title": "Über uns",
        "slug": "ueber-uns",
        "intro": "Wer wir sind, was wir wollen und wie Sie uns erreichen.",
        "goals_heading": "Unsere Ziele",
        "goals": (
            "<ul><li>Interkulturelle Kompetenz und Wissen über China an der ganzen Universität "
            "stärken</li><li>China persönlich erfahrbar machen: in deutsch-chinesischen "
            "Arbeitsgruppen und Austauschprogrammen</li><li>Nachwuchsforschende in "
            "deutsch-chinesischen Professorenteams betreuen</li><li>Ein bundesweites Netzwerk um "
            "die Innovationsplattformen „Clean Energy“ und „Intelligent Manufacturing“ "
            "aufbauen</li><li>Die Zusammenarbeit der Universität mit China dauerhaft "
            "sichern</li></ul>"
        ),
        "tasks_heading": "Unsere Aufgaben",
        "tasks": (
            "<ol><li>Veranstaltungen, Seminare und Vorträge rund um China</li><li>Programme für "
            "Aufenthalte in China, mit Beratung etwa zum Visumverfahren</li><li>Zusammenarbeit "
            "mit Fakultäten und Instituten der Universität sowie mit Hochschulen, Unternehmen "
            "und Verbänden in China und Deutschland</li><li>Ausbau der Kooperation in Lehre und "
            "Forschung</li><li>Öffentlichkeitsarbeit: Newsletter, Presse und soziale "
            "Medien</li></ol>"
        ),
        "team_heading": "Unser Team",
        "quote": "Wer China verstehen will, muss China erleben.",
        "quote_by": "Leitgedanke des Zentrums",
    },
    "en": {
        "title": "About us",
        "slug": "about-us",
        "intro": "Who we are, what we aim for and how to reach us.",
        "goals_heading": "Our goals",
        "goals": (
            "<ul><li>Build intercultural competence and knowledge about China across the "
            "university</li><li>Let people experience China first-hand, in German-Chinese "
            "working groups and exchange programmes</li><li>Supervise young researchers in "
            "German-Chinese teams of professors</li><li>Grow a Germany-wide network around the "
            "innovation platforms “Clean Energy” and “Intelligent Manufacturing”</li>"
            "<li>Make the university's cooperation with China last</li></ul>"
        ),
        "tasks_heading": "What we do",
        "tasks": (
            "<ol><li>Events, seminars and lectures about China</li><li>Programmes for stays in "
            "China, with advice on the visa procedure and more</li><li>Work with the "
            "university's faculties and institutes and with universities, companies and "
            "associations in China and Germany</li><li>Extend cooperation in teaching and "
            "research</li><li>Public relations: newsletter, press and social media</li></ol>"
        ),
        "team_heading": "Our team",
        "quote": "To understand China, experience China.",
        "quote_by": "The centre's guiding idea",
    },
    "zh-hans": {
        "title": "关于我们",
        "slug": "guanyu-women",
        "intro": "我们是谁、我们的目标以及如何联系我们。",
        "goals_heading": "我们的目标",
        "goals": (
            "<ul><li>在全校范围内增强跨文化能力和对中国的了解</li><li>通过中德工作小组和交流项目，"
            "让师生亲身体验中国</li><li>由中德教授团队共同指导青年科研人员</li><li>围绕“清洁能源”"
            "和“智能制造”创新平台建立覆盖全德国的网络</li><li>推动学校与中国的长期合作</li></ul>"
        ),
        "tasks_heading": "我们的工作",
        "tasks": (
            "<ol><li>举办有关中国的活动、研讨会和讲座</li><li>提供赴华交流项目及签证等咨询服务"
            "</li><li>与校内院系、研究所以及中德两国的高校、企业和协会合作</li><li>拓展教学与科研"
            "合作</li><li>公共关系：新闻简报、媒体报道和社交媒体</li></ol>"
        ),
        "team_heading": "我们的团队",
        "quote": "要了解中国，就要亲身体验中国。",
        "quote_by": "中心的指导思想",
    },
}

GO_TO_CHINA = {
    "de": (
        "Wege nach China",
        "wege-nach-china",
        "Summer und Winter Schools, Austauschsemester, Praktika und Forschungsaufenthalte "
        "an unseren Partneruniversitäten – mit Beratung und finanzieller Unterstützung.",
    ),
    "en": (
        "Go to China",
        "go-to-china",
        "Summer and winter schools, exchange semesters, internships and research stays at "
        "our partner universities, with advice and funding.",
    ),
    "zh-hans": (
        "赴华交流",
        "fu-hua-jiaoliu",
        "在我们的中国合作高校参加暑期学校、冬季学校、交换学期、实习和科研访问，并获得咨询与资助。",
    ),
}

CONTACT = {
    "de": (
        "Kontakt",
        "kontakt",
        "<p>Schreiben Sie uns – wir antworten in der Regel innerhalb von zwei Werktagen.</p>",
        "Vielen Dank für Ihre Nachricht. Wir melden uns bald.",
    ),
    "en": (
        "Contact",
        "contact",
        "<p>Write to us; we usually answer within two working days.</p>",
        "Thank you for your message. We will be in touch soon.",
    ),
    "zh-hans": (
        "联系我们",
        "lianxi",
        "<p>欢迎来信，我们通常会在两个工作日内答复。</p>",
        "感谢您的留言，我们会尽快回复。",
    ),
}

LEGAL = {
    "imprint": {
        "de": (
            "Impressum",
            "impressum",
            "Angaben nach § 5 DDG. Verantwortlich für den Inhalt ist die Leitung des Zentrums.",
        ),
        "en": (
            "Imprint",
            "imprint",
            "Legal notice. The head of the centre is responsible for the content.",
        ),
        "zh-hans": ("网站声明", "wangzhan-shengming", "法律声明。本网站内容由中心负责人负责。"),
    },
    "privacy": {
        "de": (
            "Datenschutz",
            "datenschutz",
            "Diese Website lädt keine Inhalte von fremden Servern. Videos werden erst nach "
            "Ihrem Klick geladen. Daten aus Formularen nutzen wir nur für den genannten "
            "Zweck und löschen sie nach Ablauf der angegebenen Frist.",
        ),
        "en": (
            "Data privacy",
            "data-privacy",
            "This site loads nothing from other servers. Videos load only after you click. "
            "We use what you enter in forms only for the stated purpose and delete it when "
            "its retention period ends.",
        ),
        "zh-hans": (
            "隐私政策",
            "yinsi-zhengce",
            "本网站不从第三方服务器加载任何内容。视频只有在您点击后才会加载。"
            "您在表单中填写的信息仅用于说明的目的，并在保存期限结束后删除。",
        ),
    },
}

TEAM = [
    (
        "Prof. Dr. Lena Hartmann",
        "Leiterin, China-Beauftragte der Universität",
        "Head of the centre, the university's China commissioner",
        "中心主任、学校中国事务专员",
        "leitung@example.org",
    ),
    ("Dr. Jonas Weber", "Geschäftsführer", "Managing director", "执行主任", "office@example.org"),
    (
        "Mei Lin",
        "Programmkoordination und Beratung",
        "Programme coordination and advice",
        "项目协调与咨询",
        "programme@example.org",
    ),
]


def build(ctx: DemoContext) -> None:
    _settings()
    homes = _homes(ctx)
    people = _team()
    _about(ctx, homes, people)
    _simple_pages(ctx, homes)


def _settings():
    centre = CentreSettings.load()
    centre.institution_de = "Technische Universität Clausthal"
    centre.institution_en = "Clausthal University of Technology"
    centre.institution_zh = "克劳斯塔尔工业大学"
    centre.address = "China-Kompetenzzentrum\nAdolph-Roemer-Straße 2a\n38678 Clausthal-Zellerfeld"
    centre.email = "china@example.org"
    centre.phone = "+49 5323 72-0000"
    centre.save()


def _homes(ctx: DemoContext) -> dict:
    root = Page.get_first_root_node()
    for page in root.get_children():
        if not isinstance(page.specific, HomePage):
            site_root_id = page.pk
            Site.objects.filter(root_page_id=site_root_id).delete()
            page.delete()
    home = HomePage(
        title=HOME["de"]["title"],
        slug=HOME["de"]["slug"],
        intro=HOME["de"]["intro"],
        locale=Locale.objects.get(language_code="de"),
    )
    add_child(root, home)
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "Qiao"},
    )
    homes = {"de": home}
    for code in ("en", "zh-hans"):
        homes[code] = translate(
            home,
            code,
            title=HOME[code]["title"],
            slug=HOME[code]["slug"],
            intro=HOME[code]["intro"],
        )
    ctx.homes = homes
    return homes


def _team() -> dict:
    people = {"de": [], "en": [], "zh-hans": []}
    locales = {code: Locale.objects.get(language_code=code) for code in people}
    for order, (name, role_de, role_en, role_zh, email) in enumerate(TEAM):
        photo = draw_portrait(name, seed=order + 1)
        german = Person.objects.create(
            name=name,
            role=role_de,
            photo=photo,
            email=email,
            phone=f"+49 5323 72-{3100 + order}",
            sort_order=order,
            locale=locales["de"],
        )
        people["de"].append(german)
        for code, role in (("en", role_en), ("zh-hans", role_zh)):
            translated = german.copy_for_translation(locales[code])
            translated.role = role
            translated.save()
            people[code].append(translated)
    return people


def _about_body(text: dict, people: list) -> list:
    return [
        ("heading", text["goals_heading"]),
        ("text", RichText(text["goals"])),
        ("quote", {"quote": text["quote"], "attribution": text["quote_by"]}),
        ("heading", text["tasks_heading"]),
        ("text", RichText(text["tasks"])),
        ("team", {"heading": text["team_heading"], "people": people}),
        ("year_in_figures", {"heading": "", "year": None}),
    ]


def _about(ctx: DemoContext, homes: dict, people: dict) -> None:
    text = ABOUT["de"]
    about = add_child(
        homes["de"],
        StandardPage(
            title=text["title"],
            slug=text["slug"],
            intro=text["intro"],
            show_in_menus=True,
            body=_about_body(text, people["de"]),
        ),
    )
    for code in ("en", "zh-hans"):
        text = ABOUT[code]
        translate(
            about,
            code,
            title=text["title"],
            slug=text["slug"],
            intro=text["intro"],
            body=_about_body(text, people[code]),
        )
    ctx.pages["about"] = about


def _simple_pages(ctx: DemoContext, homes: dict) -> None:
    title, slug, intro = GO_TO_CHINA["de"]
    image = draw_image("Brücke über den Fluss", colour=(150, 60, 40), seed=11)
    go = add_child(
        homes["de"],
        StandardPage(title=title, slug=slug, intro=intro, show_in_menus=True, search_image=image),
    )
    for code in ("en", "zh-hans"):
        title, slug, intro = GO_TO_CHINA[code]
        translate(go, code, title=title, slug=slug, intro=intro)
    ctx.pages["go_to_china"] = go
    ctx.images["go_to_china"] = image

    title, slug, intro, thanks = CONTACT["de"]
    contact = add_child(
        homes["de"], ContactPage(title=title, slug=slug, intro=intro, thank_you_text=thanks)
    )
    for code in ("en", "zh-hans"):
        title, slug, intro, thanks = CONTACT[code]
        translate(contact, code, title=title, slug=slug, intro=intro, thank_you_text=thanks)
    ctx.pages["contact"] = contact

    for key, texts in LEGAL.items():
        title, slug, intro = texts["de"]
        page = add_child(homes["de"], StandardPage(title=title, slug=slug, intro=intro))
        for code in ("en", "zh-hans"):
            title, slug, intro = texts[code]
            translate(page, code, title=title, slug=slug, intro=intro)
        ctx.pages[key] = page


def finish(ctx: DemoContext) -> None:
    """After every app has built its part: teasers on the home pages and footer links."""
    from wagtail.models import Page as WagtailPage

    teaser_targets = [
        (ctx.pages.get("events") or ctx.pages["about"], (40, 80, 140), 21),
        (ctx.pages["go_to_china"], (150, 60, 40), 22),
        (ctx.pages["about"], (40, 110, 80), 23),
    ]
    images = [
        draw_image(target.title, colour=colour, seed=seed)
        for target, colour, seed in teaser_targets
    ]
    for code, stale_home in ctx.homes.items():
        home = HomePage.objects.get(pk=stale_home.pk)  # the tree has grown since
        teasers = []
        for (target, _colour, _seed), image in zip(teaser_targets, images, strict=True):
            localized = target.get_translation_or_none(ctx.locale(code)) or target
            localized = WagtailPage.objects.get(pk=localized.pk).specific
            teasers.append(
                (
                    "teaser",
                    {
                        "title": localized.title,
                        "text": getattr(localized, "intro", "") or localized.search_description,
                        "page": localized,
                        "image": image,
                    },
                )
            )
        home.teasers = teasers
        home.save_revision().publish()
    _order_menu(ctx)
    centre = CentreSettings.load()
    centre.footer_links = [("page", ctx.pages[key]) for key in ("contact", "imprint", "privacy")]
    centre.save()


MENU_ORDER = ["events", "go_to_china", "advising", "news", "partners", "about"]


def _order_menu(ctx: DemoContext) -> None:
    """Put the sections of every language in the order visitors expect them."""
    translation_rank = {
        ctx.pages[key].translation_key: rank
        for rank, key in enumerate(MENU_ORDER)
        if key in ctx.pages
    }
    for stale_home in ctx.homes.values():
        home = HomePage.objects.get(pk=stale_home.pk)
        children = sorted(
            home.get_children(),
            key=lambda page: (
                translation_rank.get(page.translation_key, len(MENU_ORDER)),
                page.path,
            ),
        )
        for child in children:
            child.move(HomePage.objects.get(pk=home.pk), pos="last-child")
