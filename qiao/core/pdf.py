"""Printed documents (application bundles, programme sheets): one font that has Latin,
German and Chinese letters, embedded in every PDF, and paragraphs that wrap long text.

The font (WenQuanYi Micro Hei, TrueType outlines, which reportlab can embed) ships in a
Python package, so installing the dependencies is all a machine needs."""

import functools
import re
from importlib import resources
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph

FONT = "QiaoSans"
_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]")


@functools.cache
def font_name() -> str:
    """Register the embedded font once per process and return its name."""
    path = resources.files("paperang_p2_fonts_cjk").joinpath("fonts/wqy-microhei.ttc")
    pdfmetrics.registerFont(TTFont(FONT, str(path), subfontIndex=0))
    return FONT


@functools.cache
def styles() -> dict[str, ParagraphStyle]:
    name = font_name()
    body = ParagraphStyle("body", fontName=name, fontSize=10, leading=14, spaceAfter=4)
    return {
        "title": ParagraphStyle("title", parent=body, fontSize=16, leading=21, spaceAfter=8),
        "heading": ParagraphStyle(
            "heading", parent=body, fontSize=12, leading=16, spaceBefore=10, spaceAfter=4
        ),
        "body": body,
        "small": ParagraphStyle("small", parent=body, fontSize=8, leading=11),
    }


def paragraph(text: str, style: str = "body") -> Paragraph:
    """A paragraph of plain text (escaped; line breaks kept) that wraps at the margin.
    Chinese has no spaces, so text with Chinese characters may break between any two;
    an overlong word without spaces is split rather than cut."""
    markup = "<br/>".join(escape(line) for line in str(text).splitlines()) or "&nbsp;"
    base = styles()[style]
    if _CJK.search(str(text)):
        base = ParagraphStyle(f"{style}-cjk", parent=base, wordWrap="CJK")
    return Paragraph(markup, base)
