"""Where the gate and policy disagree on what a mark is, a person looks; nothing is painted.  A pale purple
stamp above 持证人签名, kept by policy as the issuer's, was read by the gate's signature channel as pen strokes
and repaired: the issuer's stamp was painted out.  The seal channel reading the employer in a seal policy kept
is still a leak: the seal's own text is evidence policy did not have."""

from __future__ import annotations

from redactor.model import BBox, Leak
from redactor.verify import _kept_mark_is_review

STAMP = BBox(222, 261, 316, 350)


def _leak(where: str, box: BBox) -> Leak:
    return Leak(where=where, category="signature" if where == "signature" else "seal", page=1, bbox=box, boxes=(box,))


def test_pen_strokes_inside_a_kept_stamp_are_review():
    [lk] = _kept_mark_is_review([_leak("signature", BBox(225, 321, 275, 350))], {1: (("seal", STAMP),)})
    assert lk.severity == "review" and "seal policy kept" in lk.detail


def test_the_seal_channel_reading_the_employer_in_a_kept_seal_stays_a_leak():
    [lk] = _kept_mark_is_review([_leak("seal", BBox(230, 270, 310, 345))], {1: (("seal", STAMP),)})
    assert lk.severity == "leak"


def test_pen_strokes_inside_a_signature_policy_kept_as_another_persons_are_review():
    """A reviewer's signature on a scanned Word form, kept by its label (审核人), claimed by the gate's channel
    for 申请人签名: the repairs chased it across the row and the document was refused."""
    kept = {1: (("signature", BBox(432, 522, 497, 544)),)}
    [lk] = _kept_mark_is_review([_leak("signature", BBox(430, 526, 450, 543))], kept)
    assert lk.severity == "review" and "signature policy kept" in lk.detail


def test_strokes_beside_the_stamp_or_on_another_page_stay_leaks():
    beside = _leak("signature", BBox(153, 360, 267, 396))
    other_page = Leak(where="signature", category="signature", page=2, bbox=BBox(225, 321, 275, 350),
                      boxes=(BBox(225, 321, 275, 350),))
    out = _kept_mark_is_review([beside, other_page], {1: (("seal", STAMP),)})
    assert [lk.severity for lk in out] == ["leak", "leak"]
