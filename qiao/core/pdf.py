"""Printed documents (application bundles, programme sheets): one font that has Latin,
German and Chinese letters, embedded in every PDF, and paragraphs that wrap long text.

The font (WenQuanYi Micro Hei, TrueType outlines, which reportlab can embed) ships in a
Python package, so installing the dependencies is all a machine needs."""

import functools
import io
import re
from importlib import resources
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Image, Paragraph, SimpleDocTemplate, Table, TableStyle

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


def a4_document(buffer, title: str, centre) -> tuple[SimpleDocTemplate, float]:
    """An A4 document with the centre as author, and the width between its margins."""
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=15 * mm,
        bottomMargin=20 * mm,
        title=title,
        author=centre.name,
    )
    return document, A4[0] - 40 * mm


def letterhead(centre, width) -> Table:
    """Logo on the left; the centre's name, institution and address on the right."""
    lines = [centre.name, centre.institution, centre.address, centre.email, centre.phone]
    text = [paragraph(line, "small") for line in lines if line]
    logo = _logo(centre)
    table = Table([[logo or "", text]], colWidths=[width * 0.3, width * 0.7])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.5, "#666666"),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    return table


def _logo(centre):
    """The logo, scaled to 18 mm high; none when it is missing or not a raster image."""
    if centre.logo is None:
        return None
    try:
        with centre.logo.file.open("rb") as handle:
            data = io.BytesIO(handle.read())
        image = Image(data)
    except Exception:  # a missing file or a format reportlab cannot draw (SVG)
        return None
    ratio = image.imageWidth / image.imageHeight if image.imageHeight else 1
    image.drawHeight = 18 * mm
    image.drawWidth = 18 * mm * ratio
    if image.drawWidth > 50 * mm:  # a wide logo: as wide as the column allows
        image.drawWidth, image.drawHeight = 50 * mm, 50 * mm / ratio
    image.hAlign = "LEFT"
    return image
