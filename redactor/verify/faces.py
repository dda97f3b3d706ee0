"""Channel ``face``: no face may show inside a box the plan removed.

OpenCV's own Haar cascade (``cv2.data``), independent of the portrait
detector in ``redactor.detect``, and the learned detector (``redactor.faces``)
beside it: a face either finds is a face, and the network's word confirms one.  Faces elsewhere on the page (outside every
removed box, on an image of portrait size) are decided as below.

Whose a face on the page's pictures is, this channel does not judge: it asks the photo decision policy makes
(``redactor.ownership.recheck.face_decision``: the plan's decision on that picture, else its cell's label, its
block, the page's subject, the name beside it).  A face the decision gives the applicant -- a bio's thumbnail
beside their removed name that detection missed -- fails the gate, once confirmed a face (mid-tones, a second
cascade); a face nothing ties to anyone is listed for review.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Sequence
from dataclasses import dataclass

import cv2
import numpy as np

from redactor.dither import DOTTED_SHARE, dotted
from redactor.faces import FaceSearch, find_faces
from redactor.model import Action, BBox, Decision, Leak, Raster
from redactor.ownership.recheck import MARKS_FOUND_BY_THE_CHECK, face_decision
from redactor.ownership.structure import PageStructure
from redactor.models_manifest import check as check_model, model_path

__all__ = ["face_leaks"]

_MIN_FACE_PT = 18.0
_SMOOTH_PT = 0.7          # a black-and-white scan's page: smoothed by this (Gaussian sigma, points) for the cascade
_BLACK = (0.2, 0.95)      # a thresholded photo's share of black in the face box (a dark face: its white features only)
_MIN_BLOB = 0.15          # ... and its largest black blob's, at least
_INSIDE = 0.5             # share of a face's box inside a removed box for the face to show in that box
_DOTTED = DOTTED_SHARE    # share of a black-and-white page's black pixels standing alone: dithered


@functools.lru_cache(maxsize=1)
def _cascade_path() -> str:
    return str(cv2.data.haarcascades) + "haarcascade_frontalface_default.xml"


_local = threading.local()


def _cascade() -> cv2.CascadeClassifier:
    """One classifier per thread (CascadeClassifier is not thread-safe; loading it costs ~30 ms)."""
    c = getattr(_local, "cascade", None)
    if c is None:
        c = _local.cascade = cv2.CascadeClassifier(_cascade_path())
    return c


def _uniform(raster: Raster, box: BBox) -> bool:
    """The inside of ``box`` is one colour (a painted box): no face can show there."""
    inner = raster.crop(box.expanded(-1.0)) if box.width > 4 and box.height > 4 else None
    return inner is not None and bool((inner.pixels == inner.pixels[0, 0]).all())


def _faces(raster: Raster, region: BBox, confirm: bool = False) -> list[BBox]:
    part = raster.crop(region, pad=2.0)
    if part is None:
        return []
    grey = cv2.cvtColor(np.ascontiguousarray(part.pixels), cv2.COLOR_RGB2GRAY)
    if float(grey.std()) < 4.0:                       # flat: a filled box
        return []
    cascade = _cascade()
    px = max(12, int(_MIN_FACE_PT * part.dpi / 72.0))
    scale = min(1.0, 24.0 / px)                       # the cascade's own window is 24 px: no finer raster needed
    if scale < 1.0:
        grey = cv2.resize(grey, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    found = cascade.detectMultiScale(grey, scaleFactor=1.1, minNeighbors=5, minSize=(24, 24))
    learned = [part.point_box(*lf.box) for lf in _learned(part.pixels, px)]
    boxes = [part.point_box(x / scale, y / scale, (x + w) / scale, (y + h) / scale) for (x, y, w, h) in found]
    if confirm:
        boxes = [b for b, r in zip(boxes, found) if _confirmed(grey, r) or any(_holds_centre(b, f) for f in learned)]
    return boxes + [f for f in learned if not any(_holds_centre(b, f) for b in boxes)]


def _learned(pixels: np.ndarray, smallest_px: float) -> list:  # list[redactor.faces.LearnedFace]
    """The learned detector's faces in ``pixels`` (its own threshold: a face it finds is confirmed)."""
    check_model("centerface")
    return find_faces(np.ascontiguousarray(pixels), model_path("centerface"), smallest_px, FaceSearch())


def _holds_centre(a: BBox, b: BBox) -> bool:
    """Each box holds the other's centre: one face boxed twice."""
    return a.contains_point(*b.center) and b.contains_point(*a.center)


@dataclass(frozen=True)
class _TwoToneFaces:
    """The faces of a black-and-white scan's page (its images one bit a pixel), searched once.

    A photo there is dots (dithered) or blobs (thresholded).  Smoothed, dots have their tones back;
    blobs the cascade sees as they are or smoothed, one or the other, and only at the rendering's
    resolution (a thumbnail's 25 pt face drawn in blobs), so both are searched, at full size.  In blobs
    a small face is found or missed by where the cascade's windows fall, so the page is searched once,
    its windows from the page's corner, and each region takes the faces whose centre it holds (searched
    crop by crop, the same thumbnail came and went with the neighbourhood's bounds)."""

    found: tuple[BBox, ...]
    confirmed: tuple[BBox, ...]

    @classmethod
    def of(cls, raster: Raster, region: BBox) -> "_TwoToneFaces":
        """Searched once, from the page's corner to the far corner of every region asked about (``region``):
        the cascade's windows start at the page's corner whatever the regions are."""
        h, w = raster.pixels.shape[:2]
        corners = [raster.to_pixels(x, y) for x in (region.x0 - 2, region.x1 + 2) for y in (region.y0 - 2, region.y1 + 2)]
        u1 = min(w, int(max(u for u, _ in corners)) + 1)
        v1 = min(h, int(max(v for _, v in corners)) + 1)
        if u1 < 24 or v1 < 24:
            return cls((), ())
        part = Raster(pixels=raster.pixels[:v1, :u1], to_points=raster.to_points, dpi=raster.dpi)
        grey = cv2.cvtColor(np.ascontiguousarray(part.pixels), cv2.COLOR_RGB2GRAY)
        smooth = cv2.GaussianBlur(grey, (0, 0), _SMOOTH_PT * part.dpi / 72.0)
        cascade = _cascade()
        # a dithered page's dots are nothing to the cascade as they are, and cost it 2-3x a thresholded page
        images = (smooth,) if _dotted(grey) else (grey, smooth)
        least = max(24, int(0.8 * _MIN_FACE_PT * part.dpi / 72.0))     # the smallest scales cost the most
        rects = [r for g in images for r in cascade.detectMultiScale(g, scaleFactor=1.1, minNeighbors=3,
                                                                     minSize=(least, least))]
        boxes = [(part.point_box(x, y, x + w, y + h), _confirmed(smooth, (x, y, w, h), two_tone=True))
                 for x, y, w, h in rects]
        found = _distinct([b for b, _ in boxes])
        return cls(tuple(found), tuple(b for b in found if any(c and b.intersection_area(o) > 0.5 * b.area
                                                             for o, c in boxes)))

    def within(self, region: BBox, confirm: bool = False) -> list[BBox]:
        return [f for f in (self.confirmed if confirm else self.found) if region.contains_point(*f.center)]


def _dotted(grey: np.ndarray) -> bool:
    """A dithered page (``redactor.dither.dotted``)."""
    return dotted(grey, _DOTTED)


def _confirmed(grey: np.ndarray, r, two_tone: bool = False) -> bool:  # noqa: ANN001 - a cascade rectangle
    """A face that fails the gate by where it is, not by being in a removed box: mostly mid-tones
    (a photo, not black-on-white text the cascade fires on) and found by a second cascade.  On a
    black-and-white scan (``two_tone``, ``grey`` smoothed) a thresholded photo has no mid-tones; it
    holds its black in blobs instead (hair, clothes, a dark face), where print is small strokes."""
    x, y, w, h = (int(v) for v in r)
    g = grey[y:y + h, x:x + w]
    if g.size == 0:
        return False
    if two_tone:
        black = (g < 128).astype(np.uint8)
        n, _, stats, _ = cv2.connectedComponentsWithStats(black, connectivity=8)
        if not _BLACK[0] <= float(black.mean()) <= _BLACK[1] or n < 2 \
                or float(stats[1:, cv2.CC_STAT_AREA].max()) < _MIN_BLOB * black.size:
            return False
    elif float(np.mean((g > 30) & (g < 228))) < 0.5:
        return False
    m = w // 3
    roi = grey[max(0, y - m):y + h + m, max(0, x - m):x + w + m]
    k = 60.0 / w if w < 60 else 1.0
    if k != 1.0:
        roi = cv2.resize(roi, None, fx=k, fy=k, interpolation=cv2.INTER_CUBIC)
    other = _second_cascade().detectMultiScale(roi, scaleFactor=1.08, minNeighbors=3,
                                               minSize=(int(0.6 * w * k), int(0.6 * h * k)))
    return len(other) > 0


def _second_cascade() -> cv2.CascadeClassifier:
    c = getattr(_local, "alt2", None)
    if c is None:
        c = _local.alt2 = cv2.CascadeClassifier(str(cv2.data.haarcascades) + "haarcascade_frontalface_alt2.xml")
    return c


_ACROSS = 0.6       # share of a face box's width (height) a removed box spans to cut it off above or below (beside)


def _visible(face: BBox, removed: Sequence[BBox]) -> BBox:
    """The part of a face box the removed boxes leave showing: a removed box across the face's top or bottom
    (``_ACROSS`` of its width) cuts it there, one down its side likewise.  The cascade finds a "face" across a
    painted portrait's lower edge and the next portrait's top, in a column of bios: the pixels that show are the
    lower portrait's, and it is that picture's decision that says whose they are."""
    x0, y0, x1, y1 = face.x0, face.y0, face.x1, face.y1
    for r in removed:
        if r.intersection_area(BBox(x0, y0, x1, y1)) <= 0:
            continue
        if min(r.x1, x1) - max(r.x0, x0) >= _ACROSS * (x1 - x0):
            if r.y0 <= y0 < r.y1 < y1:
                y0 = r.y1
            elif y0 < r.y0 < y1 <= r.y1:
                y1 = r.y0
        elif min(r.y1, y1) - max(r.y0, y0) >= _ACROSS * (y1 - y0):
            if r.x0 <= x0 < r.x1 < x1:
                x0 = r.x1
            elif x0 < r.x0 < x1 <= r.x1:
                x1 = r.x0
    return BBox(x0, y0, x1, y1)


def _photo_of(face: BBox) -> BBox:
    """Where the photo around a face can lie: hair above, shoulders below (an ID photo's proportions);
    sideways hardly past the cascade's box, which spans a tight thumbnail's whole width."""
    w, h = face.width, face.height
    return BBox(face.x0 - 0.1 * w, face.y0 - 0.8 * h, face.x1 + 0.1 * w, face.y1 + 1.5 * h)


def _head(face: BBox) -> BBox:
    """What to paint over a face the gate found beside the applicant's text: the cascade's box (brow to
    chin) with the hair and neck; tight, because a bio's text and the next bio's photo lie close by."""
    w, h = face.width, face.height
    return BBox(face.x0 - 0.1 * w, face.y0 - 0.15 * h, face.x1 + 0.1 * w, face.y1 + 0.45 * h)


def _distinct(faces: list[BBox]) -> list[BBox]:
    out: list[BBox] = []
    for f in faces:
        if not any(g.intersection_area(f) > 0.5 * min(f.area, g.area) for g in out):
            out.append(f)
    return out


def face_leaks(raster: Raster, page: int, removed: tuple[BBox, ...], images: tuple[BBox, ...],
               records: Sequence[Decision] = (), structure: PageStructure | None = None,
               one_bit: tuple[BBox, ...] = ()) -> list[Leak]:
    """Faces inside the boxes the plan removed (leaks), and faces on the page's pictures (``images``), each asked
    whose it is (``redactor.ownership.recheck.face_decision``, on the plan's ``records`` and the page's
    ``structure``): the applicant's -- confirmed a face by mid-tones and a second cascade -- is a leak, an
    undecided one is listed for review.  ``one_bit``: the page's images of one bit a pixel (``_TwoToneFaces``)."""
    leaks = []
    painted = [box for box in removed if not _uniform(raster, box)]
    pictures = [img for img in images if img.width >= 2 * _MIN_FACE_PT and img.height >= 2 * _MIN_FACE_PT]
    # decided region by region by the images' own bits: a page of print on white paper is as near black-and-white
    # in its pixels as a 1-bit scan, and its photos want the search below (mid-tones, a reduced size); a 1-bit
    # picture elsewhere on the page (a QR code) turns no other region's search into the page-wide two-tone one
    two_tone = [r for r in painted + pictures if any(r.intersection_area(b) > 0 for b in one_bit)]
    bw = _TwoToneFaces.of(raster, BBox.enclosing(two_tone)) if two_tone else None

    def faces_in(region: BBox, confirm: bool = False) -> list[BBox]:
        if bw is not None and any(region.intersection_area(b) > 0 for b in one_bit):
            return bw.within(region, confirm)
        return _faces(raster, region, confirm)

    for box in painted:
        for f in faces_in(box):
            if f.intersection_area(box) < _INSIDE * f.area:
                continue        # a face mostly outside the box (the page-wide search's) is not one that shows in it
            leaks.append(Leak(where="face", category="photo", page=page, detail="a face inside a removed box",
                              bbox=f, boxes=(f,)))
    faces: list[BBox] = []
    for img in pictures:
        faces += faces_in(img)
    outside = [f for f in _distinct(faces) if not any(r.intersection_area(f) > 0.3 * f.area for r in removed)]
    for f in outside:
        photo = _photo_of(f)
        d = face_decision(page, photo, records, structure, face=_visible(f, removed))
        if d is not None and d.action is Action.REDACT:
            region = f.expanded(0.5 * f.width)
            if any(c.intersection_area(f) > 0.5 * f.area for c in faces_in(region, confirm=True)):
                p = _head(f)
                if d.finding.recognizer != MARKS_FOUND_BY_THE_CHECK:      # a picture the plan kept: all of it
                    p = BBox.enclosing((p, *(b for b in d.finding.boxes if b.intersection_area(f) > 0.5 * f.area)))
                leaks.append(Leak(where="face", category="photo", page=page, bbox=p, boxes=(p,),
                                  detail=f"a portrait the photo decision gives the applicant ({d.rule}: {d.reason})"))
                continue
        if d is None or d.action is Action.REDACT:
            leaks.append(Leak(where="face", category="photo", page=page, bbox=f, boxes=(f,), severity="review",
                              detail="a face outside every removed box that nothing on the page ties to anyone"))
    return leaks
