"""Another tool's hidden OCR layer misreads a name; where our own OCR read the place, our reading decides.

A scan made searchable elsewhere (OCRmyPDF's Tesseract) carries an invisible text layer.  It read a
co-author 何志亮 as 何志 -- the applicant's name -- while our OCR read the same pixels as 何志亮, another
person's name that policy keeps.  The hidden 何志 was removed with a solid box over 何志亮's pixels, and the
co-author's bio portrait beside it was then taken for the applicant's.

The hidden copy's text still goes (it says the applicant's name, and a search would find it), but without a
box: the pixels are what our OCR read there, someone else's name.  And it says nothing about whose the
picture beside it is.  (``redact`` removes such a copy as text only: ``text_only`` in its explanation.)

Unless our OCR's name there is the applicant's with one glyph read wrong (王淑君 where the layer reads 王淑珺: the
same length, all but one character in place): then two readers disagree on one glyph, and one of them reads the
applicant's exact name.  That place is the applicant's name -- our reading is removed too (``OCR_MISREAD``, for
review) and the hidden copy keeps its box, so the bio it opens and the portrait beside it are the applicant's."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from redactor.model import Action, BBox, Category, Decision
from redactor.normalize import compact

MISREAD = "own.name.hidden_misread"
OCR_MISREAD = "own.name.ocr_misread"


def hidden_misreads(decisions: list[Decision], names: Iterable[str] = (), min_agreeing: int = 2) -> list[Decision]:
    """Decisions with the hidden layer's copies of the applicant's name that lie on another person's name
    our OCR read made text-only removals (rule ``MISREAD``) -- unless our OCR's name there is one of ``names``
    with one glyph misread, sharing ``min_agreeing`` characters or more in place: that reading is the
    applicant's name, removed for review (rule ``OCR_MISREAD``)."""
    decisions = _ocr_misreads(decisions, tuple(n for n in names if n), min_agreeing)
    others: dict[int, list[BBox]] = {}
    own: dict[int, list[BBox]] = {}          # where our OCR read the applicant's name itself
    for d in decisions:
        f = d.finding
        if f.is_region or f.explain("source", "") != "ocr":
            continue
        if d.action is Action.KEEP and d.rule.startswith("other.person"):
            others.setdefault(f.page, []).extend(f.boxes)
        elif d.action is Action.REDACT and f.category is Category.NAME:
            own.setdefault(f.page, []).extend(f.boxes)
    if not others:
        return decisions
    out = []
    for d in decisions:
        f = d.finding
        if d.action is Action.REDACT and f.category is Category.NAME and not f.is_region and f.boxes \
                and f.explain("source", "") == "hidden_layer" \
                and all(any(_mostly_inside(b, o) for o in others.get(f.page, ())) for b in f.boxes) \
                and not any(b.intersection_area(o) > 0 for b in f.boxes for o in own.get(f.page, ())):
            f = replace(f, explanation=f.explanation + (("text_only", True),))
            d = replace(d, finding=f, rule=MISREAD,
                        reason="the hidden text layer's copy of the applicant's name lies on another person's name "
                               "our OCR read there: its text is removed, the pixels stay")
        out.append(d)
    return out


def _one_glyph_off(text: str, names: tuple[str, ...], min_agreeing: int) -> bool:
    c = compact(text)
    for n in names:
        if len(n) == len(c) and n != c:
            same = sum(a == b for a, b in zip(n, c))
            if same == len(n) - 1 and same >= min_agreeing:
                return True
    return False


def _ocr_misreads(decisions: list[Decision], names: tuple[str, ...], min_agreeing: int) -> list[Decision]:
    """Our OCR's other-person names one glyph off the applicant's where the hidden layer reads the applicant's
    exact name over them: removed as the applicant's, for review."""
    hidden: dict[int, list[BBox]] = {}
    for d in decisions:
        f = d.finding
        if d.action is Action.REDACT and f.category is Category.NAME and not f.is_region \
                and f.explain("source", "") == "hidden_layer" and compact(f.text) in names:
            hidden.setdefault(f.page, []).extend(f.boxes)
    if not hidden or not names:
        return decisions
    out = []
    for d in decisions:
        f = d.finding
        if d.action is Action.KEEP and d.rule.startswith("other.person") and not f.is_region and f.boxes \
                and f.explain("source", "") == "ocr" and _one_glyph_off(f.text, names, min_agreeing) \
                and any(_mostly_inside(h, b) for h in hidden.get(f.page, ()) for b in f.boxes):
            d = Decision(f, Action.REDACT, OCR_MISREAD,
                         "our OCR reads the applicant's name with one character off where the scan's hidden text "
                         "layer reads it exactly: the applicant's name", profile_field="name", needs_review=True)
        out.append(d)
    return out


def _mostly_inside(a: BBox, b: BBox) -> bool:
    w = min(a.x1, b.x1) - max(a.x0, b.x0)
    h = min(a.y1, b.y1) - max(a.y0, b.y0)
    return w > 0 and h > 0 and w * h >= 0.5 * max(a.area, 1e-6)
