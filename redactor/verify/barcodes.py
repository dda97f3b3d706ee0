"""Channel ``barcode``: no QR code or barcode on any page may decode to a profile value.

Every page that shows an image or a vector drawing that could be a code
(``PdfiumPage.art``) is decoded (zxing-cpp) at the verification rendering: the
picture regions, or the whole page when they cover half of it; every image
again at twice that scale (small codes).  A page of text and table rules only
is not rendered for this channel (a code printed in a barcode font is text,
and its digits are searched by the text layer).  A payload holding any needle
(a vCard with the applicant's phone, a URL with the e-mail) is a leak, placed
where the code is printed.
"""

from __future__ import annotations

import numpy as np
import zxingcpp

from redactor.fields import Needle
from redactor.model import BBox, Leak, Raster
from redactor.verify.search import find_in_string

__all__ = ["barcode_leaks"]


def _decode(raster: Raster, downscale: bool = True) -> list[tuple[str, BBox]]:
    """Every code zxing finds; ``downscale`` False where the raster was enlarged for small codes (its
    reduced copies are what the pass at the verification rendering decoded already)."""
    out = []
    for code in zxingcpp.read_barcodes(np.ascontiguousarray(raster.pixels), try_downscale=downscale):
        p = code.position
        xs = [p.top_left.x, p.top_right.x, p.bottom_left.x, p.bottom_right.x]
        ys = [p.top_left.y, p.top_right.y, p.bottom_left.y, p.bottom_right.y]
        out.append((code.text or "", raster.point_box(min(xs), min(ys), max(xs), max(ys))))
    return out


_WHOLE_PAGE_SHARE = 0.5
_PAD_PT = 4.0


def barcode_leaks(raster: Raster, page: int, needles: tuple[Needle, ...], images: tuple[BBox, ...] = (),
                  art: tuple[BBox, ...] | None = None) -> list[Leak]:
    """``art`` None: decode the whole page; else the images and these drawings (padded)."""
    regions = images + (art or ())
    h, w = raster.pixels.shape[:2]
    page_area = float(w * h) * (72.0 / raster.dpi) ** 2 or 1.0
    decoded: list[tuple[str, BBox]] = []
    if art is None or sum(r.area for r in regions) >= _WHOLE_PAGE_SHARE * page_area:
        decoded += _decode(raster)
    else:
        for r in regions:
            part = raster.crop(r, pad=_PAD_PT)
            if part is not None:
                decoded += _decode(part)
    for img in images:
        part = raster.crop(img, pad=4.0)
        if part is None or max(part.pixels.shape[:2]) > 1200:
            continue
        import cv2

        px = part.pixels            # a code is dark on light: its luminance is all zxing reads (a third to enlarge)
        grey = cv2.cvtColor(np.ascontiguousarray(px), cv2.COLOR_RGB2GRAY) if px.ndim == 3 and px.shape[2] == 3 else px
        big = cv2.resize(grey, None, fx=2.0, fy=2.0, interpolation=cv2.INTER_CUBIC)
        a, b, c, d, e, f = part.to_points
        decoded += _decode(Raster(big, (a / 2, b / 2, c / 2, d / 2, e, f), part.dpi * 2), downscale=False)
    leaks = []
    for payload, box in decoded:
        for h in find_in_string(payload, needles):
            leaks.append(Leak(where="barcode", category=h.needle.category.value, page=page,
                              detail=f"decoded payload holds form {h.needle.kind}", bbox=box, boxes=(box,),
                              severity=h.severity))
    return leaks
