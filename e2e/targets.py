"""The public page types every language is audited on (axe and vnu).

A target is either a Wagtail page type ("app.Model": the first live page of that type in the
language, found by e2e/discover.py) or a path with ``{prefix}`` for the language's URL prefix
(de, en, zh). To audit a new page, add one line here. Page types that appear on the demo
site without a line here are audited anyway by test_unlisted_page_types_pass_axe.
"""

from e2e.site import PREFIXES, LiveSite

TARGETS = {
    "home": "core.HomePage",
    "standard-page": "core.StandardPage",
    "contact-page": "core.ContactPage",
    "news-index": "news.NewsIndexPage",
    "news-page": "news.NewsPage",
    "news-index-filtered": "news.NewsIndexPage?page=2",
    "search-results": "/{prefix}/search/?q=China",
    "search-empty": "/{prefix}/search/?q=zzzzzz",
    "sitemap": "/{prefix}/sitemap/",
    "not-translated": "not-translated",
    "not-found": "/{prefix}/no-such-page/",
    "login": "/{prefix}/accounts/login/",
    "signup": "/{prefix}/accounts/signup/",
    "password-reset": "/{prefix}/accounts/password/reset/",
    "partner-index": "partners.PartnerIndexPage",
    "advising-index": "advising.AdvisingIndexPage",
    "advising-topic": "advising.AdvisingTopicPage",
    "event-index": "events.EventIndexPage",
    "event-page": "events.EventPage",
    "programme-index": "mobility.ProgrammeIndexPage",
    "programme-page": "mobility.ProgrammePage",
}
LANGUAGES = ("de", "en", "zh-hans")


def resolve(site: LiveSite, target: str, language: str) -> str | None:
    """The path to open, or None when the site has no such page in that language."""
    prefix = PREFIXES[language]
    if target == "not-translated":
        # The German-only item, seen from another language (German has the original).
        item = site.inventory["untranslated"]
        if item is None or language == "de":
            return None
        return f"/{prefix}/not-translated/{item['id']}/"
    if target.startswith("/"):
        return target.format(prefix=prefix)
    page_type, _sep, query = target.partition("?")
    url = site.page_url(page_type, language)
    if url is None:
        return None
    return f"{url}?{query}" if query else url


def unlisted_page_types(site: LiveSite) -> list[dict]:
    listed = {target.partition("?")[0] for target in TARGETS.values()}
    return [entry for entry in site.inventory["pages"] if entry["type"] not in listed]
