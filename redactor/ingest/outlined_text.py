"""Text drawn as outlines: a page whose words are vector shapes, not characters.

Certificates and posters laid out in CorelDRAW or Illustrator are exported with
their text "converted to curves" (转曲, the print shop's rule), PDF printers
and flatteners do the same, and so does an SVG round trip: every glyph becomes
a filled path.  Such a page has no text layer, no image, and shows the
applicant's name in plain sight; routed as born-digital text it was neither
OCRed nor searched, and came out with the name (and the gate, which OCRs only
pictures, passed it).  A page with (almost) no characters whose paths look
like glyphs is read as a scan instead: OCR of the whole rendering.

What a glyph-like path is: ``redactor.glyph_shapes``.  Redaction takes a page
down to pixels where an outline would stay under its box (a vector under a box
is a leak).
"""

from __future__ import annotations

import pymupdf

from redactor.glyph_shapes import MIN_GLYPH_PATHS, glyph_shaped

__all__ = ["glyph_like", "outlined_text"]


def glyph_like(path: dict) -> bool:
    """A ``get_cdrawings`` path the size and shape of a glyph (``glyph_shapes``)."""
    r = pymupdf.Rect(path.get("rect") or (0, 0, 0, 0))
    items = path.get("items") or ()
    return glyph_shaped(path.get("fill") is not None, r.width, r.height, len(items), any(i[0] == "c" for i in items))


def outlined_text(page: pymupdf.Page) -> bool:
    """True when ``page`` draws at least ``MIN_GLYPH_PATHS`` glyph-like paths."""
    try:
        paths = page.get_cdrawings()
    except Exception:   # noqa: BLE001 - unreadable drawings: read the page's pixels, as for a scan
        return True
    count = 0
    for path in paths:
        if glyph_like(path):
            count += 1
            if count >= MIN_GLYPH_PATHS:
                return True
    return False
