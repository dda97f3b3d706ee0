"""Channel ``revision``: the text every earlier revision of the file shows.

An incremental update appends objects to a PDF and leaves the earlier ones where they were: the file as it
was before the update is still its first bytes, up to that revision's ``%%EOF``.  A tool that "redacts" by
rewriting a page's content stream and saving incrementally leaves the old content stream in the file, and a
reader shown those first bytes draws the page as it was -- the applicant's name with it.  ``raw_objects``
reads every object of every revision in raw bytes, but text drawn in a CID font (Identity-H) is glyph codes
there, readable only through the font's ToUnicode map, and only a reader that lays the page out (PDFium) tells
its lines and words apart.  So each earlier revision is
opened as it was (``bytes[:end]``) with PDFium and its pages searched by the text layer's own search
(``text_layer.text_layer_leaks``: content order, reading order, stacked runs).

A hit the current file shows too -- the same value on the same page at the same place -- is left to the
channels that read the current file (``text_layer``, with the plan's ownership decisions): an unchanged page
of an earlier revision is no news, and a linearized file's first-page section (its first ``%%EOF``) shows the
current first page.  The output the pipeline writes is saved whole (``garbage=4``, no increment): it has one
``%%EOF`` and nothing here to read.

Each finding is a ``Leak`` with ``where="revision"``, the earlier revision's page, no box (a place on a page
that no longer is), never the value.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable

import pypdfium2 as pdfium

from redactor.fields import Needle
from redactor.model import Leak
from redactor.verify.pdfium_reader import PDFIUM, PdfiumPage, read_pages
from redactor.verify.text_layer import needle_possible, text_layer_leaks

log = logging.getLogger(__name__)

__all__ = ["revision_leaks", "earlier_ends", "MAX_REVISIONS"]

# Earlier revisions opened at most (each is a whole PDFium read of the file as it was).  A file with more is
# read at its first (the original, before any update) and its latest earlier revisions; the rest are logged.
MAX_REVISIONS = 16

# the end of a revision: its cross-reference offset, then the end-of-file marker (and its line end)
_END = re.compile(rb"startxref\s+\d+\s*%%EOF[ \t]*(?:\r\n|\r|\n)?")


def earlier_ends(data: bytes) -> list[int]:
    """Where each earlier revision of ``data`` ends: after every ``startxref N %%EOF`` but the last (the current
    revision, which the other channels read)."""
    return [m.end() for m in _END.finditer(data)][:-1]


def revision_leaks(data: bytes, needles: tuple[Needle, ...]) -> list[Leak]:
    """Leaks in the text the earlier revisions of the PDF ``data`` show (none when it has none).  A revision
    PDFium cannot open or read (a damaged one, or no revision at all: a ``%%EOF`` inside a stream) is skipped
    with a log line."""
    ends = earlier_ends(data)
    if not ends or not needles:
        return []
    if len(ends) > MAX_REVISIONS:
        log.warning("revision: %d earlier revisions, %d read (the first and the latest)", len(ends), MAX_REVISIONS)
        ends = ends[:1] + ends[len(ends) - MAX_REVISIONS + 1:]
    possible = needle_possible(needles)
    current: list[list[Leak]] | None = None        # the current file's text-layer hits by page, read when needed
    leaks: list[Leak] = []
    for k, end in enumerate(ends, 1):
        pages = _read(data[:end], possible)
        if pages is None:
            log.warning("revision: the file's earlier revision %d of %d (%d bytes) could not be read; skipped",
                        k, len(ends), end)
            continue
        for page in pages:
            found = text_layer_leaks(page, needles)
            if not found:
                continue
            if current is None:
                now = _read(data, possible) or []
                current = [text_layer_leaks(p, needles) for p in now]
            shown_now = current[page.number - 1] if page.number <= len(current) else []
            for lk in found:
                if any(_same(lk, n) for n in shown_now):
                    continue          # the current file shows it there too: the text layer's to judge
                leaks.append(Leak(
                    where="revision", category=lk.category, page=page.number, severity=lk.severity,
                    detail="; ".join(p for p in (f"an earlier revision of the file (before an incremental update, "
                                                 f"ending at byte {end}) shows it on this page", lk.detail) if p)))
    return leaks


def _read(data: bytes, possible: Callable[[str], bool]) -> list[PdfiumPage] | None:
    """The pages of the PDF ``data`` as the verifier's reader reads them; None when PDFium cannot."""
    with PDFIUM:        # PDFium is not safe to call from two threads at once
        try:
            pdf = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as exc:
            log.info("revision: PDFium cannot open it (%s)", exc)
            return None
        try:
            return read_pages(pdf, possible)
        except pdfium.PdfiumError as exc:
            log.info("revision: PDFium cannot read it (%s)", exc)
            return None
        finally:
            pdf.close()


def _same(a: Leak, b: Leak) -> bool:
    """The same value (category and form) at the same place: boxes that overlap."""
    if a.category != b.category or _form(a) != _form(b):
        return False
    return any(x.intersection_area(y) > 0 for x in a.boxes for y in b.boxes)


def _form(lk: Leak) -> str:
    """The needle's form a text-layer leak names (``hits.hits_to_leaks``: "form value", "form pinyin"...)."""
    return next((p for p in lk.detail.split("; ") if p.startswith("form ")), "")
