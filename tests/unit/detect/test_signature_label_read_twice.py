"""One printed signature label read twice -- a scan's own text layer and our OCR of it, both on the page -- is one
label.  Two copies split the applicant's signature into pieces assigned to each copy, too far apart to join, and
its flourish between them stayed in the output (never-tuned variety seed 19453, an OCRmyPDF-style 送审表)."""

from __future__ import annotations

from redactor.detect.regions.signature_labels import find_labels
from redactor.model import BBox, Char, Page, TextOrigin


def _page(lines: list[tuple[str, float, float, TextOrigin]]) -> Page:
    text, chars = "", []
    for k, (line, x, y, origin) in enumerate(lines):
        if k:
            text += "\n"
            chars.append(Char("\n", None, origin))
        for i, c in enumerate(line):
            text += c
            chars.append(Char(c, BBox(x + 12 * i, y, x + 12 * i + 11, y + 12), origin))
    return Page(1, 595, 842, text, tuple(chars))


def test_the_same_label_read_twice_at_one_place_is_one_label():
    hits = find_labels(_page([("申请人签名", 75, 730, TextOrigin.HIDDEN_LAYER), ("申请人签名", 75.5, 728, TextOrigin.OCR)]),
                       ("申请人签名",))
    assert [h.label for h in hits] == ["申请人签名"]


def test_two_labels_with_the_same_words_in_two_places_stay_two():
    hits = find_labels(_page([("申请人签名", 75, 300, TextOrigin.TEXT_LAYER), ("申请人签名", 75, 730, TextOrigin.TEXT_LAYER)]),
                       ("申请人签名",))
    assert len(hits) == 2
