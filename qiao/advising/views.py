from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from qiao.core.ratelimits import over_limit
from qiao.newsletter.services import request_subscription_from

from . import queries, services
from .enums import BookingStatus
from .forms import BookerForm, SlotForm
from .ics import booking_calendar
from .links import LinkError, absolute_url, manage_token, read_confirm_token, read_manage_token
from .models import Booking, Topic


def book(request, slug: str):
    """Choose a free time and say who you are; a confirmation link follows by e-mail."""
    topic = get_object_or_404(Topic, slug=slug, is_active=True)
    free = queries.free_slots(topic)
    status = 200
    if request.method == "POST":
        slot_form = SlotForm(request.POST, free_slots=free, topic=topic)
        booker_form = BookerForm(request.POST)
        forms_valid = all([slot_form.is_valid(), booker_form.is_valid()])
        limited = forms_valid and over_limit(
            request, group="advising-book", rate=settings.ADVISING_BOOKING_RATE_LIMIT
        )
        if limited:
            booker_form.add_error(None, _("Too many bookings from your address. Please try later."))
        elif forms_valid:
            try:
                services.book_appointment(
                    slot_form.cleaned_data["slot"],
                    language=translation.get_language(),
                    **{name: booker_form.cleaned_data[name] for name in BOOKER_FIELDS},
                )
            except (services.SlotTaken, services.BookingClosed) as error:
                slot_form.add_error("slot", error.message)
                free = queries.free_slots(topic)
            except services.AlreadyBooked as error:
                booker_form.add_error("email", error.message)
            else:
                if booker_form.cleaned_data["newsletter"]:
                    request_subscription_from(
                        booker_form.cleaned_data["email"],
                        language=translation.get_language(),
                        source="advising_booking",
                    )
                return redirect("advising:requested")
        status = 429 if limited else 409 if _slot_taken(slot_form) else 400
    else:
        slot_form = SlotForm(free_slots=free, topic=topic)
        booker_form = BookerForm()
    chosen = slot_form.data.get("slot") if slot_form.is_bound else None
    return TemplateResponse(
        request,
        "advising/book.html",
        {
            "topic": topic,
            "guidance_page": topic.guidance_page(),
            "days": queries.slots_by_day(free),
            "slot_form": slot_form,
            "form": booker_form,
            "chosen": str(chosen or ""),
        },
        status=status,
    )


BOOKER_FIELDS = ("name", "email", "person_status", "question")


def _slot_taken(slot_form) -> bool:
    taken = str(services.SlotTaken.message)
    return any(str(message) == taken for message in slot_form.errors.get("slot", []))


def requested(request):
    return TemplateResponse(
        request, "advising/requested.html", {"hold_minutes": settings.ADVISING_HOLD_MINUTES}
    )


def _link_error(request, message, status=400):
    return TemplateResponse(
        request, "advising/link_error.html", {"message": message}, status=status
    )


def _booking(pk: int) -> Booking:
    return get_object_or_404(Booking.objects.select_related("slot__topic", "slot__advisor"), pk=pk)


def confirm(request, token: str):
    """GET shows the appointment and a button; the POST confirms it (so that link
    scanners in mail systems confirm nothing)."""
    try:
        booking = _booking(read_confirm_token(token))
    except LinkError as error:
        return _link_error(request, error.message)
    if booking.status == BookingStatus.CONFIRMED:
        return redirect("advising:manage", manage_token(booking))
    if booking.status != BookingStatus.PENDING:
        return _link_error(request, _("This booking can no longer be confirmed."))
    if request.method == "POST":
        try:
            booking = services.confirm_booking(booking)
        except services.BookingError as error:
            return _link_error(request, error.message)
        messages.success(request, _("Your appointment is confirmed. We have sent you an e-mail."))
        return redirect("advising:manage", manage_token(booking))
    return TemplateResponse(request, "advising/confirm.html", {"booking": booking})


def manage(request, token: str):
    try:
        booking = _booking(read_manage_token(token))
    except LinkError as error:
        return _link_error(request, error.message)
    is_changeable = (
        booking.status == BookingStatus.CONFIRMED and booking.slot.starts_at > timezone.now()
    )
    other_slots = (
        queries.free_slots(booking.slot.topic, exclude_slot_id=booking.slot_id)
        if is_changeable
        else []
    )
    return TemplateResponse(
        request,
        "advising/manage.html",
        {
            "booking": booking,
            "slot": booking.slot,
            "token": token,
            "is_changeable": is_changeable,
            "is_cancellable": booking.status in (BookingStatus.PENDING, BookingStatus.CONFIRMED)
            and booking.slot.starts_at > timezone.now(),
            "days": queries.slots_by_day(other_slots),
            "slot_form": SlotForm(),
        },
    )


@require_POST
def cancel(request, token: str):
    try:
        booking = _booking(read_manage_token(token))
    except LinkError as error:
        return _link_error(request, error.message)
    try:
        services.cancel_booking(booking)
    except services.BookingError as error:
        return _link_error(request, error.message)
    messages.success(request, _("Your appointment is cancelled."))
    return redirect("advising:manage", token)


@require_POST
def rebook(request, token: str):
    try:
        booking = _booking(read_manage_token(token))
    except LinkError as error:
        return _link_error(request, error.message)
    topic = booking.slot.topic
    form = SlotForm(request.POST, free_slots=queries.free_slots(topic), topic=topic)
    if not form.is_valid():
        messages.error(request, form.errors["slot"][0])
        return redirect("advising:manage", token)
    try:
        services.rebook(booking, slot=form.cleaned_data["slot"])
    except services.BookingError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Your appointment was moved. We have sent you an e-mail."))
    return redirect("advising:manage", token)


def calendar_file(request, token: str):
    try:
        booking = _booking(read_manage_token(token))
    except LinkError as error:
        return _link_error(request, error.message)
    if booking.status != BookingStatus.CONFIRMED:
        return _link_error(request, _("Only a confirmed appointment has a calendar file."))
    manage_url = absolute_url("advising:manage", token, booking.language)
    response = HttpResponse(
        booking_calendar(booking, manage_url=manage_url), content_type="text/calendar"
    )
    response["Content-Disposition"] = 'attachment; filename="appointment.ics"'
    return response
