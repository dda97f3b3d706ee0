"""Issue #14: what ingest decides not to do (render, OCR) and what it must still do."""

from __future__ import annotations

import tempfile
from pathlib import Path

import numpy as np
import pymupdf
import pytest

from redactor.config import load_config
from redactor.context import RunContext
from redactor.ingest import read_pdf_pages
from redactor.ingest.drawings import drawings_need_pixels
from redactor.picture_kind import PictureKind, blank_page, classify_picture
from tests.pages import FONT, draw_seal, draw_text


class _CountingOcr:
    name = "counting"

    def __init__(self) -> None:
        self.calls = 0

    def recognize(self, raster):  # noqa: ANN001
        self.calls += 1
        return []


def _text_and_table(page: pymupdf.Page) -> None:
    draw_text(page, 60, 80, "专业技术职务任职资格评审表", 16)
    for i in range(6):
        page.draw_rect(pymupdf.Rect(50, 100 + 30 * i, 545, 130 + 30 * i), color=(0, 0, 0), width=0.6)
        draw_text(page, 60, 120 + 30 * i, f"第{i + 1}行 内容", 11)
    page.draw_rect(pymupdf.Rect(50, 300, 545, 320), color=None, fill=(0.85, 0.9, 1.0))   # shaded row


def _pages(doc: pymupdf.Document, ocr=None):  # noqa: ANN001, ANN202
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "in.pdf"
        doc.save(path)
        return read_pdf_pages(str(path), RunContext(load_config(), tmp, "t"), ocr)


def test_text_and_rules_need_no_pixels_but_seals_signatures_and_codes_do():
    doc = pymupdf.open()
    plain = doc.new_page()
    _text_and_table(plain)
    assert drawings_need_pixels(plain) is False
    seal = doc.new_page()
    _text_and_table(seal)
    draw_seal(seal, (300, 500), 60, "示例有限责任公司")
    assert drawings_need_pixels(seal) is True
    pen = doc.new_page()
    _text_and_table(pen)
    pen.draw_polyline([(100, 600), (110, 590), (118, 604), (130, 588)], color=(0.1, 0.1, 0.3), width=0.7)
    assert drawings_need_pixels(pen) is True
    code = doc.new_page()
    _text_and_table(code)
    for i in range(5):
        for j in range(5):
            if (i + j) % 2 == 0:
                code.draw_rect(pymupdf.Rect(400 + 4 * i, 600 + 4 * j, 404 + 4 * i, 604 + 4 * j), color=None, fill=(0, 0, 0))
    assert drawings_need_pixels(code) is False    # 13 squares: fewer than a code has
    for i in range(6):
        for j in range(6):
            if (i * j) % 3 != 1:
                code.draw_rect(pymupdf.Rect(440 + 4 * i, 600 + 4 * j, 444 + 4 * i, 604 + 4 * j), color=None, fill=(0, 0, 0))
    assert drawings_need_pixels(code) is True
    # ingest renders only the pages that need pixels
    pages = _pages(doc)
    assert [p.raster is not None for p in pages] == [False, True, True, True]


def _seal_picture() -> np.ndarray:
    doc = pymupdf.open()
    page = doc.new_page(width=140, height=140)
    draw_seal(page, (70, 70), 60, "示例市人力资源和社会保障局")
    pix = page.get_pixmap(dpi=200, colorspace=pymupdf.csRGB)
    return np.frombuffer(pix.samples, np.uint8).reshape(pix.height, pix.width, 3).copy()


def _text_picture(text: str, color=(0, 0, 0)) -> np.ndarray:  # noqa: ANN001
    doc = pymupdf.open()
    page = doc.new_page(width=200, height=40)
    page.insert_text((8, 26), text, fontname=FONT, fontsize=14, color=color)
    pix = page.get_pixmap(dpi=200, colorspace=pymupdf.csRGB)
    return np.frombuffer(pix.samples, np.uint8).reshape(pix.height, pix.width, 3).copy()


def test_pictures_are_classified_before_ocr_and_text_pictures_stay_ocred():
    assert classify_picture(_seal_picture()) is PictureKind.SEAL
    assert classify_picture(np.full((200, 200, 3), 255, np.uint8)) is PictureKind.BLANK
    # a small picture of a phone number, in black or in seal red: OCRed
    assert classify_picture(_text_picture("电话 13812345678")) is PictureKind.TEXT
    assert classify_picture(_text_picture("电话 13812345678", color=(0.85, 0.1, 0.1))) is PictureKind.TEXT
    # a seal picture with a phone number written beside the seal: OCRed
    seal = _seal_picture()
    line = _text_picture("13812345678")
    both = np.full((seal.shape[0] + line.shape[0], max(seal.shape[1], line.shape[1]), 3), 255, np.uint8)
    both[:seal.shape[0], :seal.shape[1]] = seal
    both[seal.shape[0]:, :line.shape[1]] = line
    assert classify_picture(both) is PictureKind.TEXT


def test_qr_picture_is_a_code():
    zxingcpp = pytest.importorskip("zxingcpp")
    img = np.asarray(zxingcpp.write_barcode(zxingcpp.BarcodeFormat.QRCode, "https://example.org/a/123", 240, 240))
    if img.ndim == 2:
        img = np.stack([img] * 3, axis=-1)
    img = np.pad(img, ((12, 12), (12, 12), (0, 0)), constant_values=255)
    assert classify_picture(np.ascontiguousarray(img)) is PictureKind.CODE


def test_blank_scan_is_not_ocred_but_a_page_with_one_number_is():
    paper = pymupdf.open()
    blank = paper.new_page(width=595, height=842).get_pixmap(dpi=200, colorspace=pymupdf.csGRAY)
    one = paper.new_page(width=595, height=842)
    one.insert_text((300, 700), "138", fontname=FONT, fontsize=9)
    number = one.get_pixmap(dpi=200, colorspace=pymupdf.csGRAY)
    rgb = lambda pix: np.repeat(np.frombuffer(pix.samples, np.uint8).reshape(pix.height, pix.width, 1), 3, axis=2)  # noqa: E731
    assert blank_page(rgb(blank)) is True
    assert blank_page(rgb(number)) is False
    doc = pymupdf.open()
    for pix in (blank, number):
        p = doc.new_page(width=595, height=842)
        p.insert_image(p.rect, stream=pix.tobytes("jpeg", jpg_quality=80))
    ocr = _CountingOcr()
    pages = _pages(doc, ocr)
    assert ocr.calls == 1                     # the page with the number only
    assert pages[0].raster is None and pages[1].raster is not None
