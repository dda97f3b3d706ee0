"""The place a stamp is pressed, from the page's structure (issue 49): the role of the seal label governing it,
a contract's party, a block, a certificate's signatory line -- whose place of the page it is (``Place``), for the
seal decisions of ``ownership.seals``."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from redactor.model import Action, BBox, Category, Decision, Finding
from redactor.ownership.labels import LabelHit, contract_party
from redactor.ownership.lexicon import Kind, Owner
from redactor.ownership.seal_geometry import grown, same_stamp, touches
from redactor.ownership.structure import PageStructure

_ABOVE = 0.8          # seal sizes: a label this far above the stamp, over it across, labels its place
_BESIDE = 1.2         # seal sizes: a label this far right of the stamp on its row labels its place
_ROW_SLACK = 0.15     # seal sizes: a row's label ending this far above the stamp's top still heads its cell
_SLOT = 0.6           # seal sizes: a certificate's signatory line this close to the stamp is what it signs


@dataclass(frozen=True)
class Place:
    """Whose place of the page a stamp is pressed in: ``owner`` APPLICANT_UNIT (the applicant's unit's),
    OTHER_BODY (another body's) or UNKNOWN; ``label`` the form's label there (normalised, no value);
    ``signatory``: decided by a certificate's signatory line (its issuer: the employer or another body), not by a
    label or a block."""

    owner: Owner = Owner.UNKNOWN
    label: str = ""
    signatory: bool = False

    def labelled(self, owner: Owner) -> bool:
        """``owner``'s place by a label or a block (not by a signatory line)."""
        return self.owner is owner and not self.signatory


# the place as hand-written records (unit tests) and detectors before 130c440 wrote it in a seal's explanation
_RECORDED_PLACES = {"own": (Owner.APPLICANT_UNIT, False), "other": (Owner.OTHER_BODY, False),
                    "issuer_employer": (Owner.APPLICANT_UNIT, True), "issuer_other": (Owner.OTHER_BODY, True)}


def recorded_place(seal: Finding) -> Place:
    """The place a seal's own explanation records (``place_owner``, ``place_label``): for a seal decided without the
    page's structure."""
    owner, signatory = _RECORDED_PLACES.get(str(seal.explain("place_owner", "") or ""), (Owner.UNKNOWN, False))
    return Place(owner, str(seal.explain("place_label", "") or ""), signatory)


def place_of(box: BBox, page: PageStructure | None, decisions: Sequence[Decision] = ()) -> Place:
    """The place (``Place``: APPLICANT_UNIT, OTHER_BODY or UNKNOWN, and the label) the page's structure gives the place
    of the stamp at ``box``: the role of the seal label governing it (on its row either side, or just above;
    the nearest), a bare label's (盖章) block's owner, else -- on a certificate or letter -- its signatory line."""
    if page is None:
        return Place()
    up = page.frame.up                  # left, right and above as the page reads (a sideways scan turned upright)
    at = up(box)
    size = max(box.width, box.height)
    cx, cy = at.center
    best: tuple[float, LabelHit] | None = None
    for h in page.labels:
        if h.role.kind not in (Kind.SEAL, Kind.ISSUER):
            continue
        b = up(h.bbox)
        # on its row: the row's label cell to its left (a form row's label stands at the row's start, however far;
        # it may end a little above the stamp's top, heading the cell the stamp is pressed in), or a label just
        # right of it (单位名称（公章）： with the stamp pressed before it)
        left = b.x0 < cx and b.y0 < at.y1 and (b.y1 > at.y0 or at.y0 - b.y1 <= _ROW_SLACK * size)
        right = not left and b.y1 > at.y0 and b.y0 < at.y1 and b.x0 < at.x1 + _BESIDE * size
        above = b.x1 > at.x0 - 0.3 * size and b.x0 < at.x1 + 0.3 * size and at.y0 - _ABOVE * size <= b.y1 <= cy
        if not (left or right or above or at.contains_point(*b.center)):
            continue
        d = abs(b.center[1] - cy) + 0.25 * abs(b.center[0] - cx) + (0.0 if left else 0.5 * size)
        if best is None or d < best[0]:
            best = (d, h)
    if best is not None:
        role = best[1].role
        party = dict(page.parties).get(contract_party(role.label))
        if party is not None:
            # a contract's party stamps here (甲方（盖章）): whose that party is, the contract says where it names it
            # (甲方（用人单位）), over what the same words mean on other documents -- as for its signature
            return Place(Owner.APPLICANT_UNIT if party in (Owner.APPLICANT, Owner.APPLICANT_UNIT) else Owner.OTHER_BODY,
                         role.label)
        owner = role.owner
        if owner is Owner.UNKNOWN:
            owner = body_named_in(best[1].bbox, page.number, decisions)
        if owner is Owner.UNKNOWN:
            blk = page.block_at(best[1].bbox)
            owner = blk.owner if blk is not None else Owner.UNKNOWN
        if owner is Owner.APPLICANT_UNIT:
            return Place(Owner.APPLICANT_UNIT, role.label)
        if owner in (Owner.OTHER_BODY, Owner.OTHER_PERSON):
            return Place(Owner.OTHER_BODY, role.label)
        if owner is Owner.ISSUER:
            return issuer_place(box, page, decisions) or Place(label=role.label)
    blk = page.block_at(box)
    if blk is not None and blk.owner in (Owner.OTHER_BODY, Owner.OTHER_PERSON):
        return Place(Owner.OTHER_BODY, blk.label)
    if page.certificate:
        return issuer_place(box, page, decisions) or Place()
    return Place()


def body_named_in(label: BBox, page: int, decisions: Sequence[Decision]) -> Owner:
    """Whose seal a label whose qualifier the lexicon does not know asks for, when that qualifier is a body's
    name: （包头中心医院盖章） after 同意推荐。 names the unit that stamps -- the applicant's unit where the plan
    removed that name as the employer's, another body where it kept it as another organisation's.  UNKNOWN when
    the label holds no such name, or both."""
    owners = set()
    for d in decisions:
        f = d.finding
        if f.page != page or f.is_region or not f.boxes:
            continue
        if not any(b.intersection_area(label) >= 0.5 * max(b.area, 1e-6) for b in f.boxes):
            continue
        if d.action is Action.REDACT and f.category is Category.EMPLOYER:
            owners.add(Owner.APPLICANT_UNIT)
        elif d.action is Action.KEEP and d.rule == "other.organization":
            owners.add(Owner.OTHER_BODY)
    return owners.pop() if len(owners) == 1 else Owner.UNKNOWN


def issuer_place(box: BBox, page: PageStructure, decisions: Sequence[Decision]) -> Place | None:
    """A certificate's stamp signs the line it is pressed on or beside (its issuer): the employer's removed name
    there makes it the employer's, another organisation's kept name there another body's."""
    slots = [s for s in page.issuer if touches(grown(box, _SLOT), s)]
    if slots:
        for d in decisions:
            f = d.finding
            if f.page != page.number or f.is_region or not any(touches(s, b) for s in slots for b in f.boxes):
                continue
            if d.action is Action.REDACT and f.category is Category.EMPLOYER:
                return Place(Owner.APPLICANT_UNIT, "signatory", signatory=True)
            if d.action is Action.KEEP and d.rule.startswith("other.org"):
                return Place(Owner.OTHER_BODY, "signatory", signatory=True)
        return None
    # a certificate's one stamp is its issuer's wherever it is pressed (over the holder's lines, off the signatory
    # line): when the page's signatory lines name one body, the employer (removed) or another (kept), and no other
    # stamp is on the page (a partial impression found twice, two outlines over the same ink, is one stamp)
    if not page.certificate or not page.issuer or any(
            d.finding.page == page.number and d.finding.entity_type == "SEAL" and d.finding.boxes
            and not same_stamp(d.finding.boxes[0], box) for d in decisions):
        return None
    named = set()
    for d in decisions:
        f = d.finding
        if f.page != page.number or f.is_region or not any(touches(s, b) for s in page.issuer for b in f.boxes):
            continue
        if d.action is Action.REDACT and f.category is Category.EMPLOYER:
            named.add(Owner.APPLICANT_UNIT)
        elif d.action is Action.KEEP and d.rule.startswith("other.org"):
            named.add(Owner.OTHER_BODY)
    return Place(named.pop(), "signatory; the certificate's one stamp", signatory=True) if len(named) == 1 else None


def field_values(page: PageStructure | None) -> list[BBox]:
    """Where a certificate writes the values of its fields (工作单位：…, printed in the input, painted in the
    output): the holder's unit, not a signatory."""
    if page is None or not page.certificate:
        return []
    return [s for h, s in page.slots if h.role.field == "employer"]


def in_value(b: BBox, values: list[BBox]) -> bool:
    """``b`` is written in a field's value place: half of it, or of the place, is shared -- a painted value's
    place in the output is eight characters long (``structure._slot``), the unit's name often longer."""
    return any(v.intersection_area(b) >= 0.5 * max(min(b.area, v.area), 1e-6) for v in values)
