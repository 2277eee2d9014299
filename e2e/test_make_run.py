"""`make run` alone is the whole system: on a port other than 8000 it serves the demo,
its task worker sends the e-mails (to a real SMTP server here) with links to that port,
search finds Chinese words on the first request, and Ctrl-C leaves no process behind."""

import os
import signal
import subprocess
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
from playwright.sync_api import expect

from e2e.conftest import PROJECT, _wait_for, free_port
from e2e.test_journey_events import fill_required_fields

pytestmark = pytest.mark.journey


def processes_in_session(session_id: int) -> list[int]:
    """Living processes of the session (a zombie has ended; only its parent's wait is due)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                state = (entry / "stat").read_text().rpartition(")")[2].split()[0]
                if os.getsid(int(entry.name)) == session_id and state != "Z":
                    found.append(int(entry.name))
            except (OSError, IndexError):
                continue
    return found


@pytest.fixture(scope="module")
def make_run(tmp_path_factory, mailbox):
    work = tmp_path_factory.mktemp("make-run")
    port = free_port()
    env = {
        **os.environ,
        "PORT": str(port),
        "DEMO_MARK": str(work / ".demo-loaded"),
        "DATABASE_URL": f"sqlite:///{work / 'db.sqlite3'}",
        "EMAIL_URL": f"smtp://127.0.0.1:{mailbox.port}",
        "MEDIA_ROOT": str(work / "media"),
        "PRIVATE_MEDIA_ROOT": str(work / "private"),
    }
    for name in ("DJANGO_SETTINGS_MODULE", "BASE_URL", "WAGTAILADMIN_BASE_URL", "MAKEFLAGS"):
        env.pop(name, None)
    log_path = work / "make-run.log"
    with log_path.open("w") as log:
        # Its own session, like a terminal's foreground job: Ctrl-C goes to all of it.
        process = subprocess.Popen(  # noqa: S603
            ["make", "run"],  # noqa: S607
            cwd=PROJECT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        base_url = f"http://127.0.0.1:{port}"
        try:
            _wait_for(base_url + "/robots.txt", process, seconds=900)
        except RuntimeError:
            pytest.fail(log_path.read_text()[-3000:])
        yield {"process": process, "base_url": base_url, "log": log_path, "port": port}
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)


@pytest.fixture
def tab(browser, make_run):
    context = browser.new_context(base_url=make_run["base_url"], locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(20_000)
    foreign = []
    host = urlsplit(make_run["base_url"]).netloc
    context.on(
        "request",
        lambda r: (
            foreign.append(r.url)
            if urlsplit(r.url).scheme in ("http", "https") and urlsplit(r.url).netloc != host
            else None
        ),
    )
    yield page
    context.close()
    assert foreign == []


def test_make_run_prints_the_staff_login_for_its_port(make_run):
    log = make_run["log"].read_text()
    assert f"Staff login: http://127.0.0.1:{make_run['port']}/admin/" in log


def test_register_in_chinese_and_confirm_from_the_mail_the_worker_sent(tab, make_run, mailbox):
    base_url = make_run["base_url"]
    tab.goto("/zh/")
    events_link = tab.locator("header nav a", has_text="活动").first
    events_link.click()
    hrefs = tab.locator("main .card-list a, main article a").evaluate_all(
        "links => [...new Set(links.map(a => a.getAttribute('href')))]"
    )
    for href in hrefs:
        tab.goto(href)
        register = tab.locator("main a.button", has_text="报名")
        if register.count():
            register.first.click()
            break
    else:
        pytest.fail("no Chinese event page offers registration")

    email = "zhang.wei.make-run@example.org"
    tab.locator("input[name=name]").fill("张伟")
    tab.locator("input[name=email]").fill(email)
    fill_required_fields(tab)
    tab.locator("main form.form button[type=submit]").click()

    message = mailbox.wait_for(to=email, seconds=60)[0]
    assert str(message["Subject"]).strip().startswith("请确认您的报名：")
    text = mailbox.text(message)
    links = [link for link in mailbox.links(message) if "/confirm/" in link]
    assert len(links) == 1, text
    assert links[0].startswith(f"{base_url}/zh/"), links[0]
    tab.goto(links[0])
    tab.locator("main form button[type=submit]").click()
    expect(tab.locator("main [role=status]")).to_be_visible()
    confirmed = mailbox.wait_for(to=email, count=2, seconds=60)[1]
    assert str(confirmed["Subject"]).strip().startswith("您的报名已确认：")
    assert [part.get_filename() for part in confirmed.iter_attachments()] == [
        "event.ics",
        "check-in.png",
    ]
    assert f"{base_url}/zh/" in mailbox.text(confirmed)


@pytest.mark.parametrize(
    ("query", "expected"),
    [("签证", "签证与居留"), ("中国周", "中国周")],
)
def test_search_finds_chinese_words_on_the_first_request(tab, query, expected):
    tab.goto(f"/zh/search/?q={quote(query)}")
    results = tab.locator("main ol a, main ul.search-results a, main article a")
    expect(results.filter(has_text=expected).first).to_be_visible()


def test_ctrl_c_stops_web_server_worker_and_clock(make_run):
    process = make_run["process"]
    session = os.getsid(process.pid)
    assert len(processes_in_session(session)) >= 4  # make, honcho, web, worker, clock
    os.killpg(process.pid, signal.SIGINT)
    process.wait(timeout=30)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and processes_in_session(session):
        time.sleep(0.5)
    assert processes_in_session(session) == []
    with pytest.raises(OSError):
        urllib.request.urlopen(make_run["base_url"] + "/robots.txt", timeout=3)  # noqa: S310  # nosec B310
