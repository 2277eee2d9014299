"""Back-office screens with workflow: one group's roster, import, timetable with
attendance, letters and passport data. Thin: forms validate, services write."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from qiao.accounts import audit

from . import access, ics, letters, queries, roster, services
from .enums import LetterKind, LetterLanguage
from .forms import RosterUploadForm
from .links import portal_url
from .models import Cohort, Participant


def _managers_only(view):
    def wrapped(request, *args, **kwargs):
        if not access.can_manage(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    return wrapped


@_managers_only
def cohort(request, pk):
    group = get_object_or_404(Cohort.objects.select_related("partner"), pk=pk)
    sessions = list(group.sessions.all())
    rows = [
        {
            "participant": participant,
            "link": portal_url(participant),
            "attendance": queries.attendance_percent(participant.attended, len(sessions)),
            "certificate": queries.meets_attendance_rule(
                participant, attended=participant.attended, sessions=len(sessions)
            ),
        }
        for participant in queries.roster(group)
    ]
    return render(
        request,
        "incoming/admin/cohort.html",
        {
            "cohort": group,
            "participants": rows,
            "sessions": sessions,
            "can_view_passports": access.can_view_passport_data(request.user, group),
            "page_title": group.title,
            "header_icon": "group",
        },
    )


def _import_checked(request, group, form, check) -> bool:
    """Import a checked roster; on any error put the message on the form. Returns
    whether the participants were imported."""
    if not check.is_valid:
        form.add_error(
            "file",
            ngettext(
                "%(count)s row has errors; nobody was imported. Please correct the file "
                "and upload it again.",
                "%(count)s rows have errors; nobody was imported. Please correct the "
                "file and upload it again.",
                len(check.errors),
            )
            % {"count": len(check.errors)},
        )
        return False
    try:
        created = services.import_roster(group, check.rows, by=request.user)
    except services.CapacityExceeded:
        form.add_error("file", _("Meanwhile others were added: the group has too few free places."))
        return False
    messages.success(
        request,
        ngettext(
            "%(count)s participant imported.",
            "%(count)s participants imported.",
            len(created),
        )
        % {"count": len(created)},
    )
    return True


@_managers_only
def roster_import(request, pk):
    group = get_object_or_404(Cohort, pk=pk)
    form = RosterUploadForm(request.POST or None, request.FILES or None)
    check = None
    if request.method == "POST" and form.is_valid():
        try:
            check = roster.check_roster(form.cleaned_data["file"], group)
        except roster.RosterFileError as error:
            form.add_error("file", error.message)
        else:
            if _import_checked(request, group, form, check):
                return redirect("incoming_admin:cohort", pk=group.pk)
    return render(
        request,
        "incoming/admin/roster_import.html",
        {
            "cohort": group,
            "form": form,
            "row_errors": check.errors if check else [],
            "page_title": _("Import the roster"),
            "header_icon": "upload",
        },
    )


@_managers_only
def roster_template(request, extension):
    if extension == "csv":
        response = HttpResponse(roster.template_csv(), content_type="text/csv; charset=utf-8")
    elif extension == "xlsx":
        response = HttpResponse(
            roster.template_xlsx(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="roster-template.{extension}"'
    return response


@_managers_only
@require_POST
def send_links(request, pk):
    group = get_object_or_404(Cohort, pk=pk)
    count = services.send_portal_links(group, by=request.user)
    messages.success(
        request,
        ngettext(
            "The personal link was sent to %(count)s participant.",
            "The personal links were sent to %(count)s participants.",
            count,
        )
        % {"count": count},
    )
    return redirect("incoming_admin:cohort", pk=group.pk)


@_managers_only
def attendance(request, pk, session_id):
    group = get_object_or_404(Cohort, pk=pk)
    session = get_object_or_404(group.sessions, pk=session_id)
    participants = list(queries.roster(group))
    if request.method == "POST":
        present_ids = {int(value) for value in request.POST.getlist("present") if value.isdigit()}
        count = services.record_attendance(session, present_ids=present_ids, by=request.user)
        messages.success(
            request,
            _("Attendance saved: %(present)s of %(total)s present.")
            % {"present": count, "total": len(participants)},
        )
        return redirect("incoming_admin:cohort", pk=group.pk)
    present = set(session.attendances.filter(present=True).values_list("participant_id", flat=True))
    return render(
        request,
        "incoming/admin/attendance.html",
        {
            "cohort": group,
            "session": session,
            "rows": [(participant, participant.pk in present) for participant in participants],
            "page_title": _("Attendance: %(session)s") % {"session": session.title},
            "header_icon": "tick",
        },
    )


@_managers_only
def cohort_ics(request, pk):
    group = get_object_or_404(Cohort, pk=pk)
    response = HttpResponse(ics.cohort_calendar(group), content_type="text/calendar")
    response["Content-Disposition"] = f'attachment; filename="timetable-{group.pk}.ics"'
    return response


def _pdf_or_zip_response(content: bytes, name: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _check_letter_access(user, cohort, kind):
    """Visa letters print the passport number: only for who may see passport data."""
    if kind not in LetterKind.values:
        raise Http404
    if kind == LetterKind.VISA_INVITATION and not access.can_view_passport_data(user, cohort):
        raise PermissionDenied


@_managers_only
def letter(request, pk, kind, language):
    participant = get_object_or_404(
        Participant.objects.active().select_related("cohort__partner"), pk=pk
    )
    if language not in LetterLanguage.values:
        raise Http404
    _check_letter_access(request.user, participant.cohort, kind)
    try:
        content = letters.letter_pdf(participant, kind, language, by=request.user)
    except letters.LetterNotAvailable as error:
        messages.error(request, error.message)
        return redirect("incoming_admin:cohort", pk=participant.cohort_id)
    if kind == LetterKind.VISA_INVITATION:
        audit.record(
            request.user,
            audit.DOWNLOADED,
            person=queries.person_label(participant),
            subject=queries.subject_label(participant),
            detail=f"visa letter ({language})",
        )
    return _pdf_or_zip_response(
        content, letters.file_name(participant, kind, language), "application/pdf"
    )


@_managers_only
def letters_zip(request, pk, kind, language):
    group = get_object_or_404(Cohort.objects.select_related("partner"), pk=pk)
    if language not in LetterLanguage.values:
        raise Http404
    _check_letter_access(request.user, group, kind)
    participants = list(queries.roster(group))
    content, skipped = letters.letters_zip(participants, kind, language, by=request.user)
    issued = [person for person in participants if person not in skipped]
    if not issued:
        messages.error(request, _("Nobody in this group can get this letter yet."))
        return redirect("incoming_admin:cohort", pk=group.pk)
    if kind == LetterKind.VISA_INVITATION:
        audit.record_many(
            request.user,
            audit.DOWNLOADED,
            people=[queries.person_label(person) for person in issued],
            subject=f"incoming group #{group.pk} {group.title_en}: visa letters ({language})",
        )
    return _pdf_or_zip_response(
        content, f"{kind}-{language}-group-{group.pk}.zip", "application/zip"
    )


@_managers_only
def passport(request, pk):
    participant = get_object_or_404(Participant.objects.active().select_related("cohort"), pk=pk)
    if not access.can_view_passport_data(request.user, participant.cohort):
        raise PermissionDenied
    audit.record(
        request.user,
        audit.OPENED,
        person=queries.person_label(participant),
        subject=queries.subject_label(participant),
        detail="passport data",
    )
    return render(
        request,
        "incoming/admin/passport.html",
        {
            "participant": participant,
            "page_title": _("Passport data: %(name)s") % {"name": participant.display_name},
            "header_icon": "user",
        },
    )


@_managers_only
def passport_file(request, pk):
    participant = get_object_or_404(Participant.objects.active().select_related("cohort"), pk=pk)
    if not access.can_view_passport_data(request.user, participant.cohort):
        raise PermissionDenied
    if not participant.passport_file:
        raise Http404
    audit.record(
        request.user,
        audit.DOWNLOADED,
        person=queries.person_label(participant),
        subject=queries.subject_label(participant),
        detail="passport page",
    )
    response = FileResponse(
        participant.passport_file.open("rb"),
        as_attachment=True,
        filename=participant.passport_download_name,
        content_type=participant.passport_content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
