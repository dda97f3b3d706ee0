"""A face found on a decoded QR code is no one's face (seed 29347, a scanned Word 申报表: the platform's code
went under an "ID photo" framed around its finder squares).  A portrait beside a code stays."""

from __future__ import annotations

from redactor.detect.portraits_off_codes import portraits_off_codes
from redactor.model import BBox, Finding

QR = BBox(48, 620, 104, 676)


def _portrait(box: BBox, face: BBox) -> Finding:
    return Finding(page=1, entity_type="PORTRAIT", boxes=(box,), recognizer="portrait.v1", score=0.55,
                   explanation=(("kind", "portrait"), ("face_box", face.as_tuple())))


def _code(decoded: bool = True) -> Finding:
    return Finding(page=1, entity_type="QR_CODE", boxes=(QR,), recognizer="qr_code.v1", score=0.99,
                   explanation=(("decoded", decoded),))


def test_a_face_on_a_decoded_code_is_dropped_and_the_code_stays():
    on_code = _portrait(BBox(24, 588, 109, 706), BBox(45.6, 613.5, 87.9, 655.8))
    out = portraits_off_codes([on_code, _code()])
    assert [f.entity_type for f in out] == ["QR_CODE"]


def test_a_portrait_beside_the_code_and_a_face_on_an_undecoded_pattern_stay():
    beside = _portrait(BBox(120, 600, 200, 710), BBox(135, 620, 185, 670))
    assert len(portraits_off_codes([beside, _code()])) == 2
    on_pattern = _portrait(BBox(24, 588, 109, 706), BBox(45.6, 613.5, 87.9, 655.8))
    assert len(portraits_off_codes([on_pattern, _code(decoded=False)])) == 2
