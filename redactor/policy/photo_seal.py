"""A kept seal stamped over the corner of a removed photo: the whole photo goes (by default).

Certificates (资格证书, 毕业证书, 工作证) carry the holder's photo with the
issuing authority's seal stamped over one of its corners.  The photo is the
applicant's and goes; the seal is another organisation's and policy keeps it.
One box over the whole photo takes the part of the seal over the photo with it
(a quarter to half of the impression, and with it the ring text there); the
rest of the seal stays.  That is the default (``policy.seal_over_photo:
remove_photo``): a cut photo left the neck, shoulders and clothes under the
ring visible (issue #10), and a portrait is removed as the whole photo.  Only a
seal the whole photo would mostly take with it (more than ``_MAX_SEAL_COVERED``
of its box: an oval stamped over the middle of a photographed certificate's
photo) is still spared as below, and the photo flagged for review.

With ``seal_over_photo: spare_seal`` a removed photo's box is cut into boxes that leave out the part of every
kept seal over it: the seal's impression is taken as the ellipse inscribed in
its box, grown by ``_RING_MARGIN`` (the ring's ink must survive whole), and the
photo is covered in horizontal bands of at most ``_BAND_PT``; in each band, the
widest chord the ellipse spans in the band stays open (so no ring pixel falls
under a band's box; the price is a sliver of photo just outside the ring).  Nothing of the
face may stay: the head -- the detector's face box (``face_box``) grown to
forehead, hair, ears and chin (``_HEAD``) -- is covered whatever lies over it.

When that leaves part of the seal under the photo's box -- the seal lies over
the face, or the photo has no face box to protect (a photo slot, a face whose
box the detector did not give), or the opening would uncover more than
``_MAX_OPEN`` of the photo -- the photo is still removed where it must be, and
the decision is flagged for review with the reason.
"""

from __future__ import annotations

import math
from dataclasses import replace

from redactor.model import Action, BBox, Decision, Finding

__all__ = ["spare_kept_seals"]

_PHOTOS = ("PORTRAIT", "PHOTO_SLOT")
_RING_MARGIN = 0.04          # of the seal's semi-axes: the ring's outer edge and a little paper
_BAND_PT = 3.0               # height of the bands the photo is covered in
_MAX_BANDS = 40
_HEAD = (0.15, 0.5, 0.15, 0.1)  # face box grown by these shares of its size: left, up (hair, hat), right, down (chin)
_MAX_OPEN = 0.25             # at most this share of a photo may stay open for a seal (only inside its ring, never the head)
_MIN_OPEN_PT = 1.0           # narrower openings are not worth a box
_MAX_SEAL_COVERED = 0.5      # remove_photo: a whole photo may take at most this share of a kept seal's box with it


def spare_kept_seals(decisions: list[Decision], spare: bool = True) -> list[Decision]:
    """Decisions with every removed photo's boxes cut around the kept seals over it (``spare``),
    or with the whole photo removed and the kept seal it partly covers named in the reason."""
    seals: dict[int, list[BBox]] = {}
    for d in decisions:
        f = d.finding
        if d.action is Action.KEEP and f.entity_type == "SEAL" and f.boxes:
            seals.setdefault(f.page, []).append(f.boxes[0])
    if not seals:
        return decisions
    out = []
    for d in decisions:
        f = d.finding
        if d.action is Action.REDACT and f.entity_type in _PHOTOS and len(f.boxes) == 1 and f.page in seals:
            over = [s for s in seals[f.page] if _overlap(f.boxes[0], s)]
            if over:
                d = _spared(d, over) if spare else _whole(d, over)
        out.append(d)
    return out


def head_box(f: Finding) -> BBox | None:
    """The head of the photo's face (``face_box`` in points, grown by ``_HEAD``), clipped to the photo."""
    fb = f.explain("face_box")
    if not fb:
        return None
    x0, y0, x1, y1 = (float(v) for v in fb)
    w, h = x1 - x0, y1 - y0
    p = f.boxes[0]
    return BBox(max(p.x0, x0 - _HEAD[0] * w), max(p.y0, y0 - _HEAD[1] * h),
                min(p.x1, x1 + _HEAD[2] * w), min(p.y1, y1 + _HEAD[3] * h))


def _spared(d: Decision, seals: list[BBox]) -> Decision:
    f = d.finding
    photo = f.boxes[0]
    head = head_box(f)
    if head is None:
        return _review(d, "a kept seal overlaps it; no face box to protect, so the whole photo is removed")
    boxes, opened, blocked = cut_around(photo, seals, head)
    if not opened:
        return _review(d, "a kept seal lies over the face; removed with the photo")
    if opened > _MAX_OPEN * photo.area:
        return _review(d, f"a kept seal covers {opened / photo.area:.0%} of it; removed with the photo")
    spared = f"; the kept seal over it spared ({len(boxes)} boxes around it)"
    nf = replace(f, boxes=tuple(boxes), explanation=f.explanation + (("spared_seal", True),))
    if blocked:
        return replace(d, finding=nf, needs_review=True,
                       reason=d.reason + spared + ", except where it lies over the face")
    return replace(d, finding=nf, reason=d.reason + spared)


def _whole(d: Decision, seals: list[BBox]) -> Decision:
    """The whole photo -- unless that would take most of a kept seal with it (an oval stamped
    over the middle of the photo): then the seal's ring is spared as with ``spare_seal`` and the
    photo, part of which stays visible under the ring, is flagged for review."""
    photo = d.finding.boxes[0]
    share = max(s.intersection_area(photo) / max(s.area, 1e-6) for s in seals)
    if share > _MAX_SEAL_COVERED:
        spared = _spared(d, seals)
        if spared.finding.boxes != d.finding.boxes:
            return replace(spared, needs_review=True, reason=spared.reason + f"; the photo would cover {share:.0%} "
                           "of the seal, so the photo under its ring stays visible")
        return spared
    return replace(d, reason=d.reason + "; removed whole, with the part of the kept seal stamped over it")


def _review(d: Decision, why: str) -> Decision:
    return replace(d, needs_review=True, reason=f"{d.reason}; {why}")


def cut_around(photo: BBox, seals: list[BBox], head: BBox) -> tuple[list[BBox], float, bool]:
    """Boxes covering ``photo`` except the seals' ellipses outside ``head``; the area left open
    (pt²); whether the head kept part of a seal's ellipse covered."""
    y0 = max(photo.y0, min(s.y0 for s in seals))
    y1 = min(photo.y1, max(s.y1 for s in seals))
    if y1 <= y0:
        return [photo], 0.0, False
    n = min(_MAX_BANDS, max(1, math.ceil((y1 - y0) / _BAND_PT)))
    step = (y1 - y0) / n
    boxes: list[BBox] = []
    if y0 > photo.y0:
        boxes.append(BBox(photo.x0, photo.y0, photo.x1, y0))
    opened, blocked = 0.0, False
    for i in range(n):
        ba, bb = y0 + i * step, y0 + (i + 1) * step
        gaps = []
        for s in seals:
            g = _chord(s, ba, bb)
            if g is None:
                continue
            a, b = max(g[0], photo.x0), min(g[1], photo.x1)
            if b <= a:
                continue
            if head.y0 < bb and ba < head.y1 and head.x0 < b and a < head.x1:     # the head is in the way
                blocked = True
                gaps += [(a, min(b, head.x0)), (max(a, head.x1), b)]
            else:
                gaps.append((a, b))
        gaps = _merge([(a, b) for a, b in gaps if b - a >= _MIN_OPEN_PT])
        x = photo.x0
        for a, b in gaps:
            if a > x:
                boxes.append(BBox(x, ba, a, bb))
            opened += (b - a) * (bb - ba)
            x = max(x, b)
        if x < photo.x1:
            boxes.append(BBox(x, ba, photo.x1, bb))
    if y1 < photo.y1:
        boxes.append(BBox(photo.x0, y1, photo.x1, photo.y1))
    return _stack(boxes), opened, blocked


def _chord(seal: BBox, ya: float, yb: float) -> tuple[float, float] | None:
    """The x-interval the seal's ellipse (grown by ``_RING_MARGIN``) spans anywhere in ``[ya, yb]``
    (its widest chord there: the ring's ink at the band's edge must not fall under the band's box)."""
    cx, cy = seal.center
    a = seal.width / 2 * (1 + _RING_MARGIN)
    b = seal.height / 2 * (1 + _RING_MARGIN)
    near = 0.0 if ya <= cy <= yb else min(abs(ya - cy), abs(yb - cy))
    if near >= b or a <= 0:
        return None
    hw = a * math.sqrt(1.0 - (near / b) ** 2)
    return (cx - hw, cx + hw)


def _merge(iv: list[tuple[float, float]]) -> list[tuple[float, float]]:
    out: list[tuple[float, float]] = []
    for a, b in sorted(iv):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _stack(boxes: list[BBox]) -> list[BBox]:
    """Boxes of consecutive bands with the same left and right edges joined into one."""
    out: list[BBox] = []
    for b in boxes:
        for i, o in enumerate(out):
            if abs(o.x0 - b.x0) < 1e-6 and abs(o.x1 - b.x1) < 1e-6 and abs(o.y1 - b.y0) < 1e-6:
                out[i] = BBox(o.x0, o.y0, o.x1, b.y1)
                break
        else:
            out.append(b)
    return out


def _overlap(a: BBox, b: BBox) -> bool:
    return min(a.x1, b.x1) > max(a.x0, b.x0) and min(a.y1, b.y1) > max(a.y0, b.y0)
