from django.db import models
from django.utils.translation import gettext_lazy as _


class FunderReport(models.Model):
    """The narrative of one year's report to the funder, written by staff in the admin.
    The figures are never stored: they are computed when the report is created."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    narrative_de = models.TextField(
        _("narrative (German)"), blank=True, help_text=_("Paragraphs separated by a blank line.")
    )
    narrative_en = models.TextField(
        _("narrative (English)"), blank=True, help_text=_("Paragraphs separated by a blank line.")
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("funder report")
        verbose_name_plural = _("funder reports")
        ordering = ["-year"]
        permissions = [
            ("view_statistics", _("Can see the statistics")),
            ("create_funder_report", _("Can create the funder report")),
        ]

    def __str__(self):
        return str(self.year)

    def narrative(self, language: str) -> str:
        return self.narrative_de if language == "de" else self.narrative_en
