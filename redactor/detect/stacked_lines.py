"""Values wrapped over two OCR lines of one table cell.

In a narrow table cell an organisation name wraps (包头钢铁（集团 / ）有限责任公司).
OCR reads the page row by row, so the two halves are not adjacent in
``page.text`` when other cells share the row: 包头钢铁（集团 · 技术中心 · 技术员 ·
）有限责任公司.  Matching on ``page.text`` alone misses the name.

Here each OCR line is joined with the line stacked directly under it (left
edges aligned within a line height, or right edges when the lower line runs further left: a paragraph
flowing around a picture beside its upper lines; the gap under a line height, the middles
at least half a line height apart -- the boxes of a skewed scan's lines
overlap --, the nearest such line) -- judged in the upright view of the raster, so
sideways scans and rotated pages work too -- and the applicant's forms are
matched on the joined text.  A match that spans the junction becomes a
finding with the boxes of both halves; matches inside one line are left to the
normal text analysis.

An invisible text layer (OCRmyPDF/Tesseract over a scan) has the same problem
without OCR lines: its words come with boxes, and the extractor joins the
words of two columns that sit on one row into one line (材料学院内蒙古科技大
材料学院内蒙古大学 / 学，包头 …), or interleaves the two columns' lines.  Its
lines are rebuilt from the characters -- a run of hidden-layer characters on
one extracted line, cut where the gap to the next character exceeds 1.5
character heights or the baseline jumps -- and paired the same way.  Lines of
the two sources are never paired with each other.
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


def hidden_lines(page: Page) -> list[OcrLine]:
    """The invisible text layer's lines, rebuilt from its characters (see the module's note)."""
    out: list[OcrLine] = []
    run: list[int] = []

    def flush() -> None:
        boxes = [page.chars[i].bbox for i in run]
        if run:
            out.append(OcrLine(run[0], run[-1] + 1, BBox.enclosing(boxes), 1.0))  # type: ignore[arg-type]
        run.clear()

    for i, c in enumerate(page.chars):
        if c.origin is not TextOrigin.HIDDEN_LAYER or c.bbox is None or not c.c.strip():
            if c.c == "\n" or c.origin is not TextOrigin.HIDDEN_LAYER:
                flush()
            continue          # a box-less space inside a hidden line: the run goes on
        if run:
            prev = page.chars[run[-1]].bbox
            assert prev is not None
            h = max(prev.height, c.bbox.height, 1.0)
            if c.bbox.x0 - prev.x1 > 1.5 * h or c.bbox.x1 < prev.x0 or abs(c.bbox.y1 - prev.y1) > 0.6 * h:
                flush()
        run.append(i)
    flush()
    return out


def stacked_pairs(page: Page) -> list[tuple[OcrLine, OcrLine]]:
    """(upper, lower) OCR lines -- or lines of an invisible text layer -- that read as one wrapped cell."""
    ocr = [ln for ln in page.ocr_lines
           if ln.end > ln.start and any(c.origin is TextOrigin.OCR for c in page.chars[ln.start:ln.end])]
    return _pairs(page, ocr) + _pairs(page, hidden_lines(page))


def _pairs(page: Page, lines: list[OcrLine]) -> list[tuple[OcrLine, OcrLine]]:
    if len(lines) < 2:
        return []
    if page.raster is not None:
        view = upright(page)
        boxes = {id(ln): _pixel_box(view, ln.bbox) for ln in lines}
    else:                     # no rendering (text only): page points, the page upright
        boxes = {id(ln): ln.bbox.as_tuple() for ln in lines}
    out = []
    for a in lines:
        au0, av0, au1, av1 = boxes[id(a)]
        h = av1 - av0
        if h <= 0 or (au1 - au0) < h:          # a horizontal text line in the upright view
            continue
        best, best_gap = None, None
        for b in lines:
            if b is a or (b.start < a.end and a.start < b.end):
                continue
            bu0, bv0, bu1, bv1 = boxes[id(b)]
            gap = bv0 - av1
            # OCR's line boxes are generous, and more so on a skewed scan (a tilted line's upright box
            # is taller): wrapped lines' boxes overlap by up to half a line; their middles stay apart
            pitch = 0.5 * (bv0 + bv1 - av0 - av1)
            if gap > 1.0 * h or pitch < 0.5 * h or not _continues(au0, au1, bu0, bu1, h):
                continue
            if min(au1, bu1) - max(au0, bu0) <= 0:
                continue
            if best_gap is None or gap < best_gap:
                best, best_gap = b, gap
        if best is not None:
            out.append((a, best))
    return out


def _continues(au0: float, au1: float, bu0: float, bu1: float, h: float) -> bool:
    """The lower line (``b``) goes on where the upper (``a``) ends: their left edges aligned (a cell, a
    paragraph), or their right edges aligned with the lower line reaching further left -- a justified
    paragraph whose upper lines were indented by a picture beside them (a bio's portrait) and whose lower
    line runs under the picture.  Within a line height."""
    return abs(bu0 - au0) <= h or (abs(bu1 - au1) <= h and bu0 < au0)


def wrapped_values(page: Page, forms: tuple[ValueForm, ...], fuzzy: bool = False) -> list[Finding]:
    """Findings for the applicant's values that run from one OCR line into the line under it."""
    out: list[Finding] = []
    for a, b in stacked_pairs(page):
        top, bottom = page.text[a.start:a.end], page.text[b.start:b.end]
        # joined at a line break, as the page's text joins its lines: a value matches across it, and an
        # OCR-tolerant reading never takes the lower line's first character for one the upper line ended
        # without (``variants.matching._across_lines``: a co-author's name under a unit line read short)
        joined = top + "\n" + bottom
        cut = len(top)
        for m in find_forms(joined, forms, fuzzy=fuzzy):
            if not (m.start < cut < m.end):
                continue
            if not "".join(joined[m.start:cut].split()) or not "".join(joined[cut:m.end].split()):
                continue
            s1, e1 = a.start + m.start, a.end
            s2, e2 = b.start, b.start + (m.end - cut - 1)
            boxes = page.boxes_for_span(s1, e1) + page.boxes_for_span(s2, e2)
            if not boxes:
                continue
            # where the characters came from, as for any text finding: OCR and hidden-layer boxes are padded
            # when painted, a text layer's inset (a wrapped name on an image read with the inset of a
            # text layer kept slivers of its strokes)
            chars = page.chars[s1:e1] + page.chars[s2:e2]
            source = "+".join(sorted({c.origin.value for c in chars if c.bbox is not None}))
            out.append(Finding(
                page=page.number, entity_type=ENTITY_FOR[m.form.category], boxes=tuple(boxes),
                recognizer=RECOGNIZER, score=m.score, text=joined[m.start:m.end], start=s1, end=e1,
                explanation=(("form_kind", m.form.kind), ("profile_field", m.form.field),
                             ("needs_evidence", m.form.needs_evidence), ("rank", m.form.rank),
                             ("fuzzy", m.fuzzy), ("wrapped_lines", True), ("source", source or "ocr")),
            ))
    return out
