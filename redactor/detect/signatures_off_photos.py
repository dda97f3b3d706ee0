"""No signature on a photo: region findings of one page, read together.

The region detectors never see each other's findings; this is the one place where a page's regions
are read together, after every detector ran on it.
"""

from __future__ import annotations

from redactor.model import BBox, Finding

__all__ = ["signatures_off_photos"]

INSIDE = 0.8        # share of a signature box inside a portrait that makes it part of the photo


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
