"""Fixtures of the browser tests: a real server on a fresh SQLite file with the demo content,
a real SMTP server that catches its e-mail, and the system Chromium driven by Playwright.

Every page a test opens through the ``page`` fixture has each of its requests recorded;
the test fails if one of them goes to another host than the site's own, or if the browser
reports a Content Security Policy violation.
"""

import base64
import hashlib
import hmac
import json
import os
import re
import socket
import struct
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import sync_playwright

from e2e.mailbox import Mailbox
from e2e.site import LiveSite

PROJECT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("E2E_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
# Schemes that never leave the browser.
LOCAL_SCHEMES = {"data", "blob", "about"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(url: str, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server stopped with exit code {process.returncode}")
        try:
            urllib.request.urlopen(url, timeout=2)  # noqa: S310  # nosec B310
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"the server did not answer at {url} within {seconds} s")


@pytest.fixture(scope="session")
def mailbox():
    box = Mailbox(port=int(os.environ.get("E2E_SMTP_PORT") or free_port()))
    box.start()
    yield box
    box.stop()


@pytest.fixture(scope="session")
def live_site(tmp_path_factory, mailbox):
    """migrate + load_demo into a fresh SQLite file, then gunicorn on a free port."""
    work = tmp_path_factory.mktemp("site")
    port = int(os.environ.get("E2E_PORT") or free_port())
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "e2e.settings",
        "DATABASE_URL": f"sqlite:///{work / 'e2e.sqlite3'}",
        "EMAIL_URL": f"smtp://127.0.0.1:{mailbox.port}",
        "MEDIA_ROOT": str(work / "media"),
        "PRIVATE_MEDIA_ROOT": str(work / "private"),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "WAGTAILADMIN_BASE_URL": f"http://127.0.0.1:{port}",
        "PYTHONPATH": str(PROJECT),
    }
    python = sys.executable
    for command in (["migrate", "--no-input", "-v0"], ["load_demo"]):
        subprocess.run(
            [python, "manage.py", *command], cwd=PROJECT, env=env, check=True, capture_output=True
        )
    discovered = subprocess.run(
        [python, "-m", "e2e.discover"], cwd=PROJECT, env=env, check=True, capture_output=True
    )
    log = (work / "server.log").open("w")
    server = subprocess.Popen(
        [
            str(Path(python).with_name("gunicorn")),
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--threads",
            "4",
            "--timeout",
            "60",
            "qiao.wsgi",
        ],
        cwd=PROJECT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        _wait_for(base_url + "/robots.txt", server, seconds=180)
        yield LiveSite(
            base_url=base_url,
            env=env,
            mailbox=mailbox,
            inventory=json.loads(discovered.stdout),
            log_path=work / "server.log",
        )
    finally:
        server.terminate()
        server.wait(timeout=20)
        log.close()


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class RequestLog:
    """Every request a page made, and the Content Security Policy complaints it logged."""

    def __init__(self, site_origin: str):
        self.site_host = urlsplit(site_origin).netloc
        self.requests: list[str] = []
        self.csp_errors: list[str] = []

    def record(self, request) -> None:
        self.requests.append(request.url)

    def console(self, message) -> None:
        if message.type == "error" and "Content Security Policy" in message.text:
            self.csp_errors.append(message.text)

    def foreign(self) -> list[str]:
        return [
            url
            for url in self.requests
            if urlsplit(url).scheme not in LOCAL_SCHEMES and urlsplit(url).netloc != self.site_host
        ]


def _open_page(browser, live_site, **context_options):
    context = browser.new_context(base_url=live_site.base_url, **context_options)
    page = context.new_page()
    page.set_default_timeout(15_000)
    log = RequestLog(live_site.base_url)
    context.on("request", log.record)
    page.on("console", log.console)
    return context, page, log


ARTIFACTS = Path(__file__).resolve().parent / "artifacts"


@pytest.fixture
def page(browser, live_site, request):
    """A browser tab with the site's Content Security Policy enforced. At the end the test
    fails if any request went to another host or the browser reported a CSP violation.
    The last screen of each test is saved to e2e/artifacts/<test>.png."""
    context, tab, log = _open_page(browser, live_site, locale="de-DE")
    yield tab
    ARTIFACTS.mkdir(exist_ok=True)
    tab.screenshot(path=ARTIFACTS / f"{request.node.name}.png", full_page=True)
    context.close()
    assert log.foreign() == [], "requests to other hosts than the site's own"
    assert log.csp_errors == [], "Content Security Policy violations"


@pytest.fixture(scope="session")
def audit_context(browser, live_site):
    """One tab for the axe audits: the audit script is injected inline, so this context
    bypasses the CSP (the ``page`` fixture enforces it). Requests are still recorded."""
    context, tab, log = _open_page(browser, live_site, bypass_csp=True)
    yield tab, log
    context.close()


@pytest.fixture(scope="session")
def staff_login(live_site):
    """(e-mail, password, two-factor secret) of the demo's staff account;
    ``manage.py staff_login`` sets a new password and secret each time it runs."""
    out = subprocess.run(
        [sys.executable, "manage.py", "staff_login"],
        cwd=PROJECT,
        env=live_site.env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    found = re.search(r"user: (\S+)\s+password: (\S+)\s+two-factor secret: (\S+)", out)
    assert found, out
    return found.group(1), found.group(2), found.group(3)


def totp_code(secret: str, at: float | None = None) -> str:
    """The authenticator app's current code (RFC 6238: SHA-1, 30 s, 6 digits)."""
    counter = int(time.time() if at is None else at) // 30
    key = base64.b32decode(secret, casefold=True)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


@pytest.fixture(scope="session")
def staff_session(browser, live_site, staff_login):
    """Cookies of one staff sign-in (password, then the authenticator code), shared by the
    staff browsers: a code is accepted only once, so each test does not sign in anew."""
    email, password, secret = staff_login
    context, tab, _log = _open_page(browser, live_site, locale="de-DE")
    tab.goto("/admin/login/")
    tab.locator("input[name=login]").fill(email)
    tab.locator("input[name=password]").fill(password)
    tab.locator("main form button[type=submit]").click()
    tab.wait_for_url("**/accounts/2fa/authenticate/**")
    tab.locator("input[name=code]").fill(totp_code(secret))
    # The code form has "Sign in" first, then "Cancel".
    tab.locator("main form button[type=submit]").first.click()
    tab.wait_for_url("**/admin/")
    state = context.storage_state()
    context.close()
    return state


@pytest.fixture
def staff_page(browser, live_site, staff_session, request):
    """A second browser (own cookies) signed in to the Wagtail admin as staff, with the same
    request recording as ``page``."""
    context, tab, log = _open_page(browser, live_site, locale="de-DE", storage_state=staff_session)
    tab.goto("/admin/")
    yield tab
    ARTIFACTS.mkdir(exist_ok=True)
    tab.screenshot(path=ARTIFACTS / f"{request.node.name}-staff.png", full_page=True)
    context.close()
    assert not log.foreign(), (
        f"requests to other hosts than the site's own (staff): {log.foreign()}"
    )
