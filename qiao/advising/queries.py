"""Reads of the advising app that need more than one line."""

from collections import OrderedDict
from datetime import date, timedelta

from django.conf import settings
from django.db.models import Count, Q
from django.utils import timezone

from .enums import BookingStatus
from .models import BlockedDay, Booking, Slot, Topic
from .slotting import day_bounds_utc


def free_slots(topic: Topic, *, now=None, exclude_slot_id=None) -> list[Slot]:
    """The slots of a topic that can still be booked: ahead of the booking cut-off,
    within the booking window, not held, not on a blocked day. Two queries whatever
    the number of slots."""
    now = now or timezone.now()
    first = now + timedelta(minutes=settings.ADVISING_BOOKING_CLOSES_MINUTES)
    last = now + timedelta(days=settings.ADVISING_BOOKING_WINDOW_DAYS)
    slots = (
        Slot.objects.filter(
            topic=topic, advisor__is_active=True, starts_at__gt=first, starts_at__lte=last
        )
        .free(now)
        .select_related("advisor")
        .order_by("starts_at", "advisor__name")
    )
    if exclude_slot_id:
        slots = slots.exclude(pk=exclude_slot_id)
    blocked = BlockedDay.objects.filter(
        date__gte=timezone.localdate(first) - timedelta(days=1),
        date__lte=timezone.localdate(last),
    )
    for day in blocked:
        start, end = day_bounds_utc(day.date)
        on_day = Q(starts_at__gte=start, starts_at__lt=end)
        if day.advisor_id:
            on_day &= Q(advisor_id=day.advisor_id)
        slots = slots.exclude(on_day)
    return list(slots)


def slots_by_day(slots: list[Slot]) -> "OrderedDict[date, list[Slot]]":
    days: OrderedDict[date, list[Slot]] = OrderedDict()
    for slot in slots:
        days.setdefault(timezone.localdate(slot.starts_at), []).append(slot)
    return days


def bookings_between(start: date, end: date, *, advisor=None):
    """Bookings of the Berlin days start..end (inclusive) for the back office."""
    first, _ = day_bounds_utc(start)
    _, last = day_bounds_utc(end)
    bookings = (
        Booking.objects.filter(slot__starts_at__gte=first, slot__starts_at__lt=last)
        .exclude(status=BookingStatus.EXPIRED)
        .select_related("slot__topic", "slot__advisor")
        .order_by("slot__starts_at", "slot__advisor__name")
    )
    if advisor is not None:
        bookings = bookings.filter(slot__advisor=advisor)
    return bookings


REPORT_STATUSES = (
    BookingStatus.CONFIRMED,
    BookingStatus.ATTENDED,
    BookingStatus.NO_SHOW,
    BookingStatus.CANCELLED,
)


def slots_by_day_of_bookings(bookings) -> "OrderedDict[date, list]":
    days: OrderedDict[date, list] = OrderedDict()
    for booking in bookings:
        days.setdefault(timezone.localdate(booking.slot.starts_at), []).append(booking)
    return days


def counts_per_topic(start: date, end: date):
    """For reports: bookings per topic and status between two Berlin days."""
    first, _ = day_bounds_utc(start)
    _, last = day_bounds_utc(end)
    in_range = Q(
        slots__starts_at__gte=first,
        slots__starts_at__lt=last,
    )
    annotations = {
        status: Count("slots__bookings", filter=in_range & Q(slots__bookings__status=status))
        for status in REPORT_STATUSES
    }
    return Topic.objects.annotate(**annotations).order_by("sort_order", "slug")
