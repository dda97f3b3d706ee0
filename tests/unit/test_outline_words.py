"""Words drawn as outlines beside a live text layer: a letterhead's employer name converted to curves.

Before: a 工作证明 whose body is text and whose letterhead (the employer's name) is vector paths came out with
the employer in plain sight -- ingest read only the text layer, and the gate, which OCRs only pictures on a
text page, released it (``redactor verify`` on its own reported it for review).  Now the outlined words are
OCRed as regions on both sides: ingest finds the employer there, and the gate reads those words too.
Synthetic people only.
"""

from __future__ import annotations

import pymupdf
import pytest

from redactor.config import profile_from_mapping
from redactor.glyph_shapes import word_boxes
from redactor.model import BBox
from redactor.verify import verify_pdf
from redactor.verify.pdfium_reader import open_pdf, read_pages
from tests.unit.test_outlined_text import _ocr_text

NAME, EMPLOYER, PHONE, REFEREE = "芙莉莲", "北方魔法大学", "13912345678", "辛美尔"
PROFILE = profile_from_mapping({"name": NAME, "id_number": "110105199003071239", "phones": [PHONE],
                                "employers": [EMPLOYER]})
BODY = ["工作证明", f"兹证明{NAME}同志系我单位在职职工，", "自二〇一二年七月起从事教学科研工作至今。",
        "该同志工作认真负责，表现良好。", "特此证明。", f"证明人：{REFEREE}（人事处处长）", "人事处电话：0472-5551234"]


def _letterhead(path, nested: bool = True) -> str:
    """The letterhead as outlines (MuPDF's SVG with text as paths, back to PDF), placed on the page by a form
    XObject as imposition tools place it (``nested``) or drawn on the page itself; the body is live text."""
    head = pymupdf.open()
    hp = head.new_page(width=595, height=120)
    hp.insert_text((120, 70), EMPLOYER, fontname="china-s", fontsize=30, color=(0.8, 0, 0))
    glyphs = pymupdf.open("pdf", pymupdf.open("svg", hp.get_svg_image(text_as_path=True).encode()).convert_to_pdf())
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    if nested:
        page.show_pdf_page(pymupdf.Rect(0, 0, 595, 120), glyphs, 0)
    else:
        for d in glyphs[0].get_drawings():
            shape = page.new_shape()
            for item in d["items"]:
                if item[0] == "l":
                    shape.draw_line(item[1], item[2])
                elif item[0] == "c":
                    shape.draw_bezier(item[1], item[2], item[3], item[4])
                elif item[0] == "re":
                    shape.draw_rect(item[1])
            shape.finish(fill=d.get("fill"), color=None, closePath=d.get("closePath", True),
                         even_odd=d.get("even_odd", False))
            shape.commit()
    page.draw_line((40, 125), (555, 125), color=(0.8, 0, 0), width=1.5)
    for i, t in enumerate(BODY):
        page.insert_text((70, 200 + 36 * i), t, fontname="china-s", fontsize=16)
    doc.save(str(path))
    return str(path)


def test_outlines_side_by_side_make_words_and_lone_shapes_do_not():
    row = [BBox(100 + 30 * i, 40, 126 + 30 * i, 68) for i in range(6)]        # six glyphs, 4 pt apart
    icon = [BBox(400, 300, 420, 320)]                                         # one curved shape alone
    words = word_boxes(row + icon)
    assert len(words) == 1 and words[0].x0 < 100 and words[0].x1 > 276
    # outlines under live characters (an outline font's shadow of its own text) are no word of their own
    assert word_boxes(row, text=row) == []
    # "Co., Ltd." with an I drawn as a plain rectangle (not glyph-shaped, so missing): still one line -- the
    # comma sits low, the gap where the I was is wider than a lowercase letter is high
    latin = [BBox(100, 83, 106, 91), BBox(107, 83, 113, 91), BBox(114, 89, 116, 93),      # o, n, comma
             BBox(120, 81, 126, 91), BBox(127, 81, 130, 91),                               # L, t
             BBox(140, 83.5, 146, 91), BBox(147, 83.5, 153, 91)]                           # (I missing) r, o
    assert len(word_boxes(latin)) == 1


@pytest.mark.parametrize("nested", [True, False])
def test_the_letterhead_words_are_found_where_they_are_drawn(tmp_path, nested):
    src = _letterhead(tmp_path / "lh.pdf", nested)
    with open_pdf(src) as pdf:
        page = read_pages(pdf)[0]
    words = page.outline_words
    assert words and all(w.y1 < 125 for w in words)           # on the letterhead, above its rule
    with pymupdf.open(src) as doc:
        drawn = pymupdf.Rect(doc[0].search_for("工作证明")[0])
    assert not any(w.intersection_area(BBox(*drawn)) for w in words)   # the live text is not among them


@pytest.mark.models
@pytest.mark.parametrize("nested", [True, False])
def test_a_letterhead_drawn_as_outlines_is_read_and_redacted(tmp_path, region_pipeline, nested):
    src = _letterhead(tmp_path / "lh.pdf", nested)
    outcome = region_pipeline.run(src, PROFILE, str(tmp_path / "out"), "lh")
    assert outcome.ok
    out = str(tmp_path / "out" / "lh.redacted.pdf")
    seen = _ocr_text(out, region_pipeline.ocr)
    assert EMPLOYER not in seen and NAME not in seen
    assert REFEREE in seen and "0472" in seen and "工作证明" in seen            # the rest stays
    assert verify_pdf(out, PROFILE, ocr=region_pipeline.ocr).passed


@pytest.mark.models
def test_the_gate_reads_outlined_words_on_a_text_page(tmp_path, region_pipeline):
    """Verification on its own, on the untouched page: the employer in the letterhead is read (a wordmark
    is reported for review), not passed over because the page has a text layer."""
    src = _letterhead(tmp_path / "lh.pdf")
    report = verify_pdf(src, PROFILE, ocr=region_pipeline.ocr)
    assert [lk for lk in report.leaks if lk.where == "ocr" and lk.category == "employer"]
