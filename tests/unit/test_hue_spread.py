"""The hue spread of ink of one hue is zero, not NaN (rounding puts the mean resultant length a hair over 1)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from redactor.detect.regions.signature_strokes import hue_spread


@pytest.mark.parametrize("hue, n", [(1, 1), (1, 5), (60, 33), (120, 1000), (179, 7)])
def test_one_hue_has_no_spread(hue, n):
    spread = hue_spread(np.full(n, hue, np.uint8))
    assert not math.isnan(spread) and spread < 1e-3


def test_hues_either_side_of_the_wrap_are_close():
    assert hue_spread(np.array([0, 179, 1, 178], np.uint8)) < 2.0       # red: 0 and 179 are neighbours
    assert hue_spread(np.array([0, 45, 90, 135], np.uint8)) > 30.0
