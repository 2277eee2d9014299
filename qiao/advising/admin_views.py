"""The advisors' back office: day and week view, a booking with note and attendance,
CSV export and counts per topic. Thin views over queries and services."""

import csv
import datetime

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.validators import MaxValueValidator, MinValueValidator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet

from qiao.accounts import audit

from . import queries, services
from .access import can_manage_bookings
from .enums import BookingStatus
from .forms import StaffNoteForm
from .models import Advisor, Booking

# Days the back office can show. Far outside them, a day plus or minus a week overflows
# Python's dates (year 1 to 9999) and would end in a server error.
FIRST_DAY = datetime.date(2000, 1, 1)
LAST_DAY = datetime.date(2999, 12, 31)
DAY_VALIDATORS = [MinValueValidator(FIRST_DAY), MaxValueValidator(LAST_DAY)]


def _requested_day(value: str) -> datetime.date:
    """The day asked for in the address, or today if it is not a day we can show."""
    try:
        day = datetime.date.fromisoformat(value)
    except ValueError:
        return timezone.localdate()
    return day if FIRST_DAY <= day <= LAST_DAY else timezone.localdate()


class DateRangeForm(forms.Form):
    start = forms.DateField(
        label=gettext_lazy("From"),
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=DAY_VALIDATORS,
    )
    end = forms.DateField(
        label=gettext_lazy("Until"),
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=DAY_VALIDATORS,
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("start") and cleaned.get("end") and cleaned["end"] < cleaned["start"]:
            self.add_error("end", _("The end must not be before the start."))
        return cleaned


def _date_range(request, default_start, default_end):
    form = DateRangeForm(request.GET or {"start": default_start, "end": default_end})
    if form.is_valid():
        return form, form.cleaned_data["start"], form.cleaned_data["end"]
    return form, default_start, default_end


class AdvisingAdminMixin:
    header_icon = "date"

    def get_breadcrumbs_items(self):
        items = [*self.breadcrumbs_items]
        if not isinstance(self, ScheduleView):
            items.append(
                {"url": reverse("advising_appointments:index"), "label": _("Appointments")}
            )
        return [*items, {"url": "", "label": self.get_page_title()}]

    def dispatch(self, request, *args, **kwargs):
        if not can_manage_bookings(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ScheduleView(AdvisingAdminMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "advising/admin/schedule.html"
    page_title = gettext_lazy("Appointments")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        day = _requested_day(self.request.GET.get("date", ""))
        span = "week" if self.request.GET.get("span") == "week" else "day"
        if span == "week":
            start = day - datetime.timedelta(days=day.weekday())
            end = start + datetime.timedelta(days=6)
            step = datetime.timedelta(days=7)
        else:
            start = end = day
            step = datetime.timedelta(days=1)
        advisor = None
        advisor_id = self.request.GET.get("advisor", "")
        if advisor_id.isdigit():
            advisor = Advisor.objects.filter(pk=advisor_id).first()
        bookings = queries.bookings_between(start, end, advisor=advisor)
        context.update(
            span=span,
            day=day,
            start=start,
            end=end,
            previous=start - step,
            next=start + step,
            today=timezone.localdate(),
            advisors=Advisor.objects.filter(is_active=True),
            advisor=advisor,
            days=queries.slots_by_day_of_bookings(bookings),
            window_days=settings.ADVISING_BOOKING_WINDOW_DAYS,
        )
        return context

    def get_page_subtitle(self):
        return ""

    def post(self, request, *args, **kwargs):
        """Create the slots of the weekly hours for the booking window."""
        today = timezone.localdate()
        created = services.generate_slots(
            start=today, end=today + datetime.timedelta(days=settings.ADVISING_BOOKING_WINDOW_DAYS)
        )
        messages.success(request, _("%(count)d new slots created.") % {"count": created})
        return redirect(request.get_full_path())


class BookingView(AdvisingAdminMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "advising/admin/booking.html"
    page_title = gettext_lazy("Booking")

    ACTIONS = {
        "attended": BookingStatus.ATTENDED,
        "no_show": BookingStatus.NO_SHOW,
    }

    def get_booking(self):
        return get_object_or_404(
            Booking.objects.select_related("slot__topic", "slot__advisor"), pk=self.kwargs["pk"]
        )

    def get(self, request, *args, **kwargs):
        booking = self.get_booking()
        audit.record(
            request.user,
            audit.OPENED,
            person=audit.person_label(booking.name, booking.email),
            subject=services.booking_subject(booking),
        )
        return self.render_to_response(self.get_context_data(booking=booking))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        booking = kwargs.get("booking") or self.get_booking()
        context.update(
            booking=booking,
            note_form=kwargs.get("note_form")
            or StaffNoteForm(initial={"note": booking.staff_note}),
            has_started=booking.slot.starts_at <= timezone.now(),
            schedule_url=reverse("advising_appointments:index")
            + f"?date={timezone.localdate(booking.slot.starts_at).isoformat()}",
        )
        return context

    def post(self, request, *args, **kwargs):
        booking = self.get_booking()
        action = request.POST.get("action")
        try:
            if action == "note":
                form = StaffNoteForm(request.POST)
                if not form.is_valid():
                    return self.render_to_response(
                        self.get_context_data(booking=booking, note_form=form), status=400
                    )
                services.save_staff_note(
                    booking, note=form.cleaned_data["note"], actor=request.user
                )
                messages.success(request, _("Note saved."))
            elif action in self.ACTIONS:
                services.set_booking_status(booking, self.ACTIONS[action], actor=request.user)
                messages.success(
                    request,
                    _("Booking marked: %(status)s.")
                    % {"status": BookingStatus(self.ACTIONS[action]).label},
                )
            elif action == "cancel":
                services.cancel_booking(booking, by_user=request.user)
                messages.success(request, _("Booking cancelled. The slot is free again."))
            else:
                messages.error(request, _("Unknown action."))
        except services.BookingError as error:
            messages.error(request, error.message)
        return redirect(request.path)


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value) -> str:
    """A CSV cell that spreadsheet programs will not run as a formula."""
    text = str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


class ExportView(AdvisingAdminMixin, View):
    def get(self, request):
        today = timezone.localdate()
        _form, start, end = _date_range(request, today.replace(day=1), today)
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="appointments-{start.isoformat()}-{end.isoformat()}.csv"'
        )
        response.write("\ufeff")  # so that spreadsheet programs read UTF-8
        writer = csv.writer(response)
        writer.writerow(
            [
                _("Start (Berlin)"),
                _("Topic"),
                _("Advisor"),
                _("Name"),
                _("E-mail"),
                _("You are"),
                _("Status"),
                _("Question"),
                _("Note"),
            ]
        )
        bookings = list(queries.bookings_between(start, end))
        audit.record_many(
            request.user,
            audit.EXPORTED,
            people=[audit.person_label(booking.name, booking.email) for booking in bookings],
            subject=f"{start.isoformat()} – {end.isoformat()} (CSV)",
        )
        for booking in bookings:
            writer.writerow(
                [
                    timezone.localtime(booking.slot.starts_at).strftime("%Y-%m-%d %H:%M"),
                    _cell(booking.slot.topic.name),
                    _cell(booking.slot.advisor.name),
                    _cell(booking.name),
                    _cell(booking.email),
                    booking.get_person_status_display(),
                    booking.get_status_display(),
                    _cell(booking.question),
                    _cell(booking.staff_note),
                ]
            )
        return response


class ReportView(AdvisingAdminMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "advising/admin/report.html"
    page_title = gettext_lazy("Appointments per topic")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        form, start, end = _date_range(self.request, today.replace(month=1, day=1), today)
        rows = list(queries.counts_per_topic(start, end))
        statuses = queries.REPORT_STATUSES
        context.update(
            form=form,
            start=start,
            end=end,
            statuses=[BookingStatus(status).label for status in statuses],
            rows=[(topic, [getattr(topic, status) for status in statuses]) for topic in rows],
            totals=[sum(getattr(topic, status) for topic in rows) for status in statuses],
        )
        return context


class AppointmentsMenuItem(MenuItem):
    def is_shown(self, request):
        return can_manage_bookings(request.user)


class AppointmentsViewSet(ViewSet):
    """The back office's menu entry and its views."""

    icon = "date"
    menu_label = gettext_lazy("Appointments")
    url_prefix = "advising/appointments"
    menu_order = 100

    def get_menu_item(self, order=None):
        return AppointmentsMenuItem(
            label=self.menu_label,
            url=self.menu_url,
            name=self.menu_name,
            icon_name=self.menu_icon,
            order=order if order is not None else self.menu_order,
        )

    def get_urlpatterns(self):
        return [
            path("", ScheduleView.as_view(), name="index"),
            path("<int:pk>/", BookingView.as_view(), name="booking"),
            path("export/", ExportView.as_view(), name="export"),
            path("report/", ReportView.as_view(), name="report"),
        ]
