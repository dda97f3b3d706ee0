"""What a picture pasted into a text page shows, decided before OCR.

Ingest OCRs the large pictures of a born-digital page (a pasted ID-card scan, a
certificate, a screenshot with a phone number), because text in pixels is text
an extractor cannot see.  Most large pictures in an application dossier hold
no running text, though: the employer's and the authority's seals, ID photos,
QR codes.  OCR of each costs a full text-detection pass (~0.2-0.5 CPU-s) and
reads nothing that matters: a seal's curved text comes out as fragments (the
seal detector reads it properly, unwrapped), a portrait and a QR code hold no
text.  So each picture is classified with cheap pixel statistics first, and
only pictures that can hold text are OCRed.

The test looks at what OCR would see -- the picture's part of the page
rendering -- with the text layer's characters painted out (print over a
picture is already text).  Kinds, each decided only when its evidence is
clear; anything else is ``TEXT`` and is OCRed (a small picture of a phone
number, a chart with labels, a photo of a document):

* ``BLANK``: no ink at all.
* ``SOLID``: one flat colour inside a thin rim (a redaction's black fill over a
  removed picture, a colour swatch): no contrast, so no glyph.  The rim (at most
  ``SOLID_RIM_PX``, where the rendering blends the picture's edge with the page)
  is too thin to hold a character OCR could read.
* ``SEAL``: red ink that forms a closed ring (an ellipse outline with a hole
  covering most of the picture) and almost no ink that is not red.
* ``CODE``: zxing decodes a QR code/barcode that fills the picture, and little
  ink lies outside it.
* ``PORTRAIT``: one frontal face (two Haar cascades agree) large in the picture:
  an ID photo.  A photo of an ID card has its face small, and is ``TEXT``.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from functools import lru_cache

import cv2
import numpy as np

from redactor.model import BBox, Raster


class PictureKind(str, enum.Enum):
    TEXT = "text"            # may hold text: OCR it
    BLANK = "blank"
    SOLID = "solid"
    SEAL = "seal"
    CODE = "code"
    PORTRAIT = "portrait"

    @property
    def needs_ocr(self) -> bool:
        return self is PictureKind.TEXT


PAPER = 215                  # grey level above which a pixel is paper
MIN_INK_SHARE = 0.002        # less ink than this: blank
SEAL_MAX_OTHER_INK = 0.002   # a seal picture: at most this share of pixels is dark neutral ink (~2 characters)
CODE_MIN_COVER = 0.5         # a code picture: the code covers at least this share of it
CODE_MAX_OTHER_INK = 0.01
FACE_MIN_SHARE = 0.06        # an ID photo: the face box covers at least this share of the picture
SOLID_RIM_PX = 3             # a flat picture's rim left out of the test (anti-aliased edge), pixels a side
SOLID_MAX_RANGE = 8          # a flat picture: every channel of every pixel inside the rim within this many levels


def classify_picture(rgb: np.ndarray) -> PictureKind:
    """``rgb``: the picture as rendered (H x W x 3 uint8), print over it painted white."""
    if rgb.ndim != 3 or rgb.shape[0] < 16 or rgb.shape[1] < 16:
        return PictureKind.TEXT
    gray = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    r = rgb[:, :, 0].astype(np.int16)
    gb = np.maximum(rgb[:, :, 1], rgb[:, :, 2]).astype(np.int16)
    red = (r - gb >= 35) & (r >= 90)
    ink = (gray < PAPER) | red
    n = gray.size
    ink_share = float(ink.mean())
    if ink_share < MIN_INK_SHARE:
        return PictureKind.BLANK
    if _flat(rgb):
        return PictureKind.SOLID
    # ink that is not the seal's: dark and neutral (print, handwriting), away from the red strokes
    neutral = (gray < 160) & (r - gb < 20)
    other = neutral & ~cv2.dilate(red.astype(np.uint8), np.ones((3, 3), np.uint8)).astype(bool)
    other &= ~_rules(other)          # table rules crossing the picture are no text
    if float(other.sum()) / n <= SEAL_MAX_OTHER_INK and _red_ring(red):
        return PictureKind.SEAL
    if _fills_with_code(gray, ink):
        return PictureKind.CODE
    if ink_share > 0.3 and _large_face(gray):
        return PictureKind.PORTRAIT
    return PictureKind.TEXT


def print_painted_out(part: Raster, boxes: Iterable[BBox]) -> np.ndarray:
    """A copy of the crop's pixels with the character ``boxes`` (print over the picture, in page
    points) painted white; red ink under them is kept (a seal stamped over print is the picture's)."""
    px = part.pixels.copy()
    h, w = px.shape[:2]
    for b in boxes:
        us, vs = zip(*(part.to_pixels(x, y) for x in (b.x0, b.x1) for y in (b.y0, b.y1)))
        u0, v0 = max(0, int(min(us)) - 1), max(0, int(min(vs)) - 1)
        u1, v1 = min(w, int(max(us)) + 2), min(h, int(max(vs)) + 2)
        if u1 > u0 and v1 > v0:
            box = px[v0:v1, u0:u1]
            red = box[:, :, 0].astype(np.int16) - np.maximum(box[:, :, 1], box[:, :, 2]) >= 35
            box[~red] = 255      # print is dark; a seal's red under it is the picture's
    return px


BLANK_PAGE_MAX_INK_PX = 40    # dark pixels (at half resolution) a blank page may show: dust, not a digit


def blank_page(rgb: np.ndarray) -> bool:
    """A whole page rendering with no ink: fewer than ``BLANK_PAGE_MAX_INK_PX`` dark pixels
    at half resolution (averaging halves scanner speckle; one handwritten digit has hundreds)."""
    if rgb.ndim != 3 or rgb.shape[0] < 16 or rgb.shape[1] < 16:
        return False
    gray = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    small = cv2.resize(gray, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)
    paper = float(np.percentile(small[::4, ::4], 50))
    return int(np.count_nonzero(small < paper - 60)) < BLANK_PAGE_MAX_INK_PX


def _flat(rgb: np.ndarray) -> bool:
    """Every pixel inside a ``SOLID_RIM_PX`` rim has the same colour, within ``SOLID_MAX_RANGE`` levels a channel."""
    r = SOLID_RIM_PX
    inner = rgb[r:rgb.shape[0] - r, r:rgb.shape[1] - r]
    if inner.shape[0] < 8 or inner.shape[1] < 8:
        return False
    flat = inner.reshape(-1, inner.shape[2])
    return bool((flat.max(axis=0).astype(np.int16) - flat.min(axis=0)).max() <= SOLID_MAX_RANGE)


def _rules(mask: np.ndarray) -> np.ndarray:
    """Long horizontal and vertical lines of ``mask`` (at least 30 % of the picture's side), grown by 2 px."""
    h, w = mask.shape
    m = mask.astype(np.uint8)
    lines = cv2.morphologyEx(m, cv2.MORPH_OPEN, np.ones((1, max(8, int(0.3 * w))), np.uint8))
    lines |= cv2.morphologyEx(m, cv2.MORPH_OPEN, np.ones((max(8, int(0.3 * h)), 1), np.uint8))
    return cv2.dilate(lines, np.ones((5, 5), np.uint8)).astype(bool)


def _red_ring(red: np.ndarray) -> bool:
    """The red ink's outer outline is an ellipse spanning most of the picture, with a hole."""
    h, w = red.shape
    k = max(3, int(0.02 * max(h, w)) | 1)
    closed = cv2.morphologyEx(red.astype(np.uint8), cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k, k)))
    contours, hierarchy = cv2.findContours(closed, cv2.RETR_CCOMP, cv2.CHAIN_APPROX_NONE)
    if not contours or hierarchy is None:
        return False
    i = max(range(len(contours)), key=lambda j: cv2.contourArea(contours[j]))
    c = contours[i]
    x, y, cw, ch = cv2.boundingRect(c)
    if cw < 0.6 * w and ch < 0.6 * h or len(c) < 20:
        return False
    (_, _), (a0, a1), _ = cv2.fitEllipse(c)
    if min(a0, a1) < 0.45 * max(a0, a1):
        return False
    area = cv2.contourArea(c)
    if not 0.75 <= area / max(np.pi * a0 * a1 / 4, 1.0) <= 1.25:
        return False
    holes = [cv2.contourArea(contours[j]) for j in range(len(contours)) if hierarchy[0][j][3] == i]
    return bool(holes) and max(holes) >= 0.4 * area


def _fills_with_code(gray: np.ndarray, ink: np.ndarray) -> bool:
    try:
        import zxingcpp
    except ImportError:      # pragma: no cover - a hard dependency of the QR detector
        return False
    try:
        found = zxingcpp.read_barcodes(gray)
    except (RuntimeError, ValueError):   # undecodable: let OCR look
        return False
    h, w = gray.shape
    mask = np.zeros_like(ink)
    for code in found:
        p = code.position
        xs = [p.top_left.x, p.top_right.x, p.bottom_right.x, p.bottom_left.x]
        ys = [p.top_left.y, p.top_right.y, p.bottom_right.y, p.bottom_left.y]
        u0, u1 = max(0, min(xs)), min(w, max(xs) + 1)
        v0, v1 = max(0, min(ys)), min(h, max(ys) + 1)
        m = int(0.12 * max(u1 - u0, v1 - v0)) + 2          # the quiet zone
        mask[max(0, v0 - m):v1 + m, max(0, u0 - m):u1 + m] = True
    if not mask.any() or float(mask.mean()) < CODE_MIN_COVER:
        return False
    return float((ink & ~mask).mean()) <= CODE_MAX_OTHER_INK


@lru_cache(maxsize=1)
def _cascades() -> tuple[cv2.CascadeClassifier, cv2.CascadeClassifier]:
    base = cv2.data.haarcascades
    return (cv2.CascadeClassifier(base + "haarcascade_frontalface_alt2.xml"),
            cv2.CascadeClassifier(base + "haarcascade_frontalface_default.xml"))


def _large_face(gray: np.ndarray) -> bool:
    """Exactly one face, confirmed by a second cascade, covering FACE_MIN_SHARE of the picture."""
    h, w = gray.shape
    s = min(1.0, 320.0 / max(h, w))
    small = cv2.resize(gray, None, fx=s, fy=s, interpolation=cv2.INTER_AREA) if s < 1.0 else gray
    small = cv2.equalizeHist(small)
    side = int(0.2 * min(small.shape))
    first, second = _cascades()
    faces = first.detectMultiScale(small, scaleFactor=1.1, minNeighbors=4, minSize=(max(side, 20), max(side, 20)))
    if len(faces) != 1:
        return False
    x, y, fw, fh = (int(v) for v in faces[0])
    if fw * fh < FACE_MIN_SHARE * small.shape[0] * small.shape[1]:
        return False
    m = int(0.25 * fw)
    roi = small[max(0, y - m):y + fh + m, max(0, x - m):x + fw + m]
    return len(second.detectMultiScale(roi, scaleFactor=1.1, minNeighbors=3, minSize=(int(0.6 * fw), int(0.6 * fh)))) > 0
