"""Personal details in the applicant's 作者简介 / Biography footnote line.

``作者简介：王淑珺（1985—），女，内蒙古包头人，工程师…`` — right after the applicant's
name, the birth year and birthplace narrow the applicant down as well as a
name does.  Found only next to an applicant name match that follows a bio
label; the policy removes the kinds listed in ``policy.author_bio_details``.
"""

from __future__ import annotations

import regex

from redactor.model import Finding, Page

RECOGNIZER = "author_bio.v1"
_LABEL = regex.compile(r"(?:作者简介|第一作者简介|作者介绍|Biography|About the author)[:：]?\s*$", regex.I)
_BIRTH = regex.compile(r"\G\s*[（(]\s*((?:19|20)\d{2})(?:\s*年)?(?:\s*[.\-—–~～]\s*\d{1,2})?\s*[—\-–~～]*\s*[）)]")
_PLACE = regex.compile(r"\G(?:[^。\n]{0,12}?[，,]\s*)?([\p{Han}]{2,10}人)(?=[，,。；;])")


def bio_details(page: Page, name: Finding) -> list[Finding]:
    """Birth year / birthplace after an applicant name that follows a bio label."""
    text = page.text
    if name.start is None or not _LABEL.search(text[max(0, name.start - 16):name.start]):
        return []
    out: list[Finding] = []
    pos = name.end
    m = _BIRTH.match(text, pos)
    if m:
        out.append(_finding(page, "birth_year", m.start(1), m.end(1)))
        pos = m.end()
    p = _PLACE.match(text, pos)
    if p and not any(w in p.group(1) for w in ("工程师", "教授", "研究员", "讲师", "医师", "教师", "工人")):
        out.append(_finding(page, "birthplace", p.start(1), p.end(1)))
    return [f for f in out if f.boxes]


def _finding(page: Page, kind: str, start: int, end: int) -> Finding:
    origins = {c.origin.value for c in page.chars[start:end] if c.bbox is not None}
    return Finding(
        page=page.number, entity_type="PERSONAL_DETAIL", boxes=page.boxes_for_span(start, end), recognizer=RECOGNIZER,
        score=0.9, text=page.text[start:end], start=start, end=end,
        explanation=(("detail", kind), ("source", "+".join(sorted(origins)) or "text_layer")),
    )
