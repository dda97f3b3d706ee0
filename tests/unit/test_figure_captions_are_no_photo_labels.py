"""A work summary's figures stay (issue 41 class 2): a picture captioned 图2 混凝土试样显微照片 sits next to the
word 照片, which labels no photo cell; a form's 照片 cell, or 近期免冠照片 in a sentence, still does."""

from __future__ import annotations

import pymupdf

from redactor.detect.regions.base import label_hits
from redactor.detect.regions.photo_slot import PhotoSlotDetector
from redactor.detect.regions.portrait import PHOTO_LABELS, PORTRAIT_WORDS
from tests.pages import FONT, _micrograph_png, page_from_pdf


def _page(caption: str, *, body: str = "") -> bytes:
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    page.insert_text((57, 112), "申报人：某某某　　工作单位：某某设计院", fontname=FONT, fontsize=11)
    if body:
        page.insert_text((57, 460), body, fontname=FONT, fontsize=11)
    page.insert_image(pymupdf.Rect(81, 489, 280, 622), stream=_micrograph_png())
    page.insert_text((122, 637), caption, fontname=FONT, fontsize=10)
    return doc.tobytes()


def _slots(data: bytes) -> list:
    """The photo slots found (a captioned figure is said as a FIGURE, no slot)."""
    return [f for f in PhotoSlotDetector().detect(page_from_pdf(data)) if f.entity_type == "PHOTO_SLOT"]


def test_a_captioned_figure_is_no_photo_slot():
    for caption in ("图2　混凝土试样显微照片", "Fig. 3 现场照片"):
        found = PhotoSlotDetector().detect(page_from_pdf(_page(caption)))
        assert [f.entity_type for f in found] == ["FIGURE"], caption


def test_running_text_about_photos_labels_no_photo():
    assert _slots(_page("", body="项目现场照片及设备照片见下图，施工期间的检验记录另附于后。")) == []


def test_a_photo_cell_label_still_ties_the_picture():
    found = _slots(_page("照片"))
    assert len(found) == 1 and found[0].explain("photo_label_near")


def test_portrait_words_count_in_a_sentence():
    page = page_from_pdf(_page("", body="请在下方粘贴本人近期二寸免冠彩色照片一张，背景为白色或蓝色。"))
    labels = {h.label for h in label_hits(page, PHOTO_LABELS, unambiguous=PORTRAIT_WORDS)}
    assert labels == {"免冠"}
