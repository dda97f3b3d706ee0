"""Channel ``picture``: a portrait the plan removed leaves no part of itself.

An applicant's portrait is a whole picture: the placed image, not the face inside it.  A box that covers the
face but not the photo leaves cap, hair, collar and the photo's edges on the page (realdocs3 R29 before its
fix: the repair painted the face box alone).  The check proves it on the output: every picture drawn on the
page (PDFium's image objects, ``pdfium_reader``) that a removed portrait's box covers in part must show nothing
past that box -- the part of the picture outside the box is blank in the output's own rendering.  Where it is
not, the picture shows: a ``leak`` whose box is the whole picture (the pipeline's repair paints it, and the
check looks again).

Which picture is the removed mark's own is read from the boxes alone (the check does not judge whose a picture
is): a portrait's box (``PORTRAIT``, ``PHOTO_SLOT``) covering ``portrait_share`` of a picture or more -- the plan
took that picture for the photo; a face's box (``FACE``: the check's own repair of a face, a face removed on its
own) that fills the picture as a photo's face does (``face_area_share`` of its area, ``face_side_share`` of a side:
detection's measure of a photo, ``PortraitDetector.min_face_area_share`` and ``portrait_min_face_ratio``).  A photo
the plan cut out of a scanned ID card or certificate placed as one image (realdocs2 R25: a third of the card), a
face from a group photo, are left as cut.  Pictures of a page-sized share of the page (a scan's page, a background)
have no edges of their own to prove: on a scan the portrait detector's box is the photo's rectangle found from its
own edges (``detect.regions.photo_edges``).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from redactor.config import PictureWholeConfig
from redactor.model import Action, BBox, Decision, Leak, Raster

__all__ = ["own_pictures", "part_left", "picture_leaks", "removed_portraits"]

PORTRAITS = ("PORTRAIT", "PHOTO_SLOT", "FACE")
DEFAULT = PictureWholeConfig()     # ``verify.picture_whole``: every number this channel decides by


def removed_portraits(records: Sequence[Decision]) -> dict[int, tuple[tuple[BBox, str], ...]]:
    """page -> (box, entity) of the portraits and faces the plan removed (the enclosing box of one cut around a
    kept seal), a repair's among them."""
    out: dict[int, list[tuple[BBox, str]]] = {}
    for d in records:
        f = d.finding
        if d.action is Action.REDACT and f.entity_type in PORTRAITS and f.boxes:
            out.setdefault(f.page, []).append((BBox.enclosing(f.boxes), f.entity_type))
    return {p: tuple(b) for p, b in out.items()}


def own_picture(box: BBox, entity: str, picture: BBox, p: PictureWholeConfig = DEFAULT) -> bool:
    """``picture`` is the one the removed ``box`` (a mark of ``entity``) removes: the plan took it for the photo,
    or the face fills it as a photo's face does."""
    shared = picture.intersection_area(box)
    if entity != "FACE":
        return shared >= p.portrait_share * picture.area
    return shared >= p.face_area_share * picture.area and (
        min(box.x1, picture.x1) - max(box.x0, picture.x0) >= p.face_side_share * picture.width
        or min(box.y1, picture.y1) - max(box.y0, picture.y0) >= p.face_side_share * picture.height)


def own_pictures(images: Sequence[BBox], removed: Sequence[tuple[BBox, str]], page_area: float,
                 p: PictureWholeConfig = DEFAULT) -> list[BBox]:
    """The removed boxes that have a picture of their own on the page (an image object this channel measures);
    the others are proven by ``picture_ring`` (a scan's, a photo's or a pasted card's portrait)."""
    return [box for box, entity in removed
            if any(0 < picture.area < p.max_page_share * page_area and own_picture(box, entity, picture, p)
                   for picture in images)]


def part_left(raster: Raster, picture: BBox, box: BBox, p: PictureWholeConfig = DEFAULT) -> list[BBox]:
    """The strips of ``picture`` outside ``box`` (each side it reaches past it by more than ``margin_pt``) that
    are not blank in the rendering ``raster``."""
    shown = []
    y0, y1 = max(picture.y0, box.y0), min(picture.y1, box.y1)
    sides = ((picture.x0, picture.y0, picture.x1, box.y0),       # above the box
             (picture.x0, box.y1, picture.x1, picture.y1),       # below
             (picture.x0, y0, box.x0, y1),                       # left
             (box.x1, y0, picture.x1, y1))                       # right
    for x0_, y0_, x1_, y1_ in sides:
        if x1_ - x0_ <= p.margin_pt or y1_ - y0_ <= p.margin_pt:
            continue
        strip = BBox(x0_, y0_, x1_, y1_)
        part = raster.crop(strip.expanded(-0.5))
        if part is None:
            continue
        px = np.asarray(part.pixels)
        if min(px.shape[:2]) < p.min_strip_px:
            continue
        grey = px.mean(axis=2) if px.ndim == 3 else px
        lo, hi = np.percentile(grey, (2, 98))
        if hi - lo > p.blank_spread:
            shown.append(strip)
    return shown


def picture_leaks(raster: Raster, number: int, images: Sequence[BBox], removed: Sequence[tuple[BBox, str]],
                  page_area: float, p: PictureWholeConfig = DEFAULT) -> list[Leak]:
    """A leak for every picture a removed portrait's or face's box (with its entity) removes in part whose rest
    still shows."""
    leaks = []
    for box, entity in removed:
        for picture in images:
            if picture.area <= 0 or picture.area >= p.max_page_share * page_area:
                continue
            if not own_picture(box, entity, picture, p):
                continue
            strips = part_left(raster, picture, box, p)
            if strips:
                whole = BBox.enclosing([picture, box])
                leaks.append(Leak(where="picture", category="photo", page=number, bbox=whole, boxes=(whole,),
                                  detail=f"a removed portrait's picture shows past its box ({len(strips)} side(s)): "
                                         "the picture is removed whole"))
    return leaks
