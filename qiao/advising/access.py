"""Who may do what in the advising back office: the one place these checks live."""


def can_manage_bookings(user) -> bool:
    """Advisors and coordinators: see bookings, write notes, mark attendance, export."""
    return bool(user.is_active and user.is_staff and user.has_perm("advising.change_booking"))
