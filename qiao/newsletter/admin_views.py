"""The newsletter in the back office: sending an issue (with the count first), a test to
oneself, the subscribers (import, export, marking, erasure) and the figures."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import queries, sending, services
from .access import require_sender, require_subscriber_manager
from .admin_forms import ImportForm, MarkForm, SendForm
from .enums import SubscriberStatus
from .models import IssueSending, NewsletterIssuePage, Subscriber

URL_NAMESPACE = "newsletter_admin"


def _context(title, **extra):
    return {"page_title": title, "header_title": title, "header_icon": "mail", **extra}


def issue_send(request, page_id: int):
    """The confirmation page: who gets the issue in which language; test; send or schedule."""
    require_sender(request.user)
    issue = get_object_or_404(NewsletterIssuePage, pk=page_id)
    form = SendForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            result = sending.schedule_sending(
                issue, user=request.user, send_at=form.cleaned_data["send_at"]
            )
        except sending.SendingError as error:
            messages.error(request, error.message)
        else:
            if form.cleaned_data["send_at"]:
                messages.success(request, _("The issue is scheduled."))
            else:
                messages.success(request, _("The issue is being sent."))
            return redirect(reverse("newsletter_admin:sending", args=[result.pk]))
    context = _context(
        _("Send “%(title)s”") % {"title": issue.title},
        issue=issue,
        form=form,
        summary=queries.audience_summary(issue),
        sendings=IssueSending.objects.filter(issue__translation_key=issue.translation_key),
        status=400 if form.errors else 200,
    )
    return TemplateResponse(
        request, "newsletter/admin/send.html", context, status=context["status"]
    )


@require_POST
def issue_test(request, page_id: int):
    require_sender(request.user)
    issue = get_object_or_404(NewsletterIssuePage, pk=page_id)
    if not request.user.email:
        messages.error(request, _("Your account has no e-mail address."))
    else:
        count = sending.send_test(issue, user=request.user)
        messages.success(
            request,
            _("%(count)s test e-mail(s) are on their way to %(email)s.")
            % {"count": count, "email": request.user.email},
        )
    return redirect(reverse("newsletter_admin:send", args=[issue.pk]))


def sending_detail(request, sending_id: int):
    require_sender(request.user)
    result = get_object_or_404(IssueSending.objects.select_related("issue"), pk=sending_id)
    context = _context(
        _("Sending of “%(title)s”") % {"title": result.issue.title},
        sending=result,
        figures=queries.sending_figures(result),
    )
    return TemplateResponse(request, "newsletter/admin/sending.html", context)


@require_POST
def sending_cancel(request, sending_id: int):
    require_sender(request.user)
    result = get_object_or_404(IssueSending, pk=sending_id)
    if sending.cancel_sending(result, user=request.user):
        messages.success(request, _("The scheduled sending is cancelled."))
    else:
        messages.error(request, _("This sending has already started."))
    return redirect(reverse("newsletter_admin:sending", args=[result.pk]))


def subscriber_list(request):
    require_subscriber_manager(request.user)
    subscribers = Subscriber.objects.all()
    status = request.GET.get("status", "")
    if status in SubscriberStatus.values:
        subscribers = subscribers.filter(status=status)
    query = request.GET.get("q", "").strip()
    if query:
        subscribers = subscribers.filter(email__icontains=query)
    page = Paginator(subscribers, 50).get_page(request.GET.get("p"))
    context = _context(
        _("Newsletter subscribers"),
        page=page,
        statuses=SubscriberStatus.choices,
        status=status,
        q=query,
        import_form=ImportForm(),
        mark_form=MarkForm(),
        figures=queries.newsletter_figures(),
    )
    return TemplateResponse(request, "newsletter/admin/subscribers.html", context)


@require_POST
def subscriber_mark(request, subscriber_id: int):
    require_subscriber_manager(request.user)
    subscriber = get_object_or_404(Subscriber, pk=subscriber_id)
    form = MarkForm(request.POST)
    if form.is_valid():
        services.mark_undeliverable(
            subscriber,
            status=form.cleaned_data["status"],
            note=form.cleaned_data["note"],
            user=request.user,
        )
        messages.success(request, _("%(email)s is skipped from now on.") % {"email": subscriber})
    else:
        messages.error(request, _("Choose bounced or invalid."))
    return redirect(reverse("newsletter_admin:subscribers"))


@require_POST
def subscriber_erase(request, subscriber_id: int):
    require_subscriber_manager(request.user)
    subscriber = get_object_or_404(Subscriber, pk=subscriber_id)
    services.erase_subscriber(subscriber.email)
    messages.success(request, _("%(email)s is erased.") % {"email": subscriber.email})
    return redirect(reverse("newsletter_admin:subscribers"))


def subscriber_import(request):
    require_subscriber_manager(request.user)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            result = services.import_subscribers(
                form.cleaned_data["file"].read(),
                consent_note=form.cleaned_data["consent_note"],
                user=request.user,
            )
        except services.SubscriberImportError as error:
            form.add_error("file", error.message)
        else:
            messages.success(
                request,
                _("%(added)s added, %(skipped)s already on the list.")
                % {"added": result.added, "skipped": result.skipped},
            )
            return redirect(reverse("newsletter_admin:subscribers"))
    context = _context(_("Import subscribers"), form=form)
    status = 400 if form.errors else 200
    return TemplateResponse(request, "newsletter/admin/import.html", context, status=status)


def subscriber_export(request):
    require_subscriber_manager(request.user)
    response = HttpResponse(
        services.export_subscribers_csv(), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="newsletter-subscribers.csv"'
    return response
