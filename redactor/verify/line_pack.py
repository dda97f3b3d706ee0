"""Reading many short line crops with few recogniser inputs.

The recogniser (``LineReader.read_lines``) scales every line to one height and
pads it to at least ``_FLOOR`` times that height in width (PP-OCR's 48 x 320
input): a crop two characters wide costs as much as one seven times its height.
The gate's proof re-reads short crops (the characters beside a painted box, the
two sides of a box), so they are laid side by side on white, each scaled to one
height and parted by paper (``_GAP`` heights between the sides of one box,
``_APART`` between crops), and read as one line while the row is at most
``_ROW`` floors wide: short crops then cost their width, not a floor each.  Each character read is mapped back to
the crop it lies in (by its centre; one in a gap to the nearest crop) and from
there to the page, so every crop gets its own reading, in points.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from redactor.model import BBox, Raster
from redactor.protocols import LineReader, OcrText

__all__ = ["read_groups"]

_H = 48                 # the recogniser's line height (px)
_FLOOR = 320 / 48       # the narrowest input it builds, in heights
_GAP = 0.5              # paper between two pieces of one crop (the sides of a box), in heights
_APART = 1.0            # paper between two crops, in heights
_ROW = 2.0              # a row holds crops up to this many floors wide (beyond the floor, cost grows with width)


def _scaled(r: Raster) -> tuple[np.ndarray, float]:
    import cv2

    px = np.ascontiguousarray(r.pixels)
    if px.ndim == 2:
        px = np.stack([px] * 3, axis=-1)
    h, w = px.shape[:2]
    s = _H / h
    nw = max(1, int(round(w * s)))
    return cv2.resize(px[:, :, :3], (nw, _H), interpolation=cv2.INTER_AREA if s < 1 else cv2.INTER_LINEAR), s


def read_groups(ocr: LineReader, groups: list[list[Raster]], sure: float | None = None) -> list[OcrText | None]:
    """One reading per group (the pieces of one crop, left to right, read as one line; None for an empty
    group).  Pieces of several groups share one recogniser input while the row fits in ``_ROW`` floors.

    The recogniser scores a whole input: every group of a shared row gets the row's score.  With ``sure``,
    the groups of a shared row scored under it are read again each on its own, so that one crop the
    recogniser could not read (lines of text crossing it) does not lower the score of the others."""
    scaled = [[_scaled(r) for r in g] for g in groups]
    rows = _rows([k for k, g in enumerate(scaled) if g], scaled)
    out = _read_rows(ocr, groups, scaled, rows)
    if sure is not None:
        again = [k for row in rows if len(row) > 1 for k in row if (got := out[k]) is not None and got.score < sure]
        if again:
            alone = _read_rows(ocr, groups, scaled, [[k] for k in again])
            for k in again:
                out[k] = alone[k]
    return out


def _rows(ks: list[int], scaled: list[list[tuple[np.ndarray, float]]]) -> list[list[int]]:
    rows: list[list[int]] = []
    width = 0.0
    for k in ks:
        g = scaled[k]
        w = sum(px.shape[1] for px, _ in g) / _H + _GAP * (len(g) - 1) + _APART
        if rows and width + w <= _ROW * _FLOOR:
            rows[-1].append(k)
            width += w
        else:
            rows.append([k])
            width = w
    return rows


def _read_rows(ocr: LineReader, groups: list[list[Raster]], scaled: list[list[tuple[np.ndarray, float]]],
               rows: list[list[int]]) -> list[OcrText | None]:
    """The readings of the groups in ``rows`` (each row one recogniser input), indexed like ``groups``
    (None for a group in no row)."""
    canvases: list[Raster] = []
    layout: list[Any] = []
    for row in rows:
        if len(row) == 1 and len(groups[row[0]]) == 1:     # one crop alone: read as it is
            canvases.append(groups[row[0]][0])
            layout.append(row[0])
            continue
        segs = []               # (group, piece, x0, x1 in canvas px, scale)
        x = int(_APART * _H / 2)
        for k in row:
            for j, (px, s) in enumerate(scaled[k]):
                segs.append((k, j, x, x + px.shape[1], s))
                x += px.shape[1] + int((_GAP if j + 1 < len(scaled[k]) else _APART) * _H)
        canvas = np.full((_H, x - int(_APART * _H / 2)), 255, dtype=np.uint8)
        canvas = np.repeat(canvas[:, :, None], 3, axis=2)
        for k, j, a, b, _ in segs:
            canvas[:, a:b] = scaled[k][j][0]
        canvases.append(Raster(canvas, (1.0, 0.0, 0.0, 1.0, 0.0, 0.0), 72.0))
        layout.append(segs)
    read = ocr.read_lines(canvases) if canvases else []
    texts: dict[int, list[str]] = {}
    boxes: dict[int, list[BBox]] = {}
    scores: dict[int, float] = {}
    single: dict[int, OcrText] = {}
    for got, segs in zip(read, layout):
        if isinstance(segs, int):
            single[segs] = got
            continue
        for ch, cb in zip(got.text, got.char_boxes):
            cx = (cb.x0 + cb.x1) / 2
            k, j, a, b, s = min(segs, key=lambda t: 0 if t[2] <= cx <= t[3] else min(abs(cx - t[2]), abs(cx - t[3])))
            r = groups[k][j]
            u0, u1 = (min(max(cb.x0, a), b) - a) / s, (min(max(cb.x1, a), b) - a) / s
            box = r.point_box(u0, cb.y0 / s, max(u1, u0 + 1e-3), cb.y1 / s)
            texts.setdefault(k, []).append(ch)
            boxes.setdefault(k, []).append(box)
            scores[k] = min(scores.get(k, 1.0), got.score)
    placed = {k for row in rows for k in row}
    out: list[OcrText | None] = []
    for k, g in enumerate(groups):
        if not g or k not in placed:
            out.append(None)
            continue
        if k in single:
            out.append(single[k])
            continue
        whole = BBox.enclosing([r.point_box(0, 0, r.pixels.shape[1], r.pixels.shape[0]) for r in g])
        if k not in texts:
            out.append(OcrText("", (), whole, 0.0))
            continue
        out.append(OcrText("".join(texts[k]), tuple(boxes[k]), whole, scores[k]))
    return out
