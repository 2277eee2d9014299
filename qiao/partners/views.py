from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.http import require_GET
from wagtail.models import Locale

from qiao.accounts import audit

from . import access, provinces, queries, sheets
from .enums import InstitutionType, Province
from .models import Agreement, DelegationVisit


def partner_list(request, index_page):
    """The public list of partners with its filters and the province map."""
    filters = queries.PartnerFilters.from_query(request.GET)
    context = index_page.get_context(request)
    context.update(
        institutions=queries.public_institutions(filters),
        filters=filters,
        types=InstitutionType.choices,
        provinces=sorted(Province.choices, key=lambda choice: str(choice[1])),
        tiles=provinces.tiles(queries.province_counts()),
        map_viewbox=provinces.viewbox(),
        tile_size=provinces.TILE,
    )
    return TemplateResponse(request, "partners/partner_index_page.html", context)


def partner_detail(request, index_page, slug: str):
    """One partner's public page: what it is, current kinds of agreement, visits,
    programmes and news."""
    institution = get_object_or_404(queries.public_institutions(), slug=slug)
    locale = Locale.get_active()
    context = index_page.get_context(request)
    context.update(
        institution=institution,
        agreement_types=queries.current_agreement_types(institution),
        visits=queries.public_visits(institution),
        news_items=queries.related_news(institution, locale),
        programmes=queries.programmes_for(institution, locale),
        index_url=index_page.url,
    )
    return TemplateResponse(request, "partners/partner_page.html", context)


def _require(request, allowed: bool):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), reverse("wagtailadmin_login"))
    if not allowed:
        raise PermissionDenied
    return None


@require_GET
def private_document(request, name: str):
    """A signed agreement, for staff only; nobody else learns whether it exists."""
    denied = _require(request, access.can_view_agreements(request.user))
    if denied:
        return denied
    agreement = Agreement.objects.filter(document=name).first()
    if agreement is None or not agreement.document.storage.exists(name):
        raise Http404
    audit.record(
        request.user,
        audit.DOWNLOADED,
        person=", ".join(str(partner) for partner in agreement.partners.all()),
        subject=f"#{agreement.pk} {agreement.title}",
        detail=name.rsplit("/", 1)[-1],
    )
    response = FileResponse(
        agreement.document.open("rb"),
        as_attachment=True,
        filename=name.rsplit("/", 1)[-1],
        content_type="application/pdf",
    )
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def visit_sheet(request, pk: int):
    """The printable programme of a delegation visit, in the language of the address
    (/de/..., /zh/...)."""
    denied = _require(request, access.can_view_visits(request.user))
    if denied:
        return denied
    visit = _visit(pk)
    _record_sheet(request, visit, audit.OPENED)
    context = {
        "visit": visit,
        "agenda": sheets.agenda_rows(visit),
        "hosts": sheets.host_lines(visit),
    }
    response = TemplateResponse(request, "partners/visit_sheet.html", context)
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def visit_sheet_pdf(request, pk: int):
    """The same programme as a PDF on the centre's letterhead."""
    denied = _require(request, access.can_view_visits(request.user))
    if denied:
        return denied
    visit = _visit(pk)
    _record_sheet(request, visit, audit.DOWNLOADED)
    language = (get_language() or "de").split("-")[0]
    response = HttpResponse(sheets.sheet_pdf(visit), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="programme-{visit.pk}-{language}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


def _record_sheet(request, visit: DelegationVisit, action: str) -> None:
    """The programme names every member of the delegation: one entry per member."""
    audit.record_many(
        request.user,
        action,
        people=[
            " ".join(filter(None, [member.name_latin, member.name_zh]))
            for member in visit.participants.all()
        ],
        subject=f"#{visit.pk} {visit.title}",
    )


def _visit(pk: int) -> DelegationVisit:
    return get_object_or_404(
        DelegationVisit.objects.prefetch_related("institutions", "participants", "agenda_items"),
        pk=pk,
    )
