from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Topic(models.TextChoices):
    EVENTS = "events", _("Events")
    PROGRAMMES = "programmes", _("Programmes and calls")
    CHINA_WEEK = "china_week", _("China Week")
    NEWS = "news", _("News")


# The boolean field of a subscriber (and of an issue) for each topic.
TOPIC_FIELDS = {
    Topic.EVENTS: "wants_events",
    Topic.PROGRAMMES: "wants_programmes",
    Topic.CHINA_WEEK: "wants_china_week",
    Topic.NEWS: "wants_news",
}


class SubscriberStatus(models.TextChoices):
    PENDING = "pending", _("waiting for confirmation")
    ACTIVE = "active", _("subscribed")
    UNSUBSCRIBED = "unsubscribed", _("unsubscribed")
    BOUNCED = "bounced", _("bounced")
    INVALID = "invalid", _("invalid address")


class Source(models.TextChoices):
    FORM = "form", _("newsletter form")
    EVENT_REGISTRATION = "event_registration", _("event registration")
    ADVISING_BOOKING = "advising_booking", _("advising booking")
    ACCOUNT = "account", _("account")
    IMPORT = "import", _("import")


class SendingStatus(models.TextChoices):
    SCHEDULED = "scheduled", pgettext_lazy("sending status", "scheduled")
    SENDING = "sending", pgettext_lazy("sending status", "sending")
    DONE = "done", pgettext_lazy("sending status", "sent")
    CANCELLED = "cancelled", pgettext_lazy("sending status", "cancelled")
