"""The applicant's and the reviewer's pages. Access checks come from access.py; every
write from services.py."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from qiao.accounts import audit

from . import access, eligibility, experience, ics, letters, queries, services
from .enums import Actor, ApplicationStatus, allowed_targets
from .forms import ApplicationForm, DocumentForm, ExperienceReportForm, ReviewForm, SlotForm
from .models import ApplicationDocument, Call, ExperienceReport
from .queries import applicant_label, application_subject

S = ApplicationStatus


def _visible(request, pk):
    return get_object_or_404(
        access.visible_applications(request.user).select_related("call", "call__programme"),
        pk=pk,
    )


def _own(request, pk):
    application = _visible(request, pk)
    if not access.is_owner(request.user, application):
        raise Http404
    return application


@login_required
def apply(request, call_id: int):
    call = get_object_or_404(Call.objects.select_related("programme"), pk=call_id)
    if request.method == "POST":
        try:
            application = services.start_application(
                call, applicant=request.user, language=translation.get_language()
            )
        except services.ApplicationError as error:
            messages.error(request, error.message)
            return redirect("accounts:dashboard")
        return redirect("mobility:edit", pk=application.pk)
    return render(request, "mobility/apply.html", {"call": call})


@login_required
def detail(request, pk: int):
    application = _visible(request, pk)
    is_owner = access.is_owner(request.user, application)
    context = {
        "application": application,
        "is_owner": is_owner,
        "documents": application.documents.all(),
        "changes": application.status_changes.select_related("actor"),
        "questions": queries.answered_questions(application),
        "applicant_actions": allowed_targets(application.status, Actor.APPLICANT)
        if is_owner
        else [],
        "can_review": access.can_review(request.user, application),
        "slot": getattr(application, "interview_slot", None),
        "may_report": experience.may_report(request.user, application),
        "letters": access.available_letters(application)
        if is_owner or access.is_coordinator(request.user)
        else [],
    }
    return render(request, "mobility/detail.html", context)


@login_required
def edit(request, pk: int):
    """The draft in one form: details, answers and a document. Whatever the button, what was
    typed is saved; "Upload" also stores the chosen file. A refused part comes back with its
    message and everything typed still in place."""
    application = _own(request, pk)
    if not access.can_edit_application(request.user, application):
        messages.error(request, _("This application can no longer be changed."))
        return redirect("mobility:detail", pk=pk)
    form = ApplicationForm(request.POST or None, instance=application, call=application.call)
    document_form = DocumentForm(call=application.call)
    if request.method != "POST":
        return _edit_page(request, application, form, document_form)
    details_saved = form.is_valid()
    if details_saved:
        services.save_draft(
            application,
            by=request.user,
            data=form.cleaned_data,
            answers=form.answers(),
            language=translation.get_language(),
        )
        messages.success(request, _("Your draft has been saved."))
    if "upload" in request.POST:
        document_form = DocumentForm(request.POST, request.FILES, call=application.call)
        try:
            uploaded = _upload(request, application, document_form)
        except services.ApplicationError as error:
            messages.error(request, error.message)
            return redirect("mobility:detail", pk=pk)
        if uploaded:
            messages.success(request, _("The document has been uploaded."))
            document_form = DocumentForm(call=application.call)
        if not (details_saved and uploaded):
            return _edit_page(request, application, form, document_form, status=400)
    elif not details_saved:
        return _edit_page(request, application, form, document_form, status=400)
    if "submit" in request.POST:
        return _submit(request, application)
    return redirect("mobility:edit", pk=pk)


def _upload(request, application, document_form) -> bool:
    """Store the chosen document; False (with the reason on the form) if it was refused."""
    if not document_form.is_valid():
        return False
    try:
        services.add_document(
            application,
            by=request.user,
            document_type=document_form.cleaned_data["document_type"],
            uploaded=document_form.cleaned_data["file"],
        )
    except ValidationError as error:
        document_form.add_error("file", error)
        return False
    return True


def _edit_page(request, application, form, document_form, status=200):
    context = {
        "application": application,
        "form": form,
        "document_form": document_form,
        "documents": application.documents.all(),
        "missing": services.missing_parts(application),
        "unmet": [message for _rule, message in eligibility.unmet_rules(application)],
    }
    return render(request, "mobility/edit.html", context, status=status)


@login_required
@require_POST
def upload(request, pk: int):
    """A document on its own (the edit form sends documents together with the details)."""
    application = _own(request, pk)
    document_form = DocumentForm(request.POST, request.FILES, call=application.call)
    try:
        uploaded = _upload(request, application, document_form)
    except services.ApplicationError as error:
        messages.error(request, error.message)
        return redirect("mobility:detail", pk=pk)
    if uploaded:
        messages.success(request, _("The document has been uploaded."))
        return redirect("mobility:edit", pk=pk)
    form = ApplicationForm(instance=application, call=application.call)
    return _edit_page(request, application, form, document_form, status=400)


@login_required
def document(request, pk: int, document_id: int):
    application = _visible(request, pk)
    document = get_object_or_404(ApplicationDocument, pk=document_id, application=application)
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.download_name,
        content_type=document.content_type,
    )
    response["Cache-Control"] = "private, no-store"
    if not access.is_owner(request.user, application):
        audit.record(
            request.user,
            audit.DOWNLOADED,
            person=applicant_label(application),
            subject=application_subject(application),
            detail=document.original_name,
        )
    return response


@login_required
@require_POST
def document_delete(request, pk: int, document_id: int):
    application = _own(request, pk)
    document = get_object_or_404(ApplicationDocument, pk=document_id, application=application)
    try:
        services.remove_document(document, by=request.user)
        messages.success(request, _("The document has been removed."))
    except services.ApplicationError as error:
        messages.error(request, error.message)
    return redirect("mobility:edit", pk=pk)


def _submit(request, application):
    try:
        services.submit_application(application, by=request.user)
    except services.NotEligible as error:
        for reason in error.reasons:
            messages.error(request, reason)
        return redirect("mobility:edit", pk=application.pk)
    except services.ApplicationError as error:
        messages.error(request, error.message)
        return redirect("mobility:edit", pk=application.pk)
    messages.success(request, _("Your application has been submitted."))
    return redirect("mobility:detail", pk=application.pk)


@login_required
@require_POST
def submit(request, pk: int):
    return _submit(request, _own(request, pk))


def _applicant_action(service, success_message):
    @login_required
    @require_POST
    def view(request, pk: int):
        application = _own(request, pk)
        try:
            service(application, by=request.user)
        except services.ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, success_message())
        return redirect("mobility:detail", pk=pk)

    return view


withdraw = _applicant_action(
    services.withdraw_application, lambda: _("Your application has been withdrawn.")
)
accept = _applicant_action(services.accept_offer, lambda: _("You have accepted the place."))
decline = _applicant_action(services.decline_offer, lambda: _("You have declined the place."))


@login_required
def interview(request, pk: int):
    application = _own(request, pk)
    form = SlotForm(request.POST or None, application=application)
    if request.method == "POST" and form.is_valid():
        try:
            services.pick_interview_slot(application, form.cleaned_data["slot"], by=request.user)
        except services.ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Your interview time has been booked."))
            return redirect("mobility:detail", pk=pk)
    return render(request, "mobility/interview.html", {"application": application, "form": form})


@login_required
def letter(request, pk: int, kind: str):
    """The offer letter or the funding agreement, for the applicant and for staff."""
    application = _visible(request, pk)
    if not access.can_download_letter(request.user, application, kind):
        raise Http404
    build = letters.offer_letter_pdf if kind == letters.OFFER else letters.funding_agreement_pdf
    response = HttpResponse(build(application), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="{letters.file_name(application, kind)}"'
    )
    response["Cache-Control"] = "private, no-store"
    if not access.is_owner(request.user, application):
        audit.record(
            request.user,
            audit.DOWNLOADED,
            person=applicant_label(application),
            subject=application_subject(application),
            detail=f"{kind} letter",
        )
    return response


@login_required
def interview_ics(request, pk: int):
    application = _visible(request, pk)
    slot = getattr(application, "interview_slot", None)
    if slot is None:
        raise Http404
    response = HttpResponse(ics.interview_ics(slot), content_type="text/calendar")
    response["Content-Disposition"] = 'attachment; filename="interview.ics"'
    return response


@login_required
def review_calls(request):
    calls = access.reviewable_calls(request.user).select_related("programme")
    return render(request, "mobility/review_calls.html", {"calls": calls})


@login_required
def review_call(request, call_id: int):
    call = get_object_or_404(access.reviewable_calls(request.user), pk=call_id)
    ranking = queries.ranking(call, reviewer=request.user)
    return render(request, "mobility/review_call.html", {"call": call, "ranking": ranking})


@login_required
def review(request, pk: int):
    application = _visible(request, pk)
    if not access.can_review(request.user, application):
        raise Http404
    existing = application.reviews.filter(reviewer=request.user).first()
    initial = None
    if existing:
        initial = {"score": existing.score, "comment": existing.comment}
        initial.update(
            (f"criterion_{number}", value) for number, value in enumerate(existing.criterion_scores)
        )
    form = ReviewForm(
        request.POST or None, initial=initial, criteria=application.call.criterion_labels()
    )
    if request.method == "POST" and form.is_valid():
        services.save_review(application, reviewer=request.user, **form.review_data())
        messages.success(request, _("Your review has been saved."))
        return redirect("mobility:review_call", call_id=application.call_id)
    if request.method == "GET":
        audit.record(
            request.user,
            audit.OPENED,
            person=applicant_label(application),
            subject=application_subject(application),
        )
    context = {
        "application": application,
        "form": form,
        "documents": application.documents.all(),
        "questions": queries.answered_questions(application),
    }
    return render(request, "mobility/review.html", context)


@login_required
def report(request, pk: int):
    """The participant's experience report: write, save, submit for review."""
    application = _own(request, pk)
    if not experience.may_report(request.user, application):
        raise Http404
    existing = ExperienceReport.objects.filter(application=application).first()
    initial = {"language": translation.get_language()} if existing is None else None
    form = ExperienceReportForm(
        request.POST or None, request.FILES or None, instance=existing, initial=initial
    )
    editable = existing is None or existing.status in ("draft", "returned")
    if request.method == "POST" and editable and form.is_valid():
        try:
            experience.save_report(
                application,
                by=request.user,
                data=form.cleaned_data,
                photo=form.cleaned_data["photo_upload"],
                submit="submit" in request.POST,
            )
        except ValidationError as error:
            form.add_error("photo_upload", error)
        except services.ApplicationError as error:
            messages.error(request, error.message)
            return redirect("mobility:detail", pk=pk)
        else:
            messages.success(
                request,
                _("Your report has been submitted for review.")
                if "submit" in request.POST
                else _("Your report has been saved."),
            )
            return redirect("mobility:report", pk=pk)
    status = 400 if form.errors else 200
    context = {"application": application, "form": form, "report": existing, "editable": editable}
    return render(request, "mobility/report.html", context, status=status)


def report_photo(request, report_id: int):
    """A report's photo: public once the report is published with consent; before that
    only for its author and the staff."""
    report = get_object_or_404(
        ExperienceReport.objects.select_related("application"), pk=report_id, photo__gt=""
    )
    public = report.status == "published" and report.photo_consent
    if not (
        public
        or access.is_owner(request.user, report.application)
        or access.is_coordinator(request.user)
    ):
        raise Http404
    response = FileResponse(report.photo.open("rb"), content_type=report.photo_type)
    response["Cache-Control"] = "public, max-age=3600" if public else "private, no-store"
    return response
