"""Author affiliation markers and numbered affiliation lines on papers.

A paper's author block marks each author with a superscript (王淑珺¹, WANG
Shujun¹) and lists the affiliations by number: ``（1. 包头钢铁（集团）有限责任公司
技术中心，内蒙古 包头 014010；2. 北京科技大学，北京 100083）`` and again in English.
The applicant's marker tells which affiliation line is theirs — including the
English one, which the profile rarely spells.  Detection only finds markers and
segments; the policy decides (a segment is the applicant's if its number is
one of the applicant's markers on that page).

OCR loses markers: a raised ``¹`` is often read as ``'`` or dropped.  So each
segment also says whether it names the applicant's employer; the policy links a
Chinese segment that does to the English segment with the same number, which
names the same organisation in English.
"""

from __future__ import annotations

import regex

from redactor.model import BBox, Finding, Page, TextOrigin
from redactor.org_words import alternation, org_words

RECOGNIZER = "affiliation.v1"

# "1." / "1．" opening a segment after a bracket, a separator or a line start
_START = regex.compile(r"(?:(?<=[（(；;]\s{0,2})|(?<=^)|(?<=\n))[ \t\u3000]*([1-9][0-9]?)[ \t\u3000]*[.．](?![0-9])", regex.M)
_ORG_WORDS = regex.compile(alternation(org_words().affiliation_words), regex.I)     # configs/org_words.yaml
_MAX_SEGMENT = 160
_MARKER_CHARS = set("0123456789*,，¹²³⁴⁵⁶⁷⁸⁹⁰")
_SUPERSCRIPT_DIGITS = str.maketrans("¹²³⁴⁵⁶⁷⁸⁹⁰", "1234567890")
# What OCR makes of a raised ¹ right after a name: an apostrophe or a quote.
_OCR_ONE = set("'’‘`ʼ′")


def affiliation_segments(page: Page, employer_spans: list[tuple[int, int]] = ()) -> list[Finding]:
    """Numbered affiliation segments that name an organisation.

    ``employer_spans`` are the page offsets of the applicant's employer as matched
    by the profile; a segment containing one says so (``names_employer``).
    """
    text = page.text
    starts = list(_START.finditer(text))
    out: list[Finding] = []
    for i, m in enumerate(starts):
        seg_start = m.end()
        limit = starts[i + 1].start() if i + 1 < len(starts) else len(text)
        end = _segment_end(text, seg_start, min(limit, seg_start + _MAX_SEGMENT))
        while end > seg_start and text[end - 1] in " \t\n\u3000，,":
            end -= 1
        while seg_start < end and text[seg_start] in " \t\u3000":
            seg_start += 1
        segment = text[seg_start:end]
        if len(segment) < 4 or not _ORG_WORDS.search(segment):
            continue
        boxes = page.boxes_for_span(seg_start, end)
        if not boxes:
            continue
        latin = sum(c.isascii() and c.isalpha() for c in segment) > len(segment) / 2
        names_employer = any(seg_start <= s and e <= end for s, e in employer_spans)
        common = (("marker", m.group(1)), ("script", "latin" if latin else "cjk"),
                  ("source", text_source(page, seg_start, end)), ("names_employer", names_employer))
        out.append(Finding(
            page=page.number, entity_type="AFFILIATION", boxes=boxes, recognizer=RECOGNIZER, score=0.8,
            text=segment, start=seg_start, end=end, explanation=common + (("part", "line"),),
        ))
        if latin:
            o0, o1 = organisation_span(segment)
            org_boxes = page.boxes_for_span(seg_start + o0, seg_start + o1)
            if o1 > o0 and org_boxes:
                out.append(Finding(
                    page=page.number, entity_type="AFFILIATION", boxes=org_boxes, recognizer=RECOGNIZER, score=0.8,
                    text=segment[o0:o1], start=seg_start + o0, end=seg_start + o1,
                    explanation=common + (("part", "organisation"),),
                ))
    return out


# An English affiliation is a comma list: sub-unit, organisation, city + postcode, country.
MAIN_ORG = regex.compile(
    r"\b(?:Co|Corp|Inc)\.|\b(?:Ltd|Company|Corporation|Group|Inc|University|College|Institute|Academy|Hospital|"
    r"Bureau|Administration|Commission|Ministry|Government|Press)\b", regex.I)
_LEGAL_TAIL = regex.compile(r"^\s*(?:Ltd\.?|Co\.|Inc\.?|LLC|PLC)\s*$", regex.I)
_PLACE_TAIL = regex.compile(r"[0-9]{6}|^\s*(?:P\.\s*R\.\s*)?China\s*$|^\s*PRC\s*$", regex.I)


def organisation_span(segment: str) -> tuple[int, int]:
    """Offsets of the organisation's name in an English affiliation segment
    (``Technology Center, Baotou Iron and Steel (Group) Co., Ltd., Baotou 014010, China``
    → ``Baotou Iron and Steel (Group) Co., Ltd.``): the last comma piece naming a
    main organisation plus any legal tail (``Ltd.``); without one, everything
    before the city/postcode/country pieces."""
    pieces: list[tuple[int, int]] = []
    pos = 0
    for part in regex.split(r"(,)", segment):
        if part != ",":
            pieces.append((pos, pos + len(part)))
        pos += len(part)
    pieces = [(a + len(segment[a:b]) - len(segment[a:b].lstrip()), b - (len(segment[a:b]) - len(segment[a:b].rstrip())))
              for a, b in pieces]
    pieces = [(a, b) for a, b in pieces if b > a]
    # the organisation is the last piece naming one (sub-units come first: College of
    # Science, Inner Mongolia University); a bare legal tail (Ltd.) only extends it
    named = [i for i, (a, b) in enumerate(pieces)
             if MAIN_ORG.search(segment[a:b]) and not _LEGAL_TAIL.match(segment[a:b])]
    if not named:
        keep = [p for p in pieces if not _PLACE_TAIL.search(segment[p[0]:p[1]])]
        return (keep[0][0], keep[-1][1]) if keep else (0, 0)
    first = last = named[-1]
    while last + 1 < len(pieces) and _LEGAL_TAIL.match(segment[pieces[last + 1][0]:pieces[last + 1][1]]):
        last += 1
    return pieces[first][0], pieces[last][1]


def _segment_end(text: str, start: int, limit: int) -> int:
    depth = 0
    for j in range(start, limit):
        c = text[j]
        if c in "（(":
            depth += 1
        elif c in "）)":
            if depth == 0:
                return j            # closes the bracket around the whole affiliation list
            depth -= 1
        elif c in "；;" and depth == 0:
            return j
        elif c == "\n" and j + 1 < len(text) and text[j + 1] == "\n":
            return j
    return limit


def author_markers(page: Page, start: int, end: int) -> tuple[str, ...]:
    """Affiliation numbers written right after a name (superscript or followed by a separator)."""
    text = page.text
    m0 = end
    while m0 < len(text) and m0 < end + 2 and text[m0] in " \u3000":   # a gap before a raised marker
        m0 += 1
    j = m0
    while j < len(text) and j < m0 + 8 and text[j] in _MARKER_CHARS:
        j += 1
    run = text[m0:j].translate(_SUPERSCRIPT_DIGITS)
    digits = tuple(d for d in regex.findall(r"[0-9]+", run) if len(d) <= 2)
    if not digits:
        return _ocr_one(page, start, end)
    if _raised(page, start, end, m0, j):
        return digits
    after = text[j:j + 1]
    if after in ("", "\n", " ", "，", ",", "、", "；", ";", ")", "）") and len("".join(digits)) <= 3:
        return digits
    return ()


def _ocr_one(page: Page, start: int, end: int) -> tuple[str, ...]:
    """``WANG Shujun'`` in OCR text: a quote glued to a Latin name, then a separator,
    reads as marker 1 (after a Chinese name a quote is punctuation: “王淑珺’，)."""
    text = page.text
    if end + 1 > len(text) or text[end] not in _OCR_ONE:
        return ()
    if not all(c.isascii() for c in text[start:end]):
        return ()
    ch = page.chars[end]
    if ch.origin is TextOrigin.TEXT_LAYER:
        return ()
    if text[end + 1:end + 2] in ("", "\n", " ", "，", ",", "、", "；", ";"):
        return ("1",)
    return ()


def _raised(page: Page, s0: int, s1: int, m0: int, m1: int) -> bool:
    """True when the marker characters are smaller or higher than the name's."""
    name = [c.bbox for c in page.chars[s0:s1] if c.bbox is not None and c.c.strip()]
    marks = [c.bbox for c in page.chars[m0:m1] if c.bbox is not None and c.c.strip()]
    if not name or not marks:
        return False
    h = sum(b.height for b in name) / len(name)
    bottom = max(b.y1 for b in name)
    return all(b.height < 0.8 * h or b.y1 < bottom - 0.2 * h for b in marks)


def text_source(page: Page, start: int, end: int) -> str:
    origins = {c.origin.value for c in page.chars[start:end] if c.bbox is not None}
    return "+".join(sorted(origins)) or "text_layer"


def enclosing(boxes: tuple[BBox, ...]) -> BBox:
    return BBox.enclosing(list(boxes))
