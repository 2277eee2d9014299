"""Back-office screens with workflow: one group's roster, import, timetable with
attendance, letters and passport data. Thin: forms validate, services write."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render

from . import access, queries
from .models import Cohort


def _managers_only(view):
    def wrapped(request, *args, **kwargs):
        if not access.can_manage(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    return wrapped


@_managers_only
def cohort(request, pk):
    group = get_object_or_404(Cohort.objects.select_related("partner"), pk=pk)
    return render(
        request,
        "incoming/admin/cohort.html",
        {
            "cohort": group,
            "participants": queries.roster(group),
            "sessions": group.sessions.all(),
            "can_view_passports": access.can_view_passport_data(request.user, group),
            "page_title": group.title,
            "header_icon": "group",
        },
    )
