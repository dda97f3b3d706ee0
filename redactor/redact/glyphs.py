"""Glyphs of removed text leave the output's fonts.

A producer's font subset holds exactly the characters its document printed.
After the applicant's name is removed from the page, the subset still draws
and maps its characters: LibreOffice's Word export (the usual filled form)
embeds CJK text as simple Type 1 subsets of ~250 glyphs whose ToUnicode CMap
and glyph names (``cid9759``…) list 静 and 怡 although no page shows them.
Chrome's "Save as PDF" prints CJK text as Type 3 fonts of a few glyphs each,
whose glyph procedures and ToUnicode entries stay likewise.  MuPDF's own
subsetter leaves these fonts alone.

Here every glyph of such a font whose character no page draws any more is
taken out of the font: a Type 1 program's Encoding and CharStrings (fontTools
reads and writes the program), a Type 3 font's Differences and CharProcs, and
the ToUnicode map of both.  The change is made on a copy, which replaces
the document only when every page drawing one of the changed fonts renders to
the same pixels (MuPDF; the tests check PDFium draws them alike too, which
only verify may import); otherwise the fonts stay as they were, with a warning,
and verification's ``font_glyphs`` check reports them for review.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass

import pymupdf

from redactor.redact.type1_program import Type1LayoutError, without_glyphs
from redactor.tounicode import cmap_of, unicode_map

log = logging.getLogger(__name__)

__all__ = ["drop_removed_glyphs", "drawn_differently", "drawn_text", "GlyphDrop"]

PROOF_DPI = 72               # a lost glyph of 5 pt or more changes pixels at this resolution


@dataclass(frozen=True)
class GlyphDrop:
    doc: pymupdf.Document          # the document to save: the input one or a proven copy
    fonts: int                     # fonts whose removed glyphs were dropped
    refused: int                   # fonts that still hold removed glyphs (the copy drew differently)


def _one_byte_codes(cmap: bytes) -> dict[int, str] | None:
    """A ToUnicode CMap's codes and their text when every code is one byte (simple fonts); else None."""
    try:
        codes = unicode_map(cmap)
    except ValueError:
        return None
    if not codes or any(len(code) != 2 for code in codes):
        return None
    return {int(code, 16): text for code, text in codes.items()}


def drawn_text(doc: pymupdf.Document) -> set[str]:
    """Every character some page of ``doc`` still draws, visible or not."""
    out: set[str] = set()
    for page in doc:
        for span in page.get_texttrace():
            out.update(chr(ch[0]) for ch in span["chars"] if ch[0] > 0)
    return out


def _type1_program(doc: pymupdf.Document, font_xref: int) -> int | None:
    kind, desc = doc.xref_get_key(font_xref, "FontDescriptor")
    if kind != "xref":
        return None
    kind, ref = doc.xref_get_key(int(desc.split()[0]), "FontFile")
    return int(ref.split()[0]) if kind == "xref" else None


def _rewrite_type1(program: bytes, unused: set[int]) -> bytes:
    """The Type 1 ``program`` with codes ``unused`` mapped to .notdef and their glyphs gone: edited in place
    (``type1_program``), or by fontTools where the program is laid out otherwise."""
    try:
        return without_glyphs(program, unused)
    except Type1LayoutError as exc:
        log.debug("Type 1 program rewritten by fontTools (%s)", exc)
    from fontTools.t1Lib import T1Font

    font = T1Font.__new__(T1Font)
    font.data, font.encoding = program, "ascii"
    font.parse()
    encoding = list(font.font["Encoding"])
    for code in unused:
        encoding[code] = ".notdef"
    font.font["Encoding"] = encoding
    kept = set(encoding) | {".notdef"}
    charstrings = font.font["CharStrings"]
    for name in [n for n in charstrings.keys() if n not in kept]:
        del charstrings[name]
    return font.createData()


def _set_type1(doc: pymupdf.Document, xref: int, program: bytes) -> None:
    """Store a Type 1 program with the three lengths a FontFile stream declares."""
    clear = program.find(b"eexec") + 6
    zeros = program.find(b"0" * 64, clear)
    trailer = program.rfind(b"\n", clear, zeros) + 1 if zeros > 0 else len(program)
    doc.update_stream(xref, program)
    doc.xref_set_key(xref, "Length1", str(clear))
    doc.xref_set_key(xref, "Length2", str(trailer - clear))
    doc.xref_set_key(xref, "Length3", str(len(program) - trailer))


_DIFF_TOKEN = re.compile(r"(-?\d+)|/([^\s/\[\]<>()]*)")


def _differences(text: str) -> dict[int, str]:
    """A Differences array (PDF syntax) as code -> glyph name (the name as written, #-escapes kept)."""
    out: dict[int, str] = {}
    code = 0
    for number, name in _DIFF_TOKEN.findall(text):
        if number:
            code = int(number)
        else:
            out[code] = name
            code += 1
    return out


def _holder(doc: pymupdf.Document, xref: int, key: str) -> tuple[int, str]:
    """(object, key path) of a font's ``key`` entry, through an indirect dictionary where it is one."""
    kind, value = doc.xref_get_key(xref, key)
    return (int(value.split()[0]), "") if kind == "xref" else (xref, key + "/")


_PROC = re.compile(r"/([^\s/\[\]<>()]+)\s+(\d+\s+\d+\s+R)")


@dataclass(frozen=True)
class _Type3Edit:
    """How to take glyphs out of a Type 3 font."""

    encoding: int                          # the object holding the Differences array
    key: str                               # its key path there
    differences: str                       # the new array: the unused codes name .notdef
    procs: str                             # the new CharProcs dictionary, without the unused glyphs


def _type3_edit(doc: pymupdf.Document, xref: int, unused: set[int]) -> _Type3Edit | None:
    """The edit that takes codes ``unused`` out of a Type 3 font; None when no Differences names them."""
    enc, enc_path = _holder(doc, xref, "Encoding")
    kind, text = doc.xref_get_key(enc, enc_path + "Differences")
    procs_kind, procs = doc.xref_get_key(xref, "CharProcs")
    if procs_kind == "xref":
        procs = doc.xref_object(int(procs.split()[0]), compressed=True)
    if kind != "array" or not procs.lstrip().startswith("<<"):
        return None
    names = _differences(text)
    if not unused & names.keys():
        return None
    kept = {n for c, n in names.items() if c not in unused}
    array = "[" + " ".join(f"{c} /{'.notdef' if c in unused else n}" for c, n in sorted(names.items())) + "]"
    entries = _PROC.findall(procs)
    if len(entries) != procs.count("/"):           # a glyph procedure written inline, or an odd name: leave it
        return None
    kept_procs = "<<" + "".join(f"/{n} {ref}" for n, ref in entries if n in kept) + ">>"
    return _Type3Edit(enc, enc_path + "Differences", array, kept_procs)


def _set_type3(doc: pymupdf.Document, xref: int, edit: _Type3Edit) -> None:
    doc.xref_set_key(edit.encoding, edit.key, edit.differences)
    kind, ref = doc.xref_get_key(xref, "CharProcs")
    if kind == "xref":
        doc.update_object(int(ref.split()[0]), edit.procs)
    else:
        doc.xref_set_key(xref, "CharProcs", edit.procs)


def drawn_differently(a: pymupdf.Document, b: pymupdf.Document, pages: list[int]) -> list[int]:
    """Pages of ``pages`` that MuPDF draws differently in ``a`` and ``b`` (a glyph lost or changed)."""
    def pixels(doc: pymupdf.Document, p: int) -> bytes:
        return doc[p].get_pixmap(dpi=PROOF_DPI, colorspace=pymupdf.csGRAY, alpha=False).samples

    return [p for p in pages if pixels(a, p) != pixels(b, p)]


def drop_removed_glyphs(doc: pymupdf.Document, read_drawn: Callable[[], set[str]] | None = None) -> GlyphDrop:
    """Drop the glyphs of characters no page draws from the document's simple Type 1 subsets and Type 3
    fonts (see module).  ``read_drawn``: gives ``drawn_text`` of the document (``fonts.clean_fonts`` reads it
    once for all its steps)."""
    fonts: dict[int, set[int]] = {}
    for pno in range(doc.page_count):
        for xref, ext, ftype, *_ in doc.get_page_fonts(pno, full=True):
            if doc.xref_get_key(xref, "ToUnicode")[0] != "xref":
                continue
            # a Type 1 program's own Encoding names the glyphs (no /Encoding or /Differences overriding it);
            # a Type 3 font names them in its Differences
            if (ftype == "Type1" and ext == "pfa" and doc.xref_get_key(xref, "Encoding")[0] == "null") \
                    or ftype == "Type3":
                fonts.setdefault(xref, set()).add(pno)
    if not fonts:
        return GlyphDrop(doc, 0, 0)
    drawn = read_drawn() if read_drawn is not None else drawn_text(doc)
    plans: dict[int, tuple[int, dict[int, str], set[int], int | _Type3Edit]] = {}
    for xref in fonts:
        cmap_xref = int(doc.xref_get_key(xref, "ToUnicode")[1].split()[0])
        codes = _one_byte_codes(doc.xref_stream(cmap_xref))
        if not codes:
            continue
        unused = {c for c, text in codes.items() if text.strip() and not any(ch in drawn for ch in text)}
        if not unused:
            continue
        if doc.xref_get_key(xref, "Subtype")[1] == "/Type3":
            how: int | _Type3Edit | None = _type3_edit(doc, xref, unused)
        else:
            how = _type1_program(doc, xref)
        if how is not None:
            plans[xref] = (cmap_xref, codes, unused, how)
    if not plans:
        return GlyphDrop(doc, 0, 0)
    copy = pymupdf.open("pdf", doc.tobytes(garbage=0, deflate=False))
    pages = sorted(set().union(*(fonts[x] for x in plans)))
    try:
        for xref, (cmap_xref, codes, unused, how) in plans.items():
            if isinstance(how, int):
                _set_type1(copy, how, _rewrite_type1(doc.xref_stream(how), unused))
            else:
                _set_type3(copy, xref, how)
            copy.update_stream(cmap_xref, cmap_of({c: t for c, t in codes.items() if c not in unused}, 1))
        changed = drawn_differently(copy, doc, pages)
        why = f"pages {', '.join(str(p + 1) for p in changed[:5])} drew differently"
    except Exception as exc:  # noqa: BLE001 - fontTools raises many kinds of errors on odd programs
        changed, why = pages, f"{type(exc).__name__}: {exc}"
    if changed:
        copy.close()
        log.warning("glyphs of removed text stay in %d font(s): %s", len(plans), why)
        return GlyphDrop(doc, 0, len(plans))
    return GlyphDrop(copy, len(plans), 0)
