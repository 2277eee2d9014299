import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from qiao.news.models import NewsIndexPage, NewsPage
from qiao.partners import queries
from qiao.partners.enums import InstitutionType, Province
from qiao.partners.models import InstitutionContact, VisitParticipant

from .factories import AgreementFactory, DelegationVisitFactory, InstitutionFactory

pytestmark = pytest.mark.django_db

SECRETS = (
    "SECRET-NOTE-4711",
    "secret.contact@example.cn",
    "Geheimer Kontakt",
    "SECRET-SCOPE-4712",
    "SECRET-AGREEMENT-NOTE-4713",
    "SECRET-OUTCOME-4714",
    "Verborgener Teilnehmer",
)


@pytest.fixture
def news_item(homes):
    index = NewsIndexPage(title="Aktuelles", slug="aktuelles")
    homes["de"].add_child(instance=index)
    index.save_revision().publish()
    item = NewsPage(
        title="Delegation aus Yunnan zu Gast",
        slug="delegation-yunnan-2023",
        date=datetime.date(2023, 11, 27),
        teaser="Sechs Gäste aus Yunnan.",
    )
    index.add_child(instance=item)
    item.save_revision().publish()
    return item


@pytest.fixture
def partner_with_secrets(partner_pages, news_item):
    institution = InstitutionFactory(
        name_de="Kunming Universität für Wissenschaft und Technik",
        name_en="Kunming University of Science and Technology",
        name_zh="昆明理工大学",
        slug="kust",
        staff_notes=SECRETS[0],
    )
    InstitutionContact.objects.create(
        institution=institution, name=SECRETS[2], email=SECRETS[1], role="Auslandsamt"
    )
    AgreementFactory(
        partners=[institution],
        scope=SECRETS[3],
        staff_notes=SECRETS[4],
        valid_until=datetime.date(2099, 1, 1),
    )
    visit = DelegationVisitFactory(
        institutions=[institution], staff_notes=SECRETS[5], news_page=news_item
    )
    VisitParticipant.objects.create(visit=visit, name_latin=SECRETS[6], role_de="Gast")
    return institution


def _public_urls(partner_pages, institution):
    urls = []
    for page in partner_pages.values():
        urls += [page.url, f"{page.url}{institution.slug}/", f"{page.url}?province=yunnan"]
    for prefix in ("de", "en", "zh"):
        urls += [
            f"/{prefix}/search/?q=Kunming",
            f"/{prefix}/search/?q=SECRET-NOTE",
            f"/{prefix}/search/?q=Verborgener",
            f"/{prefix}/news/feed/rss/",
            f"/{prefix}/news/feed/atom/",
            f"/{prefix}/sitemap/",
        ]
    return [*urls, "/sitemap.xml"]


def test_staff_only_fields_are_absent_from_every_public_response(
    client, partner_with_secrets, partner_pages
):
    responses = {url: client.get(url) for url in _public_urls(partner_pages, partner_with_secrets)}

    assert {url: response.status_code for url, response in responses.items()} == {
        url: 200 for url in responses
    }
    leaks = {
        url: [secret for secret in SECRETS if secret in response.content.decode()]
        for url, response in responses.items()
    }
    assert leaks == {url: [] for url in responses}


def test_partner_page_shows_names_visit_and_news(client, partner_with_secrets, partner_pages):
    response = client.get(f"{partner_pages['de'].url}kust/")
    html = response.content.decode()

    assert response.status_code == 200
    assert "<h1>Kunming Universität für Wissenschaft und Technik</h1>" in html
    assert '<p class="lead" lang="zh-Hans">昆明理工大学</p>' in html
    assert "Delegation der Provinz Yunnan" in html
    assert "Delegation aus Yunnan zu Gast" in html


def test_hidden_partner_has_no_public_page(client, partner_pages):
    InstitutionFactory(slug="hidden", is_public=False)

    assert client.get(f"{partner_pages['en'].url}hidden/").status_code == 404


def test_partner_map_counts_match_the_data(client, partner_pages):
    InstitutionFactory.create_batch(2, province=Province.YUNNAN)
    InstitutionFactory(province=Province.YUNNAN, is_public=False)
    InstitutionFactory(province=Province.SICHUAN)
    InstitutionFactory(province=Province.BEIJING, type=InstitutionType.COMPANY)
    InstitutionFactory(province="", country="DE", type=InstitutionType.INTERNAL)

    html = client.get(partner_pages["de"].url).content.decode()
    drawn = {
        code: int(count)
        for code, count in re.findall(r'data-province="(\w+)" data-count="(\d+)"', html)
    }

    assert queries.province_counts() == {"yunnan": 2, "sichuan": 1, "beijing": 1}
    assert {code: count for code, count in drawn.items() if count} == {
        "yunnan": 2,
        "sichuan": 1,
        "beijing": 1,
    }
    assert len(drawn) == len(Province.values)


def test_partner_list_filters_by_type_and_province(client, partner_pages):
    InstitutionFactory(name_en="Yunnan University", province=Province.YUNNAN)
    InstitutionFactory(name_en="Yunnan Copper Ltd", province=Province.YUNNAN, type="company")
    InstitutionFactory(name_en="Sichuan University", province=Province.SICHUAN)

    response = client.get(f"{partner_pages['en'].url}?type=university&province=yunnan")

    assert [item.name_en for item in response.context["institutions"]] == ["Yunnan University"]


def test_partner_list_ignores_unknown_filter_values(client, partner_pages):
    InstitutionFactory(name_en="Sichuan University", province=Province.SICHUAN)

    response = client.get(f"{partner_pages['en'].url}?type=<script>&province=atlantis")

    assert response.status_code == 200
    assert [item.name_en for item in response.context["institutions"]] == ["Sichuan University"]


def test_partner_list_query_count_does_not_grow_with_partners(client, partner_pages):
    InstitutionFactory()
    url = partner_pages["de"].url
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    InstitutionFactory.create_batch(12)
    client.get(url)  # new partners move the content version on: the header is rendered anew
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)

    assert len(response.context["institutions"]) == 13
    assert len(many) == len(one)


def test_partner_index_pages_exist_in_each_language(partner_pages):
    assert sorted(
        Page.objects.type(partner_pages["de"].__class__).values_list("title", flat=True)
    ) == [
        "Partner",
        "Partners",
        "合作伙伴",
    ]
