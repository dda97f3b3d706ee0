"""No ring of the photo round a portrait painted on a scan (``verify.picture_ring``), proven on the output's pixels.

Found on realdocs D11 (a 300-dpi colour scan of a résumé) by this check's first run: the portrait's box stopped
8 pt short of the photo's right edge -- a strip of hair and scarf stayed -- and the face channel, finding no face,
passed it.  A scan has no image object whose edges ``pictures_whole`` could measure; this check reads a band
outside every side of a removed portrait's box and grows a leak over the picture it finds there.  Print, rules,
a card's pale patterned ground, other painted boxes and a group photo's other faces are not a ring.  Drawn in
code: a photo-like picture of noise and gradients, dark hair-like and saturated ground-like parts.
"""

from __future__ import annotations

import numpy as np
import pymupdf
import pytest

from redactor.config import PictureRingConfig, load_config
from redactor.model import Action, ApplicantProfile, BBox, Decision, Finding, Raster
from redactor.verify import VerifyOptions, verify_pdf
from redactor.verify.picture_ring import ring_leaks, ring_sides

DPI = 150.0
S = 72.0 / DPI
PAGE = (595.0, 842.0)
PHOTO = BBox(418.0, 295.0, 518.0, 446.0)          # the photo printed on the scanned page
FACE = BBox(432.0, 325.0, 508.0, 400.0)           # a box that stops at the face
P = PictureRingConfig()


def _px(box: BBox) -> tuple[int, int, int, int]:
    return tuple(int(round(c / S)) for c in box.as_tuple())  # type: ignore[return-value]


def _page(photo: BBox | None = PHOTO, painted: tuple[BBox, ...] = (FACE,), ground: int = 255,
          colour: bool = False) -> np.ndarray:
    """Paper (``ground`` grey) with a photo-like picture at ``photo`` and opaque boxes at ``painted``."""
    h, w = int(PAGE[1] / S), int(PAGE[0] / S)
    px = np.full((h, w, 3), ground, np.uint8)
    if photo is not None:
        u0, v0, u1, v1 = _px(photo)
        u1, v1 = min(u1, w), min(v1, h)
        rng = np.random.default_rng(3)
        yy, xx = np.mgrid[v0:v1, u0:u1]
        tone = 90 + 50 * np.sin(xx / 9.0) + 30 * np.cos(yy / 13.0) + rng.normal(0, 12, xx.shape)
        px[v0:v1, u0:u1] = np.clip(tone, 0, 255).astype(np.uint8)[:, :, None]
        if colour:                                   # a blue ground, as an ID photo's
            px[v0:v1, u0:u1] = (60, 110, 200)
    for b in painted:
        a0, b0, a1, b1 = _px(b)
        px[b0:b1, a0:a1] = 0
    return px


def _raster(px: np.ndarray) -> Raster:
    return Raster(pixels=px, to_points=(S, 0, 0, S, 0, 0), dpi=DPI)


def _leaks(px: np.ndarray, removed: list[tuple[BBox, str]], proven: tuple[BBox, ...] = (),
           painted: tuple[BBox, ...] = ()):  # noqa: ANN202
    return ring_leaks(_raster(px), 1, removed, proven, painted, P)


def test_a_portrait_painted_at_its_face_leaves_a_ring_grown_to_the_photo() -> None:
    (leak,) = _leaks(_page(), [(FACE, "PORTRAIT")])
    assert leak.where == "picture" and leak.severity == "leak" and leak.category == "photo"
    grown = leak.bbox
    # the leak reaches the photo's edges on every side (within a pixel or two), no further
    for got, want in zip(grown.as_tuple(), PHOTO.as_tuple()):
        assert abs(got - want) <= 2 * S + 0.5, (grown, PHOTO)


def test_a_coloured_ground_round_the_box_is_a_ring() -> None:
    (leak,) = _leaks(_page(colour=True), [(FACE, "PORTRAIT")])
    assert leak.bbox.intersection_area(PHOTO) >= 0.97 * PHOTO.area


def test_the_whole_photo_painted_passes_and_so_does_a_padded_box() -> None:
    assert _leaks(_page(painted=(PHOTO,)), [(PHOTO, "PORTRAIT")]) == []
    padded = PHOTO.expanded(6.0)
    assert _leaks(_page(painted=(padded,)), [(padded, "PORTRAIT")]) == []


def test_the_repair_painted_over_the_ring_proves_the_first_box() -> None:
    """After the repair, the plan's records hold both boxes: the first one's band now lies under the repair's
    paint, which is neither picture nor paper."""
    px = _page(painted=(FACE, PHOTO))
    assert _leaks(px, [(FACE, "PORTRAIT"), (PHOTO, "PORTRAIT")], painted=(FACE, PHOTO)) == []


def test_print_rules_and_a_cards_pale_patterned_ground_are_no_ring() -> None:
    px = _page(photo=None, painted=(PHOTO,), ground=255)
    u0, v0, u1, v1 = _px(PHOTO)
    # a card's pale ground round the photo with fine guilloche lines, 30 grey levels under the paper
    card = (u0 - 120, v0 - 60, u1 + 40, v1 + 60)
    px[card[1]:card[3], card[0]:card[2]] = 225
    for k in range(card[1], card[3], 5):
        px[k, card[0]:card[2]] = 190
    px[v0:v1, u0:u1] = 0
    # a table rule along the box's foot, and glyph-like strokes beside it
    px[v1 + 8:v1 + 10, u0 - 40:u1 + 40] = 20
    for k in range(6):
        x = u0 - 60 + 9 * k
        px[v0 + 20:v0 + 44, x:x + 2] = 30
        px[v0 + 30:v0 + 32, x - 3:x + 5] = 30
    assert _leaks(px, [(PHOTO, "PORTRAIT")]) == []


def test_a_shadow_past_a_cards_pale_edge_is_no_ring() -> None:
    """An ID card photographed on a dark table, its photo painted whole: a strip of the card's pale ground lies
    between the box and the table's dark, which fills most of the band but does not run on from the box."""
    px = _page(photo=None, painted=(PHOTO,))
    u0, v0, u1, v1 = _px(PHOTO)
    px[:, u1 + 16:] = 40                           # the table, 16 px (7.7 pt) past the box's right side (an ID
    assert _leaks(px, [(PHOTO, "PORTRAIT")]) == []  # card's photo sits 3-5 mm inside its edge)
    px[:, u1:u1 + 16] = 40                         # the same dark running on from the box: the photo's remnant
    (leak,) = _leaks(px, [(PHOTO, "PORTRAIT")])
    assert leak.bbox.x1 > PHOTO.x1 + 16 * S


def test_another_painted_box_beside_the_portrait_is_no_ring() -> None:
    name = BBox(PHOTO.x0, PHOTO.y1 + 1.0, PHOTO.x1 + 40.0, PHOTO.y1 + 30.0)    # a redacted line below the photo
    px = _page(painted=(PHOTO, name))
    assert _leaks(px, [(PHOTO, "PORTRAIT")], painted=(PHOTO, name)) == []
    assert _leaks(px, [(PHOTO, "PORTRAIT")]), "without knowing it is paint, the box's black would read as picture"


def test_a_face_removed_alone_and_a_box_proven_by_its_picture_are_left_to_their_channels() -> None:
    px = _page()
    assert _leaks(px, [(FACE, "FACE")]) == []                       # a group photo's other people stay
    assert _leaks(px, [(FACE, "PORTRAIT")], proven=(FACE,)) == []   # ``pictures_whole`` measured its picture


def test_a_box_at_the_pages_edge_measures_the_sides_it_has() -> None:
    edge = BBox(PAGE[0] - 60.0, 300.0, PAGE[0], 380.0)
    photo = BBox(PAGE[0] - 90.0, 280.0, PAGE[0], 400.0)
    found = ring_sides(_raster(_page(photo=photo, painted=(edge,))), edge, P)
    assert found is not None and "right" not in found[0] and "left" in found[0]


def test_the_numbers_are_the_configurations() -> None:
    assert load_config().verify.picture_ring == P
    blind = P.model_copy(update={"darker": 255.0, "saturation_min": 255.0})    # nothing is picture
    assert ring_leaks(_raster(_page()), 1, [(FACE, "PORTRAIT")], (), (), blind) == []
    assert ring_leaks(_raster(_page()), 1, [(FACE, "PORTRAIT")], (), (), P)


@pytest.mark.parametrize("repaired", [False, True])
def test_verify_withholds_a_scan_whose_portrait_box_stops_at_the_face(tmp_path, repaired: bool) -> None:
    """Through ``verify_pdf`` on a PDF: a scanned page (one page-sized image), the plan's portrait box at the
    face.  The check, reading no OCR, finds the ring; once the photo is painted whole, it passes."""
    px = _page(painted=(FACE, PHOTO) if repaired else (FACE,))
    png = tmp_path / "scan.png"
    from PIL import Image
    Image.fromarray(px).save(png)
    pdf = tmp_path / "scan.pdf"
    doc = pymupdf.open()
    page = doc.new_page(width=PAGE[0], height=PAGE[1])
    page.insert_image(page.rect, filename=str(png))
    doc.save(pdf)
    doc.close()
    records = [Decision(Finding(page=1, entity_type="PORTRAIT", boxes=(FACE,), recognizer="portrait.v1", score=1.0),
                         Action.REDACT, "own.photo.portrait", "the applicant's")]
    if repaired:
        records.append(Decision(Finding(page=1, entity_type="PORTRAIT", boxes=(PHOTO,), recognizer="verify_repair.v1",
                                        score=1.0), Action.REDACT, "repair.picture",
                                "repaired"))
    profile = ApplicantProfile(name="程雨桐", employers=("北海市第三测绘院",))
    report = verify_pdf(str(pdf), profile, None, VerifyOptions(dpi=DPI), records, "out.pdf")
    rings = [lk for lk in report.failures if lk.where == "picture"]
    if repaired:
        assert report.passed, report.leaks
    else:
        assert not report.passed and len(rings) == 1 and rings[0].bbox.intersection_area(FACE) == FACE.area
        assert rings[0].bbox.area > 1.5 * FACE.area
