"""Reading a seal's ring: the text band unwrapped along the outline into a strip that reads
left to right, OCRed, plus the seal's straight lines.  Part of ``seal.v1`` (docs/regions.md)."""

from __future__ import annotations

import cv2
import numpy as np

from redactor.model import Page, PageKind, Raster
from redactor.protocols import OcrEngine, read_strip, recognize_upright

from .base import ocr_image, pad_to_square, pixel_rect_for_bbox
from redactor.marks.ink import white_balanced

from .seal_ink import INKS, _red_ink, is_grayscale
from .seal_lines import find_ink_lines
from .seal_shapes import _Seal

_SURE_LINE = 0.8     # a straight line recognised from the ink under this score: the crop is OCRed instead
_PALE_SATURATION = 14          # saturation of a pale impression's strokes (``_pale_strokes``)


class RingReader:
    """Ring reading of ``SealDetector`` (a mixin: the parameters are the detector's)."""

    def read(self, rgb: np.ndarray, seal: _Seal, ocr: OcrEngine, ppt: float = 150 / 72,
             ink_map: np.ndarray | None = None,
             read_lines: list[tuple[str, float]] | None = None, upright_crop: bool = False) -> tuple[str, float, str]:
        """OCR the unwrapped ring text and the crop; return (text, score, source).

        ``ink_map``: the seal's ink (0..255) for the whole page when it is not red
        (greyscale scans); by default the red ink is read from ``rgb``.
        ``read_lines``: the seal's straight lines as the page's OCR already read them (scans): when the
        ring is read they are its extras and the crop is not OCRed; when it is not, the crop is OCRed as
        before (ingest's lines, print fragments among them, once made an unreadable seal "readable").
        ``upright_crop``: the crop is read without the engine's orientation probe (a born-digital page is
        drawn upright: its seal's straight lines are level, as the page's text is)."""
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
                red |= _pale_strokes(sub)
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
            strip = self._unwrap(ink, center, axes, seal.angle, scaled=scaled,
                                 light=ink_map is None and (seal.faint or seal.ink != "red"))
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
        # the ring read, its straight lines are extras: read from the ink where it shows them cleanly
        ink_read = _read_ink_lines(ocr, ink, center, axes, seal.angle) if (
            self.ocr_crop and self.ink_lines and arc_read and read_lines is None) else None
        if read_lines is not None and arc_read:
            crop_lines = list(read_lines)       # extras only: a seal is never judged on ingest's lines alone
        elif ink_read is not None:
            crop_lines = ink_read
        elif self.ocr_crop:
            crop = 255 - ink
            scale = max(1.0, 320.0 / max(crop.shape))
            if scale > 1.0:
                crop = cv2.resize(crop, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC)
            crop_lines = _ocr_lines(ocr, _rgb(pad_to_square(np.pad(crop, 16, constant_values=255))), upright_crop)
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
                angle: float, scaled: bool = False, light: bool = False) -> np.ndarray | None:
        """Strip of the text band: outermost at the top, clockwise = left to right.

        The band is sampled along curves at a constant distance inside the seal's
        outline (for a round seal this is ``cv2.warpPolar``; many oval seals set
        their text at a constant offset from the ring, so scaling an oval
        to a circle would make the text wave); with ``scaled``, along copies of the
        outline scaled towards the centre (an elliptical polar unwrap: the other way
        oval seals set their text), row ``d`` at scale ``1 - d / b``.  ``light``: the ink map holds a
        light impression's smoothed amount (faint, blue or purple seals), whose text is paler than its ring.
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
        # light ink (a faint purple or blue impression): the text's strokes are paler than the
        # ring's, so the band below the ring is measured at the ink's own level (a strict red
        # mask holds full-strength strokes: a lower level there only lets in specks)
        level = _text_ink_level(band_all[d_lo:]) if light else 96.0
        d_lo = min(depth - 2, _past_inner_ring((band_all > level).mean(axis=1), d_lo, b))
        d_hi = min(depth, d_lo + int(0.42 * b))
        strip = band_all[d_lo:d_hi]
        if strip.shape[0] < 6:
            return None
        # angular profile from the outer part of the band only: horizontal text
        # at the bottom of the seal (专用章, serial numbers) reaches into the
        # inner part and would otherwise fill the gap between start and end
        outer_rows = strip[: max(2, int(0.6 * strip.shape[0]))]
        ink_cols = (outer_rows > level).mean(axis=0)
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
            cols = np.nonzero((np.roll(outer_rows, -cut, axis=1) > level).any(axis=0))[0]
            if cols.size:
                strip = strip[:, max(0, cols[0] - 4): cols[-1] + 5]
        strip = 255 - strip
        s = self.strip_height_px / max(strip.shape[0], 1)
        strip = cv2.resize(strip, (max(8, int(strip.shape[1] * s)), self.strip_height_px),
                           interpolation=cv2.INTER_CUBIC)
        return np.pad(strip, 20, constant_values=255)



def _pale_strokes(sub: np.ndarray) -> np.ndarray:
    """Pixels (0/1) of a light impression's strokes that the ink's amount misses: a pale purple or blue
    stroke (220, 204, 232) is 16 levels of purpleness from white and thinner than the smoothing, but
    plainly of the ink's hue with a little saturation (on the white-balanced crop: a scan's tinted
    paper has the saturation too).  Black print has no hue and no saturation."""
    hsv = cv2.cvtColor(white_balanced(sub), cv2.COLOR_RGB2HSV)
    h, s, v = hsv[:, :, 0], hsv[:, :, 1], hsv[:, :, 2]
    hue = (h <= 12) | (h >= 95)          # any stamp-pad hue: a light violet is found by the blue pass as often
    return (hue & (s >= _PALE_SATURATION) & (v >= 90)).astype(np.uint8)


def _text_ink_level(band: np.ndarray) -> float:
    """The level above which the band's ink counts as a stroke: 96 for full-strength ink, lower for a
    light impression (0.4 of its strongest strokes, never under 24: the blur's halo)."""
    vals = band[band > 8]
    if vals.size < 50:
        return 96.0
    return float(np.clip(0.4 * np.percentile(vals, 90), 24.0, 96.0))


def _past_inner_ring(cover: np.ndarray, start: int, b: float) -> int:
    """First depth of the text band when a second, inner ring lies between the border ring and the text
    (double-ring seals; often dashed): a thin band of depths whose ink runs round most of the seal,
    followed by a clear gap.  Text is no such band: its characters are several times as tall as a ring
    line is thick.  Returns ``start`` when there is none."""
    reach = cover[start: start + max(3, int(0.15 * b))]
    if reach.size == 0:
        return start
    p = int(np.argmax(reach))
    peak = float(reach[p])
    if peak < 0.35:
        return start
    lo, hi = p, p
    while lo > 0 and reach[lo - 1] > 0.5 * peak:
        lo -= 1
    while start + hi + 1 < cover.size and cover[start + hi + 1] > 0.5 * peak:
        hi += 1
    if hi - lo + 1 > max(3, 0.08 * b):
        return start                    # thick: the text itself
    gap_from = start + hi + 1
    after = cover[gap_from: gap_from + max(3, int(0.1 * b))]
    need = max(2, int(0.02 * b))
    quiet = 0
    for i, c in enumerate(after):
        quiet = quiet + 1 if c < 0.15 * peak else 0
        if quiet >= need:
            return gap_from + i - quiet + 1
    return start


def _reading_weight(text: str, score: float, min_score: float) -> float:
    """How much a ring reading says: its characters times its score, if the score counts."""
    return len(text.strip()) * score if score >= min_score else 0.01 * len(text.strip()) * score



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



def _read_ink_lines(ocr: OcrEngine, ink: np.ndarray, center: tuple[float, float], axes: tuple[float, float],
                    angle: float) -> list[tuple[str, float]] | None:
    """The seal's straight lines found in its ink (``seal_lines``), each recognised alone (no detection
    network); None where the ink gives no clean lines or a line does not read surely (the crop is then
    OCRed as before)."""
    images = find_ink_lines(ink, center, axes, angle)
    if images is None:
        return None
    out = []
    for img in images:
        raster = Raster(pixels=_rgb(img), to_points=(0.24, 0, 0, 0.24, 0, 0), dpi=300.0)
        got = read_strip(ocr, raster)
        text = "".join(t.text.strip() for t in got)
        score = min((float(t.score) for t in got), default=0.0)
        if len(text) < 2 or score < _SURE_LINE:
            return None
        out.append((text, score))
    return out


def _has_cjk(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def _rgb(gray: np.ndarray) -> np.ndarray:
    return np.ascontiguousarray(np.stack([gray] * 3, axis=-1))


def _ocr_lines(ocr: OcrEngine, rgb: np.ndarray, upright: bool = False) -> list[tuple[str, float]]:
    from redactor.model import Raster

    raster = Raster(pixels=rgb, to_points=(0.24, 0, 0, 0.24, 0, 0), dpi=300.0)
    lines = recognize_upright(ocr, raster) if upright else ocr.recognize(raster)
    return [(t.text.strip(), float(t.score)) for t in lines if t.text.strip()]



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
