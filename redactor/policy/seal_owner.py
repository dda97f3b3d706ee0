"""Whose is a seal whose text could not be read?  The print it is stamped over says.

A seal is stamped over the signatory line of the party that signs: the
employer's over 单位意见 … 内蒙古科技大学 (date), a review board's over
…高级职称评审委员会 (date).  When the ring text cannot be read (a strongly
compressed scan keeps too little colour for the thin ring characters), the
printed organisation under and around the stamp is the evidence left:

- the applicant's employer (a removed employer mention) there: the employer's
  seal -- removed, as before;
- only another organisation (kept by policy as ``other.organization``) there,
  and no employer mention anywhere near: that organisation's seal -- kept, and
  flagged for review since it rests on placement, not on the seal's own text;
- nothing printed there: undecided; ``policy.unreadable_seal`` decides as before.

The neighbourhood is the seal's box grown by 0.15 of its size (the stamp
overlaps the name it authenticates); "near" is the box grown by 0.4 of its
size, so an employer name just above or beside the stamp still counts against
keeping it (a form's 单位意见 row sits about 0.6 seal sizes above the next
row's signatory line).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from redactor.model import Action, BBox, Category, Decision, Finding

_OVER = 0.15          # the stamp's own neighbourhood, in seal sizes
_NEAR = 0.4           # an employer mention this close rules out "another organisation's seal"


@dataclass(frozen=True)
class SealTie:
    owner: str          # "applicant" (employer printed under it), "other" (another organisation only) or ""


def _grown(b: BBox, k: float) -> BBox:
    d = k * max(b.width, b.height)
    return BBox(b.x0 - d, b.y0 - d, b.x1 + d, b.y1 + d)


def _touches(a: BBox, b: BBox) -> bool:
    return min(a.x1, b.x1) > max(a.x0, b.x0) and min(a.y1, b.y1) > max(a.y0, b.y0)


def seal_tie(seal: Finding, decisions: list[Decision]) -> SealTie:
    box = seal.boxes[0]
    over, near = _grown(box, _OVER), _grown(box, _NEAR)
    other = False
    for d in decisions:
        f = d.finding
        if f.page != seal.page or f.is_region or not f.boxes:
            continue
        employer = (d.action is Action.REDACT and f.category is Category.EMPLOYER) or d.rule == "other.org.contains_employer"
        if employer and any(_touches(near, b) for b in f.boxes):
            return SealTie("applicant")
        if d.action is Action.KEEP and d.rule == "other.organization" and any(_touches(over, b) for b in f.boxes):
            other = True
    return SealTie("other" if other else "")


UNREADABLE = "review.seal.unreadable"


def retie_unreadable_seals(decisions: list[Decision]) -> list[Decision]:
    """Decisions on unreadable seals revisited with the print they are stamped over."""
    out = []
    for d in decisions:
        if d.rule == UNREADABLE and d.finding.entity_type == "SEAL" and d.finding.boxes:
            tie = seal_tie(d.finding, decisions)
            if tie.owner == "other":
                d = Decision(d.finding, Action.KEEP, "other.seal.over_other_org",
                             "seal text unreadable; stamped over another organisation's printed name and no "
                             "employer mention near it", needs_review=True)
            elif tie.owner == "applicant" and d.action is Action.KEEP:
                d = replace(d, action=Action.REDACT, rule="own.seal.over_employer", profile_field="employers",
                            reason="seal text unreadable; stamped over the employer's printed name")
        out.append(d)
    return out
