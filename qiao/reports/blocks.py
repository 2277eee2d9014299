"""The public "year in figures" block for the About-us page: aggregates only, and a
figure about fewer than MIN_GROUP people is never shown."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class YearInFiguresBlock(blocks.StructBlock):
    heading = blocks.CharBlock(required=False, label=_("Heading"))
    year = blocks.IntegerBlock(
        required=False,
        min_value=2000,
        max_value=2100,
        label=_("Year"),
        help_text=_("Empty: the last full calendar year."),
    )

    class Meta:
        icon = "table"
        label = _("Year in figures")
        template = "reports/blocks/year_in_figures.html"

    def get_context(self, value, parent_context=None):
        from . import queries  # the page models import this module; queries imports them

        context = super().get_context(value, parent_context=parent_context)
        year = value.get("year") or timezone.localdate().year - 1
        context.update(year=year, figures=queries.public_figures(year))
        return context
