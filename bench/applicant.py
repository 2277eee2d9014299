"""The signed-in visitor of the benchmark: an applicant account with a verified e-mail
address and a submitted application to an open call (as a real applicant has).

    DJANGO_SETTINGS_MODULE=bench.settings python -m bench.applicant
Creates it if missing and prints JSON: {"email": ..., "password": ...}.
"""

import json

import django

EMAIL = "bench-applicant@example.org"
# A throwaway account of the benchmark database only.
PASSWORD = "bench-applicant-password"  # noqa: S105  # nosec B105


def ensure_applicant():
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from qiao.mobility.enums import ApplicationStatus
    from qiao.mobility.models import Application, Call

    User = get_user_model()
    user = User.objects.filter(username="bench-applicant").first()
    if user is None:
        user = User.objects.create_user(
            "bench-applicant", EMAIL, PASSWORD, first_name="Bea", last_name="Bench"
        )
        EmailAddress.objects.create(user=user, email=EMAIL, verified=True, primary=True)
        call = Call.objects.open_at(timezone.now()).order_by("pk").first()
        if call is not None:
            Application.objects.create(
                call=call,
                applicant=user,
                status=ApplicationStatus.SUBMITTED,
                first_name="Bea",
                last_name="Bench",
                motivation="Benchmark",
                submitted_at=timezone.now(),
            )
    return user


if __name__ == "__main__":
    django.setup()
    ensure_applicant()
    print(json.dumps({"email": EMAIL, "password": PASSWORD}))
