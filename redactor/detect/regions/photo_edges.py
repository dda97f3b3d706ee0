"""Where a photo printed on a page (or in a pasted scan) ends, found from the face inside it.

A scan has no image placement to say where a photo is: its edges are found by growing the face box
while the strip added is photo (not paper), and a photo whose background is as white as the paper
stops that growth at the face.  ``PortraitDetector`` decides *that* a face is a single person's
photo; this module decides *how far* it reaches.  Pixel coordinates throughout: ``(u0, v0, u1, v1)``.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from redactor.model import BBox

_Rect = tuple[int, int, int, int]
_Box = tuple[float, float, float, float]

ID_PHOTO_ASPECT = 1.4           # height / width of a 1-inch or 2-inch ID photo (25 x 35 mm, 35 x 49 mm)


@dataclass(frozen=True)
class GrownPhoto:
    """The rectangle grown from the face, and how wide the clothes run along its bottom edge.

    ``shoulders`` is the run of photo pixels along the grown rectangle's last rows, followed sideways
    past where the whole-height growth stopped: an ID photo's shoulders reach both of its sides even
    when its white background does not (``None`` when growth did not get below the face)."""

    rect: _Rect
    shoulders: tuple[int, int] | None = None
    tilted: _Rect | None = None     # the box round the whole photo where it lies turned on the page (``_tilted_extent``)
    crown: int | None = None        # the top of the head where growth stopped inside its dome (``_crown``)
    chin: int | None = None         # the photo's foot where growth stopped at the chin (``_chin``)

    @property
    def width(self) -> int:
        return self.rect[2] - self.rect[0]

    @property
    def height(self) -> int:
        return self.rect[3] - self.rect[1]


def _size(face: _Rect) -> tuple[int, int]:
    return face[2] - face[0], face[3] - face[1]


def grow_photo_rect(rgb: np.ndarray, gray: np.ndarray, face: _Rect) -> GrownPhoto:
    """Grow the face box while the strip added is mostly non-paper (photo background).

    Stops at paper; a thin table rule is crossed only if photo continues
    behind it.  Growth is limited to 2.5 face widths sideways, 1.6 face
    heights up and 4 down.
    """
    h, w = gray.shape
    fw, fh = _size(face)
    lim = (max(0, int(face[0] - 2.5 * fw)), max(0, int(face[1] - 1.6 * fh)),
           min(w, int(face[2] + 2.5 * fw)), min(h, int(face[3] + 4.0 * fh)))
    ink = _non_paper(rgb, gray, lim, fw)
    u0, v0, u1, v1 = face
    step = max(1, fw // 40)
    thr = 0.55
    changed = True
    while changed:
        changed = False
        if u0 - step >= lim[0] and ink[v0:v1, u0 - step:u0].mean() >= thr:
            u0 -= step
            changed = True
        if u1 + step <= lim[2] and ink[v0:v1, u1:u1 + step].mean() >= thr:
            u1 += step
            changed = True
        if v0 - step >= lim[1] and ink[v0 - step:v0, u0:u1].mean() >= thr:
            v0 -= step
            changed = True
        if v1 + step <= lim[3] and ink[v1:v1 + step, u0:u1].mean() >= thr:
            v1 += step
            changed = True
    g = (u0, v0, u1, v1)
    return GrownPhoto(g, _shoulders(ink, g, face, lim), _tilted_extent(ink, g, face, lim), _crown(ink, g, face, lim),
                      _chin(ink, g, face, lim))


CROWN_INK = 0.15          # share of a row, across the face's columns, that is photo for the head's dome to go on there


def _crown(ink: np.ndarray, grown: _Rect, face: _Rect, lim: _Rect) -> int | None:
    """The top of the head where growth stopped inside it: on a white ground a row is photo only across the
    hair, and the hair narrows to a dome, so whole-row growth stops below its top (on a two-up scan, a dozen
    pixels of hair left above the box, the rest of the photo as white as the paper).  The dome goes on
    upward, over the face's columns, while a row is still ``CROWN_INK`` photo; the first row of paper ends it
    (a line printed above a photo stands a row of paper apart).  None when the row above the growth is paper."""
    u0, v0 = max(grown[0], face[0]), grown[1]
    u1 = min(grown[2], face[2])
    if u1 - u0 < 4:
        return None
    v = v0
    while v - 1 >= lim[1] and ink[v - 1, u0:u1].mean() >= CROWN_INK:
        v -= 1
    return v if v < v0 else None


CHIN_ROOM = 0.15          # face heights: growth that got no further below the face stopped at the chin, not at
#                           the photo's foot -- a portrait shows the neck and shoulders below the chin
CHIN_REACH = 1.2          # face heights below the face the walk down the neck may go: an ID photo's foot lies
#                           0.6-1.0 face heights below the chin


def _chin(ink: np.ndarray, grown: _Rect, face: _Rect, lim: _Rect) -> int | None:
    """The photo's foot where whole-row growth stopped at the chin: on a ground as pale as the paper a row below
    the face is photo only across the neck and the collar, so growth never got below the face (a two-up scan's
    small 干部任免审批表 photo: the chin, mouth and shoulders left uncovered under the box).  The neck and
    clothes go on downward, over the face's columns, while a row is still ``CROWN_INK`` photo, at most
    ``CHIN_REACH`` face heights; the first row of paper ends it.  None where growth got ``CHIN_ROOM`` face
    heights below the face (it found the foot) or the row below it is paper."""
    fh = face[3] - face[1]
    if fh <= 0 or grown[3] - face[3] >= CHIN_ROOM * fh:
        return None
    u0, u1 = max(grown[0], face[0]), min(grown[2], face[2])
    if u1 - u0 < 4:
        return None
    v, stop = grown[3], min(lim[3], int(face[3] + CHIN_REACH * fh))
    while v < stop and ink[v, u0:u1].mean() >= CROWN_INK:
        v += 1
    return v if v > grown[3] else None


TILT_MIN_DEG = 1.5        # a photo turned at least this far on the page (a phone photo's perspective, a skewed scan) ...
TILT_MAX_DEG = 20.0       # ... and at most this far (more: a sideways page, which ingest turns upright)
TILT_SOLID = 0.8          # its mass fills at least this share of its convex hull (a photo, not text or a table's corner)
TILT_ASPECT = (1.05, 1.8) # the turned rectangle's long side over its short side: a portrait photo's proportions
TILT_REACH = 0.2          # it reaches at most this share of the grown rectangle's side past each of its sides
TILT_OPEN_FACE = 8        # an opening by a disc of a face width / this parts the photo from print and rules it touches


def _tilted_extent(ink: np.ndarray, grown: _Rect, face: _Rect, lim: _Rect) -> _Rect | None:
    """The upright box round a photo that lies turned on the page: growth adds whole rows and columns while
    most of each is photo, so it stops half-way across the wedge a turned edge makes, and the photo's corners
    stay outside its rectangle (a phone photo of a certificate: 0.79 of the photo covered).  The photo's mass --
    the non-paper pixels joined to the grown rectangle once an opening has parted thin print and rules from
    it -- gives the whole extent, when it is a solid, turned rectangle of a portrait's proportions close round
    the growth; else None (an upright photo: growth found its edges)."""
    fw = face[2] - face[0]
    u0, v0, u1, v1 = grown
    if fw < 8 or u1 - u0 < 8 or v1 - v0 < 8:
        return None
    sub = np.ascontiguousarray(ink[lim[1]:lim[3], lim[0]:lim[2]]).astype(np.uint8)
    k = max(3, fw // TILT_OPEN_FACE) | 1
    solid = cv2.morphologyEx(sub, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k, k)))
    n, labels, stats, _ = cv2.connectedComponentsWithStats(solid, connectivity=8)
    inside = labels[v0 - lim[1]:v1 - lim[1], u0 - lim[0]:u1 - lim[0]]
    ids, counts = np.unique(inside[inside > 0], return_counts=True)
    if ids.size == 0:
        return None
    i = int(ids[np.argmax(counts)])
    pts = cv2.findNonZero((labels == i).astype(np.uint8))
    (_, _), (rw, rh), angle = cv2.minAreaRect(pts)
    tilt = abs(angle) % 90.0
    tilt = min(tilt, 90.0 - tilt)
    hull = cv2.contourArea(cv2.convexHull(pts))
    area = float(stats[i, cv2.CC_STAT_AREA])
    if not (TILT_MIN_DEG <= tilt <= TILT_MAX_DEG) or hull <= 0 or area / hull < TILT_SOLID:
        return None
    if not (TILT_ASPECT[0] <= max(rw, rh) / max(1.0, min(rw, rh)) <= TILT_ASPECT[1]):
        return None
    x, y, w, h = (int(stats[i, c]) for c in (cv2.CC_STAT_LEFT, cv2.CC_STAT_TOP, cv2.CC_STAT_WIDTH, cv2.CC_STAT_HEIGHT))
    r = int(np.ceil(0.42 * (k // 2)))    # the opening rounds a corner off by (sqrt 2 - 1) of its radius
    box = (x + lim[0] - r, y + lim[1] - r, x + w + lim[0] + r, y + h + lim[1] + r)
    rx, ry = TILT_REACH * (u1 - u0), TILT_REACH * (v1 - v0)
    if box[0] < u0 - rx or box[1] < v0 - ry or box[2] > u1 + rx or box[3] > v1 + ry:
        return None
    return box


def _shoulders(ink: np.ndarray, grown: _Rect, face: _Rect, lim: _Rect) -> tuple[int, int] | None:
    """The columns of photo along the grown rectangle's bottom rows, where they end at paper below.

    The band is the last tenth of a face height above where growth stopped; a column counts while
    half of it is photo.  ``None`` unless growth went at least a fifth of a face height below the
    face (past the chin: a photo cropped close under it ends there) and the row under the
    band is paper across the run (the photo's bottom edge, not a pale shirt inside it); a collar's
    narrow run is refused by ``_white_background_photo``."""
    fw, fh = _size(face)
    u0, v0, u1, v1 = grown
    if v1 - face[3] < fh / 5:
        return None
    band = max(2, fh // 10)
    cols = ink[v1 - band:v1, lim[0]:lim[2]].mean(axis=0)
    a, b = u0 - lim[0], u1 - lim[0]
    while a > 0 and cols[a - 1] >= 0.5:
        a -= 1
    while b < cols.size and cols[b] >= 0.5:
        b += 1
    s0, s1 = a + lim[0], b + lim[0]
    below = ink[v1:min(ink.shape[0], v1 + band), s0:s1]
    if below.size == 0 or below.mean() >= 0.3:
        return None
    return (s0, s1)


def photo_like(grown: GrownPhoto, face: _Rect) -> bool:
    """A grown rectangle that frames a portrait: larger than the face, clearly so in height
    (Haar's box is half to three quarters of an ID photo's width, up to 0.85 in a tightly
    cropped one: photos grown to their very edges, missed a wider bar and
    got the ID-photo frame, 1.6 times their size, over the issuer's seal on their corner; a
    white-background photo whose growth stops at the face gets that frame anyway, by its
    headroom) and upright."""
    fw, fh = _size(face)
    gw, gh = grown.width, grown.height
    return gw >= 1.1 * fw and gh >= 1.5 * fh and 1.05 <= gh / max(gw, 1) <= 1.7


def photo_box(grown: GrownPhoto, frame: _Box, face: _Rect, white_bg_headroom: float) -> _Box:
    """The box of a photo whose edges growth found: those edges (+3 %), not a frame around the face,
    which overshoots a tightly cropped portrait (it took the issuer's seal on the photo's corner with
    it) and, in a pasted scan, ran to the table cell's borders and past them (10 700 pt² of
    form around a 99 x 139 pt photo).  Growth stops only at paper-like pixels, so what it leaves out of
    a white-background photo is background, not the person -- except where it stopped at the top of
    the head (``white_bg_headroom``), or where the shoulders along its foot run on past where it stopped
    at the sides: then the photo's edges are not where growth stopped.  Its width is then where the
    shoulders end along its bottom edge, and its top an ID photo's height above that edge
    (``_white_background_photo``); only where the shoulders say nothing is the ``frame`` around the
    face taken, which is 2 face widths wide and ran 60 pt past an ID card's photo."""
    g = grown.rect
    rect = _with_tilt(_padded(g), grown)
    fw, fh = _size(face)
    white = _white_background_photo(grown, face)
    # shoulders running on past where growth stopped at the sides: the background there is as light as paper,
    # and growth may have stopped inside the photo at the top as well (at a cap's white band)
    light_sides = white is not None and white[2] - white[0] >= grown.width + 0.1 * fw
    if face[1] - g[1] >= white_bg_headroom * fh and not light_sides:
        return rect
    if white is not None:
        return _with(rect, white)
    return (min(rect[0], frame[0]), min(rect[1], frame[1]), max(rect[2], frame[2]), max(rect[3], frame[3]))


def _with_tilt(rect: _Box, grown: GrownPhoto) -> _Box:
    """``rect`` grown over a turned photo's whole extent (``GrownPhoto.tilted``), where it has one, up over the
    head's dome (``GrownPhoto.crown``) and down to the photo's foot under the chin (``GrownPhoto.chin``) where
    they run past the padding ``_padded`` gave the rest."""
    pad = grown.rect[1] - rect[1]
    if grown.crown is not None and grown.rect[1] - grown.crown > pad:
        # a dome the padding does not already cover (a phone photo's blurred edge is a few pixels)
        rect = (rect[0], min(rect[1], grown.crown - pad), rect[2], rect[3])
    if grown.chin is not None and grown.chin - grown.rect[3] > pad:
        rect = (rect[0], rect[1], rect[2], max(rect[3], grown.chin + pad))      # the neck and clothes under the chin
    t = grown.tilted
    if t is None:
        return rect
    return (min(rect[0], t[0]), min(rect[1], t[1]), max(rect[2], t[2]), max(rect[3], t[3]))


def white_background_box(grown: GrownPhoto, face: _Rect) -> _Box | None:
    """The box of a white-background ID photo whose grown rectangle does not frame the face like a photo
    (growth stopped at the cheeks: narrower than 1.1 face widths), from its foot as in ``photo_box``;
    None when its shoulders say nothing (then the ID-photo frame is the caller's fallback).  On a
    phone photo of an ID card the frame ran 60 pt below the photo, over the card's fields."""
    white = _white_background_photo(grown, face)
    return None if white is None else _with(_with_tilt(_padded(grown.rect), grown), white)


def _padded(r: _Rect | _Box) -> _Box:
    """``r`` grown by 3 % of its longer side on every side."""
    pad = 0.03 * max(r[2] - r[0], r[3] - r[1])
    return (r[0] - pad, r[1] - pad, r[2] + pad, r[3] + pad)


def _with(rect: _Box, white: _Box) -> _Box:
    w = _padded(white)
    return (min(rect[0], w[0]), min(rect[1], w[1]), max(rect[2], w[2]), max(rect[3], w[3]))


def _white_background_photo(grown: GrownPhoto, face: _Rect) -> _Box | None:
    """An ID photo on a white background, from its bottom edge: the shoulders' run gives its width
    (at least 1.25 face widths, or they are a collar, not shoulders), an ID photo's proportions its
    height, and it holds the face with room above the hair."""
    if grown.shoulders is None:
        return None
    fw, fh = _size(face)
    s0, s1 = grown.shoulders
    width = s1 - s0
    if width < 1.25 * fw:
        return None
    bottom = grown.rect[3]
    top = min(bottom - ID_PHOTO_ASPECT * width, grown.rect[1], face[1] - 0.3 * fh)
    return (float(min(s0, face[0])), float(top), float(max(s1, face[2])), float(bottom))


def paper_between(rgb: np.ndarray, gray: np.ndarray, a: _Rect, b: _Rect) -> bool:
    """Two faces lie in photos of their own: a row (or a column) of paper runs across the gap between
    their boxes.  In a group photo the space between faces is the picture (bodies, a backdrop), never
    the page; two thumbnails stacked beside their bios have the page between them."""
    fw = max(_size(a)[0], _size(b)[0])
    if a[3] <= b[1] or b[3] <= a[1]:                  # one above the other
        top, bottom = (a, b) if a[3] <= b[1] else (b, a)
        u0, u1 = min(a[0], b[0]), max(a[2], b[2])
        gap = (u0, top[3], u1, bottom[1])
        axis = 1                                      # rows across the gap
    elif a[2] <= b[0] or b[2] <= a[0]:                # side by side
        left, right = (a, b) if a[2] <= b[0] else (b, a)
        v0, v1 = min(a[1], b[1]), max(a[3], b[3])
        gap = (left[2], v0, right[0], v1)
        axis = 0                                      # columns across the gap
    else:
        return False
    h, w = gray.shape
    lim = (max(0, gap[0] - fw), max(0, gap[1] - fw), min(w, gap[2] + fw), min(h, gap[3] + fw))
    ink = _non_paper(rgb, gray, lim, fw)[gap[1]:gap[3], gap[0]:gap[2]]
    if ink.size == 0:
        return False
    across = ink.mean(axis=axis)
    return bool((across <= 0.05).any())


def _non_paper(rgb: np.ndarray, gray: np.ndarray, lim: _Rect, face_w: int) -> np.ndarray:
    """Pixels that are not paper, judged against the paper *around them*: a phone
    photo is darker towards its edges and its paper is tinted by the light, so
    one page-wide paper level would take dim paper for photo background.  The
    local level is a median over a window a few photos wide (paper is the
    majority there), computed on a reduced image."""
    h, w = gray.shape
    ink = np.zeros((h, w), bool)
    u0, v0, u1, v1 = lim
    g = gray[v0:v1, u0:u1]
    if g.size == 0:
        return ink
    sat = cv2.cvtColor(np.ascontiguousarray(rgb[v0:v1, u0:u1]), cv2.COLOR_RGB2HSV)[:, :, 1]
    red = 8
    sw, sh = max(1, g.shape[1] // red), max(1, g.shape[0] // red)
    k = max(3, min(255, int(3 * face_w / red))) | 1

    def local(channel: np.ndarray) -> np.ndarray:
        small = cv2.resize(channel, (sw, sh), interpolation=cv2.INTER_AREA)
        med = cv2.medianBlur(small, k) if min(sw, sh) > 1 else small
        return cv2.resize(med, (g.shape[1], g.shape[0]), interpolation=cv2.INTER_LINEAR)

    paper_v, paper_s = local(g), local(sat)
    ink[v0:v1, u0:u1] = (g.astype(np.int16) < paper_v.astype(np.int16) - 30) | \
                        (sat.astype(np.int16) > np.maximum(45, paper_s.astype(np.int16) + 20))
    return ink


FRAME_MAX_FACES = (3.5, 5.0)    # a photo's printed frame (or its form cell) is at most this many face widths/heights
FRAME_LEAN = 0.03               # how far a frame's line may lean from upright or level, per unit of its length (a
#                                 phone photo's perspective: up to 1.7 degrees); lines are thickened and searched so far
FRAME_RIDGE_DARKER = 10         # grey levels a faint frame line is darker than the paper or photo on both its sides
FRAME_RIDGE_SMOOTH = 1 / 6      # ... measured after a blur this many face heights long along the line
FRAME_SPAN = 0.7                # each side's line runs at least this share of the rectangle's side
FRAME_STRIP_INK = 0.2           # share of each row between where growth stopped and a frame's line that is photo, for
#                                 the photo to run on to that line (``frame_reached``)
FRAME_STRIP_MIN = 0.2           # ... and some side's strip is at least this many face widths (heights) long: a few
#                                 pixels of a photo's faded edge past the growth say nothing of a cell's rule beyond
FRAME_GROUND_DARKER = 15        # grey levels a line across that strip is darker than the paper outside the frame, for
#                                 a grey photo's pale ground to count as photo
FRAME_GROUND_SAME = 12          # ... and within this many levels of the photo's own edge where growth stopped
FRAME_LINES_A_SIDE = 4          # lines tried on each side of the face, nearest first, for the frame's sides
FRAME_ID_ASPECT = (1.3, 1.55)   # height / width a frame round a white-ground photo has when it is the photo's own
#                                 edge (ID photos: 25 x 35, 33 x 48, 35 x 49 mm; a phone photo's perspective a little
#                                 either way; a 送审表's cell round its white-ground photo: 1.26) ...
FRAME_ID_FACE = (0.5, 0.75)     # ... and the share of its width the face takes (an ID photo's head fills about 0.6
#                                 of it; a form cell round a smaller photo leaves the face a smaller share)
FRAME_ID_GAP = 0.1             # face widths growth must stop short of the frame at its top and both sides for the
#                                 photo's ground to be white (the head and shoulders stand free of its edges; a photo
#                                 whose ground growth followed to the frame there has that frame's edges, a cell's below)
FRAME_ID_PAD = 0.015            # share of its longer side the photo's own frame is grown by on every side: its line
#                                 and a phone photo's blur across it (half a found photo's ``_padded`` 3 %: a frame is
#                                 drawn at the photo's edge, growth stops inside it)
FRAME_PAST = 0.08               # face widths (heights) growth may run past the nearest lines' side -- a line's
#                                 thickness and a scan's blur -- before those lines are known to lie inside the photo


def framed_photo(gray: np.ndarray, face: _Rect, holds: _Rect | None = None) -> _Rect | None:
    """The printed frame around the face: long dark lines on its four sides meeting as a rectangle no larger
    than ``FRAME_MAX_FACES`` faces (a certificate prints its holder's photo in a thin frame; a form's photo cell
    is one too).  Lines, not outlines: the photo's own dark clothes touch the frame, and a stamp's ring crosses
    its corner, but each side stays a long straight run.

    Without ``holds`` the frame is the nearest line on each side, or nothing: it is what bounds the photo when
    its background is as pale as the paper (``photo_like`` fails) and growth from the face ran on into the stamp
    (a phone photo of a 资格证书: a guess of ID proportions covered the issuer's seal over the photo's corner).
    With ``holds`` -- the photo that growth found, stopped inside the photo by pale shoulders or a stamp over
    its corner -- the frame is the smallest rectangle of lines round it, up to ``FRAME_LINES_A_SIDE`` lines out
    on each side (the photo's own edges, hair or a coat against a pale ground, make lines nearer than the
    frame's), faint lines found as ridges and leaning lines followed (``FRAME_LEAN``): the photo's extent
    bounds the search, so a line inside it cannot be taken for its frame."""
    h, w = gray.shape
    fu0, fv0, fu1, fv1 = face
    fw, fh = fu1 - fu0, fv1 - fv0
    if fw <= 0 or fh <= 0:
        return None
    mu, mv = int(FRAME_MAX_FACES[0] * fw), int(FRAME_MAX_FACES[1] * fh)
    u0, v0 = max(0, fu0 - mu), max(0, fv0 - mv)
    u1, v1 = min(w, fu1 + mu), min(h, fv1 + mv)
    crop = gray[v0:v1, u0:u1]
    if crop.size == 0:
        return None
    search = holds is not None
    lean = FRAME_LEAN if search else 0.0
    # dark lines against their surroundings (a phone photo's light varies across the page)
    dark = cv2.adaptiveThreshold(crop, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV,
                                 max(3, (fw // 2) | 1), 12)
    # a phone photo's lines lean a little: thickened across before the long runs are kept
    t = max(3, fw // 30, 2 * int(lean * fh) + 1) | 1
    dark_v = dark_h = dark
    if search:     # a faint thin line beside dark hair is no darker than the mean round it, but is a ridge
        dark_v = dark | _ridges(crop, 1, max(3, int(FRAME_RIDGE_SMOOTH * fh)), max(2, t // 2))
        dark_h = dark | _ridges(crop, 0, max(3, int(FRAME_RIDGE_SMOOTH * fh)), max(2, t // 2))
    along = t if search else 1       # searching, a line's short breaks (where dark clothes end beside it) are bridged
    vert = cv2.morphologyEx(cv2.dilate(dark_v, np.ones((along, t), np.uint8)), cv2.MORPH_OPEN,
                            cv2.getStructuringElement(cv2.MORPH_RECT, (1, max(3, fh))))
    horiz = cv2.morphologyEx(cv2.dilate(dark_h, np.ones((t, along), np.uint8)), cv2.MORPH_OPEN,
                             cv2.getStructuringElement(cv2.MORPH_RECT, (max(3, fw), 1)))
    a0, b0, a1, b1 = fu0 - u0, fv0 - v0, fu1 - u0, fv1 - v0          # the face in the crop
    cols = vert[b0:b1].any(axis=0)                 # columns holding a vertical line beside the face's rows
    rows = horiz[:, a0:a1].any(axis=1)             # rows holding a horizontal line across the face's columns
    n = FRAME_LINES_A_SIDE if search else 1
    lefts = _lines_out(cols, a0 - 1, -1, 2 * t if search else 0, n)
    rights = _lines_out(cols, a1, cols.size, 2 * t if search else 0, n)
    tops = _lines_out(rows, b0 - 1, -1, 2 * t if search else 0, n)
    bottoms = _lines_out(rows, b1, rows.size, 2 * t if search else 0, n)
    if holds is not None:     # the frame lies round all of the photo found
        lefts = [x for x in lefts if x <= holds[0] - u0]
        rights = [x for x in rights if x >= holds[2] - u0 - 1]
        tops = [y for y in tops if y <= holds[1] - v0]
        bottoms = [y for y in bottoms if y >= holds[3] - v0 - 1]

    def run(lines: np.ndarray, axis: int) -> float:
        return float(lines.any(axis=axis).mean()) if lines.size else 0.0

    def closes(left: int, right: int, top: int, bottom: int) -> bool:
        """Each side's line runs most of the way along its side of the rectangle (searched in a band as wide as
        the thickening and the lean over the side's length)."""
        lv, lh = int(lean * (bottom - top)), int(lean * (right - left))
        return run(vert[top:bottom, max(0, left - t - lv):left + 1 + lv], 1) >= FRAME_SPAN \
            and run(vert[top:bottom, max(0, right - lv):right + t + 1 + lv], 1) >= FRAME_SPAN \
            and run(horiz[max(0, top - t - lh):top + 1 + lh, left:right], 0) >= FRAME_SPAN \
            and run(horiz[max(0, bottom - lh):bottom + t + 1 + lh, left:right], 0) >= FRAME_SPAN

    sides = sorted(((r - le) * (b - tp), le, r, tp, b) for le in lefts for r in rights for tp in tops for b in bottoms
                   if r - le <= FRAME_MAX_FACES[0] * fw and b - tp <= FRAME_MAX_FACES[1] * fh)
    for _, left, right, top, bottom in sides:      # the smallest rectangle whose four lines meet
        if closes(left, right, top, bottom):
            return (u0 + left, v0 + top, u0 + right + 1, v0 + bottom + 1)
    return None


GROUND_CORNER = 0.15            # face widths: the side of the square inside each top corner of the grown rectangle ...
GROUND_CORNER_INK = 0.8         # ... that is this share photo for the photo's ground to fill its corners


def ground_in_top_corners(rgb: np.ndarray, gray: np.ndarray, grown: _Rect, face: _Rect) -> bool:
    """The photo's own ground fills both top corners of the rectangle grown from the face (``GROUND_CORNER``
    squares, ``GROUND_CORNER_INK`` of each not paper): a coloured or grey ground, which growth followed to the
    photo's edges.  A white ground leaves those corners paper beside the head's dome, whatever the shoulders
    below do -- only there can a frame past the growth be the photo's own printed edge (``id_photo_frame``)."""
    fw = face[2] - face[0]
    u0, v0, u1, v1 = grown
    s = max(2, int(GROUND_CORNER * fw))
    inset = max(1, fw // 40)         # growth's own step: the rim it last added may be part paper
    if u1 - u0 < 2 * (s + inset) or v1 - v0 < s + inset:
        return False
    ink = _non_paper(rgb, gray, (max(0, u0 - fw), max(0, v0 - fw), min(gray.shape[1], u1 + fw),
                                 min(gray.shape[0], v1 + fw)), fw)
    top = slice(v0 + inset, v0 + inset + s)
    return all(float(ink[top, cols].mean()) >= GROUND_CORNER_INK
               for cols in (slice(u0 + inset, u0 + inset + s), slice(u1 - inset - s, u1 - inset)))


def id_photo_frame(frame: _Rect, face: _Rect, grown: _Rect) -> _Box | None:
    """The photo's box when ``frame`` has an ID photo's proportions round ``face`` (``FRAME_ID_ASPECT``,
    ``FRAME_ID_FACE``) and growth stopped short of it at its top and both sides (``FRAME_ID_GAP``: a white ground
    round the head and shoulders): where nothing between growth and the frame tells that ground from paper
    (``frame_reached`` finds no side), such a frame is the photo's own printed edge, not a cell round it.  A photo
    whose growth ran to the frame's sides is a coloured ground's, bounded where growth stopped.  Padded
    by ``FRAME_ID_PAD``: the line itself, and a phone photo's blur across it, go too.  None for any other frame."""
    w, h = frame[2] - frame[0], frame[3] - frame[1]
    fw = face[2] - face[0]
    if w <= 0 or not (FRAME_ID_ASPECT[0] <= h / w <= FRAME_ID_ASPECT[1]
                      and FRAME_ID_FACE[0] <= fw / w <= FRAME_ID_FACE[1]):
        return None
    if min(grown[0] - frame[0], grown[1] - frame[1], frame[2] - grown[2]) < FRAME_ID_GAP * fw:
        return None
    pad = FRAME_ID_PAD * max(w, h)
    return (frame[0] - pad, frame[1] - pad, frame[2] + pad, frame[3] + pad)


def growth_past(grown: _Rect, frame: _Rect, face: _Rect) -> bool:
    """Growth from the face ran past ``frame`` on some side by more than ``FRAME_PAST`` of a face: photo pixels
    lie outside it, so those lines are inside the photo (its clothes' edge, its ground's tint), not its frame."""
    fw, fh = face[2] - face[0], face[3] - face[1]
    return (frame[0] - grown[0] > FRAME_PAST * fw or grown[2] - frame[2] > FRAME_PAST * fw
            or frame[1] - grown[1] > FRAME_PAST * fh or grown[3] - frame[3] > FRAME_PAST * fh)


def frame_reached(rgb: np.ndarray, gray: np.ndarray, grown: _Rect, frame: _Rect, face: _Rect
                  ) -> tuple[bool, bool, bool, bool]:
    """On which sides (left, right, top, bottom) the photo runs on from where growth stopped to ``frame``'s line:
    every line across the strip between them (a row of the strip below, a column of the one beside) holds photo
    -- ``FRAME_STRIP_INK`` of it not paper, or its median ``FRAME_GROUND_DARKER`` darker than the paper just
    outside the frame and within ``FRAME_GROUND_SAME`` of the photo's edge where growth stopped (a grey photo's
    pale ground, which growth takes for paper; not an ID card's tint round its photo) -- once some side's strip of
    photo is ``FRAME_STRIP_MIN`` of a face long (a few pixels of a photo's faded edge past the growth say
    nothing of a cell's rule beyond them).  Only there is the line the photo's edge: a form cell round a photo
    leaves bare paper between them on its other sides (a sideways 送审表 whose photo fills its cell's width
    alone), a white-background photo's cell on every side, the next stacked thumbnail's frame past a gap too."""
    fw, fh = face[2] - face[0], face[3] - face[1]
    t = max(3, fw // 30)
    h, w = gray.shape
    u0, v0, u1, v1 = frame
    gu0, gv0, gu1, gv1 = grown
    # the line itself is no photo: each strip stops short of it by its thickness and its lean over its length
    lv, lh = t + int(FRAME_LEAN * (v1 - v0)), t + int(FRAME_LEAN * (u1 - u0))
    ink = _non_paper(rgb, gray, (max(0, u0), max(0, v0), u1, v1), fw)
    g = gray.astype(np.int16)
    # (the strip's columns or rows, the paper band outside the frame, the growth's edge band; the axis along the lines)
    sides = (
        ((slice(gv0, gv1), slice(u0 + lv, gu0)), (slice(gv0, gv1), slice(max(0, u0 - lv - t), max(0, u0 - lv))),
         (slice(gv0, gv1), slice(gu0, gu0 + t)), 0),
        ((slice(gv0, gv1), slice(gu1, u1 - lv)), (slice(gv0, gv1), slice(min(w, u1 + lv), min(w, u1 + lv + t))),
         (slice(gv0, gv1), slice(gu1 - t, gu1)), 0),
        ((slice(v0 + lh, gv0), slice(gu0, gu1)), (slice(max(0, v0 - lh - t), max(0, v0 - lh)), slice(gu0, gu1)),
         (slice(gv0, gv0 + t), slice(gu0, gu1)), 1),
        ((slice(gv1, v1 - lh), slice(gu0, gu1)), (slice(min(h, v1 + lh), min(h, v1 + lh + t)), slice(gu0, gu1)),
         (slice(gv1 - t, gv1), slice(gu0, gu1)), 1))
    photo, long = [], []
    for (strip, outside, edge, axis), least in zip(sides, (fw, fw, fh, fh)):
        share, grey, paper = ink[strip].mean(axis=axis), g[strip], g[outside]
        # a pale ground as the photo's own where growth stopped (not a card's or a cell's tint round the photo)
        ground = np.median(grey, axis=axis) if grey.size else np.zeros(share.shape)
        darker = ((ground <= float(np.median(paper)) - FRAME_GROUND_DARKER)
                  & (np.abs(ground - float(np.median(g[edge]))) <= FRAME_GROUND_SAME)) \
            if paper.size and g[edge].size else np.zeros(share.shape, bool)
        photo.append(share.size > 0 and bool(((share >= FRAME_STRIP_INK) | darker).all()))
        long.append(share.size >= max(t, FRAME_STRIP_MIN * least))
    # the frame is the photo's where the photo reaches it over a long strip; then its other sides too, however
    # short the photo's strip to them
    own = any(p and n for p, n in zip(photo, long))
    left, right, top, bottom = (own and p for p in photo)
    return left, right, top, bottom


def to_frame(rect: _Box, frame: _Rect, sides: tuple[bool, bool, bool, bool]) -> _Box:
    """``rect`` with each side in ``sides`` (left, right, top, bottom) moved out to ``frame``'s."""
    left, right, top, bottom = sides
    return (min(rect[0], frame[0]) if left else rect[0], min(rect[1], frame[1]) if top else rect[1],
            max(rect[2], frame[2]) if right else rect[2], max(rect[3], frame[3]) if bottom else rect[3])


def _ridges(gray: np.ndarray, axis: int, length: int, half: int) -> np.ndarray:
    """Thin dark lines across ``axis`` (1: upright lines), as 255: pixels darker by ``FRAME_RIDGE_DARKER`` than those
    ``half`` pixels to either side of them, after a blur ``length`` pixels long along the line."""
    smooth = cv2.blur(gray, (1, length) if axis == 1 else (length, 1)).astype(np.int16)
    sides = np.minimum(np.roll(smooth, half, axis=axis), np.roll(smooth, -half, axis=axis))
    return np.where(smooth + FRAME_RIDGE_DARKER < sides, 255, 0).astype(np.uint8)


def _lines_out(lines: np.ndarray, start: int, stop: int, thick: int, most: int) -> list[int]:
    """The lines met going from ``start`` towards ``stop`` (exclusive), for at most ``most`` runs of True in
    ``lines``: a run shorter than ``thick`` is a line, where it begins; a longer one is dark ground (clothes,
    hair) whose far end can be the frame it touches (``thick`` 0: every run is a line)."""
    out: list[int] = []
    step = 1 if stop > start else -1
    first = None
    for i in [*range(start, stop, step), None]:
        on = i is not None and bool(lines[i])
        if on and first is None:
            first = i
        elif not on and first is not None:
            last = (stop if i is None else i) - step
            out.append(first if abs(last - first) < thick or thick == 0 else last)
            first, most = None, most - 1
            if most == 0:
                break
    return out


PRINT_OUTSIDE = 0.5     # share of a print line's box outside a photo's box for the line to be print beside it
PRINT_ACROSS = 0.25     # share of the photo's width a line must run along to cross its foot or head (a bio line
#                         beside a portrait, grazing its corner, does not)


def printed_lines(page, min_score: float) -> list[BBox]:  # noqa: ANN001 - a Page
    """The boxes of a page's OCR lines read surely (``min_score``), each the union of its characters' boxes:
    print, which no photo's box covers."""
    out = []
    for ln in page.ocr_lines:
        if ln.score < min_score:
            continue
        bs = [c.bbox for c in page.chars[ln.start:ln.end] if c.bbox is not None and c.c.strip()]
        if len(bs) >= 2:
            out.append(BBox.enclosing(bs))
    return out


def clear_of_print(box: BBox, face: BBox, lines: list[BBox]) -> BBox:
    """``box`` with each edge drawn back to the print it runs into: a line of print mostly outside the box
    (``PRINT_OUTSIDE``) that it crosses at its foot, head or sides is the next cell's text, not the photo --
    never past the face.  (A scanned 干部任免审批表's photo grown a few points past its cell's rule covered the
    top of 南京农业大学 in the row under it, realdocs2 R19.)  A line at the box's corner could draw back either
    of two edges; the one that gives up the least of the photo moves (a phone photo of an ID card: the number's
    line, grazing the portrait's foot, drew its left edge 21 pt in and left a fifth of the portrait)."""
    x0, y0, x1, y1 = box.as_tuple()
    for ln in lines:
        inside = ln.intersection_area(BBox(x0, y0, x1, y1))
        if inside <= 0 or inside > (1 - PRINT_OUTSIDE) * ln.area or ln.intersection_area(face) > 0 \
                or ln.height > ln.width:
            continue             # not print crossing the box; a sideways scan's lines are left as they are
        # a line across the foot or head, or one at a corner (it runs on past a side): either edge may be drawn back
        across = min(ln.x1, x1) - max(ln.x0, x0) >= PRINT_ACROSS * (x1 - x0) or ln.x0 < x0 or ln.x1 > x1
        moves = []               # (photo given up, edge, where it goes)
        if across and ln.y0 < y1 < ln.y1 and ln.y0 >= face.y1:          # across the foot
            moves.append(((y1 - ln.y0) * (x1 - x0), 3, ln.y0))
        if across and ln.y0 < y0 < ln.y1 and ln.y1 <= face.y0:          # across the head
            moves.append(((ln.y1 - y0) * (x1 - x0), 1, ln.y1))
        if ln.x0 < x1 < ln.x1 and ln.x0 >= face.x1:                      # into the right side
            moves.append(((x1 - ln.x0) * (y1 - y0), 2, ln.x0))
        if ln.x0 < x0 < ln.x1 and ln.x1 <= face.x0:                      # into the left side
            moves.append(((ln.x1 - x0) * (y1 - y0), 0, ln.x1))
        if moves:                # at a corner, the edge whose move gives up the least of the photo
            _, edge, to = min(moves)
            x0, y0, x1, y1 = (to if i == edge else v for i, v in enumerate((x0, y0, x1, y1)))
    return BBox(x0, y0, x1, y1)
