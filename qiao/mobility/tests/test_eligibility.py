"""A call's eligibility rules, checked at submission with one message per rule; staff may
waive a rule for one applicant, with the reason logged."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.models import ModelLogEntry

from qiao.mobility import eligibility, services
from qiao.mobility.enums import ApplicationStatus
from qiao.mobility.models import Application

from .factories import ApplicationFactory, CallFactory, UserFactory, upload

pytestmark = pytest.mark.django_db
S = ApplicationStatus


@pytest.fixture
def strict_call(programme):
    return CallFactory(
        programme=programme,
        requires_enrolment=True,
        min_semester=3,
        max_grade=Decimal("2.5"),
        min_language_level="hsk3",
        other_requirements_de="Reisepass mindestens sechs Monate gültig",
        other_requirements_en="Passport valid for at least six months",
    )


def _draft(call, **kwargs):
    application = ApplicationFactory(call=call, **kwargs)
    services.add_document(
        application, by=application.applicant, document_type="cv", uploaded=upload()
    )
    return application


def test_each_unmet_rule_has_its_own_message(strict_call):
    application = _draft(
        strict_call,
        is_enrolled=False,
        semester=2,
        grade_average=Decimal("2.6"),
        language_level="b2",
    )

    with pytest.raises(services.NotEligible) as refused, translation.override("en"):
        services.submit_application(application, by=application.applicant)

    assert refused.value.reasons == [
        "This call is open only to students enrolled at the university.",
        "This call asks for at least semester 3; you gave 2.",
        "This call asks for a grade average of 2.5 or better; you gave 2.6.",
        "This call asks for language level HSK 3 or higher; you gave CEFR B2.",
        "Please confirm that you meet the other requirements of this call.",
    ]
    assert Application.objects.get(pk=application.pk).status == S.DRAFT


def test_rules_met_exactly_at_their_limits_submit(strict_call):
    application = _draft(
        strict_call,
        is_enrolled=True,
        semester=3,
        grade_average=Decimal("2.50"),
        language_level="hsk3",
        confirms_requirements=True,
    )

    services.submit_application(application, by=application.applicant)

    assert Application.objects.get(pk=application.pk).status == S.SUBMITTED


def test_a_waived_rule_is_not_checked_and_the_reason_is_logged(strict_call):
    coordinator = UserFactory(is_staff=True, is_superuser=True)
    application = _draft(
        strict_call,
        is_enrolled=True,
        semester=3,
        grade_average=Decimal("2.7"),
        language_level="hsk4",
        confirms_requirements=True,
    )

    eligibility.waive_rule(
        application, "grade", actor=coordinator, reason="Grades of the first year only"
    )
    services.submit_application(application, by=application.applicant)

    assert Application.objects.get(pk=application.pk).status == S.SUBMITTED
    assert list(
        ModelLogEntry.objects.filter(action="mobility.eligibility.waived").values_list("data")
    ) == [({"rule": "grade", "reason": "Grades of the first year only"},)]


def test_waiving_without_a_reason_is_refused(strict_call):
    coordinator = UserFactory(is_staff=True, is_superuser=True)
    application = _draft(strict_call)
    with pytest.raises(services.ApplicationError):
        eligibility.waive_rule(application, "grade", actor=coordinator, reason="  ")
    assert application.waivers.count() == 0


def test_applicant_sees_why_over_http(client, strict_call):
    application = _draft(strict_call)
    client.force_login(application.applicant)
    data = {
        "first_name": "Anna",
        "last_name": "Muster",
        "motivation": "Ich möchte China kennenlernen.",
        "is_enrolled": "on",
        "semester": "4",
        "grade_average": "3,1",
        "language_level": "hsk4",
        "confirms_requirements": "on",
        "submit": "1",
    }

    response = client.post(reverse("mobility:edit", args=[application.pk]), data, follow=True)

    assert [str(message) for message in response.context["messages"]] == [
        "Ihr Entwurf wurde gespeichert.",
        "Diese Ausschreibung verlangt einen Notendurchschnitt von 2,5 oder besser; "
        "Sie haben 3,1 angegeben.",
    ]
    assert response.context["unmet"] == [
        "Diese Ausschreibung verlangt einen Notendurchschnitt von 2,5 oder besser; "
        "Sie haben 3,1 angegeben."
    ]
    assert Application.objects.get(pk=application.pk).grade_average == Decimal("3.10")


def test_a_grade_outside_the_german_scale_is_refused_next_to_its_field(client, strict_call):
    application = _draft(strict_call)
    client.force_login(application.applicant)

    response = client.post(
        reverse("mobility:edit", args=[application.pk]),
        {"first_name": "Anna", "last_name": "Muster", "grade_average": "0,7", "save": "1"},
    )

    assert response.status_code == 400
    assert response.context["form"].errors == {
        "grade_average": ["Die deutsche Notenskala reicht von 1,0 bis 4,0."]
    }
    assert Application.objects.get(pk=application.pk).grade_average is None


def test_a_call_without_rules_asks_nothing_more(programme):
    call = CallFactory(programme=programme)
    application = _draft(call)
    services.submit_application(application, by=application.applicant)
    assert Application.objects.get(pk=application.pk).status == S.SUBMITTED
