"""Per-client limits behind a reverse proxy: a small proxy, started here, stands between
clients on different loopback addresses and a live server, and appends each client's
address to X-Forwarded-For as nginx does. The application only ever sees the proxy's
address in REMOTE_ADDR."""

import datetime
import http.client
import re
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.test import RequestFactory, override_settings

from qiao.core.models import ContactMessage, ContactPage
from qiao.core.ratelimits import client_ip

from .test_contact import token_issued_at

LIVE = pytest.mark.django_db(transaction=True)

HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "content-length"}


def start_proxy(upstream: str):
    upstream_host, upstream_port = urllib.parse.urlsplit(upstream).netloc.split(":")

    class Forward(BaseHTTPRequestHandler):
        def _forward(self):
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else None
            headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
            previous = self.headers.get("X-Forwarded-For")
            peer = self.client_address[0]
            headers["X-Forwarded-For"] = f"{previous}, {peer}" if previous else peer
            upstream_connection = http.client.HTTPConnection(upstream_host, int(upstream_port))
            upstream_connection.request(self.command, self.path, body=body, headers=headers)
            answer = upstream_connection.getresponse()
            content = answer.read()
            self.send_response(answer.status)
            for name, value in answer.getheaders():
                if name.lower() not in HOP_BY_HOP:
                    self.send_header(name, value)
            self.send_header("Content-Length", str(len(content)))
            self.end_headers()
            self.wfile.write(content)
            upstream_connection.close()

        do_GET = do_POST = _forward

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Forward)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture
def proxy(live_server):
    server = start_proxy(live_server.url)
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


class Browser:
    """A client on its own loopback address that keeps its CSRF cookie."""

    def __init__(self, port: int, address: str):
        self.port, self.address, self.csrf = port, address, ""

    def request(self, method, path, data=None, headers=None):
        connection = http.client.HTTPConnection(
            "127.0.0.1", self.port, source_address=(self.address, 0), timeout=30
        )
        headers = {"Host": "127.0.0.1", **(headers or {})}
        body = None
        if self.csrf:
            headers["Cookie"] = f"csrftoken={self.csrf}"
        if data is not None:
            body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": self.csrf})
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        response.read()
        cookie = re.search(r"csrftoken=([A-Za-z0-9]+)", response.getheader("Set-Cookie") or "")
        if cookie:
            self.csrf = cookie.group(1)
        connection.close()
        return response.status

    def post(self, path, data, headers=None):
        if not self.csrf:
            self.request("GET", path)
        return self.request("POST", path, data, headers)


@pytest.fixture
def contact_page(homes):
    page = ContactPage(title="Kontakt", slug="kontakt", thank_you_text="Danke schön!")
    homes["de"].add_child(instance=page)
    page.save_revision().publish()
    return page


def message(number: int) -> dict:
    moment = datetime.datetime.now(tz=datetime.UTC) - datetime.timedelta(minutes=1)
    return {
        "name": "Li Wei",
        "email": "li.wei@example.org",
        "subject": f"Frage {number}",
        "message": "Wann beginnt die Bewerbung?",
        "privacy": "on",
        "website": "",
        "token": token_issued_at(moment),
    }


@LIVE
@override_settings(TRUSTED_PROXY_COUNT=1, CONTACT_RATE_LIMIT="2/h")
def test_contact_limit_behind_proxy_counts_each_client_on_its_own(proxy, contact_page):
    first, second = Browser(proxy, "127.0.0.2"), Browser(proxy, "127.0.0.3")
    # The first client also claims another address; only what the proxy saw counts.
    forged = {"X-Forwarded-For": "203.0.113.9"}

    statuses_first = [first.post("/de/kontakt/", message(n), forged) for n in range(3)]
    statuses_second = [second.post("/de/kontakt/", message(n)) for n in range(2)]

    assert statuses_first == [302, 302, 429]
    assert statuses_second == [302, 302]
    assert ContactMessage.objects.count() == 4


@LIVE
@override_settings(TRUSTED_PROXY_COUNT=1, CONTACT_RATE_LIMIT="2/h")
def test_contact_limit_behind_proxy_ignores_invalid_posts(proxy, contact_page):
    stranger, visitor = Browser(proxy, "127.0.0.4"), Browser(proxy, "127.0.0.5")

    junk = [stranger.post("/de/kontakt/", {"name": "x"}) for _ in range(20)]
    after_junk = [stranger.post("/de/kontakt/", message(n)) for n in range(2)]
    visitor_status = visitor.post("/de/kontakt/", message(9))

    assert set(junk) == {400}
    assert after_junk == [302, 302]
    assert visitor_status == 302
    assert ContactMessage.objects.count() == 3


@LIVE
@override_settings(TRUSTED_PROXY_COUNT=1)
def test_failed_logins_behind_proxy_lock_out_only_that_client(proxy, homes):
    from allauth.account.models import EmailAddress

    from qiao.mobility.tests.factories import UserFactory

    user = UserFactory(email="li.hua@example.org")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    guesser, applicant = Browser(proxy, "127.0.0.6"), Browser(proxy, "127.0.0.7")
    login = "/en/accounts/login/"

    for number in range(10):
        guesser.post(login, {"login": f"nobody{number}@example.org", "password": "wrong-guess"})
    guesser_status = guesser.post(login, {"login": user.email, "password": "secret-pass-123"})
    applicant_status = applicant.post(login, {"login": user.email, "password": "secret-pass-123"})

    assert guesser_status == 200  # the form again, saying there were too many attempts
    assert applicant_status == 302


def forwarded_request(remote: str, forwarded: str | None):
    headers = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **headers)


@pytest.mark.parametrize(
    ("hops", "remote", "forwarded", "expected"),
    [
        (0, "10.0.0.1", "198.51.100.7", "10.0.0.1"),
        (1, "10.0.0.1", "198.51.100.7", "198.51.100.7"),
        (1, "10.0.0.1", "203.0.113.9, 198.51.100.7", "198.51.100.7"),
        (2, "10.0.0.2", "203.0.113.9, 198.51.100.7, 10.0.0.1", "198.51.100.7"),
        (2, "10.0.0.2", "198.51.100.7", "10.0.0.2"),
        (1, "10.0.0.1", None, "10.0.0.1"),
        (1, "10.0.0.1", "not-an-address", "10.0.0.1"),
        (1, "10.0.0.1", " 2001:db8::1 ", "2001:db8::1"),
    ],
)
def test_client_ip_trusts_only_the_configured_proxies(hops, remote, forwarded, expected):
    with override_settings(TRUSTED_PROXY_COUNT=hops):
        assert client_ip(forwarded_request(remote, forwarded)) == expected
