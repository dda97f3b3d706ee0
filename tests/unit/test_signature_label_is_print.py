"""A signature label the detector found is print, however tall OCR boxed it.

Fresh words seed 91695, a scanned 业绩报告: the applicant's scrawled signature shares its line with 签名：, and OCR
boxed that line -- label and strokes -- 35 pt tall among 17 pt print.  Characters that tall count as a signature
read as glyphs, not print, so the label stayed ink, pen and print mixed in one group, and the signature was kept as
unsigned (a silent leak, main too).  The label's characters and its colon are print; a tall OCR "character"
elsewhere is still not.  Synthetic text only."""

from __future__ import annotations

from redactor.detect.regions.base import TextHit
from redactor.detect.regions.signature_labels import printed_chars
from redactor.model import BBox, Char, Page, PageKind, TextOrigin

BODY = 17.0


def _page() -> tuple[Page, TextHit]:
    chars, text = [], ""

    def put(s: str, x0: float, y0: float, h: float) -> None:
        nonlocal text
        for i, c in enumerate(s):
            chars.append(Char(c, BBox(x0 + i * BODY, y0, x0 + (i + 1) * BODY, y0 + h), TextOrigin.OCR, 0.99))
        text += s

    put("报告人：某某", 100, 340, BODY)
    text += "\n"
    chars.append(Char("\n", None))
    put("签名：", 100, 360, 35.0)                  # the line boxed as tall as the pen strokes on it
    text += "\n"
    chars.append(Char("\n", None))
    put("日期", 100, 420, BODY)
    put("4", 200, 460, 35.0)                       # a pen loop OCR read as a tall "digit"
    page = Page(1, 595, 842, text, tuple(chars), kind=PageKind.SCANNED)
    start = text.index("签名")
    return page, TextHit("签名", start, start + 2, BBox(100, 360, 134, 395))


def test_the_found_label_and_its_colon_are_print_however_tall():
    page, hit = _page()
    label = {id(page.chars[i]) for i in range(hit.start, hit.end + 1)}        # 签 名 ：
    assert label <= {id(c) for c in printed_chars(page, 0.8, [hit])}
    assert "4" not in {c.c for c in printed_chars(page, 0.8, [hit])}
    # without the label, its tall characters are taken for a signature read as glyphs
    assert not {"签", "名"} & {c.c for c in printed_chars(page, 0.8)}
