"""The audit trail of personal data in the back office, filterable by person, action and
date."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext as _

from . import access, queries
from .admin_forms import AuditFilterForm

PAGE_SIZE = 100


def audit_trail(request):
    if not access.can_view_audit_trail(request.user):
        raise PermissionDenied
    form = AuditFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    entries = queries.audit_entries(
        person=filters.get("person", ""),
        action=filters.get("action", ""),
        since=filters.get("since"),
        until=filters.get("until"),
    )
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("p"))
    query = request.GET.copy()
    query.pop("p", None)
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "page_title": _("Audit trail of personal data"),
        "header_icon": "history",
    }
    return render(request, "accounts/admin/audit_trail.html", context)
