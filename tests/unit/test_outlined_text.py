"""Text drawn as outlines (文字转曲): a page whose words are vector paths, no text layer, no image.

Before: such a page was routed as born-digital text, not OCRed, came out with the applicant's name,
employer and phone in plain sight, and the gate (which OCRs pictures only) released it.  The page here is
made the way a flattener makes one: PyMuPDF draws the form as text, its SVG rendering with text as paths is
converted back to PDF (every glyph a filled path).  Synthetic people only.
"""

from __future__ import annotations

import pymupdf
import pypdfium2 as pdfium
import pytest

from redactor.config import RedactConfig, profile_from_mapping
from redactor.ingest.outlined_text import outlined_text
from redactor.model import Action, BBox, Decision, Finding, RedactionPlan
from redactor.redact import apply_plan
from redactor.verify import verify_pdf
from redactor.verify.pdfium_reader import open_pdf, read_pages

NAME, EMPLOYER, PHONE, REFEREE = "芙莉莲", "北方魔法大学", "13912345678", "辛美尔"
PROFILE = profile_from_mapping({"name": NAME, "id_number": "110105199003071239", "phones": [PHONE],
                                "employers": [EMPLOYER]})
LINES = [f"姓名：{NAME}", f"工作单位：{EMPLOYER}", f"联系电话：{PHONE}", f"推荐人：{REFEREE}（教授）",
         "本人承诺所填内容真实有效。"]


def _outlined(path) -> str:
    doc = pymupdf.open()
    page = doc.new_page(width=420, height=300)
    page.draw_rect(pymupdf.Rect(20, 20, 400, 230), color=(0, 0, 0), width=0.8)        # a frame: rules, no glyph
    for i, text in enumerate(LINES):
        page.insert_text((40, 60 + 36 * i), text, fontname="china-s", fontsize=16)
    svg = page.get_svg_image(text_as_path=True)
    out = pymupdf.open("pdf", pymupdf.open("svg", svg.encode()).convert_to_pdf())
    out.save(str(path))
    return str(path)


def _glyph_rects(path: str, text: str) -> list[pymupdf.Rect]:
    """Where ``text`` is drawn on the source page (PyMuPDF text before it became outlines)."""
    doc = pymupdf.open()
    page = doc.new_page(width=420, height=300)
    for i, line in enumerate(LINES):
        page.insert_text((40, 60 + 36 * i), line, fontname="china-s", fontsize=16)
    return page.search_for(text)


def _ocr_text(path: str, engine) -> str:
    from redactor.model import Raster

    doc = pdfium.PdfDocument(path)
    try:
        pil = doc[0].render(scale=200 / 72).to_pil().convert("RGB")
    finally:
        doc.close()
    import numpy as np

    raster = Raster(pixels=np.asarray(pil), to_points=(72 / 200, 0, 0, 72 / 200, 0, 0), dpi=200)
    return "".join(ln.text for ln in engine.recognize(raster))


def test_the_page_has_no_text_and_draws_glyphs(tmp_path):
    src = _outlined(tmp_path / "form.pdf")
    with pymupdf.open(src) as doc:
        assert doc[0].get_text().strip() == "" and not doc[0].get_images()
        assert outlined_text(doc[0])
    with open_pdf(src) as pdf:
        page = read_pages(pdf)[0]
    assert len(page.outlines) >= 20 and not page.under_paint
    plain = pymupdf.open()
    p = plain.new_page()
    p.insert_text((40, 60), "姓名：" + NAME, fontname="china-s", fontsize=16)
    p.draw_rect(pymupdf.Rect(30, 40, 300, 70), color=(0, 0, 0), fill=(0.9, 0.9, 0.9), overlay=False)
    assert not outlined_text(p)                    # text and a shaded cell: nothing drawn like a glyph


@pytest.mark.models
@pytest.mark.issue(14)
def test_outlined_text_is_read_and_redacted(tmp_path, region_pipeline):
    src = _outlined(tmp_path / "form.pdf")
    outcome = region_pipeline.run(src, PROFILE, str(tmp_path / "out"), "form")
    assert outcome.ok
    out = str(tmp_path / "out" / "form.redacted.pdf")
    seen = _ocr_text(out, region_pipeline.ocr)
    assert NAME not in seen and EMPLOYER not in seen and PHONE not in seen
    assert REFEREE in seen and "本人承诺" in seen                        # the rest stays readable
    with open_pdf(out) as pdf:
        assert not read_pages(pdf)[0].under_paint                      # nothing drawn under a box
    report = verify_pdf(out, PROFILE, ocr=region_pipeline.ocr)
    assert report.passed


@pytest.mark.models
def test_the_gate_reads_an_outlined_page(tmp_path, region_pipeline):
    """Verification on its own: the untouched page fails (its OCR reads the name), with no text layer to search."""
    src = _outlined(tmp_path / "form.pdf")
    report = verify_pdf(src, PROFILE, ocr=region_pipeline.ocr)
    assert not report.passed
    assert {lk.category for lk in report.leaks if lk.where == "ocr"} >= {"name", "employer", "phone"}


def test_an_outline_reaching_past_its_box_takes_the_page_down_to_pixels(tmp_path):
    src = _outlined(tmp_path / "form.pdf")
    name = _glyph_rects(src, NAME)[0]
    narrow = pymupdf.Rect(name.x0 + 3, name.y0 + 4, name.x1 - 3, name.y1 - 4)     # inside the glyphs' boxes
    finding = Finding(page=1, entity_type="PERSON", boxes=(BBox(*narrow),), recognizer="test.v1", score=1.0, text=NAME)
    plan = RedactionPlan(source=src, decisions=(Decision(finding, Action.REDACT, "own.name", "test"),))
    out = str(tmp_path / "out.pdf")
    result = apply_plan(plan, src, out, RedactConfig(), hidden_text=False)
    assert "page_1_flattened" in result.sanitized and result.flattened_pages == (1,)
    assert result.text_layer_lost == ()       # all its text was outlines: no text layer lost, nothing to review
    with pymupdf.open(out) as doc:
        assert doc[0].get_images() and not doc[0].get_cdrawings()         # pixels only: no path left
    with open_pdf(out) as pdf:
        assert not read_pages(pdf)[0].under_paint


def test_a_box_drawn_over_outlines_is_a_leak_and_shading_behind_them_is_not(tmp_path):
    src = _outlined(tmp_path / "form.pdf")
    name = _glyph_rects(src, NAME)[0]
    doc = pymupdf.open(src)
    doc[0].draw_rect(name, color=None, fill=(0, 0, 0))                   # on top: the glyphs stay underneath
    doc.save(str(tmp_path / "boxed.pdf"))
    doc = pymupdf.open(src)
    doc[0].draw_rect(name, color=None, fill=(0.85, 0.85, 0.85), overlay=False)   # behind: a shaded cell
    doc.save(str(tmp_path / "shaded.pdf"))
    boxed = verify_pdf(str(tmp_path / "boxed.pdf"), PROFILE)
    assert [lk.where for lk in boxed.leaks if lk.where == "vector"] and not boxed.passed
    shaded = verify_pdf(str(tmp_path / "shaded.pdf"), PROFILE)
    assert not [lk for lk in shaded.leaks if lk.where == "vector"]


def test_a_page_with_a_text_layer_flattened_for_its_outlines_loses_that_layer(tmp_path):
    """The same outlines with one line of real text on the page: the image loses that text, a person looks."""
    src = _outlined(tmp_path / "form.pdf")
    with pymupdf.open(src) as doc:
        doc[0].insert_text((40, 270), "附件一", fontname="china-s", fontsize=12)
        doc.save(str(tmp_path / "mixed.pdf"))
    name = _glyph_rects(src, NAME)[0]
    narrow = pymupdf.Rect(name.x0 + 3, name.y0 + 4, name.x1 - 3, name.y1 - 4)
    finding = Finding(page=1, entity_type="PERSON", boxes=(BBox(*narrow),), recognizer="test.v1", score=1.0, text=NAME)
    mixed = str(tmp_path / "mixed.pdf")
    plan = RedactionPlan(source=mixed, decisions=(Decision(finding, Action.REDACT, "own.name", "test"),))
    result = apply_plan(plan, mixed, str(tmp_path / "out2.pdf"), RedactConfig(), hidden_text=False)
    assert result.flattened_pages == (1,) and result.text_layer_lost == (1,)
