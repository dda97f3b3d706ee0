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


def test_growth_stops_at_a_table_rule():
    """The next row's signature, joined by faint pixels across a 1-bit scan's dashed row rule, is another's."""
    ink, fainter = _canvas()
    ink[20:35, 150:200] = 1
    fainter[20:35, 150:200] = 1
    fainter[35:80, 170:172] = 1             # faint pixels down through the rule into the next row
    fainter[65:80, 140:210] = 1             # the next row's signature
    rules = np.zeros_like(ink)
    rules[50:52, 0:300] = 1
    assert with_fainter_strokes((150, 20, 200, 35), ink, fainter, 200, 80) == (140, 20, 210, 80)
    assert with_fainter_strokes((150, 20, 200, 35), ink, fainter, 200, 80, rules) == (150, 20, 200, 35)


def test_dashes_of_a_rule_that_touch_no_stroke_stay_out():
    from redactor.detect.regions.signature_ink import with_flourish

    ink = np.zeros((100, 400), np.uint8)
    ink[40:60, 150:200] = 1
    on_rules = np.zeros((100, 400), np.uint8)
    on_rules[66:68, 150:162] = 1            # a dash of the row rule, 6 px under the strokes
    assert with_flourish((150, 40, 200, 60), on_rules, 300, ink) == (150, 40, 200, 60)
    on_rules[60:63, 140:215] = 1            # the flourish itself, drawn on from the strokes
    assert with_flourish((150, 40, 200, 60), on_rules, 300, ink) == (140, 40, 215, 63)
