"""The figures on the back office's home page. Each panel costs a fixed number of queries,
whatever the amount of data (aggregates and limited lists only)."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Q
from django.utils import timezone

from qiao.advising.enums import BookingStatus
from qiao.advising.models import Booking, Slot
from qiao.advising.slotting import day_bounds_utc
from qiao.core.models import ContactMessage, ContactStatus
from qiao.events.enums import SEAT_STATUSES, RegistrationStatus
from qiao.events.queries import source_events
from qiao.mobility.enums import ApplicationStatus
from qiao.mobility.models import Call
from qiao.partners.models import Agreement

NEXT_EVENTS = 5
AGREEMENT_DAYS = 90
LIST_LIMIT = 8


def next_events(now=None) -> list:
    """The next events (one row per event, its source language), with their fill level."""
    now = now or timezone.now()
    events = list(
        source_events()
        .filter(start__gte=now)
        .order_by("start", "pk")
        .annotate(
            confirmed_count=Count(
                "registrations", filter=Q(registrations__status__in=SEAT_STATUSES)
            ),
            waitlisted_count=Count(
                "registrations", filter=Q(registrations__status=RegistrationStatus.WAITLISTED)
            ),
        )[:NEXT_EVENTS]
    )
    for event in events:
        capacities = [event.capacity_for(mode) for mode in event.participation_modes]
        # None: at least one way to take part has no limit.
        event.capacity_total = None if None in capacities else sum(capacities)
    return events


def open_calls(now=None) -> list:
    """Calls open now, and closed calls that still have applications waiting for review."""
    now = now or timezone.now()
    waiting = Q(applications__status=ApplicationStatus.SUBMITTED)
    calls = (
        Call.objects.select_related("programme")
        .annotate(
            submitted_count=Count("applications", filter=waiting),
            under_review_count=Count(
                "applications", filter=Q(applications__status=ApplicationStatus.UNDER_REVIEW)
            ),
        )
        .filter(
            Q(opens_at__lte=now, closes_at__gt=now) | Q(closes_at__lte=now, submitted_count__gt=0)
        )
        .order_by("closes_at", "pk")[:LIST_LIMIT]
    )
    today = timezone.localdate(now)
    result = list(calls)
    for call in result:
        call.days_left = (timezone.localdate(call.closes_at) - today).days
    return result


@dataclass
class AdvisingDay:
    day: date
    appointments: int
    free_slots: int


def advising_days(now=None) -> list[AdvisingDay]:
    """Today's and tomorrow's appointments, and the slots still free on both days."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    days = [today, today + timedelta(days=1)]
    bounds = [day_bounds_utc(day) for day in days]
    appointment_statuses = (
        BookingStatus.CONFIRMED,
        BookingStatus.ATTENDED,
        BookingStatus.NO_SHOW,
    )
    bookings = Booking.objects.filter(status__in=appointment_statuses).aggregate(
        **{
            f"day{index}": Count(
                "pk", filter=Q(slot__starts_at__gte=start, slot__starts_at__lt=end)
            )
            for index, (start, end) in enumerate(bounds)
        }
    )
    slots = (
        Slot.objects.filter(advisor__is_active=True, starts_at__gt=now)
        .free(now)
        .aggregate(
            **{
                f"day{index}": Count("pk", filter=Q(starts_at__gte=start, starts_at__lt=end))
                for index, (start, end) in enumerate(bounds)
            }
        )
    )
    return [
        AdvisingDay(day, bookings[f"day{index}"], slots[f"day{index}"])
        for index, day in enumerate(days)
    ]


def expiring_agreements(today=None) -> tuple[int, list]:
    today = today or timezone.localdate()
    agreements = Agreement.objects.expiring_within(AGREEMENT_DAYS, today=today)
    listed = list(agreements.order_by("valid_until", "pk")[:LIST_LIMIT])
    count = len(listed) if len(listed) < LIST_LIMIT else agreements.count()
    for agreement in listed:
        agreement.days_remaining = (agreement.valid_until - today).days
    return count, listed


def contact_inbox() -> dict:
    return ContactMessage.objects.aggregate(
        new=Count("pk", filter=Q(status=ContactStatus.NEW)),
        in_progress=Count("pk", filter=Q(status=ContactStatus.IN_PROGRESS)),
    )
