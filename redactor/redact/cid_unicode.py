"""Characters no page draws leave the ToUnicode maps of the output's CID fonts.

A Type 0 (CID) font's ToUnicode map lists the text of every character code its
producer printed with it.  LaTeX (xdvipdfmx), Acrobat, InDesign, Quartz and
Office embed Chinese text this way.  MuPDF's subsetter empties the glyph
outlines of codes no page draws any more, but leaves the map alone: after the
applicant's name is removed, anyone listing the font's characters still finds
淑 and 珺 there, the hint verification's ``font_glyphs`` check reports.

Here every entry whose text no page of the document still draws (visible or
not) is taken out of the map of an ``Identity-H``/``Identity-V`` font (two-byte
codes, the CID is the code).  The map only turns codes into text for
extraction and search; drawing does not read it, so the pages look the same
and every character still drawn is still extracted.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import pymupdf

from redactor.redact.glyphs import drawn_text
from redactor.tounicode import cmap_of, unicode_map

log = logging.getLogger(__name__)

__all__ = ["trim_cid_unicode_maps"]

_IDENTITY = ("/Identity-H", "/Identity-V")


def _cid_maps(doc: pymupdf.Document) -> dict[int, int]:
    """Type 0 fonts with an identity encoding and a ToUnicode stream: font xref -> the map's xref."""
    out: dict[int, int] = {}
    for pno in range(doc.page_count):
        for xref, _ext, ftype, *_ in doc.get_page_fonts(pno, full=True):
            if ftype != "Type0" or xref in out or doc.xref_get_key(xref, "Encoding")[1] not in _IDENTITY:
                continue
            kind, value = doc.xref_get_key(xref, "ToUnicode")
            if kind == "xref":
                out[xref] = int(value.split()[0])
    return out


def trim_cid_unicode_maps(doc: pymupdf.Document, read_drawn: Callable[[], set[str]] | None = None) -> int:
    """Take the entries of characters no page draws out of the ToUnicode maps of ``doc``'s identity-encoded
    CID fonts (see module); returns how many maps changed.  A map that cannot be read stays as it is.
    ``read_drawn``: as for ``drop_removed_glyphs``."""
    maps = _cid_maps(doc)
    if not maps:
        return 0
    drawn = read_drawn() if read_drawn is not None else drawn_text(doc)
    changed = 0
    for cmap_xref in sorted(set(maps.values())):
        try:
            codes = unicode_map(doc.xref_stream(cmap_xref))
        except ValueError:
            continue
        if not codes or any(len(code) != 4 for code in codes):
            continue        # not two-byte codes throughout: not a map this module rewrites
        keep = {c: t for c, t in codes.items() if any(ch in drawn for ch in t)}
        if len(keep) == len(codes):
            continue
        doc.update_stream(cmap_xref, cmap_of({int(c, 16): t for c, t in keep.items()}, 2))
        changed += 1
    if changed:
        log.info("%d CID font map(s) no longer list characters no page draws", changed)
    return changed
