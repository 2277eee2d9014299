"""The back office's statistics and funder report pages: thin, every figure from queries."""

from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from . import access, charts, funder, queries, services
from .forms import StatisticsForm

FIRST_YEAR, LAST_YEAR = 2000, 2100


def _context(title, **extra):
    return {"page_title": title, "header_title": title, "header_icon": "table", **extra}


def statistics(request):
    access.require_statistics(request.user)
    form = StatisticsForm(request.GET or None)
    period, filters = form.period_and_filters()
    stats = queries.statistics(period, filters)
    return TemplateResponse(
        request,
        "reports/admin/statistics.html",
        _context(
            _("Statistics"),
            form=form,
            stats=stats,
            charts=charts.charts_for(stats),
            can_create_report=access.can_create_report(request.user),
        ),
    )


def funder_report(request):
    access.require_report(request.user)
    year = timezone.localdate().year - 1
    requested = request.GET.get("year", "")
    if requested.isdigit() and FIRST_YEAR <= int(requested) <= LAST_YEAR:
        year = int(requested)
    return TemplateResponse(
        request,
        "reports/admin/funder_report.html",
        _context(
            _("Funder report"),
            year=year,
            years=range(timezone.localdate().year, timezone.localdate().year - 6, -1),
            narrative=funder.narrative_for(year),
        ),
    )


def funder_report_file(request, year: int, file_format: str, language: str):
    access.require_report(request.user)
    if not (
        file_format in services.FORMATS
        and language in services.LANGUAGES
        and FIRST_YEAR <= year <= LAST_YEAR
    ):
        raise Http404
    content = services.create_funder_report(
        year, file_format=file_format, language=language, user=request.user
    )
    content_type = {
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "pdf": "application/pdf",
    }[file_format]
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="funder-report-{year}-{language}.{file_format}"'
    )
    return response
