"""The geometry of a stamp and the text around it, for whose-a-seal-is decisions (``ownership.seals``) and its place
(``ownership.seal_place``): neighbourhoods in seal sizes, the ellipse its box holds, a ring's text read aslant,
and when text read at a stamp is that stamp's own ink read as print."""

from __future__ import annotations

import math
from collections.abc import Collection, Sequence

from redactor.model import BBox, Finding
from redactor.normalize import fold

OVER = 0.15          # the stamp's own neighbourhood, in seal sizes


def grown(b: BBox, k: float) -> BBox:
    d = k * max(b.width, b.height)
    return BBox(b.x0 - d, b.y0 - d, b.x1 + d, b.y1 + d)


def touches(a: BBox, b: BBox) -> bool:
    return min(a.x1, b.x1) > max(a.x0, b.x0) and min(a.y1, b.y1) > max(a.y0, b.y0)


def in_line(seal: BBox, b: BBox) -> bool:
    """``b`` in the seal's column or row, not off its corner: overlapping the seal's box along one axis by half
    of the smaller extent there.  A line whose bottom grazes the top of the stamp's box (3 of its 23 pt, a
    phone-photographed 资格证书's 工作单位 row above the authority's stamp on the photo's corner) is the
    row above, diagonally off the stamp, not beside it."""
    across = min(seal.x1, b.x1) - max(seal.x0, b.x0)
    down = min(seal.y1, b.y1) - max(seal.y0, b.y0)
    return (across > 0.5 * min(seal.width, b.width)) or (down > 0.5 * min(seal.height, b.height))


def squeeze(text: str) -> str:
    return fold("".join(ch for ch in text if not ch.isspace()))


def inside(a: BBox, b: BBox) -> bool:
    """Most of ``a`` inside ``b``."""
    return a.intersection_area(b) >= 0.5 * a.area if a.area > 0 else False


SAME_STAMP_SHARE = 0.5   # share of the smaller of two seal boxes they share for them to be one stamp found twice


def same_stamp(a: BBox, b: BBox) -> bool:
    """Two seal boxes over one stamp: they share ``SAME_STAMP_SHARE`` of the smaller."""
    return a.intersection_area(b) >= SAME_STAMP_SHARE * max(min(a.area, b.area), 1e-6)


OWN_INK_SHARE = 0.75    # share of a text's characters, inside a stamp's box, that the stamp's own reading holds
                        # for the text to be the stamp's ink read a second time (two OCR passes misread apart)


STAR_SHARE = 0.3        # share of a stamp's radius its star takes at the centre: a text box centred there is a
                        # line printed through the stamp, not the stamp's own ring or inner line


INK_READ_AGAIN = 0.6    # a printed name this much under text the records hold as the stamp's ink is that ink read again
RING_SHARE = 0.55        # share of a stamp's radius beyond which a character lies on its ring (its text's band)
ARC_SLANT_DEG = 15.0     # degrees off both a row and a column from which a run of characters read as a word runs
                         # aslant: a ring's text, not a printed line (a scan's skew is a few degrees)


def elliptic_r2(box: BBox, seal: BBox, *, turned: bool = False) -> tuple[float, float]:
    """(the largest squared elliptic radius of ``box``'s corners -- of its edges' middles where ``turned`` --,
    that of its centre) in the stamp's ellipse."""
    cx, cy, a, b = (seal.x0 + seal.x1) / 2, (seal.y0 + seal.y1) / 2, seal.width / 2, seal.height / 2
    mx, my = (box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2

    def r2(x: float, y: float) -> float:
        return ((x - cx) / a) ** 2 + ((y - cy) / b) ** 2

    points = ((mx, box.y0), (mx, box.y1), (box.x0, my), (box.x1, my)) if turned else \
        tuple((x, y) for x in (box.x0, box.x1) for y in (box.y0, box.y1))
    return max(r2(x, y) for x, y in points), r2(mx, my)


def within_outline(boxes: Sequence[BBox], seal: BBox, *, star: bool = True,
                    turned: Collection[BBox] = ()) -> bool:
    """Every corner of every box lies inside the ellipse the stamp's box holds, and (``star``) no box is centred
    on the stamp's star: text of the stamp's own (its ring text, its inner line 技术中心 or 专用章 beside or under
    the star).  A printed name under a stamp runs past its outline or through its middle.
    A box in ``turned`` holds a character turned with the ring (``arced``): its upright box's corners are empty
    paper past the glyph, which touches the box at its edges' middles -- those are what must lie inside."""
    if not boxes or seal.width <= 0 or seal.height <= 0:
        return False
    radii = [elliptic_r2(box, seal, turned=box in turned) for box in boxes]
    return all(corner <= 1.0 and (not star or centre >= STAR_SHARE ** 2) for corner, centre in radii)


def arced(lines: Sequence[Sequence[BBox]]) -> frozenset[BBox]:
    """The characters of the lines that run aslant: three or more whose first and last centres lie
    ``ARC_SLANT_DEG`` or more off both a row and a column -- a ring's text read by the page's OCR as a word, its
    characters turned with the ring; a printed line runs along a row or a column (a scan's skew is a few
    degrees)."""
    out: set[BBox] = set()
    for ln in lines:
        if len(ln) < 3:
            continue
        dx = abs((ln[-1].x0 + ln[-1].x1) - (ln[0].x0 + ln[0].x1)) / 2
        dy = abs((ln[-1].y0 + ln[-1].y1) - (ln[0].y0 + ln[0].y1)) / 2
        if math.degrees(math.atan2(min(dx, dy), max(dx, dy))) >= ARC_SLANT_DEG:
            out.update(ln)
    return frozenset(out)


def along_the_ring(org: Finding, seal: Finding) -> bool:
    """``org``, read a box per character, has a run of characters at the stamp that runs aslant (``arced``):
    text along its ring, which no printed line is."""
    chars = [ch for ch in (org.text or "") if not ch.isspace()]
    if len(chars) != len(org.boxes):
        return False
    line_of = [n for n, ln in enumerate((org.text or "").split("\n")) for ch in ln if not ch.isspace()]
    near = grown(seal.boxes[0], OVER)
    at = [i for i, b in enumerate(org.boxes) if touches(near, b)]
    return bool(arced([[org.boxes[i] for i in at if line_of[i] == n] for n in sorted({line_of[i] for i in at})]))


def ring_with_its_inner_line(lines: Sequence[Sequence[BBox]], seal: BBox) -> bool:
    """Lines read at a stamp, one of them on its ring (every character past ``RING_SHARE`` of the radius), all of
    them inside its outline: the ring's text and the stamp's own inner line, which on a stamp with no star sits at
    its middle (技术中心 across the centre, 集团 / 有限 / 任公 on the ring, read by the page's OCR as words).  A name
    printed through a stamp is one line across its middle, and runs past the outline unless it is short."""
    lines = [ln for ln in lines if ln]
    if len(lines) < 2 or not within_outline([b for ln in lines for b in ln], seal, star=False, turned=arced(lines)):
        return False
    return any(all(elliptic_r2(b, seal)[1] >= RING_SHARE ** 2 for b in ln) for ln in lines)


def on_ink_lines(boxes: Sequence[BBox], seal: Finding) -> bool:
    """``boxes`` lie on the lines the seal detector saw in the stamp's own ink (``ink_lines``: a line read inside
    the stamp whose ink is its pad's tint on a colour page, or lighter than the page's print on a greyscale scan,
    not print's black), ``INK_READ_AGAIN`` of their area or more."""
    lines = [BBox(*b) for b in (seal.explain("ink_lines", ()) or ())]
    area = sum(b.area for b in boxes)
    if not lines or area <= 0:
        return False
    return sum(b.intersection_area(ln) for b in boxes for ln in lines) >= INK_READ_AGAIN * area


def own_ink(org: Finding, seal: Finding) -> bool:
    """``org`` is the stamp's own ink read as print: inside the seal's box, and (nearly) every character of it
    is in the seal's own reading -- a partial impression's 集团 / 有限, read by the page's OCR as two words; a
    grey scan's 技术中心 read 撞术中心 by the ring's reading and 注本中心 by the page's -- or lying wholly inside the
    stamp's outline (``within_outline``) where the ring's reading is only a fragment (a small grey stamp on a
    two-up scan: the page's OCR read 责任公司 on its ring and 技术中心 under its star, the ring's own reading five
    other characters)."""
    reading = squeeze(seal.text or "")
    box = seal.boxes[0]
    line_of = [n for n, ln in enumerate((org.text or "").split("\n")) for ch in ln if not ch.isspace()]
    chars = [ch for ch in (org.text or "") if not ch.isspace()]
    boxes = list(org.boxes)
    lines: list[list[BBox]] = []
    if len(chars) == len(boxes):
        # a box per character (OCR): only the characters at this stamp count -- page text read across two
        # stamps (two copies of a form on one sheet) is each stamp's own ink where it lies
        near = grown(box, OVER)
        kept = [i for i, b in enumerate(boxes) if touches(near, b)]
        lines = [[boxes[i] for i in kept if line_of[i] == n] for n in sorted({line_of[i] for i in kept})]
        chars, boxes = [chars[i] for i in kept], [boxes[i] for i in kept]
    elif len(rows := [ln for ln in (org.text or "").split("\n") if ln.strip()]) == len(boxes) > 1:
        # a box per line (a name the recogniser read over two OCR lines: pen strokes read 生 above the stamp's
        # 技术中心): likewise only the lines at this stamp count
        near = grown(box, OVER)
        kept = [i for i, b in enumerate(boxes) if touches(near, b)]
        chars = [ch for i in kept for ch in rows[i] if not ch.isspace()]
        boxes = [boxes[i] for i in kept]
    text = [ch for ch in fold("".join(chars)) if ch.isalnum()]
    if text and (within_outline(boxes, box, turned=arced(lines)) or ring_with_its_inner_line(lines, box)
                 or on_ink_lines(boxes, seal)):
        return True
    if org.explain("source") == "text_layer":
        # text the PDF draws is print, whatever the stamp over it reads: a body prints its name and stamps it
        # (包头稀土（集团）有限责任公司 under its own stamp on a 成果应用证明); a stamp drawn as text is its outline's
        return False
    return bool(text) and all(inside(b, box) for b in boxes) and \
        sum(ch in reading for ch in text) >= OWN_INK_SHARE * len(text)
