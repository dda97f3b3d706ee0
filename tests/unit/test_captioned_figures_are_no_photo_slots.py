"""A work summary's figures right under the line that names the applicant (申报人 …) are evidence, not the
applicant's photo: a picture with a figure number under or over it (图1 …, also two captions side by side that
OCR reads as one line) is no photo slot.  Without its caption the same picture in the header band still is
(a résumé's avatar needs no face).  Pictures are drawn in code."""

from __future__ import annotations

import pymupdf

from redactor.detect.regions.photo_slot import PhotoSlotDetector
from tests.pages import _micrograph_png, draw_text, page_from_pdf


def _summary(caption: str | None) -> bytes:
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    draw_text(page, 60, 110, "申报人：张某某    工作单位：某某市中心医院")
    page.insert_image(pymupdf.Rect(200, 150, 400, 290), stream=_micrograph_png())
    if caption:
        draw_text(page, 240, 308, caption, size=9.5)
    return doc.tobytes()


def test_a_captioned_figure_in_the_header_band_is_no_photo_slot():
    assert PhotoSlotDetector().detect(page_from_pdf(_summary("图1  试样显微组织照片"), 150)) == []


def test_the_same_picture_without_a_caption_is_a_photo_slot():
    [slot] = PhotoSlotDetector().detect(page_from_pdf(_summary(None), 150))
    assert slot.entity_type == "PHOTO_SLOT" and slot.explain("header_band")


def test_a_figure_number_far_below_is_not_its_caption():
    doc = pymupdf.open(stream=_summary(None), filetype="pdf")
    draw_text(doc[0], 240, 380, "图1  试样显微组织照片", size=9.5)         # 90 pt under the picture: another figure's
    [slot] = PhotoSlotDetector().detect(page_from_pdf(doc.tobytes(), 150))
    assert slot.entity_type == "PHOTO_SLOT"
