"""Values wrapped over two OCR lines of one table cell.

In a narrow table cell an organisation name wraps (包头钢铁（集团 / ）有限责任公司).
OCR reads the page row by row, so the two halves are not adjacent in
``page.text`` when other cells share the row: 包头钢铁（集团 · 技术中心 · 技术员 ·
）有限责任公司.  Matching on ``page.text`` alone misses the name.

Here each OCR line is joined with the line stacked directly under it (left
edges aligned within a line height, the gap under a line height, nothing in
between that overlaps both) -- judged in the upright view of the raster, so
sideways scans and rotated pages work too -- and the applicant's forms are
matched on the joined text.  A match that spans the junction becomes a
finding with the boxes of both halves; matches inside one line are left to the
normal text analysis.
"""

from __future__ import annotations

from redactor.detect.regions.base import upright
from redactor.model import BBox, Finding, OcrLine, Page, TextOrigin
from redactor.detect.recognizers.applicant_value_recognizer import ENTITY_FOR
from redactor.variants import ValueForm, find_forms

RECOGNIZER = "applicant_value.v1"


def _pixel_box(page: Page, b: BBox) -> tuple[float, float, float, float]:
    assert page.raster is not None
    pts = [page.raster.to_pixels(x, y) for x in (b.x0, b.x1) for y in (b.y0, b.y1)]
    us, vs = [p[0] for p in pts], [p[1] for p in pts]
    return min(us), min(vs), max(us), max(vs)


def stacked_pairs(page: Page) -> list[tuple[OcrLine, OcrLine]]:
    """(upper, lower) OCR lines that read as one wrapped cell."""
    if page.raster is None or not page.ocr_lines:
        return []
    view = upright(page)
    lines = [ln for ln in page.ocr_lines
             if ln.end > ln.start and any(c.origin is TextOrigin.OCR for c in page.chars[ln.start:ln.end])]
    boxes = {id(ln): _pixel_box(view, ln.bbox) for ln in lines}
    out = []
    for a in lines:
        au0, av0, au1, av1 = boxes[id(a)]
        h = av1 - av0
        if h <= 0 or (au1 - au0) < h:          # a horizontal text line in the upright view
            continue
        best, best_gap = None, None
        for b in lines:
            if b is a:
                continue
            bu0, bv0, bu1, bv1 = boxes[id(b)]
            gap = bv0 - av1
            if not -0.3 * h <= gap <= 1.0 * h or abs(bu0 - au0) > 1.0 * h:
                continue
            if min(au1, bu1) - max(au0, bu0) <= 0:
                continue
            if best_gap is None or gap < best_gap:
                best, best_gap = b, gap
        if best is not None:
            out.append((a, best))
    return out


def wrapped_values(page: Page, forms: tuple[ValueForm, ...], fuzzy: bool = False) -> list[Finding]:
    """Findings for the applicant's values that run from one OCR line into the line under it."""
    out: list[Finding] = []
    for a, b in stacked_pairs(page):
        top, bottom = page.text[a.start:a.end], page.text[b.start:b.end]
        joined = top + bottom
        cut = len(top)
        for m in find_forms(joined, forms, fuzzy=fuzzy):
            if not (m.start < cut < m.end):
                continue
            if not "".join(joined[m.start:cut].split()) or not "".join(joined[cut:m.end].split()):
                continue
            s1, e1 = a.start + m.start, a.end
            s2, e2 = b.start, b.start + (m.end - cut)
            boxes = page.boxes_for_span(s1, e1) + page.boxes_for_span(s2, e2)
            if not boxes:
                continue
            out.append(Finding(
                page=page.number, entity_type=ENTITY_FOR[m.form.category], boxes=tuple(boxes),
                recognizer=RECOGNIZER, score=m.score, text=joined[m.start:m.end], start=s1, end=e1,
                explanation=(("form_kind", m.form.kind), ("profile_field", m.form.field),
                             ("needs_evidence", m.form.needs_evidence), ("rank", m.form.rank),
                             ("fuzzy", m.fuzzy), ("wrapped_lines", True)),
            ))
    return out
