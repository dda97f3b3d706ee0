"""The pen read as text on a signature label's own line (``signature_labels.pen_read_on_the_label_line``): only after
a label that asks for a signature (签字, 签名), at most four characters, none a date's, only OCR's.  Structure seed
70956 named the rule (项目负责人（签字）：业, the end of a signature); the CI run named the bare label (报告人：周志, a
printed name the first version took for the pen).  Synthetic names."""

from __future__ import annotations

import numpy as np
import pytest

from redactor.detect.regions.base import TextHit
from redactor.detect.regions.signature_labels import pen_read_on_the_label_line
from redactor.model import BBox, Char, OcrLine, Page, PageKind, Raster, TextOrigin

PT = 12.0         # a character's width on the line, points


def _line(label: str, tail: str, origin: TextOrigin = TextOrigin.OCR) -> tuple[Page, TextHit]:
    """One OCR line ``label`` + ``tail`` at the page's top left, each character PT wide; the label's hit."""
    text = label + tail
    chars = tuple(Char(c, BBox(50 + i * PT, 100, 50 + (i + 1) * PT, 114),
                       TextOrigin.OCR if i < len(label) else origin, 0.97) for i, c in enumerate(text))
    raster = Raster(np.full((842, 595, 3), 255, np.uint8), (1, 0, 0, 1, 0, 0), 72.0)
    page = Page(1, 595, 842, text, chars, kind=PageKind.SCANNED, raster=raster,
                ocr_lines=(OcrLine(0, len(text), BBox(50, 100, 50 + len(text) * PT, 114), 0.97),))
    return page, TextHit(label, 0, len(label), BBox(50, 100, 50 + len(label) * PT, 114))


def test_the_characters_after_a_signature_label_are_the_pens():
    page, hit = _line("项目负责人（签字）：", "业")
    (box,) = pen_read_on_the_label_line(page, hit, (842, 595))
    x0 = 50 + len("项目负责人（签字）：") * PT
    assert box == (int(x0), 100, int(x0 + PT), 114)


@pytest.mark.parametrize("label, tail, origin", [
    ("报告人：", "周志", TextOrigin.OCR),                        # a bare label: its printed value
    ("申请人签名：", "6月9日", TextOrigin.OCR),                   # a date printed after the label
    ("申请人签名：", "周志同志本人", TextOrigin.OCR),              # more than the pen leaves read
    ("申请人签名：", "周志", TextOrigin.TEXT_LAYER),               # typed in the file: print
    ("申请人签名：", "", TextOrigin.OCR),                          # nothing after it
])
def test_print_after_a_label_stays_print(label, tail, origin):
    page, hit = _line(label, tail, origin)
    assert pen_read_on_the_label_line(page, hit, (842, 595)) == []
