"""Public views: registration form, confirm and cancel pages, calendar files."""

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods
from wagtail.models import Locale

from qiao.core.models import CentreSettings
from qiao.core.ratelimits import over_limit
from qiao.newsletter.services import request_subscription_from

from . import calendar, certificates, queries, services
from .enums import RegistrationStatus
from .forms import (
    InvitationResponseForm,
    RegistrationChangeForm,
    RegistrationForm,
    SurveyForm,
)
from .models import EventPage


def _event_or_404(event_id: int) -> EventPage:
    return get_object_or_404(EventPage.objects.live().public(), pk=event_id)


def _privacy_url(event: EventPage, request) -> str:
    index = event.get_parent().specific
    privacy = getattr(index, "privacy_page", None)
    if privacy is None:
        return ""
    privacy = privacy.get_translation_or_none(event.locale) or privacy
    return privacy.get_url(request) or ""


@require_http_methods(["GET", "POST"])
def register(request, event_id: int):
    event = _event_or_404(event_id)
    language = translation.get_language()
    form_kwargs = {
        "event": event,
        "privacy_url": _privacy_url(event, request),
        "language": language,
    }
    status = 200
    if request.method == "POST":
        form = RegistrationForm(request.POST, **form_kwargs)
        if not form.is_valid():
            status = 400
        elif over_limit(
            request, group="events-register", rate=settings.EVENTS_REGISTRATION_RATE_LIMIT
        ):
            form.add_error(
                None, _("Too many registrations from your address. Please try again later.")
            )
            status = 429
        else:
            try:
                services.register_for_event(
                    event,
                    name=form.cleaned_data["name"],
                    email=form.cleaned_data["email"],
                    affiliation=form.cleaned_data["affiliation"],
                    institution=form.cleaned_data["institution"],
                    participation_mode=form.participation_mode,
                    sessions=form.chosen_sessions,
                    answers=services.clean_answers(form.questions, form.cleaned_data),
                    language=language,
                    companions=form.companions,
                )
            except services.RegistrationError as error:
                form.add_error(None, error.message)
            else:
                if form.cleaned_data["newsletter"]:
                    request_subscription_from(
                        form.cleaned_data["email"], language=language, source="event_registration"
                    )
                return redirect("events:registered", event_id=event.pk)
        if status == 200:
            status = 400
    else:
        form = RegistrationForm(**form_kwargs)
    context = {
        "event": event,
        "page": event,
        "form": form,
        "availability": queries.availability(event),
    }
    return TemplateResponse(request, "events/register.html", context, status=status)


@require_GET
def registered(request, event_id: int):
    event = _event_or_404(event_id)
    return TemplateResponse(request, "events/registered.html", {"event": event})


def _link_page(request, token: str, *, purpose: str, action):
    """Show what a signed link will do (GET), do it on POST (link scanners only GET)."""
    template = f"events/{purpose}.html"
    try:
        registration = services.registration_from_token(token, purpose=purpose)
    except services.InvalidLink as error:
        return TemplateResponse(request, template, {"error": error.message}, status=400)
    event = calendar.event_in_language(registration.event, translation.get_language())
    context = {"registration": registration, "event": event, "done": False}
    if request.method == "POST":
        try:
            registration = action(registration)
        except services.RegistrationError as error:
            context["error"] = error.message
            return TemplateResponse(request, template, context, status=400)
        context.update(registration=registration, done=True)
    return TemplateResponse(request, template, context)


@require_http_methods(["GET", "POST"])
def confirm(request, token: str):
    return _link_page(request, token, purpose="confirm", action=services.confirm_registration)


@require_http_methods(["GET", "POST"])
def cancel(request, token: str):
    return _link_page(request, token, purpose="cancel", action=services.cancel_registration)


@require_http_methods(["GET", "POST"])
def manage(request, token: str):
    """The participant's personal page: status, waitlist place, and changes until the
    deadline. Cancelling goes through the cancellation page."""
    try:
        registration = services.registration_from_token(token, purpose="manage")
    except services.InvalidLink as error:
        return TemplateResponse(request, "events/manage.html", {"error": error.message}, status=400)
    language = translation.get_language()
    event = calendar.event_in_language(registration.event, language)
    form = RegistrationChangeForm(
        request.POST or None, registration=registration, language=language
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                registration = services.change_registration(
                    registration,
                    participation_mode=form.participation_mode,
                    sessions=form.chosen_sessions,
                    answers=services.clean_answers(form.questions, form.cleaned_data),
                    companions=form.companions,
                )
            except services.RegistrationError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("Your changes are saved."))
                return redirect("events:manage", token=token)
        status = 400
    context = {
        "registration": registration,
        "event": event,
        "form": form,
        "can_change": registration.status in ("pending", "confirmed", "waitlisted")
        and registration.event.is_registration_open(),
        "waitlist_position": queries.waitlist_position(registration),
        "sessions": list(registration.sessions.all()),
        "cancel_url": reverse("events:cancel", args=[services.cancellation_token(registration)]),
        "certificate_url": reverse("events:certificate", args=[token])
        if has_certificate(registration)
        else "",
    }
    return TemplateResponse(request, "events/manage.html", context, status=status)


@require_http_methods(["GET", "POST"])
def survey(request, token: str):
    """The survey after the event, through the personal link in its e-mail; one answer."""
    template = "events/survey.html"
    try:
        registration = services.registration_from_token(token, purpose="survey")
    except services.InvalidLink as error:
        return TemplateResponse(request, template, {"error": error.message}, status=400)
    event = calendar.event_in_language(registration.event, translation.get_language())
    form = SurveyForm(request.POST or None)
    context = {"registration": registration, "event": event, "form": form, "done": False}
    if not registration.event.source_event.survey_enabled:
        context["error"] = _("This survey is not open to you.")
        return TemplateResponse(request, template, context, status=400)
    if registration.survey_answered and request.method == "GET":
        context["already"] = True
        return TemplateResponse(request, template, context)
    if request.method == "POST":
        if not form.is_valid():
            return TemplateResponse(request, template, context, status=400)
        try:
            services.answer_survey(
                registration,
                rating=form.cleaned_data["rating"],
                comment=form.cleaned_data["comment"],
            )
        except services.AlreadyAnswered:
            context["already"] = True
            return TemplateResponse(request, template, context, status=409)
        except services.RegistrationError as error:
            context["error"] = error.message
            return TemplateResponse(request, template, context, status=400)
        context["done"] = True
    return TemplateResponse(request, template, context)


@require_http_methods(["GET", "POST"])
def invitation(request, token: str):
    """The invitee's personal page: register (without e-mail confirmation) or decline."""
    template = "events/invitation.html"
    try:
        invitation = services.invitation_from_token(token)
    except services.InvalidLink as error:
        return TemplateResponse(request, template, {"error": error.message}, status=400)
    language = translation.get_language()
    event = calendar.event_in_language(invitation.event, language)
    form = InvitationResponseForm(
        request.POST if request.POST.get("answer") == "accept" else None,
        invitation=invitation,
        event=event,
        privacy_url=_privacy_url(event, request),
        language=language,
    )
    context = {
        "invitation": invitation,
        "event": event,
        "form": form,
        "open": invitation.event.is_registration_open(),
    }
    status = 200
    if request.method == "POST":
        try:
            if request.POST.get("answer") == "decline":
                services.decline_invitation(invitation)
                return redirect("events:invitation", token=token)
            if form.is_valid():
                services.accept_invitation(
                    invitation,
                    name=form.cleaned_data["name"],
                    affiliation=form.cleaned_data["affiliation"],
                    institution=form.cleaned_data["institution"],
                    participation_mode=form.participation_mode,
                    sessions=form.chosen_sessions,
                    answers=services.clean_answers(form.questions, form.cleaned_data),
                    companions=form.companions,
                )
                return redirect("events:invitation", token=token)
        except services.RegistrationError as error:
            context["error"] = error.message
        status = 400
    if invitation.registration is not None:
        context["manage_url"] = reverse(
            "events:manage", args=[services.manage_token(invitation.registration)]
        )
    return TemplateResponse(request, template, context, status=status)


@require_GET
def certificate(request, token: str):
    """The participant's certificate of attendance, once staff have issued it."""
    try:
        registration = services.registration_from_token(token, purpose="manage")
    except services.InvalidLink as error:
        return TemplateResponse(request, "events/manage.html", {"error": error.message}, status=400)
    if not has_certificate(registration):
        raise Http404("No certificate for this registration.")
    response = HttpResponse(
        certificates.certificate_pdf(registration), content_type="application/pdf"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="{certificates.filename(registration)}"'
    )
    return response


def has_certificate(registration) -> bool:
    return (
        registration.status == RegistrationStatus.ATTENDED
        and registration.certificate_issued_at is not None
    )


def _calendar_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
def event_ics(request, event_id: int):
    event = _event_or_404(event_id)
    return _calendar_response(calendar.event_calendar(event), f"{event.slug}.ics")


@require_GET
def calendar_feed(request):
    locale = Locale.get_active()
    name = _("%(centre)s: events") % {"centre": CentreSettings.load().name}
    content = calendar.feed_calendar(queries.events_for_feed(locale), name=name)
    response = _calendar_response(content, f"events-{locale.language_code}.ics")
    response["Content-Disposition"] = "inline"
    return response
