"""A work summary's figures right under the line that names the applicant (申报人 …) are evidence, not the
applicant's photo: a picture with a figure number under or over it (图1 …, also two captions side by side that
OCR reads as one line) is no photo slot but a figure (FIGURE, kept by policy).  Without its caption the same picture in the header band still is
(a résumé's avatar needs no face).  Pictures are drawn in code."""

from __future__ import annotations

import pymupdf

from redactor.detect.regions.photo_slot import PhotoSlotDetector
from tests.pages import _micrograph_png, draw_text, page_from_pdf


def _summary(caption: str | None, x0: float = 200) -> bytes:
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    draw_text(page, 60, 110, "申报人：张某某    工作单位：某某市中心医院")
    page.insert_image(pymupdf.Rect(x0, 150, x0 + 200, 290), stream=_micrograph_png())
    if caption:
        draw_text(page, x0 + 40, 308, caption, size=9.5)
    return doc.tobytes()


def _kinds(page) -> list[str]:
    return [f.entity_type for f in PhotoSlotDetector().detect(page)]


def test_a_captioned_figure_in_the_header_band_is_no_photo_slot():
    """It is a figure: said (FIGURE, kept by policy), so a face found in it later is decided as the figure's."""
    assert _kinds(page_from_pdf(_summary("图1  试样显微组织照片"), 150)) == ["FIGURE"]


def test_the_same_picture_without_a_caption_is_a_photo_slot():
    [slot] = PhotoSlotDetector().detect(page_from_pdf(_summary(None), 150))
    assert slot.entity_type == "PHOTO_SLOT" and slot.explain("header_band")


def test_a_figure_number_far_below_is_not_its_caption():
    doc = pymupdf.open(stream=_summary(None), filetype="pdf")
    draw_text(doc[0], 240, 380, "图1  试样显微组织照片", size=9.5)         # 90 pt under the picture: another figure's
    [slot] = PhotoSlotDetector().detect(page_from_pdf(doc.tobytes(), 150))
    assert slot.entity_type == "PHOTO_SLOT"


def _sideways(pdf: bytes) -> bytes:
    """The page laid sideways on a landscape sheet (a summary scanned a quarter turn off): its text runs down."""
    src = pymupdf.open(stream=pdf, filetype="pdf")
    doc = pymupdf.open()
    page = doc.new_page(width=842, height=595)
    page.show_pdf_page(page.rect, src, 0, rotate=-90)
    return doc.tobytes()


def test_a_captioned_figure_on_a_sideways_page_is_no_photo_slot():
    """Never-tuned variety seed 72519: on a work summary scanned a quarter turn off, the caption 图2 under a
    figure lies beside it on the sheet and the figure sits at the sheet's top edge; read as the page is read
    (turned upright), it is a captioned figure in the body, not a photo in the header band."""
    page = page_from_pdf(_sideways(_summary("图1  试样显微组织照片", x0=70)), 150)
    a, b = page.chars[0].bbox, page.chars[1].bbox
    assert abs(a.x0 - b.x0) < 1 and b.y0 > a.y0, "premise: the text runs down the sheet"
    assert page.images[0].bbox.y0 < 0.3 * page.height, "premise: the figure at the sheet's top edge"
    assert _kinds(page) == ["FIGURE"]
