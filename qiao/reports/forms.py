from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from qiao.events.enums import EventType
from qiao.mobility.models import Call, ProgrammePage
from qiao.partners.models import Institution

from .queries import Filters, Period, PeriodKind

FIRST_YEAR = 2000


class StatisticsForm(forms.Form):
    kind = forms.ChoiceField(label=_("Period"), choices=PeriodKind.CHOICES, required=False)
    year = forms.IntegerField(
        label=_("Year"),
        required=False,
        min_value=FIRST_YEAR,
        max_value=2100,
        help_text=_("For the academic year and the winter semester: the year they start in."),
    )
    programme = forms.ModelChoiceField(
        label=_("Programme"),
        queryset=ProgrammePage.objects.none(),
        required=False,
        help_text=_("Filters the mobility figures."),
    )
    partner = forms.ModelChoiceField(
        label=_("Partner"),
        queryset=Institution.objects.none(),
        required=False,
        help_text=_("Filters mobility, agreements and delegation visits."),
    )
    event_type = forms.ChoiceField(
        label=_("Event type"),
        choices=[("", _("All"))] + EventType.choices,
        required=False,
        help_text=_("Filters the event figures."),
    )
    language = forms.ChoiceField(
        label=_("Language"),
        choices=[("", _("All"))] + list(settings.LANGUAGES),
        required=False,
        help_text=_("Filters events (their language) and advising (the booking's language)."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Calls belong to one language version of a programme: list those.
        self.fields["programme"].queryset = ProgrammePage.objects.filter(
            pk__in=Call.objects.values("programme_id")
        ).order_by("title")
        self.fields["partner"].queryset = Institution.objects.order_by("name_en")

    def period_and_filters(self) -> tuple[Period, Filters]:
        """The chosen period and filters; the current calendar year when nothing (valid)
        was chosen."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        year = data.get("year") or timezone.localdate().year
        period = Period.of(data.get("kind") or PeriodKind.CALENDAR, year)
        filters = Filters(
            programme=data["programme"].pk if data.get("programme") else None,
            partner=data["partner"].pk if data.get("partner") else None,
            event_type=data.get("event_type", ""),
            language=data.get("language", ""),
        )
        return period, filters
