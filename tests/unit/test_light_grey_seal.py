"""A light grey seal on a greyscale scan of a form (seed 113's silent leak).

An orange-red round seal scanned in grey is a light ring (~150 grey levels on ~245 paper), stamped
in the 单位意见 row between the form's rules, with the employer's name and the date printed across
it.  At the quarter size of detection's circle search its ring keeps too little contrast to vote
for a circle against the rules and the print; on verification's dark-ink mask only its darker
stretches pass the level and the ring is dashed, which the edge-pair Hough does not take for a
circle.  Both stages missed it, so the applicant's seal was kept and the gate passed the page.

Fainter still (seed 179: a faint, partial impression 13-38 levels under the paper), the ring is above the
mid-grey bar of 45 altogether: detection searches again on fainter ink without print, the gate on light
ink without print and without light fills (``tests/integration/test_light_grey_stamps.py``).
Synthetic organisation and page only.
"""

from __future__ import annotations

import functools
import random

import numpy as np
import pymupdf
import pytest

from redactor.model import BBox
from redactor.verify.seals_grey import grey_rings
from tests.pages import draw_text, page_from_pdf

EMPLOYER = "包头钢铁（集团）有限责任公司"
CENTRE, DIAMETER = (415.0, 485.0), 100.0
NAME_LINE = BBox(333.0, 467.0, 481.0, 489.0)          # where the employer's name is printed across the seal


@functools.lru_cache(maxsize=None)
def _scan(strength: float) -> bytes:
    """The page scanned in grey; ``strength``: the impression's ink (the corpus draws 0.8-1.0, faint ones ~0.5)."""
    from benchmarks.corpus.render import scanned
    from benchmarks.corpus.styles import SealStyle, seal_png_styled

    doc = pymupdf.open()
    p = doc.new_page(width=595, height=842)
    draw_text(p, 60, 80, "专业技术职务任职资格评审表")
    for y, label in ((150, "申请人签名"), (270, "负责人"), (395, "审核人")):
        p.draw_line((40, y - 30), (555, y - 30), color=(0, 0, 0), width=0.8)
        draw_text(p, 300, y, label)
    p.draw_line((40, 420), (555, 420), color=(0, 0, 0), width=0.8)
    p.draw_line((40, 560), (555, 560), color=(0, 0, 0), width=0.8)
    for x in (40, 555):
        p.draw_line((x, 120), (x, 560), color=(0, 0, 0), width=0.8)
    png, (fx, _), (iw, ih) = seal_png_styled(EMPLOYER, "技术中心", SealStyle("round", 1, True, ink="orange_red", strength=strength),
                                             random.Random(7), 12.0)
    w = DIAMETER / fx
    (x, y) = CENTRE
    p.insert_image(pymupdf.Rect(x - w / 2, y - w * ih / iw / 2, x + w / 2, y + w * ih / iw / 2), stream=png)
    draw_text(p, NAME_LINE.x0, NAME_LINE.y1 - 4, EMPLOYER)          # print across the seal
    draw_text(p, 365, 512, "二〇二四年六月二十日")
    return scanned(doc.tobytes(), [], random.Random(3), dpi=150, angle=0.0, quarter_turns=0, grayscale=True,
                   jpeg_quality=75)[0].data


def _near_the_seal(b: BBox) -> bool:
    cx, cy = (b.x0 + b.x1) / 2, (b.y0 + b.y1) / 2          # the scan shifts the page a little
    return abs(cx - CENTRE[0]) < 25 and abs(cy - CENTRE[1]) < 25 and 0.8 * DIAMETER < b.width < 1.4 * DIAMETER


@pytest.mark.parametrize("strength", [1.0, 0.6, 0.4, 0.3])
def test_detection_finds_the_light_grey_seal(strength):
    from redactor.detect.regions.seal import SealDetector

    found = SealDetector().detect(page_from_pdf(_scan(strength), 150), None)
    assert [f.explain("ink") for f in found if _near_the_seal(f.boxes[0])] == ["grey"], [f.boxes for f in found]


def test_a_faint_impression_is_found_only_by_the_faint_search():
    from redactor.detect.regions.seal import SealDetector

    found = SealDetector(faint_gray_level=0).detect(page_from_pdf(_scan(0.3), 150), None)
    assert not [f for f in found if _near_the_seal(f.boxes[0])]


@pytest.mark.parametrize("strength", [1.0, 0.85, 0.7, 0.6, 0.4, 0.3])
def test_verification_finds_it_once_the_name_across_it_is_painted_out(strength):
    """What the gate sees on an output that kept the seal: the employer's name across it is a black bar."""
    page = page_from_pdf(_scan(strength), 150)
    raster = page.raster
    assert raster is not None
    pixels = raster.pixels.copy()
    u0, v0 = raster.to_pixels(NAME_LINE.x0, NAME_LINE.y0)
    u1, v1 = raster.to_pixels(NAME_LINE.x1, NAME_LINE.y1)
    pixels[int(v0):int(v1), int(u0):int(u1)] = 0
    rings = grey_rings(type(raster)(pixels=pixels, to_points=raster.to_points, dpi=raster.dpi))
    boxes = [raster.point_box(cx - a, cy - b, cx + a, cy + b) for cx, cy, a, b, _ in rings]
    assert any(_near_the_seal(BBox(*bx.as_tuple())) for bx in boxes), boxes

