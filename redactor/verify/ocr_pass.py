"""Channel ``ocr``: what a reader sees in the pixels of a page.

Which pages: every page that shows an image of any size (a phone number in a
1 % picture is still a phone number), every page whose text layer has glyphs
without Unicode (only OCR can read them), and, when asked (``redactor verify``),
every page.  Scope: image regions (padded) or the whole page — regions when the
images cover less than ``_WHOLE_PAGE_SHARE`` of the page and the text layer can
be trusted, the whole page otherwise (see benchmarks/verify_cost.py for what
each costs).  In the pipeline's gate, ``proof.gate_reading`` narrows this to
what changed (the painted boxes' neighbourhoods) where it can prove the rest
of the pixels are the input's.

OCR lines are joined in the engine's order and again in reading order, so a
value wrapped over two OCR lines is found.  The engine comes in through
``redactor.protocols.OcrEngine``; verify does not import one.
"""

from __future__ import annotations

from redactor.fields import Needle
from redactor.model import BBox, Leak, Raster
from redactor.protocols import OcrEngine, OcrText
from redactor.verify.hits import hits_to_leaks
from redactor.verify.pdfium_reader import PdfiumPage
from redactor.verify.search import REVIEW, FoldedText, Unit, find_needles

__all__ = ["ocr_scope", "image_regions", "recognise", "ocr_leaks", "vector_art_is_review"]

_WHOLE_PAGE_SHARE = 0.5
_PAD_PT = 6.0


def ocr_scope(page: PdfiumPage, every_page: bool) -> tuple[BBox, ...] | None | bool:
    """False: no OCR; None: the whole page; boxes: only these regions."""
    if page.unmapped_glyphs or every_page:
        return None
    if not page.images:
        return False
    area = page.width * page.height or 1.0
    if sum(b.area for b in page.images) / area >= _WHOLE_PAGE_SHARE:
        return None
    return image_regions(page)


def image_regions(page: PdfiumPage) -> tuple[BBox, ...]:
    """One region per image of ``page`` (same order), padded by ``_PAD_PT`` within the page."""
    full = BBox(0, 0, page.width, page.height)
    return tuple(BBox(max(full.x0, b.x0 - _PAD_PT), max(full.y0, b.y0 - _PAD_PT),
                      min(full.x1, b.x1 + _PAD_PT), min(full.y1, b.y1 + _PAD_PT)) for b in page.images)


def _units(lines: list[OcrText]) -> list[Unit]:
    out: list[Unit] = []
    for ln in lines:
        out += [Unit(c, b) for c, b in zip(ln.text, ln.char_boxes)]
        out.append(Unit("\n"))
    return out


def _reading_order(lines: list[OcrText]) -> list[OcrText]:
    return sorted(lines, key=lambda ln: (round(ln.bbox.center[1] / max(ln.bbox.height * 0.6, 1.0)), ln.bbox.x0))


def recognise(ocr: OcrEngine, raster: Raster, regions: tuple[BBox, ...] | None) -> list[OcrText]:
    if regions is None:
        return list(ocr.recognize(raster))
    lines: list[OcrText] = []
    for b in regions:
        part = raster.crop(b)
        if part is not None and not _uniform(part):
            lines += ocr.recognize(part)
    return lines


def _uniform(part: Raster) -> bool:
    """Every pixel the same colour (a painted box, a blank margin): no text to read."""
    px = part.pixels
    return bool((px == px[0, 0]).all())


def ocr_leaks(lines: list[OcrText], page: int, needles: tuple[Needle, ...], channel: str = "ocr") -> list[Leak]:
    leaks: list[Leak] = []
    for order in (lines, _reading_order(lines)):
        leaks += hits_to_leaks(find_needles(FoldedText(_units(order)), needles), channel, page)
    return leaks


def vector_art_is_review(leaks: list[Leak], page: PdfiumPage) -> list[Leak]:
    """The employer's name read by OCR where the page has neither an image nor text (drawn as vector
    paths: a logo or wordmark, such as a university's on a thesis cover) is reported for review."""
    from dataclasses import replace

    glyphs = [c.bbox for c in page.chars if c.bbox is not None]
    out = []
    for lk in leaks:
        b = lk.bbox
        if lk.category == "employer" and lk.severity != REVIEW and b is not None \
                and not any(i.intersection_area(b) > 0 for i in page.images) \
                and not any(g.intersection_area(b) > 0.1 * g.area for g in glyphs):
            lk = replace(lk, severity=REVIEW, detail=lk.detail + "; drawn as vector art (a logo or wordmark)")
        out.append(lk)
    return out
