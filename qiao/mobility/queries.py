"""Reads of the mobility app: the catalogue with its filters, calls, counts, rankings."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, Exists, F, OuterRef, Q
from django.utils import timezone
from wagtail.models import Locale

from .enums import (
    HOLDS_PLACE,
    SELECTABLE,
    ApplicationStatus,
    Direction,
    InstructionLanguage,
    ProgrammeType,
)
from .models import Application, Call, ProgrammeIndexPage, ProgrammePage


@dataclass(frozen=True)
class ProgrammeFilters:
    programme_type: str = ""
    direction: str = ""
    partner: str = ""
    language: str = ""
    open_only: bool = False

    @classmethod
    def from_query(cls, query) -> "ProgrammeFilters":
        def choice(name, choices):
            value = query.get(name, "")
            return value if value in choices.values else ""

        return cls(
            programme_type=choice("type", ProgrammeType),
            direction=choice("direction", Direction),
            partner=query.get("partner", "")[:200],
            language=choice("language", InstructionLanguage),
            open_only=query.get("open") == "1",
        )

    @property
    def is_active(self) -> bool:
        return bool(
            self.programme_type or self.direction or self.partner or self.language or self.open_only
        )


def _programmes_under(index_page):
    return ProgrammePage.objects.live().public().child_of(index_page).select_related("partner")


def programmes_for_index(index_page, filters: ProgrammeFilters):
    queryset = _programmes_under(index_page)
    if filters.programme_type:
        queryset = queryset.filter(programme_type=filters.programme_type)
    if filters.direction:
        queryset = queryset.filter(direction=filters.direction)
    if filters.partner:
        queryset = queryset.filter(partner_name=filters.partner).exclude(partner__is_public=False)
    if filters.language:
        queryset = queryset.filter(language=filters.language)
    open_calls = Call.objects.open_at(timezone.now()).filter(
        programme__translation_key=OuterRef("translation_key")
    )
    queryset = queryset.annotate(is_open=Exists(open_calls))
    if filters.open_only:
        queryset = queryset.filter(is_open=True)
    return queryset.order_by("title")


def partner_names(index_page) -> list[str]:
    programmes = _programmes_under(index_page).exclude(partner__is_public=False)
    names = programmes.exclude(partner_name="").values_list("partner_name", flat=True)
    return sorted(set(names))


def calls_of_programme(programme_page):
    """Calls belong to a programme in every language: they hang on any of its translations."""
    return (
        Call.objects.filter(programme__translation_key=programme_page.translation_key)
        .prefetch_related("questions")
        .order_by("-opens_at")
    )


def search_calls(query: str, locale, *, limit: int = 10) -> list[tuple[Call, ProgrammePage]]:
    """Calls whose title (in any language) contains ``query``, each with its programme's
    live, public page in ``locale``; calls without such a page are not found. Open calls
    first, then the latest deadline."""
    matches = Q()
    for field in ("title_de", "title_en", "title_zh"):
        matches |= Q(**{f"{field}__icontains": query})
    calls = Call.objects.filter(matches).select_related("programme")
    pages = {
        page.translation_key: page
        for page in ProgrammePage.objects.live()
        .public()
        .filter(locale=locale, translation_key__in=calls.values("programme__translation_key"))
    }
    now = timezone.now()
    found = [
        (call, pages[call.programme.translation_key])
        for call in calls.order_by("-closes_at")
        if call.programme.translation_key in pages
    ]
    found.sort(key=lambda pair: not pair[0].is_open(now))
    return found[:limit]


def calls_with_counts():
    S = ApplicationStatus
    not_draft = ~Q(applications__status=S.DRAFT)
    return (
        Call.objects.select_related("programme")
        .annotate(
            application_count=Count("applications", filter=not_draft),
            shortlisted_count=Count("applications", filter=Q(applications__status=S.SHORTLISTED)),
            offered_count=Count("applications", filter=Q(applications__status=S.OFFERED)),
            accepted_count=Count("applications", filter=Q(applications__status=S.ACCEPTED)),
            holding_count=Count("applications", filter=Q(applications__status__in=HOLDS_PLACE)),
        )
        .annotate(places_left=F("places") - F("holding_count"))
    )


def ranking(call, *, reviewer=None):
    """Submitted applications of a call, best average score first; with ``reviewer``,
    each carries ``my_score``: that reviewer's score, or None if they have not reviewed
    it yet."""
    applications = (
        Application.objects.filter(call=call)
        .exclude(status__in=[ApplicationStatus.DRAFT, ApplicationStatus.WITHDRAWN])
        .select_related("applicant")
        .ranked()
    )
    if reviewer is not None:
        from django.db.models import Subquery

        from .models import Review

        mine = Review.objects.filter(application=OuterRef("pk"), reviewer=reviewer)
        applications = applications.annotate(my_score=Subquery(mine.values("score")[:1]))
    return applications


def applications_of(user):
    return (
        Application.objects.filter(applicant=user)
        .select_related("call", "call__programme")
        .order_by("-created_at")
    )


def answered_questions(application) -> list[tuple[str, str]]:
    """The call's questions, in their order, each with the applicant's answer ("" if none)."""
    return [
        (question.text, application.answers.get(str(question.pk), ""))
        for question in application.call.questions.all()
    ]


def catalogue_page():
    """The programme catalogue in the active language (None where there is none)."""
    return ProgrammeIndexPage.objects.live().public().filter(locale=Locale.get_active()).first()


def applicant_label(application) -> str:
    """How the audit trail names the person behind an application."""
    return f"{application.full_name} <{application.applicant.email}>"


def application_subject(application) -> str:
    return f"#{application.pk} {application.call.title}"


@dataclass(frozen=True)
class OpenCall:
    call: Call
    programme: ProgrammePage  # in the language asked for


def open_calls(locale: Locale, *, under=None, limit: int | None = None, now=None) -> list:
    """Calls open now whose programme is published in this language, nearest deadline
    first; ``under`` keeps those of one catalogue. Two queries, however many calls."""
    calls = list(
        Call.objects.open_at(now or timezone.now())
        .select_related("programme")
        .order_by("closes_at", "pk")
    )
    programmes = (
        ProgrammePage.objects.live()
        .public()
        .filter(
            locale=locale,
            translation_key__in={call.programme.translation_key for call in calls},
        )
    )
    if under is not None:
        programmes = programmes.child_of(under)
    by_key = {page.translation_key: page for page in programmes}
    found = [
        OpenCall(call, by_key[call.programme.translation_key])
        for call in calls
        if call.programme.translation_key in by_key
    ]
    return found[:limit]


@dataclass(frozen=True)
class SelectionPlan:
    """Who the selection would offer a place and who it would put on the waiting list,
    in rank order: shown to the coordinator before anything is sent."""

    free_places: int
    offers: list
    waitlist: list

    def token(self) -> str:
        """The plan in a few characters, to check that the confirmed plan is still the
        one the selection runs."""
        offered = ",".join(str(application.pk) for application in self.offers)
        waiting = ",".join(str(application.pk) for application in self.waitlist)
        return f"{offered}|{waiting}"


def selection_plan(call: Call) -> SelectionPlan:
    free = call.places - call.applications.filter(status__in=HOLDS_PLACE).count()
    candidates = list(
        call.applications.filter(status__in=SELECTABLE).ranked().select_related("applicant")
    )
    free = max(free, 0)
    return SelectionPlan(free_places=free, offers=candidates[:free], waitlist=candidates[free:])


@dataclass(frozen=True)
class FundedPerson:
    """One funded participant, as the funder report lists them."""

    name: str
    email: str
    home_university: str
    programme: str
    call: str
    funding_source: str
    starts_on: date | None
    ends_on: date | None
    status: str
    flight: Decimal
    visa: Decimal
    stipend: Decimal
    flat_rate: Decimal
    amount: Decimal
    paid: Decimal
    paid_on: date | None


def _home_university(call) -> str:
    """Outgoing participants come from the centre's university; incoming ones from the
    partner."""
    from qiao.core.models import CentreSettings

    from .enums import Direction

    programme = call.programme
    if programme.direction == Direction.INCOMING:
        return programme.partner_name
    centre = CentreSettings.load()
    return centre.institution_en or centre.institution_de


def funded_persons(year: int) -> list[FundedPerson]:
    """Everyone whose grant was accepted, paid or reclaimed in a call whose programme
    starts in ``year`` (or, without programme dates, whose grant was offered in it);
    amounts are Decimal, paid net of reclaimed. Two queries."""
    from .enums import GrantStatus
    from .models import Grant

    grants = (
        Grant.objects.filter(
            status__in=(GrantStatus.ACCEPTED, GrantStatus.PAID, GrantStatus.RECLAIMED)
        )
        .filter(
            Q(call__starts_on__year=year) | Q(call__starts_on__isnull=True, created_at__year=year)
        )
        .select_related("application", "application__applicant", "call", "call__programme")
        .order_by("call__starts_on", "application__last_name", "pk")
    )
    grants = list(grants)
    homes = {}
    people = []
    for grant in grants:
        if grant.call_id not in homes:
            homes[grant.call_id] = _home_university(grant.call)
        application = grant.application
        people.append(
            FundedPerson(
                name=application.full_name,
                email=application.applicant.email,
                home_university=homes[grant.call_id],
                programme=grant.call.programme.title,
                call=grant.call.title,
                funding_source=grant.call.funding_source,
                starts_on=grant.call.starts_on,
                ends_on=grant.call.ends_on,
                status=grant.status,
                flight=grant.flight,
                visa=grant.visa,
                stipend=grant.stipend,
                flat_rate=grant.flat_rate,
                amount=grant.amount,
                paid=grant.paid_amount - grant.reclaimed_amount,
                paid_on=grant.paid_on,
            )
        )
    return people


def funding_overview(call):
    """The budget of a call, committed, paid and left; and its participants with their
    grants (those holding a place, and anyone with a grant)."""
    from .models import Grant

    totals = Grant.objects.filter(call=call).totals()
    participants = (
        Application.objects.filter(call=call)
        .filter(Q(status__in=HOLDS_PLACE) | Q(grant__isnull=False))
        .select_related("applicant", "grant")
        .order_by("last_name", "first_name", "pk")
    )
    return {
        "budget": call.budget,
        "committed": totals["committed"],
        "paid": totals["paid"],
        "left": call.budget - totals["committed"],
        "participants": participants,
    }
