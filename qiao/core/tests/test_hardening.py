"""Odd requests get a clear answer, never another host, a server error or a full disk."""

import re

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db


def off_site_links(html: str) -> list[str]:
    hrefs = re.findall(r'href="([^"]*)"', html)
    return [
        href
        for href in hrefs
        if href.startswith(("//", "/\\")) or ("://" in href and "://testserver/" not in href)
    ]


def test_not_found_page_language_links_stay_on_this_site(client, homes):
    response = client.get("/", PATH_INFO="//evil.example/de/x/")

    html = response.content.decode()
    assert response.status_code == 404
    assert off_site_links(html) == []
    assert '<a href="/en/" hreflang="en" lang="en">' in html
    assert '<a href="/zh/" hreflang="zh-Hans" lang="zh-Hans">' in html


def test_not_found_page_with_a_backslash_path_links_only_to_this_site(client, homes):
    response = client.get("/", PATH_INFO="/\\evil.example/x/")

    assert response.status_code == 404
    assert off_site_links(response.content.decode()) == []


@pytest.mark.parametrize(
    "path",
    [
        "/en/not-translated/123456789012345678901234/",
        "/en/event-registration/99999999999999999999/register/",
        "/en/applications/99999999999999999999/",
        "/documents/99999999999999999999/x.pdf",
        "/en/partner-network/visits/99999999999999999999/programme/",
    ],
)
def test_id_too_large_for_the_database_is_not_found(client, homes, path):
    response = client.get(path)

    assert response.status_code == 404
    assert [template.name for template in response.templates][0] == "404.html"


@override_settings(REQUEST_MAX_BYTES=1000)
def test_request_body_over_the_limit_is_refused_before_it_is_read(client, homes):
    response = client.post("/en/search/", data=b"x" * 1001, content_type="application/octet-stream")

    html = response.content.decode()
    assert response.status_code == 413
    assert response["Connection"] == "close"
    assert "<h1>Too much data</h1>" in html
    assert "larger than 1000\xa0bytes" in html


@override_settings(REQUEST_MAX_BYTES=1000)
def test_request_body_within_the_limit_passes(client, homes):
    response = client.post("/en/search/", data=b"x" * 1000, content_type="text/plain")

    assert response.status_code == 200


def test_account_page_is_not_stored_in_any_cache(client, homes):
    from qiao.mobility.tests.factories import UserFactory

    client.force_login(UserFactory())

    response = client.get("/en/account/")

    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert "X-Robots-Tag" not in response


def test_public_page_may_be_cached(client, homes):
    response = client.get("/en/")

    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")
