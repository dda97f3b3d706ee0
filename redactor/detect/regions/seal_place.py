"""A seal's place on the page: the form label of the row or box it is stamped in.

A seal is stamped where its organisation signs: a form's 单位意见 / 所在单位（盖章）
row is the applicant's unit's, a 主管部门（盖章） or 评审委员会意见 row another
body's.  When the ring cannot be read, that place is evidence of whose the seal is
(the policy weighs it: ``policy/seal_owner.py``); the detector only reports which
label it is and how far away, never a decision.

A label is the seal's when it is on the seal's row (its box overlaps the seal's
height band and lies left of the seal's centre: the label cell of a form row) or
just above it (overlapping the seal horizontally, at most ``ABOVE`` seal sizes
up: 单位（盖章）： printed over the stamp).  Of several, the one whose centre is
nearest the seal's row wins.  A label preceded by another body's word (主管单位意见,
上级单位意见) is that body's.

A letter or certificate has no form label: its issuer is named by its letterhead, the
page's first printed line (``page_heading``), and its stamp is the issuer's -- a 在职证明 on
the employer's letterhead carries the employer's seal.  The detector reports that line
above the seal; whether it names the employer is the policy's to say.
"""

from __future__ import annotations

from redactor.model import BBox, Page

from redactor.vocabulary import vocabulary

from .base import find_text

# configs/labels.yaml: where the applicant's own unit stamps, where another body does, and the words that
# make an own label another body's (主管单位意见)
OWN_LABELS = vocabulary().seal_place.own
OTHER_LABELS = vocabulary().seal_place.other
_OTHER_PREFIX = vocabulary().seal_place.other_prefix

ABOVE = 0.8            # seal sizes: a label this far above the seal, over it horizontally, is its label
HEADING_BAND = 0.2     # share of the page height, from the top, where a letterhead is printed


def place_label(page: Page, box: BBox) -> tuple[str, str, float] | None:
    """(label, "own" | "other", distance in points) of the form label the seal at ``box`` is stamped
    under, or None."""
    if not page.text:
        return None
    size = max(box.width, box.height)
    cy = (box.y0 + box.y1) / 2
    best: tuple[float, str, str] | None = None
    for hit in find_text(page, OWN_LABELS + OTHER_LABELS):
        b = hit.bbox
        kind = "other" if any(hit.label.startswith(w) or w in hit.label for w in OTHER_LABELS) else "own"
        if kind == "own" and _preceded_by_other(page, hit.start):
            kind = "other"
        on_row = b.y1 > box.y0 and b.y0 < box.y1 and b.x0 < (box.x0 + box.x1) / 2
        above = b.x1 > box.x0 and b.x0 < box.x1 and box.y0 - ABOVE * size <= b.y1 <= cy
        if not (on_row or above):
            continue
        d = abs((b.y0 + b.y1) / 2 - cy) + (0.0 if on_row else 0.5 * size)
        if best is None or d < best[0]:
            best = (d, hit.label, kind)
    if best is None:
        return None
    return best[1], best[2], round(best[0], 1)


def _preceded_by_other(page: Page, start: int) -> bool:
    before = "".join(page.text[max(0, start - 4):start].split())
    return any(before.endswith(w) for w in _OTHER_PREFIX)


def page_heading(page: Page, box: BBox) -> str:
    """The page's first printed line (its characters left to right) when it lies in the top
    ``HEADING_BAND`` of the page and above the seal at ``box``: a letterhead or a title; else ""."""
    top = [ch for ch in page.chars if ch.bbox is not None and ch.c.strip()
           and ch.bbox.y1 <= min(HEADING_BAND * page.height, box.y0)]
    if not top:
        return ""
    first = min(top, key=lambda ch: ch.bbox.y0).bbox       # type: ignore[union-attr]
    row = [ch for ch in top if first.y0 <= (ch.bbox.y0 + ch.bbox.y1) / 2 <= first.y1]   # type: ignore[union-attr]
    return "".join(ch.c for ch in sorted(row, key=lambda ch: ch.bbox.x0))             # type: ignore[union-attr]
