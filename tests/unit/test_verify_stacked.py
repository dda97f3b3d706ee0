"""Verification reads an employer name wrapped over two OCR lines of a narrow table cell (issue #11).

OCR reads a form row by row, so the row's other cells come between the halves.
Synthetic lines: fake organisation, no real person."""

from __future__ import annotations

import pytest

from redactor.model import ApplicantProfile, BBox
from redactor.protocols import OcrText


def _line(text: str, x: float, y: float, h: float = 21.0, w: float = 11.5, down: bool = False) -> OcrText:
    """A line of OCR; ``down``: read on a page scanned sideways (characters run down the page)."""
    if down:
        boxes = tuple(BBox(y, x + i * w, y + h, x + (i + 1) * w) for i in range(len(text)))
    else:
        boxes = tuple(BBox(x + i * w, y, x + (i + 1) * w, y + h) for i in range(len(text)))
    return OcrText(text, boxes, BBox.enclosing(list(boxes)), 0.99)


def _row_by_row(down: bool = False) -> list[OcrText]:
    # one row of a 工作经历 table: [dates | employer (wrapped) | department | title]; the lower half of the
    # employer comes after the row's other cells; the boxes overlap by a third of a line, as on a skewed scan
    mk = lambda t, x, y: _line(t, x, (600 - y) if down else y, down=down)      # noqa: E731
    return [mk("2022.12至今", 60, 383), mk("包头示例中", 156, 383), mk("心血管内科", 340, 383),
            mk("主治医师", 470, 383), mk("心医院", 156, 397), mk("北京科技大学", 156, 440)]


@pytest.mark.parametrize("down", [False, True])
def test_the_wrapped_employer_is_found_across_stacked_lines(down):
    from redactor.verify import needles_for
    from redactor.verify.ocr_pass import ocr_leaks

    needles = needles_for(ApplicantProfile(name="赵晓岚", employers=("包头示例中心医院",)))
    leaks = [lk for lk in ocr_leaks(_row_by_row(down), 1, needles) if lk.category == "employer"]
    assert leaks and all(lk.severity == "leak" for lk in leaks)
    assert {round(lk.bbox.height if not down else lk.bbox.width) for lk in leaks} >= {35}   # both halves


def test_lines_not_stacked_in_one_cell_are_not_joined():
    from redactor.verify import needles_for
    from redactor.verify.ocr_pass import ocr_leaks

    needles = needles_for(ApplicantProfile(name="赵晓岚", employers=("包头示例中心医院",)))
    # the lower half starts two cells to the right: another cell, not the wrap
    lines = [_line("包头示例中", 156, 383), _line("心血管内科", 340, 383), _line("心医院", 340, 420)]
    assert [lk for lk in ocr_leaks(lines, 1, needles) if lk.category == "employer"] == []


def _pairs_by_definition(lines):
    """The pairing as first written (every line's direction and spans worked out again for every pair)."""
    from redactor.verify.stacked import _direction, _span

    out = []
    for a in lines:
        d = _direction(a)
        n = (-d[1], d[0])
        a0, a1 = _span(a.bbox, d)
        c0, c1 = _span(a.bbox, n)
        h = c1 - c0
        if h <= 0 or a1 - a0 < h:
            continue
        best, best_pitch = None, None
        for b in lines:
            if b is a or _direction(b) != d:
                continue
            b0, b1 = _span(b.bbox, d)
            e0, e1 = _span(b.bbox, n)
            pitch = 0.5 * (e0 + e1 - c0 - c1)
            if not 0.5 * h <= pitch <= 2.0 * h or abs(b0 - a0) > h or min(a1, b1) - max(a0, b0) <= 0:
                continue
            if best_pitch is None or pitch < best_pitch:
                best, best_pitch = b, pitch
        if best is not None:
            out.append((a, best))
    return out


def test_pairing_a_form_of_many_lines_gives_the_pairs_of_its_definition():
    """A scanned form has 100-200 OCR lines: the pairing works each line's spans out once (issue #14)
    and must pair exactly as the definition does, lines running across and down the page mixed."""
    import random

    from redactor.verify.stacked import stacked_pairs

    rnd = random.Random(11)
    lines = []
    for i in range(160):
        text = "示例文字内容"[: rnd.randint(1, 6)]
        lines.append(_line(text, rnd.uniform(40, 500), rnd.uniform(40, 780), h=rnd.choice((14.0, 21.0)),
                           w=rnd.uniform(9, 13), down=rnd.random() < 0.2))
    lines += _row_by_row() + _row_by_row(down=True)
    want = _pairs_by_definition(lines)
    assert len(want) > 20                        # the random page does have stacked lines to pair
    assert [(id(a), id(b)) for a, b in stacked_pairs(lines)] == [(id(a), id(b)) for a, b in want]
