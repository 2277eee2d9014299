"""Every write of a call's funding: grants offered within the budget, their status,
payment and reclaim. Each function is one transaction; the call row is locked for every
commitment, so two coordinators never both spend the last euro."""

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from qiao.accounts import audit

from . import access
from .enums import GRANT_TRANSITIONS, HOLDS_PLACE, GrantStatus
from .models import Application, Call, Grant
from .queries import applicant_label, application_subject
from .services import ApplicationError

G = GrantStatus
CENT = Decimal("0.01")
PARTS = ("flight", "visa", "stipend", "flat_rate")


def _money(value) -> Decimal:
    amount = Decimal(value).quantize(CENT)
    if amount < 0:
        raise ApplicationError(_("Amounts cannot be negative."))
    return amount


def format_euro(amount: Decimal) -> str:
    """An amount in euros as the active language writes it (3.000,01 € in German)."""
    return number_format(amount, 2, force_grouping=True) + " €"


def budget_left(call: Call) -> Decimal:
    return call.budget - call.grants.totals()["committed"]


def approve_grant(
    application: Application,
    *,
    actor,
    parts: dict | None = None,
    override_reason: str = "",
) -> Grant:
    """Offer a grant to a selected participant: the call's amounts per person unless
    ``parts`` says otherwise. Refused when it would take the commitments over the budget,
    unless a coordinator gives a reason (logged)."""
    if not access.is_coordinator(actor):
        raise ApplicationError(_("You may not approve grants."))
    override_reason = override_reason.strip()
    with transaction.atomic():
        call = Call.objects.select_for_update().get(pk=application.call_id)
        application = Application.objects.select_for_update().get(pk=application.pk)
        if not call.has_funding:
            raise ApplicationError(_("This call carries no funding."))
        if application.status not in HOLDS_PLACE:
            raise ApplicationError(_("Only participants offered a place can get a grant."))
        if Grant.objects.filter(application=application).exists():
            raise ApplicationError(_("This participant already has a grant."))
        given = parts or call.default_grant_parts()
        amounts = {name: _money(given.get(name, 0)) for name in PARTS}
        total = sum(amounts.values(), Decimal("0.00"))
        left = budget_left(call)
        if total > left and not override_reason:
            raise ApplicationError(
                _(
                    "This grant of %(amount)s would exceed the budget: %(left)s are left. "
                    "A coordinator may exceed it by giving a reason."
                )
                % {"amount": format_euro(total), "left": format_euro(left)}
            )
        grant = Grant.objects.create(
            application=application,
            call=call,
            amount=total,
            created_by=actor,
            override_reason=override_reason if total > left else "",
            **amounts,
        )
        detail = f"grant {total} EUR"
        if total > left:
            detail += f"; budget exceeded by {total - left} EUR: {override_reason}"
            log(
                instance=grant,
                action="mobility.grant.over_budget",
                user=actor,
                data={"call": call.pk, "left": str(left), "amount": str(total)},
            )
        log(instance=grant, action="mobility.grant.offered", user=actor)
        audit.record(
            actor,
            audit.STATUS_CHANGED,
            person=applicant_label(application),
            subject=application_subject(application),
            detail=detail,
        )
    return grant


def set_grant_status(
    grant: Grant,
    new_status: str,
    *,
    actor,
    amount: Decimal | None = None,
    on: date | None = None,
) -> Grant:
    """The one place a grant's status changes. Paying records the amount and date paid
    (the whole grant unless ``amount``); reclaiming the amount and date reclaimed."""
    if actor is not None and not access.is_coordinator(actor):
        raise ApplicationError(_("You may not change grants."))
    with transaction.atomic():
        Call.objects.select_for_update().get(pk=grant.call_id)
        grant = Grant.objects.select_for_update().select_related("application").get(pk=grant.pk)
        _transition(grant, new_status, actor=actor, amount=amount, on=on)
    return grant


def _transition(grant: Grant, new_status: str, *, actor, amount=None, on=None) -> None:
    old_status = grant.status
    if (old_status, new_status) not in GRANT_TRANSITIONS:
        raise ApplicationError(
            _("A grant cannot go from “%(old)s” to “%(new)s”.")
            % {"old": G(old_status).label, "new": G(new_status).label}
        )
    fields = ["status"]
    if new_status == G.PAID:
        if on is None:
            raise ApplicationError(_("Please give the date of payment."))
        grant.paid_amount = grant.amount if amount is None else _money(amount)
        if grant.paid_amount > grant.amount:
            raise ApplicationError(_("More than the grant cannot be paid."))
        grant.paid_on = on
        fields += ["paid_amount", "paid_on"]
    if new_status == G.RECLAIMED:
        if on is None or amount is None:
            raise ApplicationError(_("Please give the amount reclaimed and the date."))
        grant.reclaimed_amount = _money(amount)
        if grant.reclaimed_amount > grant.paid_amount:
            raise ApplicationError(_("More than was paid cannot be reclaimed."))
        grant.reclaimed_on = on
        fields += ["reclaimed_amount", "reclaimed_on"]
    grant.status = new_status
    grant.save(update_fields=fields)
    log(instance=grant, action=f"mobility.grant.{new_status}", user=actor)
    audit.record(
        actor,
        audit.STATUS_CHANGED,
        person=applicant_label(grant.application),
        subject=application_subject(grant.application),
        detail=f"grant {old_status} → {new_status}",
    )


def follow_application(application: Application, new_status: str) -> None:
    """The grant follows its place: accepting the place accepts it; declining,
    withdrawing or an expired offer cancels it. Called inside the status change."""
    from .enums import ApplicationStatus as S

    grant = Grant.objects.filter(application=application).select_for_update().first()
    if grant is None:
        return
    if new_status == S.ACCEPTED and grant.status == G.OFFERED:
        _transition(grant, G.ACCEPTED, actor=None)
    elif new_status in (S.DECLINED, S.WITHDRAWN, S.EXPIRED) and grant.status in (
        G.OFFERED,
        G.ACCEPTED,
    ):
        _transition(grant, G.CANCELLED, actor=None)
