"""Is a vector path the outline of a glyph?  Shared by ingest (read a page that draws its text as outlines),
redaction (no outline may stay under a box) and verification (read such a page; nothing drawn under a box),
each with its own PDF engine's view of the path.

A glyph-like path is filled, glyph-sized, and shaped: a curve, or many edges (the strokes of 王 are one
path of 16 edges).  Table rules, cell shading and a redaction box are not.
"""

from __future__ import annotations

__all__ = ["glyph_shaped", "MIN_GLYPH_PATHS"]

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
