"""Channel ``face``: no face may show inside a box the plan removed.

OpenCV's own Haar cascade (``cv2.data``), independent of the portrait
detector in ``redactor.detect``, and the learned detector (``redactor.faces``)
beside it: a face either finds is a face, and the network's word confirms one.  Faces elsewhere on the page (outside every
removed box, on an image of portrait size) are reported as ``review``:
someone else's portrait, or the applicant's that detection missed.  On a page
the gate proved unchanged outside its painted boxes (``proof``), the images are
searched for such faces only where pixels may differ from the input (the
boxes' neighbourhoods, images ingest did not read): elsewhere the page shows
what detection's portrait detector already judged, and a face there would only
ever be ``review``.  The check that fails the gate (a face inside a removed
box) is the same on every page.

A face the layout ties to the applicant fails the gate too, wherever it is: a
bio's thumbnail portrait beside text the plan removed as the applicant's name
or contact details (``Ties.own``), when that text is the nearest
person-identifying text beside the picture (nearer than every other person's
name policy kept, ``Ties.others``) and the picture is the nearest one beside
that text (a portrait the plan removed there claims the text first).  Those
neighbourhoods are searched on every page, proven or not: a portrait detection
missed is exactly what the input shows unchanged.  Such a face must be
confirmed (mid-tones, a second cascade) before it fails the gate.
"""

from __future__ import annotations

import functools
import threading

import cv2
import numpy as np

from dataclasses import dataclass, field
from typing import Mapping

from redactor.faces import FaceSearch, find_faces
from redactor.model import BBox, Leak, Raster
from redactor.models_manifest import check as check_model, model_path

__all__ = ["Ties", "face_leaks"]

_MIN_FACE_PT = 18.0
_NEAR_PT = 150.0          # around the applicant's removed text: where a bio's thumbnail can be
_SMOOTH_PT = 0.7          # a black-and-white scan's page: smoothed by this (Gaussian sigma, points) for the cascade
_BLACK = (0.2, 0.95)      # a thresholded photo's share of black in the face box (a dark face: its white features only)
_MIN_BLOB = 0.15          # ... and its largest black blob's, at least
_DOTTED = 0.3             # share of a black-and-white page's black pixels standing alone: dithered


@dataclass(frozen=True)
class Ties:
    """Per page, text boxes that say whose a picture beside them is: ``own``, what the plan removed as the
    applicant's name, phone, e-mail or ID number; ``others``, other people's names policy kept."""

    own: Mapping[int, tuple[BBox, ...]] = field(default_factory=dict)
    others: Mapping[int, tuple[BBox, ...]] = field(default_factory=dict)


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
    """A dithered page: most of its black pixels stand alone (at most one black 4-neighbour).  A thresholded
    page's are strokes and blobs (1-5 % alone on clean 1-bit scans, 12 % in eroded print); a dithered one's
    39-93 %, its paper's grey dotted too (11 % once a 300 dpi page is rendered at 150: it is searched both ways)."""
    black = (grey < 128).astype(np.uint8)
    n = int(black.sum())
    if n == 0:
        return False
    kernel = np.array([[0, 1, 0], [1, 0, 1], [0, 1, 0]], np.uint8)
    neighbours = cv2.filter2D(black, -1, kernel, borderType=cv2.BORDER_CONSTANT)
    return float(((black == 1) & (neighbours <= 1)).sum()) > _DOTTED * n


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


def _beside(photo: BBox, text: BBox) -> float | None:
    """Distance from a picture to text laid out beside it (left or right, within its height, at most
    two picture widths away); None for text above or below it (a caption, a heading)."""
    if text.x0 < photo.x1 and photo.x0 < text.x1:
        return None
    cy = (text.y0 + text.y1) / 2
    if not photo.y0 <= cy <= photo.y1:
        return None
    dx = max(photo.x0 - text.x1, text.x0 - photo.x1)
    return dx if dx <= 2.0 * photo.width else None


def _applicants(faces: list[BBox], removed: tuple[BBox, ...], own: tuple[BBox, ...],
                others: tuple[BBox, ...]) -> set[int]:
    """Indexes of ``faces`` the layout ties to the applicant (see the module's note)."""
    pictures = [_photo_of(f) for f in faces]
    removed_pictures = [r for r in removed if r.width >= _MIN_FACE_PT and r.height >= _MIN_FACE_PT]
    out = set()
    for t in own:
        near = [(d, i) for i, p in enumerate(pictures) if (d := _beside(p, t)) is not None]
        if not near:
            continue
        d, i = min(near)
        taken = [r for r in removed_pictures if r.intersection_area(t) < 0.5 * t.area]
        if any((e := _beside(r, t)) is not None and e <= d for r in taken):
            continue              # the applicant's picture beside this text was removed
        if any((e := _beside(pictures[i], o)) is not None and e < d for o in others):
            continue              # another person's name is nearer the picture: their bio
        out.add(i)
    return out


def _neighbourhoods(own: tuple[BBox, ...], images: tuple[BBox, ...]) -> list[BBox]:
    """The parts of the pictures around the applicant's removed text, overlapping ones merged (searched once)."""
    out: list[BBox] = []
    for t in own:
        near = BBox(t.x0 - _NEAR_PT, t.y0 - _NEAR_PT / 2, t.x1 + _NEAR_PT, t.y1 + _NEAR_PT / 2)
        for img in images:
            x0, y0, x1, y1 = max(img.x0, near.x0), max(img.y0, near.y0), min(img.x1, near.x1), min(img.y1, near.y1)
            if x1 - x0 >= 2 * _MIN_FACE_PT and y1 - y0 >= 2 * _MIN_FACE_PT:
                out.append(BBox(x0, y0, x1, y1))
    merged = True
    while merged:
        merged = False
        for i, a in enumerate(out):
            j = next((j for j in range(i + 1, len(out)) if a.intersection_area(out[j]) > 0), None)
            if j is not None:
                out[i] = BBox.enclosing([a, out.pop(j)])
                merged = True
                break
    return out


def _distinct(faces: list[BBox]) -> list[BBox]:
    out: list[BBox] = []
    for f in faces:
        if not any(g.intersection_area(f) > 0.5 * min(f.area, g.area) for g in out):
            out.append(f)
    return out


def face_leaks(raster: Raster, page: int, removed: tuple[BBox, ...], images: tuple[BBox, ...],
               ties: Ties | None = None, all_images: tuple[BBox, ...] | None = None,
               one_bit: tuple[BBox, ...] = ()) -> list[Leak]:
    """``images``: where to look for faces outside the removed boxes; ``all_images``: every picture on
    the page (default ``images``), searched beside the applicant's removed text (``ties``); ``one_bit``:
    the page's images of one bit a pixel (a black-and-white scan: ``_TwoToneFaces``)."""
    leaks = []
    painted = [box for box in removed if not _uniform(raster, box)]
    pictures = [img for img in images if img.width >= 2 * _MIN_FACE_PT and img.height >= 2 * _MIN_FACE_PT]
    own = tuple(ties.own.get(page, ())) if ties is not None else ()
    nearby = _neighbourhoods(own, images if all_images is None else all_images) if own else []
    bw = None
    searched = painted + pictures + nearby
    if searched and any(r.intersection_area(b) > 0 for r in searched for b in one_bit):
        # decided by the images' own bits: a page of print on white paper is as near black-and-white in
        # its pixels as a 1-bit scan, and its photos want the search below (mid-tones, a reduced size)
        bw = _TwoToneFaces.of(raster, BBox.enclosing(searched))

    def faces_in(region: BBox, confirm: bool = False) -> list[BBox]:
        return bw.within(region, confirm) if bw is not None else _faces(raster, region, confirm)

    for box in painted:
        for f in faces_in(box):
            leaks.append(Leak(where="face", category="photo", page=page, detail="a face inside a removed box",
                              bbox=f, boxes=(f,)))
    faces: list[BBox] = []
    for img in pictures:
        faces += faces_in(img)
    confirmed: list[BBox] = []
    for region in nearby:
        confirmed += faces_in(region, confirm=True)
    outside = [f for f in _distinct(confirmed + faces)
               if not any(r.intersection_area(f) > 0.3 * f.area for r in removed)]
    mine = _applicants([f for f in outside if f in confirmed], removed, own,
                       tuple(ties.others.get(page, ())) if ties is not None else ())
    tied = [f for f in outside if f in confirmed]
    for f in outside:
        if f in confirmed and tied.index(f) in mine:
            p = _head(f)
            leaks.append(Leak(where="face", category="photo", page=page, bbox=p, boxes=(p,),
                              detail="a portrait beside the applicant's removed name or contact details"))
            continue
        leaks.append(Leak(where="face", category="photo", page=page, bbox=f, boxes=(f,), severity="review",
                          detail="a face outside every removed box (someone else's portrait, or a missed one)"))
    return leaks
