"""Pen ink near signature labels: dark or pen-blue pixels that are not a seal's, not print, not a table's rules.

Rules are found on a lenient mask of the whole search area, so faint, skewed
and broken underlines and table lines go too; pieces of a seal's ring the seal
detector could not take whole are dropped as arcs of a large circle, and a
fainter ring's short pieces as several pieces on one such circle.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from redactor.model import Char, Page
from redactor.dashed_rules import DASH_GAP_PT, dashed_rules_both_ways
from redactor.ring_arc import seal_ring_arc, seal_ring_pieces

from .base import PixelBox, pixel_rect_for_bbox, pixel_rects_for_bboxes, to_gray
from .seal import red_mask, seal_ink
from .signature_labels import Label
from .signature_params import SignatureParams


RING_MARGIN_PT = 30.0      # around the labels' windows, where a faint ring's pieces are looked for too


@dataclass
class Ink:
    rect: tuple[int, int, int, int]
    pixels: int



def ink_mask(p: SignatureParams, page: Page, rgb: np.ndarray, labels: list[Label], printed: list[Char],
             ppt: float, printed_rects: list[PixelBox | None] | None = None,
             gray_page: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """The pen ink in the labels' windows, and the table rules erased from it.  ``printed_rects``: the
    pixel rectangles of ``printed`` (``pixel_rects_for_bboxes``), ``gray_page``: ``rgb`` in grey, when
    the caller has them."""
    assert page.raster is not None
    h, w = rgb.shape[:2]
    roi = np.zeros((h, w), np.uint8)
    for lab in labels:
        for u0, v0, u1, v1 in lab.window:
            roi[v0:v1, u0:u1] = 1
    ys, xs = np.nonzero(roi)
    if ys.size == 0:
        return roi, roi
    # a margin around the windows: a faint ring's pieces outside them show its curve (RING_MARGIN_PT)
    pad = int(RING_MARGIN_PT * ppt)
    y0, y1 = max(0, ys.min() - pad), min(h, ys.max() + 1 + pad)
    x0, x1 = max(0, xs.min() - pad), min(w, xs.max() + 1 + pad)
    sub = rgb[y0:y1, x0:x1]
    gray = to_gray(sub)
    lh = float(np.median([lab.line_h_px for lab in labels]))
    # local paper level (closing removes strokes; follows uneven light in
    # phone photos) and the ink contrast of the printed label itself: pen
    # ink darker than half-way between paper and print counts
    k = max(15, int(1.5 * lh)) | 1
    bg = cv2.morphologyEx(gray, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (k, k)))
    diff = bg.astype(np.int16) - gray.astype(np.int16)
    if gray_page is None:
        gray_page = to_gray(rgb)
    contrasts = []
    for lab in labels:
        u0, v0, u1, v1 = lab.px_box
        patch = gray_page[v0:v1, u0:u1]
        if patch.size:
            contrasts.append(float(np.percentile(patch, 95) - np.percentile(patch, 3)))
    contrast = float(np.median(contrasts)) if contrasts else 200.0
    delta = max(p.min_ink_delta, p.ink_contrast * contrast)
    hsv = cv2.cvtColor(sub, cv2.COLOR_RGB2HSV)
    blue = (hsv[:, :, 0] >= 95) & (hsv[:, :, 0] <= 135) & (hsv[:, :, 1] >= 80) & (diff > p.min_ink_delta)
    dark = diff > delta
    # red ink is a seal's; so is blue or purple ink in a seal's ring
    stamp = (red_mask(sub, hsv=hsv) > 0) | (seal_ink(sub, ppt, hsv, p.seal_detector) > 0)
    ink = ((dark | blue) & ~stamp).astype(np.uint8)
    fainter = ((diff > max(p.min_ink_delta, p.faint_strokes * delta)) & ~stamp).astype(np.uint8)
    window = roi[y0:y1, x0:x1]
    # printed characters (slightly grown) are not handwriting
    grow = int(round(0.8 * ppt))
    if printed_rects is None:
        printed_rects = pixel_rects_for_bboxes(page.raster, [ch.bbox for ch in printed], (h, w))
    for r in printed_rects:
        if r is None or r[2] <= x0 or r[0] >= x1 or r[3] <= y0 or r[1] >= y1:
            continue
        ink[max(0, r[1] - grow - y0):max(0, r[3] + grow - y0),
            max(0, r[0] - grow - x0):max(0, r[2] + grow - x0)] = 0
        fainter[max(0, r[1] - grow - y0):max(0, r[3] + grow - y0),
                max(0, r[0] - grow - x0):max(0, r[2] + grow - x0)] = 0
    # long straight rules (underlines, table lines), found on a lenient ink mask
    # of the whole area (faint, skewed, broken rules included): an opening
    # after thickening across the rule tolerates a few degrees of skew, a
    # probabilistic Hough transform bridges gaps left by noise
    klen = max(15, int(p.rule_lines * lh))
    vlen = max(15, int(p.rule_lines_vertical * lh))
    faint = ((diff > p.min_ink_delta) & ~stamp).astype(np.uint8)
    t = max(3, int(round(1.2 * ppt)) | 1)
    thick_h = cv2.dilate(faint, cv2.getStructuringElement(cv2.MORPH_RECT, (1, t)))
    thick_v = cv2.dilate(faint, cv2.getStructuringElement(cv2.MORPH_RECT, (t, 1)))
    horiz = cv2.morphologyEx(thick_h, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (klen, 1)))
    vert = cv2.morphologyEx(thick_v, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, vlen)))
    lines = cv2.dilate(horiz | vert | cell_borders(thick_v, thick_h, max(9, int(0.8 * lh)), t), np.ones((3, 3), np.uint8))
    segs = cv2.HoughLinesP(faint * 255, 1, np.pi / 720, threshold=int(0.6 * vlen), minLineLength=vlen,
                           maxLineGap=max(3, int(1.0 * ppt)))
    flat: list[tuple[float, float, float, float]] = []
    if segs is not None:
        for xa, ya, xb, yb in segs[:, 0]:
            ang = abs(np.degrees(np.arctan2(yb - ya, xb - xa))) % 180
            length = float(np.hypot(xb - xa, yb - ya))
            if (min(ang, 180 - ang) <= 6 and length >= klen) or abs(ang - 90) <= 6:
                cv2.line(lines, (int(xa), int(ya)), (int(xb), int(yb)), 1, t + 2)
            if min(ang, 180 - ang) <= 6 and length >= klen:
                flat.append((float(xa), float(ya), float(xb), float(yb)))
    # rules in dashes (a 1-bit scan's thin borders), flat and upright, among what the first pass left
    dashed, upright = dashed_rules_both_ways(faint & (1 - lines), klen, vlen, int(round(DASH_GAP_PT * ppt)), t + 1)
    flat += dashed
    for xa, ya, xb, yb in dashed + upright:
        cv2.line(lines, (int(xa), int(ya)), (int(xb), int(yb)), 1, t + 2)
    for (xa, ya), (xb, yb) in hidden_rule_spans(flat, t + 2, HIDDEN_RULE_PT * ppt):
        cv2.line(lines, (int(xa), int(ya)), (int(xb), int(yb)), 1, t + 2)
    for rule in traced_rules(faint, flat, max(3, int(round(RULE_BREAK_PT * ppt)))):
        cv2.polylines(lines, [np.rint(np.array(rule)).astype(np.int32)], False, 1, t + 2)
    ink &= 1 - lines
    # a fainter ring breaks into short pieces, none a curve on its own: one circle through several,
    # sought with the margin around the windows
    n, lab_img, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    ring_pieces = np.zeros(n, bool)
    for _, members in seal_ring_pieces(lab_img, stats, sub, ppt):
        ring_pieces[members] = True
    ink[(window == 0) | ring_pieces[lab_img]] = 0
    # pieces of a seal's ring that the seal detector could not take whole (a
    # faint or partial impression, half over a photo): arcs of a large circle
    n, lab_img, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    for i in range(1, n):
        x, y, cw, ch, area = stats[i]
        if max(cw, ch) >= 15 * ppt and area >= 20:
            ys, xs = np.nonzero(lab_img[y:y + ch, x:x + cw] == i)
            if seal_ring_arc(xs.astype(np.float64), ys.astype(np.float64), ppt) is not None:
                ink[lab_img == i] = 0
    # specks left over by noise and by the erased rules
    n, lab_img, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    small = np.nonzero(stats[:, cv2.CC_STAT_AREA] < max(4, int((0.12 * lh) ** 2)))[0]
    if small.size > 1 or (small.size == 1 and small[0] != 0):
        ink[np.isin(lab_img, small[small != 0])] = 0
    full = np.zeros((h, w), np.uint8)
    full[y0:y1, x0:x1] = ink
    rules = np.zeros((h, w), np.uint8)
    rules[y0:y1, x0:x1] = lines
    faint = np.zeros((h, w), np.uint8)
    faint[y0:y1, x0:x1] = (fainter | ink) & (1 - lines) & window
    on_rules = np.zeros((h, w), np.uint8)
    on_rules[y0:y1, x0:x1] = fainter & lines & window
    return full, rules, faint, on_rules


def with_fainter_strokes(rect: PixelBox, ink: np.ndarray, fainter: np.ndarray, max_w: float, max_h: float,
                         rules: np.ndarray | None = None) -> PixelBox:
    """A signature's box grown over the ``fainter`` strokes that continue its ink (hysteresis, as an
    edge detector links weak edges to strong ones): the pieces of ``fainter`` that hold the
    signature's own ink pixels.  A box that would outgrow a signature (``max_w`` x ``max_h`` pixels)
    stays as it was.

    A pen's line is thinner than print, and blur (a phone's lens, a scan's resolution) takes more of a
    thin line's contrast: the lighter half of a signature under 持证人签名 on a phone photo reached 75 of
    the label's 215 levels, below the bar of half, and only its darker right half was removed.  Only a
    signature already found grows: faint ink elsewhere (a pale stamp's ring) is not made ink by it."""
    u0, v0, u1, v1 = rect
    pad = 2
    a0, b0 = max(0, int(u0 - max_w)), max(0, int(v0 - max_h))
    a1, b1 = min(ink.shape[1], int(u1 + max_w)), min(ink.shape[0], int(v1 + max_h))
    n, labels = cv2.connectedComponents(fainter[b0:b1, a0:a1], connectivity=8)
    if n <= 1:
        return rect
    own = labels[max(0, v0 - b0 - pad):v1 - b0 + pad, max(0, u0 - a0 - pad):u1 - a0 + pad]
    seeds = ink[max(0, v0 - pad):v1 + pad, max(0, u0 - pad):u1 + pad][:own.shape[0], :own.shape[1]] > 0
    ids = np.unique(own[seeds[:own.shape[0], :own.shape[1]]])
    ids = ids[ids != 0]
    if not ids.size:
        return rect
    ys, xs = np.nonzero(np.isin(labels, ids))
    grown = (min(u0, a0 + int(xs.min())), min(v0, b0 + int(ys.min())),
             max(u1, a0 + int(xs.max()) + 1), max(v1, b0 + int(ys.max()) + 1))
    if grown[2] - grown[0] > max_w or grown[3] - grown[1] > max_h:
        return rect
    if rules is not None and (_ruled_rows(rules, grown[1], v0, u0, u1) or _ruled_rows(rules, v1, grown[3], u0, u1)):
        return rect           # it would reach across a table rule: the next row's signature is another's
    return grown


def _ruled_rows(rules: np.ndarray, top: int, bottom: int, u0: int, u1: int) -> bool:
    """A flat rule runs across the columns ``u0``-``u1`` somewhere between rows ``top`` and ``bottom``."""
    if bottom <= top or u1 <= u0:
        return False
    return bool((rules[top:bottom, u0:u1].mean(axis=1) >= 0.5).any())


def with_flourish(rect: PixelBox, on_rules: np.ndarray, max_w: float, ink: np.ndarray | None = None) -> PixelBox:
    """A signature's box grown over a straight stroke it ends in (an underline flourish) that the rule
    search erased: a piece of ink on the erased rules that touches the signature's own strokes (``ink``
    inside the box) and runs no further than half the signature's width beyond it on either side.  A table
    rule under the signature runs on across its cell, and a dashed one's dashes touch no stroke: they stay out.  (A 114 pt flourish under 何志 on a scan was erased as a rule; its ends stood out
    of the box by 7 and 9 pt.)"""
    u0, v0, u1, v1 = rect
    reach = 0.5 * (u1 - u0)
    pad = 3
    a0, b0 = max(0, int(u0 - reach - pad)), max(0, v0 - pad)
    a1, b1 = min(on_rules.shape[1], int(u1 + reach + pad)), min(on_rules.shape[0], v1 + pad)
    sub = on_rules[b0:b1, a0:a1]
    if not sub.any():
        return rect
    n, labels, stats, _ = cv2.connectedComponentsWithStats(sub, connectivity=8)
    strokes = None
    if ink is not None:
        own = np.zeros_like(sub)
        own[max(0, v0 - b0):v1 - b0, max(0, u0 - a0):u1 - a0] = ink[v0:v1, u0:u1][:max(0, v1 - b0) - max(0, v0 - b0),
                                                                                    :max(0, u1 - a0) - max(0, u0 - a0)]
        strokes = cv2.dilate(own, np.ones((5, 5), np.uint8)) > 0
    grown = rect
    for i in range(1, n):
        x, y, w, h, _ = stats[i]
        x0, x1 = a0 + x, a0 + x + w
        touches_edge = x == 0 or x + w >= sub.shape[1]
        if touches_edge or h > 0.5 * max(1, v1 - v0) + pad or w < 0.5 * (u1 - u0):
            continue          # runs on past the reach (a table rule), is no flat stroke, or no long one
        if x1 < u0 or x0 > u1:
            continue          # beside the signature, not under it
        if strokes is not None and not strokes[labels == i].any():
            continue          # touches none of the signature's strokes: a dash of a rule
        grown = (min(grown[0], x0), min(grown[1], b0 + y), max(grown[2], x1), max(grown[3], b0 + y + h))
    if grown[2] - grown[0] > max_w:
        return rect
    return grown


def hidden_rule_spans(segments: list[tuple[float, float, float, float]], tol: float, max_gap: float
                      ) -> list[tuple[tuple[float, float], tuple[float, float]]]:
    """Where a table's horizontal rule runs on under something that hides it: the gap between two
    pieces of one straight rule (the same direction within ``_RULE_BEND`` degrees, the second piece's
    ends within ``tol`` pixels of the first's line), at most ``max_gap`` pixels wide.

    A signature picture pasted into a Word form's cell covers the rule below it with its grey
    paper; the reviewer's signature in the next row reached up through that gap, its ink and the
    applicant's made one group, and neither was taken for handwriting."""
    out = []
    segs = [(a, b, c, d) if a <= c else (c, d, a, b) for a, b, c, d in segments]
    for i, (a0, b0, a1, b1) in enumerate(segs):
        ang = np.degrees(np.arctan2(b1 - b0, a1 - a0))
        length = float(np.hypot(a1 - a0, b1 - b0))
        for c0, d0, c1, d1 in segs[i + 1:]:
            if abs(np.degrees(np.arctan2(d1 - d0, c1 - c0)) - ang) > _RULE_BEND:
                continue
            if not all(abs((b1 - b0) * (x - a0) - (a1 - a0) * (y - b0)) / max(length, 1.0) <= tol
                       for x, y in ((c0, d0), (c1, d1))):
                continue
            left, right = ((a1, b1), (c0, d0)) if c0 >= a1 else ((c1, d1), (a0, b0)) if a0 >= c1 else (None, None)
            if left is not None and right is not None and 0 < right[0] - left[0] <= max_gap:
                out.append((left, right))
    return out


def traced_rules(ink: np.ndarray, segments: list[tuple[float, float, float, float]], max_break: int
                 ) -> list[list[tuple[float, float]]]:
    """Each flat rule segment followed along its own line, both ways, while ``ink`` goes on with breaks
    of at most ``max_break`` pixels: the rule's full run, as a polyline.

    A black-and-white scan breaks a thin rule into dashes, and a skewed one is never straight for
    the opening's length: the Hough transform found the row rule under 申请人签名 only beyond the
    signature cell, the applicant's and the reviewer's signatures above and below it joined
    through the rest, and the reviewer's was removed with the applicant's.
    Followed from the piece that was found, the rule is the line it runs on, not a stroke that
    happens to be flat.  Past the straight run the rule is followed row by row (``_followed``): a
    scanned rule bends by a pixel or two over a table's width, and the found piece's slope, carried
    300 pixels on, missed the rest by two."""
    h, w = ink.shape[:2]
    if h < 3 or not segments:
        return []
    out = []
    xs = np.arange(w)
    for xa, ya, xb, yb in segments:
        if xb < xa:
            xa, ya, xb, yb = xb, yb, xa, ya
        ya, yb = _refitted(ink, xa, ya, xb, yb)
        slope = (yb - ya) / max(xb - xa, 1.0)
        ys = np.rint(ya + slope * (xs - xa)).astype(np.int64)
        inside = (ys >= 1) & (ys <= h - 2)
        yc = np.clip(ys, 1, h - 2)
        hit = inside & ((ink[yc - 1, xs] > 0) | (ink[yc, xs] > 0) | (ink[yc + 1, xs] > 0))
        found = np.flatnonzero(hit)
        if found.size == 0:
            continue
        left, right = int(round(xa)), int(round(xb))
        # the run of hits with no break over max_break that holds the segment
        breaks = np.flatnonzero(np.diff(found) > max_break + 1)
        starts = np.concatenate(([found[0]], found[breaks + 1]))
        ends = np.concatenate((found[breaks], [found[-1]]))
        first = int(np.searchsorted(ends, left))             # the first run ending at or after the segment's start
        last = int(np.searchsorted(starts, right, side="right")) - 1
        if first >= len(starts) or last < first:
            continue
        x0, x1 = int(min(starts[first], left)), int(max(ends[last], right))
        line = (xa, ya, slope)
        head = (_followed(ink, x0, _inked_row(ink, x0, int(yc[x0])), -1, max_break, line)
                if starts[first] <= left else [(float(x0), ya + slope * (x0 - xa))])
        tail = (_followed(ink, x1, _inked_row(ink, x1, int(yc[x1])), 1, max_break, line)
                if ends[last] >= right else [(float(x1), ya + slope * (x1 - xa))])
        if head[-1][0] < left or tail[-1][0] > right:
            out.append(head[::-1] + tail)
    return out


def _refitted(ink: np.ndarray, xa: float, ya: float, xb: float, yb: float) -> tuple[float, float]:
    """The found piece's end heights fitted again to the ink within two pixels of it: the Hough
    transform's segment has whole-pixel ends, and a 0.2 degree error in its slope, carried 300
    pixels, is a whole rule's width."""
    h, w = ink.shape[:2]
    x0, x1 = max(0, int(np.ceil(xa))), min(w - 1, int(np.floor(xb)))
    if x1 - x0 < 8:
        return ya, yb
    cols = np.arange(x0, x1 + 1)
    slope = (yb - ya) / max(xb - xa, 1.0)
    rows = np.rint(ya + slope * (cols - xa)).astype(np.int64)[None, :] + np.arange(-2, 3)[:, None]
    ok = (rows >= 0) & (rows < h)
    hit = ok & (ink[np.clip(rows, 0, h - 1), cols[None, :]] > 0)
    if hit.sum() < 0.5 * cols.size:
        return ya, yb
    fy, fx = rows[hit].astype(np.float64), np.broadcast_to(cols, rows.shape)[hit].astype(np.float64)
    k, c = np.polyfit(fx, fy, 1)
    return float(k * xa + c), float(k * xb + c)


def _inked_row(ink: np.ndarray, x: int, y: int) -> int:
    """The row, of ``y`` and the two beside it, where column ``x`` is inked (``y`` if none is)."""
    for r in (y, y - 1, y + 1):
        if 0 <= r < ink.shape[0] and ink[r, x]:
            return r
    return y


def _followed(ink: np.ndarray, x: int, y: int, step: int, max_break: int, line: tuple[float, float, float]
              ) -> list[tuple[float, float]]:
    """From ``(x, y)`` on a rule, the rule followed in direction ``step`` (-1 or +1), one row up or
    down where its row ends (at most a row every ``_STEP_RUN`` pixels, so a pen stroke leaving the
    rule at a slant is not taken), never further from the found piece's ``line`` (a point and a slope) than
    ``_RULE_DRIFT`` of the way plus half a break: the points where it changes row, and its end."""
    h, w = ink.shape[:2]
    xa, ya, slope = line
    points = [(float(x), float(y))]
    last, since, cx = x, _STEP_RUN, x + step
    while 0 <= cx < w and abs(cx - last) <= max_break + 1:
        since += 1
        if ink[y, cx]:
            last = cx
        elif since >= _STEP_RUN:
            reach = max(2.0, max_break / 2) + _RULE_DRIFT * abs(cx - x)
            for r in (y - 1, y + 1):
                if 0 < r < h - 1 and ink[r, cx] and abs(r - ya - slope * (cx - xa)) <= reach:
                    points.append((float(last), float(y)))
                    y, last, since = r, cx, 0
                    break
        cx += step
    points.append((float(last), float(y)))
    return points


_STEP_RUN = 4               # pixels along a followed rule between two changes of row (a slope of at most 1 in 4)
_RULE_DRIFT = 0.01          # how far a followed rule may bend from the found piece's line, per pixel followed


RULE_BREAK_PT = 3.0         # the longest break followed in a rule (a thresholded thin rule's dashes)
HIDDEN_RULE_PT = 200.0      # the widest gap bridged in a rule (a pasted picture in a cell is narrower)
_RULE_BEND = 1.0


def cell_borders(thick_v: np.ndarray, thick_h: np.ndarray, min_len: int, t: int) -> np.ndarray:
    """Short vertical rules that run from one horizontal rule to another: the borders of a table cell.

    A one-row cell (申请人签名 | signature | date) is shorter than a vertical
    rule must be, and a printed-and-scanned form has no picture placement to cut
    the signature from its borders, so they joined its ink group.  A pen stroke
    seldom runs straight from the rule above to the rule below.  The rules need only be
    straight for a few line heights here: a scan's long rules are often broken."""
    short = cv2.morphologyEx(thick_v, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, min_len)))
    rules = cv2.morphologyEx(thick_h, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (2 * min_len, 1)))
    reach = cv2.dilate(rules, np.ones((2 * t + 3, 2 * t + 3), np.uint8))
    out = np.zeros_like(short)
    n, lab_img, stats, _ = cv2.connectedComponentsWithStats(short, connectivity=8)
    for i in range(1, n):
        x, y, w, h, _ = stats[i]
        if w > 3 * t:
            continue
        if reach[y:y + 2, x:x + w].any() and reach[y + h - 2:y + h, x:x + w].any():
            out[y:y + h, x:x + w] |= (lab_img[y:y + h, x:x + w] == i).astype(out.dtype)
    return out


def figure_rects(page: Page, rgb: np.ndarray) -> list[tuple[tuple[int, int, int, int], np.ndarray]]:
    """Embedded images smaller than half the page, with their non-paper pixel masks."""
    assert page.raster is not None
    out = []
    page_area = page.width * page.height
    for im in page.images:
        if im.bbox.area <= 0 or im.bbox.area > 0.5 * page_area:
            continue
        r = pixel_rect_for_bbox(page.raster, im.bbox, rgb.shape)
        if r is None:
            continue
        sub = rgb[r[1]:r[3], r[0]:r[2]]
        hsv = cv2.cvtColor(sub, cv2.COLOR_RGB2HSV)
        content = (to_gray(sub) < 215) | (hsv[:, :, 1] > 40)
        out.append((r, content))
    return out


def gap(a, b) -> float:
    dx = max(a[0] - b[2], b[0] - a[2], 0)
    dy = max(a[1] - b[3], b[1] - a[3], 0)
    return float(np.hypot(dx, dy))


def share_in(rect, windows) -> float:
    area = max(1, (rect[2] - rect[0]) * (rect[3] - rect[1]))
    best = 0.0
    for w in windows:
        iw = min(rect[2], w[2]) - max(rect[0], w[0])
        ih = min(rect[3], w[3]) - max(rect[1], w[1])
        if iw > 0 and ih > 0:
            best = max(best, iw * ih / area)
    return best


def inside(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> bool:
    return a[0] >= b[0] and a[1] >= b[1] and a[2] <= b[2] and a[3] <= b[3]


def merge_close(inks: list[Ink], gap_x: float, gap_y: float) -> list[Ink]:
    items = sorted(inks, key=lambda i: i.rect[0])
    changed = True
    while changed:
        changed = False
        out: list[Ink] = []
        for it in items:
            for k, o in enumerate(out):
                dx = max(it.rect[0] - o.rect[2], o.rect[0] - it.rect[2], 0)
                dy = max(it.rect[1] - o.rect[3], o.rect[1] - it.rect[3], 0)
                if dx <= gap_x and dy <= gap_y:
                    r = (min(o.rect[0], it.rect[0]), min(o.rect[1], it.rect[1]),
                         max(o.rect[2], it.rect[2]), max(o.rect[3], it.rect[3]))
                    out[k] = Ink(r, o.pixels + it.pixels)
                    changed = True
                    break
            else:
                out.append(it)
        items = out
    return items


