"""A signature's fainter strokes go with it (hysteresis): a pen's thin line loses more contrast to blur than
print, and the lighter half of a holder's signature on a phone photo fell under the ink bar; only the darker
half was removed (a fresh seed's silent leak).  Faint ink that continues no signature stays."""

from __future__ import annotations

import numpy as np

from redactor.detect.regions.signature_ink import with_fainter_strokes


def _canvas() -> tuple[np.ndarray, np.ndarray]:
    ink = np.zeros((100, 300), np.uint8)
    fainter = np.zeros((100, 300), np.uint8)
    return ink, fainter


def test_the_fainter_half_of_a_signature_joins_it():
    ink, fainter = _canvas()
    ink[40:60, 150:200] = 1                 # the darker strokes: found
    fainter[40:60, 150:200] = 1
    fainter[45:50, 80:151] = 1              # a lighter stroke running on to the left
    assert with_fainter_strokes((150, 40, 200, 60), ink, fainter, 200, 60) == (80, 40, 200, 60)


def test_faint_ink_that_touches_no_signature_stays_out():
    ink, fainter = _canvas()
    ink[40:60, 150:200] = 1
    fainter[40:60, 150:200] = 1
    fainter[5:10, 20:120] = 1               # a pale stamp's arc above: not connected
    assert with_fainter_strokes((150, 40, 200, 60), ink, fainter, 200, 60) == (150, 40, 200, 60)


def test_a_box_that_would_outgrow_a_signature_stays():
    ink, fainter = _canvas()
    ink[40:60, 150:200] = 1
    fainter[40:60, 150:200] = 1
    fainter[0:100, 199:201] = 1             # a faint rule through it, the page's height
    assert with_fainter_strokes((150, 40, 200, 60), ink, fainter, 200, 60) == (150, 40, 200, 60)


def test_an_underline_flourish_erased_as_a_rule_goes_with_the_signature():
    from redactor.detect.regions.signature_ink import with_flourish

    on_rules = np.zeros((100, 400), np.uint8)
    on_rules[62:65, 140:215] = 1            # the flourish: a little wider than the glyphs above it
    assert with_flourish((150, 40, 200, 62), on_rules, 300) == (140, 40, 215, 65)


def test_a_table_rule_under_the_signature_stays_out():
    from redactor.detect.regions.signature_ink import with_flourish

    on_rules = np.zeros((100, 400), np.uint8)
    on_rules[62:65, 20:380] = 1             # the cell's rule runs on across the row
    assert with_flourish((150, 40, 200, 62), on_rules, 300) == (150, 40, 200, 62)
    beside = np.zeros((100, 400), np.uint8)
    beside[50:53, 230:245] = 1              # a short dash beside the name, not under it
    assert with_flourish((150, 40, 200, 62), beside, 300) == (150, 40, 200, 62)
