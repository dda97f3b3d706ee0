"""Where the boxes of a decision land, per source of the text."""

from redactor.model import Action, BBox, Decision, Finding
from redactor.redact import redaction_rects


def _rect(source: str, box: BBox) -> BBox:
    f = Finding(page=1, entity_type="ORGANIZATION", boxes=(box,), recognizer="applicant_value.v1", score=1.0,
                text="包头钢铁", start=0, end=4, explanation=(("source", source),))
    (r,) = redaction_rects(Decision(f, Action.REDACT, "own.employer", "test"))
    return r


def test_ocr_box_is_padded_little_above_and_below():
    # an OCR line box of 16 pt already reaches ~4 pt past the ink; the co-author printed 1.5 pt above it stays clear
    r = _rect("ocr", BBox(100, 452, 200, 468))
    assert 450.5 < r.y0 < 452 and 468 < r.y1 < 469.5
    assert r.x0 < 98 and r.x1 > 202                     # sideways the characters' cells are loose: padded fully


def test_hidden_layer_box_is_padded_on_every_side():
    r = _rect("hidden_layer", BBox(100, 452, 200, 468))
    assert r.y0 < 450 and r.y1 > 470 and r.x0 < 98 and r.x1 > 202


def test_text_layer_box_is_inset():
    r = _rect("text_layer", BBox(100, 452, 200, 468))
    assert r.y0 > 452 and r.y1 < 468
