"""Outlines under a box: a glyph drawn as a vector path that redaction did not remove.

MuPDF removes a path under a redaction box only when the box covers all of it
(``PDF_REDACT_LINE_ART_REMOVE_IF_COVERED``; removing every path a box touches
would take table borders and seal rings with it).  A page that draws its text
as outlines (``ingest/outlined_text.py``) can keep a glyph that reaches past
its box, under the paint: a box drawn on top.  Such a page is taken down to
pixels (``_flatten_page``) instead.
"""

from __future__ import annotations

import pymupdf

from redactor.glyph_shapes import glyph_shaped

__all__ = ["outline_under_boxes"]

INSIDE = 0.25          # a glyph-like path with this share of its box under a painted box counts


def outline_under_boxes(page: pymupdf.Page, boxes: list[pymupdf.Rect]) -> bool:
    """True when a glyph-like path still drawn on ``page`` lies partly under one of ``boxes``."""
    if not boxes:
        return False
    try:
        paths = page.get_cdrawings()
    except (RuntimeError, ValueError):   # MuPDF cannot read the drawings: assume the worst
        return True
    for path in paths:
        r = pymupdf.Rect(path.get("rect") or (0, 0, 0, 0))
        items = path.get("items") or ()
        if not glyph_shaped(path.get("fill") is not None, r.width, r.height, len(items),
                            any(i[0] == "c" for i in items)):
            continue
        area = r.get_area()
        if area > 0 and any((r & b).get_area() >= INSIDE * area for b in boxes):
            return True
    return False
