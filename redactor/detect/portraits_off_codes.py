"""No face in a printed code: region findings of one page, read together (as ``signatures_off_photos``).

A QR code's modules on a scan -- three finder squares, grey where the scan smeared them -- can look like a
face to the cascade and the face network alike; the portrait detector then frames an ID photo around it,
and the code another body printed on the form (its platform's) goes under the applicant's portrait box.
A code that decoded is a code: a face more than half on it is no one's face.
"""

from __future__ import annotations

from redactor.model import BBox, Finding

__all__ = ["portraits_off_codes"]

_CODES = frozenset({"QR_CODE", "BARCODE"})


def portraits_off_codes(regions: list[Finding]) -> list[Finding]:
    """The page's region findings without portraits whose face lies mostly on a decoded code."""
    codes = [b for f in regions if f.entity_type in _CODES and f.explain("decoded") for b in f.boxes]
    if not codes:
        return regions
    return [f for f in regions if not (f.entity_type == "PORTRAIT" and _on_a_code(_face(f), codes))]


def _face(f: Finding) -> BBox | None:
    box = f.explain("face_box")
    return BBox(*box) if box else None


def _on_a_code(face: BBox | None, codes: list[BBox]) -> bool:
    return face is not None and face.area > 0 and any(face.intersection_area(c) > 0.5 * face.area for c in codes)
