"""Every back-office and staff address × every staff role: allowed or refused, as planned.
A person holds the role's group only (and is_staff, as every staff account)."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from qiao.accounts.roles import ROLES
from qiao.mobility.tests.factories import UserFactory

pytestmark = [
    pytest.mark.django_db,
    # wagtail-localize's translations report pages an unordered queryset (its own warning).
    pytest.mark.filterwarnings("ignore::django.core.paginator.UnorderedObjectListWarning"),
]

EDITOR = "Editors"
EVENTS = "Event team"
MOBILITY = "Mobility coordinators"
REVIEWER = "Reviewers"
ADVISOR = "Advisors"
PARTNERS = "Partner-network managers"
ADMIN = "Administrators"
ALL = set(ROLES)

# address (URL name or path) -> the roles that may open it; every other role is refused.
MATRIX = {
    "wagtailadmin_home": ALL,
    "wagtailadmin_explore_root": {EDITOR},
    "wagtailimages:index": {EDITOR},
    "wagtaildocs:index": {EDITOR},
    "wagtailadmin_collections:index": set(),
    # The partner network has a menu of its own, not under "Snippets".
    "wagtailsnippets:index": {EDITOR, MOBILITY},
    "wagtailsnippets_core_person:list": {EDITOR},
    "wagtailsnippets_news_newscategory:list": {EDITOR},
    "wagtailsnippets_mobility_statusemailtext:list": {MOBILITY},
    "wagtailsnippets_partners_institution:list": {PARTNERS},
    "wagtailsnippets_partners_agreement:list": {PARTNERS},
    "wagtailsnippets_partners_delegationvisit:list": {PARTNERS},
    "wagtailforms:index": {EDITOR},
    "wagtailredirects:index": {ADMIN},
    "wagtailsearchpromotions:index": set(),
    # wagtail-localize checks only admin access here; it lists pages, no personal data.
    "wagtail_localize:translations_report": ALL,
    "wagtailadmin_reports:site_history": ALL,
    "wagtailadmin_reports:aging_pages": {EDITOR},
    "wagtaillocales:index": {ADMIN},
    "wagtailsites:index": {ADMIN},
    "wagtailusers_users:index": {ADMIN},
    "wagtailusers_groups:index": {ADMIN},
    "/admin/settings/core/centresettings/": {ADMIN},
    "contact_messages:index": {ADMIN},
    "event_registrations:index": {EVENTS},
    "event_sessions:index": {EVENTS},
    "registration_questions:index": {EVENTS},
    "mobility_admin:calls": {MOBILITY},
    "mobility_calls:index": {MOBILITY},
    "advising_appointments:index": {ADVISOR},
    "advising_appointments:export": {ADVISOR},
    "advising_appointments:report": {ADVISOR},
    "advising_topics:index": {ADMIN},
    "advising_advisors:index": {ADMIN},
    "advising_rules:index": {ADVISOR},
    "advising_blocked_days:index": {ADVISOR},
    "advising_slots:index": {ADVISOR},
    "accounts_audit_trail": {MOBILITY, ADMIN},
    "reports_statistics": {ADMIN},
    "reports_funder_report": {ADMIN},
    "reports_narratives:index": {ADMIN},
}


def address(name: str) -> str:
    return name if name.startswith("/") else reverse(name)


def opens(client, url: str) -> bool:
    """True if the page opened; False for a refusal (403, or Wagtail's redirect home
    with "no permission")."""
    response = client.get(url)
    if response.status_code == 302 and response["Location"].startswith(url):
        response = client.get(response["Location"])  # e.g. settings -> settings/1/
    if response.status_code == 200:
        return True
    assert response.status_code in (302, 403), (url, response.status_code)
    if response.status_code == 302:
        assert response["Location"] == "/admin/", (url, response["Location"])
    return False


@pytest.fixture
def role_clients(homes):
    clients = {}
    for name in ROLES:
        user = UserFactory(is_staff=True)
        user.groups.add(Group.objects.get(name=name))
        client = Client()
        client.force_login(user)
        clients[name] = client
    return clients


def test_permission_matrix_has_no_surprises(role_clients):
    actual = {
        name: {role for role, client in role_clients.items() if opens(client, address(name))}
        for name in MATRIX
    }
    surprises = {
        name: {"expected": sorted(MATRIX[name]), "actual": sorted(actual[name])}
        for name in MATRIX
        if actual[name] != MATRIX[name]
    }
    assert surprises == {}
    assert len(MATRIX) * len(ROLES) == 287


def menu_urls(request, menu) -> list[str]:
    urls = []
    for item in menu.menu_items_for_request(request):
        submenu = getattr(item, "menu", None)
        urls += menu_urls(request, submenu) if submenu else [str(item.url)]
    return urls


@pytest.mark.parametrize("role", sorted(ROLES))
def test_menu_shows_only_what_the_role_may_open(role, homes, rf):
    from wagtail.admin.menu import admin_menu

    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    request = rf.get("/admin/")
    request.user = user
    urls = [url for url in menu_urls(request, admin_menu) if url.startswith("/admin/")]
    client = Client()
    client.force_login(user)
    refused = [url for url in urls if not opens(client, url)]
    assert refused == []
    assert urls != []
