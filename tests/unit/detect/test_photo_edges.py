"""Where a photo ends, found from its face: a white-background ID photo drawn in code on white paper."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from redactor.detect.regions.photo_edges import GrownPhoto, grow_photo_rect, photo_box

PHOTO = (200, 100, 400, 380)            # a 200 x 280 px (5:7) photo on a 600 x 500 px page
FACE = (245, 140, 355, 250)             # the cascade's face box, 0.55 of the photo's width
FRAME = (190.0, 84.0, 410.0, 392.0)     # a frame around the face, 2 face widths wide


def _white_background_photo(shoulders_to_the_edges: bool = True) -> np.ndarray:
    page = np.full((500, 600, 3), 244, np.uint8)                      # paper
    x0, y0, x1, y1 = PHOTO
    page[y0:y1, x0:x1] = 252                                          # the photo's white background
    cv2.ellipse(page, (300, 200), (60, 72), 0, 0, 360, (60, 50, 45), -1)      # hair 12 px above the face box
    cv2.ellipse(page, (300, 205), (48, 58), 0, 0, 360, (150, 120, 100), -1)   # the face
    left, right = (x0, x1) if shoulders_to_the_edges else (255, 345)
    body = np.array([[255, 245], [345, 245], [right, 310], [right, y1], [left, y1], [left, 310]], np.int32)
    cv2.fillPoly(page, [body], (40, 40, 60))                          # a dark jacket down to the photo's foot
    return page


def test_the_shoulders_give_the_width_and_an_id_photos_proportions_the_height():
    rgb = _white_background_photo()
    grown = grow_photo_rect(rgb, cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY), FACE)
    assert grown.shoulders is not None
    box = photo_box(grown, FRAME, FACE, white_bg_headroom=0.2)
    x0, y0, x1, y1 = PHOTO
    assert box[0] <= x0 and box[2] >= x1 and box[3] >= y1 and box[1] <= y0 + 0.05 * (y1 - y0)
    assert (box[2] - box[0]) * (box[3] - box[1]) <= 1.2 * (x1 - x0) * (y1 - y0)


def test_a_collar_narrower_than_the_shoulders_takes_the_frame():
    rgb = _white_background_photo(shoulders_to_the_edges=False)
    grown = grow_photo_rect(rgb, cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY), FACE)
    box = photo_box(grown, FRAME, FACE, white_bg_headroom=0.2)
    assert box[0] <= FRAME[0] and box[1] <= FRAME[1] and box[2] >= FRAME[2] and box[3] >= FRAME[3]


def test_no_run_along_the_foot_takes_the_frame():
    grown = GrownPhoto((250, 140, 350, 300), shoulders=None)
    box = photo_box(grown, FRAME, FACE, white_bg_headroom=0.2)
    assert box == (FRAME[0], FRAME[1], FRAME[2], FRAME[3])


def test_a_photo_with_headroom_is_its_grown_edges():
    grown = GrownPhoto((200, 100, 400, 380), shoulders=(200, 400))   # growth went 50 px above the face
    box = photo_box(grown, FRAME, FACE, white_bg_headroom=0.2)
    assert box == pytest.approx((191.6, 91.6, 408.4, 388.4))   # its edges + 3 % of its height


def test_paper_runs_between_stacked_thumbnails_but_not_between_faces_of_one_photo():
    from redactor.detect.regions.photo_edges import paper_between

    page = np.full((500, 300, 3), 244, np.uint8)
    page[40:160, 60:150] = (60, 120, 200)            # a thumbnail
    page[180:300, 60:150] = (200, 40, 50)            # another, 20 px of paper below it
    rng = np.random.default_rng(3)
    page[330:460, 20:280] = rng.integers(40, 160, (130, 260, 3))     # one group photo: a picture, not flat
    gray = cv2.cvtColor(page, cv2.COLOR_RGB2GRAY)
    assert paper_between(page, gray, (75, 60, 135, 120), (75, 200, 135, 260))
    assert not paper_between(page, gray, (40, 350, 100, 410), (180, 350, 240, 410))
    assert not paper_between(page, gray, (40, 350, 100, 410), (60, 380, 120, 440))     # overlapping: no gap


def _turned_photo(degrees: float) -> tuple[np.ndarray, np.ndarray]:
    """A 200 x 280 px photo with a blue background, turned ``degrees`` about its centre on a 600 x 500 px page
    (a phone photo's perspective), a table rule running past it; and its corners."""
    page = np.full((500, 600, 3), 244, np.uint8)
    corners = cv2.boxPoints(((300.0, 240.0), (200.0, 280.0), degrees)).astype(np.int32)
    cv2.fillPoly(page, [corners], (70, 110, 190))                     # the background
    cv2.ellipse(page, (300, 205), (48, 58), degrees, 0, 360, (150, 120, 100), -1)   # the face
    cv2.line(page, (40, 460), (560, 460), (30, 30, 30), 2)            # a rule under the photo
    return page, corners


@pytest.mark.parametrize("degrees", [6.0, -9.0])
def test_a_turned_photo_is_covered_to_its_corners(degrees):
    rgb, corners = _turned_photo(degrees)
    grown = grow_photo_rect(rgb, cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY), FACE)
    assert grown.tilted is not None
    box = photo_box(grown, FRAME, FACE, white_bg_headroom=0.2)
    assert box[0] <= corners[:, 0].min() and box[1] <= corners[:, 1].min()
    assert box[2] >= corners[:, 0].max() - 1 and box[3] >= corners[:, 1].max() - 1
    assert box[3] < 455                                               # not over the rule under it


def test_an_upright_photo_has_no_turned_extent():
    rgb, _ = _turned_photo(0.0)
    grown = grow_photo_rect(rgb, cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY), FACE)
    assert grown.tilted is None
