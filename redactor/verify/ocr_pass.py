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

OCR lines are joined in the engine's order, again in reading order, and each
with the line stacked under it in a narrow cell (``stacked``), so a value
wrapped over two OCR lines is found.  The engine comes in through
``redactor.protocols.OcrEngine``; verify does not import one.
"""

from __future__ import annotations

from typing import Any

from redactor.fields import Needle
from redactor.glyph_shapes import MIN_GLYPH_PATHS
from redactor.model import BBox, Leak, Raster
from redactor.protocols import OcrEngine, OcrText, recognize_upright
from redactor.reading_order import dominant_direction, reading_order
from redactor.verify.hits import hits_to_leaks
from redactor.verify.pdfium_reader import PdfiumPage
from redactor.verify.search import REVIEW, FoldedText, Unit, find_needles
from redactor.verify.stacked import stacked_pairs

__all__ = ["ocr_scope", "scope_sources", "read_scope", "recognise", "recognise_tiles", "ocr_leaks", "vector_art_is_review"]

_WHOLE_PAGE_SHARE = 0.5
_PAD_PT = 6.0


def ocr_scope(page: PdfiumPage, every_page: bool) -> tuple[BBox, ...] | None | bool:
    """False: no OCR; None: the whole page; boxes: only these regions (``scope_sources``, padded, in order)."""
    if page.unmapped_glyphs or every_page or outlined_text(page):
        return None
    sources = scope_sources(page)
    if not sources:
        return False
    area = page.width * page.height or 1.0
    if sum(b.area for b in page.images) / area >= _WHOLE_PAGE_SHARE:
        return None
    full = BBox(0, 0, page.width, page.height)
    return tuple(BBox(max(full.x0, b.x0 - _PAD_PT), max(full.y0, b.y0 - _PAD_PT),
                      min(full.x1, b.x1 + _PAD_PT), min(full.y1, b.y1 + _PAD_PT)) for b in sources)


def scope_sources(page: PdfiumPage) -> tuple[BBox, ...]:
    """What the ocr channel reads on a page with a text layer: every image, then every word the page draws as
    outlines beside its text (a letterhead's employer name converted to curves: ``glyph_shapes.word_boxes``)."""
    return page.images + page.outline_words


def outlined_text(page: PdfiumPage) -> bool:
    """A page of (almost) no characters that draws glyph-like paths: its text is drawn as outlines."""
    if len(page.outlines) < MIN_GLYPH_PATHS:
        return False
    return sum(1 for ch in page.chars if ch.c.strip()) < _FEW_CHARS


_FEW_CHARS = 20          # ingest's ``ocr.text_layer_min_chars``: fewer, and a page is no text page


def _units(lines: list[OcrText]) -> list[Unit]:
    out: list[Unit] = []
    for ln in lines:
        out += [Unit(c, b) for c, b in zip(ln.text, ln.char_boxes)]
        out.append(Unit("\n"))
    return out


def _reading_order(lines: list[OcrText]) -> list[OcrText]:
    """Rows top to bottom, left to right.  On a page whose text does not run left to right in page space (a
    sideways or upside-down scan, a /Rotate page), in the text's own frame (``redactor.reading_order``): sorted
    by page rows, such a page's lines ran across the two copies of a two-up sheet and glued the holder's ID
    number, split by a stamp's ring, to a certificate number."""
    direction = dominant_direction(lines)
    if direction[0] < _LEFT_TO_RIGHT:
        return reading_order(lines, direction)
    return sorted(lines, key=lambda ln: (round(ln.bbox.center[1] / max(ln.bbox.height * 0.6, 1.0)), ln.bbox.x0))


_LEFT_TO_RIGHT = 0.9     # cosine: a reading direction within about 25 degrees of page left-to-right (a skewed scan)


def recognise(ocr: OcrEngine, raster: Raster, regions: tuple[BBox, ...] | None) -> list[OcrText]:
    if regions is None:
        return list(ocr.recognize(raster))
    lines: list[OcrText] = []
    for b in regions:
        part = raster.crop(b)
        if part is not None and not _uniform(part):
            lines += ocr.recognize(part)
    return lines


def read_scope(ocr: OcrEngine, raster: Raster, regions: tuple[BBox, ...] | None) -> list[OcrText]:
    """OCR of the whole page (``regions`` None) or of its pictures, the small ones stacked into mosaics
    (``recognise_tiles``): five signature-sized pictures cost one engine call, not five."""
    if regions is None:
        return list(ocr.recognize(raster))
    return recognise_tiles(ocr, raster, regions)


_GAP_PX = 32             # white between tiles: detection does not join lines across it
_MAX_SIDE_PX = 1280      # the engine detects at up to this side; a taller mosaic would be shrunk


def recognise_tiles(ocr: OcrEngine, raster: Raster, regions: tuple[BBox, ...], upright: bool = False
                    ) -> list[OcrText]:
    """OCR of many small regions (the painted boxes' neighbourhoods) in as few engine calls as
    possible: the crops are stacked into mosaics on white, read together, and every line is
    mapped back to the page through its own crop.  Regions taller than a third of a mosaic are
    read on their own.  ``upright``: the page is known to be upright (no orientation probe)."""
    read = (lambda r: recognize_upright(ocr, r)) if upright else ocr.recognize
    tiles = []
    lines: list[OcrText] = []
    for b in regions:
        part = raster.crop(b)
        if part is None or _uniform(part):
            continue
        h, w = part.pixels.shape[:2]
        if h > _MAX_SIDE_PX // 3 or w > _MAX_SIDE_PX:
            lines += read(part)
        else:
            tiles.append(part)
    batch: list[Raster] = []
    height = 0
    for t in tiles + [None]:  # type: ignore[list-item]
        if t is None or (batch and height + _GAP_PX + t.pixels.shape[0] > _MAX_SIDE_PX):
            if batch:
                lines += _read_mosaic(read, batch)
            batch, height = [], 0
            if t is None:
                break
        batch.append(t)
        height += t.pixels.shape[0] + _GAP_PX
    return lines


def _read_mosaic(read: Any, parts: list[Raster]) -> list[OcrText]:
    import numpy as np

    if len(parts) == 1:
        return list(read(parts[0]))
    width = max(p.pixels.shape[1] for p in parts) + 2 * _GAP_PX
    height = sum(p.pixels.shape[0] + _GAP_PX for p in parts) + _GAP_PX
    canvas = np.full((height, width, 3), 255, dtype=np.uint8)
    tops = []
    y = _GAP_PX
    for p in parts:
        h, w = p.pixels.shape[:2]
        canvas[y:y + h, _GAP_PX:_GAP_PX + w] = p.pixels
        tops.append(y)
        y += h + _GAP_PX
    out = []
    for ln in read(Raster(canvas, (1.0, 0.0, 0.0, 1.0, 0.0, 0.0), parts[0].dpi)):
        cy = (ln.bbox.y0 + ln.bbox.y1) / 2
        k = max(i for i, t in enumerate(tops) if t - _GAP_PX / 2 <= cy) if cy >= tops[0] - _GAP_PX / 2 else 0
        part, top = parts[k], tops[k]

        def back(b: BBox, part: Raster = part, top: int = top) -> BBox:
            return part.point_box(b.x0 - _GAP_PX, b.y0 - top, b.x1 - _GAP_PX, b.y1 - top)

        out.append(OcrText(ln.text, tuple(back(b) for b in ln.char_boxes), back(ln.bbox), ln.score))
    return out


def _uniform(part: Raster) -> bool:
    """Every pixel the same colour (a painted box, a blank margin): no text to read."""
    px = part.pixels
    return bool((px == px[0, 0]).all())


def ocr_leaks(lines: list[OcrText], page: int, needles: tuple[Needle, ...], channel: str = "ocr") -> list[Leak]:
    leaks: list[Leak] = []
    for order in (lines, _reading_order(lines)):
        leaks += hits_to_leaks(find_needles(FoldedText(_units(order)), needles, misread=True), channel, page)
    for pair in stacked_pairs(lines):        # a value wrapped in a narrow cell, the row's other cells read between
        leaks += hits_to_leaks(find_needles(FoldedText(_units(list(pair))), needles, misread=True), channel, page)
    return leaks


def vector_art_is_review(leaks: list[Leak], page: PdfiumPage) -> list[Leak]:
    """The employer's name read by OCR where the page has neither an image nor text (drawn as vector
    paths: a logo or wordmark, such as a university's on a thesis cover) is reported for review -- on a page
    with a text layer.  A page with none has its every word drawn as outlines (a certificate exported
    转曲): the employer there is body text, a leak (a 荣誉证书 passed with 工作单位：包头市中心医院)."""
    from dataclasses import replace

    glyphs = [c.bbox for c in page.chars if c.bbox is not None]
    if not glyphs:
        return leaks
    out = []
    for lk in leaks:
        b = lk.bbox
        if lk.category == "employer" and lk.severity != REVIEW and b is not None \
                and not any(i.intersection_area(b) > 0 for i in page.images) \
                and not any(g.intersection_area(b) > 0.1 * g.area for g in glyphs):
            lk = replace(lk, severity=REVIEW, detail=lk.detail + "; drawn as vector art (a logo or wordmark)")
        out.append(lk)
    return out
