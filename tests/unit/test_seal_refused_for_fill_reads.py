"""A stamp the outline search refuses for the ink inside it, or cannot outline where it touches a red frame.

realdocs2 R28 (a phone photo of an honour certificate the applicant's employer issued): the employer's red stamp
over the issuer line was never found by detection -- the gate found it and repaired it.  Two causes, each a
mechanism: (1) the stamp's ring touches the certificate's red frame, one outline with it that fits no ellipse; a
colour ink that runs further than any stamp is searched again with its long straight runs taken away
(``colour_rule_pt``), as grey pages always were.  (2) The photo's blur joins the star and the bold ring text into
blobs an opening keeps, so the whole ring failed the fill test a filled disc or a photo fails: a whole ring refused
for fill (inked inside at most ``read_filled_max_fill``) is a candidate kept only where its ring reads as text
(``SealDetector._ring_reads``).  Synthetic stamps drawn here; organisation names invented."""

from __future__ import annotations

import math
from dataclasses import replace

import cv2
import numpy as np
import pymupdf

from tests.pages import FONT, RED, FakeOcr, draw_seal, page_from_pdf

NAME = "新咨力信息科技有限公司"


def _heavy_seal(p: pymupdf.Page, cx: float, cy: float, r: float) -> None:
    """A stamp with bold ring text and a large star (a photographed stamp's ink spreads)."""
    ring_w = r * 0.07
    p.draw_circle((cx, cy), r - ring_w / 2, color=RED, width=ring_w)
    pts = []
    for k in range(10):
        rr, a = r * (0.3 if k % 2 == 0 else 0.12), -math.pi / 2 + k * math.pi / 5
        pts.append((cx + rr * math.cos(a), cy + rr * math.sin(a)))
    p.draw_polyline(pts + [pts[0]], color=RED, fill=RED, width=0.1, closePath=True)
    size, span = 0.3 * r, 260.0
    for i, ch in enumerate(NAME):
        phi = math.radians(-span / 2 + span * (i + 0.5) / len(NAME))
        ccx, ccy = cx + 0.7 * r * math.sin(phi), cy - 0.7 * r * math.cos(phi)
        ox, oy = -size / 2, size * 0.38
        px, py = ccx + ox * math.cos(phi) - oy * math.sin(phi), ccy + ox * math.sin(phi) + oy * math.cos(phi)
        p.insert_text((px, py), ch, fontname=FONT, fontsize=size, color=RED, fill=RED, render_mode=2,
                      border_width=0.05, morph=(pymupdf.Point(px, py), pymupdf.Matrix(-math.degrees(phi))))


def _page(draw, blur: float = 0.0):
    doc = pymupdf.open()
    p = doc.new_page(width=842, height=595)
    draw(p)
    page = page_from_pdf(doc.tobytes(), 150)
    if blur:
        px = cv2.GaussianBlur(page.raster.pixels.astype(np.float32), (0, 0), blur)
        page = replace(page, raster=replace(page.raster, pixels=np.clip(px, 0, 255).astype(np.uint8)))
    return page


def _search(page, **kw):
    from redactor.detect.regions.planes import planes_of
    from redactor.detect.regions.seal import SealDetector

    found = SealDetector(**kw)._search(page, planes_of(page, None).upright(), page.raster.pixels, 150 / 72)
    return found[0] if found else []


def test_a_stamp_touching_a_red_frame_is_found_with_the_rules_taken_away():
    def certificate(p):
        p.draw_rect(pymupdf.Rect(20, 20, 822, 575), color=RED, width=3)
        p.draw_line((20, 505), (822, 505), color=RED, width=2.5)          # the frame's inner rule, across the stamp
        draw_seal(p, (640, 460), 62, NAME)

    page = _page(certificate)
    [seal] = _search(page)
    assert not seal.read_to_keep and seal.coverage >= 0.9
    cx, cy = seal.center
    assert abs(cx / (150 / 72) - 640) < 4 and abs(cy / (150 / 72) - 460) < 4
    assert _search(page, colour_rule_pt=0.0) == []                       # fails without: one outline with the frame


def test_a_whole_ring_refused_for_fill_is_a_stamp_only_where_its_ring_reads():
    from redactor.detect.regions.seal import SealDetector

    page = _page(lambda p: _heavy_seal(p, 300, 300, 63), blur=2.0)
    [seal] = _search(page)
    assert seal.read_to_keep and seal.coverage >= 0.9
    assert _search(page, read_filled_ring_coverage=0.0) == []             # fails without: refused for fill
    reads = SealDetector().detect(page, FakeOcr(NAME, 0.95))
    assert len(reads) == 1 and reads[0].text and reads[0].boxes[0].contains_point(300, 300)
    assert SealDetector().detect(page, FakeOcr("", 0.95)) == []            # a ring that reads nothing: no stamp


def test_a_filled_disc_stays_no_stamp():
    from redactor.detect.regions.seal import SealDetector

    page = _page(lambda p: p.draw_circle((300, 300), 60, color=RED, fill=RED))
    assert _search(page) == []
    assert SealDetector().detect(page, FakeOcr(NAME, 0.95)) == []


def test_a_stamp_of_large_characters_stays_a_stamp_by_its_strokes():
    """realdocs2 R21 (the employer's 测试印章 on its own certificate, four large characters inside the ring): the
    strict pass refuses it for fill and notes it for the strokes' pass; noted to be read as well, it must not stand
    for the strokes' pass's find -- it did, the stamp went to the reading alone, read nothing round its ring and was
    dropped, and the gate repaired it."""
    def stamp(p):
        r = 60.0
        p.draw_circle((300, 300), r - 0.035 * r, color=RED, width=0.07 * r)
        size = 0.7 * r
        for row, t in enumerate(("测试", "印章")):
            p.insert_text((300 - size, 300 - 0.1 * size + row * size), t, fontname=FONT, fontsize=size, color=RED)

    page = _page(stamp)
    only_outlines = {"faint_ink_level": 0, "pale_ink_level": 0, "colour_ring_arcs": False}
    [seal] = _strokes_second(page, **only_outlines)
    assert not seal.read_to_keep and seal.coverage >= 0.9


def _strokes_second(page, **kw):
    from redactor.detect.regions.planes import planes_of
    from redactor.detect.regions.seal import SealDetector

    found = SealDetector(**kw)._strokes_second(page, planes_of(page, None).upright(), page.raster.pixels, 150 / 72)
    return found[0] if found else []


def test_only_ink_running_past_a_stamp_asks_for_the_search_without_rules():
    """The search without straight runs is paid only where some run of ink is longer than the largest stamp: two
    stamps far apart on a page are no such run, a frame is."""
    from redactor.detect.regions.seal import _reaches_past_stamps

    mask = np.zeros((1200, 1700), np.uint8)
    cv2.circle(mask, (300, 300), 120, 1, 8)
    cv2.circle(mask, (1400, 900), 120, 1, 8)
    assert not _reaches_past_stamps(mask, 480)                # the ink's extent is the page's, no run is
    cv2.rectangle(mask, (40, 40), (1660, 1160), 1, 6)
    assert _reaches_past_stamps(mask, 480)
