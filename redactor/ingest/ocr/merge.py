"""OCR lines -> characters appended to a page's text.

``ocr_to_chars`` turns the engine's ``OcrText`` lines into ``Char`` runs (one
per recognised character, origin OCR, the line's score) separated by a
line-break ``Char("\\n", None)``, in reading order, and drops the lines that
merely repeat visible text-layer characters already on the page, so a mixed
page (vector text plus pasted scans) is not counted twice.

A line is a duplicate only when most of its characters sit on text-layer
characters *that say the same thing*.  OCR text over a garbled or
differently-encoded text layer is kept: it may be the only readable copy.
Hidden (render mode 3) text is never a reason to drop OCR text; a scan's old
OCR layer is searched alongside ours.
"""

from __future__ import annotations

import math
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence

from redactor.model import BBox, Char, TextOrigin
from redactor.protocols import OcrText
from redactor.reading_order import reading_order

# offsets into the returned chars
LineRecord = tuple[int, int, BBox, float, bool, str, bool]    # start, end, box, score, low, reader, split boxes

# Share of a line's visible characters that must coincide with identical
# text-layer characters for the line to count as a duplicate.
DUPLICATE_SHARE = 0.8
# An OCR character coincides with a text-layer character when the overlap
# covers this share of the smaller of the two boxes.
OVERLAP_SHARE = 0.3
_GRID = 24.0            # points per spatial-index cell


def ocr_to_chars(
    lines: Sequence[OcrText],
    existing: Sequence[Char],
    low_conf: float,
) -> tuple[list[Char], list[LineRecord]]:
    """Characters to append to a page and one record per kept OCR line.

    Offsets in the records are relative to the returned character list; the
    line break after each line is not part of its span.
    """
    index = _TextLayerIndex(c for c in existing if c.origin is TextOrigin.TEXT_LAYER and c.bbox is not None and c.c.strip())
    kept = [ln for ln in lines if ln.text and not (index and index.duplicates(ln))]
    chars: list[Char] = []
    records: list[LineRecord] = []
    for ln in reading_order(kept):
        start = len(chars)
        score = float(ln.score)
        chars.extend(Char(c, b, TextOrigin.OCR, score) for c, b in zip(ln.text, ln.char_boxes))
        records.append((start, len(chars), ln.bbox, score, score < low_conf, ln.reader, ln.split_boxes))
        chars.append(Char("\n", None))
    return chars, records


# -- duplicate detection against the text layer ------------------------------------------

def _norm(c: str) -> str:
    return unicodedata.normalize("NFKC", c).casefold()


class _TextLayerIndex:
    """Grid index of visible text-layer characters."""

    def __init__(self, chars: Iterable[Char]) -> None:
        self._cells: dict[tuple[int, int], list[tuple[BBox, str]]] = defaultdict(list)
        self._n = 0
        for ch in chars:
            b = ch.bbox
            assert b is not None
            entry = (b, _norm(ch.c))
            for key in _cells_of(b):
                self._cells[key].append(entry)
            self._n += 1

    def __bool__(self) -> bool:
        return self._n > 0

    def same_char_at(self, c: str, b: BBox) -> bool:
        want = _norm(c)
        for key in _cells_of(b):
            for tb, tc in self._cells.get(key, ()):
                if tc != want:
                    continue
                inter = b.intersection_area(tb)
                if inter > 0 and inter >= OVERLAP_SHARE * max(min(b.area, tb.area), 1e-6):
                    return True
        return False

    def duplicates(self, ln: OcrText) -> bool:
        visible = [(c, b) for c, b in zip(ln.text, ln.char_boxes) if c.strip()]
        if not visible:
            return False
        # quick reject: nothing of the text layer near the line at all
        if not any(self._cells.get(key) for key in _cells_of(ln.bbox)):
            return False
        same = sum(1 for c, b in visible if self.same_char_at(c, b))
        return same >= DUPLICATE_SHARE * len(visible)


def _cells_of(b: BBox) -> list[tuple[int, int]]:
    x0, x1 = int(math.floor(b.x0 / _GRID)), int(math.floor(b.x1 / _GRID))
    y0, y1 = int(math.floor(b.y0 / _GRID)), int(math.floor(b.y1 / _GRID))
    if (x1 - x0 + 1) * (y1 - y0 + 1) > 4096:     # absurdly large box: clamp the scan
        x1, y1 = x0 + 63, y0 + 63
    return [(x, y) for x in range(x0, x1 + 1) for y in range(y0, y1 + 1)]
