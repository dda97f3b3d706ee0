"""Glyphs of removed text leave the output's fonts (``redactor/redact/glyphs.py``), and verification's
``font`` channel notices a font subset that still lists the name (``redactor/verify/font_glyphs.py``).

LibreOffice's Word export -- the usual filled 申报表 -- embeds CJK text as simple Type 1 subsets with a
ToUnicode map.  After 陈静怡 was removed from realdocs D06 the output's font still drew and mapped 静 and 怡
although no page showed them.  The font here is built in code (six boxes named like LibreOffice's glyphs);
the synthetic applicant's name and a kept referee's name are mapped onto them.
"""

from __future__ import annotations

import numpy as np
import pymupdf
import pypdfium2 as pdfium
from fontTools.misc.psCharStrings import T1CharString
from fontTools.t1Lib import T1Font

from redactor.config import RedactConfig
from redactor.model import Action, ApplicantProfile, BBox, Decision, Finding, RedactionPlan
from redactor.redact import apply_plan, glyphs
from redactor.tounicode import cmap_of, unicode_map
from redactor.verify.font_glyphs import glyph_set_leaks
from redactor.verify.raw_objects import raw_objects

NAME, KEPT = "王淑珺", "李建国"               # synthetic applicant; a referee who stays
PROFILE = ApplicantProfile(name=NAME)


def _type1_program(glyph_count: int) -> bytes:
    charstrings = {".notdef": T1CharString(program=[0, 1000, "hsbw", "endchar"])}
    for i in range(1, glyph_count + 1):
        width, height = 150 + 90 * i, 300 + 60 * i          # a different box per glyph
        charstrings[f"cid{9000 + i}"] = T1CharString(program=[
            0, 1000, "hsbw", 100, 50, "rmoveto", width, "hlineto", height, "vlineto", -width, "hlineto",
            "closepath", "endchar"])
    encoding = [".notdef"] * 256
    for i in range(1, glyph_count + 1):
        encoding[i] = f"cid{9000 + i}"
    font = T1Font.__new__(T1Font)
    font.encoding = "ascii"
    font.font = {
        "FontType": 1, "PaintType": 0, "FontName": "SynthHan", "FontMatrix": [0.001, 0, 0, 0.001, 0, 0],
        "FontBBox": [0, 0, 1000, 1000], "FontInfo": {"FullName": "SynthHan", "FamilyName": "SynthHan"},
        "Encoding": encoding, "CharStrings": charstrings,
        "Private": {"RD": ("string", "currentfile", "exch", "readstring", "pop"), "ND": ("noaccess", "def"),
                    "NP": ("noaccess", "put"), "MinFeature": (16, 16), "password": 5839, "BlueValues": [],
                    "Subrs": []}}
    return font.createData()


def _form(tmp) -> tuple[str, pymupdf.Rect]:
    """One page: the applicant's name (codes 1-3) on one line, the referee's (codes 4-6) on another."""
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    program = doc.get_new_xref()
    doc.update_object(program, "<<>>")
    glyphs._set_type1(doc, program, _type1_program(6))
    cmap = doc.get_new_xref()
    doc.update_object(cmap, "<<>>")
    doc.update_stream(cmap, cmap_of({i + 1: ch for i, ch in enumerate(NAME + KEPT)}, 1))
    desc = doc.get_new_xref()
    doc.update_object(desc, f"<</Type/FontDescriptor/FontName/ABCDEF+SynthHan/Flags 4/FontBBox[0 0 1000 1000]"
                            f"/ItalicAngle 0/Ascent 900/Descent -100/CapHeight 800/StemV 80/FontFile {program} 0 R>>")
    font = doc.get_new_xref()
    doc.update_object(font, f"<</Type/Font/Subtype/Type1/BaseFont/ABCDEF+SynthHan/FirstChar 1/LastChar 6"
                            f"/Widths[1000 1000 1000 1000 1000 1000]/FontDescriptor {desc} 0 R/ToUnicode {cmap} 0 R>>")
    page_xref = page.xref
    doc.xref_set_key(page_xref, "Resources", f"<</Font<</F1 {font} 0 R>>>>")
    content = doc.get_new_xref()
    doc.update_object(content, "<<>>")
    doc.update_stream(content, b"BT /F1 24 Tf 72 700 Td <010203> Tj ET\nBT /F1 24 Tf 72 600 Td <040506> Tj ET\n")
    doc.xref_set_key(page_xref, "Contents", f"{content} 0 R")
    path = str(tmp / "form.pdf")
    doc.save(path)
    with pymupdf.open(path) as check:
        rect = check[0].search_for(NAME)[0]
    return path, rect


def _redact(tmp, src: str, rect: pymupdf.Rect, subset: bool, name: str) -> tuple[str, tuple[str, ...]]:
    finding = Finding(page=1, entity_type="PERSON", boxes=(BBox(*rect),), recognizer="test.v1", score=1.0, text=NAME)
    plan = RedactionPlan(source=src, decisions=(Decision(finding, Action.REDACT, "own.name", "test"),))
    out = str(tmp / name)
    return out, apply_plan(plan, src, out, RedactConfig(subset_fonts=subset), hidden_text=False).sanitized


def _font_maps(path: str) -> str:
    with pymupdf.open(path) as doc:
        font = doc[0].get_fonts(full=True)[0][0]
        cmap = int(doc.xref_get_key(font, "ToUnicode")[1].split()[0])
        return "".join(unicode_map(doc.xref_stream(cmap)).values())


def _font_glyph_names(path: str) -> bytes:
    with pymupdf.open(path) as doc:
        desc = int(doc.xref_get_key(doc[0].get_fonts(full=True)[0][0], "FontDescriptor")[1].split()[0])
        return doc.xref_stream(int(doc.xref_get_key(desc, "FontFile")[1].split()[0]))


def _pdfium(path: str) -> tuple[np.ndarray, str]:
    doc = pdfium.PdfDocument(path)
    try:
        return doc[0].render(scale=2, grayscale=True).to_numpy().copy(), doc[0].get_textpage().get_text_range()
    finally:
        doc.close()


def _review(path: str, profile: ApplicantProfile = PROFILE) -> list:
    with open(path, "rb") as fh:
        objects = raw_objects(fh.read())
    _, text = _pdfium(path)
    return glyph_set_leaks(objects, set(text), profile)


def test_removed_names_glyphs_leave_the_font_and_the_rest_draws_alike(tmp_path) -> None:
    src, rect = _form(tmp_path)
    before, _ = _redact(tmp_path, src, rect, subset=False, name="before.pdf")    # boxes only, fonts untouched
    after, sanitized = _redact(tmp_path, src, rect, subset=True, name="after.pdf")
    assert set(NAME) <= set(_font_maps(before))                                # the leak this fixes
    assert "removed_glyphs" in sanitized
    maps = _font_maps(after)
    assert not set(NAME) & set(maps) and set(KEPT) <= set(maps)
    program = _font_glyph_names(after)
    assert b"/cid9001" not in program and b"/cid9004" in program               # the name's glyphs are gone
    pixels_before, _ = _pdfium(before)
    pixels_after, text = _pdfium(after)
    assert KEPT in text and NAME not in text
    assert np.array_equal(pixels_before, pixels_after)                          # PDFium draws the rest alike


def test_the_font_channel_reviews_a_subset_that_still_lists_the_name(tmp_path) -> None:
    src, rect = _form(tmp_path)
    before, _ = _redact(tmp_path, src, rect, subset=False, name="before.pdf")
    after, _ = _redact(tmp_path, src, rect, subset=True, name="after.pdf")
    leaks = _review(before)
    assert [(lk.where, lk.category, lk.severity) for lk in leaks] == [("font", "name", "review")]
    assert _review(after) == []
    assert _review(src) == []                        # the name is still drawn there: the font explains nothing
    assert _review(before, ApplicantProfile(name="赵一鸣")) == []                 # someone else's name


def test_a_rewrite_that_loses_a_drawn_glyph_is_thrown_away(tmp_path, monkeypatch) -> None:
    src, rect = _form(tmp_path)
    drop = glyphs._rewrite_type1
    monkeypatch.setattr(glyphs, "_rewrite_type1", lambda program, unused: drop(program, unused | {4}))
    after, sanitized = _redact(tmp_path, src, rect, subset=True, name="after.pdf")
    assert "removed_glyphs" not in sanitized
    assert set(KEPT) <= set(_font_maps(after)) and b"/cid9004" in _font_glyph_names(after)


def test_a_font_whose_pdf_encoding_renames_glyphs_is_left_alone(tmp_path) -> None:
    """/Differences in the PDF (not the program's own Encoding) says which glyph a code draws: dropping glyphs
    by the program's Encoding could take a drawn one, so such a font is not rewritten."""
    src, rect = _form(tmp_path)
    with pymupdf.open(src) as doc:
        font = doc[0].get_fonts(full=True)[0][0]
        doc.xref_set_key(font, "Encoding", "<</Type/Encoding/Differences[1/cid9001/cid9002/cid9003]>>")
        doc.save(str(tmp_path / "differences.pdf"))
    after, sanitized = _redact(tmp_path, str(tmp_path / "differences.pdf"), rect, subset=True, name="after.pdf")
    assert "removed_glyphs" not in sanitized
    assert b"/cid9001" in _font_glyph_names(after) and KEPT in _pdfium(after)[1]


def test_a_failure_while_dropping_glyphs_still_gives_an_output(tmp_path, monkeypatch) -> None:
    src, rect = _form(tmp_path)

    def broken(doc):
        raise RuntimeError("odd font")

    monkeypatch.setattr("redactor.redact.fonts.drop_removed_glyphs", broken)
    after, sanitized = _redact(tmp_path, src, rect, subset=True, name="after.pdf")
    # nor is the font subset (MuPDF's subsetter leaves Type 1 programs whole), and the audit says neither
    assert "removed_glyphs" not in sanitized and "fonts_subset" not in sanitized
    assert KEPT in _pdfium(after)[1] and NAME not in _pdfium(after)[1]


def _parsed(program: bytes) -> tuple[list[str], dict[str, list]]:
    font = T1Font.__new__(T1Font)
    font.data, font.encoding = program, "ascii"
    font.parse()
    charstrings = font.font["CharStrings"]
    out = {}
    for name in charstrings.keys():
        glyph = charstrings[name]
        glyph.decompile()
        out[name] = list(glyph.program)
    return list(font.font["Encoding"]), out


def test_the_type1_program_edited_in_place_reads_as_fontTools_would_have_written_it(monkeypatch) -> None:
    """``type1_program.without_glyphs`` (the Encoding's entries and the eexec section edited where they stand)
    gives the font fontTools' rewrite gives: the same Encoding, the same glyphs with the same outlines."""
    from redactor.redact.type1_program import without_glyphs

    program = _type1_program(6)
    fast = without_glyphs(program, {1, 2, 3})
    assert fast[:4] == program[:4] and b"/cid9001" not in fast.split(b"eexec")[0]
    monkeypatch.setattr(glyphs, "without_glyphs", lambda p, u: (_ for _ in ()).throw(glyphs.Type1LayoutError("x")))
    slow = glyphs._rewrite_type1(program, {1, 2, 3})
    encoding, outlines = _parsed(fast)
    assert (encoding, outlines) == _parsed(slow)
    assert encoding[1:7] == [".notdef"] * 3 + ["cid9004", "cid9005", "cid9006"]
    assert set(outlines) == {".notdef", "cid9004", "cid9005", "cid9006"}
    assert without_glyphs(program, {200}) == program                          # a code the font does not name


def test_a_hex_eexec_section_is_edited_too() -> None:
    """Some producers write the eexec section in hexadecimal (PFA style) inside the PDF."""
    from redactor.redact.type1_program import without_glyphs

    program = _type1_program(6)
    begin = program.index(b"currentfile eexec") + len(b"currentfile eexec") + 1
    zeros = program.index(b"0" * 64, begin)
    body = program[begin:zeros].rstrip(b"\n")
    hexed = program[:begin] + b"\n".join(body.hex().encode()[i:i + 64] for i in range(0, 2 * len(body), 64)) \
        + b"\n" + program[zeros:]
    def binary(prog: bytes) -> bytes:
        start = prog.index(b"currentfile eexec") + len(b"currentfile eexec") + 1
        end = prog.index(b"0" * 64, start)
        return prog[:start] + bytes.fromhex(prog[start:end].decode()) + b"\n" + prog[end:]

    assert binary(hexed) == program[:begin] + body + b"\n" + program[zeros:]
    edited = without_glyphs(hexed, {4})
    assert edited != hexed and _parsed(binary(edited)) == _parsed(without_glyphs(program, {4}))
