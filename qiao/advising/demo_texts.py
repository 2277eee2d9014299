"""The demo's advising texts in German, English and Chinese (written for this demo)."""

INDEX = {
    "de": (
        "Beratung",
        "beratung",
        "Sie planen einen Aufenthalt in China oder kommen aus China zu uns? Lesen Sie unsere "
        "Hinweise zu Ihrem Thema und buchen Sie einen persönlichen Termin – vor Ort oder online.",
    ),
    "en": (
        "Advising",
        "advising",
        "Planning a stay in China, or coming to us from China? Read our guidance on your topic "
        "and book a personal appointment, in person or online.",
    ),
    "zh-hans": (
        "咨询",
        "zixun",
        "您计划赴华交流，或从中国来我校学习？请阅读相关主题的说明，并预约一次面谈或在线咨询。",
    ),
}

# slug, minutes, names, then per language: page title, page slug, intro, guidance (HTML)
TOPICS = [
    {
        "slug": "visa",
        "minutes": 30,
        "names": ("Visum und Aufenthalt", "Visa and residence", "签证与居留"),
        "de": (
            "Visum und Aufenthalt",
            "visum",
            "Welches Visum brauche ich, und wann stelle ich den Antrag?",
            "<p>Für ein Studium oder Praktikum in China brauchen Sie in der Regel ein X- oder "
            "F-Visum. Beantragen Sie es frühestens drei Monate vor der Abreise über das "
            "chinesische Visa-Antragszentrum.</p><h3>Das sollten Sie mitbringen</h3><ul>"
            "<li>Reisepass, mindestens sechs Monate über das Aufenthaltsende hinaus gültig</li>"
            "<li>die Zulassung oder Einladung der Partneruniversität</li><li>bei längeren "
            "Aufenthalten das Formular JW201 oder JW202</li></ul><p>Für Programme des Zentrums "
            "übernimmt das Zentrum die Visagebühren aus BMBF-Mitteln.</p>",
        ),
        "en": (
            "Visa and residence",
            "visa",
            "Which visa do I need, and when do I apply?",
            "<p>To study or do an internship in China you usually need an X or F visa. Apply "
            "no earlier than three months before you leave, through the Chinese visa "
            "application centre.</p><h3>What to bring</h3><ul><li>your passport, valid for at "
            "least six months beyond the end of your stay</li><li>the admission or invitation "
            "letter of the partner university</li><li>for longer stays the JW201 or JW202 "
            "form</li></ul><p>For the centre's programmes the centre pays the visa fees from "
            "BMBF funds.</p>",
        ),
        "zh-hans": (
            "签证与居留",
            "qianzheng",
            "我需要办理哪种签证？什么时候申请？",
            "<p>赴华学习或实习通常需要X字或F字签证。请最早在出发前三个月通过中国签证申请服务"
            "中心递交申请。</p><h3>所需材料</h3><ul><li>护照，有效期须超出停留期至少六个月</li>"
            "<li>合作高校的录取通知书或邀请函</li><li>长期停留需提供JW201或JW202表</li></ul>"
            "<p>参加中心项目的签证费用由中心从联邦教研部资金中支付。</p>",
        ),
    },
    {
        "slug": "funding",
        "minutes": 30,
        "names": ("Förderung und Stipendien", "Funding and scholarships", "资助与奖学金"),
        "de": (
            "Förderung und Stipendien",
            "foerderung",
            "Wie finanziere ich meinen Aufenthalt in China?",
            "<p>Für Summer und Winter Schools an Partneruniversitäten trägt das Zentrum Flug- "
            "und Visakosten. Für ein Semester kommen Stipendien des DAAD und der Partner in "
            "Frage.</p><p>Bringen Sie zum Termin Ihren Zeitplan und eine grobe Kostenschätzung "
            "mit.</p>",
        ),
        "en": (
            "Funding and scholarships",
            "funding",
            "How do I pay for my stay in China?",
            "<p>For summer and winter schools at partner universities the centre pays flights "
            "and visas. For a semester, scholarships of the DAAD and of our partners may "
            "apply.</p><p>Bring your timetable and a rough cost estimate to the "
            "appointment.</p>",
        ),
        "zh-hans": (
            "资助与奖学金",
            "zizhu",
            "赴华交流的费用如何解决？",
            "<p>参加合作高校的暑期学校和冬季学校，机票和签证费用由中心承担。学期交流可申请德意志"
            "学术交流中心（DAAD）及合作方的奖学金。</p><p>咨询时请带上您的时间安排和大致的费用"
            "估算。</p>",
        ),
    },
    {
        "slug": "programme-choice",
        "minutes": 45,
        "names": ("Programmwahl", "Programme choice", "项目选择"),
        "de": (
            "Welches Programm passt zu mir?",
            "programmwahl",
            "Summer School, Winter School oder ein Semester an einer der 13 Partneruniversitäten.",
            "<p>Wir stellen Ihnen die Programme an unseren Partneruniversitäten vor, etwa in "
            "Chengdu, Peking und Kunming, und besprechen, was zu Ihrem Studium passt.</p>",
        ),
        "en": (
            "Which programme suits me?",
            "programme-choice",
            "Summer school, winter school or a semester at one of our 13 partner universities.",
            "<p>We introduce the programmes at our partner universities, for example in "
            "Chengdu, Beijing and Kunming, and talk about what fits your studies.</p>",
        ),
        "zh-hans": (
            "哪个项目适合我？",
            "xiangmu-xuanze",
            "暑期学校、冬季学校，或在13所合作高校之一交流一个学期。",
            "<p>我们为您介绍成都、北京、昆明等地合作高校的项目，并一起讨论哪个项目最适合您的"
            "专业。</p>",
        ),
    },
    {
        "slug": "insurance-health",
        "minutes": 20,
        "names": ("Versicherung und Gesundheit", "Insurance and health", "保险与健康"),
        "de": (
            "Versicherung und Gesundheit",
            "versicherung",
            "Krankenversicherung, Impfungen und Hilfe im Notfall.",
            "<p>Für die Zeit in China brauchen Sie eine Auslandskrankenversicherung. Klären Sie "
            "Impfungen rechtzeitig mit Ihrer Hausärztin oder Ihrem Hausarzt.</p>",
        ),
        "en": (
            "Insurance and health",
            "insurance",
            "Health insurance, vaccinations and help in an emergency.",
            "<p>You need travel health insurance for your time in China. Check vaccinations "
            "with your doctor in good time.</p>",
        ),
        "zh-hans": (
            "保险与健康",
            "baoxian",
            "医疗保险、疫苗接种和紧急求助。",
            "<p>在华期间需要购买境外医疗保险。请及早与医生确认所需的疫苗接种。</p>",
        ),
    },
    {
        "slug": "living-in-china",
        "minutes": 30,
        "names": ("Leben in China", "Living in China", "在华生活"),
        "de": (
            "Leben in China",
            "leben-in-china",
            "Wohnen, Bezahlen, Telefon und Alltag.",
            "<p>Die Partneruniversität hilft bei der Suche nach einer Unterkunft. Wir erzählen "
            "Ihnen, wie Bezahlen mit dem Handy, eine chinesische SIM-Karte und der Alltag auf "
            "dem Campus funktionieren.</p>",
        ),
        "en": (
            "Living in China",
            "living-in-china",
            "Housing, paying, phones and everyday life.",
            "<p>The partner university helps you find accommodation. We tell you how paying "
            "by phone, a Chinese SIM card and everyday campus life work.</p>",
        ),
        "zh-hans": (
            "在华生活",
            "zaihua-shenghuo",
            "住宿、支付、手机和日常生活。",
            "<p>合作高校会协助寻找住处。我们为您介绍手机支付、中国手机卡以及校园日常生活。</p>",
        ),
    },
]
