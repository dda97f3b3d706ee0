"""No signature on a photo: region findings of one page, read together.

The region detectors never see each other's findings; this is the one place where a page's regions
are read together, after every detector ran on it.
"""

from __future__ import annotations

from redactor.model import BBox, Finding

__all__ = ["signatures_off_photos", "signatures_off_seals"]

INSIDE = 0.8        # share of a signature box inside a portrait (a seal's ring) that makes it part of the photo (seal)
RING_HELD = 0.9     # share of a seal's box inside a signature box, and at most
RING_SIZED = 1.5    # this many times the seal's area, for the "signature" to be the stamp itself


def signatures_off_photos(regions: list[Finding]) -> list[Finding]:
    """The page's region findings without "signatures" lying inside a portrait.

    A signature label's window reaches up into the holder's photo above it, and the dark clothes at the
    photo's foot, once a stamp's ink over them is known for a seal's, are pen-like strokes to the
    signature detector (a certificate photo).  Nobody signs on a photo: inside the applicant's
    portrait such a box only doubles the portrait's, inside another person's it would black out part of
    a photo that stays."""
    photos = [b for f in regions if f.entity_type == "PORTRAIT" for b in f.boxes]
    if not photos:
        return regions
    return [f for f in regions if not (f.entity_type == "SIGNATURE" and f.score > 0 and f.boxes
                                       and all(_inside_share(b, photos) >= INSIDE for b in f.boxes))]


def _inside_share(box: BBox, boxes: list[BBox]) -> float:
    """The largest share of ``box`` inside one of ``boxes``."""
    return max((box.intersection_area(b) / box.area if box.area else 0.0) for b in boxes)


def signatures_off_seals(regions: list[Finding]) -> list[Finding]:
    """The page's region findings without "signatures" lying inside a seal's ring.

    On a greyscale scan a stamp's ink is grey like pen ink: the signature detector tells a seal's ink from a
    pen's by colour, and there is none.  A signature label's window reaching a stamp then takes the stamp's
    star and name for pen strokes (a partner's seal in the 合作单位 box beside the applicant's 项目负责人（签字）
    line on a grey two-up scan was removed as the applicant's signature).  The seal detector found the ring;
    what lies inside it is the stamp's.  A signature box counts as inside when
    ``INSIDE`` of it lies within the ellipse the seal's box holds; and a signature box that holds the seal's
    box (``RING_HELD`` of it) and is little larger (``RING_SIZED`` times its area) is the stamp itself, its ring
    taken for pen strokes (an issuer's purple oval stamp with no star, pressed over the holder's photo just above
    持证人签名 on a 资格证书, was removed as the applicant's signature while kept as the issuer's seal)."""
    seals = [b for f in regions if f.entity_type == "SEAL" for b in f.boxes]
    if not seals:
        return regions
    return [f for f in regions if not (f.entity_type == "SIGNATURE" and f.score > 0 and f.boxes
                                       and all(max(_in_ellipse_share(b, s) for s in seals) >= INSIDE
                                               or any(_is_the_ring(b, s) for s in seals) for b in f.boxes))]


def _is_the_ring(box: BBox, seal: BBox) -> bool:
    return seal.area > 0 and box.intersection_area(seal) >= RING_HELD * seal.area and box.area <= RING_SIZED * seal.area


def _in_ellipse_share(box: BBox, seal: BBox, samples: int = 12) -> float:
    """The share of ``box`` inside the ellipse inscribed in ``seal`` (on a grid of ``samples`` x ``samples``)."""
    if box.area <= 0 or seal.width <= 0 or seal.height <= 0:
        return 0.0
    cx, cy = (seal.x0 + seal.x1) / 2, (seal.y0 + seal.y1) / 2
    a, b = seal.width / 2, seal.height / 2
    inside = 0
    for i in range(samples):
        x = box.x0 + (i + 0.5) * box.width / samples
        for j in range(samples):
            y = box.y0 + (j + 0.5) * box.height / samples
            inside += ((x - cx) / a) ** 2 + ((y - cy) / b) ** 2 <= 1.0
    return inside / samples ** 2
