"""The output's fonts keep no trace of removed text: the steps, in the order they must run.

1. ``glyphs``: the glyphs of removed characters leave simple Type 1 subsets and Type 3 fonts (a proven copy).
2. MuPDF's subsetter: unused glyphs of TrueType and bare CFF programs are emptied, unused fonts dropped.
3. ``cff_outlines``: the CFF CID programs MuPDF could not subset, bare or in OpenType (a proven copy).
4. ``cid_unicode``: CID fonts' ToUnicode maps lose the characters no page draws (last: steps 1 and 3 read
   the maps to know which codes are gone).

No step changes what the pages draw, so the characters they draw (``glyphs.drawn_text``, every page's
text trace) are read once, when a step first needs them, for all of them.

Each step that fails leaves the fonts as they were, with a warning, and never costs the document its
output; verification's ``font_glyphs`` check reviews a subset that still lists the name.
"""

from __future__ import annotations

import functools
import logging

import pymupdf

from redactor.redact.cff_outlines import blank_removed_cff_outlines
from redactor.redact.cid_unicode import trim_cid_unicode_maps
from redactor.redact.glyphs import drawn_text, drop_removed_glyphs

log = logging.getLogger(__name__)

__all__ = ["clean_fonts", "FONT_STEPS"]

# the ``sanitized`` entries of these steps (withdrawn when the rewritten output cannot be saved)
FONT_STEPS = ("removed_glyphs", "fonts_subset", "removed_cff_glyphs", "unicode_maps_trimmed")


def clean_fonts(doc: pymupdf.Document, rewrite_programs: bool = True) -> tuple[pymupdf.Document, list[str]]:
    """Run the steps on ``doc``; returns the document to save (``doc`` or a proven copy, which the caller
    closes) and the ``sanitized`` entries of the steps that changed something.  ``rewrite_programs``
    False: only MuPDF's subsetter and the maps (the fallback when a rewritten program cannot be saved)."""
    final, done = doc, []
    read_drawn = functools.cache(lambda: drawn_text(doc))

    def adopt(copy: pymupdf.Document) -> None:
        nonlocal final
        if copy is not final:
            if final is not doc:
                final.close()
            final = copy

    if rewrite_programs:
        try:
            dropped = drop_removed_glyphs(final, read_drawn)
            adopt(dropped.doc)
            if dropped.fonts:
                done.append("removed_glyphs")
        except Exception as exc:  # noqa: BLE001 - an odd font must not cost the document its output
            log.warning("glyphs of removed text could not be dropped (%s); verification reviews the fonts",
                        type(exc).__name__)
    try:
        before = _program_bytes(final)
        final.subset_fonts()
        if _program_bytes(final) < before:
            done.append("fonts_subset")
    except Exception as exc:  # noqa: BLE001 - subsetting needs fontTools; not a leak if it fails
        log.warning("font subsetting failed: %s", exc)
    if rewrite_programs:
        try:
            blanked = blank_removed_cff_outlines(final, read_drawn)
            adopt(blanked.doc)
            if blanked.fonts:
                done.append("removed_cff_glyphs")
        except Exception as exc:  # noqa: BLE001 - as above
            log.warning("glyphs of removed text could not be dropped from CFF fonts (%s)", type(exc).__name__)
    try:
        if trim_cid_unicode_maps(final, read_drawn):
            done.append("unicode_maps_trimmed")
    except Exception as exc:  # noqa: BLE001 - an odd map must not cost the document its output
        log.warning("CID font maps could not be trimmed (%s); verification reviews the fonts", type(exc).__name__)
    return final, done


def _program_bytes(doc: pymupdf.Document) -> int:
    """Bytes of the embedded font programs.  MuPDF's subsetter says nothing when it fails on a font (it
    leaves the font whole and writes to its message store), so the audit claims ``fonts_subset`` only
    when the programs shrank."""
    total = 0
    for xref in range(1, doc.xref_length()):
        if doc.xref_get_key(xref, "Type")[1] != "/FontDescriptor":
            continue
        for key in ("FontFile", "FontFile2", "FontFile3"):
            kind, value = doc.xref_get_key(xref, key)
            if kind == "xref":
                total += len(doc.xref_stream_raw(int(value.split()[0])) or b"")
    return total
