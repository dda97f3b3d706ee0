"""Characters no page draws leave the ToUnicode maps of the output's CID fonts
(``redactor/redact/cid_unicode.py``).

LaTeX (xdvipdfmx), Acrobat and Office embed Chinese text as Type 0 fonts; MuPDF's subsetter empties the
outlines of glyphs no page draws but leaves the font's ToUnicode map, so after 王淑珺 is removed the map still
lists 淑 and 珺 (realdocs D01 and D03 kept 1 and 2 removed characters; a font whose program MuPDF cannot
subset kept the whole name, and verification's ``font`` channel reviewed it).  The font here is PyMuPDF's own
CJK font; the applicant and the referee are synthetic.
"""

from __future__ import annotations

import pymupdf
import pypdfium2 as pdfium

from redactor.config import RedactConfig
from redactor.model import Action, ApplicantProfile, BBox, Decision, Finding, RedactionPlan
from redactor.redact import apply_plan
from redactor.redact.cid_unicode import trim_cid_unicode_maps
from redactor.tounicode import cmap_of, unicode_map
from redactor.verify.font_glyphs import glyph_set_leaks
from redactor.verify.raw_objects import raw_objects

NAME, KEPT = "王淑珺", "李建国"
PROFILE = ApplicantProfile(name=NAME)


LINES = ("申请人" + NAME, "推荐人" + KEPT + " 同意")


def _form(tmp) -> str:
    """The two lines in a Type 0 font whose ToUnicode map lists just the characters printed, as a producer's
    subset does (PyMuPDF itself writes the whole font's map: the test keeps the printed ones)."""
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    page.insert_font(fontname="F0", fontbuffer=pymupdf.Font("cjk").buffer)
    for i, line in enumerate(LINES):
        page.insert_text((72, 100 + 40 * i), line, fontname="F0", fontsize=14)
    doc.subset_fonts()
    font = doc[0].get_fonts(full=True)[0][0]
    cmap = int(doc.xref_get_key(font, "ToUnicode")[1].split()[0])
    printed = {int(c, 16): t for c, t in unicode_map(doc.xref_stream(cmap)).items() if t in "".join(LINES)}
    doc.update_stream(cmap, cmap_of(printed, 2))
    path = str(tmp / "form.pdf")
    doc.save(path, garbage=3, deflate=True)
    return path


def _maps(path: str) -> str:
    with pymupdf.open(path) as doc:
        font = doc[0].get_fonts(full=True)[0][0]
        assert doc.xref_get_key(font, "Subtype")[1] == "/Type0"
        return "".join(unicode_map(doc.xref_stream(int(doc.xref_get_key(font, "ToUnicode")[1].split()[0]))).values())


def _redact(tmp, src: str, subset: bool, name: str) -> tuple[str, tuple[str, ...]]:
    with pymupdf.open(src) as doc:
        rect = doc[0].search_for(NAME)[0]
    finding = Finding(page=1, entity_type="PERSON", boxes=(BBox(*rect),), recognizer="test.v1", score=1.0, text=NAME)
    plan = RedactionPlan(source=src, decisions=(Decision(finding, Action.REDACT, "own.name", "test"),))
    out = str(tmp / name)
    return out, apply_plan(plan, src, out, RedactConfig(subset_fonts=subset), hidden_text=False).sanitized


def _pdfium(path: str) -> tuple[bytes, str]:
    doc = pdfium.PdfDocument(path)
    try:
        return bytes(doc[0].render(scale=2, grayscale=True).to_numpy().tobytes()), doc[0].get_textpage().get_text_range()
    finally:
        doc.close()


def test_the_removed_name_leaves_the_cid_fonts_map_and_the_rest_extracts_and_draws_alike(tmp_path) -> None:
    src = _form(tmp_path)
    boxes_only, _ = _redact(tmp_path, src, subset=False, name="boxes_only.pdf")
    after, sanitized = _redact(tmp_path, src, subset=True, name="after.pdf")
    assert set(NAME) <= set(_maps(boxes_only))                    # what MuPDF alone leaves
    assert "unicode_maps_trimmed" in sanitized
    maps = _maps(after)
    assert not set(NAME) & set(maps) and set(KEPT + "申请人推荐 同意") <= set(maps)
    pixels, text = _pdfium(after)
    assert KEPT in text and "申请人" in text and NAME not in text
    with pymupdf.open(after) as doc:                               # MuPDF extracts the same as before the trim
        again = pymupdf.open("pdf", doc.tobytes())
    with pymupdf.open(boxes_only) as ref:
        assert [p.get_text("rawdict") for p in again] == [p.get_text("rawdict") for p in ref]
    assert pixels == _pdfium(boxes_only)[0]


def test_the_font_channel_no_longer_reviews_the_output(tmp_path) -> None:
    src = _form(tmp_path)
    for name, subset, reviewed in (("boxes_only.pdf", False, True), ("after.pdf", True, False)):
        out, _ = _redact(tmp_path, src, subset=subset, name=name)
        with open(out, "rb") as fh:
            objects = raw_objects(fh.read())
        leaks = glyph_set_leaks(objects, set(_pdfium(out)[1]), PROFILE)
        assert bool(leaks) is reviewed, name


def test_maps_of_other_encodings_and_of_fonts_all_drawn_stay_as_they_are(tmp_path) -> None:
    src = _form(tmp_path)
    with pymupdf.open(src) as doc:
        assert trim_cid_unicode_maps(doc) == 0                     # every mapped character is drawn
        font = doc[0].get_fonts(full=True)[0][0]
        cmap = int(doc.xref_get_key(font, "ToUnicode")[1].split()[0])
        before = doc.xref_stream(cmap)
        page = doc[0]
        page.add_redact_annot(page.search_for(NAME)[0])
        page.apply_redactions()
        doc.xref_set_key(font, "Encoding", "/UniGB-UCS2-H")         # a CMap the module does not rewrite
        assert trim_cid_unicode_maps(doc) == 0 and doc.xref_stream(cmap) == before
        doc.xref_set_key(font, "Encoding", "/Identity-H")           # (the same map is trimmed under Identity-H)
        assert trim_cid_unicode_maps(doc) == 1 and doc.xref_stream(cmap) != before
