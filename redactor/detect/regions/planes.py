"""One page's rendering as the region detectors read it, each plane made once for all of them.

Several detectors read the same planes of a page: its grey image (portraits, codes, photo
slots, signatures), its HSV image (stamp-pad inks, photo slots), and the page turned upright
(seals, signatures, portraits: ``base.upright``).  The detection stage (``redactor.detect``) builds
one ``PagePlanes`` per page and hands it to every detector, so each plane is computed on first
use and then shared; it lives for that page only (no cache outlives it).  A detector called
without one (tests, ``seal_ink``) builds its own.  Detectors must not write into the arrays.
"""

from __future__ import annotations

from functools import cached_property

import cv2
import numpy as np

from redactor.ink_components import colourless
from redactor.model import Page

from .base import page_pixels, to_gray, upright

__all__ = ["PagePlanes"]


class PagePlanes:
    """The rendering of ``page`` (``rgb``, None without one) and its grey and HSV planes, made lazily."""

    def __init__(self, page: Page) -> None:
        self.page = page

    @cached_property
    def rgb(self) -> np.ndarray | None:
        return page_pixels(self.page)

    @cached_property
    def gray(self) -> np.ndarray:
        assert self.rgb is not None
        return to_gray(self.rgb)

    @cached_property
    def hsv(self) -> np.ndarray:
        assert self.rgb is not None
        return cv2.cvtColor(self.rgb, cv2.COLOR_RGB2HSV)

    @cached_property
    def colourless(self) -> bool:
        """No pixel of the rendering has any colour: its HSV saturation is 0 everywhere, which is every pixel's
        red, green and blue being equal (OpenCV's 8-bit saturation is at least 1 wherever they differ: checked on
        every colour in ``tests/unit/test_seal_colourless_gate.py``).  A greyscale scan or copy; the seal search
        looks for no stamp-pad ink there (``SealDetector._search``).  Read off the HSV plane, made once anyway."""
        assert self.rgb is not None
        return colourless(self.hsv)

    @cached_property
    def _upright(self) -> PagePlanes:
        turned = upright(self.page)
        return self if turned is self.page else PagePlanes(turned)

    def upright(self) -> PagePlanes:
        """The planes of the page turned upright (``base.upright``): these when it needs no turn."""
        return self._upright


def planes_of(page: Page, planes: PagePlanes | None) -> PagePlanes:
    """``planes`` when they are the page's (the detection stage's), else new ones of ``page``."""
    return planes if planes is not None and planes.page is page else PagePlanes(page)
