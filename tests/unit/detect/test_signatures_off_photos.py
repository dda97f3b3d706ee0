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


def test_strokes_inside_a_seals_ring_are_the_seals_and_a_signature_across_its_edge_stays():
    """Seed 91904 (a 项目任务书 scanned two-up, grey): the partner's stamp in the 合作单位 box beside the applicant's
    项目负责人（签字） line was removed as the applicant's signature -- its star and name are grey like pen ink."""
    from redactor.detect.signatures_off_photos import signatures_off_seals

    seal = _region("SEAL", BBox(338, 140, 413, 216))
    star_and_name = _region("SIGNATURE", BBox(342, 143, 398, 211), 0.8)      # inside the ring
    signed_across = _region("SIGNATURE", BBox(300, 160, 380, 200), 0.8)     # a signature the stamp was pressed over
    in_the_corner = _region("SIGNATURE", BBox(339, 141, 352, 152), 0.8)     # in the box's corner, off the ring
    out = signatures_off_seals([seal, star_and_name, signed_across, in_the_corner])
    assert out == [seal, signed_across, in_the_corner]
    assert signatures_off_seals([star_and_name]) == [star_and_name]        # no seal found: nothing changes


def test_a_signature_box_that_is_the_stamps_own_box_is_the_stamp():
    """A born-digital 资格证书 (variety seed 62190): the authority's purple oval stamp with no star, over the holder's
    photo just above 持证人签名, was found by the seal detector and, its whole ring, by the signature detector; the
    seal was kept as the issuer's and the "signature" removed as the applicant's, taking the seal with it.  A
    signature box that holds the seal's box and is little larger is the stamp; a signature the stamp is pressed
    over, running past it, stays."""
    from redactor.detect.signatures_off_photos import signatures_off_seals

    seal = _region("SEAL", BBox(118, 217, 221, 289))
    the_ring = _region("SIGNATURE", BBox(113, 213, 226, 293), 0.8)
    signed_under = _region("SIGNATURE", BBox(60, 230, 240, 290), 0.8)       # a signature the stamp was pressed on
    assert signatures_off_seals([seal, the_ring, signed_under]) == [seal, signed_under]
