"""The applicant's photo on a black-and-white scan (a 1-bit page: a copier's or a scanning app's 黑白 mode).

A probe of seed 179's scans made 1-bit found the form photos kept.  A dithered photo is black and white dots,
a thresholded one black and white blobs: neither has the mid-tones the face tests read, and the second
cascade and the eye cascade miss a face in two tones.  A black-and-white page is smoothed before the face
search (dots get their tones back); a face whose box holds a photo's black in blobs is taken on the first
cascade's word.  Synthetic form; the portrait ships with matplotlib."""

from __future__ import annotations

import functools
import io

import pymupdf
import pytest
from PIL import Image

from redactor.detect.regions.base import bitonal
from redactor.detect.regions.portrait import PortraitDetector
from tests.corpus_case import covered
from tests.one_bit import one_bit_scan
from tests.pages import _hopper, draw_text, page_from_pdf

PHOTO = pymupdf.Rect(450, 90, 530, 202)


@functools.lru_cache(maxsize=None)
def _bw_page(photo: bool, mode: str) -> bytes:
    """A 申报表's first rows with (or without) the holder's photo, scanned to 1 bit at 150 dpi: ``mode``
    "threshold" (grey 128) or "dither" (Floyd-Steinberg)."""
    doc = pymupdf.open()
    p = doc.new_page(width=595, height=842)
    draw_text(p, 150, 60, "专业技术职务任职资格申报表", size=16)
    for i, label in enumerate(("姓名", "性别", "出生年月", "工作单位", "联系电话")):
        y = 90 + 28 * i
        p.draw_rect(pymupdf.Rect(60, y, 440, y + 28), color=(0, 0, 0), width=0.8)
        draw_text(p, 70, y + 19, label)
        draw_text(p, 160, y + 19, ("何峰", "男", "1987.07", "包头市中心医院", "137-3706-5761")[i])
    p.draw_rect(PHOTO, color=(0, 0, 0), width=0.8)
    if photo:
        buf = io.BytesIO()
        Image.fromarray(_hopper()).save(buf, "PNG")
        p.insert_image(PHOTO + (2, 2, -2, -2), stream=buf.getvalue(), keep_proportion=False)
    return one_bit_scan(p, mode)


@pytest.mark.parametrize("mode", ["threshold", "dither"])
def test_the_photo_on_a_black_and_white_scan_is_found(mode):
    page = page_from_pdf(_bw_page(True, mode), 150)
    assert page.raster is not None and bitonal(page.raster.pixels[:, :, 0])
    found = [f for f in PortraitDetector().detect(page, None) if f.entity_type == "PORTRAIT"]
    assert found, "no portrait"
    assert covered(tuple(PHOTO), [f.boxes[0].as_tuple() for f in found]) >= 0.9


@pytest.mark.parametrize("mode", ["threshold", "dither"])
def test_a_black_and_white_form_without_a_photo_has_no_portrait(mode):
    assert PortraitDetector().detect(page_from_pdf(_bw_page(False, mode), 150), None) == []


RED_ID_PHOTO = pymupdf.Rect(440, 90, 525, 223)


@functools.lru_cache(maxsize=None)
def _red_background_page(face_px: int) -> bytes:
    """A 申报表's first rows with an ID photo on a red background beside the table, its head ``face_px`` wide on a
    340 px wide photo (400: the face is cut by the photo's sides), thresholded to 1 bit: the background is black."""
    from PIL import ImageDraw

    face = _hopper()[40:330, 130:400]
    photo = Image.new("RGB", (340, 532), (175, 25, 30))
    head = Image.fromarray(face).resize((face_px, int(face_px * face.shape[0] / face.shape[1])))
    oval = Image.new("L", head.size, 0)
    ImageDraw.Draw(oval).ellipse((0, 0, *head.size), fill=255)
    photo.paste(head, ((340 - face_px) // 2, 90), oval)
    doc = pymupdf.open()
    p = doc.new_page(width=595, height=842)
    for i, label in enumerate(("姓名", "性别", "出生年月", "工作单位", "联系电话", "现任职务")):
        y = 90 + 28 * i
        p.draw_rect(pymupdf.Rect(60, y, 440, y + 28), color=(0, 0, 0), width=0.8)
        draw_text(p, 70, y + 19, label)
    buf = io.BytesIO()
    photo.save(buf, "PNG")
    p.insert_image(RED_ID_PHOTO, stream=buf.getvalue(), keep_proportion=False)
    return one_bit_scan(p, "threshold")


@pytest.mark.parametrize("face_px", [380, 400])
def test_a_thresholded_photo_is_bounded_by_its_black_background(face_px):
    """Bitonal seed 187: the red background of a face that fills its photo scanned black, no photo edges were found,
    and the frame of ID proportions round the face took 40 pt of the form past the photo on three sides (22218 pt²
    of a 申报表).  The black background is the photo."""
    page = page_from_pdf(_red_background_page(face_px), 150)
    (found,) = [f for f in PortraitDetector().detect(page, None) if f.entity_type == "PORTRAIT"]
    box = found.boxes[0]
    assert covered(tuple(RED_ID_PHOTO), [box.as_tuple()]) >= 0.95, box
    r = RED_ID_PHOTO
    assert box.x0 >= r.x0 - 10 and box.y0 >= r.y0 - 10 and box.x1 <= r.x1 + 10 and box.y1 <= r.y1 + 10, box
