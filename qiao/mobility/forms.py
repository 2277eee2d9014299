from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from .enums import ApplicationStatus, LanguageLevel
from .models import Application, Call, ExperienceReport, InterviewSlot
from .uploads import check_document


class ApplicationForm(forms.ModelForm):
    class Meta:
        model = Application
        fields = ["first_name", "last_name", "study_programme", "motivation"]
        widgets = {"motivation": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args, call: Call, **kwargs):
        super().__init__(*args, **kwargs)
        self.call = call
        self.fields["first_name"].required = False
        self.fields["last_name"].required = False
        self.fields["motivation"].help_text = _(
            "Why do you want to take part? (up to 5000 characters)"
        )
        self._add_eligibility_fields(call)
        answers = self.instance.answers or {}
        for question in call.questions.all():
            self.fields[f"question_{question.pk}"] = forms.CharField(
                label=question.text,
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 3}),
                initial=answers.get(str(question.pk), ""),
                help_text=_("Required before you submit.") if question.is_required else "",
            )

    def _add_eligibility_fields(self, call: Call) -> None:
        """Only what the call's rules ask for."""
        instance = self.instance
        if call.requires_enrolment:
            self.fields["is_enrolled"] = forms.BooleanField(
                label=_("I am enrolled at the university"),
                required=False,
                initial=bool(instance.is_enrolled),
            )
        if call.min_semester:
            self.fields["semester"] = forms.IntegerField(
                label=_("Your current semester"),
                required=False,
                min_value=1,
                max_value=30,
                initial=instance.semester,
                help_text=_("This call asks for at least semester %(minimum)s.")
                % {"minimum": call.min_semester},
            )
        if call.max_grade is not None:
            scale_error = _("The German grade scale runs from 1.0 to 4.0.")
            self.fields["grade_average"] = forms.DecimalField(
                label=_("Your grade average"),
                required=False,
                min_value=Decimal("1.0"),
                max_value=Decimal("4.0"),
                max_digits=3,
                decimal_places=2,
                localize=True,
                error_messages={"min_value": scale_error, "max_value": scale_error},
                initial=instance.grade_average,
                help_text=_(
                    "German scale, 1.0 (best) to 4.0; this call asks for %(limit)s or better."
                )
                % {"limit": number_format(call.max_grade, 1)},
            )
        if call.min_language_level:
            self.fields["language_level"] = forms.ChoiceField(
                label=_("Your language level"),
                required=False,
                choices=[("", "–"), *LanguageLevel.choices],
                initial=instance.language_level,
                help_text=_("This call asks for %(minimum)s or higher.")
                % {"minimum": LanguageLevel(call.min_language_level).label},
            )
        if call.other_requirements_de:
            self.fields["confirms_requirements"] = forms.BooleanField(
                label=_("I meet these requirements: %(requirements)s")
                % {"requirements": call.other_requirements or call.other_requirements_de},
                required=False,
                initial=instance.confirms_requirements,
            )

    def answers(self) -> dict:
        return {
            name.removeprefix("question_"): value
            for name, value in self.cleaned_data.items()
            if name.startswith("question_")
        }


class DocumentForm(forms.Form):
    # Part of the application's one form: a required file input would stop the browser
    # from saving the details. The server still asks for a file when Upload is pressed.
    use_required_attribute = False

    document_type = forms.ChoiceField(label=_("Document"))
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, JPEG or PNG."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )

    def __init__(self, *args, call: Call, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["document_type"].choices = call.document_types()

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        check_document(uploaded)
        return uploaded


class ReviewForm(forms.Form):
    """A score for each of the call's criteria (or one overall score where the call has
    none), and a comment."""

    score = forms.IntegerField(label=_("Score (0-10)"), min_value=0, max_value=10)
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def __init__(self, *args, criteria: list[str] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        if self.criteria:
            del self.fields["score"]
            comment = self.fields.pop("comment")
            for number, label in enumerate(self.criteria):
                self.fields[f"criterion_{number}"] = forms.IntegerField(
                    label=_("%(criterion)s (0-10)") % {"criterion": label},
                    min_value=0,
                    max_value=10,
                )
            self.fields["comment"] = comment

    def review_data(self) -> dict:
        """What ``save_review`` takes: the scores per criterion and their rounded mean."""
        data = self.cleaned_data
        if not self.criteria:
            return {"score": data["score"], "comment": data["comment"], "criterion_scores": []}
        scores = [data[f"criterion_{number}"] for number in range(len(self.criteria))]
        return {
            "score": round(sum(scores) / len(scores)),
            "comment": data["comment"],
            "criterion_scores": scores,
        }


class SlotForm(forms.Form):
    slot = forms.ModelChoiceField(
        label=_("Interview time"), queryset=InterviewSlot.objects.none(), widget=forms.RadioSelect
    )

    def __init__(self, *args, application: Application, **kwargs):
        super().__init__(*args, **kwargs)
        # Free times still to come, and the one already booked (even once it has passed).
        self.fields["slot"].queryset = InterviewSlot.objects.filter(
            call=application.call, application__isnull=True, starts_at__gt=timezone.now()
        ) | InterviewSlot.objects.filter(application=application)
        self.fields["slot"].label_from_instance = self._label

    @staticmethod
    def _label(slot):
        from django.utils import formats

        return formats.date_format(timezone.localtime(slot.starts_at), "DATETIME_FORMAT")


class StatusForm(forms.Form):
    """A coordinator's status change; offers only the statuses staff may move it to."""

    status = forms.ChoiceField(label=_("New status"), choices=ApplicationStatus.choices)
    note = forms.CharField(label=_("Note to the applicant"), required=False, max_length=2000)

    def __init__(self, *args, targets: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [
            (value, label) for value, label in ApplicationStatus.choices if value in targets
        ]


class ExperienceReportForm(forms.ModelForm):
    photo_upload = forms.FileField(
        label=_("Photo (optional)"),
        required=False,
        help_text=_("JPEG or PNG. Only with the consent of everyone in it."),
        widget=forms.ClearableFileInput(attrs={"accept": ".jpg,.jpeg,.png"}),
    )

    class Meta:
        model = ExperienceReport
        fields = ["title", "text", "language", "show_name", "photo_consent"]
        widgets = {"text": forms.Textarea(attrs={"rows": 12})}
