"""An employer wrapped inside one column of a scan's invisible OCR layer (issue #10 classes 5 and 7, issue #11).

An OCR layer (OCRmyPDF/Tesseract) is often written row by row across both
columns of an author block, so the two halves of the applicant's employer
(内蒙古科技大 / 学) are not adjacent in the layer's text: another organisation's
line sits between them.  Detection must find the wrapped employer and leave the
other organisation and the co-author; verification must find it when it is left
in the output.  Synthetic: the scan is a rendering of drawn text, names are fake."""

from __future__ import annotations

import tempfile

import numpy as np
import pymupdf
import pytest

from redactor.model import ApplicantProfile, BBox, TextOrigin

FONT = "china-s"
EMPLOYER = "内蒙古科技大学"
PROFILE = ApplicantProfile(name="赵晓岚", employers=(EMPLOYER,))          # fake person
# (x, y, text) of each word, row by row across both columns: the layer's order
ROWS = [
    [(70, 130, "赵晓岚"), (320, 130, "钱文博")],
    [(70, 146, "材料与冶金学院内蒙古科技大"), (320, 146, "物理学院内蒙古大学，呼和浩特")],
    [(70, 160, "学，包头014010"), (320, 160, "010021")],
]
SIZE = 9.0


def _scan_with_layer(rows) -> bytes:
    """A 150-dpi picture of the words, with the words again as invisible text (render mode 3) over it."""
    src = pymupdf.open()
    sp = src.new_page(width=595, height=842)
    sp.insert_text((60, 80), "基于机器学习的连铸坯表面缺陷识别方法", fontname=FONT, fontsize=14)
    for row in ROWS:
        for x, y, t in row:
            sp.insert_text((x, y), t, fontname=FONT, fontsize=SIZE)
    png = sp.get_pixmap(dpi=150).tobytes("png")
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    page.insert_image(page.rect, stream=png)
    for row in rows:
        for x, y, t in row:
            page.insert_text((x, y), t, fontname=FONT, fontsize=SIZE, render_mode=3)
    return doc.tobytes()


def _ingest(data: bytes):
    from redactor.config import load_config
    from redactor.context import RunContext
    from redactor.ingest import load_document

    with tempfile.TemporaryDirectory() as w:
        path = f"{w}/paper.pdf"
        with open(path, "wb") as fh:
            fh.write(data)
        doc = load_document(path, RunContext(load_config(), w, "x"), None, rasters=False)
    return doc.pages[0]


def _boxes_of(page, text: str) -> list[BBox]:
    i = page.text.index(text)
    return list(page.boxes_for_span(i, i + len(text)))


@pytest.fixture(scope="module")
def layered():
    return _ingest(_scan_with_layer(ROWS))


def test_the_layer_interleaves_the_columns(layered):
    """The class: the extracted layer holds no contiguous employer (another organisation in between)."""
    from redactor.fields import applicant_forms
    from redactor.variants import find_forms

    page = layered
    assert page.kind.value == "scan_with_hidden_text"
    assert all(c.origin is TextOrigin.HIDDEN_LAYER for c in page.chars if c.bbox is not None)
    employers = [m for m in find_forms(page.text, applicant_forms(PROFILE)) if m.form.category.value == "employer"]
    assert employers == []


def test_wrapped_employer_in_the_hidden_layer_is_found_and_others_stay(layered):
    from redactor.detect.stacked_lines import wrapped_values
    from redactor.fields import applicant_forms

    page = layered
    found = wrapped_values(page, applicant_forms(PROFILE), fuzzy=True)
    assert len(found) == 1 and found[0].entity_type == "ORGANIZATION"
    boxes = found[0].boxes
    for half in ("内蒙古科技大", "学，包头"):
        hb = BBox.enclosing(_boxes_of(page, half))
        assert any(b.intersection_area(hb) > 0 for b in boxes), half
    # the other organisation, its postcode line and the co-author are not touched
    for other in ("物理学院内蒙古大学", "钱文博", "010021"):
        ob = BBox.enclosing(_boxes_of(page, other))
        assert not any(b.intersection_area(ob) > 0 for b in boxes), other


def test_verify_finds_the_wrapped_employer_left_in_the_hidden_layer(tmp_path):
    from redactor.verify import verify_pdf

    path = tmp_path / "paper.pdf"
    path.write_bytes(_scan_with_layer(ROWS))
    report = verify_pdf(str(path), PROFILE, ocr=None)
    hits = [lk for lk in report.failures if lk.where == "text_layer" and lk.category == "employer"]
    assert hits and not report.passed


def test_verify_passes_the_clean_twin(tmp_path):
    """The same layer with the applicant's name and affiliation removed: the other organisation is no leak."""
    from redactor.verify import verify_pdf

    clean = [[ROWS[0][1]], [(70, 146, "材料与冶金学院"), ROWS[1][1]], [(70, 160, "包头014010"), ROWS[2][1]]]
    path = tmp_path / "paper.clean.pdf"
    path.write_bytes(_scan_with_layer(clean))
    report = verify_pdf(str(path), PROFILE, ocr=None)
    assert not [lk for lk in report.leaks if lk.where == "text_layer"], report.leaks
