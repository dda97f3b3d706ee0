"""Stamp-pad ink as bands of hue, with a least saturation and value: one mask function, named bands."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import cv2
import numpy as np

from redactor.marks import setting


@dataclass(frozen=True)
class InkBand:
    """Pixels whose hue lies in one of ``hues`` (inclusive), with saturation >= ``s_min`` and value >= ``v_min``;
    ``dominance``: levels by which the ink's colour must stand over the other channels (the caller's test)."""

    hues: tuple[tuple[int, int], ...]
    s_min: int
    v_min: int
    dominance: int = 0


@cache
def ink_band(name: str) -> InkBand:
    """The named band of ``configs/marks.yaml`` (``detect.red``, ``gate.red_pale`` ...)."""
    d = setting("ink", name)
    return InkBand(tuple(tuple(h) for h in d.hues), d.s_min, d.v_min, d.dominance)


def band_mask(hsv: np.ndarray, band: InkBand) -> np.ndarray:
    """255 where ``hsv`` (the rendering in OpenCV's 8-bit HSV) is in ``band``, else 0."""
    m = None
    for lo, hi in band.hues:
        r = cv2.inRange(hsv, (lo, band.s_min, band.v_min), (hi, 255, 255))
        m = r if m is None else cv2.bitwise_or(m, r)
    assert m is not None, "an ink band has at least one hue range"
    return m


def white_balanced(rgb: np.ndarray) -> np.ndarray:
    """``rgb`` with the paper made neutral white: each channel divided by the paper's value (its
    90th percentile on a sample).  A scan's warm or tinted paper multiplies every pixel's colour;
    a pale impression (alpha about 0.45) is only 10-20 levels of chroma from such paper, and the
    tint, undone by subtraction (seal.v1's ``_paper_offset``), is as large as that in black print's grey.
    (The float32 product, clipped, of each of a channel's 256 levels, looked up.)"""
    sample = rgb[::5, ::5].reshape(-1, 3)
    if sample.size == 0:
        return rgb
    paper = np.maximum(np.percentile(sample, 90, axis=0).astype(np.float32), 1.0)
    lut = np.clip(np.arange(256, dtype=np.float32)[:, None] * (255.0 / paper), 0, 255).astype(np.uint8)
    return cv2.LUT(np.ascontiguousarray(rgb), lut.reshape(256, 1, 3))
