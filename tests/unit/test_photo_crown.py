"""A white-ground portrait's box reaches the top of the head (``photo_edges._crown``).

Fresh structure seed 4153, a two-up scanned 干部任免审批表: growth adds whole rows while most of each is photo, the
hair narrows to a dome on a ground as white as the paper, and growth stopped 15 px below the top of the head; the
box covered 0.78 of the photo (a silent leak, main too).  Drawn here: a white-ground photo (hair dome, face,
shoulders) on white paper; and the same photo with hair cut straight across, whose growth reaches its top."""

from __future__ import annotations

import cv2
import numpy as np

from redactor.detect.regions.photo_edges import grow_photo_rect, photo_box

O = 300                             # the photo's offset on a page mostly paper
FACE = (O + 140, O + 160, O + 200, O + 220)         # u0, v0, u1, v1 (pixels)


def _page(dome: bool) -> np.ndarray:
    g = np.full((1000, 1000), 235, np.uint8)                                      # paper
    if dome:
        cv2.ellipse(g, (O + 170, O + 170), (48, 62), 0, 180, 360, 60, -1)         # the hair's dome, top at O+108
    else:
        cv2.rectangle(g, (O + 122, O + 108), (O + 218, O + 170), 60, -1)          # hair cut straight, top at O+108
    cv2.rectangle(g, (O + 122, O + 150), (O + 218, O + 200), 60, -1)              # hair beside the face
    cv2.ellipse(g, (O + 170, O + 190), (31, 38), 0, 0, 360, 150, -1)              # the face
    cv2.rectangle(g, (O + 105, O + 262), (O + 235, O + 330), 40, -1)              # shoulders to the photo's foot
    cv2.rectangle(g, (O + 150, O + 225), (O + 190, O + 262), 140, -1)             # the neck
    return g


def _box(gray: np.ndarray):
    rgb = cv2.cvtColor(gray, cv2.COLOR_GRAY2RGB)
    grown = grow_photo_rect(rgb, gray, FACE)
    frame = (FACE[0] - 60.0, FACE[1] - 60.0, FACE[2] + 60.0, FACE[3] + 120.0)
    return grown, photo_box(grown, frame, FACE, 0.2)


def test_a_white_ground_photo_is_boxed_up_to_the_top_of_its_hair():
    grown, box = _box(_page(dome=True))
    assert grown.crown is not None and grown.crown <= O + 112 < grown.rect[1], (grown, box)
    assert box[1] <= O + 110, box      # the dome's top (O+108) under the box, less the padding's few pixels


def test_a_photo_whose_growth_reached_the_top_of_the_head_keeps_its_box():
    grown, box = _box(_page(dome=False))
    assert grown.rect[1] <= O + 110 and (grown.crown is None or grown.rect[1] - grown.crown <= 2), grown
    assert box[1] == grown.rect[1] - 0.03 * max(grown.width, grown.height), (grown, box)
