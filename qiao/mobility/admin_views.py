"""Back-office screens with workflow (Wagtail admin): calls with counts, the applications
of a call with filters and bulk status change, exports, selection, one application."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from qiao.accounts import audit

from . import access, eligibility, exports, nominations, queries, services
from .admin_forms import ApplicationFilterForm, BulkStatusForm, SelectionForm, WaiverForm
from .enums import Actor, ApplicationStatus, BundleStatus, allowed_targets
from .forms import StatusForm
from .models import Application, Call, DocumentBundle, InterviewSlot
from .queries import applicant_label, application_subject


def _coordinator_only(view):
    def wrapped(request, *args, **kwargs):
        if not access.is_coordinator(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    return wrapped


@_coordinator_only
def call_overview(request):
    calls = queries.calls_with_counts().order_by("-closes_at")
    return render(
        request,
        "mobility/admin/calls.html",
        {"calls": calls, "page_title": _("Calls and applications"), "header_icon": "form"},
    )


def _filtered_applications(call, data):
    form = ApplicationFilterForm(data)
    applications = queries.ranking(call)
    if form.is_valid():
        if form.cleaned_data["status"]:
            applications = applications.filter(status=form.cleaned_data["status"])
        if form.cleaned_data["q"]:
            term = form.cleaned_data["q"]
            applications = applications.filter(
                Q(first_name__icontains=term)
                | Q(last_name__icontains=term)
                | Q(applicant__email__icontains=term)
            )
    return form, applications


@_coordinator_only
def call_applications(request, call_id: int):
    call = get_object_or_404(Call, pk=call_id)
    filter_form, applications = _filtered_applications(call, request.GET)
    context = {
        "call": call,
        "filter_form": filter_form,
        "applications": applications,
        "bulk_form": BulkStatusForm(),
        "free_places": call.places - call.places_taken(),
        "page_title": call.title,
        "header_icon": "form",
        "query": request.GET.urlencode(),
    }
    return render(request, "mobility/admin/applications.html", context)


@_coordinator_only
def call_export(request, call_id: int, file_format: str):
    call = get_object_or_404(Call, pk=call_id)
    _form, applications = _filtered_applications(call, request.GET)
    if file_format == "xlsx":
        response = HttpResponse(
            exports.applications_xlsx(applications),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        response = HttpResponse(exports.applications_csv(applications), content_type="text/csv")
    audit.record_many(
        request.user,
        audit.EXPORTED,
        people=[applicant_label(app) for app in applications.select_related("applicant")],
        subject=f"{call.title} ({file_format.upper()})",
    )
    response["Content-Disposition"] = f'attachment; filename="applications-{call.pk}.{file_format}"'
    return response


@_coordinator_only
def nominations_export(request, call_id: int, file_format: str):
    """The selected participants for the partner university, as XLSX or EWP-style JSON."""
    call = get_object_or_404(Call.objects.select_related("programme__partner"), pk=call_id)
    if file_format == "json":
        response = HttpResponse(
            nominations.nominations_json(call), content_type="application/json; charset=utf-8"
        )
    else:
        response = HttpResponse(
            nominations.nominations_xlsx(call),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    audit.record_many(
        request.user,
        audit.EXPORTED,
        people=[applicant_label(app) for app in nominations.selected(call)],
        subject=f"{call.title} (nominations {file_format.upper()})",
    )
    response["Content-Disposition"] = f'attachment; filename="nominations-{call.pk}.{file_format}"'
    return response


@_coordinator_only
@require_POST
def bulk_status(request, call_id: int):
    call = get_object_or_404(Call, pk=call_id)
    form = BulkStatusForm(request.POST)
    ids = [value for value in request.POST.getlist("application") if value.isdigit()]
    if not form.is_valid() or not ids:
        messages.error(request, _("Choose applications and a status."))
        return redirect("mobility_admin:applications", call_id=call.pk)
    changed, refused = services.bulk_set_status(
        Application.objects.filter(call=call, pk__in=ids).values_list("pk", flat=True),
        form.cleaned_data["status"],
        actor=request.user,
        note=form.cleaned_data["note"],
    )
    messages.success(
        request,
        _(
            "%(changed)s applications changed, %(refused)s refused "
            "(not allowed from their status or no place left)."
        )
        % {"changed": changed, "refused": refused},
    )
    return redirect("mobility_admin:applications", call_id=call.pk)


@_coordinator_only
def selection(request, call_id: int):
    """Who gets what, shown before anything is sent; the selection runs on confirmation
    of exactly this plan."""
    call = get_object_or_404(Call, pk=call_id)
    plan = queries.selection_plan(call)
    initial = {
        "reply_by": timezone.localtime(services.default_reply_by(call)).replace(
            second=0, microsecond=0
        ),
        "plan": plan.token(),
    }
    form = SelectionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            offered, waitlisted = services.run_selection(
                call,
                actor=request.user,
                reply_by=form.cleaned_data["reply_by"],
                expected=form.cleaned_data["plan"],
            )
        except services.ApplicationError as error:
            messages.error(request, error.message)
            return redirect("mobility_admin:selection", call_id=call.pk)
        messages.success(
            request,
            ngettext("%(count)s place offered.", "%(count)s places offered.", offered)
            % {"count": offered}
            + " "
            + ngettext(
                "%(count)s applicant put on the waiting list.",
                "%(count)s applicants put on the waiting list.",
                waitlisted,
            )
            % {"count": waitlisted},
        )
        return redirect("mobility_admin:applications", call_id=call.pk)
    context = {
        "call": call,
        "plan": plan,
        "form": form,
        "may_offer": call.may_offer_places(),
        "page_title": _("Selection: %(call)s") % {"call": call.title},
        "header_icon": "form",
    }
    status = 400 if form.errors else 200
    return render(request, "mobility/admin/selection.html", context, status=status)


@_coordinator_only
def application(request, pk: int):
    application = get_object_or_404(
        Application.objects.select_related("call", "applicant").with_score(), pk=pk
    )
    form = StatusForm(
        request.POST or None, targets=allowed_targets(application.status, Actor.STAFF)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.set_application_status(
                application,
                form.cleaned_data["status"],
                actor=request.user,
                note=form.cleaned_data["note"],
            )
        except services.ApplicationError as error:
            form.add_error("status", error.message)
        else:
            messages.success(request, _("The status has been changed."))
            return redirect("mobility_admin:application", pk=pk)
    if request.method == "GET":
        audit.record(
            request.user,
            audit.OPENED,
            person=applicant_label(application),
            subject=application_subject(application),
        )
    context = {
        "application": application,
        "form": form,
        "questions": queries.answered_questions(application),
        "documents": application.documents.all(),
        "changes": application.status_changes.select_related("actor"),
        "reviews": application.reviews.select_related("reviewer", "application__call"),
        "slot": InterviewSlot.objects.filter(application=application).first(),
        "bundle": DocumentBundle.objects.filter(application=application).first(),
        "unmet": eligibility.unmet_rules(application),
        "waivers": application.waivers.select_related("waived_by"),
        "waiver_form": WaiverForm(),
        "letters": access.available_letters(application),
        "page_title": application.full_name,
        "header_icon": "user",
    }
    return render(request, "mobility/admin/application.html", context)


@_coordinator_only
@require_POST
def waive(request, pk: int):
    """Let this applicant through one eligibility rule, with a reason (logged)."""
    application = get_object_or_404(Application, pk=pk)
    form = WaiverForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a rule and give a reason."))
        return redirect("mobility_admin:application", pk=pk)
    try:
        eligibility.waive_rule(
            application,
            form.cleaned_data["rule"],
            actor=request.user,
            reason=form.cleaned_data["reason"],
        )
    except services.ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The rule has been waived for this applicant."))
    return redirect("mobility_admin:application", pk=pk)


@_coordinator_only
@require_POST
def bundle_request(request, pk: int):
    """Ask the task worker for all documents as one PDF; the application page shows
    "being prepared" and then the download link."""
    application = get_object_or_404(Application, pk=pk)
    services.request_bundle(application, by=request.user, language=get_language())
    messages.success(
        request, _("All documents are being prepared as one PDF. Reload this page in a moment.")
    )
    return redirect("mobility_admin:application", pk=pk)


@_coordinator_only
def bundle(request, pk: int):
    """The prepared PDF, only through this view (the file itself is private)."""
    bundle = get_object_or_404(
        DocumentBundle, application_id=pk, status=BundleStatus.READY, file__gt=""
    )
    response = FileResponse(
        bundle.file.open("rb"),
        as_attachment=True,
        filename=f"application-{pk}.pdf",
        content_type="application/pdf",
    )
    response["Cache-Control"] = "private, no-store"
    application = bundle.application
    audit.record(
        request.user,
        audit.DOWNLOADED,
        person=applicant_label(application),
        subject=application_subject(application),
        detail="PDF",
    )
    return response


STATUS_CHOICES = ApplicationStatus.choices


@_coordinator_only
def reports(request):
    """Experience reports waiting for review first, then the published ones."""
    from .models import ExperienceReport

    listed = ExperienceReport.objects.exclude(status="draft").select_related(
        "application", "application__call"
    )
    return render(
        request,
        "mobility/admin/reports.html",
        {
            "waiting": [report for report in listed if report.status == "submitted"],
            "published": [report for report in listed if report.status == "published"],
            "page_title": _("Experience reports"),
            "header_icon": "doc-full",
        },
    )


@_coordinator_only
@require_POST
def report_review(request, report_id: int):
    from . import experience
    from .models import ExperienceReport

    report = get_object_or_404(ExperienceReport, pk=report_id)
    try:
        if request.POST.get("action") == "publish":
            experience.publish_report(report, actor=request.user)
            messages.success(request, _("The report is published on the programme's page."))
        else:
            note = request.POST.get("note", "")[:2000]
            experience.return_report(report, actor=request.user, note=note)
            messages.success(request, _("The report has been returned to its author."))
    except services.ApplicationError as error:
        messages.error(request, error.message)
    return redirect("mobility_admin:reports")
