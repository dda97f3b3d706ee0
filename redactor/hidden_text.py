"""PyMuPDF's test of hidden text on one span of its text extraction (``Document.scrub(hidden_text=True)``):
ingest flags the pages that draw some, redaction's sanitizing removes it."""

from __future__ import annotations

from typing import Any


def hidden_span(span: dict[str, Any], filled: int | None, stroked: int | None) -> bool:
    """A glyph-less font (an OCR layer), zero alpha, or glyphs neither filled nor stroked (render mode 3):
    ``filled`` and ``stroked`` are MuPDF's character flags (``FZ_STEXT_FILLED``, ``FZ_STEXT_STROKED``), None
    where this MuPDF has none."""
    font = span.get("font")
    if isinstance(font, str) and font.split("+")[-1] == "GlyphLessFont":
        return True
    if span.get("alpha") == 0:
        return True
    flags = span.get("char_flags")
    if isinstance(flags, int) and isinstance(filled, int) and isinstance(stroked, int):
        return not flags & filled and not flags & stroked
    return False
