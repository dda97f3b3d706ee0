"""Channel ``signature`` on scans: no pen strokes beside the applicant's signature label read by OCR.

A printed-and-scanned or photographed form has no text layer and no picture
placements: the label (申请人签名, 本人签名, 申报人（签字）, 承诺人签字, 持证人签名 ...) is
read from verification's own OCR lines of the output page, and the signature is
pen ink on the page itself.  Ink counts as the applicant's signature when it
lies in the label's box -- to its right on its row, or just below it -- and
nearer to it than to any other person's label (审核人, 负责人, 推荐人 ...).

The ink is judged on verification's rendering, with code of its own (nothing
from ``redactor.detect``): darker than the local paper or pen-blue, not red (a
seal; by hue too, with the blurred edge of its line: a faint ring on a phone
photo is barely redder than its warm-lit paper), not under text OCR read
confidently (nor at a sure line's end its recogniser skipped), not part of a
solid area (a painted redaction box and its white label text), not a rule (straight lines along the
axes), not a seal's ring (an arc of a large circle or oval, and what it holds; or several short pieces on one circle or oval), not a speck.  A sideways
scan is turned upright first, by the direction the labels' characters run.

A group of strokes is a ``leak`` with its box: the pipeline's repair loop then
removes it and verifies again.
"""

from __future__ import annotations


import cv2
import numpy as np

from redactor.dashed_rules import DASH_GAP_PT, dashed_rules_both_ways
from redactor.marks.ink import band_mask, ink_band
from redactor.model import BBox, Leak, Raster
from redactor.protocols import OcrText
from redactor.ring_arc import inside_ring, seal_ring_arc, seal_ring_pieces
from redactor.ownership.signatures import signature_labels as signature_labels_on
from redactor.ownership.structure import PageStructure
from redactor.verify.signatures import beside

__all__ = ["scan_signature_leaks"]

PRINT_MIN_SCORE = 0.85        # OCR lines this sure are print (a signature OCR "reads" scores lower)
SQUARE_SLACK = 1.3            # a label's characters are about as tall as wide: this much taller is a merged box
MIN_STROKE_PX = 60            # pen ink of one group (at the verifier's dpi) ...
MIN_GROUP_PT = 5.0            # ... at least this tall and wide, and this long:
MIN_WIDTH_PT = 12.0
MARK_SHARE = 0.5              # share of a group of strokes inside a mark the plan found: that mark's ink
RED_DOMINANCE = 35            # red above green and blue by this: a seal's red ink
RED_FAINT = 15                # ... or by this with a red hue (a faint ring on a phone photo)
LONE_DOT_GREY = 150           # on a 1-bit scan drawn at a lower resolution: a group of ink no darker than this is dots
DOT_AREA_PT2 = 2.5            # on a 1-bit scan drawn at its own resolution: a group of ink smaller than this (pt²) is
#                               its paper's dither (two or three dots touching), dark as they are
SKIPPED_END_PITCHES = 2.5     # a sure print line's detected box past its first or last read character, up to this
#                               many character pitches: print the recogniser skipped (二〇 of 二〇二四年 read 二四年)


def _labels(lines: list[OcrText], structure: PageStructure | None = None) -> list[tuple[bool, list[BBox]]]:
    """(is the applicant's, character boxes) of every signature label in the OCR lines (the role lexicon's:
    ``redactor.ownership.signatures.signature_labels``), date labels included as nobody's."""
    out: list[tuple[bool, list[BBox]]] = []
    for ln in lines:
        keep = [(c, b) for c, b in zip(ln.text, ln.char_boxes) if not c.isspace()]
        text = "".join(c for c, _ in keep)
        boxes = [b for _, b in keep]
        for own, _, box in signature_labels_on(text, boxes, structure):
            out.append((own, [b for b in boxes if box.contains_point(*b.center)] or [box]))
    return out


def _quarter_turns(labels: list[tuple[bool, list[BBox]]]) -> int:
    """np.rot90 turns that make the labels read left to right (a sideways scan)."""
    votes = [0, 0, 0, 0]
    for _, boxes in labels:
        if len(boxes) < 2:
            continue
        a, b = boxes[0], boxes[-1]
        dx = (b.x0 + b.x1 - a.x0 - a.x1) / 2
        dy = (b.y0 + b.y1 - a.y0 - a.y1) / 2
        if abs(dx) >= abs(dy):
            votes[0 if dx > 0 else 2] += 1
        else:
            votes[1 if dy > 0 else 3] += 1
    return int(np.argmax(votes)) if any(votes) else 0


class _Frame:
    """The rendering turned upright by ``k`` quarter turns, with boxes mapped into it (in points)."""

    def __init__(self, raster: Raster, k: int) -> None:
        self.raster, self.k = raster, k
        self.shape = raster.pixels.shape[:2]
        self.pixels = np.ascontiguousarray(np.rot90(raster.pixels[:, :, :3], k))
        self.ppt = raster.dpi / 72.0

    def box(self, b: BBox) -> BBox:
        """A page box -> the upright frame, in points."""
        pts = [_turn(*self.raster.to_pixels(x, y), self.shape, self.k) for x in (b.x0, b.x1) for y in (b.y0, b.y1)]
        us, vs = [p[0] for p in pts], [p[1] for p in pts]
        return BBox(min(us) / self.ppt, min(vs) / self.ppt, max(us) / self.ppt, max(vs) / self.ppt)

    def page_box(self, b: BBox) -> BBox:
        """An upright-frame box (points) -> the page."""
        back = (4 - self.k) % 4
        pts = [_turn(x * self.ppt, y * self.ppt, self.pixels.shape[:2], back) for x in (b.x0, b.x1) for y in (b.y0, b.y1)]
        us, vs = [p[0] for p in pts], [p[1] for p in pts]
        return self.raster.point_box(min(us), min(vs), max(us), max(vs))


def _label_box(frame: _Frame, boxes: list[BBox]) -> BBox:
    """The label's box in the upright frame, no taller than its characters are wide.

    OCR can read a label into one line with what stands beside it -- the painted box over the signature,
    the pen strokes themselves -- and then hands every character that line's full height (43 pt for a
    13 pt label on the bundled certificate).  The window searched and the row a group must share are
    measured in label heights, so such a box reached across half the page: the certificate's dashed fold
    line and the first characters of the labels beside it (资格名称, 评审组织 ...) became "pen strokes"
    and were painted over.  Chinese characters are square: ``n`` of them over ``w`` points are about
    ``w / n`` tall; a taller box keeps its middle and that height."""
    b = frame.box(BBox.enclosing(boxes))
    tall = SQUARE_SLACK * b.width / max(len(boxes), 1)
    if len(boxes) < 2 or b.height <= tall:
        return b
    mid = 0.5 * (b.y0 + b.y1)
    return BBox(b.x0, mid - 0.5 * tall, b.x1, mid + 0.5 * tall)


def _skipped_ends(frame: _Frame, lines: list[OcrText], labels: list[BBox]) -> list[BBox]:
    """The ends of sure print lines (upright frame) that OCR's detector boxed but its recogniser read no character
    in, up to ``SKIPPED_END_PITCHES`` pitches: the line's own print (a date's 二〇 beside a removed stamp, its
    recogniser reading 二四年五月 from 二〇二四年五月), no pen strokes.  Not on a line that holds a signature label:
    there the detector's box may run on over the signature written after it."""
    out = []
    for ln in lines:
        if ln.score < PRINT_MIN_SCORE or len(ln.char_boxes) < 3:
            continue
        whole = frame.box(ln.bbox)
        if whole.width <= whole.height or any(whole.intersection_area(b) > 0 for b in labels):
            continue
        read = BBox.enclosing([frame.box(b) for b in ln.char_boxes])
        reach = SKIPPED_END_PITCHES * read.width / len(ln.char_boxes)
        if 0 < read.x0 - whole.x0 <= reach:
            out.append(BBox(whole.x0, whole.y0, read.x0, whole.y1))
        if 0 < whole.x1 - read.x1 <= reach:
            out.append(BBox(read.x1, whole.y0, whole.x1, whole.y1))
    return out


RUNS_ON_LINES = 0.25       # a line starting within this many line heights of a removed signature's box, on its row


def _runs_on(line: BBox, cut: list[BBox], line_pt: float) -> bool:
    """``line`` (upright frame) starts or ends at a removed signature's box, on the same row: the signature's strokes
    the box did not reach, read as text -- not print."""
    for c in cut:
        rows = min(line.y1, c.y1) - max(line.y0, c.y0)
        if rows >= 0.5 * min(line.height, c.height) and _gap(line, c) <= RUNS_ON_LINES * line_pt:
            return True
    return False


def _met(grp: BBox, cut: list[BBox], line_pt: float) -> BBox:
    """``grp`` grown along its row to the removed signature's box it runs on from: the strokes between the two,
    too thin to count as a group of their own, go with it."""
    for c in cut:
        if _runs_on(grp, [c], line_pt):
            if c.x1 <= grp.x0:
                grp = BBox(c.x1, grp.y0, grp.x1, grp.y1)
            elif c.x0 >= grp.x1:
                grp = BBox(grp.x0, grp.y0, c.x0, grp.y1)
    return grp


def _gap(a: BBox, b: BBox) -> float:
    dx = max(a.x0 - b.x1, b.x0 - a.x1, 0.0)
    dy = max(a.y0 - b.y1, b.y0 - a.y1, 0.0)
    return float(np.hypot(dx, dy))


def _turn(u: float, v: float, shape: tuple[int, ...], k: int) -> tuple[float, float]:
    """Pixel (u, v) of an array of ``shape`` after ``np.rot90(array, k)``."""
    h, w = shape[0], shape[1]
    for _ in range(k):           # np.rot90: new[i, j] = old[j, w - 1 - i]
        u, v, h, w = v, w - u, w, h
    return u, v


def _stamp_red(rgb: np.ndarray, hsv: np.ndarray) -> np.ndarray:
    """Red stamp-pad ink, with the blurred edge of its strokes.

    Red well above green and blue (``RED_DOMINANCE``); on a phone photo a faint ring, thin and
    blurred under a warm colour cast, keeps only its hue: red hue, saturated, not dark (pen ink
    under warm light is dark and grey), red at least ``RED_FAINT`` above green and blue.  Ink
    touching red ink is the ring's blurred edge (it would stay behind as arcs of pen strokes)."""
    dom = rgb[:, :, 0].astype(np.int16) - np.maximum(rgb[:, :, 1], rgb[:, :, 2]).astype(np.int16)
    faint = (band_mask(hsv, ink_band("gate.stamp_red_faint")) > 0) & (dom >= RED_FAINT)
    red = ((dom >= RED_DOMINANCE) | faint).astype(np.uint8)
    return cv2.dilate(red, np.ones((3, 3), np.uint8)) > 0


def _strokes(rgb: np.ndarray, printed: list[BBox], line_pt: float, ppt: float,
             two_tone: bool = False) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Pen-ink mask of the upright rendering (see the module docstring), the straight lines that part groups,
    and the painted boxes.
    ``two_tone``: the pixels are a 1-bit scan's: a lone dot of its paper's texture (thresholded or dithered) is drawn
    light grey at the verifier's lower resolution, where a pen stroke, two dots wide or more, keeps a black core;
    ink with no pixel darker than ``LONE_DOT_GREY`` is dots, however many of them lie together (the
    paper above a 1-bit 送审表's signature row was painted as pen strokes, 5000-12000 pt²).  Drawn at the scan's
    own resolution the dots stay black: a group smaller than ``DOT_AREA_PT2`` is dots there (a dithered 1-bit
    评审表's declaration and the signature rows under it were painted, 52 000 pt²)."""
    grey = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    lh = max(3, int(line_pt * ppt))
    k = max(15, int(1.5 * lh)) | 1
    paper = cv2.morphologyEx(grey, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (k, k)))
    diff = paper.astype(np.int16) - grey.astype(np.int16)
    hsv = cv2.cvtColor(rgb, cv2.COLOR_RGB2HSV)
    blue = (hsv[:, :, 0] >= 95) & (hsv[:, :, 0] <= 135) & (hsv[:, :, 1] >= 45) & (diff > 20)     # a light ballpoint too
    red = _stamp_red(rgb, hsv)
    ink = (((diff > 50) | blue) & ~red).astype(np.uint8)
    # rules (before print is erased: it would break them into short pieces): straight lines along the axes, found by a probabilistic Hough transform (follows skew,
    # bridges gaps); vertical ones from 1.2 line heights (a one-row cell's borders), horizontal ones
    # erased from two (a signature's flourish is long and flat too) but all of them part groups
    length = max(10, int(1.2 * lh))
    segs = cv2.HoughLinesP(ink * 255, 1, np.pi / 360, threshold=int(0.8 * length), minLineLength=length,
                           maxLineGap=max(2, int(round(ppt))))
    rules, cuts = np.zeros_like(ink), np.zeros_like(ink)
    t = max(3, int(round(1.2 * ppt)) | 1)
    if segs is not None:
        for xa, ya, xb, yb in segs[:, 0]:
            ang = abs(np.degrees(np.arctan2(yb - ya, xb - xa))) % 180
            flat = min(ang, 180 - ang) <= 6
            if flat or abs(ang - 90) <= 6:
                cv2.line(cuts, (int(xa), int(ya)), (int(xb), int(yb)), 1, t + 2)
                if not flat or float(np.hypot(xb - xa, yb - ya)) >= 2 * lh:
                    cv2.line(rules, (int(xa), int(ya)), (int(xb), int(yb)), 1, t + 2)
    # a 1-bit scan's thin borders come in dashes: lines alone on the paper, bridged over their breaks
    lying, standing = dashed_rules_both_ways(ink & (1 - cuts), 6 * lh, 2 * lh, int(round(DASH_GAP_PT * ppt)), t + 1)
    for xa, ya, xb, yb in lying + standing:
        cv2.line(cuts, (int(xa), int(ya)), (int(xb), int(yb)), 1, t + 2)
        cv2.line(rules, (int(xa), int(ya)), (int(xb), int(yb)), 1, t + 2)
    if two_tone:
        # a 1-bit scan's paper is dots that fill the ink mask (a quarter of it), and the probabilistic Hough
        # transform, drawn off by them, misses solid rules standing in it (a small table's borders round the
        # applicant's signature cell on a thresholded 评审表 were read as pen strokes, repaired, and the document
        # refused): there a run of ink along an axis, as long as the rules above and thickened across for skew,
        # is a rule too
        runs = _axis_runs(ink, length, 2 * lh, t)
        cuts |= runs
        rules |= runs
    # painted boxes (and the white label text inside them): solid areas, taken whole with their bounding rects
    g = max(1, int(round(1.5 * ppt)))
    dark = ((grey < 110) & ~red).astype(np.uint8)
    solid = cv2.morphologyEx(dark, cv2.MORPH_OPEN, np.ones((max(3, int(3 * ppt)),) * 2, np.uint8))
    n, _, stats, _ = cv2.connectedComponentsWithStats(solid, connectivity=8)
    painted = np.zeros_like(ink)
    for i in range(1, n):
        x, y, w, h, _ = stats[i]
        painted[max(0, y - g):y + h + g, max(0, x - g):x + w + g] = 1
    ink &= 1 - painted
    for b in printed:
        # (a box above or left of the crop has negative ends, which as slice ends would count from the far
        # edge and erase the whole crop: a signature went unseen so)
        y1, x1 = int(b.y1 * ppt) + g + 1, int(b.x1 * ppt) + g + 1
        if y1 > 0 and x1 > 0:
            ink[max(0, int(b.y0 * ppt) - g):y1, max(0, int(b.x0 * ppt) - g):x1] = 0
    ink &= 1 - rules
    n, lab, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    drop = stats[:, cv2.CC_STAT_AREA] < max(4, int(ppt * ppt))
    if two_tone:
        cored = np.zeros(n, bool)
        cored[lab[(grey < LONE_DOT_GREY) & (ink > 0)]] = True
        drop |= ~cored | (stats[:, cv2.CC_STAT_AREA] < DOT_AREA_PT2 * ppt * ppt)
    rings: list[tuple[float, ...]] = []
    for i in range(1, n):      # a seal's ring (a blue, purple or grey stamp is no red): an arc of a large circle or oval
        if not drop[i] and max(stats[i, cv2.CC_STAT_WIDTH], stats[i, cv2.CC_STAT_HEIGHT]) >= 15 * ppt:
            x, y, w, h = stats[i, :4]
            ys, xs = np.nonzero(lab[y:y + h, x:x + w] == i)
            ring = seal_ring_arc(xs.astype(np.float64), ys.astype(np.float64), ppt, tolerance=0.08, ovals=True)
            if ring is not None:
                drop[i] = True
                rings.append((ring[0] + x, ring[1] + y, *ring[2:]))
    # a fainter ring (a phone photo, half over the holder's photo) is only short pieces, each no curve
    # on its own: one circle through several of them (not its inside: that is a guess's, kept cautious)
    for _, members in seal_ring_pieces(lab, stats, rgb, ppt, skip=drop, ovals=True):
        drop[members] = True
    drop[0] = True
    ink[drop[lab]] = 0
    # and what the ring holds: the stamp's own characters and star are no pen strokes (a grey scan's
    # seal has no colour to tell it by)
    for ring in rings:
        reach = max(ring[2:4] if len(ring) == 5 else ring[2:3]) + 3
        x0, y0 = max(0, int(ring[0] - reach)), max(0, int(ring[1] - reach))
        x1, y1 = min(ink.shape[1], int(ring[0] + reach) + 1), min(ink.shape[0], int(ring[1] + reach) + 1)
        if x1 > x0 and y1 > y0:
            vv, uu = np.mgrid[y0:y1, x0:x1].astype(np.float64)
            ink[y0:y1, x0:x1][inside_ring(ring, uu, vv)] = 0
    return ink, cuts, painted


def _axis_runs(ink: np.ndarray, standing_px: int, lying_px: int, t: int) -> np.ndarray:
    """The pixels of ``ink`` on upright runs at least ``standing_px`` long and flat runs at least ``lying_px`` long,
    each thickened ``t`` pixels across first (a rule skewed a pixel or two over its length stays one run)."""
    across_v = cv2.dilate(ink, cv2.getStructuringElement(cv2.MORPH_RECT, (t, 1)))
    across_h = cv2.dilate(ink, cv2.getStructuringElement(cv2.MORPH_RECT, (1, t)))
    standing = cv2.morphologyEx(across_v, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, standing_px)))
    lying = cv2.morphologyEx(across_h, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (lying_px, 1)))
    return ((standing | lying) > 0).astype(ink.dtype)


def _ruled_apart(rules: np.ndarray, grp: tuple[int, int, int, int], label: BBox, v0: int, ppt: float, lh: int,
                 painted: np.ndarray | None = None) -> bool:
    """A straight line runs between the strokes (``grp``, pixels of ``rules``' crop, whose top is ``v0``)
    and the middle of the label's row, and on past them: under ``_RULED`` of the ``_RULE_REACH`` line
    heights of columns left or right of the strokes (a table's rule; a flourish under a name is erased
    from the strokes but seldom runs on that far; one side, because where pen strokes cross a rule its
    pieces break): the strokes are in another row of the table.  Only asked of a label whose row the strokes
    overlap without standing on it (rank 1 of ``beside``): a second signature under a column header
    (推荐人签名) one row above 申请人签名, cut by the search window to a piece, passed for the applicant's."""
    mid = int(0.5 * (label.y0 + label.y1) * ppt) - v0
    x0, y0, x1, y1 = grp
    centre = (y0 + y1) // 2
    lo, hi = (centre, mid) if centre <= mid else (mid, centre)
    reach = int(_RULE_REACH * lh)
    cols = rules[max(0, lo):max(0, hi)].any(axis=0)
    # columns where paint covers the rows between hide the rule: the sides are looked at past the paint (the
    # applicant's painted signature hid the row rule beside the reviewer's signature under it)
    seen = ~painted[max(0, lo):max(0, hi)].any(axis=0) if painted is not None and hi > lo else np.ones(cols.size, bool)
    left, right = np.flatnonzero(seen[:x0])[::-1][:reach], x1 + np.flatnonzero(seen[x1:])[:reach]
    sides = [cols[left], cols[right]]
    sides = [side for side in sides if side.size >= lh // 2]     # the crop's edge cuts a side short
    return any(float(side.mean()) >= _RULED for side in sides)


_RULED = 0.8
_RULE_REACH = 2.0
_CORNER_SHARE = 0.9       # of a group's pixels on one row band and one column band: two rules meeting


def rule_corner(xs: np.ndarray, ys: np.ndarray, ppt: float) -> bool:
    """The pixels (``xs``, ``ys``) lie on one horizontal and one vertical line, each a point wide: the corner
    (an L or a T) of a table's rules, left standing beside a painted box where the rule search did not take it.
    A single straight stroke is caught before this; handwriting has curves and slants, and few of its pixels
    fall on any one row and column.  (On a scanned Word form the cell border beside the applicant's painted
    signature and a piece of the row rule were taken for pen strokes; the repair that painted them broke the
    OCR lines of the print around them, which were then taken for strokes in turn, and the document was
    refused.)"""
    if xs.size < 8:
        return False
    band = max(1, int(round(ppt)))
    row = int(np.bincount(ys - ys.min()).argmax()) + int(ys.min())
    col = int(np.bincount(xs - xs.min()).argmax()) + int(xs.min())
    on = (np.abs(ys - row) <= band) | (np.abs(xs - col) <= band)
    arms = (np.abs(ys - row) <= band).sum() >= 4 * band and (np.abs(xs - col) <= band).sum() >= 4 * band
    return bool(arms and on.mean() >= _CORNER_SHARE)


def scan_signature_leaks(raster: Raster, page_number: int, lines: list[OcrText],
                         one_bit: tuple[BBox, ...] = (), structure: PageStructure | None = None,
                         not_pen: tuple[BBox, ...] = (), signed: tuple[BBox, ...] = ()) -> list[Leak]:
    """Pen strokes nearer to an OCR-read label of the applicant's than to anyone else's.  ``one_bit``: the page's
    images of one bit a pixel (their paper's lone dots are no strokes, ``_strokes``).  Print is what this check's
    own OCR reads surely, and the ends of those lines its recogniser skipped (``_skipped_ends``); it has no
    reading of the input (the gate and ``redactor verify`` must agree).  ``not_pen``: the marks the plan found
    (a stamp, a portrait, a code, kept or removed), as for pictures (``signatures.signature_leaks``): strokes
    lying mostly inside one are that mark's ink, read by the channel of its kind (a grey scan's stamp, whose
    ring the ring search here found only in pieces, is the seal channel's).  ``signed``: the boxes the plan
    removed signatures with: a line OCR reads running on from one, on its row (``_runs_on``), is what the box
    left of that signature (its last strokes read 'ER'), never print: a removed mark leaves no part of itself."""
    labels = _labels(lines, structure)
    if not any(own for own, _ in labels):
        return []
    frame = _Frame(raster, _quarter_turns(labels))
    ppt = frame.ppt
    upright = [(own, _label_box(frame, boxes)) for own, boxes in labels]
    heights = [min(b.width, b.height) for _, b in upright]
    line_pt = float(np.median(heights)) if heights else 12.0
    cut = [frame.box(b) for b in signed]
    sure = [ln for ln in lines if ln.score >= PRINT_MIN_SCORE and not _runs_on(frame.box(ln.bbox), cut, line_pt)]
    printed = [frame.box(b) for ln in sure for b in ln.char_boxes]
    printed += [b for _, b in upright]
    printed += _skipped_ends(frame, sure, [b for _, b in upright])
    # only around the applicant's labels: the right window and the band below
    roi = np.zeros(frame.pixels.shape[:2], np.uint8)
    for own, b in upright:
        if own:
            h = max(b.height, 6.0)
            x0, y0 = b.x0 - 2 * h, b.y0 - 1.8 * h
            x1, y1 = b.x1 + 330.0, b.y1 + 70.0
            roi[max(0, int(y0 * ppt)):max(0, int(y1 * ppt)), max(0, int(x0 * ppt)):max(0, int(x1 * ppt))] = 1
    ys, xs = np.nonzero(roi)
    if ys.size == 0:
        return []
    pad = int(40 * ppt)
    v0, v1 = max(0, ys.min() - pad), min(roi.shape[0], ys.max() + pad + 1)
    u0, u1 = max(0, xs.min() - pad), min(roi.shape[1], xs.max() + pad + 1)
    off = BBox(u0 / ppt, v0 / ppt, u0 / ppt, v0 / ppt)
    local = [BBox(b.x0 - off.x0, b.y0 - off.y0, b.x1 - off.x0, b.y1 - off.y0) for b in printed]
    seen = frame.page_box(BBox(u0 / ppt, v0 / ppt, u1 / ppt, v1 / ppt))
    two_tone = any(b.intersection_area(seen) > 0.5 * seen.area for b in one_bit)
    ink, rules, painted = _strokes(frame.pixels[v0:v1, u0:u1], local, line_pt, ppt, two_tone)
    ink &= roi[v0:v1, u0:u1]
    lh = max(3, int(line_pt * ppt))
    joined = cv2.dilate(ink, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (max(3, int(0.7 * lh)), max(3, int(0.45 * lh)))))
    joined &= 1 - rules          # a table rule parts two rows' signatures (申请人签名 above 审核人)
    n, lab, stats, _ = cv2.connectedComponentsWithStats(joined, connectivity=8)
    leaks = []
    for i in range(1, n):
        x, y, w, h, _ = stats[i]
        sel = ink[y:y + h, x:x + w] & (lab[y:y + h, x:x + w] == i)
        count = int(sel.sum())
        if count < MIN_STROKE_PX or min(w, h) < MIN_GROUP_PT * ppt or max(w, h) < MIN_WIDTH_PT * ppt:
            continue
        ys, xs = np.nonzero(sel)
        if float(np.sqrt(max(np.linalg.eigvalsh(np.cov(np.stack([xs, ys]).astype(np.float64)))[0], 0.0))) < ppt:
            continue          # a straight stroke: what is left of a rule, not a signature
        if not two_tone and rule_corner(xs, ys, ppt):
            # a cell's corner: a piece of a row rule and of a column rule, not a signature.  (Not on a 1-bit scan:
            # its rules come in dashes, found by the dashed-rule search above; there a corner piece stays with the
            # repairs as before -- skipping it let a reviewer's signature under an eroded label be claimed in the
            # last repair round, and a 1-bit 申报表 was refused.)
            continue
        grp = BBox(float(u0 + x) / ppt, float(v0 + y) / ppt, float(u0 + x + w) / ppt, float(v0 + y + h) / ppt)
        # the label on the strokes' own row first, else the nearest: a column header (推荐人签名) stands
        # right above its signatures, while a label rows further down reaches across the page (330 pt);
        # below a label only what is written right under it (a stamp further down is the seal channel's)
        near = [((d[0] != 0, _gap(b, grp), not own), b) for own, b in upright
                if (d := beside(b, grp)) is not None and (d[0] != 2 or d[1] <= 2 * max(b.height, 6.0))
                and not (d[0] == 1 and _ruled_apart(rules, (x, y, x + w, y + h), b, v0, ppt, lh, painted))]
        if not near:
            continue          # not beside a label
        rank, label = min(near, key=lambda n: n[0])
        if rank[2]:
            continue          # nearer to someone else's
        grp = _met(grp, cut, line_pt)
        box = frame.page_box(grp)
        if any(m.intersection_area(box) >= MARK_SHARE * box.area for m in not_pen):
            continue          # a stamp's (a portrait's, a code's) ink, not pen strokes
        leaks.append(Leak(where="signature", category="signature", page=page_number, bbox=box, boxes=(box,),
                          detail="pen strokes beside the applicant's signature label (OCR) on a scanned page",
                          label_box=frame.page_box(label)))
    return leaks
