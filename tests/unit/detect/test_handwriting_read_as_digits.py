"""OCR reads a pen's loops as digits with a print-like score (a scanned 评审表: "6" and "5", 33 by 24 pt each,
at 0.91, right of 申请人签名).  Taken as print, they cut the label's search window short and masked the
signature's own ink: the applicant's signature stayed on the page and the gate called it clean.  A printed
digit or Latin letter is half-width -- narrower than it is tall -- so a wider one is handwriting read as text.
Fake values only."""

from __future__ import annotations

from redactor.detect.regions.signature_labels import printed_chars
from redactor.model import BBox, Char, Page, PageKind, TextOrigin


def _line(text: str, x0: float, y0: float, widths: list[float], height: float, score: float) -> list[Char]:
    out, x = [], x0
    for c, w in zip(text, widths):
        out.append(Char(c, BBox(x, y0, x + w, y0 + height), TextOrigin.OCR, score))
        x += w
    return out


def _page(chars: list[Char]) -> Page:
    return Page(number=1, width=595, height=842, text="".join(c.c for c in chars), chars=tuple(chars),
                kind=PageKind.SCANNED)


def test_loops_read_as_wide_digits_are_not_print():
    label = _line("申请人签名", 321, 141, [9.2] * 5, 19, 1.0)
    loops = _line("65", 392, 140, [33, 31], 24, 0.914)
    date = _line("2024.6.15", 497, 150, [5, 6, 5, 5, 4, 4, 5, 5, 5], 15, 1.0)
    body = _line("本人承诺所填材料真实有效如有不实愿承担相应责任", 60, 80, [18] * 23, 18, 0.99)   # body print, 18 pt
    kept = {(c.c, round(c.bbox.x0)) for c in printed_chars(_page(body + label + loops + date), 0.9)}
    assert ("6", 392) not in kept and ("5", 423) not in kept
    assert {("2", 497), ("6", 522), ("5", 536)} <= kept                       # the printed date is print
    assert {c for c, _ in kept} >= set("申请人签名")


def test_wide_latin_capitals_and_cjk_stay_print():
    chars = _line("WM", 100, 100, [14, 14], 13, 0.99) + _line("工作单位", 150, 100, [13, 13, 13, 13], 13, 0.99)
    assert len(printed_chars(_page(chars), 0.9)) == 6


def test_an_ocr_cjk_character_is_as_wide_as_it_is_high():
    """OCR shares a line's width among its characters: 管 of a printed 管理号, boxed 10 by 20 pt, left its two
    sides standing as 'pen ink' beside 持证人签名.  A CJK glyph is square: its box is widened to its height."""
    body = _line("本人承诺所填材料真实有效", 60, 80, [18] * 12, 18, 0.99)
    narrow = _line("管理号", 325, 325, [10, 10, 9], 20, 0.999)
    got = {c.c: c.bbox for c in printed_chars(_page(body + narrow), 0.9)}
    assert got["管"].width >= 19.9 and abs((got["管"].x0 + got["管"].x1) / 2 - 330) < 0.01
    assert got["本"].width == 18
