"""A padded box (OCR's, a hidden OCR layer's) covers the space between lines, never the next line's text.

Variety seed 65627: on an OCRmyPDF-style scanned paper the applicant's unit, printed as a co-author's affiliation
right under the co-author's pinyin name, was removed with OCR's loose line box padded upward: 2-4 pt of it lay
over the name's descenders and the name could no longer be read (another person's data lost).
"""

from __future__ import annotations

from redactor.model import BBox
from redactor.redact import OCR_BOX_LOOSE, _clear_of_next_lines


def _one(inner: BBox, rect: BBox, chars: list[BBox], give: float = 0.0) -> BBox:
    (out, cat, text_only), = _clear_of_next_lines(chars, [(rect, "employer", False)], [(0, inner, give)])
    assert (cat, text_only) == ("employer", False)
    return out


INNER = BBox(100, 131, 160, 143)          # the removed value's text box
RECT = BBox(98, 128.6, 162, 145.4)        # padded 0.2 of its height above and below


def test_the_padding_stops_at_the_characters_above_and_below():
    above, below = BBox(120, 115, 130, 129.5), BBox(140, 144.5, 150, 158)
    assert _one(INNER, RECT, [above, below]).as_tuple() == (98, 129.5, 162, 144.5)


def test_an_ocr_box_gives_way_to_the_next_lines_descenders_down_to_its_ink():
    descender = BBox(140, 118, 146, 132)      # a 'g' of the line above reaching 1 pt into the loose OCR box
    assert _one(INNER, RECT, [descender], give=OCR_BOX_LOOSE).y0 == 132
    deep = BBox(140, 120, 146, 140)            # ... or deeper: the box gives way only down to its ink's top
    assert _one(INNER, RECT, [deep], give=OCR_BOX_LOOSE).y0 == INNER.y0 + OCR_BOX_LOOSE * INNER.height
    assert _one(INNER, RECT, [descender]).y0 == INNER.y0, "a hidden layer's box is its glyphs': it gives nothing"


def test_its_own_line_and_characters_beside_or_out_of_reach_do_not_hold_it_back():
    own = BBox(120, 131.5, 130, 142.5)         # a character of the value's own line
    beside = BBox(170, 120, 180, 135)          # a character further along, not over the box
    far = BBox(100, 60, 110, 75)               # a line well above: the padding does not reach it
    assert _one(INNER, RECT, [own, beside, far], give=OCR_BOX_LOOSE) == RECT


def test_nothing_is_held_back_where_there_is_no_text():
    assert _one(INNER, RECT, []) == RECT
