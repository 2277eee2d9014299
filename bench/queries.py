"""Counts the SQL queries each URL costs, through Django's test client (anonymous, cold
cache for each URL's first request, then warm: the warm count is reported).

    DJANGO_SETTINGS_MODULE=bench.settings python -m bench.queries /de/ /de/aktuelles/
Prints JSON: {url: {"status": 200, "queries": 12}}.
"""

import json
import sys

import django


def count_queries(urls: list[str]) -> dict:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    result = {}
    for url in urls:
        client.get(url)  # warm caches (site settings, menus) as a busy server has them
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        result[url] = {"status": response.status_code, "queries": len(captured)}
    return result


if __name__ == "__main__":
    django.setup()
    print(json.dumps(count_queries(sys.argv[1:])))
