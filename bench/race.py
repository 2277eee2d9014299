"""The registration race: N visitors register at the same moment for one event with 50
seats, through HTTP against the running server, then confirm their e-mail address at the
same moment (seats are taken on confirmation). Afterwards the database must hold exactly
50 confirmed registrations, the rest on the waitlist.

    DJANGO_SETTINGS_MODULE=bench.settings python -m bench.race --base http://127.0.0.1:8000 \
        --event 1234 --threads 200
Prints JSON: each step's time, HTTP statuses and errors, and the final counts by status.
"""

import argparse
import json
import threading
import time
from collections import Counter

import django

from bench.browser import Browser


def _step(name: str, jobs: list) -> dict:
    """Run each job's prepare() in its own thread, release all at one barrier, then
    fire(); time from the release to the last answer."""
    barrier = threading.Barrier(len(jobs) + 1)
    outcomes = [None] * len(jobs)

    def worker(number, job):
        try:
            fire = job()
        except Exception as error:  # noqa: BLE001  (a failed preparation is counted)
            barrier.wait()
            outcomes[number] = ("connection error", repr(error))
            return
        barrier.wait()
        try:
            outcomes[number] = fire()
        except OSError as error:
            outcomes[number] = ("connection error", repr(error))

    threads = [threading.Thread(target=worker, args=item) for item in enumerate(jobs)]
    for thread in threads:
        thread.start()
    barrier.wait()
    released = time.monotonic()
    for thread in threads:
        thread.join()
    seconds = time.monotonic() - released
    statuses = Counter(str(outcome[0]) for outcome in outcomes)
    return {
        "name": name,
        "requests": len(jobs),
        "seconds": seconds,
        "status": dict(statuses),
        "server_errors": sum(
            count for code, count in statuses.items() if code.isdigit() and int(code) >= 500
        ),
        "connection_errors": statuses.get("connection error", 0),
        "bodies": [outcome[1] for outcome in outcomes],
    }


def form_job(base: str, path: str, fields: dict):
    """A visitor who opens the form at ``path`` (cookies, CSRF token), then posts it."""

    def prepare():
        browser = Browser(base)
        status, html = browser.request(path)
        if status != 200:
            raise RuntimeError(f"{path}: HTTP {status}")
        data = {"csrfmiddlewaretoken": browser.csrf_token(html), **fields}
        return lambda: browser.request(path, data)

    return prepare


def register_job(base: str, event_id: int, number: int):
    fields = {
        "name": f"Racer {number}",
        "email": f"racer-{number}@example.org",
        "affiliation": "student",
        "institution": "",
        "website": "",
        "consent": "on",
    }
    return form_job(base, f"/de/event-registration/{event_id}/register/", fields)


def confirm_job(base: str, token: str):
    return form_job(base, f"/de/event-registration/confirm/{token}/", {})


def final_counts(event_id: int) -> dict:
    from django.db.models import Count

    from qiao.events.models import Registration

    rows = (
        Registration.objects.filter(event_id=event_id)
        .values("status")
        .annotate(count=Count("pk"))
        .order_by("status")
    )
    return {row["status"]: row["count"] for row in rows}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--base", required=True, help="the server, or several separated by commas (alternated)"
    )
    parser.add_argument("--event", type=int, required=True)
    parser.add_argument("--threads", type=int, default=200)
    args = parser.parse_args()
    django.setup()
    from qiao.events import services
    from qiao.events.enums import RegistrationStatus
    from qiao.events.models import EventPage, Registration

    event = EventPage.objects.get(pk=args.event)
    bases = args.base.split(",")
    register = _step(
        "register (POST the form)",
        [
            register_job(bases[number % len(bases)], event.pk, number)
            for number in range(args.threads)
        ],
    )
    pending = Registration.objects.filter(event=event, status=RegistrationStatus.PENDING)
    after_register = final_counts(event.pk)
    tokens = [services.confirmation_token(registration) for registration in pending]
    confirm = _step(
        "confirm (POST the signed link)",
        [confirm_job(bases[number % len(bases)], token) for number, token in enumerate(tokens)],
    )
    bodies = confirm.pop("bodies")
    register.pop("bodies")
    confirmed_message = sum("ist bestätigt" in body for body in bodies)
    waitlist_message = sum("stehen Sie auf der Warteliste" in body for body in bodies)
    print(
        json.dumps(
            {
                "threads": args.threads,
                "seats": event.capacity_on_site,
                "steps": [register, confirm],
                "after_register": after_register,
                "final": final_counts(event.pk),
                "messages": (
                    f"After the registration step: {after_register}. Of the confirmation "
                    f"pages, {confirmed_message} said the registration is confirmed and "
                    f"{waitlist_message} that all seats are taken and it is on the waitlist."
                ),
            }
        )
    )


if __name__ == "__main__":
    main()
