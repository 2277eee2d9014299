"""All documents of an application as one PDF: a cover with the application, the answers
and the reviews, then every uploaded document (images scaled onto pages).

Built by the task worker, never in a request, in a child process with a memory limit and
a time limit, so a heavy application cannot take the worker down with it."""

import io
import multiprocessing
import os
import resource
import tempfile
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image
from pypdf import PdfReader, PdfWriter
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import SimpleDocTemplate, Table, TableStyle

from qiao.core.pdf import font_name, paragraph

from . import queries

# Images are scaled to fit an A4 page at 200 dpi: sharp on paper, small in memory.
_PAGE_PIXELS = (1654, 2339)


class BundleTooLarge(Exception):
    """The bundle did not fit into its memory or time budget."""


@dataclass
class Cover:
    """What the cover page says, gathered from the database before the build starts."""

    title: str
    facts: list[tuple[str, str]]
    motivation: str
    answers: list[tuple[str, str]]
    reviews: list[dict] = field(default_factory=list)


def gather_cover(application) -> Cover:
    """Read everything the cover needs (in the active language)."""
    reviews = list(application.reviews.select_related("reviewer", "application__call"))
    score = sum(review.score for review in reviews) / len(reviews) if reviews else None
    facts = [
        (_("E-mail"), application.applicant.email),
        (_("Call"), application.call.title),
        (_("Status"), str(application.get_status_display())),
        (_("Degree programme"), application.study_programme),
        (_("Average score"), f"{score:.1f}" if score is not None else "–"),
    ]
    reviews = [
        {
            "reviewer": review.reviewer.get_full_name() or review.reviewer.email,
            "score": review.score,
            "criteria": review.scored_criteria(),
            "comment": review.comment,
        }
        for review in reviews
    ]
    return Cover(
        title=application.full_name,
        facts=facts,
        motivation=application.motivation,
        answers=queries.answered_questions(application),
        reviews=reviews,
    )


def cover_pdf(cover: Cover) -> bytes:
    """The cover pages: long text wraps onto as many pages as it needs."""
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=20 * mm,
        bottomMargin=20 * mm,
        title=cover.title,
    )
    width = A4[0] - 40 * mm
    story = [paragraph(cover.title, "title"), _table(cover.facts, width)]
    story += [paragraph(_("Motivation"), "heading"), paragraph(cover.motivation or "–")]
    if cover.answers:
        story.append(paragraph(_("Answers"), "heading"))
        for question, answer in cover.answers:
            story += [paragraph(question, "small"), paragraph(answer or "–")]
    story.append(paragraph(_("Reviews"), "heading"))
    if not cover.reviews:
        story.append(paragraph(_("No reviews yet.")))
    for review in cover.reviews:
        rows = [(_("Score"), str(review["score"]))]
        rows += [(criterion, str(score)) for criterion, score in review["criteria"]]
        rows.append((_("Comment"), review["comment"] or "–"))
        story += [paragraph(review["reviewer"], "body"), _table(rows, width)]
    document.build(story)
    return buffer.getvalue()


def _table(rows, width) -> Table:
    table = Table(
        [[paragraph(label, "small"), paragraph(value)] for label, value in rows],
        colWidths=[width * 0.3, width * 0.7],
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("FONTNAME", (0, 0), (-1, -1), font_name()),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, "#999999"),
            ]
        )
    )
    return table


def write_bundle(cover: Cover, documents: list[tuple[str, str]], output) -> None:
    """Write the cover and then every document (path, content type) to ``output``."""
    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(cover_pdf(cover))))
    for path, content_type in documents:
        if content_type == "application/pdf":
            writer.append(PdfReader(path))
            continue
        page = io.BytesIO()
        with Image.open(path) as image:
            image.draft("RGB", _PAGE_PIXELS)  # JPEG: decode at a reduced size
            image.thumbnail(_PAGE_PIXELS)
            image.convert("RGB").save(page, format="PDF", resolution=200)
        writer.append(PdfReader(page))
    writer.write(output)


def build_within_budget(cover: Cover, documents: list[tuple[str, str]]) -> bytes:
    """Build the bundle in a child process limited to BUNDLE_MAX_MEMORY_MB of memory on
    top of what the worker already uses and to BUNDLE_MAX_SECONDS; raise BundleTooLarge
    if it does not fit."""
    with tempfile.TemporaryDirectory() as folder:
        target = os.path.join(folder, "bundle.pdf")
        context = multiprocessing.get_context("fork")
        child = context.Process(target=_child, args=(cover, documents, target), daemon=True)
        child.start()
        child.join(settings.BUNDLE_MAX_SECONDS)
        if child.is_alive():
            child.kill()
            child.join()
            raise BundleTooLarge("time")
        if child.exitcode != 0:
            raise BundleTooLarge("memory" if child.exitcode == _OUT_OF_MEMORY else "error")
        with open(target, "rb") as handle:
            return handle.read()


_OUT_OF_MEMORY = 3


def _child(cover, documents, target) -> None:  # pragma: no cover (runs in the child)
    in_use = _address_space()
    if in_use:
        budget = in_use + settings.BUNDLE_MAX_MEMORY_MB * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (budget, budget))
    try:
        with open(target, "wb") as output:
            write_bundle(cover, documents, output)
    except MemoryError:
        os._exit(_OUT_OF_MEMORY)
    except Exception:
        os._exit(1)
    os._exit(0)


def _address_space() -> int:
    """The virtual memory this process uses now, in bytes."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def file_name(application) -> str:
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    return f"application-{application.pk}-{stamp}.pdf"
