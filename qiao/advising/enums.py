from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class MeetingMode(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")


class PersonStatus(models.TextChoices):
    STUDENT = "student", pgettext_lazy("status of a person", "Student")
    STAFF = "staff", pgettext_lazy("status of a person", "Staff member")
    EXTERNAL = "external", pgettext_lazy("status of a person", "External")
    PARTNER = "partner", pgettext_lazy("status of a person", "From a partner institution")


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class BookingStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for e-mail confirmation")
    CONFIRMED = "confirmed", _("Confirmed")
    CANCELLED = "cancelled", _("Cancelled")
    EXPIRED = "expired", _("Not confirmed in time")
    ATTENDED = "attended", _("Attended")
    NO_SHOW = "no_show", _("Did not come")


# The one table of allowed status changes; services.set_booking_status enforces it.
BOOKING_TRANSITIONS: dict[str, frozenset[str]] = {
    BookingStatus.PENDING: frozenset(
        {BookingStatus.CONFIRMED, BookingStatus.CANCELLED, BookingStatus.EXPIRED}
    ),
    BookingStatus.CONFIRMED: frozenset(
        {BookingStatus.CANCELLED, BookingStatus.ATTENDED, BookingStatus.NO_SHOW}
    ),
    # An advisor may correct a mark made by mistake.
    BookingStatus.ATTENDED: frozenset({BookingStatus.NO_SHOW}),
    BookingStatus.NO_SHOW: frozenset({BookingStatus.ATTENDED}),
    BookingStatus.CANCELLED: frozenset(),
    BookingStatus.EXPIRED: frozenset(),
}

# Bookings that hold their slot (a pending one only until its hold expires).
HOLDING_STATUSES = (BookingStatus.PENDING, BookingStatus.CONFIRMED)
