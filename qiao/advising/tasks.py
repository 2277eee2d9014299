"""Background jobs of the advising app: they take primary keys and call services."""

from django_tasks import task


@task()
def send_booking_email(booking_id: int, kind: str) -> None:
    from .emails import send_booking_email as send
    from .models import Booking

    booking = Booking.objects.select_related("slot__topic", "slot__advisor").filter(pk=booking_id)
    if booking:
        send(booking[0], kind)


@task()
def notify_advisor(booking_id: int, kind: str) -> None:
    from .emails import notify_advisor as send
    from .models import Booking

    booking = Booking.objects.select_related("slot__topic", "slot__advisor").filter(pk=booking_id)
    if booking:
        send(booking[0], kind)


@task()
def send_booking_reminder(booking_id: int) -> bool:
    from .services import send_reminder

    return send_reminder(booking_id)
