"""Channel ``seal``: the employer's name must not be readable on a stamp.

Seal text runs round a ring, where line OCR does not read it.  Red (or
purple/blue) ink blobs of stamp size are found on the rendered page, each is
unrolled around its centre (``cv2.warpPolar``) into a strip whose text runs
left to right, and the strip is OCRed.  Unrolled ring text is read less
reliably than a line, so an employer needle counts as found when OCR reads
at least ``_MIN_SHARE`` of it as one contiguous run of the same characters.
Independent of the seal detector in ``redactor.detect``.
"""

from __future__ import annotations

import difflib

import cv2
import numpy as np

from redactor.fields import Needle, needle_key
from redactor.model import BBox, Category, Leak, Raster
from redactor.protocols import OcrEngine, recognize_upright

__all__ = ["seal_candidates", "seal_leaks"]

_MIN_PT, _MAX_PT = 40.0, 260.0
_MIN_SHARE = 0.7


def _ink_mask(rgb: np.ndarray) -> np.ndarray:
    hsv = cv2.cvtColor(np.ascontiguousarray(rgb), cv2.COLOR_RGB2HSV)
    h, s, v = hsv[:, :, 0], hsv[:, :, 1], hsv[:, :, 2]
    red = ((h <= 12) | (h >= 160)) & (s >= 70) & (v >= 60)
    return red.astype(np.uint8) * 255


def seal_candidates(raster: Raster) -> list[tuple[BBox, tuple[int, int, int, int]]]:
    """(box in points, box in pixels) of every stamp-sized blob of red ink."""
    mask = _ink_mask(raster.pixels)
    if not mask.any():
        return []
    k = max(3, int(raster.dpi / 24))
    mask = cv2.dilate(mask, np.ones((k, k), np.uint8))
    n, _, stats, _ = cv2.connectedComponentsWithStats(mask)
    scale = raster.dpi / 72.0
    out = []
    for i in range(1, n):
        x, y, w, h, area = stats[i]
        if not (_MIN_PT * scale <= w <= _MAX_PT * scale and _MIN_PT * scale <= h <= _MAX_PT * scale):
            continue
        if not 0.5 <= w / h <= 2.0:
            continue
        b = raster.point_box(float(x), float(y), float(x + w), float(y + h))
        out.append((BBox(float(b.x0), float(b.y0), float(b.x1), float(b.y1)), (int(x), int(y), int(w), int(h))))
    return out


def _unrolled(raster: Raster, px: tuple[int, int, int, int]) -> list[np.ndarray]:
    x, y, w, h = px
    crop = raster.pixels[y:y + h, x:x + w]
    radius = max(w, h) / 2.0
    size = (int(radius), int(2 * np.pi * radius))            # (radius columns, angle rows)
    polar = cv2.warpPolar(np.ascontiguousarray(crop), size, (w / 2.0, h / 2.0), radius,
                          cv2.WARP_POLAR_LINEAR + cv2.INTER_LINEAR)
    ring = polar[:, int(0.5 * size[0]):int(0.9 * size[0])]  # inside the outer line, where the text runs
    # rows are angles clockwise from +x; start at the bottom (90 deg) where stamps leave their gap
    quarter = ring.shape[0] // 4
    ring = np.concatenate([ring[quarter:], ring[:quarter]], axis=0)
    strip = cv2.rotate(ring, cv2.ROTATE_90_COUNTERCLOCKWISE)  # outer edge up, text left to right
    width = strip.shape[1]
    strip = strip[:, width // 8: width - width // 8]        # the arc over the top (±135°): upside-down text
                                                            # at the bottom would turn the OCR's page round
    grey = cv2.cvtColor(np.ascontiguousarray(strip), cv2.COLOR_RGB2GRAY)
    ink = np.where(_ink_mask(strip) > 0, 0, 255).astype(np.uint8)   # red ink -> black on white
    ink = np.minimum(ink, np.where(grey < 100, 0, 255).astype(np.uint8))
    ink = cv2.resize(ink, None, fx=2.0, fy=2.0, interpolation=cv2.INTER_CUBIC)
    pad = ink.shape[0] // 2
    ink = cv2.copyMakeBorder(ink, pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=255)
    return [cv2.cvtColor(ink, cv2.COLOR_GRAY2RGB)]


def _read(ocr: OcrEngine, image: np.ndarray) -> str:
    r = Raster(pixels=image, to_points=(1, 0, 0, 1, 0, 0), dpi=150.0)
    return "".join(line.text for line in recognize_upright(ocr, r))      # the strip is cut upright


def _share(needle: str, read: str) -> float:
    m = difflib.SequenceMatcher(None, needle, read, autojunk=False).find_longest_match(0, len(needle), 0, len(read))
    return m.size / max(1, len(needle))


def seal_leaks(raster: Raster, page: int, needles: tuple[Needle, ...], ocr: OcrEngine) -> list[Leak]:
    employers = [n for n in needles if n.category is Category.EMPLOYER and n.script == "cjk" and len(n.key) >= 4]
    if not employers:
        return []
    leaks = []
    for box, px in seal_candidates(raster):
        read = "".join(needle_key(_read(ocr, strip)) for strip in _unrolled(raster, px))
        best = max(employers, key=lambda n: _share(n.key, read))
        if _share(best.key, read) >= _MIN_SHARE:
            leaks.append(Leak(where="seal", category=Category.EMPLOYER.value, page=page, bbox=box, boxes=(box,),
                              detail=f"stamp text reads form {best.kind}"))
    return leaks
