"""Round and oval seals (公章) in red, blue or purple ink, with their curved text read through OCR.

Pipeline (numbers in docs/regions.md):

1. Ink masks, one per stamp-pad ink (``INKS``): red (hue red, saturated, red
   clearly above green/blue; dark red and orange-red included), blue, purple --
   each robust to JPEG chroma noise and to black text printed under or over the
   seal.  Each ink's mask goes through the steps below on its own.
2. Closing (about 2.5 pt) joins the ring where text breaks it; each external
   contour of plausible size (default 28-230 pt) gets an ellipse fit.
3. A seal must have a *ring*: red along at least ``min_ring_coverage`` of the
   ellipse's circumference (angles off the page are not counted, so half
   seals at a page edge still count), not be a filled disc, and have an axis
   ratio of at least 0.45 (>= 0.85: round, else oval).  A pale, mottled or
   double-ring impression leaves its ring in pieces on the mask: the search is
   repeated on the ink's smoothed amount (``faint_ink_level``).  Greyscale
   pages: circles by a Hough search, ovals by the outline search on grey ink.
4. Reading: the red ink is turned into black-on-white, ovals are stretched
   to circles, the text band inside the ring is unwrapped with
   ``cv2.warpPolar`` into a strip whose columns run clockwise, the strip is
   cut at the largest angular gap (normally the bottom, whatever the seal's
   rotation) so the organisation name runs left to right, and the strip goes
   through the OCR engine.  Ovals are also unwrapped along scaled copies of
   the outline (text set on a scaled ellipse) and the better reading is kept.  The seal crop itself is OCRed as well for
   horizontal text (e.g. 专用章, department names).

``text`` is the best reading (may be ""); the detector does not decide whose
seal it is.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from redactor.model import Finding, Page, PageKind, TextOrigin
from redactor.protocols import OcrEngine

from .base import (
    char_pixel_rects, make_region_finding, ocr_image, pad_to_square, page_pixels, pixel_rect_for_bbox, px_per_pt,
    upright,
)


@dataclass
class _Seal:
    rect: tuple[int, int, int, int]          # raster pixels, red ink fully inside
    center: tuple[float, float]
    axes: tuple[float, float]                # full lengths (major, minor)
    angle: float                             # degrees, of the major axis
    coverage: float
    shape: str
    over_solid_red: bool = False             # found after removing solid ink around it
    ink: str = "red"                         # stamp-pad ink (INKS)
    faint: bool = False                      # found on the smoothed amount of ink (a light impression)


def red_mask(rgb: np.ndarray, s_min: int = 50, v_min: int = 70, dominance: int = 35) -> np.ndarray:
    """Pixels of red ink (uint8 0/1)."""
    hsv = cv2.cvtColor(rgb, cv2.COLOR_RGB2HSV)
    h, s, v = hsv[:, :, 0], hsv[:, :, 1], hsv[:, :, 2]
    r = rgb[:, :, 0].astype(np.int16)
    gb = np.maximum(rgb[:, :, 1], rgb[:, :, 2]).astype(np.int16)
    m = ((h <= 12) | (h >= 155)) & (s >= s_min) & (v >= v_min) & (r - gb >= dominance)
    return m.astype(np.uint8)


def redness(rgb: np.ndarray) -> np.ndarray:
    """0..255 amount of red ink; black, grey and blue ink give ~0."""
    r = rgb[:, :, 0].astype(np.float32)
    gb = np.maximum(rgb[:, :, 1], rgb[:, :, 2]).astype(np.float32)
    return np.clip((r - gb) * 1.6, 0, 255).astype(np.uint8)


def blue_mask(rgb: np.ndarray, s_min: int = 30, v_min: int = 70, dominance: int = 25) -> np.ndarray:
    """Pixels of blue stamp-pad ink (uint8 0/1): blue above red and green by
    ``dominance`` more than the paper's is (warm light makes paper yellowish, and
    a faint blue impression is only a little bluer than it)."""
    hsv = cv2.cvtColor(rgb, cv2.COLOR_RGB2HSV)
    h, s, v = hsv[:, :, 0], hsv[:, :, 1], hsv[:, :, 2]
    b = rgb[:, :, 2].astype(np.int16)
    rg = np.maximum(rgb[:, :, 0], rgb[:, :, 1]).astype(np.int16)
    offset = _paper_offset(b - rg)
    return ((h >= 95) & (h <= 130) & (s >= s_min) & (v >= v_min) & (b - rg - offset >= dominance)).astype(np.uint8)


def _paper_offset(chroma: np.ndarray) -> int:
    """The paper's value of a chroma difference (its median, capped at 0: only a
    tint away from the ink's colour is corrected)."""
    return min(0, int(np.median(chroma[::5, ::5])))


def blueness(rgb: np.ndarray) -> np.ndarray:
    b = rgb[:, :, 2].astype(np.float32)
    rg = np.maximum(rgb[:, :, 0], rgb[:, :, 1]).astype(np.float32)
    return np.clip((b - rg) * 1.6, 0, 255).astype(np.uint8)


def purple_mask(rgb: np.ndarray, s_min: int = 30, v_min: int = 70, dominance: int = 30) -> np.ndarray:
    """Pixels of purple (violet) stamp-pad ink (uint8 0/1): red and blue both above
    green by ``dominance`` more than the paper's are."""
    hsv = cv2.cvtColor(rgb, cv2.COLOR_RGB2HSV)
    h, s, v = hsv[:, :, 0], hsv[:, :, 1], hsv[:, :, 2]
    g = rgb[:, :, 1].astype(np.int16)
    rb = np.minimum(rgb[:, :, 0], rgb[:, :, 2]).astype(np.int16)
    offset = _paper_offset(rb - g)
    return ((h >= 125) & (h < 160) & (s >= s_min) & (v >= v_min) & (rb - g - offset >= dominance)).astype(np.uint8)


def purpleness(rgb: np.ndarray) -> np.ndarray:
    g = rgb[:, :, 1].astype(np.float32)
    rb = np.minimum(rgb[:, :, 0], rgb[:, :, 2]).astype(np.float32)
    return np.clip((rb - g) * 1.6, 0, 255).astype(np.uint8)


# stamp-pad inks: (name, mask of the ink's pixels, 0..255 amount of the ink).  Red
# (with dark red and orange-red) is the rule; blue and purple seals exist.  The
# ink says nothing about whose seal it is: the ring text does (policy).
INKS = (("red", red_mask, redness), ("blue", blue_mask, blueness), ("purple", purple_mask, purpleness))


def stamp_ink_mask(rgb: np.ndarray) -> np.ndarray:
    """Pixels of any stamp-pad ink (red, blue, purple), uint8 0/1."""
    out = np.zeros(rgb.shape[:2], np.uint8)
    for _, mask_fn, _ in INKS:
        out |= mask_fn(rgb)
    return out


def seal_ink(rgb: np.ndarray, ppt: float) -> np.ndarray:
    """Pixels (uint8 0/1) of stamp ink inside the seals found on ``rgb`` with the
    default geometry: other detectors use it to tell a seal from pen ink (a blue
    seal beside a signature label is no signature)."""
    out = np.zeros(rgb.shape[:2], np.uint8)
    det = SealDetector()
    for _, mask_fn, _ in INKS:
        mask = mask_fn(rgb)
        if int(mask.sum()) < 50:
            continue
        for seal in det.find_seals(mask, ppt):
            canvas = np.zeros_like(mask)
            cv2.ellipse(canvas, (int(seal.center[0]), int(seal.center[1])),
                        (int(seal.axes[0] * 0.55) + 2, int(seal.axes[1] * 0.55) + 2), seal.angle, 0, 360, 1, -1)
            out |= cv2.dilate(mask, np.ones((3, 3), np.uint8)) & canvas
    return out


class SealDetector:
    """Round/oval stamps in any stamp-pad ink -> SEAL findings; text = seal text read by OCR."""

    name = "seal.v1"

    def __init__(
        self,
        *,
        min_diameter_pt: float = 28.0,
        max_diameter_pt: float = 230.0,
        min_ring_coverage: float = 0.7,
        min_ring_on_page: float = 0.4,
        round_min_axis_ratio: float = 0.85,
        oval_min_axis_ratio: float = 0.45,
        max_fill: float = 0.25,
        max_outline_deviation: float = 0.12,
        close_pt: float = 2.5,
        blob_pt: float = 5.0,
        pad_pt: float = 3.0,
        min_ocr_score: float = 0.6,
        ocr_crop: bool = True,
        strip_height_px: int = 64,
        read_upscale: float = 2.0,
        gray_seals: bool = True,
        min_gray_ring_coverage: float = 0.8,
        min_gray_diameter_pt: float = 60.0,
        other_inks: bool = True,
        faint_ink_level: int = 40,
        oval_scaled_unwrap: bool = True,
        gray_ovals: bool = True,
    ) -> None:
        self.gray_ovals = gray_ovals
        self.oval_scaled_unwrap = oval_scaled_unwrap
        self.faint_ink_level = faint_ink_level
        self.other_inks = other_inks
        self.gray_seals = gray_seals
        self.min_gray_diameter_pt = min_gray_diameter_pt
        self.min_gray_ring_coverage = min_gray_ring_coverage
        self.min_diameter_pt = min_diameter_pt
        self.max_diameter_pt = max_diameter_pt
        self.min_ring_coverage = min_ring_coverage
        self.min_ring_on_page = min_ring_on_page
        self.round_min_axis_ratio = round_min_axis_ratio
        self.oval_min_axis_ratio = oval_min_axis_ratio
        self.max_fill = max_fill
        self.max_outline_deviation = max_outline_deviation
        self.close_pt = close_pt
        self.blob_pt = blob_pt
        self.pad_pt = pad_pt
        self.min_ocr_score = min_ocr_score
        self.ocr_crop = ocr_crop
        self.strip_height_px = strip_height_px
        self.read_upscale = read_upscale

    # -- public ---------------------------------------------------------------

    def detect(self, page: Page, ocr: OcrEngine | None = None) -> list[Finding]:
        page = upright(page)      # a sheet scanned sideways: look at it the right way up
        rgb = page_pixels(page)
        if rgb is None:
            return []
        assert page.raster is not None
        ppt = px_per_pt(page.raster)
        gray_ink = None
        seals = []
        for ink_name, mask_fn, amount_fn in INKS:
            if ink_name != "red" and not self.other_inks:
                continue
            mask = mask_fn(rgb)
            if int(mask.sum()) < 50:
                continue
            found = self.find_seals(mask, ppt)
            if self.faint_ink_level > 0:
                # a light or mottled impression (pale purple, pale blue, a double ring) leaves
                # its ring in pieces on the ink mask: the outline is looked for again on the
                # smoothed amount of ink, which joins them
                soft = (cv2.GaussianBlur(amount_fn(rgb), (5, 5), 0) >= self.faint_ink_level).astype(np.uint8)
                for x in self.find_seals(soft, ppt):
                    if not any(_same_seal(x, f) for f in found + seals):
                        x.faint = True
                        found.append(x)
            for seal in found:
                seal.ink = ink_name
                seals.append(seal)
        if seals:
            pass
        elif self.gray_seals and is_grayscale(rgb):
            # a greyscale scan: the red seal is a grey ring now
            gray = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
            gray_ink = seal_gray_ink(gray)
            if page.kind in (PageKind.BORN_DIGITAL, PageKind.MIXED):
                # a text layer: its glyphs (口, 回, 0 ...) are circles to a Hough transform, each a
                # candidate to refute; look for rings with the printed characters painted out
                probe = _without_print(page, gray)
                probe_ink = seal_gray_ink(probe)
                seals = self.find_gray_seals(probe, probe_ink, ppt)
            else:
                probe_ink = gray_ink
                seals = self.find_gray_seals(gray, gray_ink, ppt)
            if self.gray_ovals:
                seals += [x for x in self.find_gray_ovals(probe_ink, ppt) if not any(_same_seal(x, f) for f in seals)]
        else:
            return []
        out: list[Finding] = []
        for seal in seals:
            text, score, source = ("", 0.0, "none")
            if ocr is not None:
                text, score, source = self.read(rgb, seal, ocr, ppt, ink_map=gray_ink,
                                                read_lines=_lines_read_at_ingest(page, rgb, seal))
            readable = bool(text) and len(text) >= 2 and score >= self.min_ocr_score
            pad = self.pad_pt * ppt
            u0, v0, u1, v1 = seal.rect
            box = page.raster.point_box(u0 - pad, v0 - pad, u1 + pad, v1 + pad)
            out.append(make_region_finding(
                page, entity_type="SEAL", box=box, recognizer=self.name,
                score=0.5 + 0.5 * min(1.0, seal.coverage),
                text=text,
                explanation=(("readable", readable), ("shape", seal.shape), ("ink", "grey" if gray_ink is not None else seal.ink),
                             ("ocr_score", round(float(score), 3)),
                             ("text_source", source), ("ring_coverage", round(float(seal.coverage), 3)),
                             ("diameter_pt", round(float(seal.axes[0]) / ppt, 1))),
            ))
        return out

    # -- finding ------------------------------------------------------------------

    def find_seals(self, mask: np.ndarray, ppt: float) -> list[_Seal]:
        h, w = mask.shape
        k = max(3, int(round(self.close_pt * ppt)) | 1)
        closed = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k, k)))
        ring_probe = cv2.dilate(mask, np.ones((3, 3), np.uint8))
        contours, _ = cv2.findContours(closed, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
        dmin, dmax = self.min_diameter_pt * ppt, self.max_diameter_pt * ppt
        seals: list[_Seal] = []
        for c in contours:
            x, y, cw, ch = cv2.boundingRect(c)
            if max(cw, ch) < 0.5 * dmin or len(c) < 20:
                continue
            seal = self._from_contour(c, mask, ring_probe, (x, y, cw, ch), dmin, dmax)
            if seal is not None:
                seals.append(seal)
            elif max(cw, ch) >= dmin:
                # the seal's ring merged with other red (a tinted photo, red print)
                seals.extend(self._without_blobs(mask, ring_probe, (x, y, cw, ch), dmin, dmax, ppt, seals))
        return seals

    def _from_contour(self, c, mask, ring_probe, box, dmin: float, dmax: float) -> _Seal | None:
        h, w = mask.shape
        x, y, cw, ch = box
        ell = self._fit(c, x, y, cw, ch, w, h, self.max_outline_deviation)
        if ell is None:
            return None
        (cx, cy), (a0, a1), ang = ell
        major, minor = max(a0, a1), min(a0, a1)
        if major < dmin or major > dmax or minor < 0.5 * dmin:
            return None
        ratio = minor / major
        if ratio < self.oval_min_axis_ratio:
            return None
        cov, on_page = _ring_coverage(ring_probe, (cx, cy), (a0, a1), ang)
        if on_page < self.min_ring_on_page or cov < self.min_ring_coverage:
            return None
        if _fill_ratio(mask, (cx, cy), (a0, a1), ang) > self.max_fill:
            return None
        # red pixels of this seal: the contour's box plus the ellipse's box
        ex, ey = _ellipse_extent((a0, a1), ang)
        u0 = int(min(x, cx - ex)) - 1
        v0 = int(min(y, cy - ey)) - 1
        u1 = int(max(x + cw, cx + ex)) + 2
        v1 = int(max(y + ch, cy + ey)) + 2
        rect = (max(0, u0), max(0, v0), min(w, u1), min(h, v1))
        a_major = ang if a0 >= a1 else ang + 90.0
        shape = "round" if ratio >= self.round_min_axis_ratio else "oval"
        return _Seal(rect, (cx, cy), (major, minor), a_major, cov, shape)

    def _without_blobs(self, mask, ring_probe, box, dmin: float, dmax: float, ppt: float,
                        found: list[_Seal]) -> list[_Seal]:
        """Seals whose ring merged with solid red (a tinted photo, a red block).

        Thick red areas are removed by an opening (strokes thinner than
        ``blob_pt`` survive: ring, text, star), and the contour analysis is
        repeated on what is left; the ring coverage still uses all red ink.
        """
        h, w = mask.shape
        x, y, cw, ch = box
        m = int(0.1 * max(cw, ch)) + 2
        u0, v0, u1, v1 = max(0, x - m), max(0, y - m), min(w, x + cw + m), min(h, y + ch + m)
        sub = mask[v0:v1, u0:u1]
        d = max(5, int(round(self.blob_pt * ppt)) | 1)
        blob = cv2.morphologyEx(sub, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (d, d)))
        if not blob.any():
            return []
        thin = sub & (1 - cv2.dilate(blob, np.ones((5, 5), np.uint8)))
        k = max(3, int(round(self.close_pt * ppt)) | 1)
        closed = cv2.morphologyEx(thin, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k, k)))
        contours, _ = cv2.findContours(closed, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
        full_thin = np.zeros_like(mask)
        full_thin[v0:v1, u0:u1] = thin
        out: list[_Seal] = []
        for c in contours:
            c = c + np.array([[[u0, v0]]])
            bx, by, bw, bh = cv2.boundingRect(c)
            if max(bw, bh) < dmin or len(c) < 20:
                continue
            seal = self._from_contour(c, full_thin, ring_probe, (bx, by, bw, bh), dmin, dmax)
            if seal is not None and not any(abs(seal.center[0] - f.center[0]) < seal.axes[1] / 2
                                             and abs(seal.center[1] - f.center[1]) < seal.axes[1] / 2
                                             for f in found + out):
                seal.over_solid_red = True
                out.append(seal)
        return out

    @staticmethod
    def _fit(c, x, y, cw, ch, w, h, max_dev: float = 0.12):
        """Ellipse of the contour; for seals cut by the page edge use only the inner points."""
        pts = c.reshape(-1, 2)
        on_edge = (pts[:, 0] <= 1) | (pts[:, 1] <= 1) | (pts[:, 0] >= w - 2) | (pts[:, 1] >= h - 2)
        if on_edge.any():
            pts = pts[~on_edge]
            if len(pts) < 20:
                return None
        try:
            (cx, cy), (a0, a1), ang = cv2.fitEllipse(pts.astype(np.float32))
        except cv2.error:
            return None
        if not (np.isfinite(cx) and np.isfinite(cy) and a0 > 0 and a1 > 0):
            return None
        # the outline must follow the ellipse (a square glyph or stamp does not)
        t = np.radians(ang)
        dx, dy = pts[:, 0] - cx, pts[:, 1] - cy
        xr = dx * np.cos(t) + dy * np.sin(t)
        yr = -dx * np.sin(t) + dy * np.cos(t)
        rr = np.sqrt((xr / (a0 / 2)) ** 2 + (yr / (a1 / 2)) ** 2)
        if float(np.percentile(np.abs(rr - 1.0), 90)) > max_dev:
            return None
        # the fitted ellipse must match the contour (not a blob of red text)
        hull_area = cv2.contourArea(cv2.convexHull(c))
        ell_area = np.pi * a0 * a1 / 4
        if not on_edge.any() and not 0.75 <= hull_area / max(ell_area, 1) <= 1.2:
            return None
        return (cx, cy), (a0, a1), ang

    def find_gray_seals(self, gray: np.ndarray, ink: np.ndarray, ppt: float) -> list[_Seal]:
        """Round seals on a greyscale page: circle candidates (Hough, on a half-size
        image), kept when a mid-grey ring runs round most of the circle with paper
        just outside it and the inside is not filled.  Ovals: ``find_gray_ovals``."""
        h, w = gray.shape
        f = 0.5
        small = cv2.resize(gray, None, fx=f, fy=f, interpolation=cv2.INTER_AREA)
        ring_small = (cv2.resize(ink, None, fx=f, fy=f, interpolation=cv2.INTER_AREA) > 20).astype(np.uint8)
        rmin = max(6, int(max(self.min_diameter_pt, self.min_gray_diameter_pt) * ppt * f / 2))
        rmax = int(self.max_diameter_pt * ppt * f / 2)
        # proposals on a quarter-size page (a 1/8 s Hough at half size becomes ~10 ms)
        q = 0.5
        quarter = cv2.GaussianBlur(cv2.resize(small, None, fx=q, fy=q, interpolation=cv2.INTER_AREA), (3, 3), 0)
        threads = cv2.getNumThreads()
        cv2.setNumThreads(1)      # parallel accumulation orders tied candidates differently run to run
        try:
            circles = cv2.HoughCircles(quarter, cv2.HOUGH_GRADIENT, dp=1.5, minDist=2 * rmin * q, param1=100,
                                       param2=40, minRadius=max(4, int(rmin * q)), maxRadius=int(rmax * q) + 1)
        finally:
            cv2.setNumThreads(threads)
        if circles is None:
            return []
        circles = circles / q
        ring = (ink > 0).astype(np.uint8)
        ink_yx = np.nonzero(ring_small)          # once for all candidates: their centres are refined on it
        seals: list[_Seal] = []
        for cx, cy, r in circles[0][:60]:
            lo, hi = int(0.85 * r), int(1.45 * r)
            found_c = _centre_ring(ring_small, ink_yx, (float(cx), float(cy)), int(1.6 * r) + 4, lo, hi)
            if found_c is None:
                continue
            (cx, cy), cov, on_page = found_c
            # the seal's outer ring: the outermost radius inked all round (Hough
            # often locks onto the circle of text inside it)
            hi = min(len(cov) - 1, hi, rmax)
            good = [k for k in range(lo, hi + 1)
                    if on_page[k] >= self.min_ring_on_page and cov[k] >= self.min_gray_ring_coverage]
            if not good:
                continue
            rr = good[-1]
            while rr + 1 < len(cov) and cov[rr + 1] >= 0.5:     # to the ring's outer edge
                rr += 1
            # a ring is a line: a little further out there is paper, not a text block
            k_out = min(len(cov) - 1, int(rr * 1.1) + 2)
            if cov[k_out] > 0.5 or rr < rmin:
                continue
            # ... and inside it the text and the star leave gaps: not inked all round at every radius
            inner = cov[int(0.4 * rr):int(0.9 * rr)]
            if inner.size == 0 or float(inner.min()) > 0.6:
                continue
            full_c, full_r = (float(cx) / f, float(cy) / f), (rr + 1.0) / f
            if _fill_ratio(ring, full_c, (2 * full_r, 2 * full_r), 0.0) > self.max_fill:
                continue
            e = full_r + 2
            rect = (max(0, int(full_c[0] - e)), max(0, int(full_c[1] - e)), min(w, int(full_c[0] + e) + 1),
                    min(h, int(full_c[1] + e) + 1))
            seals.append(_Seal(rect, full_c, (2 * full_r, 2 * full_r), 0.0, float(cov[rr]), "round"))
        # several circles per seal (ring, text circle, off-centre fits): the best-covered ring wins
        seals.sort(key=lambda x: (-round(x.coverage, 2), -x.axes[0], x.center))
        out: list[_Seal] = []
        for x in seals:
            if not any(abs(x.center[0] - o.center[0]) < o.axes[0] / 2 and abs(x.center[1] - o.center[1]) < o.axes[0] / 2
                       for o in out):
                out.append(x)
        return out

    def find_gray_ovals(self, ink: np.ndarray, ppt: float) -> list[_Seal]:
        """Oval seals on a greyscale page (the circle search does not see them): the outline
        search of coloured seals on the smoothed mid-grey ink, ovals only, with the grey
        ring's coverage and size."""
        soft = (cv2.GaussianBlur(ink, (5, 5), 0) >= self.faint_ink_level).astype(np.uint8)
        if int(soft.sum()) < 50:
            return []
        dmin = max(self.min_diameter_pt, self.min_gray_diameter_pt)
        return [x for x in self.find_seals(soft, ppt)
                if x.shape == "oval" and x.coverage >= self.min_gray_ring_coverage and x.axes[0] >= dmin * ppt]

    # -- reading --------------------------------------------------------------------

    def read(self, rgb: np.ndarray, seal: _Seal, ocr: OcrEngine, ppt: float = 150 / 72,
             ink_map: np.ndarray | None = None,
             read_lines: list[tuple[str, float]] | None = None) -> tuple[str, float, str]:
        """OCR the unwrapped ring text and the crop; return (text, score, source).

        ``ink_map``: the seal's ink (0..255) for the whole page when it is not red
        (greyscale scans); by default the red ink is read from ``rgb``.
        ``read_lines``: the seal's straight lines as the page's OCR already read them (scans): when the
        ring is read they are its extras and the crop is not OCRed; when it is not, the crop is OCRed as
        before (ingest's lines, print fragments among them, once made an unreadable seal "readable")."""
        u0, v0, u1, v1 = seal.rect
        m = int(0.05 * seal.axes[0]) + 4
        H, W = rgb.shape[:2]
        a0, b0, a1, b1 = max(0, u0 - m), max(0, v0 - m), min(W, u1 + m), min(H, v1 + m)
        if ink_map is not None:
            ink = cv2.GaussianBlur(np.ascontiguousarray(ink_map[b0:b1, a0:a1]), (3, 3), 0)
        else:
            sub = rgb[b0:b1, a0:a1]
            _, mask_fn, amount_fn = next(i for i in INKS if i[0] == seal.ink)
            red = mask_fn(sub)
            if seal.faint or seal.ink != "red":      # a mask in pieces (light ink): the smoothed amount as well
                red |= (cv2.GaussianBlur(amount_fn(sub), (5, 5), 0) >= self.faint_ink_level / 2).astype(np.uint8)
            if seal.over_solid_red:
                # solid red (a tinted photo under the seal) is no text
                d = max(5, int(round(self.blob_pt * ppt)) | 1)
                blob = cv2.morphologyEx(red, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (d, d)))
                red &= 1 - cv2.dilate(blob, np.ones((3, 3), np.uint8))
            keep = cv2.dilate(red, np.ones((3, 3), np.uint8))
            ink = cv2.GaussianBlur(_red_ink(sub, keep, amount_fn), (3, 3), 0)
        center = (seal.center[0] - a0, seal.center[1] - b0)
        axes = seal.axes
        up = self.read_upscale if ppt * 72 < 250 else 1.0
        if up > 1.0:
            # low-resolution rasters: unwrap from a smooth upscaled crop
            ink = cv2.resize(ink, None, fx=up, fy=up, interpolation=cv2.INTER_CUBIC)
            center = ((center[0] + 0.5) * up - 0.5, (center[1] + 0.5) * up - 0.5)
            axes = (axes[0] * up, axes[1] * up)

        arc_text, arc_score = "", 0.0
        # an oval's text follows the ring at a constant distance or a scaled copy of the ring (its
        # sides then lie deeper inside): both are unwrapped and the better reading is kept
        models = (False, True) if seal.shape == "oval" and self.oval_scaled_unwrap else (False,)
        for scaled in models:
            strip = self._unwrap(ink, center, axes, seal.angle, scaled=scaled)
            if strip is None:
                continue
            t1, s1 = ocr_image(ocr, _rgb(strip))
            if s1 < self.min_ocr_score:
                t2, s2 = ocr_image(ocr, _rgb(strip[::-1, ::-1]))      # text on the lower arc
                if s2 * len(t2) > s1 * len(t1):
                    t1, s1 = t2, s2
            if _reading_weight(t1, s1, self.min_ocr_score) > _reading_weight(arc_text, arc_score, self.min_ocr_score):
                arc_text, arc_score = t1, s1
        crop_lines: list[tuple[str, float]] = []
        arc_read = bool(arc_text) and arc_score >= self.min_ocr_score
        if read_lines is not None and arc_read:
            crop_lines = list(read_lines)       # extras only: a seal is never judged on ingest's lines alone
        elif self.ocr_crop:
            crop = 255 - ink
            scale = max(1.0, 320.0 / max(crop.shape))
            if scale > 1.0:
                crop = cv2.resize(crop, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC)
            crop_lines = _ocr_lines(ocr, _rgb(pad_to_square(np.pad(crop, 16, constant_values=255))))
        extras = [t for t, s in crop_lines if s >= 0.8 and len(t) >= 2 and t not in arc_text
                  and (_has_cjk(t) or len(t) >= 4)]
        if arc_text and arc_score >= self.min_ocr_score:
            return (" ".join([arc_text] + extras), arc_score, "arc+crop" if extras else "arc")
        good = [(t, s) for t, s in crop_lines if len(t) >= 2 and _has_cjk(t) and s >= self.min_ocr_score]
        if good:
            best_s = max(s for _, s in good)
            if best_s > arc_score:
                n = sum(len(t) for t, _ in good)
                mean = sum(s * len(t) for t, s in good) / n
                return (" ".join(t for t, _ in good), mean, "crop")
        return (arc_text, arc_score, "arc" if arc_text else "none")

    def _unwrap(self, ink: np.ndarray, center: tuple[float, float], axes: tuple[float, float],
                angle: float, scaled: bool = False) -> np.ndarray | None:
        """Strip of the text band: outermost at the top, clockwise = left to right.

        The band is sampled along curves at a constant distance inside the seal's
        outline (for a round seal this is ``cv2.warpPolar``; many oval seals set
        their text at a constant offset from the ring, so scaling an oval
        to a circle would make the text wave); with ``scaled``, along copies of the
        outline scaled towards the centre (an elliptical polar unwrap: the other way
        oval seals set their text), row ``d`` at scale ``1 - d / b``.
        """
        rings = _offset_grid(center, axes, angle)
        if rings is None:
            return None
        px_, py_, nx, ny, n_cols = rings
        b = axes[1] / 2
        depth = int(0.62 * b)
        if depth < 8:
            return None
        d = np.arange(depth, dtype=np.float32)[:, None]
        if scaled:
            k = 1.0 - d / b
            map_x = (center[0] + k * (px_[None, :] - center[0])).astype(np.float32)
            map_y = (center[1] + k * (py_[None, :] - center[1])).astype(np.float32)
        else:
            map_x = (px_[None, :] - d * nx[None, :]).astype(np.float32)
            map_y = (py_[None, :] - d * ny[None, :]).astype(np.float32)
        band_all = cv2.remap(ink, map_x, map_y, cv2.INTER_LINEAR, borderValue=0)   # rows: depth
        prof = (band_all > 96).mean(axis=1)                 # coverage per depth
        # the border ring: the strongest coverage near the outline, then inwards to its edge
        ring_zone = prof[: max(2, int(0.25 * b))]
        ring_d = int(np.argmax(ring_zone))
        inner = ring_d
        while inner < 0.4 * b and prof[inner] > 0.35 * prof[ring_d]:
            inner += 1
        d_lo = min(depth - 2, inner + max(1, int(0.01 * b)))
        d_hi = min(depth, d_lo + int(0.42 * b))
        strip = band_all[d_lo:d_hi]
        if strip.shape[0] < 6:
            return None
        # angular profile from the outer part of the band only: horizontal text
        # at the bottom of the seal (专用章, serial numbers) reaches into the
        # inner part and would otherwise fill the gap between start and end
        outer_rows = strip[: max(2, int(0.6 * strip.shape[0]))]
        ink_cols = (outer_rows > 96).mean(axis=0)
        k = max(3, n_cols // 60)
        smooth = np.convolve(np.concatenate([ink_cols[-k:], ink_cols, ink_cols[:k]]), np.ones(k) / k, "same")[k:-k]
        empty = smooth < 0.02
        if empty.all():
            return None
        # largest circular run of empty columns -> cut there
        run = _largest_circular_run(empty)
        if run is not None:
            run_start, run_len = run
            cut = (run_start + run_len // 2) % n_cols
            strip = np.roll(strip, -cut, axis=1)
            cols = np.nonzero((np.roll(outer_rows, -cut, axis=1) > 96).any(axis=0))[0]
            if cols.size:
                strip = strip[:, max(0, cols[0] - 4): cols[-1] + 5]
        strip = 255 - strip
        s = self.strip_height_px / max(strip.shape[0], 1)
        strip = cv2.resize(strip, (max(8, int(strip.shape[1] * s)), self.strip_height_px),
                           interpolation=cv2.INTER_CUBIC)
        return np.pad(strip, 20, constant_values=255)


def _reading_weight(text: str, score: float, min_score: float) -> float:
    """How much a ring reading says: its characters times its score, if the score counts."""
    return len(text.strip()) * score if score >= min_score else 0.01 * len(text.strip()) * score


def _same_seal(a: _Seal, b: _Seal) -> bool:
    """Two findings of one stamp: centres within half the smaller minor axis."""
    r = min(a.axes[1], b.axes[1]) / 2
    return abs(a.center[0] - b.center[0]) < r and abs(a.center[1] - b.center[1]) < r


def _lines_read_at_ingest(page: Page, rgb: np.ndarray, seal: _Seal) -> list[tuple[str, float]] | None:
    """The lines ingest's OCR of the whole page read inside the seal in red ink (its straight text:
    专用章, a department, a number); None where ingest did not OCR the page (born-digital pages,
    pictures on mixed pages), so the seal's crop is OCRed on its own."""
    if page.kind not in (PageKind.SCANNED, PageKind.SCAN_WITH_HIDDEN_TEXT) or not page.ocr_lines:
        return None
    assert page.raster is not None
    u0, v0, u1, v1 = seal.rect
    box = page.raster.point_box(u0, v0, u1, v1)
    grey = is_grayscale(rgb[v0:v1:2, u0:u1:2])
    out: list[tuple[str, float]] = []
    for ln in page.ocr_lines:
        b = ln.bbox
        if not (box.x0 <= b.x0 and b.x1 <= box.x1 and box.y0 <= b.y0 and b.y1 <= box.y1):
            continue
        text = page.text[ln.start:ln.end].strip()
        if not text:
            continue
        if not grey:        # print over the seal is not its text: the line's ink must be mostly stamp ink
            r = pixel_rect_for_bbox(page.raster, b, rgb.shape)
            if r is None:
                continue
            sub = rgb[r[1]:r[3], r[0]:r[2]]
            ink = max(int(mask(sub).sum()) for _, mask, _ in INKS)      # red, blue or purple stamp-pad ink
            dark = int((cv2.cvtColor(sub, cv2.COLOR_RGB2GRAY) < 110).sum())
            if ink < dark:
                continue
        out.append((text, float(ln.score)))
    return out


def _without_print(page: Page, gray: np.ndarray) -> np.ndarray:
    """``gray`` with the text layer's characters painted paper white."""
    assert page.raster is not None
    out = gray.copy()
    for r in char_pixel_rects(page, gray.shape, origins=(TextOrigin.TEXT_LAYER,)):
        out[r[1]:r[3], r[0]:r[2]] = 255
    return out


# --- geometry helpers ---------------------------------------------------------------

def _red_ink(sub: np.ndarray, keep: np.ndarray, amount=redness) -> np.ndarray:
    """0..255 ink of the red seal text in ``sub``: the darkness (luminance, which
    JPEG keeps at full resolution, unlike the colour that tells red from black)
    of the pixels near red ink, black print excluded; redness where it is more."""
    gray = cv2.cvtColor(sub, cv2.COLOR_RGB2GRAY).astype(np.int16)
    paper = float(np.percentile(gray, 90))
    dark = np.clip((paper - gray) * 1.6, 0, 255)
    dark[gray < _print_black(gray, paper)] = 0
    return np.maximum(dark.astype(np.uint8), amount(sub)) * keep


def is_grayscale(rgb: np.ndarray) -> bool:
    """A page without colour (a greyscale scan), judged on a sample of pixels."""
    sample = rgb[::7, ::7]
    if sample.size == 0:
        return False
    spread = sample.max(axis=2).astype(np.int16) - sample.min(axis=2).astype(np.int16)
    return float(np.percentile(spread, 99.5)) <= 12


def seal_gray_ink(gray: np.ndarray) -> np.ndarray:
    """0..255 ink of a red seal on a greyscale page: mid-grey, darker than the
    paper and lighter than black print (print over the seal is not its text)."""
    paper = float(np.percentile(gray, 90))
    black = _print_black(gray, paper)
    g = gray.astype(np.int16)
    ink = np.clip((paper - g) * 1.6, 0, 255)
    ink[(g > paper - 45) | (g < black)] = 0
    return ink.astype(np.uint8)


_PRINT_BLACK = 60     # at most: grey levels below this are black print, not red ink turned grey


def _print_black(gray: np.ndarray, paper: float) -> float:
    """Grey level under which ink is black print: 22 % of the way from the darkest
    print to the paper (a dark scan moves both down), at most ``_PRINT_BLACK``."""
    darkest = float(np.percentile(gray[::4, ::4], 0.5))
    return min(_PRINT_BLACK, darkest + 0.22 * (paper - darkest))


def _has_cjk(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def _rgb(gray: np.ndarray) -> np.ndarray:
    return np.ascontiguousarray(np.stack([gray] * 3, axis=-1))


def _ocr_lines(ocr: OcrEngine, rgb: np.ndarray) -> list[tuple[str, float]]:
    from redactor.model import Raster

    raster = Raster(pixels=rgb, to_points=(0.24, 0, 0, 0.24, 0, 0), dpi=300.0)
    return [(t.text.strip(), float(t.score)) for t in ocr.recognize(raster) if t.text.strip()]


def _ellipse_points(center, axes, angle_deg, scale: float, n: int = 360) -> np.ndarray:
    t = np.linspace(0, 2 * np.pi, n, endpoint=False)
    a, b = axes[0] / 2 * scale, axes[1] / 2 * scale
    ca, sa = np.cos(np.radians(angle_deg)), np.sin(np.radians(angle_deg))
    x = a * np.cos(t)
    y = b * np.sin(t)
    return np.stack([center[0] + x * ca - y * sa, center[1] + x * sa + y * ca], axis=1)


def _ellipse_extent(axes, angle_deg) -> tuple[float, float]:
    a, b = axes[0] / 2, axes[1] / 2
    t = np.radians(angle_deg)
    ex = np.sqrt((a * np.cos(t)) ** 2 + (b * np.sin(t)) ** 2)
    ey = np.sqrt((a * np.sin(t)) ** 2 + (b * np.cos(t)) ** 2)
    return float(ex), float(ey)


def _ring_coverage(mask: np.ndarray, center, axes, angle) -> tuple[float, float]:
    """Share of on-page angles with ink near the ellipse outline; share of angles on the page."""
    h, w = mask.shape
    hit = np.zeros(360, bool)
    inside = np.zeros(360, bool)
    for s in np.linspace(0.84, 1.04, 9):
        pts = _ellipse_points(center, axes, angle, s)
        u = np.round(pts[:, 0]).astype(int)
        v = np.round(pts[:, 1]).astype(int)
        ok = (u >= 0) & (u < w) & (v >= 0) & (v < h)
        inside |= ok
        vals = np.zeros(360, bool)
        vals[ok] = mask[v[ok], u[ok]] > 0
        hit |= vals
    on_page = float(inside.mean())
    if not inside.any():
        return 0.0, 0.0
    return float(hit[inside].mean()), on_page


def _centre_ring(mask: np.ndarray, ink_yx: tuple[np.ndarray, np.ndarray], center: tuple[float, float],
                 radius: int, lo: int, hi: int):
    """Refine a proposed circle (proposals come from a quarter-size page, a few
    pixels off, which smears the ring over several radii and spoils the reading):
    take the strongest ring radius in ``lo..hi``, fit a circle to the ink in an
    annulus around it (``ink_yx``: the mask's ink coordinates; least squares, twice,
    narrowing), and return (centre,
    coverage per radius, on-page share per radius) for the fitted centre."""
    prof = _radial_coverage(mask, center, radius)
    if prof is None:
        return None
    band = prof[0][lo:min(hi, len(prof[0]) - 1) + 1]
    if band.size == 0 or float(band.max()) < 0.45:
        return None
    cx, cy = center
    r = float(lo + int(np.argmax(band)))
    ys, xs = ink_yx
    for width in (max(3.0, 0.1 * r), max(2.0, 0.05 * r)):
        d = np.hypot(xs - cx, ys - cy)
        sel = np.abs(d - r) <= width
        if sel.sum() < 30:
            break
        x, y = xs[sel].astype(np.float64), ys[sel].astype(np.float64)
        a = np.column_stack([x, y, np.ones_like(x)])
        sol, *_ = np.linalg.lstsq(a, x * x + y * y, rcond=None)
        ncx, ncy = sol[0] / 2, sol[1] / 2
        nr = float(np.sqrt(max(sol[2] + ncx * ncx + ncy * ncy, 0.0)))
        if not np.isfinite(nr) or abs(nr - r) > 0.25 * r or np.hypot(ncx - cx, ncy - cy) > 0.25 * r:
            break
        cx, cy, r = float(ncx), float(ncy), nr
    prof = _radial_coverage(mask, (cx, cy), radius)
    if prof is None:
        return None
    return (cx, cy), prof[0], prof[1]


def _radial_coverage(mask: np.ndarray, center: tuple[float, float], radius: int):
    """Per radius 0..radius-1: share of on-page angles with ink within a pixel of
    that radius, and share of angles on the page (polar unwrapping, 360 angles)."""
    if radius < 4:
        return None
    size = (radius, 360)
    polar = cv2.warpPolar(mask, size, center, radius, cv2.WARP_POLAR_LINEAR | cv2.INTER_NEAREST)
    valid = cv2.warpPolar(np.ones_like(mask), size, center, radius, cv2.WARP_POLAR_LINEAR | cv2.INTER_NEAREST)
    hit = cv2.dilate(polar, np.ones((1, 3), np.uint8)) & valid       # +-1 px along the radius
    n_valid = valid.sum(axis=0).astype(np.float64)
    cov = np.where(n_valid > 0, hit.sum(axis=0) / np.maximum(n_valid, 1), 0.0)
    return cov, n_valid / 360.0


def _fill_ratio(mask: np.ndarray, center, axes, angle) -> float:
    """Red share inside 80 % of the ellipse (a filled disc is no seal)."""
    canvas = np.zeros_like(mask)
    cv2.ellipse(canvas, (int(center[0]), int(center[1])), (max(1, int(axes[0] * 0.4)), max(1, int(axes[1] * 0.4))),
                angle, 0, 360, 1, -1)
    n = int(canvas.sum())
    return float((mask & canvas).sum()) / n if n else 1.0


def _offset_grid(center, axes, angle_deg, samples: int = 2048):
    """Points of the seal outline at equal arc-length steps, with outward normals.

    ``axes`` are full lengths (major, minor); ``angle_deg`` is the major axis'
    direction.  Parameter order is clockwise on screen (y down).
    """
    a, b = axes[0] / 2, axes[1] / 2
    if a < 6 or b < 6:
        return None
    t = np.linspace(0, 2 * np.pi, samples, endpoint=False)
    ca, sa = np.cos(np.radians(angle_deg)), np.sin(np.radians(angle_deg))
    ex, ey = a * np.cos(t), b * np.sin(t)
    px_ = center[0] + ex * ca - ey * sa
    py_ = center[1] + ex * sa + ey * ca
    nxl, nyl = b * np.cos(t), a * np.sin(t)              # outward normal in the ellipse frame
    norm = np.hypot(nxl, nyl)
    nxl, nyl = nxl / norm, nyl / norm
    nx = nxl * ca - nyl * sa
    ny = nxl * sa + nyl * ca
    seg = np.hypot(np.diff(np.append(px_, px_[0])), np.diff(np.append(py_, py_[0])))
    arc = np.concatenate([[0.0], np.cumsum(seg)])
    perimeter = float(arc[-1])
    # columns: arc length along the text line (about 0.78 of the outline's)
    n_cols = max(16, int(perimeter * 0.78))
    pos = np.linspace(0, perimeter, n_cols, endpoint=False)
    idx = np.searchsorted(arc, pos, side="right") - 1
    frac = (pos - arc[idx]) / np.maximum(seg[idx], 1e-9)
    nxt = (idx + 1) % samples

    def lerp(v: np.ndarray) -> np.ndarray:
        return v[idx] + (v[nxt] - v[idx]) * frac

    return lerp(px_), lerp(py_), lerp(nx), lerp(ny), n_cols


def _largest_circular_run(flags: np.ndarray) -> tuple[int, int] | None:
    n = len(flags)
    if not flags.any():
        return None
    doubled = np.concatenate([flags, flags])
    best, best_start, run, start = 0, 0, 0, 0
    for i, f in enumerate(doubled):
        if f:
            if run == 0:
                start = i
            run += 1
            if run > best:
                best, best_start = min(run, n), start
        else:
            run = 0
    return best_start % n, best
