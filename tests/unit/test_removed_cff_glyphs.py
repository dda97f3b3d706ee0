"""Outlines of removed characters leave an OpenType-wrapped CID-keyed CFF program
(``redactor/redact/cff_outlines.py``).

Noto/Source Han CJK fonts are CID-keyed CFF in OpenType.  Embedded as PyMuPDF embeds them (``FontFile3
/OpenType``, glyph ids kept), MuPDF's subsetter cannot read the program ("Index bounds") and leaves it whole:
after 王淑珺 is removed its three glyphs still draw for anyone who renders the font's glyphs.  The font is
cut from the system's Noto Sans CJK (installed by ``make install-test``) to the dozen characters printed;
the applicant and the referee are synthetic.
"""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pymupdf
import pytest

from redactor.config import RedactConfig
from redactor.model import Action, BBox, Decision, Finding, RedactionPlan
from redactor.redact import apply_plan, cff_outlines
from tests.unit.test_removed_glyphs import _pdfium

NAME, KEPT = "王淑珺", "李建国"
NOTO = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
SERIF = Path("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc")


def retained_gid_subset(source: Path, text: str):
    """``source``'s Simplified Chinese face (CID-keyed CFF) cut to ``text`` with its glyph ids kept, as
    Chromium embeds it: (the fontTools font, its OpenType bytes).  Skips when the font is not installed."""
    if not source.is_file():
        pytest.skip("fonts-noto-cjk is not installed (make install-test installs it)")
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(str(source), fontNumber=2)
    opts = subset.Options()
    opts.retain_gids, opts.layout_features, opts.name_IDs, opts.notdef_outline = True, [], ["*"], True
    sub = subset.Subsetter(opts)
    sub.populate(text=text)
    sub.subset(font)
    assert hasattr(font["CFF "].cff.topDictIndex[0], "ROS")
    buf = io.BytesIO()
    font.save(buf)
    return font, buf.getvalue()


@pytest.fixture(scope="module")
def cid_form(tmp_path_factory) -> str:
    _, program = retained_gid_subset(NOTO, "申请人推荐" + NAME + KEPT)
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    page.insert_font(fontname="F0", fontbuffer=program)
    page.insert_text((72, 100), "申请人" + NAME, fontname="F0", fontsize=14)
    page.insert_text((72, 140), "推荐人" + KEPT, fontname="F0", fontsize=14)
    path = str(tmp_path_factory.mktemp("cff") / "form.pdf")
    doc.save(path, garbage=3, deflate=True)
    return path


@pytest.fixture(scope="module")
def bare_serif_form(tmp_path_factory) -> str:
    """The same form drawn with Noto Serif CJK SC, its CFF program embedded bare (``FontFile3
    /CIDFontType0C``, as Acrobat and LibreOffice embed CFF): MuPDF's subsetter fails on its glyphs
    ("Reserved charstring byte") and leaves the program as it was."""
    font, program = retained_gid_subset(SERIF, "申请人推荐" + NAME + KEPT)
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    writer = pymupdf.TextWriter(page.rect)
    serif = pymupdf.Font(fontbuffer=program)
    writer.append((72, 100), "申请人" + NAME, font=serif, fontsize=14)
    writer.append((72, 140), "推荐人" + KEPT, font=serif, fontsize=14)
    writer.write_text(page)
    doc = pymupdf.open("pdf", doc.tobytes())
    wrapped = next(x for x in range(1, doc.xref_length()) if doc.xref_get_key(x, "Subtype")[1] == "/OpenType")
    doc.update_stream(wrapped, font["CFF "].compile(font))
    doc.xref_set_key(wrapped, "Subtype", "/CIDFontType0C")
    path = str(tmp_path_factory.mktemp("cff") / "serif_form.pdf")
    doc.save(path, garbage=3, deflate=True)
    return path


def _redact(src: str, out: str, subset: bool) -> tuple[str, ...]:
    with pymupdf.open(src) as doc:
        rect = doc[0].search_for(NAME)[0]
    finding = Finding(page=1, entity_type="PERSON", boxes=(BBox(*rect),), recognizer="test.v1", score=1.0, text=NAME)
    plan = RedactionPlan(source=src, decisions=(Decision(finding, Action.REDACT, "own.name", "test"),))
    return apply_plan(plan, src, out, RedactConfig(subset_fonts=subset), hidden_text=False).sanitized


def _drawing_glyphs(path: str) -> set[str]:
    """Names of the glyphs of the PDF's CFF program (OpenType or bare) that draw something."""
    from fontTools.cffLib import CFFFontSet
    from fontTools.ttLib import TTFont

    with pymupdf.open(path) as doc:
        program = next(x for x in range(1, doc.xref_length())
                       if doc.xref_get_key(x, "Subtype")[1] in ("/OpenType", "/CIDFontType0C"))
        data = doc.xref_stream(program)
    if data[:4] == b"OTTO":
        font = TTFont(io.BytesIO(data))
        charstrings, order = font["CFF "].cff.topDictIndex[0].CharStrings, font.getGlyphOrder()
    else:
        cff = CFFFontSet()
        cff.decompile(io.BytesIO(data), None)
        charstrings, order = cff.topDictIndex[0].CharStrings, cff.topDictIndex[0].charset
    out = set()
    for name in order:
        glyph = charstrings[name]
        glyph.decompile()
        if any(isinstance(op, str) and op != "endchar" for op in glyph.program):
            out.add(name)
    return out


def _cids(text: str, source: Path = NOTO) -> set[str]:
    """The glyph names (``cidNNNNN``) of ``text`` in Noto Sans (or ``source``'s) CJK SC."""
    from fontTools.ttLib import TTFont

    font = TTFont(str(source), fontNumber=2, lazy=True)
    cmap = font.getBestCmap()
    return {cmap[ord(c)] for c in text}


@pytest.mark.parametrize("form, source", [("cid_form", NOTO), ("bare_serif_form", SERIF)],
                         ids=["opentype-sans", "bare-cff-serif"])
def test_the_removed_names_outlines_leave_the_program_and_the_rest_draws_alike(form, source, request, tmp_path) -> None:
    """In OpenType (MuPDF's subsetter cannot read a glyph-id-keeping subset) and bare (it cannot read Noto
    Serif's charstrings): either way the subsetter runs, fails, and this step empties the name's glyphs."""
    path = request.getfixturevalue(form)
    boxes_only = str(tmp_path / "boxes_only.pdf")
    after = str(tmp_path / "after.pdf")
    _redact(path, boxes_only, subset=False)
    sanitized = _redact(path, after, subset=True)
    name, kept = _cids(NAME, source), _cids(KEPT + "申请人推荐", source)
    assert name | kept <= _drawing_glyphs(boxes_only)                # what the output held before this step
    assert "removed_cff_glyphs" in sanitized
    assert "fonts_subset" not in sanitized, "MuPDF failed on the only font: the audit must not say it was subset"
    drawing = _drawing_glyphs(after)
    assert not name & drawing and kept <= drawing
    pixels_before, _ = _pdfium(boxes_only)
    pixels_after, text = _pdfium(after)
    assert KEPT in text and "申请人" in text and NAME not in text
    assert np.array_equal(pixels_before, pixels_after)


def test_a_rewrite_that_loses_a_drawn_glyph_is_thrown_away(cid_form, tmp_path, monkeypatch) -> None:
    blank = cff_outlines._blanked
    kept = {int(n[3:]) for n in _cids(KEPT)}
    monkeypatch.setattr(cff_outlines, "_blanked", lambda program, cids: blank(program, cids | kept))
    after = str(tmp_path / "after.pdf")
    sanitized = _redact(cid_form, after, subset=True)
    assert "removed_cff_glyphs" not in sanitized
    assert _cids(NAME + KEPT) <= _drawing_glyphs(after)             # the fonts stayed as they were
    assert KEPT in _pdfium(after)[1]


def test_the_font_steps_read_the_pages_text_once(cid_form, tmp_path, monkeypatch) -> None:
    """Both the CFF step and the map trim need the characters the pages draw; no step changes them, so
    ``fonts.clean_fonts`` reads every page's text trace once for all steps."""
    import redactor.redact as redact

    traced, inside = [], []
    trace, clean = pymupdf.Page.get_texttrace, redact.clean_fonts
    monkeypatch.setattr(pymupdf.Page, "get_texttrace",
                        lambda self: (traced.append(self.number) if inside else None) or trace(self))
    monkeypatch.setattr(redact, "clean_fonts", lambda *a, **k: inside.append(1) or clean(*a, **k))
    sanitized = _redact(cid_form, str(tmp_path / "after.pdf"), subset=True)
    assert {"removed_cff_glyphs", "unicode_maps_trimmed"} <= set(sanitized)      # both steps ran
    assert traced == [0]


def test_the_blanked_program_is_a_valid_font_with_its_checksums_right(cid_form, tmp_path) -> None:
    """Glyphs are blanked in place (no recompile): the table checksum of ``CFF `` and ``head``'s whole-font
    adjustment must still be what the OpenType specification says, or stricter readers reject the font."""
    import struct

    from fontTools.ttLib import TTFont

    after = str(tmp_path / "after.pdf")
    assert "removed_cff_glyphs" in _redact(cid_form, after, subset=True)
    with pymupdf.open(after) as doc:
        program = next(x for x in range(1, doc.xref_length()) if doc.xref_get_key(x, "Subtype")[1] == "/OpenType")
        data = doc.xref_stream(program)
    font = TTFont(io.BytesIO(data), checkChecksums=2)        # raises on a table whose checksum is wrong
    for tag in font.keys():
        font[tag]
    padded = data + b"\0" * (-len(data) % 4)
    assert sum(struct.unpack(f">{len(padded) // 4}L", padded)) & 0xFFFFFFFF == 0xB1B0AFBA



def _program(path: str) -> bytes:
    with pymupdf.open(path) as doc:
        program = next(x for x in range(1, doc.xref_length())
                       if doc.xref_get_key(x, "Subtype")[1] in ("/OpenType", "/CIDFontType0C"))
        return doc.xref_stream(program)


@pytest.mark.parametrize("form", ["cid_form", "bare_serif_form"], ids=["opentype-sans", "bare-cff-serif"])
def test_the_layout_reader_finds_the_glyphs_fonttools_finds(form, request, monkeypatch) -> None:
    """``cff_index`` (the header, Top DICT and charset only) places every glyph where fontTools' full read
    does, and the name's glyphs come out blanked byte for byte alike either way."""
    from fontTools.cffLib import CFFFontSet
    from fontTools.ttLib import TTFont

    from redactor.redact.cff_index import cff_layout, sfnt_table

    data = _program(request.getfixturevalue(form))
    if data[:4] == b"OTTO":
        font = TTFont(io.BytesIO(data))
        top, order, table = font["CFF "].cff.topDictIndex[0], font.getGlyphOrder(), sfnt_table(data, b"CFF ")[0]
    else:
        cff = CFFFontSet()
        cff.decompile(io.BytesIO(data), None)
        top, order, table = cff.topDictIndex[0], list(cff.topDictIndex[0].charset), 0
    index = top.CharStrings.charStringsIndex
    layout = cff_layout(data, table)
    assert layout.keyed and layout.glyphs == len(order) == len(index)
    assert order[0] == ".notdef" and layout.gid(0) is None
    for gid, name in enumerate(order[1:], start=1):
        assert layout.gid(int(name[3:])) == gid
    for gid in range(len(order)):
        assert layout.span(gid) == (table + index.offsetBase + index.offsets[gid],
                                    table + index.offsetBase + index.offsets[gid + 1])
    assert layout.gid(65_000) is None                                   # a CID the subset does not hold
    name = {int(n[3:]) for n in _cids(NAME, NOTO if form == "cid_form" else SERIF)}
    fast = cff_outlines._blanked(data, name)
    assert fast is not None and cff_outlines._blanked(fast, name) is None    # blanked glyphs read as empty

    def no_layout(program: bytes, cids: set[int]) -> bytes | None:
        raise cff_outlines.CffLayoutError("the fontTools path")

    monkeypatch.setattr(cff_outlines, "_blanked_by_layout", no_layout)
    assert fast == cff_outlines._blanked(data, name)
