"""Is a vector path the outline of a glyph?  Shared by ingest (read a page that draws its text as outlines),
redaction (no outline may stay under a box) and verification (read such a page; nothing drawn under a box),
each with its own PDF engine's view of the path.

A glyph-like path is filled, glyph-sized, and shaped: a curve, or many edges (the strokes of 王 are one
path of 16 edges).  Table rules, cell shading and a redaction box are not.
"""

from __future__ import annotations

from collections.abc import Sequence

from redactor.model import BBox

__all__ = ["glyph_shaped", "word_boxes", "MIN_GLYPH_PATHS"]

MIN_GLYPH_PATHS = 5            # this many glyph-like paths on a page: it may draw text as outlines
_GLYPH_MIN_PT = 1.5            # glyph-sized: the longer side between these (points)
_GLYPH_MAX_PT = 120.0
_MANY_EDGES = 8


def glyph_shaped(filled: bool, width: float, height: float, edges: int, curved: bool) -> bool:
    """A filled path of ``edges`` segments (``curved``: one of them a Bézier curve) in a ``width`` x
    ``height`` box that can be a glyph's outline."""
    if not filled or not (_GLYPH_MIN_PT <= max(width, height) <= _GLYPH_MAX_PT) or min(width, height) <= 0.2:
        return False
    return curved or edges >= _MANY_EDGES


MIN_WORD_GLYPHS = 2            # outlines side by side that spell a word (a two-character name is one)
_ROW_OVERLAP = 0.5             # same row: vertical overlap of at least this share of the smaller glyph
_GAP_HEIGHTS = 1.5             # same word: the gap between neighbours at most this many of the row's tallest
_PAD_HEIGHTS = 0.2             # margin added around a word for OCR


def word_boxes(glyphs: Sequence[BBox], text: Sequence[BBox] = ()) -> list[BBox]:
    """Glyph-like paths (``glyph_shaped``) gathered into the words they spell on a page that also has a text
    layer: a letterhead's employer name or a title converted to curves among live text.  A word is a row of at
    least ``MIN_WORD_GLYPHS`` outlines, each within ``_GAP_HEIGHTS`` of the row's tallest glyph of the next, wider than it
    is high; its box is padded for OCR.  Outlines on top of text-layer characters (``text``) are that text's
    decoration, not a word of their own."""
    rows: list[list[BBox]] = []
    spans: list[BBox] = []          # each row's box so far
    tallest: list[float] = []       # each row's tallest glyph
    for g in sorted(_free(glyphs, text), key=lambda b: (b.x0, b.y0)):
        for i, row in enumerate(rows):
            span = spans[i]
            overlap = min(span.y1, g.y1) - max(span.y0, g.y0)
            # measured against the whole row, not its last glyph: a comma or a full stop is no line of its own,
            # and a space (or an I or 一 drawn as a plain rectangle, no glyph shape) leaves more room between
            # two lowercase letters than one of their heights
            if overlap >= _ROW_OVERLAP * min(tallest[i], g.height) \
                    and g.x0 - span.x1 <= _GAP_HEIGHTS * max(tallest[i], g.height):
                row.append(g)
                spans[i] = span.union(g)
                tallest[i] = max(tallest[i], g.height)
                break
        else:
            rows.append([g])
            spans.append(g)
            tallest.append(g.height)
    out = []
    for row in rows:
        if len(row) < MIN_WORD_GLYPHS:
            continue
        box = BBox.enclosing(row)
        if box.width < box.height:
            continue
        pad = _PAD_HEIGHTS * box.height
        out.append(BBox(box.x0 - pad, box.y0 - pad, box.x1 + pad, box.y1 + pad))
    return out


def _free(glyphs: Sequence[BBox], text: Sequence[BBox]) -> list[BBox]:
    """``glyphs`` without those lying (30 % of their area or more) on a text-layer character; every pair at
    once (a text page with a scatter plot's markers holds thousands of each)."""
    if not glyphs or not text:
        return list(glyphs)
    import numpy as np

    g = np.array([(b.x0, b.y0, b.x1, b.y1) for b in glyphs], dtype=np.float64)
    t = np.array([(b.x0, b.y0, b.x1, b.y1) for b in text], dtype=np.float64)
    area = (g[:, 2] - g[:, 0]) * (g[:, 3] - g[:, 1])
    keep = np.ones(len(g), dtype=bool)
    for i in range(0, len(g), 256):          # 256 glyphs against every character at a time
        c = g[i:i + 256, None, :]
        w = np.clip(np.minimum(c[..., 2], t[:, 2]) - np.maximum(c[..., 0], t[:, 0]), 0, None)
        h = np.clip(np.minimum(c[..., 3], t[:, 3]) - np.maximum(c[..., 1], t[:, 1]), 0, None)
        keep[i:i + 256] = ~((w * h) > 0.3 * area[i:i + 256, None]).any(axis=1)
    return [b for b, k in zip(glyphs, keep) if k]
