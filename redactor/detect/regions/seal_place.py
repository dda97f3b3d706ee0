"""A seal's place on the page: the letterhead above it.  (The form label of its place is read by the role
lexicon in ``redactor.ownership.seal_place.place_of``, for policy and the final check alike.)

A letter or certificate has no form label: its issuer is named by its letterhead, the
page's first printed line (``page_heading``), and its stamp is the issuer's -- a 在职证明 on
the employer's letterhead carries the employer's seal.  The detector reports that line
above the seal; whether it names the employer is the policy's to say.
"""

from __future__ import annotations

from redactor.model import BBox, Page

HEADING_BAND = 0.2     # share of the page height, from the top, where a letterhead is printed


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
