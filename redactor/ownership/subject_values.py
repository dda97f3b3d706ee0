"""The subject's values are the applicant's: a value in the applicant's own cell, whatever the profile lists.

On a form whose subject is the applicant (their removed name in its 姓名 cell, ``photos.subject_is_applicant``),
the value of its 身份证号, 手机/联系电话, 工作单位 and 电子邮箱 cells is the applicant's even where the profile
lacks it: a second mobile, the ID number of an old form, the unit's other name.  Which cell a value sits in, the
page's structure says (``structure.fields``: a field label, the lexicon's role for it, the value's boxes); a cell
that is another person's (推荐人工作单位, a family table's 工作单位 column, a block of another person's) is theirs.

On a certificate or letter whose holder is the applicant (兹证明 X 同志), only its **holder's lines** are theirs:
the 身份证号 and 工作单位 fields below the place that names the holder, with no label of another's mark
(推荐人：, 发证机关) and no signatory line between (``_holders_line``).  Its contact lines (电话, 电子邮箱,
联系人) are its writer's or issuer's.  Such a unit may be read only in part (the rest under the issuer's stamp):
a part of a listed employer's name, or such a part with one character read wrong (the stamp's ink read as one),
is removed as theirs with nothing to suggest (rule ``own.employer.part``).

Such a value is removed with the rule ``own.<category>.inferred`` and offered to the user as a profile suggestion
(the audit's ``profile_suggestions``: category, page, box and keyed hash, never the value).  A value that
contradicts the profile -- an ID number in the applicant's own 身份证号 cell that is not the profile's, a unit
that is none of the profile's employers -- is removed too, and a person looks.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import replace

from redactor.model import Action, ApplicantProfile, BBox, Category, Decision
from redactor.ownership.labels import LabelHit
from redactor.normalize import compact, id_number_valid
from redactor.ownership.lexicon import Owner
from redactor.ownership.photos import applicants_names, subject_is_applicant
from redactor.ownership.structure import PageStructure
from redactor.variants.rival_orgs import printed_org_names

__all__ = ["subject_values", "INFERRED"]

INFERRED = "inferred"                                   # the explanation key marking a value the profile lacked

# the labelled field's entity -> (the structure's field, the audit's category, the profile's field)
_FIELDS = {"CN_RESIDENT_ID": ("id_number", "id_number", "id_number"), "CN_MOBILE": ("phone", "phone", "phones"),
           "ORGANIZATION": ("employer", "employer", "employers"), "EMAIL_ADDRESS": ("email", "email", "emails")}
_OWNERS = {"id_number": (Owner.APPLICANT,), "phone": (Owner.APPLICANT,), "email": (Owner.APPLICANT,),
           "employer": (Owner.APPLICANT, Owner.APPLICANT_UNIT)}
_MOBILE = re.compile(r"^(?:\+?86)?1[3-9]\d{9}$")    # the applicant's own phone; a form's office line is not theirs
_CELL_SHARE = 0.5            # share of the value's box inside the cell's value boxes
_MISREAD_PART_MIN = 4        # characters: the least of a listed unit's name a reading with one wrong one must show
# kept decisions that are no one else's value: a phrase holding the employer (only its employer part goes), a
# boundary decision (李明 inside 李明华)
_NOT_ANOTHERS = ("other.org.contains", "boundary.")


def _places(hit: LabelHit, values: tuple[BBox, ...], page: PageStructure) -> list[BBox]:
    return list(values) + [s for h, s in page.slots if h.bbox == hit.bbox]


def _cell(box: BBox, field: str, page: PageStructure) -> tuple[LabelHit, Owner, list[BBox]] | None:
    """(label, owner, the value's places) of the field cell of kind ``field`` whose value lies at ``box``."""
    for hit, values in page.fields:
        if hit.role.field != field:
            continue
        places = _places(hit, values, page)
        if any(v.intersection_area(box) >= _CELL_SHARE * max(box.area, 1e-6) for v in places):
            return hit, hit.role.owner, places
    return None


def _whose_group(hit: LabelHit, page: PageStructure, decisions: list[Decision]) -> str:
    """Whose cells these are by the name cell that heads their group (``_group_head``) -- "applicant" when it holds
    the applicant's removed name, "other" when it holds none (another person's: a form's second 姓名 row is its
    推荐专家's, realdocs D15), "" when none heads it."""
    places = _group_head(hit, page)
    if places is None:
        return ""
    if any(p.intersection_area(b) > 0 for p in places for b in applicants_names(decisions, page.number)):
        return "applicant"
    return "other"


def _group_head(hit: LabelHit, page: PageStructure) -> list[BBox] | None:
    """The places of the 姓名 cell that heads ``hit``'s group: the last 姓名 cell at or above the cell's row
    (reading order), or None."""
    return _group_head_at(hit.bbox, page)


def _group_head_at(box: BBox, page: PageStructure) -> list[BBox] | None:
    """The places of the 姓名 cell that heads the group of what lies at ``box`` (``_group_head``)."""
    up = page.frame.up
    at = up(box)
    heads = [(up(h.bbox), h, v) for h, v in page.fields if h.role.field == "name"]
    above = [(b, h, v) for b, h, v in heads if b.y0 <= at.y0 + 0.5 * at.height and (b.y0 < at.y0 - 0.5 * at.height
                                                                                     or b.x0 <= at.x0)]
    if not above:
        return None
    _, h, v = max(above, key=lambda t: (t[0].y0, t[0].x0))
    return _places(h, v, page)


_HOLDERS_FIELDS = ("id_number", "employer")   # a certificate's holder's lines; its contact lines are its writer's
_THEIR_MARKS = (Owner.OTHER_PERSON, Owner.OTHER_BODY, Owner.ISSUER)


def _holders_line(hit: LabelHit, page: PageStructure, decisions: list[Decision]) -> bool:
    """On a certificate or letter: ``hit`` is one of its holder's lines -- an identity field (身份证号, 工作单位) at
    or below the nearest place that names its holder, that place holding the applicant's removed name, and
    nothing of another's between them in reading order within their column: a label of another's mark
    (推荐人：, 发证机关) or a signatory line."""
    if hit.role.field not in _HOLDERS_FIELDS:
        return False
    up = page.frame.up
    at = up(hit.bbox)
    above = [(s, up(s)) for s in page.subject if up(s).y0 <= at.y0 + 0.5 * at.height]
    if not above:
        return False
    # the nearest (a two-up sheet prints the other copy's holder beside this one)
    s, u = min(above, key=lambda t: math.hypot(t[1].x0 - at.x0, at.y0 - t[1].y0))
    if not any(s.intersection_area(b) >= 0.5 * max(b.area, 1e-6) for b in applicants_names(decisions, page.number)):
        return False
    x0, x1 = min(u.x0, at.x0), max(u.x1, at.x1)
    between = [up(h.bbox) for h in page.labels if h.role.owner in _THEIR_MARKS] + [up(b) for b in page.issuer]
    return not any(u.y1 <= b.y0 and b.y1 <= at.y1 and b.x1 > x0 and b.x0 < x1 for b in between)


def _removed_there(places: list[BBox], category: str, decisions: list[Decision], page: int) -> bool:
    """The plan already removes a value of ``category`` in the cell: what else the cell holds is no second value
    (包头钢铁（集团）有限责任公司 removed, 技术中心 after it is its department)."""
    return any(d.action is Action.REDACT and d.finding.page == page and d.finding.category is not None
               and d.finding.category.value == category and not d.finding.is_region
               and any(p.intersection_area(b) > 0 for p in places for b in d.finding.boxes) for d in decisions)


def _contradicts(field: str, value: str, profile: ApplicantProfile) -> bool:
    """The value is another one of a kind the profile holds one of: a second ID number, an unlisted unit."""
    if field == "id_number":
        return bool(profile.id_number) and compact(value).upper() != compact(profile.id_number).upper()
    if field == "employer":
        return bool(profile.employers)
    return False


def _part_of_listed(value: str, profile: ApplicantProfile) -> bool:
    """The unit read is a part of one the profile lists (包头市中心 of 包头市中心医院, the rest under a stamp)."""
    v = compact(value)
    return bool(v) and any(v in compact(e) for e in profile.employers)


def _misread_part_of_listed(value: str, profile: ApplicantProfile) -> bool:
    """The unit read is a part of one the profile lists with one character read wrong or read in (内蒙古科技术 for
    内蒙古科技大学: the stamp's ink over 大学 read as one 术): without that one character, at least
    ``_MISREAD_PART_MIN`` characters and half the listed name are printed in it in order.  A reading that is not
    shaped like a unit's name (no suffix) is then still the unit's, since it lies in the unit's own cell."""
    v = compact(value)
    if len(v) <= _MISREAD_PART_MIN:
        return False
    for e in (compact(x) for x in profile.employers):
        least = max(_MISREAD_PART_MIN, math.ceil(len(e) / 2))
        if any(len(v) - 1 >= least and v[:i] + v[i + 1:] in e for i in range(len(v))):
            return True
    return False


def _shaped(field: str, value: str) -> bool:
    v = compact(value)
    if field == "id_number":
        return id_number_valid(v.upper())
    if field == "phone":
        return bool(_MOBILE.match(re.sub(r"[\s\-()（）+＋]", "", v)))
    if field == "email":
        return "@" in v
    return bool(printed_org_names([value]))      # a unit's name (ends in 公司, 医院, 大学 ...), not a label's tail


def _own_id_boxes(decisions: list[Decision], page: int) -> list[BBox]:
    """Where the profile's own ID number is removed on ``page`` (matched from the profile, not inferred)."""
    return [b for d in decisions if d.finding.page == page and d.action is Action.REDACT and not d.finding.is_region
            and d.finding.category is Category.ID_NUMBER and d.rule == "own.id_number" for b in d.finding.boxes]


def _named_by_own_id(name: Decision, page: PageStructure, decisions: list[Decision]) -> bool:
    """``name`` (kept as another person's) lies in the page's subject place, and the 身份证号 cell of that subject
    -- the applicant's own cell whose group that place heads -- holds the profile's ID number; on a certificate,
    the holder's line that place reads holds it."""
    box = BBox.enclosing(name.finding.boxes)
    places = [sb for sb in page.subject if sb.intersection_area(box) >= 0.5 * max(box.area, 1e-6)]
    if not places:
        return False
    own_ids = _own_id_boxes(decisions, page.number)
    if not own_ids:
        return False
    if page.certificate and any(p.intersection_area(b) > 0 for p in places for b in own_ids):
        # a certificate's holder line names its holder with their ID number (兹证明王淑珺同志（身份证号：…）): the
        # place that names the holder runs on over the profile's number
        return True
    for hit, values in page.fields:
        if hit.role.field != "id_number" or hit.role.owner is not Owner.APPLICANT:
            continue
        places = _places(hit, values, page)
        if not any(p.intersection_area(b) >= _CELL_SHARE * max(b.area, 1e-6) for p in places for b in own_ids):
            continue
        head = _group_head(hit, page)
        if head is not None and any(p.intersection_area(box) >= 0.5 * max(box.area, 1e-6) for p in head):
            return True
    # the number's label misread (a thresholded scan's 证件号码 read 证件码, no label at all): the profile's number
    # printed in the group the subject place heads, no other person's 姓名 cell between them
    up = page.frame.up
    ids = [up(h.bbox) for h, _ in page.fields if h.role.field == "id_number"]
    for b in own_ids:
        u = up(b)
        if any(i.y0 - 2 <= u.y1 and u.y0 <= i.y1 + 2 for i in ids):
            continue        # beside a 身份证号 label of its own: that cell's owner said whose above
        head = _group_head_at(b, page)
        if head is not None and any(p.intersection_area(box) >= 0.5 * max(box.area, 1e-6) for p in head):
            return True
    return False


def _inside_the_applicants_name(boxes: tuple[BBox, ...], decisions: list[Decision], page: int) -> bool:
    """The boxes lie in the applicant's removed name (a word of 娜仁花·托娅 that NER tagged as a person of its own):
    nothing more to remove there, and nothing for a person to look at."""
    own = applicants_names(decisions, page)
    return all(any(b.intersection_area(o) >= 0.8 * max(b.area, 1e-6) for o in own) for b in boxes)


def _one_char_apart(read: str, profile: ApplicantProfile) -> bool:
    """``read`` is one of the profile's names with one character read wrong (珺 read 君: OCR's reading of a rare
    character as the part of it it knows)."""
    r = compact(read)
    return any(len(r) == len(n) and sum(a != b for a, b in zip(r, n)) == 1
               for n in (compact(x) for x in (profile.name, *profile.name_aliases) if x))


def _on_its_line(d: Decision, page: PageStructure) -> Decision:
    """``d`` with a name NER read across a line break narrowed to the line that lies in the page's subject place:
    LAC joins a 姓名 cell's value to the next row's first character (王淑培 and the 曾 of 曾用名 read 竹, one
    person to it), and the two lines' box was no subject place.  ``d`` itself where it spans no break or no line
    of it lies there."""
    f = d.finding
    lines = [(k, part) for k, part in _lines(f.text) if part.strip()]
    boxes: list[BBox] = list(f.boxes)
    if len(boxes) == sum(len("".join(part.split())) for _, part in lines) > len(lines):
        # a box a character (OCR's): each line's characters' boxes together
        it = iter(f.boxes)
        boxes = [BBox.enclosing([next(it) for _ in "".join(part.split())]) for _, part in lines]
    if len(lines) < 2 or len(lines) != len(boxes):
        return d
    for (k, part), box in zip(lines, boxes):
        if any(sb.intersection_area(box) >= 0.5 * max(box.area, 1e-6) for sb in page.subject):
            lead = len(part) - len(part.lstrip())
            text = part.strip()
            start = f.start + k + lead
            return replace(d, finding=replace(f, text=text, boxes=(box,), start=start, end=start + len(text)))
    return d


def _lines(text: str) -> list[tuple[int, str]]:
    """(offset, line) of every line of ``text``."""
    out, k = [], 0
    for part in text.split("\n"):
        out.append((k, part))
        k += len(part) + 1
    return out


def subject_names(decisions: list[Decision], profile: ApplicantProfile,
                  pages: Mapping[int, PageStructure]) -> list[Decision]:
    """``decisions`` with a name kept as another person's that stands in the subject place of a form or card whose
    own 身份证号 cell holds the profile's ID number decided again: the subject is the applicant, so the name in
    its 姓名 cell is theirs -- read with a character wrong (王淑珺 read 王淑君 on a phone photo of a certificate,
    which the final check read right and repaired, with the portrait policy had given to "another person" beside
    it), or a name the profile lacks (a person looks)."""
    if not profile.id_number:
        return decisions
    out = []
    for d in decisions:
        page = pages.get(d.finding.page)
        kept = d
        if page is not None and d.finding.entity_type == "PERSON" and d.action is Action.KEEP:
            d = _on_its_line(d, page)
        f = d.finding
        if (f.entity_type != "PERSON" or d.action is not Action.KEEP or not d.rule.startswith("other.person")
                or f.is_region or not f.boxes or page is None or not (page.form or page.certificate)
                or _inside_the_applicants_name(f.boxes, decisions, f.page)
                or not _named_by_own_id(d, page, decisions)):
            out.append(kept)
            continue
        misread = _one_char_apart(f.text or "", profile)
        why = ("the name in the subject's 姓名 cell of a page whose own 身份证号 cell holds the applicant's ID number"
               + ("; the profile's name with a character read wrong" if misread else
                  "; it is not the profile's name (a person looks)"))
        out.append(Decision(f, Action.REDACT, "own.name.subject", why, needs_review=not misread, profile_field="name"))
    return out


def subject_values(decisions: list[Decision], profile: ApplicantProfile,
                   pages: Mapping[int, PageStructure]) -> list[Decision]:
    """``decisions`` with every value kept as someone else's (an ID number, a mobile, an organisation, an e-mail
    any recogniser found) that sits in the applicant's own cell of a page whose subject is the applicant decided
    again: the applicant's, inferred.  First, a name in the subject place of a page whose own 身份证号 is the
    profile's is the applicant's (``subject_names``)."""
    decisions = subject_names(decisions, profile, pages)
    # a form's cells; a letter's or certificate's holder's lines only: its contact lines are its writer's
    # (realdocs2 R27: a recommendation letter's 电子邮箱 is the recommender's)
    subject_pages = {n for n, st in pages.items() if (st.form or st.certificate)
                     and subject_is_applicant(st, decisions)}
    if not subject_pages:
        return decisions
    out = []
    for d in decisions:
        f = d.finding
        spec = _FIELDS.get(f.entity_type)
        if (spec is None or d.action is not Action.KEEP or f.is_region or f.page not in subject_pages
                or not f.boxes or d.rule.startswith(_NOT_ANOTHERS)):
            out.append(d)
            continue
        field, category, profile_field = spec
        page = pages[f.page]
        box = BBox.enclosing(f.boxes)
        cell = _cell(box, field, page)
        blk = page.block_at(box)
        misread = field == "employer" and _misread_part_of_listed(f.text, profile)
        if cell is None or cell[1] not in _OWNERS[field] or not (_shaped(field, f.text) or misread) or (
                blk is not None and blk.owner in (Owner.OTHER_PERSON, Owner.OTHER_BODY)) or (
                field == "employer" and _removed_there(cell[2], category, decisions, f.page)) or (
                _whose_group(cell[0], page, decisions) == "other") or (
                page.certificate and not _holders_line(cell[0], page, decisions)):
            out.append(d)
            continue
        why = f"the value of the applicant's own {cell[0].role.label} cell on a page whose subject is the applicant"
        if field == "employer" and (_part_of_listed(f.text, profile) or misread):    # the profile has it: no news
            how = "with a character read wrong" if misread and not _part_of_listed(f.text, profile) else \
                "read alone (the rest unread)"
            out.append(Decision(f, Action.REDACT, f"own.{category}.part", why + f"; a part of a listed employer's "
                                f"name {how}", profile_field=profile_field))
            continue
        contra = _contradicts(field, f.text, profile)
        why += "; it is not the profile's (a person looks)" if contra else "; the profile lacks it"
        g = replace(f, explanation=f.explanation + ((INFERRED, True),))
        out.append(Decision(g, Action.REDACT, f"own.{category}.inferred", why, needs_review=contra,
                            profile_field=profile_field))
    return out
