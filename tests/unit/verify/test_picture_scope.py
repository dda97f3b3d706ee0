"""Issue #14: the verifier's OCR reads only the output's pictures that can hold text.

Seals, codes and blank pictures are not OCRed (the seal, barcode and face channels look at them);
a picture showing a phone number -- in black, in seal red, or beside a seal -- still is, and
still fails verification.  The decision uses the output's own pixels, nothing from detection."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pymupdf
import pytest

from redactor.config import profile_from_mapping
from redactor.protocols import OcrText
from redactor.verify import verify_pdf
from redactor.verify.pdfium_reader import open_pdf, read_pages, render
from redactor.verify.pictures import text_pictures
from tests.synth import APPLICANT
from tests.pages import FONT, draw_seal

PHONE = APPLICANT.mobile


def _png(draw, w: float, h: float) -> bytes:  # noqa: ANN001
    src = pymupdf.open()
    p = src.new_page(width=w, height=h)
    draw(p)
    return p.get_pixmap(dpi=200).tobytes("png")


def _seal(p: pymupdf.Page) -> None:
    draw_seal(p, (70, 70), 60, "示例市人力资源和社会保障局")


def _number(color):  # noqa: ANN001, ANN202
    return lambda p: p.insert_text((6, 26), f"手机 {PHONE}", fontname=FONT, fontsize=12, color=color)


def _code_png() -> bytes:
    zxingcpp = pytest.importorskip("zxingcpp")
    from PIL import Image
    import io

    img = np.asarray(zxingcpp.write_barcode(zxingcpp.BarcodeFormat.QRCode, "https://example.org/a/1", 200, 200))
    buf = io.BytesIO()
    Image.fromarray(np.pad(img, 12, constant_values=255)).save(buf, format="PNG")
    return buf.getvalue()


def _page_with(tmp: Path, pictures: list[tuple[pymupdf.Rect, bytes]], name: str) -> Path:
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    page.insert_text((60, 80), "专业技术职务任职资格评审表", fontname=FONT, fontsize=14)
    for rect, data in pictures:
        page.insert_image(rect, stream=data)
    # print over the seal picture (a seal stamped over the employer's line): the text layer's, painted out
    page.insert_text((330, 240), "单位（盖章）  2024年5月", fontname=FONT, fontsize=10)
    path = tmp / name
    doc.save(path)
    return path


class _Ocr:
    name = "counting"

    def __init__(self) -> None:
        self.read: list[tuple[int, int]] = []

    def recognize(self, raster):  # noqa: ANN001
        self.read.append(raster.pixels.shape[:2])
        h, w = raster.pixels.shape[:2]
        box = raster.point_box(0, 0, w, h)
        return [OcrText(f"手机 {PHONE}", (box,) * len(f"手机 {PHONE}"), box, 0.99)]


SEAL_AT = pymupdf.Rect(320, 180, 460, 320)
BLANK_AT = pymupdf.Rect(60, 400, 160, 460)


def test_seals_codes_and_blanks_are_not_ocred_text_pictures_are(tmp_path):
    blank = _png(lambda p: None, 100, 60)
    pdf = _page_with(tmp_path, [(SEAL_AT, _png(_seal, 140, 140)), (pymupdf.Rect(60, 200, 160, 300), _code_png()),
                                (BLANK_AT, blank),
                                (pymupdf.Rect(60, 600, 260, 640), _png(_number((0, 0, 0)), 200, 40)),
                                (pymupdf.Rect(300, 600, 500, 640), _png(_number((0.85, 0.1, 0.1)), 200, 40))],
                     "p.pdf")
    with open_pdf(str(pdf)) as doc:
        page = read_pages(doc)[0]
        kept = text_pictures(render(doc, 1, 150), page)
    assert len(page.images) == 5
    # the two number pictures (black and seal red) are read; the seal, the code and the blank are not
    assert [round(b.y0) for b in kept] == [600, 600]


def test_phone_picture_beside_a_seal_still_fails_verification(tmp_path):
    profile = profile_from_mapping(APPLICANT.profile())
    seal_only = _page_with(tmp_path, [(SEAL_AT, _png(_seal, 140, 140))], "seal.pdf")
    ocr = _Ocr()
    report = verify_pdf(str(seal_only), profile, ocr)
    # the fake engine "reads" the phone number in whatever it is given: the ocr channel never saw the seal
    # (the seal channel unrolled its ring, and looks for the employer only)
    assert not any(lk.where == "ocr" for lk in report.failures)

    def seal_and_number(p: pymupdf.Page) -> None:
        _seal(p)
        p.insert_text((6, 160), PHONE, fontname=FONT, fontsize=12)

    both = _page_with(tmp_path, [(pymupdf.Rect(320, 180, 460, 350), _png(seal_and_number, 140, 170))], "both.pdf")
    ocr = _Ocr()
    report = verify_pdf(str(both), profile, ocr)
    assert "ocr" in {lk.where for lk in report.failures}


def test_every_page_mode_reads_every_picture(tmp_path):
    """``redactor verify`` (ocr_every_page) keeps reading whole pages: no picture is set aside."""
    from redactor.verify import VerifyOptions

    pdf = _page_with(tmp_path, [(SEAL_AT, _png(_seal, 140, 140))], "seal.pdf")
    ocr = _Ocr()
    verify_pdf(str(pdf), profile_from_mapping(APPLICANT.profile()), ocr, VerifyOptions(ocr_every_page=True))
    assert ocr.read[0][0] > 1000         # the whole page (then the seal channel's strips)


def _filled(rgb: tuple[float, float, float], text_rgb: tuple[float, float, float] | None = None):  # noqa: ANN202
    def draw(p: pymupdf.Page) -> None:
        p.draw_rect(p.rect, color=None, fill=rgb)
        if text_rgb is not None:
            p.insert_text((6, 26), f"手机 {PHONE}", fontname=FONT, fontsize=12, color=text_rgb)
    return draw


def test_flat_pictures_are_not_ocred_a_number_on_a_dark_fill_is(tmp_path):
    """A removed picture's black fill (the redactor's output over a portrait, a seal or a code) has no
    contrast to hold a glyph: not OCRed.  The same fill with the phone number on it -- in white, or in a
    grey only ~20 levels above the fill -- is still read."""
    black = _png(_filled((0, 0, 0)), 200, 40)
    pdf = _page_with(tmp_path, [(pymupdf.Rect(60, 200, 260, 240), black),
                                (pymupdf.Rect(60, 300, 260, 340), _png(_filled((0, 0, 0), (1, 1, 1)), 200, 40)),
                                (pymupdf.Rect(60, 400, 260, 440), _png(_filled((0.15, 0.15, 0.15), (0.23, 0.23, 0.23)), 200, 40)),
                                (pymupdf.Rect(60, 500, 260, 540), _png(_filled((0.9, 0.2, 0.2)), 200, 40))],
                     "flat.pdf")
    with open_pdf(str(pdf)) as doc:
        page = read_pages(doc)[0]
        kept = text_pictures(render(doc, 1, 150), page)
    assert len(page.images) == 4
    assert [round(b.y0) for b in kept] == [300, 400]
    # and the number on black still fails verification
    ocr = _Ocr()
    on_black = _page_with(tmp_path, [(pymupdf.Rect(60, 300, 260, 340), _png(_filled((0, 0, 0), (1, 1, 1)), 200, 40))],
                          "on_black.pdf")
    report = verify_pdf(str(on_black), profile_from_mapping(APPLICANT.profile()), ocr)
    assert "ocr" in {lk.where for lk in report.failures}
    ocr = _Ocr()
    only_black = _page_with(tmp_path, [(pymupdf.Rect(60, 300, 260, 340), black)], "black.pdf")
    verify_pdf(str(only_black), profile_from_mapping(APPLICANT.profile()), ocr)
    assert ocr.read == []


class _Counting:
    """The real engine, counting its calls."""

    def __init__(self, engine) -> None:  # noqa: ANN001
        self.engine, self.calls = engine, 0
        self.name = engine.name

    def recognize(self, raster):  # noqa: ANN001
        self.calls += 1
        return self.engine.recognize(raster)


@pytest.mark.models
def test_small_pictures_are_read_together_and_the_number_among_them_still_fails(tmp_path, region_pipeline):
    """Signature-sized pictures are stacked into one mosaic for the engine (one call, not one per picture),
    and the phone number in one of them is still read back to the page and fails verification."""
    def word(text: str):  # noqa: ANN202
        return lambda p: p.insert_text((6, 26), text, fontname=FONT, fontsize=14)

    texts = ["推荐人 辛美尔", f"手机 {PHONE}", "审核人 海塔", "示例市第一中学"]
    pictures = [(pymupdf.Rect(60, 200 + 60 * i, 260, 240 + 60 * i), _png(word(t), 200, 40)) for i, t in enumerate(texts)]
    pdf = _page_with(tmp_path, pictures, "small.pdf")
    ocr = _Counting(region_pipeline.ocr)
    report = verify_pdf(str(pdf), profile_from_mapping(APPLICANT.profile()), ocr)
    phone = [lk for lk in report.failures if lk.where == "ocr" and lk.category == "phone"]
    assert phone and 270 <= phone[0].bbox.y0 <= 300 + 1          # the second picture, on the page
    assert ocr.calls < len(texts)


def _boxed(draw, boxes: list[pymupdf.Rect]):  # noqa: ANN001, ANN202
    """``draw``, then solid black boxes over it (a redaction box inside a larger picture)."""
    def both(p: pymupdf.Page) -> None:
        draw(p)
        for r in boxes:
            p.draw_rect(r, color=None, fill=(0, 0, 0))
    return both


def test_a_black_box_inside_a_picture_is_no_text_a_number_beside_it_or_on_it_is(tmp_path):
    """A seal's redaction box covers the seal but not the white margin of its picture: the box is uniform
    and holds nothing, so the picture is not OCRed.  The same box beside the phone number, or a black
    banner with the number in white inside it, is still read."""
    seal_boxed = _png(_boxed(lambda p: None, [pymupdf.Rect(15, 15, 125, 125), pymupdf.Rect(0, 60, 140, 75)]), 140, 140)
    beside = _png(_boxed(_number((0, 0, 0)), [pymupdf.Rect(150, 2, 198, 38)]), 200, 40)

    def reversed_number(p: pymupdf.Page) -> None:     # white digits, far apart, on a black banner
        p.draw_rect(pymupdf.Rect(10, 8, 470, 62), color=None, fill=(0, 0, 0))
        for i, digit in enumerate(PHONE):
            p.insert_text((22 + 40 * i, 44), digit, fontname=FONT, fontsize=18, color=(1, 1, 1))

    banner = _png(reversed_number, 480, 70)
    pdf = _page_with(tmp_path, [(SEAL_AT, seal_boxed), (pymupdf.Rect(60, 600, 260, 640), beside),
                                (pymupdf.Rect(60, 700, 540, 770), banner)], "boxed.pdf")
    with open_pdf(str(pdf)) as doc:
        page = read_pages(doc)[0]
        kept = text_pictures(render(doc, 1, 150), page)
    assert len(page.images) == 3
    assert [round(b.y0) for b in kept] == [600, 700]


def test_only_solid_black_areas_without_holes_are_painted_out():
    """The box test itself: a solid black box goes (with its blended edge); a black area with light
    pixels enclosed (a letter on a dark banner) and thin black strokes (print) stay."""
    from redactor.verify.pictures import boxes_painted_out

    rgb = np.full((200, 300, 3), 255, np.uint8)
    rgb[20:80, 20:120] = 0                       # a redaction box
    rgb[19, 20:120] = 128                        # its blended edge
    rgb[100:180, 20:120] = 0                     # a banner ...
    rgb[130:150, 60:64] = 255                    # ... with a light stroke inside
    rgb[20:180, 200:204] = 0                     # a stroke 4 px wide (1.4 pt at 72 dpi x 3.5)
    out = boxes_painted_out(rgb, 200)
    assert (out[15:85, 15:125] == 255).all()
    assert (out[100:180, 20:120] == rgb[100:180, 20:120]).all()
    assert (out[20:180, 200:204] == 0).all()
