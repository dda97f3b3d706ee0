"""Pictures placed by a form XObject are looked for where they are drawn.

PDFium gives an object inside a form XObject its bounds in the form's own space.  Before, verification took
those for page coordinates: a picture placed by a form (as ``show_pdf_page``, imposition and stamping tools
place whole pages) was OCRed, searched for faces and codes at the wrong place -- a phone number pasted that way
passed the gate.  Now each enclosing form's matrix carries the bounds to the page.  Synthetic people only.
"""

from __future__ import annotations

import pymupdf
import pytest

from redactor.config import profile_from_mapping
from redactor.verify import verify_pdf
from redactor.verify.pdfium_reader import open_pdf, read_pages
from tests.synth import APPLICANT
from tests.pages import FONT

PHONE = APPLICANT.mobile


def _nested(path, rotation: int = 0) -> str:
    """A page showing another page twice through form XObjects (once directly, once inside a second form,
    scaled by a half), each holding a picture of the applicant's phone number."""
    art = pymupdf.open()
    ap = art.new_page(width=200, height=40)
    ap.insert_text((6, 26), f"手机 {PHONE}", fontname=FONT, fontsize=14)
    src = pymupdf.open()
    sp = src.new_page(width=400, height=200)
    sp.insert_image(pymupdf.Rect(50, 50, 250, 90), stream=ap.get_pixmap(dpi=200).tobytes("png"))
    mid = pymupdf.open()
    mid.new_page(width=400, height=200).show_pdf_page(pymupdf.Rect(0, 0, 400, 200), src, 0)
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    page.insert_text((60, 80), "专业技术职务任职资格评审表", fontname=FONT, fontsize=14)
    page.show_pdf_page(pymupdf.Rect(100, 600, 500, 800), src, 0)
    page.show_pdf_page(pymupdf.Rect(100, 300, 300, 400), mid, 0)
    page.set_rotation(rotation)
    doc.save(str(path))
    return str(path)


@pytest.mark.parametrize("rotation", [0, 90])
def test_pictures_in_forms_are_where_mupdf_draws_them(tmp_path, rotation):
    path = _nested(tmp_path / "n.pdf", rotation)
    with pymupdf.open(path) as doc:
        expected = sorted(tuple(round(v, 1) for v in info["bbox"]) for info in doc[0].get_image_info())
    with open_pdf(path) as pdf:
        found = sorted(tuple(round(v, 1) for v in b.as_tuple()) for b in read_pages(pdf)[0].images)
    assert len(found) == len(expected) == 2
    assert all(abs(a - b) <= 0.5 for f, e in zip(found, expected) for a, b in zip(f, e))
    assert [round(b[1]) for b in found] == [325, 650]          # not the form's own space (y 110, 150 here)


@pytest.mark.models
def test_a_number_pasted_through_a_form_fails_verification_where_it_is(tmp_path, region_pipeline):
    report = verify_pdf(_nested(tmp_path / "n.pdf"), profile_from_mapping(APPLICANT.profile()),
                        ocr=region_pipeline.ocr)
    phones = [lk for lk in report.failures if lk.where == "ocr" and lk.category == "phone"]
    assert phones
    assert any(650 - 2 <= lk.bbox.y0 and lk.bbox.y1 <= 690 + 2 for lk in phones)
