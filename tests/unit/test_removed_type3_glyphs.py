"""Glyphs of removed text leave Type 3 fonts too, and the ``font`` channel takes a document's subsets together.

Chrome's "Save as PDF" of a web form set in Noto Sans CJK draws every CJK character with Type 3 fonts of a
few glyphs each (a glyph procedure per character, a Differences array, a ToUnicode map).  After the
employer 北方魔法大学 was removed from such a print, the font that also drew 单 (of 工作单位) still held
大's glyph procedure and mapped it.  The fonts here are built in code: the synthetic applicant's name is
split over two Type 3 fonts (as Chrome splits a line), each sharing a font with a kept referee's character.
"""

from __future__ import annotations

import numpy as np
import pymupdf

from redactor.config import RedactConfig
from redactor.model import Action, ApplicantProfile, BBox, Decision, Finding, RedactionPlan
from redactor.redact import apply_plan, glyphs
from redactor.tounicode import cmap_of, unicode_map
from redactor.verify.font_glyphs import glyph_set_leaks
from redactor.verify.raw_objects import raw_objects
from tests.unit.test_removed_glyphs import _pdfium

NAME, KEPT = "芙莉莲", "辛美"                    # synthetic applicant; a referee who stays
PROFILE = ApplicantProfile(name=NAME)
# font -> its characters (code 1, 2, ...): the name's first two and the referee's first in T1, the rest in T2
FONTS = {"T1": "芙莉辛", "T2": "莲美"}


def _glyph(k: int) -> bytes:
    """A glyph procedure drawing a box of its own size (every glyph looks different)."""
    return b"1000 0 0 0 1000 1000 d1 %d 0 %d %d re f" % (50 + 40 * k, 300 + 80 * k, 400 + 60 * k)


def _form(tmp) -> str:
    doc = pymupdf.open()
    page = doc.new_page(width=400, height=300)
    refs = []
    k = 0
    for name, chars in FONTS.items():
        procs = []
        for i in range(len(chars)):
            k += 1
            proc = doc.get_new_xref()
            doc.update_object(proc, "<<>>")
            doc.update_stream(proc, _glyph(k))
            procs.append(f"/g{k} {proc} 0 R")
        cmap = doc.get_new_xref()
        doc.update_object(cmap, "<<>>")
        doc.update_stream(cmap, cmap_of({i + 1: ch for i, ch in enumerate(chars)}, 1))
        names = " ".join(f"/g{k - len(chars) + i + 1}" for i in range(len(chars)))
        font = doc.get_new_xref()
        doc.update_object(font, f"<</Type/Font/Subtype/Type3/FontBBox[0 0 1000 1000]/FontMatrix[.001 0 0 .001 0 0]"
                                f"/FirstChar 1/LastChar {len(chars)}/Widths[{' '.join(['1000'] * len(chars))}]"
                                f"/Encoding<</Type/Encoding/Differences[1 {names}]>>/CharProcs<<{''.join(procs)}>>"
                                f"/Resources<<>>/ToUnicode {cmap} 0 R>>")
        refs.append(f"/{name} {font} 0 R")
    doc.xref_set_key(page.xref, "Resources", f"<</Font<<{''.join(refs)}>>>>")
    content = doc.get_new_xref()
    doc.update_object(content, "<<>>")
    doc.update_stream(content, b"BT /T1 24 Tf 40 250 Td <0102> Tj ET BT /T2 24 Tf 88 250 Td <01> Tj ET\n"
                               b"BT /T1 24 Tf 40 150 Td <03> Tj ET BT /T2 24 Tf 64 150 Td <02> Tj ET\n")
    doc.xref_set_key(page.xref, "Contents", f"{content} 0 R")
    path = str(tmp / "form.pdf")
    doc.save(path)
    return path


def _redact(tmp, src: str, subset: bool, name: str) -> tuple[str, tuple[str, ...]]:
    with pymupdf.open(src) as doc:
        rect = doc[0].search_for(NAME)[0]
    finding = Finding(page=1, entity_type="PERSON", boxes=(BBox(*rect),), recognizer="test.v1", score=1.0, text=NAME)
    plan = RedactionPlan(source=src, decisions=(Decision(finding, Action.REDACT, "own.name", "test"),))
    out = str(tmp / name)
    return out, apply_plan(plan, src, out, RedactConfig(subset_fonts=subset), hidden_text=False).sanitized


def _fonts(path: str) -> dict[str, tuple[str, str]]:
    """Font resource name -> (the characters its ToUnicode maps, its CharProcs dictionary)."""
    out = {}
    with pymupdf.open(path) as doc:
        for xref, _, _, _, name, *_ in doc[0].get_fonts(full=True):
            cmap = int(doc.xref_get_key(xref, "ToUnicode")[1].split()[0])
            out[name] = ("".join(unicode_map(doc.xref_stream(cmap)).values()), doc.xref_get_key(xref, "CharProcs")[1])
    return out


def _review(path: str) -> list:
    with open(path, "rb") as fh:
        objects = raw_objects(fh.read())
    return glyph_set_leaks(objects, set(_pdfium(path)[1]), PROFILE)


def test_removed_names_glyphs_leave_type3_fonts_and_the_rest_draws_alike(tmp_path) -> None:
    src = _form(tmp_path)
    assert NAME in _pdfium(src)[1]
    before, _ = _redact(tmp_path, src, subset=False, name="before.pdf")         # boxes only, fonts untouched
    after, sanitized = _redact(tmp_path, src, subset=True, name="after.pdf")
    kept_fonts = _fonts(before)
    assert (kept_fonts["T1"][0], kept_fonts["T2"][0]) == ("芙莉辛", "莲美")           # the leak this fixes
    assert not set(NAME) & set(_pdfium(before)[1])                              # though no page draws the name
    assert "removed_glyphs" in sanitized
    fonts = _fonts(after)
    assert (fonts["T1"][0], fonts["T2"][0]) == ("辛", "美")
    assert "/g3" in fonts["T1"][1] and "/g1" not in fonts["T1"][1] and "/g2" not in fonts["T1"][1]
    assert "/g5" in fonts["T2"][1] and "/g4" not in fonts["T2"][1]
    pixels_before, _ = _pdfium(before)
    pixels_after, text = _pdfium(after)
    assert "辛" in text and "美" in text and not set(NAME) & set(text)
    assert np.array_equal(pixels_before, pixels_after)                          # PDFium draws the rest alike


def test_the_font_channel_takes_the_subsets_together(tmp_path) -> None:
    src = _form(tmp_path)
    before, _ = _redact(tmp_path, src, subset=False, name="before.pdf")
    after, _ = _redact(tmp_path, src, subset=True, name="after.pdf")
    # no single font lists the whole name: only the two together do
    assert not any(set(NAME) <= set(chars) for chars, _ in _fonts(before).values())
    assert [(lk.where, lk.category, lk.severity) for lk in _review(before)] == [("font", "name", "review")]
    assert _review(after) == []
    assert _review(src) == []                        # the name is still drawn there: the fonts explain nothing


def test_a_rewritten_font_that_cannot_be_saved_costs_only_the_rewrite(tmp_path, monkeypatch) -> None:
    """MuPDF refused to save a Type 3 font whose dropped glyph was left as a null entry: the document is
    then saved with its fonts as they were (the font channel reviews them), not lost."""
    import redactor.redact as redact_mod

    real = redact_mod._save
    calls = []

    def refuse_first(doc, out_pdf, cfg):
        calls.append(out_pdf)
        if len(calls) == 1:
            raise RuntimeError("not a dict (null)")
        real(doc, out_pdf, cfg)

    monkeypatch.setattr(redact_mod, "_save", refuse_first)
    src = _form(tmp_path)
    out, sanitized = _redact(tmp_path, src, subset=True, name="out.pdf")
    assert len(calls) == 2 and "removed_glyphs" not in sanitized
    text = _pdfium(out)[1]
    assert "辛" in text and not set(NAME) & set(text)
    assert [lk.severity for lk in _review(out)] == ["review"]
