"""A photo printed in a thin frame, its background as pale as the paper: the frame bounds it (a phone photo
of a 资格证书, seed 61507: a guess of ID proportions around the face ran 90 pt past the photo, over the
issuer's seal at its corner and the signature below).  Drawn in code: a frame, dark clothes touching it, a
stamp's pale ring over its corner, a slight lean as in a phone photo."""

from __future__ import annotations

import cv2
import numpy as np

from redactor.detect.regions.photo_edges import framed_photo

FRAME = (360, 414, 586, 722)        # pixels, as in the phone photo (u0, v0, u1, v1)
FACE = (397, 531, 568, 701)


def _page(frame: tuple[int, int, int, int] | None = FRAME, lean: float = 0.6) -> np.ndarray:
    g = np.full((1400, 1200), 214, np.uint8)
    rng = np.random.default_rng(7)
    if frame is not None:
        u0, v0, u1, v1 = frame
        cv2.rectangle(g, (u0, v0), (u1, v1), 110, 3)
        g[v1 - 60:v1, u0:u0 + 90] = 40                                  # dark clothes touching the frame
        cv2.ellipse(g, (470, 600), (60, 80), 0, 0, 360, 120, -1)        # hair and face, darker than the paper
    cv2.circle(g, (600, 740), 80, 165, 4)                               # a stamp's pale ring over the corner
    g = np.clip(g.astype(int) + rng.normal(0, 6, g.shape), 0, 255).astype(np.uint8)
    m = cv2.getRotationMatrix2D((600, 600), lean, 1.0)
    return cv2.warpAffine(g, m, (g.shape[1], g.shape[0]), borderValue=214)


def test_the_frame_bounds_the_photo_through_clothes_and_a_stamps_ring():
    r = framed_photo(_page(), FACE)
    assert r is not None
    assert all(abs(a - b) <= 8 for a, b in zip(r, FRAME)), r


def test_no_frame_and_a_frame_far_larger_than_a_photo_say_nothing():
    assert framed_photo(_page(frame=None), FACE) is None
    assert framed_photo(_page(frame=(20, 20, 1180, 1380)), FACE) is None
