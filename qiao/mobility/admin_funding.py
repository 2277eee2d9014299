"""Back-office screens of a call's funding: budget committed, paid and left; a grant for
each selected participant; payments and reclaims; the grants as a spreadsheet."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from qiao.accounts import audit

from . import exports, funding, queries
from .admin_forms import GrantForm, GrantStatusForm
from .admin_views import _coordinator_only
from .enums import GRANT_TRANSITIONS
from .models import Application, Call, Grant
from .queries import applicant_label
from .services import ApplicationError


def _targets(grant) -> list[str]:
    return [to for frm, to in GRANT_TRANSITIONS if frm == grant.status]


def _rows(call, overview, failed=None):
    """Each participant with the form that fits: a new grant, or its next status; the
    refused form (``failed``: prefix, form) keeps what was typed and its message."""
    rows = []
    for application in overview["participants"]:
        grant = getattr(application, "grant", None)
        prefix = f"a{application.pk}"
        if failed and failed[0] == prefix:
            form = failed[1]
        elif grant is None:
            form = GrantForm(prefix=prefix, initial=call.default_grant_parts())
        else:
            form = GrantStatusForm(prefix=prefix, targets=_targets(grant))
        rows.append({"application": application, "grant": grant, "form": form, "prefix": prefix})
    return rows


def _page(request, call, *, failed=None, status=200):
    overview = queries.funding_overview(call)
    context = {
        "call": call,
        "overview": overview,
        "rows": _rows(call, overview, failed),
        "page_title": _("Funding: %(call)s") % {"call": call.title},
        "header_icon": "doc-full",
    }
    return render(request, "mobility/admin/funding.html", context, status=status)


@_coordinator_only
def call_funding(request, call_id: int):
    return _page(request, get_object_or_404(Call, pk=call_id))


@_coordinator_only
@require_POST
def grant_approve(request, call_id: int, application_id: int):
    call = get_object_or_404(Call, pk=call_id)
    application = get_object_or_404(Application, pk=application_id, call=call)
    prefix = f"a{application.pk}"
    form = GrantForm(request.POST, prefix=prefix)
    if form.is_valid():
        try:
            funding.approve_grant(
                application,
                actor=request.user,
                parts=form.parts(),
                override_reason=form.cleaned_data["override_reason"],
            )
        except ApplicationError as error:
            form.add_error("override_reason", error.message)
        else:
            messages.success(request, _("The grant has been offered."))
            return redirect("mobility_admin:funding", call_id=call.pk)
    return _page(request, call, failed=(prefix, form), status=400)


@_coordinator_only
@require_POST
def grant_status(request, call_id: int, grant_id: int):
    call = get_object_or_404(Call, pk=call_id)
    grant = get_object_or_404(Grant, pk=grant_id, call=call)
    prefix = f"a{grant.application_id}"
    form = GrantStatusForm(request.POST, prefix=prefix, targets=_targets(grant))
    if form.is_valid():
        try:
            funding.set_grant_status(
                grant,
                form.cleaned_data["status"],
                actor=request.user,
                amount=form.cleaned_data["amount"],
                on=form.cleaned_data["on"],
            )
        except ApplicationError as error:
            form.add_error("status", error.message)
        else:
            messages.success(request, _("The grant has been changed."))
            return redirect("mobility_admin:funding", call_id=call.pk)
    return _page(request, call, failed=(prefix, form), status=400)


@_coordinator_only
def grants_export(request, call_id: int):
    call = get_object_or_404(Call, pk=call_id)
    participants = [
        application
        for application in queries.funding_overview(call)["participants"]
        if getattr(application, "grant", None) is not None
    ]
    response = HttpResponse(
        exports.grants_xlsx(call, participants),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    audit.record_many(
        request.user,
        audit.EXPORTED,
        people=[applicant_label(application) for application in participants],
        subject=f"{call.title} (grants XLSX)",
    )
    response["Content-Disposition"] = f'attachment; filename="grants-{call.pk}.xlsx"'
    return response
