"""Keeps what is cached from published content fresh: whatever can change what public pages
show (the menu, the footer, the brand, a list of pages, a whole cached page) moves the
content version on (qiao.core.services.bump_content_version).

Pages: every publish, unpublish, move and deletion (a wagtail-localize translation sync
publishes the translated page, so it counts too). Other models: a save or deletion of any
model in CONTENT_MODELS. Models in NOT_CONTENT_MODELS never show on a cached page, or only
as a live figure that the page cache keeps for seconds (qiao.core.pagecache); bumping on
them would empty the cache with every registration. Every model of the project's apps is
in one of the two (qiao/core/tests/test_pagecache_invalidation.py checks it)."""

from django.apps import apps
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from .services import bump_content_version

CONTENT_MODELS = {
    "core.CentreSettings",
    "core.Person",
    "news.NewsCategory",
    "news.NewsPageTag",
    "events.EventSession",
    "events.RegistrationQuestion",
    "mobility.Call",
    "mobility.CallQuestion",
    "mobility.ExperienceReport",
    "advising.Topic",
    "advising.Advisor",
    "advising.AvailabilityRule",
    "advising.BlockedDay",
    "partners.Institution",
    "partners.InstitutionContact",
    "partners.Agreement",
    # Wagtail and the libraries it brings.
    "wagtailcore.Site",
    "wagtailcore.Locale",
    "wagtailcore.PageViewRestriction",
    "wagtailcore.Collection",
    "wagtailcore.CollectionViewRestriction",
    "wagtailimages.Image",
    "wagtaildocs.Document",
    "taggit.Tag",
}

_LIVE = "a live figure: pages that show it are cached for seconds only"
_PRIVATE = "never shown on a public page"
NOT_CONTENT_MODELS = {
    "core.ContactMessage": _PRIVATE,
    "core.ContentVersion": "the version itself",
    "core.IssuedDocument": "shown only on the code check page, which is never cached",
    "accounts.AuditEntry": _PRIVATE,
    "events.Registration": _LIVE,
    "events.CheckIn": _PRIVATE,
    "events.SurveyResponse": _PRIVATE,
    "events.Invitation": _LIVE,
    "events.AnnouncedSchedule": "a record of what participants were told (saved on publish)",
    "mobility.Application": _LIVE,
    "mobility.ApplicationDocument": _PRIVATE,
    "mobility.DocumentBundle": _PRIVATE,
    "mobility.StatusChange": _PRIVATE,
    "mobility.Review": _PRIVATE,
    "mobility.InterviewSlot": _PRIVATE,
    "mobility.StatusEmailText": _PRIVATE,
    "mobility.Grant": _PRIVATE,
    "mobility.EligibilityWaiver": _PRIVATE,
    "advising.Slot": _LIVE,
    "advising.Booking": _LIVE,
    "partners.RenewalAlert": _PRIVATE,
    "partners.DelegationVisit": _PRIVATE,
    "partners.VisitParticipant": _PRIVATE,
    "partners.AgendaItem": _PRIVATE,
    "outbox.OutgoingEmail": _PRIVATE,
    "outbox.OutgoingAttachment": _PRIVATE,
    "reports.FunderReport": _PRIVATE,
    "newsletter.Subscriber": _PRIVATE,
    "newsletter.IssueSending": _PRIVATE,
    "newsletter.Delivery": _PRIVATE,
    **{
        f"incoming.{name}": _PRIVATE
        for name in (
            "Cohort",
            "Participant",
            "Session",
            "Attendance",
            "LetterText",
            "ReminderSent",
            "DigestSent",
        )
    },
}


def _bump(**kwargs) -> None:
    if kwargs.get("raw"):  # loading fixtures
        return
    bump_content_version()


def connect() -> None:
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(_bump, dispatch_uid=f"qiao-content-{signal!r}")
    # Deleting any page deletes its Page row, so one receiver covers every page type.
    post_delete.connect(_bump, sender=Page, dispatch_uid="qiao-content-page-delete")
    for label in sorted(CONTENT_MODELS):
        model = apps.get_model(label)
        for signal in (post_save, post_delete):
            signal.connect(_bump, sender=model, dispatch_uid=f"qiao-content-{label}")
