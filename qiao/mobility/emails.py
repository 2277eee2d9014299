"""The e-mail an applicant gets when the status of their application changes."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from qiao.core.times import dual_time_text
from qiao.outbox.services import queue_email

from .enums import ApplicationStatus
from .models import StatusChange, StatusEmailText

S = ApplicationStatus


def default_text(status: str) -> str:
    texts = {
        S.DRAFT: _("Your application has been reopened so that you can change it."),
        S.SUBMITTED: _("Thank you: we have received your application."),
        S.UNDER_REVIEW: _("Your application is now being reviewed."),
        S.SHORTLISTED: _("Good news: you are on the shortlist."),
        S.INTERVIEW: _("We invite you to an interview. Please choose a time in your account."),
        S.OFFERED: _(
            "We are pleased to offer you a place. Please accept or decline it in your account."
        ),
        S.WAITLISTED: _(
            "You are on the waiting list. We will write to you as soon as a place becomes free."
        ),
        S.REJECTED: _("We are sorry: this time we cannot offer you a place."),
        S.ACCEPTED: _("You have accepted your place. We will be in touch about the next steps."),
        S.DECLINED: _("You have declined the place. Thank you for letting us know."),
        S.COMPLETED: _("The programme is completed. Thank you for taking part."),
        S.WITHDRAWN: _("Your application has been withdrawn."),
        S.EXPIRED: _(
            "You did not reply to our offer by the reply-by date, so the offer has expired "
            "and the place goes to the next person on the waiting list."
        ),
    }
    return texts[status]


def send_status_email(change: StatusChange) -> None:
    application = change.application
    with translation.override(application.language):
        custom = StatusEmailText.objects.filter(status=change.to_status).first()
        text = (custom.text if custom else "") or default_text(change.to_status)
        link = settings.BASE_URL.rstrip("/") + reverse("mobility:detail", args=[application.pk])
        reply_by = ""
        if change.to_status == S.OFFERED and application.reply_by:
            reply_by = dual_time_text(application.reply_by)
        body = render_to_string(
            "mobility/email/status.txt",
            {
                "application": application,
                "change": change,
                "text": text,
                "link": link,
                "reply_by": reply_by,
            },
        )
        subject = _("Your application for %(call)s: %(status)s") % {
            "call": application.call.title,
            "status": S(change.to_status).label,
        }
    queue_email(
        EmailMessage(
            subject=subject,
            body=body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[application.applicant.email],
        ),
        purpose=f"mobility.status.{change.to_status}",
        language=application.language,
        related=application,
    )


def send_interview_email(slot, *, reminder: bool) -> None:
    """The chosen interview time, with a calendar file; the same again the day before."""
    from .ics import interview_ics

    application = slot.application
    with translation.override(application.language):
        subject = (
            _("Reminder: your interview for %(call)s")
            if reminder
            else _("Your interview time for %(call)s")
        ) % {"call": application.call.title}
        body = render_to_string(
            "mobility/email/interview.txt",
            {
                "application": application,
                "slot": slot,
                "reminder": reminder,
            },
        )
        calendar_file = interview_ics(slot)
    message = EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[application.applicant.email],
    )
    message.attach("interview.ics", calendar_file, "text/calendar")
    queue_email(
        message,
        purpose="mobility.interview_reminder" if reminder else "mobility.interview",
        language=application.language,
        related=application,
    )


def reviewer_language(user) -> str:
    """The language the reviewer chose for the back office, else the site's default."""
    from wagtail.users.models import UserProfile

    chosen = UserProfile.get_for_user(user).preferred_language
    codes = {code for code, _name in settings.LANGUAGES}
    return chosen if chosen in codes else settings.LANGUAGE_CODE


def send_reviewer_welcome(call, reviewer) -> None:
    """A new reviewer of ``call`` learns of it, with a link to their reviews and, if they
    have no password yet, a link to set one."""
    from qiao.accounts.links import absolute, set_password_url

    language = reviewer_language(reviewer)
    with translation.override(language):
        needs_password = not reviewer.has_usable_password()
        body = render_to_string(
            "mobility/email/reviewer_welcome.txt",
            {
                "reviewer": reviewer,
                "call": call,
                "reviews_link": absolute(reverse("mobility:review_call", args=[call.pk])),
                "password_link": set_password_url(reviewer) if needs_password else "",
            },
        )
        subject = _("You are a reviewer for %(call)s") % {"call": call.title}
    queue_email(
        EmailMessage(
            subject=subject,
            body=body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[reviewer.email],
        ),
        purpose="mobility.reviewer_welcome",
        language=language,
        related=call,
    )


def send_offer_reminder(application) -> None:
    """The offer is still open: a reminder of the reply-by date."""
    with translation.override(application.language):
        link = settings.BASE_URL.rstrip("/") + reverse("mobility:detail", args=[application.pk])
        body = render_to_string(
            "mobility/email/offer_reminder.txt",
            {
                "application": application,
                "reply_by": dual_time_text(application.reply_by),
                "link": link,
            },
        )
        subject = _("Reminder: please reply to our offer for %(call)s") % {
            "call": application.call.title
        }
    queue_email(
        EmailMessage(
            subject=subject,
            body=body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[application.applicant.email],
        ),
        purpose="mobility.offer_reminder",
        language=application.language,
        related=application,
    )
