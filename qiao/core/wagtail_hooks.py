from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.views.generic.models import EditView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import services
from .models import ContactMessage, IssuedDocument, Person


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    menu_label = _("Team")
    list_display = ["name", "role", "email", "locale"]
    search_fields = ["name", "role"]


register_snippet(PersonViewSet)


class ContactMessageInboxForm(forms.ModelForm):
    class Meta:
        model = ContactMessage
        fields = ["status", "assignee", "internal_note"]


class ContactMessageEditView(EditView):
    """Staff edit only the inbox fields; the change goes through the service."""

    def save_instance(self):
        data = self.form.cleaned_data
        return services.update_contact_message(
            self.object,
            status=data["status"],
            assignee=data["assignee"],
            internal_note=data["internal_note"],
            by=self.request.user,
        )


class ContactMessageIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("assignee")


class ContactMessageViewSet(ModelViewSet):
    model = ContactMessage
    icon = "mail"
    menu_label = _("Contact messages")
    add_to_admin_menu = True
    menu_order = 900
    list_display = ["subject", "name", "language", "status", "assignee", "created_at"]
    list_filter = ["status", "assignee", "language"]
    search_fields = ["name", "email", "subject", "message"]
    form_fields = ["name", "email", "subject", "message", "language"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "name",
        "email",
        "subject",
        "message",
        "language",
        "created_at",
        "status",
        "assignee",
        "internal_note",
        "status_changed_at",
    ]
    edit_view_class = ContactMessageEditView
    index_view_class = ContactMessageIndexView

    def get_form_class(self, for_update=False):
        if for_update:
            return ContactMessageInboxForm
        return super().get_form_class(for_update)


@hooks.register("register_admin_viewset")
def register_contact_message_viewset():
    return ContactMessageViewSet("contact_messages")


class IssuedDocumentPermissionPolicy(ModelPermissionPolicy):
    """Documents are issued by their apps (certificates, letters), never added or deleted
    by hand: staff may look them up and withdraw one."""

    def user_has_permission(self, user, action):
        if action in ("add", "delete"):
            return False
        return super().user_has_permission(user, action)


register_permission_policy(
    IssuedDocument, IssuedDocumentPermissionPolicy(IssuedDocument), exact_class=True
)


class IssuedDocumentForm(forms.ModelForm):
    withdraw = forms.BooleanField(label=_("Withdraw this document"), required=False)

    class Meta:
        model = IssuedDocument
        fields = ["withdrawn_reason"]

    def clean(self):
        data = super().clean()
        if data.get("withdraw") and not data.get("withdrawn_reason", "").strip():
            self.add_error("withdrawn_reason", _("Say why the document is withdrawn."))
        return data


class IssuedDocumentEditView(EditView):
    def save_instance(self):
        data = self.form.cleaned_data
        if data["withdraw"]:
            self.object.revoke(by=self.request.user, reason=data["withdrawn_reason"])
        return self.object


class IssuedDocumentViewSet(ModelViewSet):
    model = IssuedDocument
    icon = "doc-full"
    menu_label = _("Issued documents")
    add_to_settings_menu = True
    list_display = ["display_code", "holder_name", "title", "kind", "issued_at", "withdrawn_at"]
    list_filter = ["kind", "language"]
    search_fields = ["code", "holder_name", "title"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "code",
        "holder_name",
        "title",
        "kind",
        "language",
        "issued_at",
        "issued_by",
        "withdrawn_at",
        "withdrawn_reason",
    ]
    edit_view_class = IssuedDocumentEditView

    def get_form_class(self, for_update=False):
        return IssuedDocumentForm


@hooks.register("register_admin_viewset")
def register_issued_document_viewset():
    return IssuedDocumentViewSet("issued_documents")


@hooks.register("register_log_actions")
def register_core_log_actions(actions):
    actions.register_action(
        "core.contact_message.updated", _("Update contact message"), _("Contact message updated")
    )
    actions.register_action(
        "core.issued_document.withdrawn", _("Withdraw issued document"), _("Document withdrawn")
    )
