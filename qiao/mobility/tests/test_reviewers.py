"""Reviewers see what they have reviewed; the reviewer picker keeps the others."""

import pytest
from django.forms import CheckboxSelectMultiple
from django.urls import reverse

from qiao.mobility import services
from qiao.mobility.enums import ApplicationStatus
from qiao.mobility.models import Call

from .factories import ApplicationFactory, UserFactory

pytestmark = pytest.mark.django_db
S = ApplicationStatus


def test_reviewer_sees_which_applications_they_have_reviewed(client, call):
    reviewer, colleague = UserFactory(), UserFactory()
    call.reviewers.add(reviewer, colleague)
    done, open_one, colleagues = [
        ApplicationFactory(call=call, status=S.UNDER_REVIEW) for _ in range(3)
    ]
    services.save_review(done, reviewer=reviewer, score=7, comment="")
    services.save_review(colleagues, reviewer=colleague, score=9, comment="")
    client.force_login(reviewer)

    response = client.get(reverse("mobility:review_call", args=[call.pk]))

    assert {a.pk: a.my_score for a in response.context["ranking"]} == {
        done.pk: 7,
        open_one.pk: None,
        colleagues.pk: None,
    }
    assert response.content.decode().count("Noch nicht bewertet") == 2


def test_reviewer_picker_is_a_list_of_checkboxes_that_keeps_the_others(client, call):
    first, second, _other = UserFactory(), UserFactory(), UserFactory()
    call.reviewers.add(first, second)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    response = client.get(reverse("mobility_calls:edit", args=[call.pk]))

    field = response.context["form"].fields["reviewers"]
    rendered = str(response.context["form"]["reviewers"])
    assert isinstance(field.widget, CheckboxSelectMultiple)
    assert rendered.count('type="checkbox"') == field.queryset.count()
    assert rendered.count(" checked") == 2
    assert set(Call.objects.get(pk=call.pk).reviewers.all()) == {first, second}
