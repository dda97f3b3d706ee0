"""A kept seal stamped over the corner of the applicant's removed photo (issue 10: a certificate's
issuing authority stamps over the holder's photo).  By default the whole photo goes, with the seal's
part over it; with ``policy.seal_over_photo: spare_seal`` the photo goes, the seal's pixels outside
the face stay, and a seal over the face is removed with the photo and flagged for review."""

from __future__ import annotations

import math

import pytest

from redactor.config import load_config, profile_from_mapping
from redactor.model import Action, BBox, Finding
from redactor.policy import decide
from tests.synth import APPLICANT

PHOTO = BBox(70, 120, 169, 259)                 # a 2-inch photo
FACE = (100, 140, 140, 185)                     # the face in its upper middle
CORNER_SEAL = BBox(131, 221, 207, 297)          # a 76 pt seal centred on the photo's lower right corner
AUTHORITY = "内蒙古自治区人力资源和社会保障厅"


def _portrait(face=FACE, entity="PORTRAIT"):
    expl = (("kind", "id_photo"), ("faces", 1)) + ((("face_box", face),) if face else ())
    return Finding(page=1, entity_type=entity, boxes=(PHOTO,), recognizer="portrait.v1", score=0.9, explanation=expl)


def _seal(box, text=AUTHORITY):
    return Finding(page=1, entity_type="SEAL", boxes=(box,), recognizer="seal.v1", score=0.9, text=text,
                   explanation=(("readable", True), ("ocr_score", 0.95)))


@pytest.fixture(scope="module")
def setup():
    policy = load_config().policy.model_copy(update={"seal_over_photo": "spare_seal"})
    return profile_from_mapping(APPLICANT.profile()), policy


@pytest.mark.issue(10)
def test_by_default_the_whole_photo_goes_under_a_kept_seal():
    """The default: no opening in the photo for the seal -- the neck, shoulders and clothes
    under the ring went unredacted on photographed certificates."""
    ds = _decisions([_portrait(), _seal(CORNER_SEAL)], (profile_from_mapping(APPLICANT.profile()),
                                                         load_config().policy))
    photo, seal = ds["PORTRAIT"], ds["SEAL"]
    assert seal.action is Action.KEEP and photo.action is Action.REDACT
    assert photo.finding.boxes == (PHOTO,)                   # the whole photo, one box
    assert "kept seal" in photo.reason and not photo.needs_review


@pytest.mark.issue(10)
def test_by_default_a_seal_mostly_over_the_photo_is_still_spared_and_flagged():
    """The whole photo would take most of the authority's seal with it (3/4 on burnt seed 96305's
    photographed certificate; here 54 %): the seal's ring is spared, the photo flagged for review."""
    seal = BBox(110, 200, 190, 280)                  # centred inside the photo's lower part, below the head
    ds = _decisions([_portrait(), _seal(seal)], (profile_from_mapping(APPLICANT.profile()), load_config().policy))
    photo = ds["PORTRAIT"]
    assert photo.action is Action.REDACT and photo.needs_review and len(photo.finding.boxes) > 1
    for x in range(70, 170, 2):                       # the head is covered whatever lies over it
        for y in range(120, 189, 2):
            if 94 <= x <= 146 and 118 <= y <= 189:
                assert _covered(photo.finding.boxes, x, y), (x, y)
    assert "54%" in photo.reason


def _decisions(findings, setup):
    prof, cfg = setup
    ds = decide(findings, prof, cfg).decisions
    return ({d.finding.entity_type: d for d in ds})


def _covered(boxes, x, y) -> bool:
    return any(b.x0 <= x <= b.x1 and b.y0 <= y <= b.y1 for b in boxes)


def _ring(seal: BBox, n: int = 360):
    cx, cy = seal.center
    for i in range(n):
        t = 2 * math.pi * i / n
        yield cx + seal.width / 2 * math.cos(t), cy + seal.height / 2 * math.sin(t)


def _inside(b: BBox, x, y) -> bool:
    return b.x0 < x < b.x1 and b.y0 < y < b.y1


@pytest.mark.issue(10)
def test_a_kept_seal_over_the_photos_corner_is_spared(setup):
    ds = _decisions([_portrait(), _seal(CORNER_SEAL)], setup)
    photo, seal = ds["PORTRAIT"], ds["SEAL"]
    assert seal.action is Action.KEEP and photo.action is Action.REDACT
    boxes = photo.finding.boxes
    ring_in_photo = [(x, y) for x, y in _ring(CORNER_SEAL) if _inside(PHOTO, x, y)]
    assert ring_in_photo, "premise: the ring crosses the photo"
    assert not any(_covered(boxes, x, y) for x, y in ring_in_photo)       # the ring over the photo survives
    # the face (and its head) is covered everywhere; the photo outside the seal is covered everywhere
    for x in range(70, 170, 2):
        for y in range(120, 260, 2):
            cx, cy = CORNER_SEAL.center
            outside_seal = ((x - cx) / 44.0) ** 2 + ((y - cy) / 44.0) ** 2 > 1.0     # ring + margin + a band
            in_face = 94 <= x <= 146 and 118 <= y <= 189     # the head: face box + 0.15 w, 0.5 h up, 0.1 h down
            if (outside_seal or in_face) and _inside(PHOTO, x, y):
                assert _covered(boxes, x, y), (x, y)
    assert all(_inside(PHOTO.expanded(0.01), b.x0 + 0.01, b.y0 + 0.01) for b in boxes)
    left_open = PHOTO.area - sum(b.area for b in boxes)
    assert 0 < left_open < 0.15 * PHOTO.area
    assert not photo.needs_review


@pytest.mark.issue(10)
def test_a_kept_seal_over_the_face_is_removed_with_the_photo_and_flagged(setup):
    over_face = BBox(100, 135, 140, 185)            # inside the head
    ds = _decisions([_portrait(), _seal(over_face)], setup)
    photo = ds["PORTRAIT"]
    assert photo.action is Action.REDACT and photo.needs_review
    assert photo.finding.boxes == (PHOTO,)
    assert "face" in photo.reason


@pytest.mark.issue(10)
def test_a_kept_seal_reaching_into_the_head_is_spared_only_outside_it_and_flagged(setup):
    low = BBox(100, 175, 140, 215)                  # its top over the chin, the rest below
    ds = _decisions([_portrait(), _seal(low)], setup)
    photo = ds["PORTRAIT"]
    assert photo.action is Action.REDACT and photo.needs_review
    boxes = photo.finding.boxes
    assert len(boxes) > 1
    for x in range(94, 147, 2):                     # the head stays covered
        for y in range(120, 190, 2):
            assert _covered(boxes, x, y), (x, y)
    assert not _covered(boxes, 120, 213)            # the ring's bottom, below the head, stays


@pytest.mark.issue(10)
def test_no_face_box_means_the_whole_photo_goes_flagged(setup):
    ds = _decisions([_portrait(face=None), _seal(CORNER_SEAL)], setup)
    assert ds["PORTRAIT"].finding.boxes == (PHOTO,) and ds["PORTRAIT"].needs_review


@pytest.mark.issue(10)
def test_the_employers_seal_over_the_photo_goes_with_it(setup):
    ds = _decisions([_portrait(), _seal(CORNER_SEAL, text=APPLICANT.employer)], setup)
    assert ds["SEAL"].action is Action.REDACT
    assert ds["PORTRAIT"].finding.boxes == (PHOTO,) and not ds["PORTRAIT"].needs_review


@pytest.mark.issue(10)
def test_a_large_oval_over_the_photos_lower_part_is_spared_outside_the_head(setup):
    """A wide authority oval over the lower third of a photographed certificate's photo opens ~20 % of the
    photo (shoulders, inside the ring only): the seal is spared, the head stays covered, flagged if it
    reaches into the head; a seal over most of the photo is still removed with it."""
    oval = BBox(110, 205, 210, 272)                 # 100 x 67 pt, like the phone photo's 2-ring oval
    ds = _decisions([_portrait(), _seal(oval)], setup)
    photo = ds["PORTRAIT"]
    boxes = photo.finding.boxes
    left_open = PHOTO.area - sum(b.area for b in boxes)
    assert 0.15 * PHOTO.area < left_open < 0.25 * PHOTO.area, left_open / PHOTO.area
    ring_in_photo = [(x, y) for x, y in _ring(oval) if _inside(PHOTO, x, y) and y > oval.y0 + 1]
    assert ring_in_photo and not any(_covered(boxes, x, y) for x, y in ring_in_photo)
    for x in range(94, 147, 2):                     # the head stays covered
        for y in range(120, 190, 2):
            assert _covered(boxes, x, y), (x, y)
    huge = BBox(60, 150, 180, 270)                  # over most of the photo
    ds = _decisions([_portrait(), _seal(huge)], setup)
    assert ds["PORTRAIT"].finding.boxes == (PHOTO,) and ds["PORTRAIT"].needs_review
