"""Who may apply: a call's rules, checked when an application is submitted, one clear
message per rule not met; staff may waive a rule for one applicant, with a reason."""

from django.db import IntegrityError, transaction
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from qiao.accounts import audit

from . import access
from .enums import EligibilityRule, LanguageLevel, language_scale_and_rank
from .models import Application, EligibilityWaiver
from .queries import applicant_label, application_subject
from .services import ApplicationError

R = EligibilityRule


def _grade(value) -> str:
    return number_format(value, 1)


def unmet_rules(application: Application) -> list[tuple[str, str]]:
    """(rule, message) for each rule of the call the application does not meet, in the
    active language; waived rules are left out."""
    call = application.call
    waived = set(application.waivers.values_list("rule", flat=True))
    unmet = []
    if call.requires_enrolment and application.is_enrolled is not True:
        unmet.append(
            (R.ENROLMENT, _("This call is open only to students enrolled at the university."))
        )
    if call.min_semester and (application.semester or 0) < call.min_semester:
        unmet.append(
            (
                R.SEMESTER,
                _("This call asks for at least semester %(minimum)s; you gave %(given)s.")
                % {"minimum": call.min_semester, "given": application.semester or "–"},
            )
        )
    if call.max_grade is not None and (
        application.grade_average is None or application.grade_average > call.max_grade
    ):
        unmet.append(
            (
                R.GRADE,
                _("This call asks for a grade average of %(limit)s or better; you gave %(given)s.")
                % {
                    "limit": _grade(call.max_grade),
                    "given": _grade(application.grade_average)
                    if application.grade_average is not None
                    else "–",
                },
            )
        )
    if call.min_language_level and not _language_met(
        application.language_level, call.min_language_level
    ):
        unmet.append(
            (
                R.LANGUAGE,
                _("This call asks for language level %(minimum)s or higher; you gave %(given)s.")
                % {
                    "minimum": LanguageLevel(call.min_language_level).label,
                    "given": LanguageLevel(application.language_level).label
                    if application.language_level
                    else "–",
                },
            )
        )
    if call.other_requirements_de and not application.confirms_requirements:
        unmet.append(
            (R.OTHER, _("Please confirm that you meet the other requirements of this call."))
        )
    return [(rule, message) for rule, message in unmet if rule not in waived]


def _language_met(given: str, minimum: str) -> bool:
    if not given:
        return False
    given_scale, given_rank = language_scale_and_rank(given)
    minimum_scale, minimum_rank = language_scale_and_rank(minimum)
    return given_scale == minimum_scale and given_rank >= minimum_rank


def waive_rule(application: Application, rule: str, *, actor, reason: str) -> EligibilityWaiver:
    """Let one applicant through one rule; the reason goes into the log and the audit
    trail."""
    if not access.is_coordinator(actor):
        raise ApplicationError(_("You may not waive eligibility rules."))
    reason = reason.strip()
    if not reason:
        raise ApplicationError(_("Please give a reason for waiving the rule."))
    if rule not in R.values:
        raise ApplicationError(_("Unknown rule."))
    try:
        with transaction.atomic():
            waiver = EligibilityWaiver.objects.create(
                application=application, rule=rule, reason=reason, waived_by=actor
            )
            log(
                instance=application,
                action="mobility.eligibility.waived",
                user=actor,
                data={"rule": rule, "reason": reason},
            )
            audit.record(
                actor,
                audit.STATUS_CHANGED,
                person=applicant_label(application),
                subject=application_subject(application),
                detail=f"rule waived: {rule}: {reason}",
            )
    except IntegrityError:
        raise ApplicationError(_("This rule has already been waived.")) from None
    return waiver
