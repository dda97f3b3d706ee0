"""The applicant's name read through a stamp: one of their names with the characters under the ink misread.

An issuing body stamps its certificate over the holder's name line (a 会员证书, a 继续教育证书): OCR reads 谢兰 as
谢三, the seal's ring across 兰, and the labelled-field recogniser proposes 谢三 -- a person the profile does not
name, kept as another person's; the portrait beside it followed as theirs; the final check, reading the same ink,
read 谢三 too and passed the output with the applicant's name legible through the stamp (docs/regressions.md).

Where a PERSON candidate is the value of the applicant's own name field (its label's role in the lexicon is the
applicant's ``name`` field -- the label read with it, or the field whose value's place the page's structure says it
lies in -- and the structure puts it in no one else's block), has the length of one of
the applicant's names, agrees with it in place in at least ``stamped_name_min_agreeing_share`` of its characters,
and every character it reads differently lies under a stamp found on the page, it is that name misread through
the stamp's ink: removed as the applicant's (``own.name.under_stamp``).  Where it reads only the first (last)
characters of one of their names -- at least that share of them -- and the place of the rest, right after (before)
it, lies under a stamp, the rest was not read at all (司马瑶 read 司马): the name's whole place goes.  Where it reads one of their names and more
characters before or after it, every one of them under a stamp (周珊珊 read 周珊珊章: the seal's 章 across the line's
end), the stamp's ink was read as part of the name: the name's characters are removed, the stamp's
stay with it.  A name that differs, or runs on, where no stamp is stays another person's (杨玲军 beside 杨玲).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from redactor.model import Action, BBox, Decision
from redactor.normalize import compact
from redactor.ownership.labels import read_role
from redactor.ownership.lexicon import Owner
from redactor.ownership.structure import PageStructure

__all__ = ["names_read_through_stamps"]

RULE = "own.name.under_stamp"
_OTHERS = ("other.person", "other.person.shares_name")     # the decisions a name read through a stamp gets


def _char_boxes(box: BBox, n: int) -> list[BBox]:
    """``n`` character boxes along a one-line value box (CJK characters are square: cut along its longer side)."""
    if box.width >= box.height:
        w = box.width / n
        return [BBox(box.x0 + k * w, box.y0, box.x0 + (k + 1) * w, box.y1) for k in range(n)]
    h = box.height / n
    return [BBox(box.x0, box.y0 + k * h, box.x1, box.y0 + (k + 1) * h) for k in range(n)]


def _beyond(box: BBox, n: int, more: int, after: bool) -> list[BBox]:
    """The places of ``more`` characters right after (before) a one-line value of ``n`` characters at ``box``."""
    if box.width >= box.height:
        w = box.width / n
        x = box.x1 if after else box.x0 - more * w
        return [BBox(x + k * w, box.y0, x + (k + 1) * w, box.y1) for k in range(more)]
    h = box.height / n
    y = box.y1 if after else box.y0 - more * h
    return [BBox(box.x0, y + k * h, box.x1, y + (k + 1) * h) for k in range(more)]


def _applicants_name_role(label: str) -> bool:
    role = read_role(label) if label else None
    return role is not None and role.field == "name" and role.owner is Owner.APPLICANT


def _own_name_field(label: str, box: BBox, page: PageStructure | None) -> bool:
    """``box`` is the value of the applicant's own name field: by the label the recogniser read with it, or (a
    name NER found alone) by the place the page's structure gives that field's value."""
    if not _applicants_name_role(label):
        slot = page is not None and any(_applicants_name_role(h.role.label) and
                                        place.intersection_area(box) >= 0.5 * max(box.area, 1e-6)
                                        for h, place in page.slots)
        if not slot:
            return False
    blk = page.block_at(box) if page is not None else None
    return blk is None or blk.owner in (Owner.APPLICANT, Owner.UNKNOWN)


def names_read_through_stamps(decisions: list[Decision], names: Sequence[str], min_agreeing_share: float,
                              pages: Mapping[int, PageStructure] | None = None) -> list[Decision]:
    """``decisions`` with another person's name that is the applicant's read through a stamp decided again (see the
    module's docstring; ``names``: the profile's names, compacted; ``min_agreeing_share``:
    ``PolicyConfig.stamped_name_min_agreeing_share``)."""
    pages = pages or {}
    stamps: dict[int, list[BBox]] = {}
    for d in decisions:
        if d.finding.entity_type == "SEAL":
            stamps.setdefault(d.finding.page, []).extend(d.finding.boxes)
    if not stamps or not names:
        return decisions
    out = []
    for d in decisions:
        f = d.finding
        if d.action is Action.KEEP and d.rule in _OTHERS and f.entity_type == "PERSON" and f.page in stamps \
                and len(f.boxes) == 1 and _own_name_field(str(f.explain("label", "")), f.boxes[0], pages.get(f.page)):
            read = compact(f.text)
            boxes = _char_boxes(f.boxes[0], len(read)) if read else []

            def stamped(ks: Sequence[int]) -> bool:
                return all(any(s.contains_point(*boxes[k].center) for s in stamps[f.page]) for k in ks)

            for name in names:
                if len(name) < 2:
                    continue
                if len(name) == len(read):
                    wrong = [k for k, (a, b) in enumerate(zip(name, read)) if a != b]
                    if not wrong or len(name) - len(wrong) < min_agreeing_share * len(name) or not stamped(wrong):
                        continue
                    d = Decision(f, Action.REDACT, RULE,
                                 f"the applicant's own name field ({f.explain('label')}) reads one of their names with "
                                 f"{len(wrong)} of {len(name)} characters misread, each under a stamp on the page",
                                 profile_field="name")
                    break
                # the name's last (first) characters under the stamp not read at all (司马瑶 read 司马, 瑶 under the
                # ring): the name's place runs on over the stamp by the characters missing
                if 2 <= len(read) < len(name) and len(read) >= min_agreeing_share * len(name) and \
                        (name.startswith(read) or name.endswith(read)):
                    missing = _beyond(f.boxes[0], len(read), len(name) - len(read), after=name.startswith(read))
                    if all(any(s.contains_point(*m.center) for s in stamps[f.page]) for m in missing):
                        d = Decision(replace(f, boxes=(BBox.enclosing([f.boxes[0], *missing]),)), Action.REDACT, RULE,
                                     f"the applicant's own name field reads {len(read)} of the {len(name)} characters "
                                     "of one of their names, the rest's place under a stamp on the page",
                                     profile_field="name")
                        break
                # the stamp's own ink read as more characters of the name (周珊珊 read 周珊珊章, the ring's 章 beside
                # it): the name goes, the characters the stamp's ink made stay with the stamp
                at = 0 if read.startswith(name) else len(read) - len(name) if read.endswith(name) else -1
                if len(read) > len(name) and at >= 0:
                    extra = [k for k in range(len(read)) if not at <= k < at + len(name)]
                    if not stamped(extra):
                        continue
                    own = BBox.enclosing(boxes[at:at + len(name)])
                    d = Decision(replace(f, boxes=(own,)), Action.REDACT, RULE,
                                 f"the applicant's own name field ({f.explain('label')}) reads one of their names and "
                                 f"{len(extra)} character(s) more, each under a stamp on the page: the stamp's ink",
                                 profile_field="name")
                    break
        out.append(d)
    return out
