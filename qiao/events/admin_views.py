"""The coordinator's back office for registrations (Wagtail admin). Each view checks
access, calls one service, adds a message and redirects."""

from django.contrib import messages
from django.db.models import Count, F, Q, Sum
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from qiao.accounts import audit

from . import certificates, emails, exports, queries, services
from .access import require_manager
from .enums import SEAT_STATUSES, ParticipationMode, RegistrationStatus
from .forms import (
    InvitationImportForm,
    ManualRegistrationForm,
    ParticipantMessageForm,
    PastCapacityForm,
    RegistrationFilterForm,
)
from .models import EventPage, EventSession, InvitationStatus, Registration

URL_NAMESPACE = "event_registrations"


def _url(name, *args):
    return reverse(f"{URL_NAMESPACE}:{name}", args=args)


def _context(title, **extra):
    return {"page_title": title, "header_title": title, "header_icon": "date", **extra}


def event_list(request):
    require_manager(request.user)
    events = queries.source_events().annotate(
        confirmed_count=Count("registrations", filter=Q(registrations__status__in=SEAT_STATUSES)),
        seats_count=Coalesce(
            Sum(
                F("registrations__companions") + 1,
                filter=Q(registrations__status__in=SEAT_STATUSES),
            ),
            0,
        ),
        waitlisted_count=Count(
            "registrations", filter=Q(registrations__status=RegistrationStatus.WAITLISTED)
        ),
        attended_count=Count(
            "registrations", filter=Q(registrations__status=RegistrationStatus.ATTENDED)
        ),
    )
    return TemplateResponse(
        request, "events/admin/event_list.html", _context(_("Event registrations"), events=events)
    )


def _event(event_id) -> EventPage:
    return get_object_or_404(EventPage, pk=event_id).source_event


def _filtered(request, event):
    form = RegistrationFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    registrations = queries.registrations_for_admin(
        event,
        status=data.get("status", ""),
        mode=data.get("mode", ""),
        query=data.get("q", ""),
    )
    return form, registrations


def event_registrations(request, event_id):
    require_manager(request.user)
    event = _event(event_id)
    form, registrations = _filtered(request, event)
    positions = queries.waitlist_positions(event)
    registrations = list(registrations)
    for registration in registrations:
        registration.waitlist_position = positions.get(registration.pk)
    return TemplateResponse(
        request,
        "events/admin/event_registrations.html",
        _context(
            event.title,
            event=event,
            filter_form=form,
            registrations=registrations,
            numbers=queries.attendance_numbers(event),
            query_string=request.GET.urlencode(),
        ),
    )


@require_POST
def registration_action(request, registration_id):
    require_manager(request.user)
    registration = get_object_or_404(Registration, pk=registration_id)
    action = request.POST.get("action", "")
    actions = {
        "confirm": lambda: services.move_registration(
            registration, to_status=RegistrationStatus.CONFIRMED, by=request.user
        ),
        "waitlist": lambda: services.move_registration(
            registration, to_status=RegistrationStatus.WAITLISTED, by=request.user
        ),
        "cancel": lambda: services.cancel_registration(registration, by=request.user),
        "check_in": lambda: services.check_in(registration, by=request.user),
        "undo_check_in": lambda: services.undo_check_in(registration, by=request.user),
    }
    if action == "cancel" and request.POST.get("confirmed") != "yes":
        # Cancelling e-mails the participant and gives the seat away: ask first.
        title = _("Cancel this registration?")
        return TemplateResponse(
            request,
            "events/admin/confirm_cancel.html",
            _context(
                title,
                registration=registration,
                event=registration.event,
                next_query=request.POST.get("next_query", ""),
                back_url=_url("event", registration.event_id),
            ),
        )
    if action not in actions:
        messages.error(request, _("Unknown action."))
    else:
        try:
            updated = actions[action]()
        except services.RegistrationError as error:
            messages.error(request, str(error.message))
        else:
            messages.success(
                request,
                _("%(name)s: %(status)s")
                % {"name": updated.name, "status": RegistrationStatus(updated.status).label},
            )
    back = _url("event", registration.event_id)
    next_query = request.POST.get("next_query", "")
    return redirect(f"{back}?{next_query}" if next_query else back)


def add_registration(request, event_id):
    require_manager(request.user)
    event = _event(event_id)
    form = ManualRegistrationForm(request.POST or None, event=event, language="de")
    if request.method == "POST" and form.is_valid():
        try:
            registration = services.register_for_event(
                event,
                name=form.cleaned_data["name"],
                email=form.cleaned_data["email"],
                affiliation=form.cleaned_data["affiliation"],
                institution=form.cleaned_data["institution"],
                participation_mode=form.participation_mode,
                sessions=form.chosen_sessions,
                answers=services.clean_answers(form.questions, form.cleaned_data),
                language=form.cleaned_data["language"],
                by=request.user,
                past_capacity_reason=form.cleaned_data["past_capacity_reason"],
                companions=form.companions,
            )
        except services.RegistrationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("%(name)s: %(status)s")
                % {
                    "name": registration.name,
                    "status": RegistrationStatus(registration.status).label,
                },
            )
            return redirect(_url("event", event.pk))
    return TemplateResponse(
        request,
        "events/admin/form.html",
        _context(_("Add a registration"), event=event, form=form, submit=_("Add")),
        status=400 if form.errors else 200,
    )


def email_participants(request, event_id):
    """Write a message; "preview" shows the number and the first recipient's version,
    "test" sends that version to the coordinator, "send" sends it to everyone."""
    require_manager(request.user)
    event = _event(event_id)
    form = ParticipantMessageForm(request.POST or None, event=event)
    context = _context(_("E-mail the participants"), event=event, form=form)
    action = request.POST.get("action", "preview")
    if request.method == "POST" and form.is_valid():
        audience = queries.message_audience(
            event, statuses=form.cleaned_data["statuses"], sessions=form.chosen_sessions
        )
        if action == "send":
            count = services.email_participants(
                event,
                subjects=form.subjects,
                bodies=form.bodies,
                statuses=form.cleaned_data["statuses"],
                sessions=form.chosen_sessions,
                by=request.user,
            )
            messages.success(
                request, _("The message goes out to %(count)d people.") % {"count": count}
            )
            return redirect(_url("event", event.pk))
        first = audience.select_related("event").first()
        context["recipient_count"] = audience.count()
        if first is not None:
            sample = emails.participant_message(first, form.subjects, form.bodies)
            context["preview"] = {"to": first.email, "subject": sample.subject, "body": sample.body}
            if action == "test":
                if request.user.email:
                    services.send_test_message(
                        first, subjects=form.subjects, bodies=form.bodies, to=request.user.email
                    )
                    messages.success(
                        request,
                        _("A test went to %(email)s.") % {"email": request.user.email},
                    )
                else:
                    messages.error(request, _("Your account has no e-mail address."))
    return TemplateResponse(
        request,
        "events/admin/message_form.html",
        context,
        status=400 if form.errors else 200,
    )


@require_POST
def fill_free_seats(request, event_id):
    require_manager(request.user)
    event = _event(event_id)
    promoted = services.fill_free_seats(event, by=request.user)
    messages.success(
        request, _("%(count)d people moved up from the waitlist.") % {"count": len(promoted)}
    )
    return redirect(_url("event", event.pk))


EXPORT_FORMATS = ("csv", "xlsx")


def export(request, event_id, file_format):
    require_manager(request.user)
    if file_format not in EXPORT_FORMATS:
        raise Http404("No such export format.")
    event = _event(event_id)
    _form, registrations = _filtered(request, event)
    rows = exports.registration_rows(event, registrations)
    if file_format == "xlsx":
        content = exports.as_xlsx(rows)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        separator = exports.CSV_SEPARATORS.get(request.GET.get("separator", ""), ";")
        content = exports.as_csv(rows, separator=separator)
        content_type = "text/csv; charset=utf-8"
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="registrations-{event.slug}.{file_format}"'
    )
    audit.record_many(
        request.user,
        audit.EXPORTED,
        people=[audit.person_label(r.name, r.email) for r in registrations],
        subject=f"{event.title} ({file_format.upper()})",
    )
    return response


def _session(event, request_data) -> EventSession | None:
    session_id = request_data.get("session", "")
    if not str(session_id).isdigit():
        return None
    return get_object_or_404(EventSession, pk=session_id, event=event)


def check_in_list(request, event_id):
    """The printable list: people on site (for one session, if chosen), by name."""
    require_manager(request.user)
    event = _event(event_id)
    session = _session(event, request.GET)
    registrations = queries.session_participants(event, session, mode=ParticipationMode.ON_SITE)
    audit.record_many(
        request.user,
        audit.EXPORTED,
        people=[audit.person_label(r.name, r.email) for r in registrations],
        subject=f"{event.title}: {_('Printable check-in list')}",
    )
    return TemplateResponse(
        request,
        "events/admin/check_in_list.html",
        {"event": event, "session": session, "registrations": registrations},
    )


def sessions_overview(request, event_id):
    require_manager(request.user)
    event = _event(event_id)
    return TemplateResponse(
        request,
        "events/admin/sessions.html",
        _context(_("Sessions and check-in"), event=event, rows=queries.session_numbers(event)),
    )


def session_participants(request, event_id, session_id):
    """One session: who is coming, on site and online apart, and who is checked in."""
    require_manager(request.user)
    event = _event(event_id)
    session = get_object_or_404(EventSession, pk=session_id, event=event)
    return TemplateResponse(
        request,
        "events/admin/session_participants.html",
        _context(
            session.title,
            event=event,
            session=session,
            on_site=queries.session_participants(event, session, mode=ParticipationMode.ON_SITE),
            online=queries.session_participants(event, session, mode=ParticipationMode.ONLINE),
        ),
    )


def check_in_page(request, event_id):
    """The phone page at the door: scan or type a code, or search by name; the answer
    says at once whether the person may come in."""
    require_manager(request.user)
    event = _event(event_id)
    session = _session(event, request.POST if request.method == "POST" else request.GET)
    result = None
    if request.method == "POST":
        if request.POST.get("registration"):
            registration = get_object_or_404(
                Registration, pk=request.POST["registration"], event=event
            )
            result = services.check_in_registration(registration, session=session, by=request.user)
        else:
            result = services.check_in_by_code(
                event, request.POST.get("code", ""), session=session, by=request.user
            )
    query = request.GET.get("q", "").strip()
    return TemplateResponse(
        request,
        "events/admin/check_in.html",
        _context(
            _("Check-in"),
            event=event,
            session=session,
            sessions=list(event.sessions.all()),
            result=result,
            query=query,
            found=queries.find_for_check_in(event, query) if query else [],
        ),
    )


def survey_results(request, event_id):
    require_manager(request.user)
    event = _event(event_id)
    return TemplateResponse(
        request,
        "events/admin/survey_results.html",
        _context(_("Survey results"), event=event, results=queries.survey_results(event)),
    )


def confirm_past_capacity(request, registration_id):
    """Confirm a waitlisted person although no seat is free, with the reason."""
    require_manager(request.user)
    registration = get_object_or_404(
        Registration.objects.select_related("event"), pk=registration_id
    )
    event = registration.event
    form = PastCapacityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.confirm_past_capacity(
                registration, by=request.user, reason=form.cleaned_data["reason"]
            )
        except services.RegistrationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("%(name)s: %(status)s")
                % {"name": registration.name, "status": RegistrationStatus.CONFIRMED.label},
            )
            return redirect(_url("event", event.pk))
    return TemplateResponse(
        request,
        "events/admin/form.html",
        _context(
            _("Confirm past the capacity: %(name)s") % {"name": registration.name},
            event=event,
            form=form,
            submit=_("Confirm past the capacity"),
        ),
        status=400 if form.errors else 200,
    )


@require_POST
def issue_certificates(request, event_id):
    require_manager(request.user)
    event = _event(event_id)
    count = services.issue_certificates(event, by=request.user)
    messages.success(
        request,
        ngettext(
            "%(count)d certificate of attendance issued and e-mailed.",
            "%(count)d certificates of attendance issued and e-mailed.",
            count,
        )
        % {"count": count},
    )
    return redirect(_url("event", event.pk))


def download_certificate(request, registration_id):
    require_manager(request.user)
    registration = get_object_or_404(
        Registration.objects.select_related("event"),
        pk=registration_id,
        status=RegistrationStatus.ATTENDED,
    )
    response = HttpResponse(
        certificates.certificate_pdf(registration, by=request.user),
        content_type="application/pdf",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="{certificates.filename(registration)}"'
    )
    audit.record(
        request.user,
        audit.DOWNLOADED,
        person=audit.person_label(registration.name, registration.email),
        subject=certificates.certificate_title(registration),
    )
    return response


def invitations(request, event_id):
    """Import a list of invitees (nothing if any row has an error) and follow answers."""
    require_manager(request.user)
    event = _event(event_id)
    form = InvitationImportForm(request.POST or None, request.FILES or None)
    row_errors = []
    if request.method == "POST" and form.is_valid():
        parsed = services.import_invitations(event, form.cleaned_data["file"], by=request.user)
        if not parsed.errors:
            messages.success(
                request,
                ngettext(
                    "%(count)d invitation sent.",
                    "%(count)d invitations sent.",
                    len(parsed.invitees),
                )
                % {"count": len(parsed.invitees)},
            )
            return redirect(_url("invitations", event.pk))
        row_errors = parsed.errors
    listing = list(event.invitations.select_related("registration"))
    counts = [
        {"label": label, "number": sum(1 for i in listing if i.status == value)}
        for value, label in InvitationStatus.choices
    ]
    return TemplateResponse(
        request,
        "events/admin/invitations.html",
        _context(
            _("Invitations"),
            event=event,
            form=form,
            row_errors=row_errors,
            invitations=listing,
            counts=counts,
        ),
        status=400 if form.errors or row_errors else 200,
    )


@require_POST
def remind_invitees(request, event_id):
    require_manager(request.user)
    event = _event(event_id)
    count = services.remind_invitees(event, by=request.user)
    messages.success(
        request,
        ngettext("%(count)d reminder sent.", "%(count)d reminders sent.", count) % {"count": count},
    )
    return redirect(_url("invitations", event.pk))
