"""QR codes and barcodes: decoded with zxing-cpp, located even when undecodable.

Passes, cheapest first (see docs/regions.md):

1. zxing-cpp on the whole page rendering (it tries rotations and downscales).
2. zxing-cpp on each embedded image crop, upscaled so small codes get >= ~3
   pixels per module (a 2 cm QR code rendered at 150 dpi is borderline).
3. Locators without decoding -- OpenCV's ArUco-based QR finder-pattern
   detector and its 1-D barcode detector.  Each located region that was not
   decoded is cropped and retried at 2x/3x with two binarisers; if it still
   fails and it looks like a code (module texture, bimodal, square for QR), it
   is reported with ``decoded=False``.

``text`` is the payload (kept in memory only).  ``on_form`` says whether the
page is an application form (评审表, 申报表, ... 一人一码), where a QR code is
usually the applicant's own.  The detector never decides whose code it is.
"""

from __future__ import annotations

import re

from dataclasses import dataclass

import cv2
import numpy as np

from redactor.model import Finding, Page
from redactor.protocols import OcrEngine

from .base import iou, make_region_finding, overlap_of_smaller, pixel_rect_for_bbox
from .planes import PagePlanes, planes_of

FORM_KEYWORDS = ("评审表", "申报表", "送审表", "考核表", "登记表", "审验卡", "一人一码")

_QR_FAMILY = {"QRCode", "MicroQRCode", "RMQRCode", "QRCodeModel1", "QRCodeModel2", "DataMatrix", "Aztec",
              "MaxiCode", "PDF417", "CompactPDF417", "MicroPDF417"}


@dataclass
class _Code:
    rect: tuple[float, float, float, float]      # raster pixels
    text: str
    symbology: str
    decoded: bool
    matrix: bool                                 # 2-D code (QR family) vs linear barcode


def _fmt_name(fmt: object) -> str:
    name = getattr(fmt, "name", None)
    return str(name) if name else str(fmt).replace(" ", "")


class QrCodeDetector:
    """QR codes and barcodes -> QR_CODE / BARCODE findings with the payload as text."""

    name = "qr_code.v1"

    def __init__(
        self,
        *,
        retry_scales: tuple[float, ...] = (2.0, 3.0),
        image_min_side_px: int = 400,
        max_image_upscale: float = 4.0,
        report_undecoded: bool = True,
        min_code_pt: float = 12.0,
        pad_ratio: float = 0.06,
        pad_pt: float = 2.0,
        form_keywords: tuple[str, ...] = FORM_KEYWORDS,
    ) -> None:
        self.retry_scales = retry_scales
        self.image_min_side_px = image_min_side_px
        self.max_image_upscale = max_image_upscale
        self.report_undecoded = report_undecoded
        self.min_code_pt = min_code_pt
        self.pad_ratio = pad_ratio
        self.pad_pt = pad_pt
        self.form_keywords = form_keywords

    def detect(self, page: Page, ocr: OcrEngine | None = None, planes: PagePlanes | None = None) -> list[Finding]:
        import zxingcpp

        planes = planes_of(page, planes)
        rgb = planes.rgb
        if rgb is None:
            return []
        assert page.raster is not None
        gray = planes.gray
        h, w = gray.shape
        codes: list[_Code] = []

        def add(found: list[_Code]) -> None:
            for c in found:
                if not any(o.decoded and iou(o.rect, c.rect) > 0.3 and o.text == c.text for o in codes):
                    codes.append(c)

        add(self._read(zxingcpp, gray, 0, 0, 1.0))
        page_area = page.width * page.height
        for im in page.images:
            if im.bbox.area > 0.8 * page_area:
                continue                 # the scan itself: already read above
            r = pixel_rect_for_bbox(page.raster, im.bbox.expanded(4), gray.shape)
            if r is None or r[2] - r[0] < 16 or r[3] - r[1] < 16:
                continue
            side = min(r[2] - r[0], r[3] - r[1])
            f = min(self.max_image_upscale, max(1.0, self.image_min_side_px / side))
            if f == 1.0 and any(c.decoded and overlap_of_smaller(c.rect, r) > 0.5 for c in codes):
                continue
            add(self._read(zxingcpp, gray[r[1]:r[3], r[0]:r[2]], r[0], r[1], f))
        for cand in self._locate(gray):
            if any(overlap_of_smaller(c.rect, cand.rect) > 0.4 for c in codes):
                continue
            m = 0.15 * max(cand.rect[2] - cand.rect[0], cand.rect[3] - cand.rect[1]) + 8
            u0, v0 = max(0, int(cand.rect[0] - m)), max(0, int(cand.rect[1] - m))
            u1, v1 = min(w, int(cand.rect[2] + m)), min(h, int(cand.rect[3] + m))
            got: list[_Code] = []
            for s in self.retry_scales:
                got = self._read(zxingcpp, gray[v0:v1, u0:u1], u0, v0, s, hard=True)
                if got:
                    break
            if got:
                add(got)
            elif self.report_undecoded:
                add([cand])
        on_form = any(k in page.text for k in self.form_keywords)
        out: list[Finding] = []
        for c in codes:
            box = page.raster.point_box(*c.rect)
            if max(box.width, box.height) < self.min_code_pt and not c.decoded:
                continue
            pad = self.pad_ratio * min(box.width, box.height) + self.pad_pt
            out.append(make_region_finding(
                page,
                entity_type="QR_CODE" if c.matrix else "BARCODE",
                box=box.expanded(pad),
                recognizer=self.name,
                score=0.99 if c.decoded else 0.6,
                text=c.text,
                explanation=(("symbology", c.symbology), ("decoded", c.decoded), ("on_form", on_form),
                             ("payload_chars", len(c.text)),
                             ("payload_ref_on_page", payload_ref_on_page(c.text, page.text))),
            ))
        return out

    # -- decoding -----------------------------------------------------------------

    @staticmethod
    def _read(zxingcpp, gray: np.ndarray, du: int, dv: int, scale: float, hard: bool = False) -> list[_Code]:
        img = gray if scale == 1.0 else cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC)
        img = np.ascontiguousarray(img)
        variants = [(img, zxingcpp.Binarizer.LocalAverage)]
        if hard:
            variants.append((img, zxingcpp.Binarizer.GlobalHistogram))
            blur = cv2.GaussianBlur(img, (3, 3), 0)
            _, otsu = cv2.threshold(blur, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
            variants.append((otsu, zxingcpp.Binarizer.FixedThreshold))
        for im, binarizer in variants:
            try:
                found = zxingcpp.read_barcodes(im, binarizer=binarizer)
            except Exception:           # pragma: no cover - defensive: bad crops
                found = []
            out = []
            for b in found:
                if not b.valid:
                    continue
                pos = b.position
                pts = [pos.top_left, pos.top_right, pos.bottom_right, pos.bottom_left]
                us = [p.x / scale + du for p in pts]
                vs = [p.y / scale + dv for p in pts]
                rect = (min(us), min(vs), max(us) + 1, max(vs) + 1)
                sym = _fmt_name(b.format)
                matrix = sym in _QR_FAMILY
                if not matrix:
                    rect = _grow_bars(gray, rect, du, dv)
                out.append(_Code(rect, b.text, sym, True, matrix))
            if out:
                return out
        return []

    # -- locating undecodable codes ----------------------------------------------------

    def _locate(self, gray: np.ndarray) -> list[_Code]:
        out: list[_Code] = []
        for rect in _finder_pattern_codes(gray):
            if _looks_like_matrix_code(gray, rect):
                out.append(_Code(rect, "", "QRCode", False, True))
        try:
            ok, pts = cv2.barcode.BarcodeDetector().detect(gray)
        except (cv2.error, AttributeError):   # pragma: no cover
            ok, pts = False, None
        if ok and pts is not None:
            for quad in pts:
                us, vs = quad[:, 0], quad[:, 1]
                rect = (float(us.min()), float(vs.min()), float(us.max()) + 1, float(vs.max()) + 1)
                if _looks_like_barcode(gray, rect):
                    out.append(_Code(rect, "", "LinearCode", False, False))
        return out


def _crop(gray: np.ndarray, rect: tuple[float, float, float, float]) -> np.ndarray:
    h, w = gray.shape
    u0, v0 = max(0, int(rect[0])), max(0, int(rect[1]))
    u1, v1 = min(w, int(np.ceil(rect[2]))), min(h, int(np.ceil(rect[3])))
    return gray[v0:v1, u0:u1]


def _binary(c: np.ndarray) -> np.ndarray:
    _, b = cv2.threshold(c, 0, 1, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    return b


def _looks_like_matrix_code(gray: np.ndarray, rect) -> bool:
    """Square-ish, bimodal, dense module texture in both directions."""
    c = _crop(gray, rect)
    if c.shape[0] < 21 or c.shape[1] < 21:
        return False
    ar = c.shape[1] / c.shape[0]
    if not 0.75 <= ar <= 1.33 or float(c.std()) < 50:
        return False
    b = _binary(c)
    dark = float(b.mean())
    if not 0.25 <= dark <= 0.75:
        return False
    th = np.abs(np.diff(b.astype(np.int8), axis=1)).sum(axis=1).mean()
    tv = np.abs(np.diff(b.astype(np.int8), axis=0)).sum(axis=0).mean()
    return th >= 6 and tv >= 6


def _looks_like_barcode(gray: np.ndarray, rect) -> bool:
    """Many parallel bars: lots of transitions across, few along the bars."""
    c = _crop(gray, rect)
    if c.shape[0] < 8 or c.shape[1] < 20 or float(c.std()) < 50:
        return False
    b = _binary(c).astype(np.int8)
    across_h = np.abs(np.diff(b, axis=1)).sum(axis=1).mean()
    along_h = np.abs(np.diff(b, axis=0)).sum(axis=0).mean()
    across_v, along_v = along_h, across_h
    return (across_h >= 20 and along_h <= 3) or (across_v >= 20 and along_v <= 3)


def _grow_bars(gray: np.ndarray, rect, du: int, dv: int) -> tuple[float, float, float, float]:
    """Extend a linear code's scan-line rectangle over the bars and the digits below them.

    zxing reports a linear code as the line it read; the human-readable digits
    under the bars repeat the payload, so they belong to the region too.
    """
    h, w = gray.shape
    u0, u1 = max(0, int(rect[0]) - du), min(w, int(np.ceil(rect[2])) - du)
    v = int((rect[1] + rect[3]) / 2) - dv
    if u1 - u0 < 4 or not 0 <= v < h:
        return rect
    ref = gray[v, u0:u1] < 128
    v0 = v
    while v0 > 0 and np.mean((gray[v0 - 1, u0:u1] < 128) == ref) > 0.85:
        v0 -= 1
    v1 = v
    while v1 < h - 1 and np.mean((gray[v1 + 1, u0:u1] < 128) == ref) > 0.85:
        v1 += 1
    bar_h = v1 - v0 + 1
    end = v1
    started, blank = False, 0
    for r in range(v1 + 1, min(h, v1 + 1 + int(0.6 * bar_h) + 2)):
        dark = float(np.mean(gray[r, u0:u1] < 128))
        if dark > 0.005:
            started, blank, end = True, 0, r
        else:
            blank += 1
            if (started and blank > max(2, 0.08 * bar_h)) or (not started and blank > 0.3 * bar_h):
                break
    return (rect[0], float(v0 + dv), rect[2], float(end + 1 + dv))


def _finder_patterns(gray: np.ndarray) -> list[tuple[float, float, float]]:
    """QR finder patterns (dark ring, light ring, solid dark centre): (cu, cv, width)."""
    bw = cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 51, 15)
    contours, hier = cv2.findContours(bw, cv2.RETR_TREE, cv2.CHAIN_APPROX_SIMPLE)
    if hier is None:
        return []
    hier = hier[0]
    out = []
    for i, c in enumerate(contours):
        x, y, w, h = cv2.boundingRect(c)
        if w < 10 or h < 10 or not 0.6 <= w / h <= 1.6:
            continue
        c1 = hier[i][2]
        if c1 < 0 or hier[c1][0] >= 0:            # exactly one hole
            continue
        c2 = hier[c1][2]
        if c2 < 0 or hier[c2][0] >= 0 or hier[c2][2] >= 0:   # one solid centre
            continue
        (cx, cy), (s0, s1), _ = cv2.minAreaRect(c)
        (ax, ay), (a0, a1), _ = cv2.minAreaRect(contours[c1])
        (bx, by), (b0, b1), _ = cv2.minAreaRect(contours[c2])
        side = (s0 + s1) / 2
        if side < 10 or not 0.75 <= s0 / max(s1, 1e-6) <= 1.33 or not 0.7 <= b0 / max(b1, 1e-6) <= 1.4:
            continue
        if max(abs(ax - cx), abs(ay - cy), abs(bx - cx), abs(by - cy)) > 0.12 * side:
            continue
        r1, r2 = (a0 + a1) / 2 / side, (b0 + b1) / 2 / side
        if not (0.55 <= r1 <= 0.88 and 0.28 <= r2 <= 0.6):
            continue
        # solid, square centre and square outline (not a circle or a glyph)
        if cv2.contourArea(contours[c2]) < 0.7 * b0 * b1 or cv2.contourArea(c) < 0.8 * s0 * s1:
            continue
        out.append((cx, cy, side))
    return out


def _finder_pattern_codes(gray: np.ndarray, max_patterns: int = 60) -> list[tuple[float, float, float, float]]:
    """Square regions framed by three finder patterns in an L (any rotation)."""
    fps = _finder_patterns(gray)[:max_patterns]
    out: list[tuple[float, float, float, float]] = []
    used: set[int] = set()
    n = len(fps)
    for k in range(n):                 # k: the corner pattern
        if k in used:
            continue
        for i in range(n):
            for j in range(i + 1, n):
                if len({i, j, k}) < 3 or i in used or j in used:
                    continue
                (ku, kv, kw), (iu, iv, iw), (ju, jv, jw) = fps[k], fps[i], fps[j]
                if max(kw, iw, jw) > 1.4 * min(kw, iw, jw):
                    continue
                a = np.array([iu - ku, iv - kv])
                b = np.array([ju - ku, jv - kv])
                la, lb = float(np.hypot(*a)), float(np.hypot(*b))
                if min(la, lb) < 1.8 * kw or max(la, lb) > 26 * kw or not 0.8 <= la / lb <= 1.25:
                    continue
                if abs(float(a @ b)) / (la * lb) > 0.2:
                    continue
                corners = np.array([[ku, kv], [iu, iv], [ju, jv], [iu + ju - ku, iv + jv - kv]])
                half = 0.55 * kw * max(1.0, np.hypot(*(a / la + b / lb)) / np.sqrt(2))
                out.append((float(corners[:, 0].min() - half), float(corners[:, 1].min() - half),
                            float(corners[:, 0].max() + half), float(corners[:, 1].max() + half)))
                used.update((i, j, k))
                break
            if k in used:
                break
    return out


_REF = re.compile(r"[A-Za-z0-9][A-Za-z0-9\-_/]{5,}")


def payload_ref_on_page(payload: str, page_text: str) -> bool:
    """Does the payload carry a reference printed on the page (an application or
    certificate number: a run of at least six letters/digits with four digits or
    more, e.g. ``verify?no=SB2024-000123`` beside 申报编号：SB2024-000123)?

    A per-person code (一人一码) points at this applicant's record, whose number
    the form prints; a platform's code printed on every copy does not."""
    if not payload or not page_text:
        return False
    text = "".join(page_text.split())
    for tok in _REF.findall(payload):
        for part in {tok, *re.split(r"[/_]", tok)}:
            if len(part) >= 6 and sum(ch.isdigit() for ch in part) >= 4 and part in text:
                return True
    return False
