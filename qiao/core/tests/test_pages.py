import pytest

pytestmark = pytest.mark.django_db


def test_root_redirects_to_browser_language(client, homes):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9")
    assert response.status_code == 302
    assert response["Location"] == "/zh/"


def test_home_page_renders_in_each_language(client, homes):
    for prefix, lang, title in (("de", "de", "Startseite"), ("en", "en", "Home"), ("zh", "zh-Hans", "首页")):
        response = client.get(f"/{prefix}/")
        assert response.status_code == 200
        html = response.content.decode()
        assert f'<html lang="{lang}">' in html
        assert f"<h1>{title}</h1>" in html
