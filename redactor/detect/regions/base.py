"""Shared interface and pixel/point helpers of the region detectors.

A region detector looks at one page's rendering (``page.raster``) plus its
text layer and reports *regions* (photos, codes, seals, signatures) as
:class:`~redactor.model.Finding` objects with ``start=None``.  Detectors
describe what they found; they never decide whose it is -- the policy layer
does that from ``Finding.text`` and ``Finding.explanation``.

Everything here is numpy/OpenCV only: no PyMuPDF, no OCR package.  OCR comes
in through the :class:`~redactor.protocols.OcrEngine` protocol.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

import numpy as np

from redactor.model import BBox, Char, Finding, Page, Raster, TextOrigin
from redactor.protocols import OcrEngine, read_strip
from redactor.rects import reading_direction

__all__ = [
    "RegionDetector",
    "TextHit",
    "PixelBox",
    "page_pixels",
    "upright",
    "quarter_turns",
    "to_gray",
    "points_to_pixel_affine",
    "pixel_rect_for_bbox",
    "pixel_rects_for_bboxes",
    "char_pixel_rects",
    "find_text",
    "make_region_finding",
    "crop_raster",
    "ocr_image",
    "pad_to_square",
    "nms_rects",
    "iou",
]

PixelBox = tuple[int, int, int, int]      # u0, v0, u1, v1 (u1/v1 exclusive), raster pixels


@runtime_checkable
class RegionDetector(Protocol):
    """Find regions on a page and describe them (never decide own/other)."""

    name: str            # versioned, e.g. "portrait.v1"

    # A detector may also take ``planes`` (``planes.PagePlanes``, keyword): the page's grey, HSV and
    # upright planes, which the detection stage makes once per page for every detector that does.
    def detect(self, page: Page, ocr: OcrEngine | None) -> list[Finding]: ...


# --- pixels -----------------------------------------------------------------

def page_pixels(page: Page) -> np.ndarray | None:
    """The page rendering as an H x W x 3 uint8 RGB array (None without raster)."""
    if page.raster is None or page.raster.pixels is None:
        return None
    px = np.asarray(page.raster.pixels)
    if px.ndim == 2:
        px = np.stack([px] * 3, axis=-1)
    elif px.ndim == 3 and px.shape[2] == 4:
        px = px[:, :, :3]
    if px.dtype != np.uint8:
        px = np.clip(px, 0, 255).astype(np.uint8)
    if px.shape[0] < 8 or px.shape[1] < 8:
        return None
    return np.ascontiguousarray(px)


def quarter_turns(page: Page, min_chars: int = 20, majority: float = 0.7) -> int:
    """How many quarter turns (``np.rot90``, counter-clockwise) make the page's
    raster upright, judged from the reading direction of its OCR lines.

    A sheet scanned sideways is OCRed upright by the engine (it turns the page
    itself), so the characters of a line follow each other upwards, downwards
    or leftwards in the raster; the direction most characters take wins when
    it holds ``majority`` of them.  Text-layer pages and pages with too little
    OCR text are taken as upright (0).
    """
    if page.raster is None:
        return 0
    moves = []
    for line in page.ocr_lines:
        cs = [c for c in page.chars[line.start:line.end] if c.bbox is not None and c.c.strip()]
        if len(cs) < 3 or cs[0].origin is not TextOrigin.OCR:
            continue
        (x0, y0), (x1, y1) = cs[0].bbox.center, cs[-1].bbox.center
        u0, v0 = page.raster.to_pixels(x0, y0)
        u1, v1 = page.raster.to_pixels(x1, y1)
        moves.append((u1 - u0, v1 - v0, len(cs)))
    return reading_direction(moves, min_chars, majority)     # running +v (down) is one quarter turn, and so on


def upright(page: Page) -> Page:
    """The page with its raster turned upright (see :func:`quarter_turns`).

    Only the pixels turn: ``to_points`` is composed with the turn, so every box
    a detector derives through the raster (``point_box``, ``pixel_rect_for_bbox``)
    is still in page points, and the characters' boxes need no change.  Region
    detectors whose cues depend on the page's direction (faces, "right of the
    label", horizontal seal text) look at the upright view.
    """
    k = quarter_turns(page)
    if k == 0 or page.raster is None or page.raster.pixels is None:
        return page
    from dataclasses import replace

    raster = page.raster.turned(k)
    return replace(page, raster=raster)


def to_gray(rgb: np.ndarray) -> np.ndarray:
    import cv2

    return cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)


def bitonal(gray: np.ndarray, max_grey: float = 0.05) -> bool:
    """A black-and-white page (a 1-bit scan, a fax, rendered at its resolution): at most ``max_grey``
    of the ink on a sample of its pixels is grey, not black (antialiased print's edges are grey; a
    page of a few lines on white paper is no black-and-white page for that)."""
    sample = gray[::3, ::3]
    ink = int(np.count_nonzero(sample < 215))
    return ink >= 0.002 * sample.size and int(np.count_nonzero((sample > 40) & (sample < 215))) <= max_grey * ink


def grey_percentile(gray: np.ndarray, q: float) -> float:
    """``float(np.percentile(gray, q))`` of a uint8 image, read off its histogram where the order
    statistics around the percentile's rank are one grey level (the usual case for the paper's level:
    many pixels share it), so nothing needs interpolating; numpy's own otherwise.  (A histogram of
    a page costs a few milliseconds, numpy's partition of its millions of pixels several times that.)"""
    n = gray.size
    if gray.dtype != np.uint8 or gray.ndim != 2 or n < 8 or n >= 1 << 24:     # (float32 counts are exact below 2**24)
        return float(np.percentile(gray, q))
    import cv2

    qq = q / 100
    k = int(np.floor(n * qq + (1 + qq * (1 - 1 - 1)) - 1))       # numpy's "linear" virtual index
    hist = cv2.calcHist([np.ascontiguousarray(gray)], [0], None, [256], [0, 256])
    cum = np.cumsum(hist.ravel().astype(np.int64))
    lo, hi = max(0, k - 1), min(n - 1, k + 2)
    v_lo, v_hi = np.searchsorted(cum, [lo, hi], side="right")
    if v_lo == v_hi:
        return float(v_lo)
    return float(np.percentile(gray, q))


def points_to_pixel_affine(raster: Raster) -> tuple[float, float, float, float, float, float]:
    """Inverse of ``raster.to_points``: (x, y) points -> (u, v) pixels, same layout."""
    a, b, c, d, e, f = raster.to_points
    det = a * d - b * c
    if abs(det) < 1e-12:
        raise ValueError("raster.to_points is not invertible")
    ia, ic = d / det, -c / det
    ib, id_ = -b / det, a / det
    ie = -(ia * e + ic * f)
    if_ = -(ib * e + id_ * f)
    return (ia, ib, ic, id_, ie, if_)


def pixel_rect_for_bbox(raster: Raster, bbox: BBox, shape: tuple[int, ...] | None = None) -> PixelBox | None:
    """Point box -> enclosing pixel rectangle, clipped to ``shape`` (H, W)."""
    a, b, c, d, e, f = points_to_pixel_affine(raster)
    us, vs = [], []
    for x, y in ((bbox.x0, bbox.y0), (bbox.x1, bbox.y0), (bbox.x0, bbox.y1), (bbox.x1, bbox.y1)):
        us.append(a * x + c * y + e)
        vs.append(b * x + d * y + f)
    u0, v0 = int(np.floor(min(us))), int(np.floor(min(vs)))
    u1, v1 = int(np.ceil(max(us))), int(np.ceil(max(vs)))
    if shape is not None:
        h, w = shape[0], shape[1]
        u0, v0 = max(0, u0), max(0, v0)
        u1, v1 = min(w, u1), min(h, v1)
        if u1 <= u0 or v1 <= v0:
            return None
    return (u0, v0, u1, v1)


def pixel_rects_for_bboxes(raster: Raster, bboxes: Sequence[BBox | None],
                           shape: tuple[int, ...]) -> list[PixelBox | None]:
    """``pixel_rect_for_bbox`` of many boxes at once (numpy, the same float64 arithmetic in the same
    order, so the same rectangles); None where a box is None or its rectangle is off ``shape``."""
    out: list[PixelBox | None] = [None] * len(bboxes)
    idx = []
    for i, bb in enumerate(bboxes):
        if bb is None:
            continue
        if all(isinstance(v, (float, int)) for v in bb.as_tuple()):
            idx.append(i)
        else:               # e.g. float32 coordinates: Python's arithmetic of them is not float64's
            out[i] = pixel_rect_for_bbox(raster, bb, shape)
    if not idx:
        return out
    a, b, c, d, e, f = points_to_pixel_affine(raster)
    xy = np.array([bboxes[i].as_tuple() for i in idx], dtype=np.float64)      # type: ignore[union-attr]
    x0, y0, x1, y1 = xy[:, 0], xy[:, 1], xy[:, 2], xy[:, 3]
    us = [a * x + c * y + e for x, y in ((x0, y0), (x1, y0), (x0, y1), (x1, y1))]
    vs = [b * x + d * y + f for x, y in ((x0, y0), (x1, y0), (x0, y1), (x1, y1))]
    u0 = np.floor(np.minimum(np.minimum(us[0], us[1]), np.minimum(us[2], us[3]))).astype(np.int64)
    v0 = np.floor(np.minimum(np.minimum(vs[0], vs[1]), np.minimum(vs[2], vs[3]))).astype(np.int64)
    u1 = np.ceil(np.maximum(np.maximum(us[0], us[1]), np.maximum(us[2], us[3]))).astype(np.int64)
    v1 = np.ceil(np.maximum(np.maximum(vs[0], vs[1]), np.maximum(vs[2], vs[3]))).astype(np.int64)
    h, w = shape[0], shape[1]
    u0, v0 = np.maximum(u0, 0), np.maximum(v0, 0)
    u1, v1 = np.minimum(u1, w), np.minimum(v1, h)
    ok = (u1 > u0) & (v1 > v0)
    for k, i in enumerate(idx):
        if ok[k]:
            out[i] = (int(u0[k]), int(v0[k]), int(u1[k]), int(v1[k]))
    return out


def px_per_pt(raster: Raster) -> float:
    """Pixels per point along the page (isotropic rasters assumed)."""
    a, b, c, d, _, _ = raster.to_points
    det = abs(a * d - b * c)
    return float(1.0 / np.sqrt(det)) if det > 0 else float(raster.dpi) / 72.0


def char_pixel_rects(
    page: Page,
    shape: tuple[int, ...],
    *,
    origins: Iterable[TextOrigin] | None = None,
    min_score: float = 0.0,
    chars: Sequence[Char] | None = None,
) -> list[PixelBox]:
    """Pixel rectangles of the page's visible characters (separators skipped)."""
    assert page.raster is not None
    allowed = set(origins) if origins is not None else None
    boxes: list[BBox | None] = []
    for ch in (page.chars if chars is None else chars):
        if ch.bbox is None or not ch.c.strip():
            continue
        if allowed is not None and ch.origin not in allowed:
            continue
        if ch.origin is TextOrigin.OCR and ch.score < min_score:
            continue
        boxes.append(ch.bbox)
    return [r for r in pixel_rects_for_bboxes(page.raster, boxes, shape) if r is not None]


# --- text -------------------------------------------------------------------

@dataclass(frozen=True)
class TextHit:
    """An occurrence of a label in ``page.text`` with its box in points."""

    label: str
    start: int
    end: int
    bbox: BBox


def find_text(page: Page, words: Iterable[str]) -> list[TextHit]:
    """Occurrences of ``words`` in page.text (longest first, no overlaps), with boxes.

    Whitespace between the characters of a word is tolerated (forms often
    letter-space labels: "签  名").
    """
    uniq = sorted({w for w in words if w}, key=len, reverse=True)
    if not uniq or not page.text:
        return []
    pattern = "|".join(r"\s*".join(re.escape(ch) for ch in w) for w in uniq)
    hits: list[TextHit] = []
    for m in re.finditer(pattern, page.text):
        boxes = page.boxes_for_span(m.start(), m.end())
        if not boxes:
            continue
        label = re.sub(r"\s+", "", m.group(0))
        hits.append(TextHit(label, m.start(), m.end(), BBox.enclosing(list(boxes))))
    return hits


# a figure's caption (图2 混凝土试样显微照片, Fig. 3 ...): its words describe the figure, they label no form cell
_CAPTION = re.compile(r"^\s*(?:图|表|Fig(?:ure)?\.?|Table)\s*[0-9０-９一二三四五六七八九十]+", re.I)
FORM_LABEL_MAX_CHARS = 16     # a form cell's label line (请粘贴近期免冠照片处) is short; running text is longer


def label_hits(page: Page, words: Iterable[str], *, unambiguous: Iterable[str] = ()) -> list[TextHit]:
    """``find_text`` for a form's labels: a hit on a figure's caption never counts, and one in running text
    (a line longer than ``FORM_LABEL_MAX_CHARS``) only for the ``unambiguous`` words (免冠 names an ID photo
    wherever it stands; 照片 in 现场照片见附件 or 显微照片 names a figure)."""
    sure = set(unambiguous)
    out = []
    for hit in find_text(page, words):
        start = page.text.rfind("\n", 0, hit.start) + 1
        end = page.text.find("\n", hit.end)
        line = page.text[start:end if end >= 0 else len(page.text)]
        if _CAPTION.match(line):
            continue
        if hit.label in sure or len("".join(line.split())) <= FORM_LABEL_MAX_CHARS:
            out.append(hit)
    return out


# --- findings ----------------------------------------------------------------

def make_region_finding(
    page: Page,
    *,
    entity_type: str,
    box: BBox,
    recognizer: str,
    score: float,
    text: str = "",
    explanation: Sequence[tuple[str, Any]] = (),
) -> Finding:
    """A region finding with its box clipped to the page."""
    x0 = min(max(box.x0, 0.0), page.width)
    y0 = min(max(box.y0, 0.0), page.height)
    x1 = min(max(box.x1, x0), page.width)
    y1 = min(max(box.y1, y0), page.height)
    return Finding(
        page=page.number,
        entity_type=entity_type,
        boxes=(BBox(x0, y0, x1, y1),),
        recognizer=recognizer,
        score=float(min(1.0, max(0.0, score))),
        text=text,
        start=None,
        end=None,
        explanation=tuple(explanation),
    )


def crop_raster(raster: Raster, pixels: np.ndarray, rect: PixelBox, scale: float = 1.0) -> Raster:
    """A Raster of ``pixels`` (a crop of ``raster`` at ``rect``, resized by ``scale``).

    Its ``to_points`` maps the crop's pixels to the original page points, so an
    OCR engine run on it returns boxes in page space.
    """
    a, b, c, d, e, f = raster.to_points
    u0, v0 = rect[0], rect[1]
    s = 1.0 / scale
    to_points = (a * s, b * s, c * s, d * s, a * u0 + c * v0 + e, b * u0 + d * v0 + f)
    return Raster(pixels=np.ascontiguousarray(pixels), to_points=to_points, dpi=raster.dpi * scale)


# A strip is padded to at most this width / height: a thinner strip loses characters (the detector's
# 32-px grid), a square one costs ~3x the detection time of this for the same reading.
STRIP_MAX_ASPECT = 3.0


def pad_to_square(rgb: np.ndarray, value: int = 255, max_aspect: float = 1.0) -> np.ndarray:
    """Pad an image with ``value`` to a square (text centred vertically/horizontally).

    OCR detectors that scale the *shorter* side to a fixed length (PP-OCR's
    default) would otherwise blow a long thin strip up several-fold.
    ``max_aspect``: pad only until the longer side is at most this many times the shorter.
    """
    h, w = rgb.shape[:2]
    nh, nw = max(h, int(np.ceil(w / max_aspect))), max(w, int(np.ceil(h / max_aspect)))
    top, left = (nh - h) // 2, (nw - w) // 2
    pad = ((top, nh - h - top), (left, nw - w - left)) + (((0, 0),) if rgb.ndim == 3 else ())
    return np.pad(rgb, pad, constant_values=value)


def ocr_image(ocr: OcrEngine, rgb: np.ndarray, dpi: float = 300.0, square: bool = True) -> tuple[str, float]:
    """OCR a free-standing image (e.g. an unwrapped seal strip): text and mean score.

    The strip holds one line by construction: an engine that can read a strip as one line
    (``read_strip``: recognition only, no detection network) reads it so; any other engine detects
    lines in it (padded towards a square, ``square``), and the lines are joined in reading order
    (top to bottom, then left to right); the score is the character-weighted mean of the line scores.
    """
    if square and getattr(ocr, "read_strip", None) is None:
        rgb = pad_to_square(rgb, max_aspect=STRIP_MAX_ASPECT)
    raster = Raster(pixels=np.ascontiguousarray(rgb), to_points=(72.0 / dpi, 0, 0, 72.0 / dpi, 0, 0), dpi=dpi)
    lines = read_strip(ocr, raster)                 # strips are cut upright
    if not lines:
        return "", 0.0
    lines.sort(key=lambda t: (round(t.bbox.y0 / max(t.bbox.height, 1.0)), t.bbox.x0))
    text = "".join(t.text.strip() for t in lines)
    n = sum(len(t.text.strip()) for t in lines)
    score = sum(t.score * len(t.text.strip()) for t in lines) / max(n, 1)
    return text, float(score)


# --- rectangles ----------------------------------------------------------------

def iou(a: Sequence[float], b: Sequence[float]) -> float:
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    if w <= 0 or h <= 0:
        return 0.0
    inter = w * h
    union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return inter / union if union > 0 else 0.0


def overlap_of_smaller(a: Sequence[float], b: Sequence[float]) -> float:
    """Intersection over the smaller rectangle's area."""
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    if w <= 0 or h <= 0:
        return 0.0
    small = min((a[2] - a[0]) * (a[3] - a[1]), (b[2] - b[0]) * (b[3] - b[1]))
    return w * h / small if small > 0 else 0.0


def nms_rects(rects: Sequence[Sequence[float]], scores: Sequence[float], thresh: float = 0.3) -> list[int]:
    """Indices kept by greedy non-maximum suppression (overlap of the smaller box)."""
    order = sorted(range(len(rects)), key=lambda i: scores[i], reverse=True)
    keep: list[int] = []
    for i in order:
        if all(overlap_of_smaller(rects[i], rects[j]) <= thresh for j in keep):
            keep.append(i)
    return keep
