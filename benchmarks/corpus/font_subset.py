"""Embed only the glyphs a document draws, as every real producer does with a CJK font.

``DocBuilder`` draws with installed fonts (Noto Serif/Sans CJK) that PyMuPDF
embeds whole: an OpenType font with a CFF program, 16-25 MB, which MuPDF's
``subset_fonts`` cannot subset.  Word, WPS, LibreOffice and Chromium embed a
subset of a few hundred glyphs with a ToUnicode map of just those, so a corpus
of whole fonts measured an artefact (issue #14: most of a picture page's time
went to loading 20 MB fonts again and again).

Here each such program is cut with fontTools to the glyphs the pages draw
(glyph ids kept: the content streams write glyph ids as codes) and its map to
those codes.  The pages must draw the same pixels and give the same text
afterwards, or the document is not written.
"""

from __future__ import annotations

import io

import pymupdf

__all__ = ["subset_opentype_fonts"]

WHOLE_FONT_BYTES = 1_000_000      # a stored program this small is a subset already


def _drawn_glyphs(doc: pymupdf.Document) -> dict[str, dict[int, int]]:
    """Font name -> glyph id -> the character it stands for, over every page."""
    out: dict[str, dict[int, int]] = {}
    for page in doc:
        for span in page.get_texttrace():
            out.setdefault(span["font"], {}).update((ch[1], ch[0]) for ch in span["chars"] if ch[1] >= 0)
    return out


def _opentype_fonts(doc: pymupdf.Document) -> list[tuple[str, int, int | None]]:
    """(font name, FontFile3 xref, ToUnicode xref or None) of the Type 0 fonts with a whole OpenType program."""
    out: dict[int, tuple[str, int, int | None]] = {}
    for pno in range(doc.page_count):
        for xref, _ext, ftype, *_ in doc.get_page_fonts(pno, full=True):
            if ftype != "Type0" or xref in out:
                continue
            kind, desc = doc.xref_get_key(xref, "DescendantFonts")
            if kind != "array":
                continue
            child = int(desc.strip("[]").split()[0])
            kind, fd = doc.xref_get_key(child, "FontDescriptor")
            if kind != "xref":
                continue
            kind, ff = doc.xref_get_key(int(fd.split()[0]), "FontFile3")
            if kind != "xref":
                continue
            program = int(ff.split()[0])
            if doc.xref_get_key(program, "Subtype")[1] != "/OpenType" or \
                    len(doc.xref_stream_raw(program)) < WHOLE_FONT_BYTES:
                continue
            kind, tu = doc.xref_get_key(xref, "ToUnicode")
            name = doc.xref_get_key(child, "BaseFont")[1].lstrip("/").split("+")[-1]    # the program's own name
            out[xref] = (name, program, int(tu.split()[0]) if kind == "xref" else None)
    return list(out.values())


def _subset_program(program: bytes, gids: set[int]) -> bytes:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(io.BytesIO(program), recalcTimestamp=False)     # the same document every time it is built
    opts = subset.Options()
    opts.retain_gids = True
    opts.notdef_outline = True
    opts.layout_features = []
    opts.name_IDs = ["*"]
    opts.drop_tables += ["GSUB", "GPOS", "GDEF", "BASE", "VORG", "vmtx", "vhea", "DSIG"]
    sub = subset.Subsetter(opts)
    sub.populate(gids=sorted(gids | {0}))
    sub.subset(font)
    buf = io.BytesIO()
    font.save(buf)
    return buf.getvalue()


def _cmap(codes: dict[int, int]) -> bytes:
    """A two-byte ToUnicode CMap of ``codes`` (code -> code point)."""
    entries = [f"<{c:04X}> <{chr(u).encode('utf-16-be').hex().upper()}>" for c, u in sorted(codes.items())]
    blocks = "\n".join(f"{len(entries[i:i + 100])} beginbfchar\n" + "\n".join(entries[i:i + 100]) + "\nendbfchar"
                       for i in range(0, len(entries), 100))
    return ("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
            "/CIDSystemInfo <</Registry(Adobe)/Ordering(UCS)/Supplement 0>> def\n"
            "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
            "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n" + blocks +
            "\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n").encode()


def _looks(doc: pymupdf.Document) -> list[tuple[bytes, str]]:
    return [(page.get_pixmap(dpi=72).samples, page.get_text()) for page in doc]


def subset_opentype_fonts(doc: pymupdf.Document) -> int:
    """Cut every whole OpenType program of ``doc`` to the glyphs its pages draw (see module); returns how
    many.  Raises AssertionError when the pages would look or read differently."""
    fonts = _opentype_fonts(doc)
    if not fonts:
        return 0
    drawn = _drawn_glyphs(doc)
    before = _looks(doc)
    done = 0
    for name, program, tounicode in fonts:
        glyphs = drawn.get(name)
        if not glyphs:
            continue
        doc.update_stream(program, _subset_program(doc.xref_stream(program), set(glyphs)))
        if tounicode is not None:
            doc.update_stream(tounicode, _cmap(glyphs))
        done += 1
    if done and _looks(doc) != before:
        raise AssertionError("subsetting an embedded OpenType font changed how the pages look or read")
    return done
