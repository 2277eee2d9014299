"""A minimal HTTP client with its own cookie jar (one per simulated visitor), standard
library only: GET a form, read its CSRF token, POST it; redirects are not followed, so
the status of each response is the server's own."""

import http.cookiejar
import re
import urllib.error
import urllib.parse
import urllib.request

CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    def __init__(self, base: str, timeout: float = 120):
        self.base = base
        self.timeout = timeout
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect
        )

    def request(self, path: str, data: dict | None = None) -> tuple[int, str]:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        headers = {"Referer": self.base + path}
        request = urllib.request.Request(self.base + path, data=body, headers=headers)  # noqa: S310
        try:
            with self.opener.open(request, timeout=self.timeout) as response:  # nosec B310
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace")

    def csrf_token(self, html: str) -> str:
        match = CSRF_FIELD.search(html)
        if not match:
            raise ValueError("no CSRF token in the form")
        return match.group(1)

    def cookie(self, name: str) -> str | None:
        return next((cookie.value for cookie in self.jar if cookie.name == name), None)
