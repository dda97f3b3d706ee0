"""Outlines of removed characters leave the CFF programs of CID fonts, bare or wrapped in OpenType.

MuPDF's subsetter empties the glyphs no page draws any more, but on some CFF programs it fails and leaves
them as they were: a subset that keeps Noto Sans CJK's glyph ids ("Index bounds"), and any program of
Noto Serif CJK / Source Han Serif (思源宋体), bare (``FontFile3 /CIDFontType0C``) or wrapped in OpenType
(``FontFile3 /OpenType``): "Reserved charstring byte" on ordinary glyphs.  After the applicant's name
is removed such a program still draws 淑 and 珺 for anyone who renders its glyphs one by one.

Here the glyph of every code whose text (the font's ToUnicode map) no page draws any more is made empty
(``endchar``) in place, glyph ids and every offset unchanged (fontTools finds the glyphs).  Run before
``cid_unicode`` trims the maps: the map says which codes are gone.  A glyph MuPDF did empty is seen as
empty and left alone.  The change is made on a copy, which replaces the document only when every page
drawing one of the changed fonts renders to the same pixels (``glyphs``' proof); otherwise the fonts
stay as they were, with a warning.  A program over ``MAX_PROGRAM_BYTES`` is a whole font: it holds every
character of the script and says nothing about the name, and rewriting it costs seconds.
"""

from __future__ import annotations

import io
import logging
import struct
from collections.abc import Callable
from typing import Any

import pymupdf

from redactor.redact.cff_index import CffLayoutError, cff_layout, sfnt_table
from redactor.redact.glyphs import GlyphDrop, drawn_differently, drawn_text
from redactor.tounicode import unicode_map

log = logging.getLogger(__name__)

__all__ = ["blank_removed_cff_outlines", "MAX_PROGRAM_BYTES"]

MAX_PROGRAM_BYTES = 8_000_000
_IDENTITY = ("/Identity-H", "/Identity-V")
_CFF_SUBTYPES = ("/OpenType", "/CIDFontType0C")
_SFNT_TAGS = (b"OTTO", b"\x00\x01\x00\x00", b"true")


def _ref(doc: pymupdf.Document, xref: int, key: str) -> int | None:
    kind, value = doc.xref_get_key(xref, key)
    if kind == "xref":
        return int(value.split()[0])
    if kind == "array" and value.strip("[] ").endswith("R"):       # DescendantFonts [n 0 R]
        return int(value.strip("[] ").split()[0])
    return None


def _length(doc: pymupdf.Document, stream: int) -> int:
    """The stored length of a stream (its ``Length``, direct or by reference)."""
    kind, value = doc.xref_get_key(stream, "Length")
    if kind == "xref":
        value = doc.xref_object(int(value.split()[0])).strip()
        kind = "int" if value.isdigit() else kind
    return int(value) if kind == "int" else len(doc.xref_stream_raw(stream))


def _cff_program(doc: pymupdf.Document, font: int) -> int | None:
    """The xref of ``font``'s CFF program, bare or wrapped in OpenType (a Type 0 font over a CIDFontType0),
    or None."""
    desc = _ref(doc, font, "DescendantFonts")
    if desc is None or doc.xref_get_key(desc, "Subtype")[1] != "/CIDFontType0":
        return None
    descriptor = _ref(doc, desc, "FontDescriptor")
    program = _ref(doc, descriptor, "FontFile3") if descriptor is not None else None
    if program is None or doc.xref_get_key(program, "Subtype")[1] not in _CFF_SUBTYPES:
        return None
    return program


def _blanked(program: bytes, cids: set[int]) -> bytes | None:
    """``program`` (OpenType or bare CFF) with the glyphs of ``cids`` empty, or None when none of them draws
    anything.

    Each glyph's bytes in the CharStrings INDEX are overwritten in place by as many ``endchar`` operators
    (a Type 2 charstring ends at its first): every offset in the program stays valid, and nothing of the
    outline is left.  Compiling the font again with fontTools did the same in seconds for a subset that
    kept its 65 000 glyph ids (Chromium's, and the corpus'), most of it re-encoding untouched glyphs.
    The glyphs are found by ``cff_index`` (the header, Top DICT and charset only); fontTools reads the
    programs it does not expect."""
    try:
        return _blanked_by_layout(program, cids)
    except CffLayoutError as exc:
        log.debug("CFF program read by fontTools (%s)", exc)
    from fontTools.cffLib import CFFFontSet
    from fontTools.ttLib import TTFont

    if program[:4] in _SFNT_TAGS:
        font = TTFont(io.BytesIO(program), lazy=True)
        if font.flavor is not None or "CFF " not in font.reader.tables:
            return None     # a WOFF's table offsets are into compressed data: not a program to patch in place
        top = font["CFF "].cff.topDictIndex[0]
        order, table = font.getGlyphOrder(), font.reader.tables["CFF "].offset
    else:
        cff = CFFFontSet()
        cff.decompile(io.BytesIO(program), None)
        top = cff.topDictIndex[0]
        order, table = list(top.charset), 0
    out = _blanked_glyphs(program, top, order, table, cids)
    if out is None:
        return None
    return _with_checksums(out) if table else out


def _blanked_by_layout(program: bytes, cids: set[int]) -> bytes | None:
    """``_blanked`` through ``cff_index.cff_layout``; raises ``CffLayoutError`` where that reader cannot."""
    table = 0
    if program[:4] in _SFNT_TAGS:
        place = sfnt_table(program, b"CFF ")
        if place is None:
            return None
        table = place[0]
    layout = cff_layout(program, table)
    out = bytearray(program)
    changed = False
    for cid in sorted(cids):
        gid = layout.gid(cid)
        if gid is None or layout.is_empty(gid):
            continue
        lo, hi = layout.span(gid)
        out[lo:hi] = b"\x0e" * (hi - lo)
        changed = True
    if not changed:
        return None
    return _with_checksums(bytes(out)) if table else bytes(out)


def _blanked_glyphs(program: bytes, top: Any, order: list[str], table: int, cids: set[int]) -> bytes | None:
    """The glyphs of ``cids`` in the CFF at ``table`` in ``program`` (font ``top``, glyph names ``order``)
    overwritten with ``endchar``; None when all of them are empty already."""
    charstrings = top.CharStrings
    index = charstrings.charStringsIndex
    keyed = hasattr(top, "ROS")           # CID-keyed: glyphs are named by CID; else the CID is the glyph id
    gids = {name: gid for gid, name in enumerate(order)} if keyed else None
    out = bytearray(program)
    changed = False
    for cid in sorted(cids):
        gid = gids.get(f"cid{cid:05d}") if gids is not None else (cid if cid < len(order) else None)
        if gid is None or gid >= len(index):
            continue
        glyph = charstrings[order[gid]]
        glyph.decompile()
        if all(op == "endchar" for op in glyph.program if isinstance(op, str)) and "endchar" in glyph.program:
            continue
        lo, hi = index.offsetBase + index.offsets[gid], index.offsetBase + index.offsets[gid + 1]
        out[table + lo:table + hi] = b"\x0e" * (hi - lo)
        changed = True
    return bytes(out) if changed else None


def _checksum(data: bytes) -> int:
    data += b"\0" * (-len(data) % 4)
    return sum(struct.unpack(f">{len(data) // 4}L", data)) & 0xFFFFFFFF


def _with_checksums(font: bytes) -> bytes:
    """The sfnt ``font`` with its table directory's checksum of ``CFF `` and ``head``'s whole-font adjustment
    brought up to date (as the OpenType specification defines them)."""
    out = bytearray(font)
    head = None
    for i in range(struct.unpack_from(">H", out, 4)[0]):
        entry = 12 + 16 * i
        tag, _, offset, length = struct.unpack_from(">4sLLL", out, entry)
        if tag == b"CFF ":
            struct.pack_into(">L", out, entry + 4, _checksum(bytes(out[offset:offset + length])))
        elif tag == b"head":
            head = offset
    if head is not None:
        struct.pack_into(">L", out, head + 8, 0)
        struct.pack_into(">L", out, head + 8, (0xB1B0AFBA - _checksum(bytes(out))) & 0xFFFFFFFF)
    return bytes(out)


def blank_removed_cff_outlines(doc: pymupdf.Document, read_drawn: Callable[[], set[str]] | None = None) -> GlyphDrop:
    """Empty the glyphs of characters no page draws in ``doc``'s CFF CID programs (see
    module); the document to save is ``GlyphDrop.doc`` (``doc`` itself or a proven copy).  ``read_drawn``: as
    for ``drop_removed_glyphs``."""
    fonts: dict[int, tuple[int, int, set[int]]] = {}     # font xref -> (program, ToUnicode, pages)
    for pno in range(doc.page_count):
        for xref, _ext, ftype, *_ in doc.get_page_fonts(pno, full=True):
            if xref in fonts:
                fonts[xref][2].add(pno)
                continue
            if ftype != "Type0" or doc.xref_get_key(xref, "Encoding")[1] not in _IDENTITY:
                continue
            cmap, program = _ref(doc, xref, "ToUnicode"), _cff_program(doc, xref)
            if cmap is None or program is None:
                continue
            if _length(doc, program) > MAX_PROGRAM_BYTES:
                continue
            fonts[xref] = (program, cmap, {pno})
    if not fonts:
        return GlyphDrop(doc, 0, 0)
    drawn = read_drawn() if read_drawn is not None else drawn_text(doc)
    plans: dict[int, bytes] = {}
    pages: set[int] = set()
    for program, cmap, on in fonts.values():
        try:
            codes = unicode_map(doc.xref_stream(cmap))
        except ValueError:
            continue
        gone = {int(c, 16) for c, t in codes.items() if len(c) == 4 and not any(ch in drawn for ch in t)}
        if not gone or program in plans:
            continue
        try:
            new = _blanked(doc.xref_stream(program), gone)
        except Exception as exc:  # noqa: BLE001 - fontTools raises many kinds of errors on odd programs
            log.warning("a CFF font program could not be read (%s); its removed glyphs stay", type(exc).__name__)
            continue
        if new is not None:
            plans[program] = new
            pages |= on
    if not plans:
        return GlyphDrop(doc, 0, 0)
    copy = pymupdf.open("pdf", doc.tobytes(garbage=0, deflate=False))
    try:
        for program, new in plans.items():
            copy.update_stream(program, new)
        changed = drawn_differently(copy, doc, sorted(pages))
        why = f"pages {', '.join(str(p + 1) for p in changed[:5])} drew differently"
    except Exception as exc:  # noqa: BLE001 - as above
        changed, why = sorted(pages), f"{type(exc).__name__}: {exc}"
    if changed:
        copy.close()
        log.warning("glyphs of removed text stay in %d CFF font program(s): %s", len(plans), why)
        return GlyphDrop(doc, 0, len(plans))
    return GlyphDrop(copy, len(plans), 0)
