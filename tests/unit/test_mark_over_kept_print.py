"""A removed seal over print the plan keeps: the seal's pixels go, the print stays (realdocs2 R11).

On a born-digital 评审表 the employer's stamp sits in the 单位意见 cell above 负责人：周建华 年 月 日, its picture's
box reaching over the head's name.  The seal's solid box took the name with it (R11 p5 and p6: the unit head, a
must-keep, lost twice).  A seal or signature whose box holds visible print no other box removes is now removed
by its pixels and the drawings it covers, with no box painted over that print; print the plan removes under it
goes by its own box.  Extracted independently (PDFium); synthetic people and stamp.
"""

from __future__ import annotations

import io

import numpy as np
import pymupdf
import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageDraw

from redactor.config import RedactConfig
from redactor.model import Action, BBox, Decision, Finding, RedactionPlan
from redactor.redact import apply_plan
from tests.pages import FONT

HEAD, APPLICANT = "周建华", "王淑珺"
SEAL = pymupdf.Rect(76, 457, 186, 567)


def _seal_png() -> bytes:
    im = Image.new("RGBA", (330, 330), (255, 255, 255, 0))
    d = ImageDraw.Draw(im)
    d.ellipse((10, 10, 320, 320), outline=(220, 30, 30, 255), width=12)
    d.regular_polygon((165, 165, 50), 5, fill=(220, 30, 30, 255))
    buf = io.BytesIO()
    im.save(buf, "PNG")
    return buf.getvalue()


def _form(tmp, applicant_under_seal: bool, ground: bool = False) -> str:
    doc = pymupdf.open()
    p = doc.new_page(width=595, height=842)
    if ground:          # a certificate's patterned ground: one picture under the whole page
        buf = io.BytesIO()
        Image.new("RGB", (60, 85), (250, 240, 200)).save(buf, "PNG")
        p.insert_image(p.rect, stream=buf.getvalue())
    p.insert_text((62, 500), "公  章", fontname=FONT, fontsize=14)
    p.insert_text((71, 565), "负责人：", fontname=FONT, fontsize=14)
    p.insert_text((130, 565), APPLICANT if applicant_under_seal else HEAD, fontname=FONT, fontsize=12)
    p.insert_text((190, 565), "年  月  日", fontname=FONT, fontsize=14)
    p.insert_image(SEAL, stream=_seal_png())
    path = str(tmp / f"form_{applicant_under_seal}_{ground}.pdf")
    doc.save(path)
    return path


def _redact(tmp, src: str, spare: bool, applicant_under_seal: bool) -> str:
    seal = Finding(page=1, entity_type="SEAL", boxes=(BBox(75, 456, 188, 569),), recognizer="seal.v1", score=1.0)
    decisions = [Decision(seal, Action.REDACT, "own.seal.employer", "test")]
    if applicant_under_seal:
        with pymupdf.open(src) as doc:
            rect = doc[0].search_for(APPLICANT)[0]
        name = Finding(page=1, entity_type="PERSON", boxes=(BBox(*rect),), recognizer="test.v1", score=1.0,
                       text=APPLICANT, start=0, end=len(APPLICANT))
        decisions.append(Decision(name, Action.REDACT, "own.name", "test"))
    out = str(tmp / f"out_{spare}_{applicant_under_seal}.pdf")
    apply_plan(RedactionPlan(source=src, decisions=tuple(decisions)), src, out,
               RedactConfig(spare_print_under_marks=spare), hidden_text=False)
    return out


def _pdfium(path: str) -> tuple[str, np.ndarray]:
    doc = pdfium.PdfDocument(path)
    try:
        page = doc[0]
        return page.get_textpage().get_text_range(), page.render(scale=2, rev_byteorder=True).to_numpy()
    finally:
        doc.close()


def _red_pixels(rgb: np.ndarray) -> int:
    r, g, b = (rgb[..., i].astype(int) for i in range(3))
    return int(((r - np.maximum(g, b)) > 80).sum())


def test_the_seal_goes_and_the_head_s_name_under_it_stays(tmp_path):
    src = _form(tmp_path, applicant_under_seal=False)
    text_in, pixels_in = _pdfium(src)
    assert HEAD in text_in and _red_pixels(pixels_in) > 1000          # the case is real
    text, pixels = _pdfium(_redact(tmp_path, src, spare=True, applicant_under_seal=False))
    assert HEAD in text and "负责人" in text and "年" in text
    assert _red_pixels(pixels) == 0
    with pymupdf.open(_redact(tmp_path, src, spare=True, applicant_under_seal=False)) as doc:
        assert not doc[0].get_images()                                 # the stamp's picture is gone, not hidden


def test_the_applicant_s_name_under_the_seal_still_goes(tmp_path):
    src = _form(tmp_path, applicant_under_seal=True)
    text, pixels = _pdfium(_redact(tmp_path, src, spare=True, applicant_under_seal=True))
    assert APPLICANT not in text and "负责人" in text
    assert _red_pixels(pixels) == 0


@pytest.mark.parametrize("applicant_under_seal", [False, True])
def test_without_sparing_the_solid_box_takes_the_print(tmp_path, applicant_under_seal):
    src = _form(tmp_path, applicant_under_seal)
    text, pixels = _pdfium(_redact(tmp_path, src, spare=False, applicant_under_seal=applicant_under_seal))
    assert HEAD not in text and APPLICANT not in text and _red_pixels(pixels) == 0


def test_a_seal_over_a_background_picture_keeps_its_box(tmp_path):
    """Blanking the ground under the seal would leave a hole the shape of the box, with no seal in it; the
    solid box stays (and takes the print under it, as before)."""
    src = _form(tmp_path, applicant_under_seal=False, ground=True)
    assert HEAD in _pdfium(src)[0]
    text, pixels = _pdfium(_redact(tmp_path, src, spare=True, applicant_under_seal=False))
    assert HEAD not in text and _red_pixels(pixels) == 0
