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

from .photo_edge_params import PhotoEdgeParams

_Rect = tuple[int, int, int, int]
_Box = tuple[float, float, float, float]

DEFAULTS = PhotoEdgeParams()     # the numbers, where a caller passes none (``photo_edge_params``: units and meanings)


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


def grow_photo_rect(rgb: np.ndarray, gray: np.ndarray, face: _Rect, p: PhotoEdgeParams = DEFAULTS) -> GrownPhoto:
    """Grow the face box while the strip added is mostly non-paper (photo background: ``p.grow_min_photo``).

    Stops at paper; a thin table rule is crossed only if photo continues
    behind it.  Growth is limited to ``p.grow_side_faces`` face widths sideways (2.5), ``p.grow_up_faces``
    face heights up (1.6) and ``p.grow_down_faces`` down (4).
    """
    h, w = gray.shape
    fw, fh = _size(face)
    u0, v0, u1, v1 = face
    lim = lu0, lv0, lu1, lv1 = (max(0, int(u0 - p.grow_side_faces * fw)), max(0, int(v0 - p.grow_up_faces * fh)),
                                min(w, int(u1 + p.grow_side_faces * fw)), min(h, int(v1 + p.grow_down_faces * fh)))
    ink = _non_paper(rgb, gray, lim, fw, p)
    step = max(1, fw // p.grow_step_div)
    thr = p.grow_min_photo
    changed = True
    while changed:
        changed = False
        if u0 - step >= lu0 and ink[v0:v1, u0 - step:u0].mean() >= thr:
            u0 -= step
            changed = True
        if u1 + step <= lu1 and ink[v0:v1, u1:u1 + step].mean() >= thr:
            u1 += step
            changed = True
        if v0 - step >= lv0 and ink[v0 - step:v0, u0:u1].mean() >= thr:
            v0 -= step
            changed = True
        if v1 + step <= lv1 and ink[v1:v1 + step, u0:u1].mean() >= thr:
            v1 += step
            changed = True
    g = (u0, v0, u1, v1)
    return GrownPhoto(g, _shoulders(ink, g, face, lim, p), _tilted_extent(ink, g, face, lim, p),
                      _crown(ink, g, face, lim, p), _chin(ink, g, face, lim, p))


def _crown(ink: np.ndarray, grown: _Rect, face: _Rect, lim: _Rect, p: PhotoEdgeParams) -> int | None:
    """The top of the head where growth stopped inside it: on a white ground a row is photo only across the
    hair, and the hair narrows to a dome, so whole-row growth stops below its top (on a two-up scan, a dozen
    pixels of hair left above the box, the rest of the photo as white as the paper).  The dome goes on
    upward, over the face's columns, while a row is still ``p.crown_ink`` photo; the first row of paper ends it
    (a line printed above a photo stands a row of paper apart).  None when the row above the growth is paper."""
    gu0, v0, gu1, _ = grown
    fu0, _, fu1, _ = face
    u0, u1 = max(gu0, fu0), min(gu1, fu1)
    if u1 - u0 < p.head_min_px:
        return None
    v = v0
    while v - 1 >= lim[1] and ink[v - 1, u0:u1].mean() >= p.crown_ink:
        v -= 1
    return v if v < v0 else None


def _chin(ink: np.ndarray, grown: _Rect, face: _Rect, lim: _Rect, p: PhotoEdgeParams) -> int | None:
    """The photo's foot where whole-row growth stopped at the chin: on a ground as pale as the paper a row below
    the face is photo only across the neck and the collar, so growth never got below the face (a two-up scan's
    small 干部任免审批表 photo: the chin, mouth and shoulders left uncovered under the box).  The neck and
    clothes go on downward, over the face's columns, while a row is still ``p.crown_ink`` photo, at most
    ``p.chin_reach`` face heights; the first row of paper ends it.  None where growth got ``p.chin_room`` face
    heights below the face (it found the foot) or the row below it is paper."""
    gu0, _, gu1, foot = grown
    fu0, fv0, fu1, fv1 = face
    fh = fv1 - fv0
    if fh <= 0 or foot - fv1 >= p.chin_room * fh:
        return None
    u0, u1 = max(gu0, fu0), min(gu1, fu1)
    if u1 - u0 < p.head_min_px:
        return None
    v, stop = foot, min(lim[3], int(fv1 + p.chin_reach * fh))
    while v < stop and ink[v, u0:u1].mean() >= p.crown_ink:
        v += 1
    return v if v > foot else None


def _tilted_extent(ink: np.ndarray, grown: _Rect, face: _Rect, lim: _Rect, p: PhotoEdgeParams) -> _Rect | None:
    """The upright box round a photo that lies turned on the page: growth adds whole rows and columns while
    most of each is photo, so it stops half-way across the wedge a turned edge makes, and the photo's corners
    stay outside its rectangle (a phone photo of a certificate: 0.79 of the photo covered).  The photo's mass --
    the non-paper pixels joined to the grown rectangle once an opening has parted thin print and rules from
    it -- gives the whole extent, when it is a solid, turned rectangle of a portrait's proportions close round
    the growth; else None (an upright photo: growth found its edges)."""
    fw = _size(face)[0]
    u0, v0, u1, v1 = grown
    lu0, lv0, lu1, lv1 = lim
    least = p.tilt_min_px
    if fw < least or u1 - u0 < least or v1 - v0 < least:
        return None
    sub = np.ascontiguousarray(ink[lv0:lv1, lu0:lu1]).astype(np.uint8)
    k = max(p.tilt_open_min_px, fw // p.tilt_open_div) | 1
    solid = cv2.morphologyEx(sub, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k, k)))
    n, labels, stats, _ = cv2.connectedComponentsWithStats(solid, connectivity=8)
    inside = labels[v0 - lv0:v1 - lv0, u0 - lu0:u1 - lu0]
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
    lo, hi = p.tilt_aspect
    if not (p.tilt_min_deg <= tilt <= p.tilt_max_deg) or hull <= 0 or area / hull < p.tilt_solid:
        return None
    if not (lo <= max(rw, rh) / max(1.0, min(rw, rh)) <= hi):
        return None
    x, y, w, h = (int(stats[i, c]) for c in (cv2.CC_STAT_LEFT, cv2.CC_STAT_TOP, cv2.CC_STAT_WIDTH, cv2.CC_STAT_HEIGHT))
    r = int(np.ceil(p.tilt_corner_cut * (k // 2)))    # the opening rounds a corner off by (sqrt 2 - 1) of its radius
    b0, b1, b2, b3 = box = (x + lu0 - r, y + lv0 - r, x + w + lu0 + r, y + h + lv0 + r)
    rx, ry = p.tilt_reach * (u1 - u0), p.tilt_reach * (v1 - v0)
    if b0 < u0 - rx or b1 < v0 - ry or b2 > u1 + rx or b3 > v1 + ry:
        return None
    return box


def _shoulders(ink: np.ndarray, grown: _Rect, face: _Rect, lim: _Rect, p: PhotoEdgeParams
               ) -> tuple[int, int] | None:
    """The columns of photo along the grown rectangle's bottom rows, where they end at paper below.

    The band is the last tenth of a face height (``p.shoulders_band_div``) above where growth stopped; a column
    counts while half of it is photo (``p.shoulders_column_photo``).  ``None`` unless growth went at least a fifth
    of a face height (``p.shoulders_drop_div``) below the face (past the chin: a photo cropped close under it ends
    there) and the row under the band is paper across the run (``p.shoulders_under_paper``: the photo's bottom
    edge, not a pale shirt inside it); a collar's narrow run is refused by ``_white_background_photo``."""
    _, fh = _size(face)
    u0, _, u1, v1 = grown
    lu0, _, lu1, _ = lim
    if v1 - face[3] < fh / p.shoulders_drop_div:
        return None
    band = max(2, fh // p.shoulders_band_div)
    cols = ink[v1 - band:v1, lu0:lu1].mean(axis=0)
    a, b = u0 - lu0, u1 - lu0
    while a > 0 and cols[a - 1] >= p.shoulders_column_photo:
        a -= 1
    while b < cols.size and cols[b] >= p.shoulders_column_photo:
        b += 1
    s0, s1 = a + lu0, b + lu0
    below = ink[v1:min(ink.shape[0], v1 + band), s0:s1]
    if below.size == 0 or below.mean() >= p.shoulders_under_paper:
        return None
    return (s0, s1)


def photo_like(grown: GrownPhoto, face: _Rect, p: PhotoEdgeParams = DEFAULTS) -> bool:
    """A grown rectangle that frames a portrait: larger than the face, clearly so in height
    (Haar's box is half to three quarters of an ID photo's width, up to 0.85 in a tightly
    cropped one: photos grown to their very edges, missed a wider bar and
    got the ID-photo frame, 1.6 times their size, over the issuer's seal on their corner; a
    white-background photo whose growth stops at the face gets that frame anyway, by its
    headroom) and upright (``p.photo_min_width_faces``, ``p.photo_min_height_faces``, ``p.photo_aspect``)."""
    fw, fh = _size(face)
    gw, gh = grown.width, grown.height
    lo, hi = p.photo_aspect
    return gw >= p.photo_min_width_faces * fw and gh >= p.photo_min_height_faces * fh and lo <= gh / max(gw, 1) <= hi


def photo_box(grown: GrownPhoto, frame: _Box, face: _Rect, white_bg_headroom: float,
              p: PhotoEdgeParams = DEFAULTS) -> _Box:
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
    rect = _with_tilt(_padded(grown.rect, p), grown)
    fw, fh = _size(face)
    white = _white_background_photo(grown, face, p)
    # shoulders running on past where growth stopped at the sides: the background there is as light as paper,
    # and growth may have stopped inside the photo at the top as well (at a cap's white band)
    light_sides = white is not None and white[2] - white[0] >= grown.width + p.light_sides_faces * fw
    if face[1] - grown.rect[1] >= white_bg_headroom * fh and not light_sides:
        return rect
    if white is not None:
        return _with(rect, white, p)
    return _union(rect, frame)


def _with_tilt(rect: _Box, grown: GrownPhoto) -> _Box:
    """``rect`` grown over a turned photo's whole extent (``GrownPhoto.tilted``), where it has one, up over the
    head's dome (``GrownPhoto.crown``) and down to the photo's foot under the chin (``GrownPhoto.chin``) where
    they run past the padding ``_padded`` gave the rest."""
    u0, v0, u1, v1 = rect
    _, gv0, _, gv1 = grown.rect
    pad = gv0 - v0
    if grown.crown is not None and gv0 - grown.crown > pad:
        # a dome the padding does not already cover (a phone photo's blurred edge is a few pixels)
        v0 = min(v0, grown.crown - pad)
    if grown.chin is not None and grown.chin - gv1 > pad:
        v1 = max(v1, grown.chin + pad)      # the neck and clothes under the chin
    rect = (u0, v0, u1, v1)
    t = grown.tilted
    if t is None:
        return rect
    return _union(rect, t)


def white_background_box(grown: GrownPhoto, face: _Rect, p: PhotoEdgeParams = DEFAULTS) -> _Box | None:
    """The box of a white-background ID photo whose grown rectangle does not frame the face like a photo
    (growth stopped at the cheeks: narrower than 1.1 face widths), from its foot as in ``photo_box``;
    None when its shoulders say nothing (then the ID-photo frame is the caller's fallback).  On a
    phone photo of an ID card the frame ran 60 pt below the photo, over the card's fields."""
    white = _white_background_photo(grown, face, p)
    return None if white is None else _with(_with_tilt(_padded(grown.rect, p), grown), white, p)


def _padded(r: _Rect | _Box, p: PhotoEdgeParams) -> _Box:
    """``r`` grown by ``p.pad_share`` (3 %) of its longer side on every side."""
    u0, v0, u1, v1 = r
    pad = p.pad_share * max(u1 - u0, v1 - v0)
    return (u0 - pad, v0 - pad, u1 + pad, v1 + pad)


def _union(a: _Rect | _Box, b: _Rect | _Box) -> _Box:
    """The box round both ``a`` and ``b``."""
    au0, av0, au1, av1 = a
    bu0, bv0, bu1, bv1 = b
    return (min(au0, bu0), min(av0, bv0), max(au1, bu1), max(av1, bv1))


def _with(rect: _Box, white: _Box, p: PhotoEdgeParams) -> _Box:
    return _union(rect, _padded(white, p))


def _white_background_photo(grown: GrownPhoto, face: _Rect, p: PhotoEdgeParams) -> _Box | None:
    """An ID photo on a white background, from its bottom edge: the shoulders' run gives its width
    (at least ``p.shoulders_min_faces`` face widths, or they are a collar, not shoulders), an ID photo's
    proportions (``p.id_photo_aspect``) its height, and it holds the face with room above the hair
    (``p.white_headroom_faces``)."""
    if grown.shoulders is None:
        return None
    fw, fh = _size(face)
    fu0, fv0, fu1, _ = face
    s0, s1 = grown.shoulders
    width = s1 - s0
    if width < p.shoulders_min_faces * fw:
        return None
    _, top_grown, _, bottom = grown.rect
    top = min(bottom - p.id_photo_aspect * width, top_grown, fv0 - p.white_headroom_faces * fh)
    return (float(min(s0, fu0)), float(top), float(max(s1, fu1)), float(bottom))


def paper_between(rgb: np.ndarray, gray: np.ndarray, a: _Rect, b: _Rect, p: PhotoEdgeParams = DEFAULTS) -> bool:
    """Two faces lie in photos of their own: a row (or a column) of paper (``p.gap_paper_max_ink``) runs across
    the gap between their boxes.  In a group photo the space between faces is the picture (bodies, a backdrop), never
    the page; two thumbnails stacked beside their bios have the page between them."""
    fw = max(_size(a)[0], _size(b)[0])
    au0, av0, au1, av1 = a
    bu0, bv0, bu1, bv1 = b
    if av1 <= bv0 or bv1 <= av0:                      # one above the other
        top, bottom = (av1, bv0) if av1 <= bv0 else (bv1, av0)    # the upper box's foot, the lower one's top
        gu0, gv0, gu1, gv1 = min(au0, bu0), top, max(au1, bu1), bottom
        axis = 1                                      # rows across the gap
    elif au1 <= bu0 or bu1 <= au0:                    # side by side
        left, right = (au1, bu0) if au1 <= bu0 else (bu1, au0)    # the left box's right side, the right one's left
        gu0, gv0, gu1, gv1 = left, min(av0, bv0), right, max(av1, bv1)
        axis = 0                                      # columns across the gap
    else:
        return False
    h, w = gray.shape
    lim = (max(0, gu0 - fw), max(0, gv0 - fw), min(w, gu1 + fw), min(h, gv1 + fw))
    ink = _non_paper(rgb, gray, lim, fw, p)[gv0:gv1, gu0:gu1]
    if ink.size == 0:
        return False
    across = ink.mean(axis=axis)
    return bool((across <= p.gap_paper_max_ink).any())


def edge_rect(rgb: np.ndarray, gray: np.ndarray, face: _Rect, p: PhotoEdgeParams = DEFAULTS) -> _Rect | None:
    """The photo's rectangle from its own edges, where growth from the face found no photo (its face and hair as
    pale as the paper stopped it: realdocs D11, an anime portrait on a résumé scan, boxed by the face's proportions
    8 pt short of the photo's right edge).  The parts of the photo's ground (not paper) that reach near the face's box
    (``edge_reach``) span the photo; their bounding rectangle is the photo's when every edge of it is photo on its inner rim and
    paper just outside (a photo printed on paper), and it is no larger than a frame round a photo
    (``frame_max_faces``) and of a photo's proportions (``edge_aspect``).  None where no such rectangle is."""
    h, w = gray.shape
    fw, fh = _size(face)
    u0, v0, u1, v1 = face
    lim = (max(0, int(u0 - p.grow_side_faces * fw)), max(0, int(v0 - p.grow_up_faces * fh)),
           min(w, int(u1 + p.grow_side_faces * fw)), min(h, int(v1 + p.grow_down_faces * fh)))
    ink = _non_paper(rgb, gray, lim, fw, p)[lim[1]:lim[3], lim[0]:lim[2]]
    if ink.size == 0:
        return None
    n, labels = cv2.connectedComponents(ink.astype(np.uint8), connectivity=8)
    fa, fb, fc, fd = u0 - lim[0], v0 - lim[1], u1 - lim[0], v1 - lim[1]
    ru, rv = int(p.edge_reach * fw), int(p.edge_reach * fh)
    touching = np.unique(labels[max(0, fb - rv):max(0, fd + rv), max(0, fa - ru):max(0, fc + ru)])
    touching = touching[touching > 0]
    if touching.size == 0:
        return None
    vs, us = np.nonzero(np.isin(labels, touching))
    a0, b0, a1, b1 = int(us.min()), int(vs.min()), int(us.max()) + 1, int(vs.max()) + 1
    rw, rh = a1 - a0, b1 - b0
    most_w, most_h = p.frame_max_faces
    if not (a0 <= fa and b0 <= fb and a1 >= fc and b1 >= fd) or rw > most_w * fw or rh > most_h * fh:
        return None
    if not p.edge_aspect[0] <= rh / max(rw, 1) <= p.edge_aspect[1]:
        return None
    rim = max(1, int(round(p.edge_rim * min(rw, rh))))
    H, W = ink.shape
    inner = (ink[b0:b0 + rim, a0:a1], ink[b1 - rim:b1, a0:a1], ink[b0:b1, a0:a0 + rim], ink[b0:b1, a1 - rim:a1])
    outer = (ink[max(0, b0 - rim):b0, a0:a1], ink[b1:min(H, b1 + rim), a0:a1], ink[b0:b1, max(0, a0 - rim):a0],
             ink[b0:b1, a1:min(W, a1 + rim)])
    if any(side.size == 0 or side.mean() < p.edge_rim_photo for side in inner):
        return None
    if any(side.size == 0 or side.mean() > p.edge_outside_paper for side in outer):
        return None          # the growth limit or the page's edge cut it: no edge of its own was seen
    return a0 + lim[0], b0 + lim[1], a1 + lim[0], b1 + lim[1]


def _non_paper(rgb: np.ndarray, gray: np.ndarray, lim: _Rect, face_w: int, p: PhotoEdgeParams) -> np.ndarray:
    """Pixels that are not paper, judged against the paper *around them*: a phone
    photo is darker towards its edges and its paper is tinted by the light, so
    one page-wide paper level would take dim paper for photo background.  The
    local level is a median over a window a few photos wide (paper is the
    majority there), computed on a reduced image (``p.paper_*``)."""
    h, w = gray.shape
    ink = np.zeros((h, w), bool)
    u0, v0, u1, v1 = lim
    g = gray[v0:v1, u0:u1]
    if g.size == 0:
        return ink
    sat = cv2.cvtColor(np.ascontiguousarray(rgb[v0:v1, u0:u1]), cv2.COLOR_RGB2HSV)[:, :, 1]
    red = p.paper_reduce
    sw, sh = max(1, g.shape[1] // red), max(1, g.shape[0] // red)
    least, most = p.paper_window_px
    k = max(least, min(most, int(p.paper_window_faces * face_w / red))) | 1

    def local(channel: np.ndarray) -> np.ndarray:
        small = cv2.resize(channel, (sw, sh), interpolation=cv2.INTER_AREA)
        med = cv2.medianBlur(small, k) if min(sw, sh) > 1 else small
        return cv2.resize(med, (g.shape[1], g.shape[0]), interpolation=cv2.INTER_LINEAR)

    paper_v, paper_s = local(g), local(sat)
    ink[v0:v1, u0:u1] = (g.astype(np.int16) < paper_v.astype(np.int16) - p.paper_darker) | \
                        (sat.astype(np.int16) > np.maximum(p.paper_min_saturation,
                                                           paper_s.astype(np.int16) + p.paper_saturation_above))
    return ink


def framed_photo(gray: np.ndarray, face: _Rect, holds: _Rect | None = None,
                 p: PhotoEdgeParams = DEFAULTS) -> _Rect | None:
    """The printed frame around the face: long dark lines on its four sides meeting as a rectangle no larger
    than ``p.frame_max_faces`` faces (a certificate prints its holder's photo in a thin frame; a form's photo cell
    is one too).  Lines, not outlines: the photo's own dark clothes touch the frame, and a stamp's ring crosses
    its corner, but each side stays a long straight run.

    Without ``holds`` the frame is the nearest line on each side, or nothing: it is what bounds the photo when
    its background is as pale as the paper (``photo_like`` fails) and growth from the face ran on into the stamp
    (a phone photo of a 资格证书: a guess of ID proportions covered the issuer's seal over the photo's corner).
    With ``holds`` -- the photo that growth found, stopped inside the photo by pale shoulders or a stamp over
    its corner -- the frame is the smallest rectangle of lines round it, up to ``p.frame_lines_a_side`` lines out
    on each side (the photo's own edges, hair or a coat against a pale ground, make lines nearer than the
    frame's), faint lines found as ridges and leaning lines followed (``p.frame_lean``): the photo's extent
    bounds the search, so a line inside it cannot be taken for its frame."""
    h, w = gray.shape
    fu0, fv0, fu1, fv1 = face
    fw, fh = fu1 - fu0, fv1 - fv0
    if fw <= 0 or fh <= 0:
        return None
    most_w, most_h = p.frame_max_faces
    mu, mv = int(most_w * fw), int(most_h * fh)
    u0, v0 = max(0, fu0 - mu), max(0, fv0 - mv)
    u1, v1 = min(w, fu1 + mu), min(h, fv1 + mv)
    crop = gray[v0:v1, u0:u1]
    if crop.size == 0:
        return None
    search = holds is not None
    lean = p.frame_lean if search else 0.0
    least = p.frame_kernel_min_px
    # dark lines against their surroundings (a phone photo's light varies across the page)
    dark = cv2.adaptiveThreshold(crop, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV,
                                 max(least, (fw // p.frame_dark_div) | 1), p.frame_dark_offset)
    # a phone photo's lines lean a little: thickened across before the long runs are kept
    t = max(least, fw // p.frame_line_div, 2 * int(lean * fh) + 1) | 1
    dark_v = dark_h = dark
    if search:     # a faint thin line beside dark hair is no darker than the mean round it, but is a ridge
        smooth = max(least, int(p.frame_ridge_smooth * fh))
        dark_v = dark | _ridges(crop, 1, smooth, max(2, t // 2), p)
        dark_h = dark | _ridges(crop, 0, smooth, max(2, t // 2), p)
    along = t if search else 1       # searching, a line's short breaks (where dark clothes end beside it) are bridged
    vert = cv2.morphologyEx(cv2.dilate(dark_v, np.ones((along, t), np.uint8)), cv2.MORPH_OPEN,
                            cv2.getStructuringElement(cv2.MORPH_RECT, (1, max(least, fh))))
    horiz = cv2.morphologyEx(cv2.dilate(dark_h, np.ones((t, along), np.uint8)), cv2.MORPH_OPEN,
                             cv2.getStructuringElement(cv2.MORPH_RECT, (max(least, fw), 1)))
    a0, b0, a1, b1 = fu0 - u0, fv0 - v0, fu1 - u0, fv1 - v0          # the face in the crop
    cols = vert[b0:b1].any(axis=0)                 # columns holding a vertical line beside the face's rows
    rows = horiz[:, a0:a1].any(axis=1)             # rows holding a horizontal line across the face's columns
    n = p.frame_lines_a_side if search else 1
    lefts = _lines_out(cols, a0 - 1, -1, 2 * t if search else 0, n)
    rights = _lines_out(cols, a1, cols.size, 2 * t if search else 0, n)
    tops = _lines_out(rows, b0 - 1, -1, 2 * t if search else 0, n)
    bottoms = _lines_out(rows, b1, rows.size, 2 * t if search else 0, n)
    if holds is not None:     # the frame lies round all of the photo found
        hu0, hv0, hu1, hv1 = holds
        lefts = [x for x in lefts if x <= hu0 - u0]
        rights = [x for x in rights if x >= hu1 - u0 - 1]
        tops = [y for y in tops if y <= hv0 - v0]
        bottoms = [y for y in bottoms if y >= hv1 - v0 - 1]

    def run(lines: np.ndarray, axis: int) -> float:
        return float(lines.any(axis=axis).mean()) if lines.size else 0.0

    def closes(left: int, right: int, top: int, bottom: int) -> bool:
        """Each side's line runs most of the way along its side of the rectangle (searched in a band as wide as
        the thickening and the lean over the side's length)."""
        lv, lh = int(lean * (bottom - top)), int(lean * (right - left))
        span = p.frame_span
        return run(vert[top:bottom, max(0, left - t - lv):left + 1 + lv], 1) >= span \
            and run(vert[top:bottom, max(0, right - lv):right + t + 1 + lv], 1) >= span \
            and run(horiz[max(0, top - t - lh):top + 1 + lh, left:right], 0) >= span \
            and run(horiz[max(0, bottom - lh):bottom + t + 1 + lh, left:right], 0) >= span

    sides = sorted(((r - le) * (b - tp), le, r, tp, b) for le in lefts for r in rights for tp in tops for b in bottoms
                   if r - le <= most_w * fw and b - tp <= most_h * fh)
    for _, left, right, top, bottom in sides:      # the smallest rectangle whose four lines meet
        if closes(left, right, top, bottom):
            return (u0 + left, v0 + top, u0 + right + 1, v0 + bottom + 1)
    return None


def ground_in_top_corners(rgb: np.ndarray, gray: np.ndarray, grown: _Rect, face: _Rect,
                          p: PhotoEdgeParams = DEFAULTS) -> bool:
    """The photo's own ground fills both top corners of the rectangle grown from the face (``p.ground_corner``
    squares, ``p.ground_corner_ink`` of each not paper): a coloured or grey ground, which growth followed to the
    photo's edges.  A white ground leaves those corners paper beside the head's dome, whatever the shoulders
    below do -- only there can a frame past the growth be the photo's own printed edge (``id_photo_frame``)."""
    fw = _size(face)[0]
    u0, v0, u1, v1 = grown
    h, w = gray.shape
    s = max(2, int(p.ground_corner * fw))
    inset = max(1, fw // p.grow_step_div)         # growth's own step: the rim it last added may be part paper
    if u1 - u0 < 2 * (s + inset) or v1 - v0 < s + inset:
        return False
    ink = _non_paper(rgb, gray, (max(0, u0 - fw), max(0, v0 - fw), min(w, u1 + fw), min(h, v1 + fw)), fw, p)
    top = slice(v0 + inset, v0 + inset + s)
    return all(float(ink[top, cols].mean()) >= p.ground_corner_ink
               for cols in (slice(u0 + inset, u0 + inset + s), slice(u1 - inset - s, u1 - inset)))


def id_photo_frame(frame: _Rect, face: _Rect, grown: _Rect, p: PhotoEdgeParams = DEFAULTS) -> _Box | None:
    """The photo's box when ``frame`` has an ID photo's proportions round ``face`` (``p.frame_id_aspect``,
    ``p.frame_id_face``) and growth stopped short of it at its top and both sides (``p.frame_id_gap``: a white ground
    round the head and shoulders): where nothing between growth and the frame tells that ground from paper
    (``frame_reached`` finds no side), such a frame is the photo's own printed edge, not a cell round it.  A photo
    whose growth ran to the frame's sides is a coloured ground's, bounded where growth stopped.  Padded
    by ``p.frame_id_pad``: the line itself, and a phone photo's blur across it, go too.  None for any other frame."""
    u0, v0, u1, v1 = frame
    gu0, gv0, gu1, _ = grown
    w, h = u1 - u0, v1 - v0
    fw = _size(face)[0]
    (aspect_lo, aspect_hi), (face_lo, face_hi) = p.frame_id_aspect, p.frame_id_face
    if w <= 0 or not (aspect_lo <= h / w <= aspect_hi and face_lo <= fw / w <= face_hi):
        return None
    if min(gu0 - u0, gv0 - v0, u1 - gu1) < p.frame_id_gap * fw:
        return None
    pad = p.frame_id_pad * max(w, h)
    return (u0 - pad, v0 - pad, u1 + pad, v1 + pad)


def growth_past(grown: _Rect, frame: _Rect, face: _Rect, p: PhotoEdgeParams = DEFAULTS) -> bool:
    """Growth from the face ran past ``frame`` on some side by more than ``p.frame_past`` of a face: photo pixels
    lie outside it, so those lines are inside the photo (its clothes' edge, its ground's tint), not its frame."""
    fw, fh = _size(face)
    u0, v0, u1, v1 = frame
    gu0, gv0, gu1, gv1 = grown
    past = p.frame_past
    return (u0 - gu0 > past * fw or gu1 - u1 > past * fw
            or v0 - gv0 > past * fh or gv1 - v1 > past * fh)


def frame_reached(rgb: np.ndarray, gray: np.ndarray, grown: _Rect, frame: _Rect, face: _Rect,
                  p: PhotoEdgeParams = DEFAULTS) -> tuple[bool, bool, bool, bool]:
    """On which sides (left, right, top, bottom) the photo runs on from where growth stopped to ``frame``'s line:
    every line across the strip between them (a row of the strip below, a column of the one beside) holds photo
    -- ``p.frame_strip_ink`` of it not paper, or its median ``p.frame_ground_darker`` darker than the paper just
    outside the frame and within ``p.frame_ground_same`` of the photo's edge where growth stopped (a grey photo's
    pale ground, which growth takes for paper; not an ID card's tint round its photo) -- once some side's strip of
    photo is ``p.frame_strip_min`` of a face long (a few pixels of a photo's faded edge past the growth say
    nothing of a cell's rule beyond them).  Only there is the line the photo's edge: a form cell round a photo
    leaves bare paper between them on its other sides (a sideways 送审表 whose photo fills its cell's width
    alone), a white-background photo's cell on every side, the next stacked thumbnail's frame past a gap too."""
    fw, fh = _size(face)
    t = max(p.frame_kernel_min_px, fw // p.frame_line_div)
    h, w = gray.shape
    u0, v0, u1, v1 = frame
    gu0, gv0, gu1, gv1 = grown
    # the line itself is no photo: each strip stops short of it by its thickness and its lean over its length
    lv, lh = t + int(p.frame_lean * (v1 - v0)), t + int(p.frame_lean * (u1 - u0))
    ink = _non_paper(rgb, gray, (max(0, u0), max(0, v0), u1, v1), fw, p)
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
        darker = ((ground <= float(np.median(paper)) - p.frame_ground_darker)
                  & (np.abs(ground - float(np.median(g[edge]))) <= p.frame_ground_same)) \
            if paper.size and g[edge].size else np.zeros(share.shape, bool)
        photo.append(share.size > 0 and bool(((share >= p.frame_strip_ink) | darker).all()))
        long.append(share.size >= max(t, p.frame_strip_min * least))
    # the frame is the photo's where the photo reaches it over a long strip; then its other sides too, however
    # short the photo's strip to them
    own = any(ph and n for ph, n in zip(photo, long))
    left, right, top, bottom = (own and ph for ph in photo)
    return left, right, top, bottom


def to_frame(rect: _Box, frame: _Rect, sides: tuple[bool, bool, bool, bool]) -> _Box:
    """``rect`` with each side in ``sides`` (left, right, top, bottom) moved out to ``frame``'s."""
    left, right, top, bottom = sides
    u0, v0, u1, v1 = rect
    fu0, fv0, fu1, fv1 = frame
    return (min(u0, fu0) if left else u0, min(v0, fv0) if top else v0,
            max(u1, fu1) if right else u1, max(v1, fv1) if bottom else v1)


def _ridges(gray: np.ndarray, axis: int, length: int, half: int, p: PhotoEdgeParams) -> np.ndarray:
    """Thin dark lines across ``axis`` (1: upright lines), as 255: pixels darker by ``p.frame_ridge_darker`` than those
    ``half`` pixels to either side of them, after a blur ``length`` pixels long along the line."""
    smooth = cv2.blur(gray, (1, length) if axis == 1 else (length, 1)).astype(np.int16)
    sides = np.minimum(np.roll(smooth, half, axis=axis), np.roll(smooth, -half, axis=axis))
    return np.where(smooth + p.frame_ridge_darker < sides, 255, 0).astype(np.uint8)


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


def clear_of_print(box: BBox, face: BBox, lines: list[BBox], p: PhotoEdgeParams = DEFAULTS) -> BBox:
    """``box`` with each edge drawn back to the print it runs into: a line of print mostly outside the box
    (``p.print_outside``) that it crosses at its foot, head or sides is the next cell's text, not the photo --
    never past the face.  (A scanned 干部任免审批表's photo grown a few points past its cell's rule covered the
    top of 南京农业大学 in the row under it, realdocs2 R19.)  A line at the box's corner could draw back either
    of two edges; the one that gives up the least of the photo moves (a phone photo of an ID card: the number's
    line, grazing the portrait's foot, drew its left edge 21 pt in and left a fifth of the portrait)."""
    x0, y0, x1, y1 = box.as_tuple()
    for ln in lines:
        inside = ln.intersection_area(BBox(x0, y0, x1, y1))
        if inside <= 0 or inside > (1 - p.print_outside) * ln.area or ln.intersection_area(face) > 0 \
                or ln.height > ln.width:
            continue             # not print crossing the box; a sideways scan's lines are left as they are
        # a line across the foot or head, or one at a corner (it runs on past a side): either edge may be drawn back
        across = min(ln.x1, x1) - max(ln.x0, x0) >= p.print_across * (x1 - x0) or ln.x0 < x0 or ln.x1 > x1
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
