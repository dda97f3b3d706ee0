"""Finding seal shapes on ink masks: ring outlines fitted by ellipses (round and oval, at a page
edge, over solid red), circles and ovals on greyscale scans.  Part of ``seal.v1``; the
thresholds are ``SealDetector``'s parameters (docs/regions.md)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace

import cv2
import numpy as np

from redactor.ink_components import ink_components
from redactor.marks.circles import hough_circles
from redactor.polar import unwrap
from redactor.ring_arc import seal_ring_arcs, seal_ring_pieces

from .base import grey_percentile
from .seal_ink import _print_black


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
    read_to_keep: bool = False               # a ring too partial (grey) or too inked inside (colour) to be a stamp by
                                             # its shape alone: one only where its ring reads as text
                                             # (``read_gray_ring_coverage``, ``read_filled_ring_coverage``)



def _same_seal(a: _Seal, b: _Seal) -> bool:
    """Two findings of one stamp: centres within half the smaller minor axis."""
    r = min(a.axes[1], b.axes[1]) / 2
    return abs(a.center[0] - b.center[0]) < r and abs(a.center[1] - b.center[1]) < r


class SealShapes:
    """Shape search of ``SealDetector`` (a mixin: the parameters are the detector's)."""

    # a strict pass's notes (``SealDetector._strokes_second``): outlines refused only for ink by strokes
    _stroke_filled: list[_Seal] | None = None
    # outlines refused for fill that a reading may keep (``SealDetector._noting_filled``); None: not noted
    _read_filled: list[_Seal] | None = None

    def _filled(self, mask: np.ndarray, center, axes, angle: float, ppt: float) -> bool:
        """Whether the inside of the ellipse is too inked for a seal's: ink on more than ``max_fill`` of
        its inner 80 %, unless that ink is strokes -- at most ``max_stroke_fill``, with at most
        ``max_solid_fill`` left by an opening with a ``blob_pt`` disc.  A short name set in four large
        characters (测试印章 across a grey scan's seal: strokes 3 pt thick) inks 26-33 % of the inside;
        a filled disc, a photo or a block of solid colour keeps its ink through the opening."""
        fill = _fill_ratio(mask, center, axes, angle)
        if fill <= self.max_fill:
            return False
        if fill > self.max_stroke_fill:
            return True
        k = max(3, int(round(self.blob_pt * ppt)) | 1)
        if _fill_ratio(mask, center, axes, angle, open_px=k) > self.max_solid_fill:
            return True
        noting = self._stroke_filled
        if noting is not None:      # the strict pass (``SealDetector._strokes_second``): noted, refused
            noting.append(_Seal((0, 0, 0, 0), (float(center[0]), float(center[1])),
                                (float(max(axes)), float(min(axes))), float(angle), 0.0, "round"))
            return True
        return False

    def find_seals(self, mask: np.ndarray, ppt: float, min_coverage: float | None = None,
                   min_diameter_pt: float | None = None) -> list[_Seal]:
        """Seals on ``mask``: ring outlines with ink on at least ``min_coverage`` (default
        ``min_ring_coverage``) of their angles and at least ``min_diameter_pt`` (default
        ``min_diameter_pt``) across; a caller that keeps only larger seals says so here, so the
        outlines too small for them are never fitted."""
        h, w = mask.shape
        k = max(3, int(round(self.close_pt * ppt)) | 1)
        # only the ink's bounding box, with a margin the closing cannot cross, is searched: the
        # paper around it holds no contour (the same contours, at their page coordinates)
        x0, y0, bw, bh = cv2.boundingRect(mask)
        if bw == 0:
            return []
        m = k + 2
        x0, y0, x1, y1 = max(0, x0 - m), max(0, y0 - m), min(w, x0 + bw + m), min(h, y0 + bh + m)
        sub = np.ascontiguousarray(mask[y0:y1, x0:x1])
        closed = cv2.morphologyEx(sub, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k, k)))
        ring_probe = np.zeros_like(mask)
        ring_probe[y0:y1, x0:x1] = cv2.dilate(sub, np.ones((3, 3), np.uint8))
        # the outer boundary of every component, also of those inside another's hole: a seal
        # stamped inside a certificate's red frame is inside the frame's hole, which external
        # contours alone never enter
        contours, hier = cv2.findContours(closed, cv2.RETR_CCOMP, cv2.CHAIN_APPROX_NONE, offset=(x0, y0))
        dmin = (self.min_diameter_pt if min_diameter_pt is None else min_diameter_pt) * ppt
        dmax = self.max_diameter_pt * ppt
        outer = [] if hier is None else [(c, cv2.boundingRect(c)) for c, hh in zip(contours, hier[0]) if hh[3] < 0]
        outer.sort(key=lambda cb: -cb[1][2] * cb[1][3])          # largest first: a seal before its contents
        seals: list[_Seal] = []
        scratch = _Scratch(mask)
        for c, (x, y, cw, ch) in outer:
            if max(cw, ch) < 0.5 * dmin or len(c) < 20:
                continue
            if any(s.rect[0] <= x and s.rect[1] <= y and x + cw <= s.rect[2] and y + ch <= s.rect[3] for s in seals):
                continue                                           # inside a seal found: its ring, star or text
            seal = self._from_contour(c, mask, ring_probe, (x, y, cw, ch), dmin, dmax, ppt, min_coverage)
            if seal is not None:
                seals.append(seal)
            elif max(cw, ch) >= dmin:
                # the seal's ring merged with other red (a tinted photo, red print)
                seals.extend(self._without_blobs(mask, ring_probe, (x, y, cw, ch), dmin, dmax, ppt, seals, scratch))
        return seals

    def _from_contour(self, c, mask, ring_probe, box, dmin: float, dmax: float, ppt: float,
                      min_coverage: float | None = None) -> _Seal | None:
        h, w = mask.shape
        x, y, cw, ch = box
        if _too_small_outline(c, w, h, dmin):
            return None
        fit = self._fit(c, x, y, cw, ch, w, h, self.max_outline_deviation)
        if fit is None:
            return None
        ell, (x, y, cw, ch) = fit            # (the box of the ring's own points, print joined to it left out)
        (cx, cy), (a0, a1), ang = ell
        major, minor = max(a0, a1), min(a0, a1)
        if major < dmin or major > dmax or minor < 0.5 * dmin:
            return None
        ratio = minor / major
        if ratio < self.oval_min_axis_ratio:
            return None
        cov, on_page = _ring_coverage(ring_probe, (cx, cy), (a0, a1), ang)
        if on_page < self.min_ring_on_page or cov < (self.min_ring_coverage if min_coverage is None else min_coverage):
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
        if self._filled(mask, (cx, cy), (a0, a1), ang, ppt):
            noting = self._read_filled
            if noting is not None and cov >= self.read_filled_ring_coverage \
                    and _fill_ratio(mask, (cx, cy), (a0, a1), ang) <= self.read_filled_max_fill:
                noting.append(_Seal(rect, (cx, cy), (major, minor), a_major, cov, shape, read_to_keep=True))
            return None
        return _Seal(rect, (cx, cy), (major, minor), a_major, cov, shape)

    def _without_blobs(self, mask, ring_probe, box, dmin: float, dmax: float, ppt: float,
                        found: list[_Seal], scratch: _Scratch | None = None) -> list[_Seal]:
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
        contours = [c + np.array([[[u0, v0]]]) for c in contours]
        contours = [c for c in contours if len(c) >= 20 and max(cv2.boundingRect(c)[2:]) >= dmin]
        if not contours:
            return []
        scratch = scratch or _Scratch(mask)
        out: list[_Seal] = []
        with scratch.holding(thin, u0, v0) as full_thin:      # the page's mask with only the thin strokes here
            for c in contours:
                seal = self._from_contour(c, full_thin, ring_probe, cv2.boundingRect(c), dmin, dmax, ppt)
                if seal is not None and not any(abs(seal.center[0] - f.center[0]) < seal.axes[1] / 2
                                                 and abs(seal.center[1] - f.center[1]) < seal.axes[1] / 2
                                                 for f in found + out):
                    seal.over_solid_red = True
                    out.append(seal)
        return out

    @staticmethod
    def _fit(c, x, y, cw, ch, w, h, max_dev: float = 0.12):
        """Ellipse of the contour and the box of the points it rests on; for seals cut by the page
        edge use only the inner points."""
        pts = c.reshape(-1, 2)
        on_edge = (pts[:, 0] <= 1) | (pts[:, 1] <= 1) | (pts[:, 0] >= w - 2) | (pts[:, 1] >= h - 2)
        if on_edge.any():
            pts = pts[~on_edge]
            if len(pts) < 20:
                return None
        box = (x, y, cw, ch)
        ell = _outline_ellipse(pts, max_dev)
        if ell is None:
            # a ring touching print (the line above a stamp on a greyscale scan, whose grey edges
            # are seal-grey too): the outline is the ring plus a few characters.  Refitted on the
            # points near the first fit, twice; the ring must then be 3/4 of the outline.
            pts = _ring_part(pts, max_dev)
            if pts is None:
                return None
            c = pts.reshape(-1, 1, 2).astype(np.int32)
            ell = _outline_ellipse(pts, max_dev)
            if ell is None:
                return None
            box = cv2.boundingRect(c)
        (cx, cy), (a0, a1), ang = ell
        # the fitted ellipse must match the contour (not a blob of red text)
        hull_area = cv2.contourArea(cv2.convexHull(c))
        ell_area = np.pi * a0 * a1 / 4
        if not on_edge.any() and not 0.75 <= hull_area / max(ell_area, 1) <= 1.2:
            return None
        return ((cx, cy), (a0, a1), ang), box

    def find_gray_seals(self, gray: np.ndarray, ink: np.ndarray, ppt: float,
                        page_proposals: bool = True) -> list[_Seal]:
        """Round seals on a greyscale page: circle candidates (Hough, on the quarter-size
        page and on its ring ink), kept when a mid-grey ring runs round most of the circle with paper
        just outside it and the inside is not filled.  Ovals: ``find_gray_ovals``.  Without
        ``page_proposals`` only the ink proposes circles (a second search of the same page on
        fainter ink: the page's own circles were tried)."""
        h, w = gray.shape
        f = 0.5
        ring_small = (cv2.resize(ink, None, fx=f, fy=f, interpolation=cv2.INTER_AREA) > 20).astype(np.uint8)
        rmin = max(6, int(max(self.min_diameter_pt, self.min_gray_diameter_pt) * ppt * f / 2))
        rmax = int(self.max_diameter_pt * ppt * f / 2)
        # proposals on a quarter-size page (a 1/8 s Hough at half size becomes ~10 ms)
        q = 0.5
        images = []
        if page_proposals:
            small = cv2.resize(gray, None, fx=f, fy=f, interpolation=cv2.INTER_AREA)
            images.append(cv2.GaussianBlur(cv2.resize(small, None, fx=q, fy=q, interpolation=cv2.INTER_AREA), (3, 3), 0))
        # ... and on the ring ink itself: a light ring (grey ~70 levels under the paper, 2-3 px
        # wide) keeps too little contrast at quarter size for the grey image's edges, while the
        # form's rules and print vote for circles of their own; on the ink mask it is a clean edge
        images.append(cv2.GaussianBlur(cv2.resize((ink > 0).astype(np.uint8) * 255, None, fx=f * q, fy=f * q,
                                                  interpolation=cv2.INTER_AREA), (3, 3), 0))
        proposals = []
        for image in images:
            found = hough_circles(image, "detect.ring", min_dist=2 * rmin * q, r_min=max(4, int(rmin * q)),
                                  r_max=int(rmax * q) + 1)
            if found is not None:
                proposals.append(found[0][:60])
        if not proposals:
            return []
        circles = np.concatenate(proposals)[None] / q
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
            weak = not good
            if weak and 0 < self.read_gray_ring_coverage < self.min_gray_ring_coverage:
                # a partial impression (its ring faded or broken round a quarter of it): a candidate whose ring
                # must read as text to be kept (``SealDetector._findings``)
                good = [k for k in range(lo, hi + 1)
                        if on_page[k] >= self.min_ring_on_page and cov[k] >= self.read_gray_ring_coverage]
            if not good:
                continue
            rr = good[-1]
            while rr + 1 < len(cov) and cov[rr + 1] >= 0.5:     # to the ring's outer edge
                rr += 1
            # a ring is a line: a little further out there is paper, not a text block; and its outer edge is
            # a stamp's (ink grey all round past the largest stamp is a dithered or textured page's, no ring)
            k_out = min(len(cov) - 1, int(rr * 1.1) + 2)
            if cov[k_out] > 0.5 or rr < rmin or rr > rmax:
                continue
            # ... and inside it the text and the star leave gaps: not inked all round at every radius
            inner = cov[int(0.4 * rr):int(0.9 * rr)]
            if inner.size == 0 or float(inner.min()) > 0.6:
                continue
            full_c, full_r = (float(cx) / f, float(cy) / f), (rr + 1.0) / f
            if self._filled(ring, full_c, (2 * full_r, 2 * full_r), 0.0, ppt):
                continue
            e = full_r + 2
            rect = (max(0, int(full_c[0] - e)), max(0, int(full_c[1] - e)), min(w, int(full_c[0] + e) + 1),
                    min(h, int(full_c[1] + e) + 1))
            seals.append(_Seal(rect, full_c, (2 * full_r, 2 * full_r), 0.0, float(cov[rr]), "round", read_to_keep=weak))
        # several circles per seal (ring, text circle, off-centre fits): the best-covered ring wins
        seals.sort(key=lambda x: (-round(x.coverage, 2), -x.axes[0], x.center))
        out: list[_Seal] = []
        for x in seals:
            if not any(abs(x.center[0] - o.center[0]) < o.axes[0] / 2 and abs(x.center[1] - o.center[1]) < o.axes[0] / 2
                       for o in out):
                out.append(x)
        return out

    def find_gray_ovals(self, ink: np.ndarray, ppt: float, gray: np.ndarray | None = None) -> list[_Seal]:
        """Oval seals on a greyscale page (the circle search does not see them): the outline
        search of coloured seals on the smoothed mid-grey ink, ovals only, with the grey
        ring's coverage and size.  Then the same search, round seals too, on that ink opened
        by discs of ``gray_open_pt`` and half of it, also with the pixels next to black print
        (``gray``) left out: the grey edges of print stamped over (the employer's name and the
        date across a seal) join the ring and spoil its outline, and the circle search's
        proposals go to the text around it; the opening removes those thin remnants and keeps
        the ring (a light ring needs the smaller disc, a dark one the larger)."""
        soft = (cv2.GaussianBlur(ink, (5, 5), 0) >= self.faint_ink_level).astype(np.uint8)
        if int(soft.sum()) < 50:
            return []
        dmin = max(self.min_diameter_pt, self.min_gray_diameter_pt)

        def ring(x: _Seal) -> bool:
            return x.coverage >= self.min_gray_ring_coverage and x.axes[0] >= dmin * ppt

        found = [x for x in self.find_seals(soft, ppt, min_diameter_pt=dmin) if x.shape == "oval" and ring(x)]
        if self.gray_open_pt <= 0:
            return found
        inks = [soft]
        if gray is not None:
            paper = grey_percentile(gray, 90)
            k = max(3, int(round(self.gray_open_pt * ppt)) | 1)
            near_print = cv2.dilate((gray < _print_black(gray, paper)).astype(np.uint8), np.ones((k, k), np.uint8))
            inks.append((cv2.GaussianBlur(np.where(near_print > 0, 0, ink).astype(np.uint8), (5, 5), 0)
                         >= self.faint_ink_level).astype(np.uint8))
        probe = cv2.dilate(soft, np.ones((3, 3), np.uint8)) if len(inks) > 1 else None
        for i, src in enumerate(inks):
            for size in (self.gray_open_pt, self.gray_open_pt / 2):
                k = max(3, int(round(size * ppt)) | 1)
                opened = cv2.morphologyEx(src, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k, k)))
                found += [x for x in self.find_seals(opened, ppt, min_diameter_pt=dmin)
                          if ring(x) and not any(_same_seal(x, f) for f in found)]
                if probe is not None and i == 1:      # print left out: the ring is cut where it crosses
                    assert gray is not None
                    cut = self._cut_rings(opened, probe, ppt, dmin)
                    if size == self.gray_open_pt and not any(ring(x) and not any(_same_seal(x, f) for f in found)
                                                             for x in cut):
                        cut += self._ring_of_arcs(opened, probe, gray, ppt, dmin)
                    for x in cut:
                        if ring(x) and not any(_same_seal(x, f) for f in found):
                            found.append(x)
        return [_within_ellipse(x, ink.shape) for x in found]

    def _ring_of_arcs(self, ink: np.ndarray, probe: np.ndarray, gray: np.ndarray, ppt: float,
                      dmin_pt: float) -> list[_Seal]:
        """Rings cut into arcs each too short to fit (``_cut_rings``): one ellipse through several arcs.

        A partial oval stamp with the print across it left out survives as arcs of under 100 degrees
        each (the top of the ring faded, the name and the date cut the rest).  The arcs that
        share an ellipse of a seal's size are found together (``ring_arc.seal_ring_pieces``, ovals,
        the fit verification uses for a seal's scattered pieces; ellipses only: a round ring's arc of
        80 degrees is fitted alone), and the ring is tested as ``_cut_rings`` tests one: ``probe`` runs
        round it, ``ink`` does not fill it."""
        dmin, dmax = dmin_pt * ppt, self.max_diameter_pt * ppt
        _, lab, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
        shades = np.broadcast_to(gray[:, :, None], (*gray.shape, 3))      # the pieces' "colour": one grey
        out: list[_Seal] = []
        for shape, _ in seal_ring_pieces(lab, stats, shades, ppt, ovals=True, circles=False):
            seal = self._ring_of(shape, probe, ink, dmin, dmax, ppt)
            if seal is not None and not any(_same_seal(seal, o) for o in out):
                out.append(seal)
        return out

    def _cut_rings(self, ink: np.ndarray, probe: np.ndarray, ppt: float, dmin_pt: float,
                   min_coverage: float | None = None, max_density: float | None = None) -> list[_Seal]:
        """Rings cut into arcs by the print stamped across them, found from one arc each.

        With the pixels next to black print left out, a light grey oval stamp with the employer's name
        and the date printed across it is two arcs: the outline of either is half an
        ellipse, which no contour fit takes for a seal.  An arc of 120 degrees or more of an oval of a
        seal's size, or of 80 degrees of a circle (``ring_arc.seal_ring_arcs``: the fits the signature
        detector and verification use for a seal's arcs), is fitted instead, and the ring must then run
        round ``min_gray_ring_coverage`` of its angles on ``probe`` (the ink with the print, a pixel
        thicker), with the inside not filled by ``ink`` (``min_coverage``: a caller's own bound instead).
        ``max_density``: pieces inking more of their box than this are no arc and are not fitted."""
        dmin, dmax = dmin_pt * ppt, self.max_diameter_pt * ppt
        n, lab, stats, (lx, ly) = ink_components(ink)
        out: list[_Seal] = []
        for j in np.argsort(-stats[1:, cv2.CC_STAT_AREA]) + 1:
            x, y, cw, ch, area = stats[j]
            if max(cw, ch) < 0.5 * dmin or area < dmin:      # too short, or too few pixels, for half a ring
                continue
            if max_density is not None and area > max_density * cw * ch:
                continue
            if any(_inside_share((x, y, x + cw, y + ch), s.rect) >= 0.8 for s in out):
                continue            # the other arc of a ring found
            ys, xs = np.nonzero(lab[y - ly:y - ly + ch, x - lx:x - lx + cw] == j)
            if max_density is not None and xs.size > _ARC_FIT_POINTS:      # (a caller's quick pass: points enough)
                step = int(np.ceil(xs.size / _ARC_FIT_POINTS))
                ys, xs = ys[::step], xs[::step]
            for shape in seal_ring_arcs((xs + x).astype(np.float64), (ys + y).astype(np.float64), ppt):
                seal = self._ring_of(shape, probe, ink, dmin, dmax, ppt, min_coverage)
                if seal is not None:
                    out.append(seal)
                    break
        return out

    def _ring_of(self, shape: tuple[float, ...], probe: np.ndarray, ink: np.ndarray, dmin: float, dmax: float,
                 ppt: float, min_coverage: float | None = None) -> _Seal | None:
        """The seal whose ring ``shape`` (``ring_arc``'s circle or ellipse) is, when ``probe`` runs round it
        and ``ink`` does not fill it (the print across a stamp would)."""
        h, w = probe.shape
        cx, cy = shape[0], shape[1]
        a0, a1, ang = (2 * shape[2], 2 * shape[2], 0.0) if len(shape) == 3 else \
            (2 * shape[2], 2 * shape[3], float(np.degrees(shape[4])))
        major, minor = max(a0, a1), min(a0, a1)
        if not dmin <= major <= dmax or minor / major < self.oval_min_axis_ratio:
            return None
        cov, on_page = _ring_coverage(probe, (cx, cy), (a0, a1), ang)
        least = self.min_gray_ring_coverage if min_coverage is None else min_coverage
        if on_page < self.min_ring_on_page or cov < least:
            return None
        if self._filled(ink, (cx, cy), (a0, a1), ang, ppt):
            return None
        ex, ey = _ellipse_extent((a0, a1), ang)
        rect = (max(0, int(cx - ex) - 1), max(0, int(cy - ey) - 1), min(w, int(cx + ex) + 2), min(h, int(cy + ey) + 2))
        shape_name = "round" if minor / major >= self.round_min_axis_ratio else "oval"
        return _Seal(rect, (cx, cy), (major, minor), ang if a0 >= a1 else ang + 90.0, cov, shape_name)


_ARC_FIT_POINTS = 3000      # an arc's pixels fitted at most, evenly taken, where a caller bounds its density


class _Scratch:
    """A zeroed page-sized mask lent out to hold one area's pixels at their page place: the
    outline tests read whole-page masks, and a fresh page of zeros for every merged blob on a
    form (hundreds of contours) cost more than the tests."""

    def __init__(self, like: np.ndarray) -> None:
        self._like = like
        self._page: np.ndarray | None = None

    @contextmanager
    def holding(self, part: np.ndarray, u0: int, v0: int) -> Iterator[np.ndarray]:
        if self._page is None:
            self._page = np.zeros_like(self._like)
        h, w = part.shape
        self._page[v0:v0 + h, u0:u0 + w] = part
        try:
            yield self._page
        finally:
            self._page[v0:v0 + h, u0:u0 + w] = 0


def _within_ellipse(seal: _Seal, shape: tuple[int, ...], margin: float = 0.02) -> _Seal:
    """``seal`` with its box cut to its ellipse's, grown by ``margin`` of the major axis.  On a greyscale
    page the grey edges of print are ink like the ring's: an outline's box with the line the stamp touches
    (同意推荐。（包钢集团盖章） over an oval) would take that line with the seal."""
    ex, ey = _ellipse_extent(seal.axes, seal.angle)
    m = margin * seal.axes[0] + 2
    cx, cy = seal.center
    u0, v0, u1, v1 = seal.rect
    rect = (max(u0, int(cx - ex - m)), max(v0, int(cy - ey - m)),
            min(u1, int(np.ceil(cx + ex + m)), shape[1]), min(v1, int(np.ceil(cy + ey + m)), shape[0]))
    return replace(seal, rect=rect)


def _inside_share(box: tuple[int, int, int, int], rect: tuple[int, int, int, int]) -> float:
    """The share of ``box`` inside ``rect`` (both x0, y0, x1, y1)."""
    iw = min(box[2], rect[2]) - max(box[0], rect[0])
    ih = min(box[3], rect[3]) - max(box[1], rect[1])
    return max(0, iw) * max(0, ih) / max(1, (box[2] - box[0]) * (box[3] - box[1]))


def _too_small_outline(c: np.ndarray, w: int, h: int, dmin: float) -> bool:
    """An outline off the page edges whose convex hull cannot hold 3/4 of the smallest ellipse a seal
    may have (``dmin`` by ``dmin / 2``): ``_fit`` asks that much of the hull of its points (a subset
    of these, whose hull is no larger), so no fit of it can be a seal -- known before fitting."""
    pts = c.reshape(-1, 2)
    if ((pts[:, 0] <= 1) | (pts[:, 1] <= 1) | (pts[:, 0] >= w - 2) | (pts[:, 1] >= h - 2)).any():
        return False
    least = 0.75 * np.pi * dmin * (0.5 * dmin) / 4
    return cv2.contourArea(cv2.convexHull(c)) < 0.999 * least


def _outline_deviation(pts: np.ndarray, ell) -> np.ndarray:
    """|r - 1| per point, r the point's radius in the ellipse's own units."""
    (cx, cy), (a0, a1), ang = ell
    t = np.radians(ang)
    dx, dy = pts[:, 0] - cx, pts[:, 1] - cy
    xr = dx * np.cos(t) + dy * np.sin(t)
    yr = -dx * np.sin(t) + dy * np.cos(t)
    return np.abs(np.sqrt((xr / (a0 / 2)) ** 2 + (yr / (a1 / 2)) ** 2) - 1.0)


def _fit_points(pts: np.ndarray):
    try:
        (cx, cy), (a0, a1), ang = cv2.fitEllipse(pts.astype(np.float32))
    except cv2.error:
        return None
    if not (np.isfinite(cx) and np.isfinite(cy) and a0 > 0 and a1 > 0):
        return None
    return (cx, cy), (a0, a1), ang


def _outline_ellipse(pts: np.ndarray, max_dev: float):
    """The ellipse of an outline that follows it (a square glyph or stamp does not), or None."""
    ell = _fit_points(pts)
    if ell is None or float(np.percentile(_outline_deviation(pts, ell), 90)) > max_dev:
        return None
    return ell


def _ring_part(pts: np.ndarray, max_dev: float, keep: float = 0.75) -> np.ndarray | None:
    """The outline's points on one ellipse when print is joined to it: refit twice on the points
    within ``max_dev`` (then 1.5x, then 1x of it) of the last fit; None when fewer than ``keep`` of
    the points are left."""
    part = pts
    for tol in (3 * max_dev, 1.5 * max_dev, max_dev):
        ell = _fit_points(part)
        if ell is None:
            return None
        part = pts[_outline_deviation(pts, ell) <= tol]
        if len(part) < max(20, keep * len(pts)):
            return None
    return part


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
    polar = unwrap(mask, center, radius)
    valid = unwrap(np.ones_like(mask), center, radius)
    hit = cv2.dilate(polar, np.ones((1, 3), np.uint8)) & valid       # +-1 px along the radius
    n_valid = valid.sum(axis=0).astype(np.float64)
    cov = np.where(n_valid > 0, hit.sum(axis=0) / np.maximum(n_valid, 1), 0.0)
    return cov, n_valid / 360.0


def _fill_ratio(mask: np.ndarray, center, axes, angle, open_px: int = 0) -> float:
    """Red share inside 80 % of the ellipse (a filled disc is no seal); counted in the ellipse's
    own box (the same pixels as drawing it on the whole page).  ``open_px``: of the ink left by an
    opening with a disc that wide (strokes thinner than it gone, solid areas kept)."""
    cu, cv = int(center[0]), int(center[1])
    half = (max(1, int(axes[0] * 0.4)), max(1, int(axes[1] * 0.4)))
    ex, ey = _ellipse_extent((2 * half[0], 2 * half[1]), angle)
    h, w = mask.shape
    u0, v0 = max(0, cu - int(ex) - 2), max(0, cv - int(ey) - 2)
    u1, v1 = min(w, cu + int(ex) + 3), min(h, cv + int(ey) + 3)
    if u1 <= u0 or v1 <= v0:
        return 1.0
    canvas = np.zeros((v1 - v0, u1 - u0), mask.dtype)
    cv2.ellipse(canvas, (cu - u0, cv - v0), half, angle, 0, 360, 1, -1)
    n = int(canvas.sum())
    part = (mask[v0:v1, u0:u1] > 0).astype(np.uint8)
    if open_px > 0:
        part = cv2.morphologyEx(part, cv2.MORPH_OPEN,
                                cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (open_px, open_px)))
    return float((part & canvas).sum()) / n if n else 1.0
