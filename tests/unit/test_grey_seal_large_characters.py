"""A grey seal whose inside is four large characters (realdocs2 R22: the template's seal, 测试印章, on a
greyscale scan of an employment certificate).

The characters' strokes cover 26-33 % of the seal's inner 80 %, above ``max_fill`` (a filled disc is no
seal), so detection found no seal and the employer's stamp at 单位名称（公章） was kept.  Strokes are not a
filled disc: an opening by ``blob_pt`` removes them and leaves a filled disc, a photo or a solid block.
Synthetic page only.
"""

from __future__ import annotations

import functools

import cv2
import numpy as np
import pymupdf
import pytest

from tests.pages import draw_text, page_from_pdf

CENTRE, RADIUS = (300.0, 420.0), 77.0
STROKE_PT = 3.2              # R22's characters: strokes 9 px at 200 dpi
SEAL_GREY = 125             # the ring's and characters' grey on R22's scan (paper 245-255, print black)


def _layer(draw) -> np.ndarray:
    """One layer of the page drawn in black by ``draw(page)``, rendered grey at the scan's 200 dpi."""
    doc = pymupdf.open()
    p = doc.new_page(width=595, height=842)
    draw(p)
    pix = p.get_pixmap(dpi=200, colorspace=pymupdf.csGRAY)
    return np.frombuffer(pix.samples, np.uint8).reshape(pix.height, pix.width).astype(np.float64)


def _print(p: pymupdf.Page) -> None:
    draw_text(p, 200, 90, "在职证明", size=20)
    draw_text(p, 60, 160, "兹证明某某同志系我单位在职职工，特此证明。")
    draw_text(p, 60, 424, "单位名称（公章）：")
    draw_text(p, 380, 520, "二〇二四年六月二十日")


def _seal(inside: str):
    def draw(p: pymupdf.Page) -> None:
        cx, cy = CENTRE
        if inside == "characters":
            p.draw_circle((cx, cy), RADIUS, color=(0, 0, 0), width=2.5)
            # four characters' worth of strokes 3 pt wide, as a bold sans face sets them (田 王 日 十 shapes)
            for (ox, oy) in ((-50, -50), (4, -50), (-50, 4), (4, 4)):
                x0, y0 = cx + ox, cy + oy
                for a, b in (((0, 0), (46, 0)), ((0, 23), (46, 23)), ((0, 46), (46, 46)), ((0, 0), (0, 46)),
                             ((23, 0), (23, 46)), ((46, 0), (46, 46))):
                    p.draw_line((x0 + a[0], y0 + a[1]), (x0 + b[0], y0 + b[1]), color=(0, 0, 0), width=STROKE_PT)
        else:
            p.draw_circle((cx, cy), RADIUS, color=(0, 0, 0), fill=(0, 0, 0))
    return draw


@functools.lru_cache(maxsize=None)
def _scan(inside: str) -> bytes:
    """The certificate scanned in grey, its seal (ink at ``SEAL_GREY``) holding four large characters
    (``"characters"``: 测试印章's strokes) or a disc of the seal's grey (``"solid"``: a filled round mark,
    no seal)."""
    rng = np.random.default_rng(5)
    printed, seal = _layer(_print), _layer(_seal(inside))
    grey = np.minimum(printed, 255 - (255 - seal) * (255 - SEAL_GREY) / 255)
    grey = cv2.GaussianBlur(grey, (3, 3), 0) + rng.normal(0, 6, grey.shape)
    ok, jpeg = cv2.imencode(".jpg", np.clip(grey, 0, 255).astype(np.uint8), [cv2.IMWRITE_JPEG_QUALITY, 85])
    assert ok
    doc = pymupdf.open()
    doc.new_page(width=595, height=842).insert_image(pymupdf.Rect(0, 0, 595, 842), stream=jpeg.tobytes())
    return doc.tobytes()


def _at_the_seal(found) -> list:
    cx, cy = CENTRE
    return [f for f in found if abs((f.boxes[0].x0 + f.boxes[0].x1) / 2 - cx) < 20
            and abs((f.boxes[0].y0 + f.boxes[0].y1) / 2 - cy) < 20 and f.boxes[0].width > 1.6 * RADIUS]


def test_the_characters_fill_more_than_max_fill():
    """The case is real: without the strokes' allowance the seal is not found."""
    from redactor.detect.regions.seal import SealDetector

    page = page_from_pdf(_scan("characters"), 200)
    assert not _at_the_seal(SealDetector(max_stroke_fill=0.25).detect(page, None))


def test_a_seal_of_large_characters_is_found():
    from redactor.detect.regions.seal import SealDetector

    found = _at_the_seal(SealDetector().detect(page_from_pdf(_scan("characters"), 200), None))
    assert [f.explain("ink") for f in found] == ["grey"]


@pytest.mark.parametrize("stroke_allowance", [0.25, 0.4])
def test_a_filled_disc_is_no_seal(stroke_allowance):
    from redactor.detect.regions.seal import SealDetector

    page = page_from_pdf(_scan("solid"), 200)
    assert not _at_the_seal(SealDetector(max_stroke_fill=stroke_allowance).detect(page, None))
