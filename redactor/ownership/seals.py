"""Whose is a seal whose text could not be read, or read only as a fragment?  Its place says.

A seal is stamped over the signatory line of the party that signs: the
employer's over 单位意见 … 内蒙古科技大学 (date), a review board's over
…高级职称评审委员会 (date).  When the ring text cannot be read (a strongly
compressed scan keeps too little colour for the thin ring characters), the
printed organisation under and around the stamp is the evidence left:

- the applicant's employer (a removed employer mention) there: the employer's
  seal -- removed, as before;
- only another organisation (kept by policy as ``other.organization``) there,
  and no employer mention anywhere near: that organisation's seal -- kept.  A stamp
  authenticates the name it is pressed over; it is flagged for review only when its
  own reading shows the employer's characters (``shows_employer``): then the two
  disagree.  (Flagging every such seal put 20 of 46 documents of a fresh seed in
  front of a person, for seals that were all another body's.);
- nothing printed there: the form label of the row it is stamped in (the
  detector's ``place_label``/``place_owner``: 单位意见, 所在单位（盖章） are the
  applicant's unit's, 主管部门, 评审委员会 another body's) -- removed, flagged for
  review, or kept (flagged only as above);
- no label either: the page's letterhead (its first printed line, above the stamp:
  the detector's ``page_heading``).  A letter or certificate is stamped by the body
  that heads it; a 在职证明 headed 包头钢铁（集团）有限责任公司 carries the employer's
  seal -- removed, flagged for review;
- no evidence at all: undecided; ``policy.unreadable_seal`` decides as before.

The page's OCR reads a partial impression's ring as words of print (集团, 有限 around
the stamp): an organisation inside the stamp's box whose every character is in the
stamp's own reading is its ink, not a name printed under it.

A reading counts as a *fragment* (and the seal is judged by its place like an
unreadable one) when it names no organisation: no part of it ends in an
organisation word (大学, 公司, 政府, 委员会, 医院 ...; ``_ORG_END``) after at least
two characters of its own (``大（集团）有限责任公司`` is a legal form and one
character: any group company's ring read in part), or its OCR score is below
``_SURE_SCORE``.  Only the ring names the body: the straight lines inside it
(技术中心, 人事处, 合同专用章) are its departments and uses, so ``头镀（集团）有限责任公
技术中心`` -- a partial impression of the employer's ring and its department -- is a
fragment.  A faded or partial impression reads like
``内蒙亡八。之大字``: kept before as "another organisation's seal" although
stamped over the employer's name.  A fragment with no evidence of place stays
kept, flagged for review.

The neighbourhood is the seal's box grown by 0.15 of its size (the stamp
overlaps the name it authenticates); "near" is the box grown by 0.4 of its
size, so an employer name just above or beside the stamp still counts against
keeping it (a form's 单位意见 row sits about 0.6 seal sizes above the next
row's signatory line).  Near means in the stamp's column or row: the mention
must overlap the seal's own box along one axis.  A mention only off the
stamp's corner (diagonally) is another line of the page, not the name the
stamp authenticates -- on a phone-photographed 资格证书 the authority's seal
over the holder's photo corner lies diagonally below 工作单位 <employer>.

The seal's own text comes before its place: a fragment (or unreadable
reading) that spells ``_NAME_RUN`` or more consecutive characters of another
organisation printed on the page (kept by policy; not text inside the seal's
own box, which is the stamp's ink read as print), and fewer of the employer's
names and of the phrases kept as containing it (its departments: a 技术中心
seal of the employer is no 技术中心 elsewhere's), names that organisation -- kept (``other.seal.names_other_org``)
whatever is printed near it, flagged for review when its place (the employer's
name under it) or its reading (``shows_employer``) says otherwise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from collections.abc import Mapping, Sequence

from redactor.model import Action, BBox, Category, Decision, Finding
from redactor.org_words import alternation, org_words
from redactor.ownership.lexicon import Owner
from redactor.ownership.seal_geometry import INK_READ_AGAIN, OVER, along_the_ring, grown, in_line, own_ink, squeeze, touches
from redactor.ownership.seal_place import field_values, in_value, place_of, recorded_place
from redactor.ownership.seal_reading import SEAL_SIMILARITY, names_employer
from redactor.ownership.structure import PageStructure
from redactor.variants.organisations import distinctive_core
from redactor.variants.rival_orgs import (RIVAL_MARGIN, RIVAL_MARGIN_AT_ITS_PLACE, explained, letters,
                                         printed_org_names, rival_for)

_NEAR = 0.4           # an employer mention this close rules out "another organisation's seal"
_SURE_SCORE = 0.8     # a ring reading below this OCR score is a fragment
_NAME_RUN = 4         # a reading that spells this many consecutive characters of an organisation names it
# the last characters of an organisation's name (a ring reading that ends so names one)
_WORDS = org_words()          # configs/org_words.yaml
_USES = f"(?:{alternation(_WORDS.seal_uses)})?"
_ORG_END = re.compile(f"(?:{alternation(_WORDS.seal_name_endings)}){_USES}$")
_LEGAL_FORM = re.compile(r"(?:股份)?有限.{0,3}公司$")
_GROUP_MARK = re.compile(r"[（(]?集团[）)]?$")
# a department or office any body has (技术中心, 人事处, 财务部): a seal's inner line, read alone, names no body
_GENERIC_UNIT = re.compile(f"(?:{alternation(_WORDS.generic_unit_kinds)})(?:{alternation(_WORDS.generic_unit_heads)})"
                           f"{_USES}")
_DATE = re.compile(r"[0-9０-９〇零一二三四五六七八九十年月日./\-]+")
_NUMERAL = "[0-9０-９〇零一二三四五六七八九十]"
_DIGITS = re.compile(r"[0-9０-９]")
_DATE_RUN = re.compile(rf"{_NUMERAL}{{1,4}}\s*年(?:\s*{_NUMERAL}{{1,2}}\s*月)?(?:\s*{_NUMERAL}{{1,3}}\s*日?)?")


@dataclass(frozen=True)
class SealTie:
    owner: Owner        # APPLICANT_UNIT (the employer's), OTHER_BODY (another organisation's) or UNKNOWN
    evidence: str = ""  # "employer_printed", "other_org_printed", "own_label", "other_label", "issuer_printed",
                        # "issuer_is_employer", "employer_letterhead"
    contested: bool = False   # the employer's name is printed near too (the row above): the place is not clear-cut
    label: str = ""     # the label of its place, normalised (a form's words, no value)


def is_fragment(text: str, score: float, ring_first: bool = False) -> bool:
    """A ring reading that names no organisation (see the module's docstring).  ``ring_first``: the text is
    the ring's reading followed by the seal's straight lines (the detector's ``text_source`` arc+crop); only
    the ring names the body -- 技术中心, 人事处, 合同专用章 inside it are its departments and uses."""
    if score < _SURE_SCORE:
        return True
    parts = [_DATE.sub("", p) for p in text.split()]
    if ring_first:
        parts = parts[:1]
    return not any(len(p) >= 4 and _ORG_END.search(p) and len(_name_stem(p)) >= 2 and not _GENERIC_UNIT.fullmatch(p)
                   for p in parts)


def _name_stem(part: str) -> str:
    """What is left of a reading ending in an organisation word once its legal form (有限责任公司, read
    with a character lost or confused: 有限责公司), its group mark (（集团）) and that word are taken off,
    letters and characters only: the part that tells one body from another.  ``大（集团）有限责任公司``
    and ``铁（集团）有限责公司`` -- partial impressions of 包头钢铁（集团）有限责任公司 -- leave 大 and 铁."""
    stem = "".join(part.split())
    for _ in range(2):
        stem = _ORG_END.sub("", _GROUP_MARK.sub("", _LEGAL_FORM.sub("", stem)))
    return "".join(ch for ch in stem if ch.isalnum())


def _names_a_body(name: str) -> bool:
    """An organisation's name says which body: something is left once its legal form, group mark and
    organisation word are taken off (``_name_stem``).  有限责任公司 alone -- the ring of an unreadable stamp read
    by the page's OCR -- is every company's, and no other body printed under the stamp; nor does a department any
    body has, alone (技术中心, 人事处: ``_GENERIC_UNIT``) -- a stamp's own inner line read by the page's OCR."""
    return len(_name_stem(name)) >= 2 and not _GENERIC_UNIT.fullmatch("".join(name.split()))


def _run(a: str, b: str) -> int:
    """Length of the longest run of characters ``a`` and ``b`` share."""
    best = 0
    for i in range(len(a)):
        for j in range(len(b)):
            k = 0
            while i + k < len(a) and j + k < len(b) and a[i + k] == b[j + k]:
                k += 1
            best = max(best, k)
    return best


def names_other_org(seal: Finding, decisions: list[Decision], employers: tuple[str, ...],
                    page: PageStructure | None = None) -> str:
    """The kept organisation printed on the seal's page that the seal's own reading spells part of
    (``_NAME_RUN`` consecutive characters, or a reading of ``_LEGIBLE`` or more that starts its name, more than
    of any of the employer's names or of the phrases kept as containing the employer -- its departments:
    包头钢铁（集团）有限责任公司技术中心); "" if none.
    Text inside the seal's box whose every character the reading holds is the stamp's own ink read as text;
    other text there is print the stamp was pressed over (a certificate's issuer line: 包头市人民政府).  With the
    page's structure, the names it prints that no recogniser took (``PageStructure.orgs``: a certificate's issuer
    line 包头市继续教育中心, which neither LAC nor the suffix pattern found) are such bodies too, unless they name
    no body by themselves (有限责任公司 alone, a department any body has: 技术中心 printed in a narrow cell under its
    unit's name), hold the employer's name (a department) or lie where the employer's name was removed."""
    reading = squeeze(seal.text or "")
    if len(reading) < _LEGIBLE:
        return ""
    same_page = [d for d in decisions if d.finding.page == seal.page and not d.finding.is_region]
    own_texts = list(employers) + [d.finding.text for d in same_page if d.rule == "other.org.contains_employer"]
    own = max((_run(reading, squeeze(t or "")) for t in own_texts), default=0)
    for d in same_page:
        f = d.finding
        if d.action is not Action.KEEP or d.rule != "other.organization" or own_ink(f, seal):
            continue
        r = _run(reading, _body_part(f.text or ""))
        # a run of _NAME_RUN names the body; a shorter reading names it when it is the start of that name, where
        # a name's distinctive part stands (a letterhead logo's wordmark 新咨力 of the issuer 新咨力科技 the
        # certificate prints; 有限公 or 技术中 start no body's name)
        if (r >= _NAME_RUN or any(squeeze(line).startswith(reading) for line in (f.text or "").split("\n"))) \
                and r > own:
            return f.text
    if page is None:
        return ""
    mine = [letters(e) for e in employers if len(letters(e)) >= 2]
    removed = [b for d in same_page if d.action is Action.REDACT and d.finding.category is Category.EMPLOYER
               for b in d.finding.boxes]
    for b, name in page.orgs:
        if not _names_a_body(name) or any(e in letters(name) for e in mine) \
                or any(x.intersection_area(b) > 0.3 * b.area for x in removed) \
                or own_ink(Finding(seal.page, "ORGANIZATION", (b,), "print", 1.0, text=name, start=0, end=0), seal):
            continue
        if (r := _run(reading, _body_part(name))) >= _NAME_RUN and r > own:
            return name
    return ""


_DEPARTMENT_END = re.compile(f"(?:{_GENERIC_UNIT.pattern})$")


def _body_part(name: str) -> str:
    """``name`` (squeezed) without a department any body has at its end: a reading that spells only 技术中心 of
    包头铝业技术中心 -- or of 我单位技术中心, which running text prints -- names no body; one that spells 包头铝业 does."""
    return _DEPARTMENT_END.sub("", squeeze(name))


def seal_tie(seal: Finding, decisions: list[Decision], employers: tuple[str, ...] = (),
             page: PageStructure | None = None) -> SealTie:
    """Whose the seal is by its place: the employer's name printed under it (the plan's employer findings,
    boxes of the input; in the stamp's column or row; not a field's value: a certificate's 工作单位 line
    under its issuer's stamp is the holder's, not the signatory's), another organisation's name under it,
    the form label of its place read by the role lexicon (``place_of``: 合作单位（盖章） is a partner's, 单位（盖章）
    the applicant's unit's, 协办单位盖章 nobody known), the body a certificate speaks for (its signatory line),
    the employer's name printed near it, else the page's letterhead naming one of ``employers``."""
    box = seal.boxes[0]
    over, near = grown(box, OVER), grown(box, _NEAR)
    # the stamp's own ring read as print names no place: a ring read 包头钢铁 / 有限责任 above the date is not the
    # signatory line the stamp is pressed on (a straight line inside the outline may be: 包头市科学技术局 printed
    # under a certificate's stamp)
    printed = [d for d in decisions if not (d.action is Action.KEEP and d.rule == "other.organization"
                                            and d.finding.page == seal.page and along_the_ring(d.finding, seal)
                                            and own_ink(d.finding, seal))]
    place = place_of(box, page, printed) if page is not None else recorded_place(seal)
    label = place.label
    values = field_values(page)
    other = under = employer_near = employer_over = False
    ink: list[BBox] = []          # text the records hold that is this stamp's own ink
    for d in decisions:
        f = d.finding
        if f.page != seal.page or f.is_region or not f.boxes:
            continue
        employer = (d.action is Action.REDACT and f.category is Category.EMPLOYER) or d.rule == "other.org.contains_employer"
        if employer and any(in_value(b, values) for b in f.boxes):
            continue         # the holder's 工作单位 under a certificate's stamp: not the name the stamp signs
        if employer and any(touches(over, b) and in_line(box, b) for b in f.boxes):
            employer_over = True
        if employer and any(touches(near, b) and in_line(box, b) for b in f.boxes):
            employer_near = True
        if d.action is Action.KEEP and d.rule == "other.organization" and any(touches(over, b) for b in f.boxes):
            if own_ink(f, seal):
                ink += [b for b in f.boxes if touches(over, b)]
                continue
            if not _names_a_body(f.text or ""):
                continue     # 有限责任公司 alone: every company's ending, no body's name
            other = True
            under = under or any(touches(box, b) for b in f.boxes)
    if not other and page is not None:
        # an organisation's name the page prints under the stamp, no decision on it in the records (a hand-written
        # audit, none at all): not the employer's removed name, nor one holding the employer's (a department)
        removed = [b for d in decisions if d.finding.page == seal.page and d.action is Action.REDACT
                   and d.finding.category is Category.EMPLOYER for b in d.finding.boxes]
        own = [letters(e) for e in employers if len(letters(e)) >= 2]
        for b, name in page.orgs:
            if touches(over, b) and _names_a_body(name) and not any(r.intersection_area(b) > 0.3 * b.area for r in removed) \
                    and sum(i.intersection_area(b) for i in ink) < INK_READ_AGAIN * b.area \
                    and not any(e in letters(name) for e in own) and not own_ink(
                        Finding(seal.page, "ORGANIZATION", (b,), "print", 1.0, text=name, start=0, end=0), seal):
                other = True
                under = under or touches(box, b)
    if employer_over:
        # another body's name under the stamp as well, or a label of another body's: the place does not decide alone
        return SealTie(Owner.APPLICANT_UNIT, "employer_printed", contested=other or place.labelled(Owner.OTHER_BODY),
                       label=label)
    if other:
        return SealTie(Owner.OTHER_BODY, "other_org_printed",
                       contested=employer_near or place.labelled(Owner.APPLICANT_UNIT), label=label)
    if place.labelled(Owner.APPLICANT_UNIT):
        return SealTie(Owner.APPLICANT_UNIT, "own_label", label=label)
    if place.labelled(Owner.OTHER_BODY):
        return SealTie(Owner.OTHER_BODY, "other_label", label=label)
    if place.signatory and place.owner is Owner.OTHER_BODY:
        return SealTie(Owner.OTHER_BODY, "issuer_printed", label=label)
    if place.signatory and place.owner is Owner.APPLICANT_UNIT:
        return SealTie(Owner.APPLICANT_UNIT, "issuer_is_employer", label=label)
    # the employer's name only near (the row above)
    if employer_near:
        return SealTie(Owner.APPLICANT_UNIT, "employer_printed", label=label)
    if _on_letterhead(seal, decisions, employers, page):
        return SealTie(Owner.APPLICANT_UNIT, "employer_letterhead", label=label)
    return SealTie(Owner.UNKNOWN, label=label)


_HEADING_BAND = 0.2      # share of the page's height, from the top, where a letterhead is printed


def _on_letterhead(seal: Finding, decisions: list[Decision], employers: tuple[str, ...],
                   page: PageStructure | None) -> bool:
    """The page is headed by the employer's name: a letter or certificate is stamped by the body that heads it.
    With the page's structure: the employer's removed name lies in the top ``_HEADING_BAND`` of the page, above
    the stamp, with nothing printed above it (the same in the input, where the name is the first print, and in
    the output, where it is painted and what follows is).  Without it: detection's ``page_heading``."""
    if page is None:
        heading = squeeze(str(seal.explain("page_heading", "")))
        return bool(heading) and any(len(e) >= 2 and squeeze(e) in heading for e in employers)
    up = page.frame.up                  # the top of the page is the top of its reading frame (a sideways scan)
    box = up(seal.boxes[0])
    height = page.frame.size[1] if page.frame.turn else page.height
    for d in decisions:
        f = d.finding
        if f.page != seal.page or f.is_region or d.action is not Action.REDACT or f.category is not Category.EMPLOYER:
            continue
        for b in map(up, f.boxes):
            if b.y1 <= min(_HEADING_BAND * height, box.y0) and (
                    page.first_print is None or b.y0 <= page.first_print + 0.5 * b.height or b.y1 <= page.first_print):
                return True
    return False


def seal_by_reading(f: Finding, employers: Sequence[str], unreadable_seal: str = "on_forms",
                    hidden: float = 0.0) -> Decision:
    """A seal decided by its own reading: the employer's name read (``seal_reading.names_employer``) -> removed;
    nothing read -> ``unreadable_seal`` ("redact", "keep" or "on_forms"), flagged; else another body's (kept).
    Fragments and unread seals are decided again by their place (``retie_unreadable_seals``), readings that
    another printed body explains better by it (``give_seals_to_rivals``)."""
    text = f.text or ""
    if text.strip():
        sim = names_employer(text, employers, hidden)
        if sim >= 0.999:
            return Decision(f, Action.REDACT, "own.seal.employer", "seal names the applicant's employer",
                            profile_field="employers")
        if sim >= SEAL_SIMILARITY:
            return Decision(f, Action.REDACT, "own.seal.employer_similar",
                            f"partial seal reading matches {sim:.0%} of the employer's name", profile_field="employers")
    if not f.explain("readable", bool(text.strip())) or not text.strip():
        on_form = bool(f.explain("on_form", False))
        if unreadable_seal == "redact" or (unreadable_seal == "on_forms" and on_form):
            return Decision(f, Action.REDACT, "review.seal.unreadable",
                            "seal text unreadable; removed by policy.unreadable_seal", needs_review=True)
        return Decision(f, Action.KEEP, "review.seal.unreadable", "seal text unreadable; kept by policy.unreadable_seal",
                        needs_review=True)
    return Decision(f, Action.KEEP, "other.seal", "seal of another organisation (issuing authority or partner)")


UNREADABLE = "review.seal.unreadable"
OTHER = "other.seal"          # a reading that is not the employer's (rules.region)

_OTHER_RULES = {"other_org_printed": ("other.seal.over_other_org",
                                      "stamped over another organisation's printed name, the employer's not under it"),
                "other_label": ("other.seal.other_label", "stamped in another body's place of the form ({label})"),
                "issuer_printed": ("other.seal.issuer",
                                   "a certificate's stamp at its signatory line ({label}), another body's")}
_OWN_RULES = {"employer_printed": ("own.seal.over_employer", "stamped over or beside the employer's printed name"),
              "own_label": ("own.seal.own_label", "stamped in the applicant's unit's place of the form ({label})"),
              "issuer_is_employer": ("own.seal.issuer_is_employer",
                                     "a certificate's stamp at its signatory line ({label}), the employer's "
                                     "removed name"),
              "employer_letterhead": ("own.seal.employer_letterhead",
                                      "on a page headed by the employer's name (its letterhead): the issuer's stamp")}


# the places that outweigh a whole reading of a body the page does not print (a letterhead alone does not)
_PLACE_OVER_READING = ("own_label", "employer_printed", "issuer_is_employer")
MISREAD_SHARE = 0.5    # share of a stamp reading's letters the employer's name explains, in order, for the reading
#                        to be the employer's name with its core misread (包头编技（集团）有限责任公司: 12 of 14);
#                        another body's name (呼和浩特市第一中学) shares none of it and stays its own


def _misread_employer(reading: str, employers: tuple[str, ...]) -> bool:
    n = len(letters(reading))
    return n > 0 and max((explained(e, reading) for e in employers if e), default=0) >= MISREAD_SHARE * n


def _ring_unread(seal: Finding) -> bool:
    """A round or oval stamp whose ring went unread and whose reading is the upright crop's alone (the detector's
    ``text_source`` ``crop``): those straight lines are its departments and uses or the print under it -- the
    employer's stamp over its printed name and the form's date read as a legal form and a date, taken for another
    body's name, kept, and repaired by the final check.  Its name is
    unread: a fragment, decided by its place (as ``_disagrees`` takes such a reading: no word against the
    employer)."""
    return str(seal.explain("text_source", "")) == "crop" and str(seal.explain("shape", "")) in ("round", "oval")


def _part_of_employer(reading: str, employers: tuple[str, ...]) -> bool:
    """The reading's letters are one stretch of an employer name's, in order and nothing else."""
    r = letters(reading)
    return bool(r) and any(r in letters(e) for e in employers if e)


def retie_unreadable_seals(decisions: list[Decision], employers: tuple[str, ...] = (),
                           pages: Mapping[int, PageStructure] | None = None) -> list[Decision]:
    """Decisions on seals that could not be read, or were read as a fragment, revisited: with the
    organisation their reading spells part of, else with their place (``pages``: each page's structure)."""
    pages = pages or {}
    out = []
    for d in decisions:
        f = d.finding
        if f.entity_type == "SEAL" and f.boxes and d.rule == "own.seal.employer_similar":
            tie = seal_tie(f, decisions, employers, pages.get(f.page))
            if tie.owner is Owner.OTHER_BODY and not tie.contested \
                    and not _core_favours_employer(f.text or "", employers, _printed_others(decisions, employers)):
                # a reading only like the employer's, in what its name shares with another body's the document
                # prints (包头 and （集团）有限责任公司; 内蒙古 and 科…大学 of two universities): that body's name
                # under the stamp, or its place by the form's label (合作单位盖章), the employer's nowhere near, says
                # whose
                rule, why = _OTHER_RULES[tie.evidence]
                out.append(Decision(f, Action.KEEP, rule, "its reading matches the employer's name only in what it "
                                    "shares with the other body's; " + why.format(label=tie.label)))
                continue
        fragment = d.rule == OTHER and (_ring_unread(f) or is_fragment(
            f.text or "", float(f.explain("ocr_score", 1.0) or 0.0), str(f.explain("text_source", "")).startswith("arc")))
        if f.entity_type == "SEAL" and f.boxes and d.rule == OTHER and not fragment and _misread_employer(
                f.text or "", employers) and (page := pages.get(f.page)) is not None \
                and not names_other_org(f, decisions, employers, page):
            # read whole, as a body the page prints nowhere, and mostly the employer's name (a misread core:
            # 包头编技 for 包头钢铁 on a small grey scan): the reading names no one the page knows, so its place
            # decides -- the applicant's unit's label, or the employer's name printed under it -- and a person
            # looks, the two disagreeing
            tie = seal_tie(f, decisions, employers, page)
            if tie.owner is Owner.APPLICANT_UNIT and tie.evidence in _PLACE_OVER_READING:
                rule, why = _OWN_RULES[tie.evidence]
                # a reading that is a stretch of the employer's own name, letter for letter (a ring read in part:
                # 包头市中心 of 包头市中心医院), disagrees with nothing: the place decides alone
                part = _part_of_employer(f.text or "", employers)
                out.append(Decision(f, Action.REDACT, rule, ("its reading is part of the employer's name; " if part
                                    else "its reading names a body the page does not print; ")
                                    + why.format(label=tie.label), needs_review=not part, profile_field="employers"))
                continue
            if tie.owner is Owner.APPLICANT_UNIT and tie.evidence == "employer_letterhead":
                # the employer's letter (在职证明 under its letterhead) stamped with a reading mostly its name and no
                # other body's the page prints (头生（集团）有限责任公司 for 包头钢铁（集团）…): the two agree, and
                # a letterhead is weaker than a form's place, so a person looks
                rule, why = _OWN_RULES[tie.evidence]
                out.append(Decision(f, Action.REDACT, rule, "its reading is mostly the employer's name, no other "
                                    "body's the page prints; " + why, needs_review=True, profile_field="employers"))
                continue
            if tie.contested:
                # its place says the applicant's unit, print under it another body's: kept, and a person looks
                out.append(replace(d, reason=d.reason + "; its place and the print under it disagree",
                                   needs_review=True))
                continue
        if f.entity_type == "SEAL" and f.boxes and (d.rule == UNREADABLE or fragment):
            what = "seal text unreadable" if d.rule == UNREADABLE else "seal read only as a fragment"
            doubt = shows_employer(f.text or "", employers)
            tie = seal_tie(f, decisions, employers, pages.get(f.page))
            if other := names_other_org(f, decisions, employers, pages.get(f.page)):
                # the reading names the other body; a person looks when the employer's name is printed under
                # it (a form's label, 单位（盖章）, is any signing unit's and weaker than the reading), or
                # when the employer's name explains the reading nearly as well (``RIVAL_MARGIN``, as for a seal read whole)
                reading = squeeze(f.text or "")
                own_run = max((_run(reading, squeeze(e)) for e in employers if e), default=0)
                close = doubt and _run(reading, squeeze(other)) < own_run + RIVAL_MARGIN \
                    and _core_favours_employer(f.text or "", employers, [other])
                out.append(Decision(f, Action.KEEP, "other.seal.names_other_org",
                                    f"{what}; its reading spells part of another organisation's name printed "
                                    "on the page, not the employer's",
                                    needs_review=close or tie.evidence == "employer_printed"))
                continue
            label = tie.label
            if tie.owner is Owner.OTHER_BODY:
                # the name a stamp is pressed over, or its row's label, is whose it is: a person looks only
                # when the stamp's own reading shows the employer's characters (the two disagree)
                rule, why = _OTHER_RULES[tie.evidence]
                # the employer's characters in the reading are evidence only where they are not as much the
                # other body's (包头稀土（集团）有限责任公司 shares 包头 and （集团）有限责任公司 with the employer)
                favours = _core_favours_employer(f.text or "", employers, _printed_others(decisions, employers))
                d = Decision(f, Action.KEEP, rule, f"{what}; " + why.format(label=label),
                             needs_review=(doubt and favours) or tie.contested)
            elif tie.owner is Owner.APPLICANT_UNIT:
                rule, why = _OWN_RULES[tie.evidence]
                # the employer's name printed under it decides an unreadable seal, and a fragment that shows
                # the employer's characters; a person looks when another body's name is printed under it too,
                # when a fragment shows none of the employer (it disagrees), or when a form label or a
                # letterhead is all there is (weaker than the printed name)
                # (a role the lexicon reads off the form's own label, and a certificate's signatory line, are as
                # sure as the printed name; the letterhead alone is not)
                review = tie.contested or tie.evidence == "employer_letterhead" or (d.rule == OTHER and _disagrees(
                    f, decisions, employers))
                d = Decision(f, Action.REDACT, rule, f"{what}; " + why.format(label=label), needs_review=review,
                             profile_field="employers")
            elif f.explain("on_id_card"):
                # an ID card copy carries no one's seal: its round red mark is the national emblem (国徽)
                d = Decision(f, Action.KEEP, "other.seal.id_card_emblem",
                             f"{what}; the round mark of an ID card copy is the national emblem, no one's seal")
            elif d.rule == OTHER:
                d = replace(d, reason=f"{what}; nothing printed or labelled around it says whose it is",
                            needs_review=True)
        out.append(d)
    # then, with every other seal decided: a seal no evidence placed, stamped over the holder's photo on a page
    # whose other seal policy gave to another body (by its reading or its place), is that issuer's
    return [_over_the_photo(d, out) for d in out]


_LEGIBLE = 3      # characters a fragment must show to say anything (as ``shows_employer`` asks of the employer)


def _printed_others(decisions: list[Decision], employers: tuple[str, ...]) -> list[str]:
    """The other organisations the document prints (not the employer's departments, nor a name that says no
    body: ）有限责任公司, the end of a partner's name OCR read as a line of its own, is every company's)."""
    own = [letters(e) for e in employers if len(letters(e)) >= 2]
    return [n for n in printed_org_names(d.finding.text for d in decisions
                                         if d.finding.category is Category.EMPLOYER
                                         and d.rule.startswith("other.org") and not d.finding.is_region)
            if not any(e in letters(n) for e in own) and _names_a_body(n)]


def _employer_explains(reading: str, employers: tuple[str, ...]) -> int:
    """Characters of the seal's reading the employer's best name explains (``rival_orgs.explained``)."""
    return max((explained(e, reading) for e in employers if len(letters(e)) >= 2), default=0)


def _core_counts(reading: str, employers: tuple[str, ...], others: list[str]) -> tuple[int, int]:
    """(characters of the reading in the employer's distinctive name (``distinctive_core``: 包头钢铁(集团)) and in
    no other printed body's name, ... in the best other printed body's distinctive name (包头稀土(集团)) and in
    none of the employer's names): what the names share -- a city printed with its 市 in one name and without it
    in another (包头市肿瘤医院, 包头中心医院), 医院, the legal suffix -- counts for neither, so only the difference is
    evidence."""
    r = letters(reading)
    emp_names = [letters(e) for e in employers if e]
    oth_names = [letters(o) for o in others if o]

    def only(core: str, against: list[str]) -> int:
        c = letters(core)
        return sum(1 for ch in r if ch in c and not any(ch in a for a in against))

    emp = max((only(distinctive_core(e), oth_names) for e in employers if e), default=0)
    oth = max((only(distinctive_core(o), emp_names) for o in others if o), default=0)
    return emp, oth


def _core_favours_employer(reading: str, employers: tuple[str, ...], others: list[str]) -> bool:
    """The reading shows more of the employer's distinctive name than of any other body's: the characters the
    two names share are no evidence either way."""
    emp, oth = _core_counts(reading, employers, others)
    return emp > oth


def _disagrees(seal: Finding, decisions: list[Decision], employers: tuple[str, ...]) -> bool:
    """A fragment read over the employer's printed name that speaks against it: it shows ``_LEGIBLE`` or more
    characters, the employer's name explains fewer than that of them and leaves that many unexplained
    (内蒙亡八。之大字 over 包头钢铁…), or
    the reading shows more of another printed body's distinctive name than of the employer's.  Characters the
    two names share (责任公 集团） under 包头铝业（集团）有限责任公司 and 包头钢铁（集团）有限责任公司 alike) say
    nothing; two legible characters, or a reading the employer explains as well as anyone, leave the printed
    name or the form's label to decide.  Only the ring is read for this: a seal's straight lines (技术中心,
    专用章: the detector's ``text_source`` arc+crop puts them after the ring's first word, as ``is_fragment``
    takes them) are its departments and uses, no evidence of whose it is -- and a reading of the upright crop
    alone (``crop``: the ring went unread) is those lines, or the print under the stamp (转求中。 for 技术中心)."""
    reading = seal.text or ""
    source = str(seal.explain("text_source", ""))
    if source == "crop":
        return False            # the ring unread: the crop's upright lines are its straight lines or print under it
    if source == "arc+crop":
        reading = (reading.split() or [""])[0]
    reading = _DATE_RUN.sub("", reading)     # the form's date read through the stamp (〇二四年六月十三) is no body's
    # digits are the seal's registration code on its lower arc, or a date: no body's name (an oval stamp's ring
    # read as its code and one stray character at the applicant's unit's place)
    reading = _DIGITS.sub("", reading)
    if len(letters(reading)) < _LEGIBLE:
        return False
    explains = _employer_explains(reading, employers)
    if explains < _LEGIBLE and len(letters(reading)) - explains >= _LEGIBLE:
        # (集费有 -- （集团）有 with 团 misread -- is the employer's legal form read in part, one character
        # wrong: no other name)
        return True
    emp_core, other_core = _core_counts(reading, employers, _printed_others(decisions, employers))
    return other_core > emp_core


def _over_the_photo(d: Decision, decisions: list[Decision]) -> Decision:
    f = d.finding
    if f.entity_type != "SEAL" or not f.boxes or d.rule not in (UNREADABLE, OTHER) or not d.needs_review:
        return d
    issuer = _issuer_over_photo(f, decisions)
    if issuer is None:
        return d
    what = "seal text unreadable" if d.rule == UNREADABLE else "seal read only as a fragment"
    return Decision(f, Action.KEEP, "other.seal.issuer_over_photo",
                    f"{what}; stamped over the holder's photo on a page whose other seal is another body's "
                    f"({issuer}): the issuer's seal on its certificate")


def _issuer_over_photo(seal: Finding, decisions: list[Decision]) -> str | None:
    """The rule that kept another seal on the page as another body's (by its reading or its place, and not
    itself in doubt), when ``seal`` is stamped over a photo's corner there (a certificate's issuer seals the
    holder's photo and its own line alike: 资格证书, 荣誉证书);
    None otherwise, and on an application form or a page where a seal was removed as the employer's.  The
    employer's name near the seal has ruled before this is asked (``seal_tie``)."""
    box = seal.boxes[0]
    if seal.explain("on_form"):
        return None           # an application form: the employer may stamp its member's photo
    seals = [d for d in decisions if d.finding.page == seal.page and d.finding.entity_type == "SEAL"
             and d.finding is not seal]
    if any(d.action is Action.REDACT for d in seals):
        return None           # the employer's seal is on the page too: whose the photo's is stays open
    over_photo = any(d.finding.page == seal.page and d.finding.is_region and d.finding.category is Category.PHOTO
                     and any(b.intersection_area(box) > 0.1 * box.area for b in d.finding.boxes)
                     for d in decisions)
    if not over_photo:
        return None
    read = [d for d in seals if d.action is Action.KEEP and d.rule.startswith("other.seal")
            and d.rule != "other.seal.issuer_over_photo" and not d.needs_review]
    return read[0].rule if read else None


def shows_employer(reading: str, employers: tuple[str, ...]) -> bool:
    """A seal's reading (a fragment) shows three consecutive characters of the distinctive part of one of
    the employer's names (its name without its region and legal form: ``distinctive_core``; all of it when
    shorter).  Shared place names and 有限公司 are how every partner's name reads too; more is evidence
    against keeping the seal as another body's, which its place alone then cannot settle."""
    text = squeeze(reading)
    for e in employers:
        core = squeeze(distinctive_core(e)) if e else ""
        if core and _run(text, core) >= min(3, len(core)):
            return True
    return False


_OWN_READINGS = ("own.seal.employer", "own.seal.employer_similar")


def give_seals_to_rivals(decisions: list[Decision], employers: tuple[str, ...],
                         pages: Mapping[int, PageStructure] | None = None) -> list[Decision]:
    """A seal removed because its reading resembles the employer's name, kept when another organisation the
    document prints explains the reading clearly better (``redactor.variants.rival_orgs``: the verification
    gate asks the same question).  A partner's 财务专用章 on a 成果应用证明, a 合作单位's stamp in a work summary:
    same city, same kind of body, most characters shared with the employer, and their own name printed beside.
    Where the page's structure places the stamp at another body's place (``place_of``: a certificate's signatory
    line naming another body), one character more is enough (``RIVAL_MARGIN_AT_ITS_PLACE``): a diploma laid
    sideways, its university's seal read with one character confused (docs/regressions.md)."""
    printed = printed_org_names(d.finding.text for d in decisions
                                if d.finding.category is Category.EMPLOYER and d.rule.startswith("other.org")
                                and not d.finding.is_region)
    if not printed:
        return decisions
    out = []
    for d in decisions:
        f = d.finding
        if f.entity_type == "SEAL" and d.rule in _OWN_READINGS and f.text:
            page = (pages or {}).get(f.page)
            others = page is not None and bool(f.boxes) and place_of(f.boxes[0], page, decisions).owner is Owner.OTHER_BODY
            rival = rival_for(f.text, employers, printed, RIVAL_MARGIN_AT_ITS_PLACE if others else RIVAL_MARGIN)
            if rival is not None:
                d = Decision(f, Action.KEEP, "other.seal.rival_org",
                             f"its reading shows {rival.rival_chars} characters of another organisation printed in the "
                             f"document ({rival.rival_length} long), {rival.employer_chars} of the employer's name")
        out.append(d)
    return out


def settle_seals(decisions: list[Decision], employers: Sequence[str],
                 pages: Mapping[int, PageStructure] | None = None) -> list[Decision]:
    """Every seal decision after the first reading (``seal_by_reading``), in the one order policy and the final
    check both take: fragments and unread seals by their place (``retie_unreadable_seals``), readings another
    printed body explains better by it (``give_seals_to_rivals``), then the evidence the audit shows
    (``with_seal_evidence``).  The order is written here only."""
    own = tuple(employers)
    decisions = retie_unreadable_seals(decisions, own, pages)
    decisions = give_seals_to_rivals(decisions, own, pages)
    return with_seal_evidence(decisions, own, pages)


def with_seal_evidence(decisions: list[Decision], employers: tuple[str, ...],
                       pages: Mapping[int, PageStructure] | None = None) -> list[Decision]:
    """Every seal decision with the evidence the audit shows (issue 41: "which evidence decided"): which search
    read it (``text_source``), the form label of its place, and how many characters of its reading the
    employer's best name and the best of the other organisations the document prints explain, with how many
    were compared -- numbers only, the audit holds no names."""
    printed = printed_org_names(d.finding.text for d in decisions
                                if d.finding.category is Category.EMPLOYER and d.rule.startswith("other.org")
                                and not d.finding.is_region)
    own = [e for e in employers if e]
    out = []
    for d in decisions:
        f = d.finding
        if f.entity_type != "SEAL":
            out.append(d)
            continue
        rivals = [n for n in printed if not any(letters(e) in letters(n) for e in own if len(letters(e)) >= 2)]
        ev: list[tuple[str, object]] = [("text_source", str(f.explain("text_source", "") or "none")),
                                        ("read_chars", len(letters(f.text or "")))]
        page = (pages or {}).get(f.page)
        place = place_of(f.boxes[0], page, decisions) if page is not None and f.boxes else recorded_place(f)
        if place.label:
            ev += [("place_label", place.label), ("place_owner", place.owner.value)]
            if place.signatory:
                ev += [("place_by", "signatory")]
        if f.text:
            ev += [("employer_chars", max((explained(e, f.text) for e in own), default=0)),
                   ("best_other_org_chars", max((explained(n, f.text) for n in rivals), default=0)),
                   ("other_orgs_compared", len(rivals))]
        out.append(replace(d, evidence=d.evidence + tuple(ev)))
    return out
