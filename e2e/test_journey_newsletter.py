"""A visitor subscribes in Chinese and confirms; staff send a test and then an issue
through the real SMTP server; the subscriber leaves with the List-Unsubscribe address, as
a mail client's one-click button does (RFC 8058)."""

import re
import subprocess
import sys
import urllib.request
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from .conftest import PROJECT

pytestmark = pytest.mark.journey

EMAIL = "newsletter-journey@example.org"


def open_link_from(page, live_site, message, fragment):
    links = [link for link in live_site.mailbox.links(message) if fragment in link]
    assert len(links) == 1, live_site.mailbox.text(message)
    page.goto(urlsplit(links[0]).path)


def page_id(live_site, slug: str) -> int:
    code = (
        "from qiao.newsletter.models import NewsletterIssuePage as P; "
        f"print(P.objects.get(slug={slug!r}, locale__language_code='de').pk)"
    )
    out = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=PROJECT,
        env=live_site.env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return int(out.strip().splitlines()[-1])


def test_subscribe_in_chinese_receive_an_issue_and_leave_in_one_click(page, staff_page, live_site):
    if not live_site.has_app("newsletter"):
        pytest.skip("no newsletter app")
    mailbox = live_site.mailbox
    page.goto("/zh/")
    page.locator("#footer-newsletter-email").fill(EMAIL)
    page.locator(".footer-newsletter button").click()
    expect(page.locator("main h1")).to_have_text("订阅通讯")
    expect(page.locator("main input[name=email]")).to_have_value(EMAIL)
    expect(page.locator("input[name=languages][value=zh-hans]")).to_be_checked()
    page.locator("input[name=topics][value=china_week]").check()
    page.locator("input[name=consent]").check()
    page.locator("main form button[type=submit]").click()

    expect(page.locator("main h1")).to_have_text("请查收您的邮件")
    request_mail = mailbox.wait_for(to=EMAIL)[0]
    assert request_mail["Subject"] == "请确认您的通讯订阅"
    open_link_from(page, live_site, request_mail, "/zh/newsletter-subscription/confirm/")
    page.get_by_role("button", name="确认订阅").click()
    expect(page.locator("main .message")).to_contain_text("您的订阅已确认")

    issue = page_id(live_site, "newsletter-sommer")
    staff_page.goto(f"/admin/newsletter/issues/{issue}/send/")
    test_button = staff_page.get_by_role("button", name=re.compile("Test an mich"))
    staff_email = test_button.inner_text().split("(")[-1].rstrip(")")
    test_button.click()
    # One test per published language version (German and English).
    test_mails = [
        m for m in mailbox.wait_for(to=staff_email, count=2) if m["Subject"].startswith("[Test]")
    ]
    assert sorted(m["Subject"] for m in test_mails) == [
        "[Test] Newsletter Sommer",
        "[Test] Summer newsletter",
    ]
    for test_mail in test_mails:
        assert test_mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert test_mail.get_body(preferencelist=("html",)).get_content_type() == "text/html"
        assert test_mail.get_body(preferencelist=("plain",)).get_content_type() == "text/plain"

    staff_page.get_by_role("button", name=re.compile(r"^An \d+ Abonn")).click()
    expect(staff_page.locator("main")).to_contain_text("versandt")
    issue_mail = mailbox.wait_for(to=EMAIL, count=2)[-1]
    # No Chinese version: the fallback rule gives the English one.
    assert issue_mail["Subject"] == "Summer newsletter"
    assert issue_mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe = issue_mail["List-Unsubscribe"].strip().strip("<>")
    # The links follow the language of the e-mail.
    assert unsubscribe.startswith(live_site.base_url + "/en/newsletter-subscription/unsubscribe/")
    html = issue_mail.get_body(preferencelist=("html",)).get_content()
    assert "<img" not in html and "<style" not in html
    assert unsubscribe in mailbox.text(issue_mail)

    # The mail client's one-click unsubscribe: a POST without cookies or CSRF token.
    one_click = urllib.request.Request(  # noqa: S310 - the local test server
        unsubscribe, data=b"List-Unsubscribe=One-Click", method="POST"
    )
    with urllib.request.urlopen(one_click, timeout=30) as response:  # noqa: S310  # nosec B310
        assert response.status == 200
    page.goto(urlsplit(unsubscribe).path)
    expect(page.locator("main .message")).to_contain_text(
        f"{EMAIL} no longer receives our newsletter."
    )
