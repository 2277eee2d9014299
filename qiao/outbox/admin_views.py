"""The outbox in the back office: what waits, what failed and why, "send again"; and the
background tasks that failed or wait for a worker."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import queries, services
from .access import can_send_again, require_viewer
from .enums import EmailStatus
from .forms import OutboxFilterForm
from .models import OutgoingEmail

URL_NAMESPACE = "outbox"


def _context(title, **extra):
    return {"page_title": title, "header_title": title, "header_icon": "mail", **extra}


def email_list(request):
    require_viewer(request.user)
    form = OutboxFilterForm(request.GET or None)
    emails = OutgoingEmail.objects.all()
    if form.is_valid():
        data = form.cleaned_data
        if data["status"]:
            emails = emails.filter(status=data["status"])
        if data["purpose"]:
            emails = emails.filter(purpose=data["purpose"])
        if data["q"]:
            emails = emails.filter(
                Q(recipients__icontains=data["q"]) | Q(subject__icontains=data["q"])
            )
    page = Paginator(emails, 50).get_page(request.GET.get("p"))
    return TemplateResponse(
        request,
        "outbox/admin/list.html",
        _context(
            _("E-mail outbox"),
            form=form,
            page=page,
            health=queries.queue_health(),
            can_send_again=can_send_again(request.user),
        ),
    )


def email_detail(request, email_id: int):
    require_viewer(request.user)
    email = get_object_or_404(OutgoingEmail.objects.prefetch_related("attachments"), pk=email_id)
    return TemplateResponse(
        request,
        "outbox/admin/detail.html",
        _context(email.subject, email=email, can_send_again=can_send_again(request.user)),
    )


@require_POST
def send_again(request, email_id: int):
    if not can_send_again(request.user):
        raise PermissionDenied
    email = get_object_or_404(OutgoingEmail, pk=email_id)
    if email.status in (EmailStatus.SENT, EmailStatus.SENDING):
        messages.error(request, _("This e-mail was sent already or is being sent."))
    else:
        services.send_again(email, user=request.user)
        messages.success(request, _("The e-mail will be sent again in a moment."))
    return redirect(reverse(f"{URL_NAMESPACE}:detail", args=[email.pk]))


def task_list(request):
    require_viewer(request.user)
    failed = queries.failed_tasks().order_by("-finished_at")[:100]
    overdue = queries.overdue_tasks().order_by("enqueued_at")[:100]
    return TemplateResponse(
        request,
        "outbox/admin/tasks.html",
        _context(
            _("Background tasks"),
            failed=failed,
            overdue=overdue,
            health=queries.queue_health(),
        ),
    )
