"""A pasted scan's tinted paper, a photo's coloured background: no stamp to the gate (issue 41 class 1, fresh seed
51873's 送审表, where a repair painted 290 x 200 pt of a pasted scan as an "unread stamp over the employer's name").
A stamp is strokes on paper: the inside of its ring shows the paper around it (``seals._shows_paper``)."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
from PIL import Image

from redactor.model import BBox, Raster
from redactor.verify.seals import _candidates

DPI = 150.0
S = 72.0 / DPI


def _page() -> np.ndarray:
    page = np.full((1754, 1240, 3), 255, np.uint8)
    # a pasted scan of a form's top rows: pinkish paper, a grid and print
    band = page[200:560, 80:1160]
    band[:] = (246, 226, 228)
    for y in range(0, 360, 60):
        cv2.line(band, (0, y), (1080, y), (40, 40, 40), 2)
    for x in (0, 180, 700, 1078):
        cv2.line(band, (x, 0), (x, 360), (40, 40, 40), 2)
    for k, y in enumerate(range(40, 360, 60)):
        cv2.putText(band, f"FIELD {k}   value {k * 7}", (20, y), cv2.FONT_HERSHEY_SIMPLEX, 1.0, (30, 30, 30), 2)
    return page


def _stamp(page: np.ndarray, centre: tuple[int, int], faint: bool) -> None:
    ink = (232, 150, 150) if faint else (205, 30, 40)
    cv2.circle(page, centre, 150, ink, 7)
    cv2.circle(page, centre, 20, ink, -1)          # the star's place
    for k in range(14):                           # the ring's characters
        a = np.radians(200 + k * 10)
        cx, cy = int(centre[0] + 110 * np.cos(a)), int(centre[1] + 110 * np.sin(a))
        cv2.rectangle(page, (cx - 9, cy - 9), (cx + 9, cy + 9), ink, 3)


def _boxes(page: np.ndarray, painted=()) -> list[BBox]:
    raster = Raster(pixels=page, dpi=DPI, to_points=(S, 0, 0, S, 0, 0))
    return [c[0] for c in _candidates(raster, painted)]


FIXTURE = Path(__file__).parents[2] / "fixtures" / "pasted_tinted_scan_150dpi.png"


def test_a_pasted_scans_tinted_paper_is_no_stamp_even_over_the_employers_painted_name():
    """The crop the gate saw (its 150-dpi rendering of the redacted 送审表, points 0-330 x 40-330; synthetic
    applicant), with the employer's removed alias painted inside the pasted scan."""
    pixels = np.asarray(Image.open(FIXTURE).convert("RGB"))
    raster = Raster(pixels=pixels, dpi=DPI, to_points=(S, 0, 0, S, 0, 40.0))
    assert [c[0] for c in _candidates(raster, [BBox(147.2, 248.4, 185.3, 264.1)])] == []


def test_faint_and_saturated_stamps_beside_it_are_still_found():
    page = _page()
    _stamp(page, (400, 1100), faint=False)
    _stamp(page, (900, 1350), faint=True)
    found = _boxes(page)
    centres = [((b.x0 + b.x1) / 2 / S, (b.y0 + b.y1) / 2 / S) for b in found]
    for cx, cy in ((400, 1100), (900, 1350)):
        assert any(abs(x - cx) < 40 and abs(y - cy) < 40 for x, y in centres), (cx, cy, centres)
    assert not any(200 <= y <= 560 for _, y in centres)
