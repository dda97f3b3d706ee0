"""A removed portrait leaves no part of its picture (``verify.pictures_whole``), proven on the output's pixels.

Before (realdocs3 R29, the 职称证书's portrait; the issue's ID-card copies): the box removed was the face, the
photo larger -- cap, hair, collar and a strip of the face stayed, and the check passed.  Now every picture a
removed portrait's box covers a large share of must be blank past the box, or the whole picture is a leak (the
repair paints it).  A face removed from a group photo and a photo inside a larger scanned card are not the
picture they sit in.  Drawn in code: a photo-like picture of noise and gradients.
"""

from __future__ import annotations

import numpy as np

from redactor.model import Action, BBox, Decision, Finding, Raster
from redactor.verify.pictures_whole import picture_leaks, removed_portraits

DPI = 144.0
S = 72.0 / DPI
PAGE = (595.0, 842.0)
PHOTO = BBox(418.0, 295.0, 518.0, 446.0)          # the picture's placement
FACE = BBox(432.0, 325.0, 508.0, 400.0)           # the box a face detector gives inside it


def _page(picture: BBox = PHOTO, painted: BBox | None = FACE) -> Raster:
    """White paper with a photo-like picture (gradients and noise) at ``picture`` and an opaque box at
    ``painted``."""
    h, w = int(PAGE[1] / S), int(PAGE[0] / S)
    px = np.full((h, w, 3), 255, np.uint8)
    u0, v0, u1, v1 = (int(round(c / S)) for c in picture.as_tuple())
    rng = np.random.default_rng(3)
    yy, xx = np.mgrid[v0:v1, u0:u1]
    photo = 90 + 60 * np.sin(xx / 9.0) + 40 * np.cos(yy / 13.0) + rng.normal(0, 12, xx.shape)
    px[v0:v1, u0:u1] = np.clip(photo, 0, 255).astype(np.uint8)[:, :, None]
    if painted is not None:
        a0, b0, a1, b1 = (int(round(c / S)) for c in painted.as_tuple())
        px[b0:b1, a0:a1] = 0
    return Raster(pixels=px, to_points=(S, 0, 0, S, 0, 0), dpi=DPI)


def _leaks(raster: Raster, images: list[BBox], removed: list[BBox], entity: str = "FACE"):  # noqa: ANN202
    return picture_leaks(raster, 1, images, [(b, entity) for b in removed], PAGE[0] * PAGE[1])


def test_a_portrait_removed_by_its_face_box_alone_is_a_leak_of_the_whole_picture() -> None:
    (leak,) = _leaks(_page(), [PHOTO], [FACE])
    assert leak.where == "picture" and leak.severity == "leak"
    assert leak.bbox.as_tuple() == BBox.enclosing([PHOTO, FACE]).as_tuple()


def test_the_whole_picture_painted_passes() -> None:
    assert _leaks(_page(painted=PHOTO), [PHOTO], [FACE, PHOTO]) == []
    assert _leaks(_page(painted=PHOTO), [PHOTO], [PHOTO]) == []
    # a box reaching past the picture on some sides and short of it on none (a padded photo box)
    wider = BBox(PHOTO.x0 - 10, PHOTO.y0 - 30, PHOTO.x1 + 4, PHOTO.y1 + 2)
    assert _leaks(_page(painted=wider), [PHOTO], [wider]) == []


def test_a_box_past_the_picture_on_one_side_and_short_on_another_proves_the_other() -> None:
    """The box reaches above the picture (a certificate's photo box padded up into the title) but stops short of
    its foot: the foot shows, and the strips are measured on the picture's side of the box only."""
    box = BBox(PHOTO.x0, PHOTO.y0 - 74.0, PHOTO.x1, PHOTO.y1 - 40.0)
    (leak,) = _leaks(_page(painted=box), [PHOTO], [box])
    assert leak.bbox.as_tuple() == BBox.enclosing([PHOTO, box]).as_tuple()


def test_a_face_from_a_group_photo_and_a_photo_cut_from_a_scanned_card_stay_as_cut() -> None:
    group = BBox(100.0, 100.0, 500.0, 330.0)
    face = BBox(150.0, 150.0, 200.0, 200.0)
    assert _leaks(_page(picture=group, painted=face), [group], [face]) == []
    card = BBox(80.0, 400.0, 500.0, 660.0)          # an ID card placed as one image, its photo on the right
    photo = BBox(380.0, 430.0, 480.0, 560.0)
    assert _leaks(_page(picture=card, painted=photo), [card], [photo], "PORTRAIT") == []
    # realdocs2 R25: the portrait the plan cut from a specimen card is a third of the card's image
    r25_card, r25_photo = BBox(127.6, 96.0, 467.6, 310.9), BBox(342.0, 104.0, 468.0, 301.0)
    assert _leaks(_page(picture=r25_card, painted=r25_photo), [r25_card], [r25_photo], "PORTRAIT") == []


def test_a_page_sized_picture_is_no_photo_of_its_own() -> None:
    scan = BBox(0.0, 0.0, PAGE[0], PAGE[1])
    assert _leaks(_page(picture=scan), [scan], [FACE]) == []


def test_the_removed_portraits_are_read_from_the_plans_records() -> None:
    def decision(entity: str, box: BBox, action: Action) -> Decision:
        return Decision(Finding(page=2, entity_type=entity, boxes=(box,), recognizer="t", score=1.0), action, "r", "")

    records = [decision("PORTRAIT", FACE, Action.REDACT), decision("SEAL", PHOTO, Action.REDACT),
               decision("PORTRAIT", PHOTO, Action.KEEP)]
    assert removed_portraits(records) == {2: ((FACE, "PORTRAIT"),)}


def test_a_portrait_box_short_of_its_picture_is_a_leak_too() -> None:
    """The plan took the picture for the photo (its box most of it) but the box stops short of an edge."""
    box = BBox(PHOTO.x0, PHOTO.y0, PHOTO.x1, PHOTO.y1 - 30.0)
    (leak,) = _leaks(_page(painted=box), [PHOTO], [box], "PORTRAIT")
    assert leak.bbox.as_tuple() == PHOTO.as_tuple()
