"""The text a font program can carry: its naming and string tables, not its glyph outlines.

A CJK font embedded whole is 10-25 MB of outlines, metrics and layout tables;
searching those bytes as Latin-1 cost seconds a document and could only find
chance byte runs no reader ever sees.  What a producer (or a person) can write
into a font is text: the ``name`` table (family, copyright, designer, vendor
URLs, descriptions), the CFF string tables (FontName, FullName, Notice,
glyph names), ``post`` glyph names, ``meta`` and ``SVG`` documents.  Those are
read in every encoding they use -- the ``name`` table's UTF-16BE too, which the
byte scan never decoded -- and every table not known to hold only outlines,
metrics or layout is scanned as bytes.  A program that does not parse is
scanned whole, as before (``None``).
"""

from __future__ import annotations

import struct

__all__ = ["font_program_texts"]

# tables of glyph outlines, metrics, hinting, layout, bitmaps and signatures: numbers and binary data only
_NO_TEXT = frozenset({
    b"glyf", b"loca", b"CFF2", b"hmtx", b"vmtx", b"hdmx", b"VDMX", b"LTSH", b"kern", b"cmap",
    b"GSUB", b"GPOS", b"GDEF", b"BASE", b"JSTF", b"MATH", b"VORG", b"gvar", b"cvar", b"HVAR", b"VVAR",
    b"MVAR", b"avar", b"STAT", b"fpgm", b"prep", b"cvt ", b"gasp", b"EBDT", b"EBLC", b"EBSC", b"CBDT", b"CBLC",
    b"sbix", b"COLR", b"CPAL", b"DSIG", b"morx", b"mort", b"kerx",
})
_SFNT = (b"\x00\x01\x00\x00", b"OTTO", b"true", b"typ1")
_MAX_TABLES = 512


def font_program_texts(data: bytes) -> list[tuple[str, bool]] | None:
    """``(text, may hold CJK values)`` of the parts of an OpenType/TrueType or bare CFF program that can hold
    text; ``None`` when ``data`` is neither or does not parse (the caller scans it whole)."""
    try:
        if data[:4] in _SFNT:
            return _sfnt_texts(data)
        if len(data) >= 4 and data[0] == 1 and data[2] >= 4 and 1 <= data[3] <= 4:
            return _bytes_texts(data[:_cff_strings_end(data)])
    except (struct.error, ValueError, IndexError):
        return None
    return None


def _bytes_texts(part: bytes) -> list[tuple[str, bool]]:
    """A binary part as the byte scan reads one: Latin-1 for ASCII values, UTF-8 for any."""
    return [(part.decode("latin-1"), False), (part.decode("utf-8", "ignore"), True)]


def _sfnt_texts(data: bytes) -> list[tuple[str, bool]]:
    """Every byte of the program outside its outline, metric and layout tables (the directory, the other
    tables, padding and anything after the last table), and the ``name`` table's records decoded."""
    count = struct.unpack_from(">H", data, 4)[0]
    if count > _MAX_TABLES:
        raise ValueError("not a table directory")
    skipped: list[tuple[int, int]] = []
    names: list[str] = []
    for k in range(count):
        tag, _, offset, length = struct.unpack_from(">4sIII", data, 12 + 16 * k)
        if offset < 12 + 16 * count or offset + length > len(data):
            raise ValueError("a table outside the program")
        table = data[offset:offset + length]
        if tag in _NO_TEXT:
            skipped.append((offset, offset + length))
        elif tag == b"CFF ":
            skipped.append((offset + _cff_strings_end(table), offset + length))
        elif tag == b"name":
            names += _name_strings(table)
    out: list[tuple[str, bool]] = []
    pos = 0
    for lo, hi in sorted(skipped):
        if lo > pos:
            out += _bytes_texts(data[pos:lo])
        pos = max(pos, hi)
    if pos < len(data):
        out += _bytes_texts(data[pos:])
    return out + [(s, True) for s in names]


def _name_strings(table: bytes) -> list[str]:
    """Every record of a ``name`` table, decoded as its platform writes it (UTF-16BE for Unicode and
    Windows, a single-byte encoding for Macintosh)."""
    count, storage = struct.unpack_from(">2xHH", table, 0)
    out = []
    for k in range(count):
        platform, _, _, _, length, offset = struct.unpack_from(">6H", table, 6 + 12 * k)
        raw = table[storage + offset:storage + offset + length]
        out.append(raw.decode("utf-16-be", "ignore") if platform in (0, 3) else raw.decode("mac_roman", "ignore"))
        out.append(raw.decode("latin-1"))
    return out


def _cff_strings_end(cff: bytes) -> int:
    """Where a CFF's string data ends: after the header, Name, Top DICT and String INDEXes (every name, notice
    and glyph name of the font); what follows is subroutines and charstrings."""
    pos = cff[2]
    for _ in range(3):
        pos = _index_end(cff, pos)
    return pos


def _index_end(cff: bytes, pos: int) -> int:
    count = struct.unpack_from(">H", cff, pos)[0]
    if count == 0:
        return pos + 2
    size = cff[pos + 2]
    if not 1 <= size <= 4:
        raise ValueError("bad offset size")
    last = pos + 3 + count * size
    end = last + size
    if end > len(cff):
        raise ValueError("an INDEX past the end")
    data_len = int.from_bytes(cff[last:end], "big") - 1
    if data_len < 0 or end + data_len > len(cff):
        raise ValueError("an INDEX past the end")
    return end + data_len
