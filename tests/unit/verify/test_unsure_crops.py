"""The gate's proof reads short crops around painted boxes; a crop the recogniser reads without confidence
(print of another line or a stamp's text crossing it) must neither lower the score of crops read with it
(``line_pack``) nor stand as the line's reading (``proof.local_reads``): its line is read again whole, with
detection.  The scan-signature channel takes only confident readings as print, so a garbled crop once made
it count a seal's text beside the applicant's signature label as pen strokes, and the repair loop chased
them until it withheld the bundled scanned certificate (issue #14)."""

from __future__ import annotations

import numpy as np
import pytest

from redactor.model import BBox, Raster
from redactor.protocols import OcrText
from redactor.verify.line_pack import read_groups
from redactor.verify.proof import SURE, local_reads

GARBLE = 77             # pixels of this grey are what the fake recogniser cannot read


class Reader:
    """Recognition only: one '#' per run of inked columns; a line showing GARBLE pixels scores 0.4."""

    def __init__(self) -> None:
        self.calls: list[int] = []

    def read_lines(self, rasters):
        self.calls.append(len(rasters))
        out = []
        for r in rasters:
            px = r.pixels.min(axis=2) if r.pixels.ndim == 3 else r.pixels
            inked = (px < 200).any(axis=0)
            runs, k = [], 0
            while k < len(inked):
                if inked[k]:
                    s = k
                    while k < len(inked) and inked[k]:
                        k += 1
                    runs.append((s, k))
                k += 1
            boxes = tuple(r.point_box(a, 0, b, px.shape[0]) for a, b in runs)
            score = 0.4 if (px == GARBLE).any() else 0.99
            out.append(OcrText("#" * len(boxes), boxes, r.point_box(0, 0, px.shape[1], px.shape[0]), score))
        return out


def _crop(width: int, garbled: bool = False) -> Raster:
    px = np.full((48, width, 3), 255, np.uint8)
    px[10:38, 4:width - 4] = GARBLE if garbled else 0
    return Raster(px, (1, 0, 0, 1, 0, 0), 72.0)


@pytest.mark.issue(14)
def test_a_garbled_crop_does_not_lower_the_score_of_crops_packed_with_it():
    groups = [[_crop(40)], [_crop(40, garbled=True)], [_crop(40)]]
    reader = Reader()
    shared = read_groups(reader, groups)
    assert reader.calls == [1]                      # one recogniser input for the three short crops
    assert all(got is not None and got.score < SURE for got in shared)     # the row's score, for each
    reader = Reader()
    own = read_groups(reader, groups, SURE)
    assert [got.score for got in own] == [0.99, 0.4, 0.99]     # read again alone: each crop its own score
    assert [got.text for got in own] == ["#", "#", "#"]
    assert reader.calls == [1, 3]
    reader = Reader()
    read_groups(reader, [[_crop(40)], [_crop(40)]], SURE)
    assert reader.calls == [1]                      # a confident row is not read again


def _line(text: str, x0: float, y0: float, w: float = 10.0, h: float = 12.0) -> OcrText:
    boxes = tuple(BBox(x0 + i * w, y0, x0 + (i + 1) * w - 1, y0 + h) for i in range(len(text)))
    return OcrText(text, boxes, BBox.enclosing(boxes), 0.99)


@pytest.mark.issue(14)
def test_a_line_whose_crop_reads_without_confidence_is_read_again_whole_with_detection():
    a = _line("abcdefghijklmnopqrstuvwxyz", 10, 100)       # x 10 .. 270
    b = _line("0123456789", 10, 200)
    page = BBox(0, 0, 298, 421)
    px = np.full((421, 298, 3), 255, np.uint8)            # 72 dpi: a pixel is a point
    for ln in (a, b):
        for g in ln.char_boxes:
            px[int(g.y0) + 2:int(g.y1) - 2, int(g.x0) + 1:int(g.x1) - 1] = 0
    box = BBox(130, 99, 150, 113)                         # over "mn"
    clear = Raster(px, (1, 0, 0, 1, 0, 0), 72.0)
    spliced, regions, kept = local_reads(Reader(), clear, (box,), (a, b), page)
    assert regions == () and kept == (b,) and [s.text for s in spliced] == ["abcdefghij######qrstuvwxyz"]
    crossed = px.copy()
    crossed[104:108, 141:146] = GARBLE                    # another text's strokes in the crop: read, unsure
    spliced, regions, kept = local_reads(Reader(), Raster(crossed, (1, 0, 0, 1, 0, 0), 72.0), (box,), (a, b), page)
    assert spliced == [] and kept == (b,)
    (region,) = regions                                   # the whole line and the box, for detection
    assert region.x0 <= a.bbox.x0 and region.x1 >= a.bbox.x1 and region.y0 <= box.y0 and region.y1 >= box.y1
