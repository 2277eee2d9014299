"""What the tests know about the server they run against."""

from dataclasses import dataclass, field
from pathlib import Path

from e2e.mailbox import Mailbox

PREFIXES = {"de": "de", "en": "en", "zh-hans": "zh"}


@dataclass
class LiveSite:
    base_url: str
    env: dict
    mailbox: Mailbox
    # From e2e/discover.py: {"pages": [{"type", "language", "url"}], "untranslated": {...}}
    inventory: dict = field(default_factory=dict)
    log_path: Path | None = None

    def url(self, path: str) -> str:
        return self.base_url + path

    def page_url(self, page_type: str, language: str) -> str | None:
        for entry in self.inventory["pages"]:
            if entry["type"] == page_type and entry["language"] == language:
                return entry["url"]
        return None

    def has_app(self, label: str) -> bool:
        return label in self.inventory["apps"]
