import json
from urllib.parse import urlencode

from allauth.account.views import LoginView
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from qiao.mobility import access as mobility_access
from qiao.mobility.queries import applications_of, catalogue_page

from . import access, services
from .forms import DeleteAccountForm, StaffLoginForm

ADMIN_HOME = "/admin/"


@login_required
def dashboard(request):
    context = {
        "applications": applications_of(request.user),
        "is_reviewer": mobility_access.reviewable_calls(request.user).exists(),
        "catalogue": catalogue_page(),
    }
    return render(request, "accounts/dashboard.html", context)


@login_required
def export(request):
    data = services.export_personal_data(request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json"
    )
    response["Content-Disposition"] = 'attachment; filename="my-data.json"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def delete(request):
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        services.delete_account(user)
        messages.success(request, _("Your account and all your data have been deleted."))
        return redirect("/")
    return render(request, "accounts/delete.html", {"form": form})


def admin_login(request):
    """/admin/login/ hands over to the staff sign-in (allauth), keeping where to go next."""
    next_url = request.GET.get("next", "")
    if not next_url.startswith(ADMIN_HOME) or not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}
    ):
        next_url = ADMIN_HOME
    return redirect(f"{reverse('accounts:staff_login')}?{urlencode({'next': next_url})}")


class StaffLoginView(LoginView):
    """allauth's login for the back office: only accounts with admin access get in, then
    with their second factor (allauth's MFA stage)."""

    form_class = StaffLoginForm
    template_name = "account/staff_login.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not access.has_admin_access(request.user):
            # Wagtail sends signed-in accounts without access back to its login page.
            return render(request, "account/staff_no_access.html", status=403)
        return super().dispatch(request, *args, **kwargs)

    def get_form_class(self):
        return self.form_class

    def get_success_url(self):
        next_url = super().get_success_url()
        return next_url if next_url.startswith(ADMIN_HOME) else ADMIN_HOME

    def get_authenticated_redirect_url(self):
        return self.get_success_url()


staff_login = StaffLoginView.as_view()


def welcome(request, uidb36: str, key: str):
    """The link a new reviewer gets: it proves the address, then leads to allauth's form
    for setting a password. A used or expired link says so."""
    user = services.confirm_welcome_link(uidb36, key)
    if user is None:
        context = {"reset_url": reverse("account_reset_password")}
        return render(request, "account/welcome_invalid.html", context, status=410)
    return redirect("account_reset_password_from_key", uidb36=uidb36, key=key)
