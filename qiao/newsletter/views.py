"""Public views: sign up, confirm, preferences, leave (also RFC 8058 one-click)."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from qiao.core.ratelimits import over_limit

from . import queries, services
from .enums import SubscriberStatus
from .forms import PreferencesForm, SubscribeForm


@require_http_methods(["GET", "POST"])
def subscribe(request):
    privacy_url = queries.privacy_url(request)
    status = 200
    if request.method == "POST":
        form = SubscribeForm(request.POST, privacy_url=privacy_url)
        status = 400
        if form.is_valid():
            if over_limit(request, group="newsletter", rate=settings.NEWSLETTER_RATE_LIMIT):
                form.add_error(
                    None, _("Too many sign-ups from your address. Please try again later.")
                )
                status = 429
            else:
                language = translation.get_language()
                services.request_subscription(
                    form.cleaned_data["email"],
                    choice=form.choice(preferred=language),
                    consent_text=form.consent_wording,
                    language=language,
                )
                return redirect("newsletter:requested")
    else:
        initial = {"languages": [translation.get_language()]}
        # The footer's field is "address", apart from the page's own "email" field.
        email = request.GET.get("address", "").strip()
        if email and len(email) <= 254:
            initial["email"] = email
        form = SubscribeForm(initial=initial, privacy_url=privacy_url)
    context = {"form": form, "archive": queries.archive_page()}
    return TemplateResponse(request, "newsletter/subscribe.html", context, status=status)


@require_GET
def requested(request):
    return TemplateResponse(request, "newsletter/requested.html", {})


def _subscriber_or_error(request, token: str, *, purpose: str, template: str):
    try:
        return services.subscriber_from_token(token, purpose=purpose), None
    except services.LinkError as error:
        response = TemplateResponse(request, template, {"error": error.message}, status=400)
        return None, response


@require_http_methods(["GET", "POST"])
def confirm(request, token: str):
    """GET shows a button, POST confirms: a link scanner that opens the link subscribes
    nobody."""
    template = "newsletter/confirm.html"
    subscriber, error = _subscriber_or_error(request, token, purpose="confirm", template=template)
    if error:
        return error
    context = {"subscriber": subscriber, "done": False, "token": token}
    if request.method == "POST":
        services.confirm_subscription(subscriber)
        context["done"] = True
        context["preferences_token"] = services.manage_token(subscriber)
    return TemplateResponse(request, template, context)


@require_http_methods(["GET", "POST"])
def preferences(request, token: str):
    template = "newsletter/preferences.html"
    subscriber, error = _subscriber_or_error(request, token, purpose="manage", template=template)
    if error:
        return error
    status = 200
    if request.method == "POST":
        form = PreferencesForm(request.POST)
        if form.is_valid():
            services.update_preferences(
                subscriber, choice=form.choice(preferred=subscriber_language(subscriber))
            )
            context = {"subscriber": subscriber, "form": form, "saved": True, "token": token}
            return TemplateResponse(request, template, context)
        status = 400
    else:
        form = PreferencesForm(
            initial={"languages": subscriber.languages, "topics": subscriber.topics}
        )
    context = {"subscriber": subscriber, "form": form, "token": token}
    return TemplateResponse(request, template, context, status=status)


def subscriber_language(subscriber) -> str:
    return (subscriber.languages or [translation.get_language()])[0]


@csrf_exempt  # RFC 8058: mail clients post "List-Unsubscribe=One-Click" without a form
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token: str):
    """GET shows a button (scanners open links); POST leaves at once, from the button or
    from the mail client's one-click unsubscribe. The signed link is the authorisation."""
    template = "newsletter/unsubscribe.html"
    subscriber, error = _subscriber_or_error(request, token, purpose="manage", template=template)
    if error:
        return error
    done = subscriber.status == SubscriberStatus.UNSUBSCRIBED
    context = {"subscriber": subscriber, "done": done, "token": token}
    if request.method == "POST":
        services.unsubscribe(subscriber)
        context["done"] = True
    return TemplateResponse(request, template, context)


@login_required
@require_POST
def subscribe_account(request):
    """The box in the applicant's account: the same double opt-in for their address."""
    if request.POST.get("newsletter") == "on":
        services.request_subscription_from(
            request.user.email, language=translation.get_language(), source="account"
        )
        messages.success(
            request, _("Please confirm with the link we have sent to your e-mail address.")
        )
    else:
        messages.error(request, _("Tick the box to subscribe."))
    return redirect("accounts:dashboard")
