"""The employer's name in English set right under (or over) its Chinese name: a bilingual letterhead or heading.

包头钢铁（集团）有限责任公司 over ``Baotou Iron and Steel (Group) Co., Ltd.`` on a 在职证明's letterhead names the
employer twice, and a profile lists the Chinese name only.  Papers tie their English affiliation to the Chinese
one by number (``affiliations``); a letterhead ties them by layout.  A line is the employer's English name when
the applicant's employer stands (almost) alone on its line, and the line sits next to it -- above or below, no
further than ``_GAP_HEIGHTS`` of its height, overlapping it across -- in Latin letters only, naming an
organisation (Co., Ltd., Group, University, Hospital, ...: ``affiliations.MAIN_ORG``).  A table row under a
``工作单位`` value is no such line: that value does not stand alone on its line.
"""

from __future__ import annotations

from redactor.detect.affiliations import MAIN_ORG, text_source
from redactor.model import BBox, Finding, Page

__all__ = ["RECOGNIZER", "english_twins"]

RECOGNIZER = "letterhead_twin.v1"
_ALONE = 0.7            # the employer's share of its line's characters (spaces and punctuation aside)
_GAP_HEIGHTS = 1.5      # how far from the employer's line the English line may sit, in the employer line's heights
_LATIN = 0.8            # the English line's share of ASCII letters among its letters


def english_twins(page: Page, employer_spans: list[tuple[int, int]]) -> list[Finding]:
    """One ``EMPLOYER_TWIN`` finding per line of ``page`` that gives one of ``employer_spans`` in English."""
    lines = _lines(page)
    out: list[Finding] = []
    seen: set[int] = set()
    for start, end in employer_spans:
        home = next((i for i, (s, e, _) in enumerate(lines) if s <= start < e), None)
        if home is None or _share(page.text[start:end], page.text[lines[home][0]:lines[home][1]]) < _ALONE:
            continue
        anchor = lines[home][2]
        for i, (s, e, box) in enumerate(lines):
            if i == home or i in seen or box is None or anchor is None:
                continue
            text = page.text[s:e].strip()
            if not _beside(anchor, box) or not _english_org(text):
                continue
            seen.add(i)
            out.append(Finding(
                page=page.number, entity_type="EMPLOYER_TWIN", boxes=page.boxes_for_span(s, e), recognizer=RECOGNIZER,
                score=0.8, text=page.text[s:e], start=s, end=e,
                explanation=(("twin_of", "employer"), ("script", "latin"), ("source", text_source(page, s, e)))))
    return out


def _lines(page: Page) -> list[tuple[int, int, BBox | None]]:
    """(start, end, box) of each line of the page's text."""
    out = []
    start = 0
    for part in page.text.split("\n"):
        end = start + len(part)
        boxes = [c.bbox for c in page.chars[start:end] if c.bbox is not None and c.c.strip()]
        out.append((start, end, BBox.enclosing(boxes) if boxes else None))
        start = end + 1
    return out


def _share(part: str, line: str) -> float:
    def count(s: str) -> int:
        return sum(1 for ch in s if ch.isalnum())

    return count(part) / max(1, count(line))


def _beside(anchor: BBox, box: BBox) -> bool:
    gap = max(box.y0 - anchor.y1, anchor.y0 - box.y1)
    across = min(anchor.x1, box.x1) - max(anchor.x0, box.x0)
    return gap <= _GAP_HEIGHTS * anchor.height and across >= 0.5 * min(anchor.width, box.width)


def _english_org(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    if len(letters) < 6 or ":" in text or "：" in text:
        return False
    if sum(1 for ch in letters if ch.isascii()) < _LATIN * len(letters):
        return False
    return bool(MAIN_ORG.search(text))
