"""An issue as an e-mail: HTML with inline styles and a plain-text part.

No image is loaded from anywhere (an image block becomes its caption), nothing tracks the
reader, and every link is an absolute address on the site (settings.BASE_URL)."""

import re
from html import unescape

import css_inline
from django.template.loader import render_to_string
from django.utils.html import strip_tags

from qiao.core.models import CentreSettings

from .emails import absolute_url

RELATIVE_LINK = re.compile(r'(href=")(/[^"]*)(")')


def absolute_links(html: str) -> str:
    return RELATIVE_LINK.sub(lambda m: m.group(1) + absolute_url(m.group(2)) + m.group(3), html)


def html_to_text(html: str) -> str:
    """Readable plain text from the e-mail's HTML: links written out, one paragraph per
    block."""
    text = re.sub(r"<(script|style)[^>]*>.*?</\1>", "", html, flags=re.S | re.I)
    text = re.sub(
        r'<a [^>]*href="([^"]+)"[^>]*>(.*?)</a>',
        lambda m: (
            m.group(2)
            if strip_tags(m.group(2)).strip() == m.group(1)
            else f"{m.group(2)} ({m.group(1)})"
        ),
        text,
        flags=re.S | re.I,
    )
    text = re.sub(r"<li[^>]*>", "\n- ", text, flags=re.I)
    text = re.sub(r"<br\s*/?>", "\n", text, flags=re.I)
    text = re.sub(r"</(p|h[1-6]|ul|ol|blockquote|div|table|tr)>", "\n\n", text, flags=re.I)
    text = unescape(strip_tags(text))
    lines = [line.strip() for line in text.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"


def render_issue(issue, *, links: dict, is_test: bool) -> tuple[str, str]:
    context = {
        "issue": issue,
        "blocks": list(issue.body),
        "issue_url": absolute_url(issue.get_url() or ""),
        "centre": CentreSettings.load(),
        "is_test": is_test,
        **links,
    }
    html = absolute_links(render_to_string("newsletter/email/issue.html", context))
    html = css_inline.inline(html)
    body = re.search(r"<body[^>]*>(.*)</body>", html, flags=re.S)
    return html, html_to_text(body.group(1) if body else html)
