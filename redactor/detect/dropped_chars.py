"""Whether OCR left room for the character a reading of the applicant's name is said to have dropped.

On a scan the applicant's name is matched with one character missing (``variants.matching``:
``ocr_dropped_char``), because OCR loses a faint or stamped-over character.  The same reading is also another
person's whole name that the applicant's contains: 阳志远 in a member list beside the applicant 欧阳志远, or 王珺
beside 王淑珺.  The text alone cannot tell the two apart (成员阳志远 is the colleague, or 成员欧阳志远 with 欧 lost);
the page can.  A character OCR dropped still took its place on the paper: the characters read on either side
of it stand a character's width apart.  Where they stand side by side, at the line's own spacing, nothing was
dropped there, and the reading is the whole of what is printed -- someone else's name.

At the reading's edge (阳志远 lacks 欧阳志远's first character) the neighbour is the character printed before it,
and counts only where it ends a word of its own (成员): a lone character there may be the name's own, misread
(区阳志远), and then nothing was dropped but nothing is someone else's either.  A mark read between the two
(a bar, a dot: what the name's matching passes over) may be the character itself, misread: it took the room.

Only OCR lines whose character boxes were measured (RapidOCR's CTC columns) carry this evidence; a line whose
boxes were split from the line's box in proportion (``OcrLine.split_boxes``) spreads the characters it read
over the room of the one it lost, and says nothing here.
"""

from __future__ import annotations

from collections.abc import Sequence
from statistics import median

from redactor.model import BBox, Page

__all__ = ["no_room_for_dropped"]


def no_room_for_dropped(page: Page, start: int, end: int, places: Sequence[tuple[int, int]], room: float) -> bool:
    """True when, at every place a character could have been dropped from the reading ``page.text[start:end]``
    (``places``: offsets of the characters printed on either side, ``recognizers.applicant_value_recognizer.
    dropped_between``), the two stand closer than ``room`` character sizes (across the line) apart along their
    OCR line, with nothing printed between them (a character OCR read as a mark the name's matching passes over,
    a bar or a dot, took its room).  False where any place has room, or the line's boxes were not measured."""
    line = next((ln for ln in page.ocr_lines if ln.start <= start and end <= ln.end), None)
    if line is None or line.split_boxes or not places:
        return False
    boxes = [c.bbox for c in page.chars[line.start:line.end] if c.bbox is not None and c.c.strip()]
    if len(boxes) < 2:
        return False
    horizontal = line.bbox.width >= line.bbox.height
    size = median((b.height if horizontal else b.width) for b in boxes)
    if size <= 0:
        return False
    for before, after in places:
        if not (line.start <= before < after < line.end) or page.text[before + 1:after].strip():
            return False
        a, b = page.chars[before].bbox, page.chars[after].bbox
        if a is None or b is None or _gap(a, b, horizontal) >= room * size:
            return False
    return True


def _gap(a: BBox, b: BBox, horizontal: bool) -> float:
    """The paper between two boxes along the line (negative where they overlap), whichever way it reads."""
    if horizontal:
        return max(b.x0 - a.x1, a.x0 - b.x1)
    return max(b.y0 - a.y1, a.y0 - b.y1)
