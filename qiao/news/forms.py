from django.db.models import Q
from django.urls import reverse
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.widgets import AdminTagWidget


class LanguageTagWidget(AdminTagWidget):
    """Wagtail's tag field, suggesting only the tags used on news in one language."""

    def __init__(self, *args, locale_id: int, **kwargs):
        self.locale_id = locale_id
        super().__init__(*args, **kwargs)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        url = reverse("news_admin:tag_autocomplete", args=[self.locale_id])
        context["widget"]["attrs"]["data-w-tag-url-value"] = url
        return context


class NewsPageForm(WagtailAdminPageForm):
    """The back-office form of a news item: categories and tag suggestions come from the
    item's own language. A category already chosen in another language stays offered,
    marked with its language, so saving never drops one unseen."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        page = self.instance
        locale_id = page.locale_id or getattr(self.parent_page, "locale_id", None)
        if locale_id is None:
            return
        field = self.fields["categories"]
        chosen = [category.pk for category in page.categories.all()] if page.pk else []
        field.queryset = (
            field.queryset.filter(Q(locale_id=locale_id) | Q(pk__in=chosen))
            .select_related("locale")
            .order_by("name")
        )
        field.label_from_instance = lambda category: (
            category.name
            if category.locale_id == locale_id
            else f"{category.name} ({category.locale.get_display_name()})"
        )
        tags = self.fields["tags"].widget
        self.fields["tags"].widget = LanguageTagWidget(
            locale_id=locale_id,
            tag_model=tags.tag_model,
            free_tagging=tags.free_tagging,
            attrs=tags.attrs,
        )
