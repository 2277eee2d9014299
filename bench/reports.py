"""Server time of the statistics and the funder report at bench volume (run by
bench/run.py on its database after bench.generate; prints JSON).

    DJANGO_SETTINGS_MODULE=bench.settings python -m bench.reports

For the busiest year of the generated data: the statistics query function alone, the
whole statistics page through Django's test client (middleware, template, charts), and
each funder report file; the best and the median of five runs in milliseconds."""

import json
import statistics
import time

import django


def _timed(work, runs: int = 5) -> dict:
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        work()
        times.append((time.perf_counter() - began) * 1000)
    return {"best_ms": round(min(times)), "median_ms": round(statistics.median(times))}


def main() -> None:
    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.db.models import Count
    from django.db.models.functions import ExtractYear
    from django.test import Client

    from qiao.events.models import Registration
    from qiao.reports import queries
    from qiao.reports.queries import Period, PeriodKind

    year = (
        Registration.objects.annotate(year=ExtractYear("event__start"))
        .values("year")
        .annotate(n=Count("id"))
        .order_by("-n")
        .first()["year"]
    )
    # The test client signs in without the second factor, which is not what is measured.
    settings.STAFF_TWO_FACTOR_REQUIRED = False
    user = get_user_model().objects.filter(is_superuser=True).first()
    client = Client()
    client.force_login(user)

    def page(path):
        def get():
            response = client.get(path)
            assert response.status_code == 200, (path, response.status_code)

        return get

    result = {
        "year": year,
        "registrations": Registration.objects.count(),
        "statistics()": _timed(lambda: queries.statistics(Period.of(PeriodKind.CALENDAR, year))),
        "statistics page": _timed(page(f"/admin/reports/statistics/?year={year}")),
        "funder report XLSX": _timed(page(f"/admin/reports/funder/{year}/xlsx/de/"), runs=3),
        "funder report PDF": _timed(page(f"/admin/reports/funder/{year}/pdf/de/"), runs=3),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
