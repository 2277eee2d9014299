"""Who may see what of the partner network: one place, used by every view."""


def can_view_agreements(user) -> bool:
    """Agreements and their signed documents: staff with the view permission."""
    return bool(
        user.is_authenticated
        and user.is_active
        and user.is_staff
        and user.has_perm("partners.view_agreement")
    )


def can_view_visits(user) -> bool:
    """Delegation visits and their programme sheets (names of guests): staff only."""
    return bool(
        user.is_authenticated
        and user.is_active
        and user.is_staff
        and user.has_perm("partners.view_delegationvisit")
    )
