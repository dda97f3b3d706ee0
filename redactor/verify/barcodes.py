"""Channel ``barcode``: no QR code or barcode on any page may decode to a profile value.

Every page is decoded (zxing-cpp) at the verification rendering, and every
image on it again at twice that scale (small codes); a payload holding any needle (a vCard with
the applicant's phone, a URL with the e-mail) is a leak, placed where the
code is printed.
"""

from __future__ import annotations

import zxingcpp

from redactor.fields import Needle
from redactor.model import BBox, Leak, Raster
from redactor.verify.search import find_in_string

__all__ = ["barcode_leaks"]


def _decode(raster: Raster) -> list[tuple[str, BBox]]:
    out = []
    for code in zxingcpp.read_barcodes(raster.pixels):
        p = code.position
        xs = [p.top_left.x, p.top_right.x, p.bottom_left.x, p.bottom_right.x]
        ys = [p.top_left.y, p.top_right.y, p.bottom_left.y, p.bottom_right.y]
        out.append((code.text or "", raster.point_box(min(xs), min(ys), max(xs), max(ys))))
    return out


def barcode_leaks(raster: Raster, page: int, needles: tuple[Needle, ...], images: tuple[BBox, ...] = ()) -> list[Leak]:
    decoded = _decode(raster)
    for img in images:
        part = raster.crop(img, pad=4.0)
        if part is None or max(part.pixels.shape[:2]) > 1200:
            continue
        import cv2

        big = cv2.resize(part.pixels, None, fx=2.0, fy=2.0, interpolation=cv2.INTER_CUBIC)
        a, b, c, d, e, f = part.to_points
        decoded += _decode(Raster(big, (a / 2, b / 2, c / 2, d / 2, e, f), part.dpi * 2))
    leaks = []
    for payload, box in decoded:
        for h in find_in_string(payload, needles):
            leaks.append(Leak(where="barcode", category=h.needle.category.value, page=page,
                              detail=f"decoded payload holds form {h.needle.kind}", bbox=box, boxes=(box,),
                              severity=h.severity))
    return leaks
