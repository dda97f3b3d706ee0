"""Does an ink group look handwritten?  Size, one pen's colour, sparse ink, pen-wide strokes.

Charts, figures, rule remnants, brush blobs and photos fail one test or another;
the numbers are in docs/regions.md.
"""

from __future__ import annotations


import cv2
import numpy as np

from .signature_ink import Ink, gap
from .signature_labels import Label
from .signature_params import SignatureParams


def quality(p: SignatureParams, ink: np.ndarray, g: Ink, lab: Label, ppt: float, rgb: np.ndarray,
         pasted: bool = False) -> float | None:
    u0, v0, u1, v1 = g.rect
    w, h = u1 - u0, v1 - v0
    if h < p.min_height_pt * ppt or w < 0.6 * p.min_height_pt * ppt:
        return None
    max_h = max(p.max_height_pt * ppt, p.max_height_lines * lab.line_h_px)
    if w > p.max_width_pt * ppt or h > max_h:
        return None
    # one pen: stroke pieces are either chromatic (blue) or black, not a mix of
    # coloured curves and black labels (charts, figures); judged per connected
    # piece because scanned blue strokes have grey edges.  A piece of middling
    # saturation is neither: a pale blue signature's pieces scanned at 39 and 43
    # are one pen, not black print beside blue ink.  Such a piece counts on the
    # pen's side: print is black throughout, while a pen's thin or pale strokes
    # fade toward grey -- a navy signature on a noisy scan is pieces of 20, 30, 39
    # and 51, one pen whose faded piece is an eighth of its ink, not print
    sel = (ink[v0:v1, u0:u1] > 0).astype(np.uint8)
    hsv = cv2.cvtColor(rgb[v0:v1, u0:u1], cv2.COLOR_RGB2HSV)
    n, lab_img = cv2.connectedComponents(sel, connectivity=8)
    if n > 2:
        sat = hsv[:, :, 1].astype(np.float32)
        counts = np.bincount(lab_img.ravel(), minlength=n)[1:]
        sums = np.bincount(lab_img.ravel(), weights=sat.ravel(), minlength=n)[1:]
        mean = sums / np.maximum(counts, 1)
        chromatic, neutral = mean >= _PEN_SATURATION, mean < _PRINT_SATURATION
        decided = int(counts[chromatic | neutral].sum())
        share = float(counts[~neutral].sum()) / max(1, int(counts.sum()))
        if decided and min(share, 1.0 - share) > p.max_mixed_ink and _saturation_gap(counts, sums, chromatic, neutral) >= _MIXED_GAP:
            return None
    # a pixel's hue counts only where its channels differ by ``hue_min_chroma`` levels: saturation is that
    # difference over the brightness, so a near-black pen pixel's 5 levels read 60 % saturated, and its hue is
    # noise -- a black signature on tinted paper "spanned" yellow to blue and was taken for a colour figure
    sub_rgb = rgb[v0:v1, u0:u1]
    chroma = sub_rgb.max(axis=2).astype(np.int16) - sub_rgb.min(axis=2).astype(np.int16)
    hues = hsv[:, :, 0][(sel > 0) & (hsv[:, :, 1] >= 60) & (chroma >= p.hue_min_chroma)]
    # many hues: a colour figure -- judged only when a real share of the ink is
    # chromatic (JPEG and phone-photo colour fringes tint a few pixels of black ink)
    if hues.size > max(20, 0.15 * int(sel.sum())) and hue_spread(hues) > 20:
        return None
    density = g.pixels / float(w * h)
    if density > p.max_density:
        return None
    sub = ink[v0:v1, u0:u1]
    ys, xs = np.nonzero(sub)
    if xs.size >= 10:
        # a straight stroke is a rule remnant, not a signature
        cov = np.cov(np.stack([xs, ys]).astype(np.float64))
        minor = float(np.sqrt(max(np.linalg.eigvalsh(cov)[0], 0.0)))
        if minor < 0.6 * ppt:
            return None
    # stroke width from area and outline length (a pen line is about 0.8-2 pt;
    # chart curves and hairlines are thinner, brush blobs and photos thicker)
    contours, _ = cv2.findContours(sub, cv2.RETR_LIST, cv2.CHAIN_APPROX_NONE)
    perimeter = sum(cv2.arcLength(c, True) for c in contours)
    stroke = 2.0 * g.pixels / max(perimeter, 1.0)
    if stroke > max(0.3 * h, p.max_stroke_pt * ppt):
        return None
    # a chart's hairline -- but a pasted signature picture's strokes are thin too, and so are
    # a printed-and-scanned one's beside a label that asks for a signature (申请人签名, 签字):
    # a chart does not stand there
    if stroke < p.hairline_pt * ppt and density < 0.1 and not pasted and "签" not in lab.text:
        return None
    score = 0.5
    score += 0.15 if h >= 0.9 * lab.line_h_px else 0.0
    score += 0.15 if 0.02 <= density <= 0.3 else 0.0
    score += 0.1 if stroke <= 2.5 * ppt else 0.0
    score += 0.1 if gap(g.rect, lab.px_box) <= 3 * lab.line_h_px else 0.0
    return min(1.0, score)



_PEN_SATURATION = 40        # a stroke piece at least this saturated (mean) is coloured ink
_PRINT_SATURATION = 25      # ... under this, black ink (print, a black pen); between the two, undecided
_MIXED_GAP = 25             # coloured and black pieces this far apart in saturation are two inks, not one pen's


def _saturation_gap(counts: np.ndarray, sums: np.ndarray, chromatic: np.ndarray, neutral: np.ndarray) -> float:
    """Mean saturation of the coloured pieces less that of the black ones.  A grey-blue pen scanned pale is
    pieces of 22 to 41 on both sides of the bars, one pen (a 评审表's signature at 30 %
    "coloured" was taken for blue strokes mixed with print); a chart's blue curves beside black labels, or
    a blue signature merged with print, are 35 and more apart."""
    return float(sums[chromatic].sum() / max(1, counts[chromatic].sum()) - sums[neutral].sum() / max(1, counts[neutral].sum()))


def hue_spread(hues: np.ndarray) -> float:
    """Circular standard deviation of OpenCV hues (0-180): navy ink photographed
    under warm light spans blue to magenta and wraps past 180, which a plain
    standard deviation takes for many colours."""
    theta = hues.astype(np.float64) * (np.pi / 90.0)
    r = float(np.abs(np.mean(np.exp(1j * theta))))    # one hue throughout gives 1 plus rounding: a NaN spread
    return float(np.degrees(np.sqrt(-2.0 * np.log(min(max(r, 1e-9), 1.0))))) / 2.0
