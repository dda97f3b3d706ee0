"""A scanned paper whose author bio shows the applicant's dotted name with a comma for the dot.

OCR reads the small dot of 特木尔·孟和 as a comma now and then (特木尔，孟和), and a comma between two
names is an author list.  In the 作者简介 line the birth year follows the name at once, and there the
comma reading is the applicant's name: detection must remove it and the gate must know it, while the
author line's co-authors (巴特尔, 王晓梅) stay.  The page is drawn with a real comma, so the outcome does
not depend on how one OCR model reads one dot.  Synthetic people only.
"""

from __future__ import annotations

import io
import json

import pymupdf
import pytest
from PIL import Image, ImageDraw, ImageFont

from redactor.config import profile_from_mapping
from redactor.verify import verify_pdf

pytestmark = pytest.mark.models

PROFILE = {"name": "特木尔·孟和", "id_number": "150203197705043858", "phones": ["13702640018"],
           "employers": ["包头市中心医院"]}
LINES = ["草原地区基层医院慢性病管理的实践与思考",
         "作者：特木尔·孟和，巴特尔，王晓梅",
         "摘要：本文总结了基层医院慢性病随访管理的经验。",
         "作者简介：特木尔，孟和（1977—），男，副主任医师。",
         "通信作者：巴特尔，电话 0472-5123456。"]


def _scan(path) -> None:
    font = ImageFont.truetype(io.BytesIO(bytes(pymupdf.Font("china-s").buffer)), 34)
    im = Image.new("RGB", (1654, 700), "white")
    draw = ImageDraw.Draw(im)
    for i, line in enumerate(LINES):
        draw.text((100, 100 + 90 * i), line, fill="black", font=font)
    im.save(path, dpi=(200, 200))


def _ocr_text(pdf_path: str) -> str:
    from redactor.ingest.images import render_page
    from tests.ocr import ocr_engine

    engine = ocr_engine()
    with pymupdf.open(pdf_path) as doc:
        return "\n".join(line.text for page in doc for line in engine.recognize(render_page(page, 200)))


def test_the_bio_line_name_read_with_a_comma_goes_and_the_co_authors_stay(tmp_path, region_pipeline):
    src = tmp_path / "paper.png"
    _scan(src)
    profile = profile_from_mapping(PROFILE)
    outcome = region_pipeline.run(str(src), profile, str(tmp_path / "out"), "paper")
    after = _ocr_text(outcome.output_pdf)
    assert "特木尔" not in after and "孟和" not in after, after
    assert "巴特尔" in after and "王晓梅" in after, after
    audit = json.loads(open(outcome.audit_json, encoding="utf-8").read())
    assert sum(r["category"] == "name" for r in audit["redactions"]) >= 2
    assert verify_pdf(outcome.output_pdf, profile, region_pipeline.ocr).passed
