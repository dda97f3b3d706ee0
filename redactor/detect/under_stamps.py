"""A value read in part where a stamp is pressed over the rest of it.

An issuing body stamps its certificate over the holder's lines: OCR reads ``工作单位：包头市`` and nothing more,
the rest of the unit's name lying under the stamp's ink (a sideways scanned 继续教育证书).
No recogniser finds a unit in 包头市, the final check cannot read it either, and the output shows the
applicant's unit to anyone who reads through the stamp.

Where a line holds a label of the applicant's own unit (the lexicon's ``employer`` field, the applicant's or
their unit's: 工作单位, 所在单位; not 推荐人工作单位), its value is a proper beginning of one of the profile's
employers (``under_stamp_min_chars`` or more: a shorter beginning, 包头, is a place's name as often as the
unit's), and the line runs into a stamp found on the page (its next character's place lies within
``under_stamp_reach`` character advances of the stamp's box), the value is the applicant's: what was read, and
the places of the characters still missing, stepped on along the line by its own character advance.  The
finding is the applicant's value recogniser's (policy: ``own.employer.under_stamp``), so every later stage
treats it as one of the profile's values.

The holder's ID number the same way, where none of it was read: a certificate's holder line names the applicant
and goes on with its 身份证号 label (兹证明王淑珺同志（身份证号：...）), OCR reads up to the label and no digit after it,
and the line runs into a stamp found on the page (an issuer's ring across the number: neither detection's OCR nor
the final check's detects the digits under it, and the number was released legible).  The number's places are
stepped on from the label, a separator and ``ID_DIGITS`` digits of ``under_stamp_id_digit_advance`` character
advances each (``own.id_number.under_stamp``).
"""

from __future__ import annotations

from collections.abc import Iterator

from redactor.detect.recognizers.applicant_value_recognizer import NAME_SUFFIXES
from redactor.model import ApplicantProfile, BBox, Finding, OcrLine, Page
from redactor.normalize import compact, is_cjk
from redactor.ownership.labels import LabelHit, find_labels
from redactor.ownership.lexicon import Owner
from redactor.variants.text import cjk_key

__all__ = ["values_under_stamps", "ids_under_stamps", "UNDER_STAMP"]

UNDER_STAMP = "under_stamp"           # the explanation key of such a finding
_RECOGNIZER = "applicant_value.v1"    # policy.rules.APPLICANT_RECOGNIZER: the profile's own value
_OWNERS = (Owner.APPLICANT, Owner.APPLICANT_UNIT)
_PUNCT = "：:，,；; \u3000"


def _centre(b: BBox) -> tuple[float, float]:
    return (b.x0 + b.x1) / 2, (b.y0 + b.y1) / 2


def _inside(p: tuple[float, float], b: BBox, margin: float) -> bool:
    return b.x0 - margin <= p[0] <= b.x1 + margin and b.y0 - margin <= p[1] <= b.y1 + margin


def _labelled(page: Page, field: str, owners: tuple[Owner, ...]) -> Iterator[tuple[OcrLine, str, list[BBox], LabelHit,
                                                                                int]]:
    """Each OCR line's label of ``field`` whose role's owner is one of ``owners``: (the line, its text, its
    characters' boxes, the label, where its value starts past separators)."""
    for ln in page.ocr_lines:
        text = page.text[ln.start:ln.end]
        boxes = [c.bbox for c in page.chars[ln.start:ln.end]]
        for hit in find_labels(text, boxes, sections=False):
            if hit.role.field != field or hit.role.owner not in owners:
                continue
            s = hit.end
            while s < len(text) and text[s] in _PUNCT:
                s += 1
            yield ln, text, boxes, hit, s


def _runs_into_stamp(read: list[BBox], seals: list[BBox], reach: float) -> tuple[float, float] | None:
    """The advance (dx, dy) from one character of ``read`` to the next, where the place after its last lies within
    ``reach`` advances of a stamp's box; None where it does not (or fewer than two characters were read)."""
    if len(read) < 2:
        return None
    (x0, y0), (x1, y1) = _centre(read[0]), _centre(read[-1])
    dx, dy = (x1 - x0) / (len(read) - 1), (y1 - y0) / (len(read) - 1)
    step = (dx * dx + dy * dy) ** 0.5
    if step <= 0 or not any(_inside((x1 + dx, y1 + dy), sb, reach * step) for sb in seals):
        return None
    return dx, dy


def values_under_stamps(page: Page, regions: list[Finding], profile: ApplicantProfile | None, *, min_chars: int,
                        reach: float) -> list[Finding]:
    """The applicant's employer read in part up to a stamp on ``page`` (see the module's docstring; ``min_chars``
    and ``reach`` are ``DetectConfig.under_stamp_min_chars`` and ``under_stamp_reach``)."""
    seals = [b for f in regions if f.entity_type == "SEAL" for b in f.boxes]
    employers = [compact(e) for e in (profile.employers if profile else ()) if compact(e)]
    if not seals or not employers or not page.ocr_lines:
        return []
    out: list[Finding] = []
    for ln, text, boxes, _, s in _labelled(page, "employer", _OWNERS):
        value = compact(text[s:])
        if value in employers:          # one of its names read whole (an alias the official name begins with)
            continue
        rest = next((len(e) - len(value) for e in employers
                     if len(value) >= min_chars and len(e) > len(value) and e.startswith(value)), 0)
        if not rest:
            continue
        read = [b for b in boxes[s:] if b is not None]
        advance = _runs_into_stamp(read, seals, reach)
        if advance is None:
            continue
        (dx, dy), last = advance, read[-1]
        missing = [BBox(last.x0 + k * dx, last.y0 + k * dy, last.x1 + k * dx, last.y1 + k * dy)
                   for k in range(1, rest + 1)]
        under = BBox.enclosing(missing)
        under = BBox(max(0.0, under.x0), max(0.0, under.y0), min(page.width, under.x1), min(page.height, under.y1))
        out.append(Finding(
            page=page.number, entity_type="ORGANIZATION", boxes=(*page.boxes_for_span(ln.start + s, ln.end), under),
            recognizer=_RECOGNIZER, score=1.0, text=text[s:], start=ln.start + s, end=ln.end,
            explanation=(("form_kind", "employer_under_stamp"), ("profile_field", "employers"),
                         ("needs_evidence", False), ("source", "ocr"), (UNDER_STAMP, rest))))
    return out


ID_DIGITS = 18         # a resident ID number's length


def _names_holder(line: str, names: list[str]) -> bool:
    """The applicant's name stands in ``line`` as a whole name: what follows it is no CJK character, or a title
    or word that follows names (同志, 先生 ...) -- not the rest of a longer name (李明 in 李明华同志)."""
    for n in names:
        i = line.find(n)
        while i >= 0:
            after = line[i + len(n):]
            if not after or not is_cjk(after[0]) or any(after.startswith(w) for w in NAME_SUFFIXES):
                return True
            i = line.find(n, i + 1)
    return False


def ids_under_stamps(page: Page, regions: list[Finding], profile: ApplicantProfile | None, *, reach: float,
                     digit_advance: float) -> list[Finding]:
    """The applicant's ID number unread after their own 身份证号 label where the line runs into a stamp (see the
    module's docstring; ``reach`` and ``digit_advance`` are ``DetectConfig.under_stamp_reach`` and
    ``under_stamp_id_digit_advance``)."""
    seals = [b for f in regions if f.entity_type == "SEAL" for b in f.boxes]
    names = [cjk_key(n) for n in ((profile.name, *profile.name_aliases) if profile else ()) if n and cjk_key(n)]
    if not seals or not names or not profile or not profile.id_number or not page.ocr_lines:
        return []
    out: list[Finding] = []
    for ln, text, boxes, hit, s in _labelled(page, "id_number", (*_OWNERS, Owner.UNKNOWN)):
        if not _names_holder(cjk_key(text[:hit.end]), names):
            continue            # not the line that names the applicant as its holder
        if any(c.isdigit() for c in text[s:]):
            continue            # a number was read: the value recognisers judge it
        label = [b for b in boxes[hit.start:hit.end] if b is not None]
        advance = _runs_into_stamp(label, seals, reach)
        if advance is None:
            continue
        (dx, dy), last = advance, label[-1]
        ahead = 1 + ID_DIGITS * digit_advance           # the separator, then the digits
        # from the label's last character on, the way the line runs (an upside-down or sideways scan too)
        if abs(dx) >= abs(dy):
            edge = last.x1 if dx > 0 else last.x0
            under = BBox(min(edge, edge + ahead * dx), last.y0, max(edge, edge + ahead * dx), last.y1)
        else:
            edge = last.y1 if dy > 0 else last.y0
            under = BBox(last.x0, min(edge, edge + ahead * dy), last.x1, max(edge, edge + ahead * dy))
        under = BBox(max(0.0, under.x0), max(0.0, under.y0), min(page.width, under.x1), min(page.height, under.y1))
        out.append(Finding(
            page=page.number, entity_type="CN_RESIDENT_ID", boxes=(under,), recognizer=_RECOGNIZER, score=1.0,
            text=text[s:], start=ln.start + s, end=ln.end,
            explanation=(("form_kind", "id_under_stamp"), ("profile_field", "id_number"), ("needs_evidence", False),
                         ("source", "ocr"), (UNDER_STAMP, ID_DIGITS))))
    return out
