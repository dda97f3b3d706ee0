"""Text drawn as outlines: a page whose words are vector shapes, not characters.

Certificates and posters laid out in CorelDRAW or Illustrator are exported with
their text "converted to curves" (转曲, the print shop's rule), PDF printers
and flatteners do the same, and so does an SVG round trip: every glyph becomes
a filled path.  Such a page has no text layer, no image, and shows the
applicant's name in plain sight; routed as born-digital text it was neither
OCRed nor searched, and came out with the name (and the gate, which OCRs only
pictures, passed it).  A page with (almost) no characters whose paths look
like glyphs is read as a scan instead: OCR of the whole rendering.

A page with a text layer can draw a few words as outlines too: a letterhead's
employer name, a title or a wordmark among live text.  Those words
(``outline_words``) are OCRed as regions, as text runs whose Unicode mapping is
broken are, so the employer on a letterhead is found as on any other line.

What a glyph-like path is: ``redactor.glyph_shapes``.  Redaction takes a page
down to pixels where an outline would stay under its box (a vector under a box
is a leak).
"""

from __future__ import annotations

from collections.abc import Sequence

import pymupdf

from redactor.glyph_shapes import MIN_GLYPH_PATHS, glyph_shaped, word_boxes
from redactor.ingest.drawings import read_paths
from redactor.model import BBox, Char, TextOrigin

__all__ = ["glyph_like", "outline_words", "outlined_paths", "outlined_text"]


def glyph_like(path: dict) -> bool:
    """A ``get_cdrawings`` path the size and shape of a glyph (``glyph_shapes``)."""
    r = pymupdf.Rect(path.get("rect") or (0, 0, 0, 0))
    items = path.get("items") or ()
    return glyph_shaped(path.get("fill") is not None, r.width, r.height, len(items), any(i[0] == "c" for i in items))


def outlined_text(page: pymupdf.Page) -> bool:
    """True when ``page`` draws at least ``MIN_GLYPH_PATHS`` glyph-like paths."""
    return outlined_paths(read_paths(page))


def outlined_paths(paths: list[dict] | None) -> bool:
    """``outlined_text`` of paths read already (None, unreadable: read the page's pixels, as for a scan)."""
    if paths is None:
        return True
    count = 0
    for path in paths:
        if glyph_like(path):
            count += 1
            if count >= MIN_GLYPH_PATHS:
                return True
    return False


def outline_words(page: pymupdf.Page, chars: Sequence[Char], paths: list[dict] | None = None) -> tuple[BBox, ...]:
    """Boxes of the words ``page`` draws as outlines beside its text layer (``glyph_shapes.word_boxes``);
    ``paths``: the page's paths if read already (unreadable ones add nothing: the text is read as before)."""
    if paths is None:
        paths = read_paths(page) or []
    glyphs = [BBox(*p["rect"]) for p in paths if glyph_like(p)]
    if len(glyphs) < 2:
        return ()
    text = [c.bbox for c in chars if c.bbox is not None and c.origin is TextOrigin.TEXT_LAYER and c.c.strip()]
    page_box = BBox(0, 0, page.cropbox.width, page.cropbox.height)
    return tuple(b for b in (_clip(w, page_box) for w in word_boxes(glyphs, text)) if b is not None)


def _clip(b: BBox, page: BBox) -> BBox | None:
    x0, y0, x1, y1 = max(b.x0, page.x0), max(b.y0, page.y0), min(b.x1, page.x1), min(b.y1, page.y1)
    return BBox(x0, y0, x1, y1) if x1 > x0 and y1 > y0 else None
