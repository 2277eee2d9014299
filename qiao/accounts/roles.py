"""The staff roles: one group each, with exactly the permissions its work needs. A person
may hold several roles. The groups are created (and brought back to this definition) by
the migration ``accounts.0001_staff_roles``; change a role here and in a new migration."""

ACCESS_ADMIN = "wagtailadmin.access_admin"
# Seeing the audit trail of personal data (Wagtail's log entries).
VIEW_AUDIT_TRAIL = "wagtailcore.view_modellogentry"


def _crud(app_label: str, *models: str, actions=("add", "change", "delete", "view")) -> list:
    return [f"{app_label}.{action}_{model}" for model in models for action in actions]


# Page permissions on the whole page tree, and image/document permissions on every
# collection: editors only.
EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
EDITOR_COLLECTION_PERMISSIONS = [
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtailimages.choose_image",
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtaildocs.choose_document",
]

ROLES: dict[str, list[str]] = {
    # Pages, news, team, images, documents, and their translations.
    "Editors": [
        ACCESS_ADMIN,
        *_crud("core", "person"),
        *_crud("news", "newscategory"),
        "wagtail_localize.submit_translation",
    ],
    # Registrations (lists, moves, check-in, exports, e-mail), sessions and questions.
    "Event team": [
        ACCESS_ADMIN,
        *_crud("events", "registration", "eventsession", "registrationquestion"),
    ],
    # Calls, applications, selection, status e-mails; and the audit trail of applicants.
    "Mobility coordinators": [
        ACCESS_ADMIN,
        *_crud("mobility", "call", "statusemailtext"),
        "mobility.view_application",
        "mobility.change_application",
        VIEW_AUDIT_TRAIL,
    ],
    # Score the applications of the calls they are assigned to ("My reviews"), nothing else.
    "Reviewers": [ACCESS_ADMIN],
    # Their bookings, notes, attendance; weekly hours, single slots, blocked days.
    "Advisors": [
        ACCESS_ADMIN,
        "advising.view_booking",
        "advising.change_booking",
        *_crud("advising", "availabilityrule", "slot", "blockedday"),
    ],
    # Institutions, agreements (with their signed documents), delegation visits.
    "Partner-network managers": [
        ACCESS_ADMIN,
        *_crud("partners", "institution", "agreement", "delegationvisit"),
    ],
    # Users and roles, site settings, topics and advisors, contact messages, the audit trail.
    "Administrators": [
        ACCESS_ADMIN,
        *_crud("auth", "user"),
        "auth.add_group",
        "auth.change_group",
        "auth.delete_group",
        "auth.view_group",
        "core.change_centresettings",
        *_crud("core", "contactmessage"),
        *_crud("advising", "topic", "advisor"),
        *_crud("wagtailredirects", "redirect"),
        *_crud("wagtailcore", "site", "locale"),
        VIEW_AUDIT_TRAIL,
        # Statistics and the annual report to the funder (its narrative, its files).
        "reports.view_statistics",
        "reports.create_funder_report",
        *_crud("reports", "funderreport"),
    ],
}
