"""Institutions of the partner network, their agreements and delegation visits.

How names are held: an institution is one row, not a translated snippet. Its names in
German, English and Chinese characters are facts about the institution (its official
names), not translations an editor keeps in sync, and one row per institution keeps every
link to it (agreements, visits, programmes of the mobility app) unambiguous and the
partner map's counts exact. The short public description has one field per language,
read with ``qiao.core.localization.localized`` (see README).

Staff-only data (contact persons, notes) lives in ``InstitutionContact`` and in fields
named ``staff_*``; public templates, the map, search and feeds only ever read what
``queries.public_institutions`` selects.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel

from qiao.core.localization import localized

from .enums import InstitutionType, Province


class InstitutionQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_public=True)


class Institution(ClusterableModel):
    """A partner: university, province or government body, company, association, or
    a faculty or institute of our own university."""

    type = models.CharField(_("type"), max_length=20, choices=InstitutionType.choices)
    name_de = models.CharField(_("name (German)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_zh = models.CharField(_("name (Chinese characters)"), max_length=200, blank=True)
    short_name = models.CharField(
        _("short name"), max_length=30, blank=True, help_text=_("For example KUST.")
    )
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    province = models.CharField(
        _("province or region"), max_length=20, choices=Province.choices, blank=True
    )
    country = models.CharField(
        _("country"),
        max_length=2,
        default="CN",
        help_text=_("Two-letter country code, for example CN or DE."),
    )
    website = models.URLField(_("website"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("logo"),
    )
    partner_since = models.DateField(_("partner since"), null=True, blank=True)
    description_de = models.TextField(_("description (German)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_zh = models.TextField(_("description (Chinese)"), blank=True)
    is_public = models.BooleanField(
        _("shown on the public site"),
        default=True,
        help_text=_("Untick to keep this partner in the back office only."),
    )
    related_news = models.ManyToManyField(
        "news.NewsPage",
        blank=True,
        related_name="+",
        verbose_name=_("related news"),
        help_text=_(
            "News items about this partner (news of its delegation visits are added on their own)."
        ),
    )
    staff_notes = models.TextField(
        _("internal notes"), blank=True, help_text=_("Staff only; never shown on the site.")
    )

    objects = InstitutionQuerySet.as_manager()

    panels = [
        FieldRowPanel([FieldPanel("type"), FieldPanel("is_public")]),
        MultiFieldPanel(
            [
                FieldPanel("name_de"),
                FieldPanel("name_en"),
                FieldPanel("name_zh"),
                FieldRowPanel([FieldPanel("short_name"), FieldPanel("slug")]),
            ],
            heading=_("Names"),
        ),
        FieldRowPanel([FieldPanel("city"), FieldPanel("province"), FieldPanel("country")]),
        FieldRowPanel([FieldPanel("website"), FieldPanel("partner_since")]),
        FieldPanel("logo"),
        MultiFieldPanel(
            [
                FieldPanel("description_de"),
                FieldPanel("description_en"),
                FieldPanel("description_zh"),
            ],
            heading=_("Public description"),
        ),
        FieldPanel("related_news"),
        MultiFieldPanel(
            [InlinePanel("contacts", label=_("Contact person")), FieldPanel("staff_notes")],
            heading=_("Staff only"),
        ),
    ]

    class Meta:
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")
        ordering = ["name_en"]

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return localized(self, "name")

    @property
    def description(self) -> str:
        return localized(self, "description")


class InstitutionContact(models.Model):
    """A contact person at a partner. Staff only: never shown on the site."""

    institution = ParentalKey(
        Institution,
        on_delete=models.CASCADE,
        related_name="contacts",
        verbose_name=_("institution"),
    )
    name = models.CharField(_("name"), max_length=200)
    name_zh = models.CharField(_("name (Chinese characters)"), max_length=100, blank=True)
    role = models.CharField(_("role"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    sort_order = models.PositiveIntegerField(default=0, editable=False)

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("name_zh"), FieldPanel("role")]),
        FieldRowPanel([FieldPanel("email"), FieldPanel("phone")]),
    ]

    class Meta:
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name
