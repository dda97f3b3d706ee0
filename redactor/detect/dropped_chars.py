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

At a line's start there is no character before it to measure from: there the other lines of its block are the
ruler.  A line opens at the margin its block's lines share; a reading whose first character stands where a
neighbouring line's first character stands (within ``margin`` character sizes) has no room before it on the
paper, while a character OCR lost at the line's start leaves the reading a character in from the margin.

Only OCR lines whose character boxes were measured (RapidOCR's CTC columns) carry this evidence; a line whose
boxes were split from the line's box in proportion (``OcrLine.split_boxes``) spreads the characters it read
over the room of the one it lost, and says nothing here.
"""

from __future__ import annotations

from collections.abc import Sequence
from statistics import median

from redactor.model import BBox, OcrLine, Page

__all__ = ["no_room_for_dropped", "LINE_START"]

LINE_START = -1     # a place's "before" offset where the dropped character would open the reading's line
NEIGHBOUR_LINES = 4.0   # character sizes across the lines: how far a line may lie from the reading's and be its
#                         block's neighbour, whose start shows the margin (a paragraph's or a list's next line)


def no_room_for_dropped(page: Page, start: int, end: int, places: Sequence[tuple[int, int]], room: float,
                        margin: float = 0.0) -> bool:
    """True when, at every place a character could have been dropped from the reading ``page.text[start:end]``
    (``places``: offsets of the characters printed on either side, ``recognizers.applicant_value_recognizer.
    dropped_between``), the two stand closer than ``room`` character sizes (across the line) apart along their
    OCR line, with nothing printed between them (a character OCR read as a mark the name's matching passes over,
    a bar or a dot, took its room); at the line's start (``LINE_START``), when the reading's first character
    stands at a neighbouring line's start, within ``margin`` character sizes (0: never).  False where any place
    has room, or the line's boxes were not measured."""
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
        if before == LINE_START:
            if not _at_the_margin(page, line, after, horizontal, size, margin):
                return False
            continue
        if not (line.start <= before < after < line.end) or page.text[before + 1:after].strip():
            return False
        a, b = page.chars[before].bbox, page.chars[after].bbox
        if a is None or b is None or _gap(a, b, horizontal) >= room * size:
            return False
    return True


def _at_the_margin(page: Page, line: OcrLine, first: int, horizontal: bool, size: float, margin: float) -> bool:
    """The reading's first character, ``page.text[first]``, opens ``line`` and stands where a neighbouring OCR
    line of the same direction opens (its first character's start within ``margin`` character sizes; the lines
    ``NEIGHBOUR_LINES`` sizes apart or less): the block's margin, with no room for a character before it."""
    if margin <= 0 or first != line.start or page.text[line.start:first].strip():
        return False
    own = page.chars[first].bbox
    if own is None:
        return False
    for other in page.ocr_lines:
        if other is line or other.split_boxes or (other.bbox.width >= other.bbox.height) != horizontal:
            continue
        lead = next((c.bbox for c in page.chars[other.start:other.end] if c.bbox is not None and c.c.strip()), None)
        if lead is None:
            continue
        along = abs(lead.x0 - own.x0) if horizontal else abs(lead.y0 - own.y0)
        across = abs(lead.center[1] - own.center[1]) if horizontal else abs(lead.center[0] - own.center[0])
        if along <= margin * size and across <= NEIGHBOUR_LINES * size:
            return True
    return False


def _gap(a: BBox, b: BBox, horizontal: bool) -> float:
    """The paper between two boxes along the line (negative where they overlap), whichever way it reads."""
    if horizontal:
        return max(b.x0 - a.x1, a.x0 - b.x1)
    return max(b.y0 - a.y1, a.y0 - b.y1)
