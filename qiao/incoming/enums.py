from django.db import models
from django.utils.translation import gettext_lazy as _


class CohortType(models.TextChoices):
    SUMMER_SCHOOL = "summer_school", _("Summer school")
    LECTURER_TRAINING = "lecturer_training", _("Lecturer training")
    STUDY_TOUR = "study_tour", _("Study tour")


class ParticipantRole(models.TextChoices):
    STUDENT = "student", _("Student")
    LECTURER = "lecturer", _("Lecturer")
    STAFF = "staff", _("Staff")


class Gender(models.TextChoices):
    FEMALE = "female", _("female")
    MALE = "male", _("male")
    DIVERSE = "diverse", _("diverse")


class PortalLanguage(models.TextChoices):
    CHINESE = "zh-hans", "中文"
    ENGLISH = "en", "English"
    GERMAN = "de", "Deutsch"


class LetterKind(models.TextChoices):
    VISA_INVITATION = "visa", _("Visa invitation letter")
    CONFIRMATION = "confirmation", _("Confirmation of participation")
    CERTIFICATE = "certificate", _("Certificate of attendance")


class LetterLanguage(models.TextChoices):
    GERMAN = "de", _("German")
    ENGLISH = "en", _("English")


class ReminderKind(models.TextChoices):
    MISSING_DETAILS = "missing", _("Missing documents or arrival details")
    INSURANCE = "insurance", _("Insurance ends before the programme")
    VISA = "visa", _("Visa ends before the programme")
