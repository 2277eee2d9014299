"""Nothing is loaded from another host: no template or stylesheet points at one, and a
video is only embedded after the visitor asked for it."""

import re
from pathlib import Path

import pytest

from qiao.core.blocks import parse_video_url
from qiao.core.models import StandardPage

ROOT = Path(__file__).resolve().parents[3]
REMOTE = r"""(?:https?:)?//"""
ASSET_PATTERNS = [
    re.compile(
        rf"""<(?:script|img|iframe|source|video|audio|embed|track)\b[^>]*\bsrc=["']{REMOTE}""", re.I
    ),
    re.compile(rf"""<link\b[^>]*\bhref=["']{REMOTE}""", re.I),
    re.compile(rf"""url\(\s*["']?{REMOTE}""", re.I),
    re.compile(rf"""@import\s+["']{REMOTE}""", re.I),
]


def project_files(*patterns):
    for pattern in patterns:
        yield from (path for path in ROOT.glob(pattern) if ".venv" not in path.parts)


def test_no_template_or_stylesheet_references_an_asset_on_another_host():
    offenders = []
    files = list(project_files("qiao/**/templates/**/*.html", "qiao/**/static/**/*.css"))
    for path in files:
        text = path.read_text(encoding="utf-8")
        offenders += [
            f"{path.relative_to(ROOT)}: {m.group(0)}"
            for p in ASSET_PATTERNS
            for m in p.finditer(text)
        ]
    assert len(files) > 10
    assert offenders == []


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.youtube.com/watch?v=dQw4w9WgXcQ", ("youtube", "dQw4w9WgXcQ")),
        ("https://youtu.be/dQw4w9WgXcQ", ("youtube", "dQw4w9WgXcQ")),
        ("https://vimeo.com/76979871", ("vimeo", "76979871")),
        ("https://www.bilibili.com/video/BV1xx411c7mD", ("bilibili", "BV1xx411c7mD")),
        ("https://www.youtube.com/watch?v=<script>", None),
        ("https://evil.example/watch?v=abc", None),
    ],
)
def test_video_links_are_recognised_only_for_known_hosts(url, expected):
    assert parse_video_url(url) == expected


@pytest.mark.django_db
def test_video_loads_only_after_the_visitor_asks(client, homes):
    page = StandardPage(
        title="Film",
        slug="film",
        body=[("video", {"url": "https://youtu.be/dQw4w9WgXcQ", "title": "China-Woche"})],
    )
    homes["de"].add_child(instance=page)
    page.save_revision().publish()
    block_id = StandardPage.objects.get(pk=page.pk).body[0].id

    before = client.get("/de/film/")
    after = client.get(f"/de/film/?video={block_id}")

    assert "<iframe" not in before.content.decode()
    assert f'href="?video={block_id}#video-{block_id}"' in before.content.decode()
    assert "youtube" not in before["Content-Security-Policy"]
    assert (
        '<iframe src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"' in after.content.decode()
    )
    assert "frame-src 'self' https://www.youtube-nocookie.com" in after["Content-Security-Policy"]
