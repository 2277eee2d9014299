"""Counts the SQL queries each URL costs, through Django's test client, anonymous and
signed in as the bench applicant (bench/applicant.py). The first request of each URL warms
the caches (site settings, menus) as a busy server has them; the second is counted.

    DJANGO_SETTINGS_MODULE=bench.settings python -m bench.queries /de/ /de/aktuelles/
Prints JSON: {url: {"status": 200, "queries": 12, "status_user": 200, "queries_user": 14}}.
"""

import json
import sys
import time

import django


def _count(client, url: str) -> tuple[int, int, float, int]:
    """Status, queries and server time (ms, best of three) of the second request; the
    size of the HTML."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    # Counted now: the next request clears the connection's log the count is read from.
    queries = len(captured)
    times = []
    for _ in range(3):
        began = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - began) * 1000)
    return response.status_code, queries, min(times), len(response.content)


def count_queries(urls: list[str]) -> dict:
    from django.test import Client

    from bench.applicant import ensure_applicant

    anonymous = Client()
    signed_in = Client()
    signed_in.force_login(ensure_applicant())
    result = {}
    for url in urls:
        status, queries, milliseconds, size = _count(anonymous, url)
        status_user, queries_user, _ms, _size = _count(signed_in, url)
        result[url] = {
            "status": status,
            "queries": queries,
            "ms": round(milliseconds),
            "bytes": size,
            "status_user": status_user,
            "queries_user": queries_user,
        }
    return result


if __name__ == "__main__":
    django.setup()
    print(json.dumps(count_queries(sys.argv[1:])))
