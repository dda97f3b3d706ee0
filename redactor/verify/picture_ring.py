"""Channel ``picture``, where a picture has no edges of its own: no ring of the photo round a painted portrait.

On a scan, a phone photo, or a card pasted as one image, an applicant's portrait is not an image object the check
could measure (``pictures_whole``): the page, or the card, is the picture.  Detection finds the photo's rectangle
from its own edges (``detect.regions.photo_edges``) and paints it; when that rectangle stops at the face, the cap,
hair, collar and the photo's ground stay round the box (the issue's ID-card copy scan), and the face channel,
finding no face, passes.  This check proves it on the output, with its own measure: a band just outside every side
of a removed portrait's box must show paper, or print and rules on paper -- not *picture*: solid patches (what an opening
by ``solid_pt`` leaves: no glyph's stroke, rule or guilloche line) of pixels much darker than the paper round them
or saturated past its tint, filling most of the band's width along a long run of the side.  Print fills a band's
width in short runs, a card's pale ground is not much darker than paper; a photo's remnant is hair and clothes,
skin, a coloured ground, in long runs (over the head, under the chin, along every side).

A side that shows picture is a ``leak`` whose box is the painted box grown over the picture pixels joined to
that band (their connected parts, within ``grow_share`` of the box's size): the pipeline's repair paints it, and
the check looks again at the new box.  Faces removed on their own (``FACE``: a face of a group photo, the check's
face repair) are left to the face channel: the rest of a group photo is other people's.  The numbers are
``verify.picture_ring`` in the configuration (``redactor.config.PictureRingConfig``).
"""

from __future__ import annotations

from collections.abc import Sequence

import cv2
import numpy as np

from redactor.config import PictureRingConfig
from redactor.model import BBox, Leak, Raster

__all__ = ["ring_leaks", "ring_sides"]

_WHOLE_PICTURES = ("PORTRAIT", "PHOTO_SLOT")


def ring_leaks(raster: Raster, number: int, removed: Sequence[tuple[BBox, str]], proven: Sequence[BBox],
               painted: Sequence[BBox], p: PictureRingConfig) -> list[Leak]:
    """A leak for every removed portrait's box (``removed``: box, entity) not in ``proven`` (boxes whose own
    picture ``pictures_whole`` measured) round which the page still shows picture.  ``painted``: every box the
    plan removed on the page (its paint is neither picture nor paper)."""
    leaks = []
    for box, entity in removed:
        if entity not in _WHOLE_PICTURES or any(box == b for b in proven):
            continue
        found = ring_sides(raster, box, p, painted)
        if found is None:
            continue
        sides, grown = found
        leaks.append(Leak(where="picture", category="photo", page=number, bbox=grown, boxes=(grown,),
                          detail=f"the page shows picture round a removed portrait's box ({', '.join(sides)}): "
                                 "the photo is removed to its edges"))
    return leaks


def ring_sides(raster: Raster, box: BBox, p: PictureRingConfig, painted: Sequence[BBox] = ()
               ) -> tuple[list[str], BBox] | None:
    """The sides of ``box`` (points) whose outer band shows picture, and the box grown over it; None when every
    side shows paper or print.  ``painted``: other boxes painted on the page, left out of both."""
    side = min(box.width, box.height)
    reach = max(box.width, box.height) * p.window_share
    window = raster.crop(box.expanded(reach))
    if window is None:
        return None
    px = np.asarray(window.pixels)
    if px.ndim != 3 or px.shape[2] < 3:
        px = np.repeat(px.reshape(px.shape[0], px.shape[1], 1), 3, axis=2)
    px = np.ascontiguousarray(px[:, :, :3])
    h, w = px.shape[:2]
    b = _pixel_box(window, box, w, h)
    if b is None:
        return None
    u0, v0, u1, v1 = b
    grey = px.astype(np.float32).mean(axis=2)
    sat = cv2.cvtColor(px, cv2.COLOR_RGB2HSV)[:, :, 1].astype(np.float32)
    outside = np.ones((h, w), bool)
    outside[v0:v1, u0:u1] = False
    for other in painted:
        o = _pixel_box(window, other, w, h)
        if o is not None:
            outside[o[1]:o[3], o[0]:o[2]] = False
    if outside.sum() < 16:
        return None
    paper_grey = float(np.percentile(grey[outside], p.paper_percentile))
    bright = outside & (grey >= paper_grey - p.paper_band)
    paper_sat = float(np.median(sat[bright])) if bright.any() else 0.0
    ppt = window.dpi / 72.0
    picture = (grey < paper_grey - p.darker) | (sat > max(p.saturation_min, paper_sat + p.saturation_over_paper))
    solid = max(1, int(round(p.solid_pt * ppt)))
    picture = cv2.morphologyEx((picture & outside).astype(np.uint8), cv2.MORPH_OPEN,
                               np.ones((solid, solid), np.uint8)).astype(bool)
    margin = max(1, int(round(p.margin_pt * ppt)))
    width = max(p.min_band_px, int(round(max(p.band_min_pt, p.band_share * side) * ppt)))
    bands = {   # (u0, v0, u1, v1, the band's inner edge -- the side next to the box -- at its start?, positions along x?)
        "above": (u0, max(0, v0 - margin - width), u1, max(0, v0 - margin), False, True),
        "below": (u0, min(h, v1 + margin), u1, min(h, v1 + margin + width), True, True),
        "left": (max(0, u0 - margin - width), v0, max(0, u0 - margin), v1, False, False),
        "right": (min(w, u1 + margin), v0, min(w, u1 + margin + width), v1, True, False),
    }
    shown: list[str] = []
    seeds = np.zeros((h, w), bool)
    for name, (a0, b0, a1, b1, inner_first, along_x) in bands.items():
        if a1 - a0 < p.min_band_px or b1 - b0 < p.min_band_px:
            continue                                   # the box reaches the edge of the page or of the window
        band = picture[b0:b1, a0:a1] if along_x else picture[b0:b1, a0:a1].T     # rows: across the band
        n = max(1, int(round(band.shape[0] * p.inner_share)))
        inner = band[:n] if inner_first else band[-n:]
        # per position along the side: the share of the band's width that is picture, and of its inner part --
        # a photo's remnant runs on from the box; a shadow or a table beyond a card's pale edge does not
        picture_at = (band.mean(axis=0) >= p.position_share) & (inner.mean(axis=0) >= p.position_share)
        if picture_at.mean() >= p.side_share:
            shown.append(name)
            seeds[b0:b1, a0:a1] = picture[b0:b1, a0:a1]
    if not shown:
        return None
    return shown, _grown(window, picture, seeds, b, box, p)


def _pixel_box(window: Raster, box: BBox, w: int, h: int) -> tuple[int, int, int, int] | None:
    corners = [window.to_pixels(x, y) for x in (box.x0, box.x1) for y in (box.y0, box.y1)]
    u0 = max(0, int(np.floor(min(c[0] for c in corners))))
    v0 = max(0, int(np.floor(min(c[1] for c in corners))))
    u1 = min(w, int(np.ceil(max(c[0] for c in corners))))
    v1 = min(h, int(np.ceil(max(c[1] for c in corners))))
    return (u0, v0, u1, v1) if u1 > u0 and v1 > v0 else None


def _grown(window: Raster, picture: np.ndarray, seeds: np.ndarray, b: tuple[int, int, int, int], box: BBox,
           p: PictureRingConfig) -> BBox:
    """The painted box and every connected part of the picture pixels that reaches a band showing picture,
    within ``grow_share`` of the box's size on each side (a remnant joined to print beyond stops there)."""
    u0, v0, u1, v1 = b
    h, w = picture.shape
    gu, gv = int(p.grow_share * (u1 - u0)), int(p.grow_share * (v1 - v0))
    lim = (max(0, u0 - gu), max(0, v0 - gv), min(w, u1 + gu), min(h, v1 + gv))
    joined = picture.astype(np.uint8)
    n, labels = cv2.connectedComponents(joined, connectivity=8)
    keep = np.unique(labels[seeds & (labels > 0)])
    a0, c0, a1, c1 = u0, v0, u1, v1
    if keep.size:
        vs, us = np.nonzero(np.isin(labels, keep))
        a0, c0 = min(a0, int(us.min())), min(c0, int(vs.min()))
        a1, c1 = max(a1, int(us.max()) + 1), max(c1, int(vs.max()) + 1)
    a0, c0, a1, c1 = max(a0, lim[0]), max(c0, lim[1]), min(a1, lim[2]), min(c1, lim[3])
    return BBox.enclosing([window.point_box(a0, c0, a1, c1), box])
