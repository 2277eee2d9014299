"""Who may see and do what with incoming groups: the only place these rules live."""

MANAGE_PERMISSION = "incoming.change_participant"
PASSPORT_PERMISSION = "incoming.view_passport_data"


def can_manage(user) -> bool:
    """Groups, rosters, timetables, attendance and letters: staff with the permission."""
    return bool(user.is_authenticated and user.is_active and user.has_perm(MANAGE_PERMISSION))


def can_view_passport_data(user, cohort) -> bool:
    """Passport number, expiry and the passport page: the group's own coordinators
    (holding the permission) and superusers, nobody else."""
    if not (user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    return user.has_perm(PASSPORT_PERMISSION) and cohort.coordinators.filter(pk=user.pk).exists()
