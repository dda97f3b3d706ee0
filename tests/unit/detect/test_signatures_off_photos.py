"""A signature box inside a portrait is part of the photo; one beside it, or a label's marker, stays."""

from __future__ import annotations

from redactor.detect.signatures_off_photos import signatures_off_photos
from redactor.model import BBox, Finding


def _region(entity: str, box: BBox, score: float = 1.0, recognizer: str = "x") -> Finding:
    return Finding(page=1, entity_type=entity, boxes=(box,), recognizer=recognizer, score=score)


def test_a_signature_inside_the_photo_goes_and_the_others_stay():
    photo = _region("PORTRAIT", BBox(140, 130, 265, 290))
    on_photo = _region("SIGNATURE", BBox(190, 270, 248, 287), 0.7)
    below = _region("SIGNATURE", BBox(128, 328, 229, 359))
    across_edge = _region("SIGNATURE", BBox(200, 270, 300, 300))          # mostly off the photo
    marker = _region("SIGNATURE", BBox(150, 250, 250, 280), 0.0)          # a label asking for a signature
    seal = _region("SEAL", BBox(200, 240, 290, 330))
    out = signatures_off_photos([photo, on_photo, below, across_edge, marker, seal])
    assert on_photo not in out
    assert [f for f in out] == [photo, below, across_edge, marker, seal]


def test_without_a_portrait_nothing_changes():
    sigs = [_region("SIGNATURE", BBox(190, 270, 248, 287)), _region("PHOTO_SLOT", BBox(140, 130, 265, 290))]
    assert signatures_off_photos(sigs) == sigs
