from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import ContactMessage, Person


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    menu_label = _("Team")
    list_display = ["name", "role", "email", "locale"]
    search_fields = ["name", "role"]


register_snippet(PersonViewSet)


class ContactMessageViewSet(ModelViewSet):
    model = ContactMessage
    icon = "mail"
    menu_label = _("Contact messages")
    add_to_admin_menu = True
    menu_order = 900
    list_display = ["subject", "name", "email", "language", "created_at"]
    list_filter = ["language"]
    search_fields = ["name", "email", "subject", "message"]
    form_fields = ["name", "email", "subject", "message", "language"]
    inspect_view_enabled = True


@hooks.register("register_admin_viewset")
def register_contact_message_viewset():
    return ContactMessageViewSet("contact_messages")
