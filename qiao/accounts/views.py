import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from qiao.mobility import access as mobility_access
from qiao.mobility.queries import applications_of, catalogue_page

from . import services
from .forms import DeleteAccountForm


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
