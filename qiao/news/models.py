from django.core.paginator import EmptyPage, PageNotAnInteger
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page, TranslatableMixin
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from qiao.core.blocks import BodyBlock
from qiao.core.models import BasePage
from qiao.core.services import content_version

from . import queries
from .forms import NewsPageForm


@register_snippet
class NewsCategory(TranslatableMixin, models.Model):
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100)

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("news category")
        verbose_name_plural = _("news categories")
        ordering = ["name"]

    def __str__(self):
        return self.name


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "news.NewsPage", related_name="tagged_items", on_delete=models.CASCADE
    )


class NewsIndexPage(BasePage):
    intro = models.TextField(_("introduction"), blank=True)
    per_page = models.PositiveSmallIntegerField(_("items per page"), default=10)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("per_page")]
    subpage_types = ["news.NewsPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("news index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        filters = queries.NewsFilters.from_query(request.GET)
        items = queries.news_for_index(self, filters)
        version = content_version(request)
        paginator = queries.NewsPaginator(
            items, self.per_page, index_page=self, filters=filters, version=version
        )
        try:
            page_obj = paginator.page(request.GET.get("page", 1))
        except (PageNotAnInteger, EmptyPage):
            page_obj = paginator.page(1)
        context.update(
            page_obj=page_obj,
            news_items=page_obj.object_list,
            filters=filters,
            categories=NewsCategory.objects.filter(locale=self.locale),
            years=queries.news_years(self, version=version),
        )
        return context


class NewsPage(BasePage):
    date = models.DateField(_("date"), default=timezone.localdate)
    teaser = models.TextField(_("teaser"), max_length=400)
    image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("image"),
    )
    image_alt = models.CharField(
        _("image description"),
        max_length=250,
        blank=True,
        help_text=_("What the image shows, for people who cannot see it."),
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))
    categories = ParentalManyToManyField(
        "news.NewsCategory", blank=True, related_name="news_pages", verbose_name=_("categories")
    )
    tags = ClusterTaggableManager(through=NewsPageTag, blank=True, verbose_name=_("tags"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("teaser"),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt")], heading=_("Image")),
        FieldPanel("body"),
        FieldPanel("categories"),
        FieldPanel("tags"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("teaser"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]
    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []
    base_form_class = NewsPageForm

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news items")

    def full_clean(self, *args, **kwargs):
        self.use_categories_in_own_language()
        super().full_clean(*args, **kwargs)

    def use_categories_in_own_language(self) -> None:
        """Replace each category in another language by its translation into the page's.

        wagtail-localize copies the categories of the page it translates as they are, so an
        English translation would show the German ones. A category not yet translated stays
        (shown marked with its language) until it is.
        """
        chosen = list(self.categories.all())
        foreign_keys = [c.translation_key for c in chosen if c.locale_id != self.locale_id]
        if not foreign_keys:
            return
        translations = {
            category.translation_key: category
            for category in NewsCategory.objects.filter(
                translation_key__in=foreign_keys, locale_id=self.locale_id
            )
        }
        localized = {}
        for category in chosen:
            category = translations.get(category.translation_key, category)
            localized[category.pk] = category
        self.categories = list(localized.values())

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["related_news"] = queries.related_news(self)
        return context
