"""The participant's personal page, reached through their signed link: their details,
the passport page, the timetable, practical information and their letters."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from . import ics, letters, queries, services
from .enums import LetterKind, LetterLanguage
from .forms import OwnDetailsForm, PassportForm
from .links import LinkError, link_valid_until, read_portal_token


def signed_link_page(view):
    """A page opened with the personal link: the address is the key, so it stays out of
    every cache and out of search engines."""

    @never_cache
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    wrapped.__name__ = view.__name__
    return wrapped


def _link_error(request, error: LinkError):
    return TemplateResponse(
        request, "incoming/link_error.html", {"message": error.message}, status=error.status
    )


def _page(request, participant, *, form=None, passport_form=None, status=200):
    cohort = participant.cohort
    return TemplateResponse(
        request,
        "incoming/portal.html",
        {
            "participant": participant,
            "cohort": cohort,
            "token": request.resolver_match.kwargs["token"],
            "form": form or OwnDetailsForm(instance=participant),
            "passport_form": passport_form or PassportForm(),
            "timetable": queries.timetable(cohort),
            "missing": participant.missing_details(),
            "valid_until": link_valid_until(cohort),
            "letters": queries.letters_for(participant, request.resolver_match.kwargs["token"]),
        },
        status=status,
    )


@signed_link_page
def portal(request, token: str):
    try:
        participant = read_portal_token(token)
    except LinkError as error:
        return _link_error(request, error)
    if request.method == "POST":
        form = OwnDetailsForm(request.POST, instance=participant)
        if form.is_valid():
            services.update_own_details(participant, data=form.cleaned_data)
            messages.success(request, _("Thank you: your details are saved."))
            return redirect("incoming:portal", token=token)
        participant.refresh_from_db()
        return _page(request, participant, form=form, status=400)
    return _page(request, participant)


@signed_link_page
@require_POST
def passport(request, token: str):
    try:
        participant = read_portal_token(token)
    except LinkError as error:
        return _link_error(request, error)
    form = PassportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, participant, passport_form=form, status=400)
    services.store_passport(
        participant, form.cleaned_data["passport_page"], content_type=form.content_type
    )
    messages.success(request, _("Thank you: the passport page is uploaded."))
    return redirect("incoming:portal", token=token)


@signed_link_page
def timetable_ics(request, token: str):
    try:
        participant = read_portal_token(token)
    except LinkError as error:
        return _link_error(request, error)
    response = HttpResponse(ics.cohort_calendar(participant.cohort), content_type="text/calendar")
    response["Content-Disposition"] = 'attachment; filename="timetable.ics"'
    return response


@signed_link_page
def letter(request, token: str, kind: str, language: str):
    try:
        participant = read_portal_token(token)
    except LinkError as error:
        return _link_error(request, error)
    if kind not in LetterKind.values or language not in LetterLanguage.values:
        raise Http404
    try:
        content = letters.letter_pdf(participant, kind, language)
    except letters.LetterNotAvailable as error:
        return _link_error(request, LinkError(error.message, status=409))
    response = HttpResponse(content, content_type="application/pdf")
    name = letters.file_name(participant, kind, language)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
