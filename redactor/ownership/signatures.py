"""Whose pen strokes are they: the label they are written beside says, read by the role lexicon.

申请人签名, 本人签字, 承诺人（签字） are the applicant's; 推荐人签名, 审核人, 负责人签字 another person's; 单位盖章 is
a body's stamp, no one's signature.  A bare 签字： says nothing itself: the block it is printed in does (签字 under
推荐人(一) is the recommender's), else the page's subject -- the applicant, whose dossier it is.  A label the lexicon
cannot read (an unknown qualifier) leaves the owner unknown: a person looks.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from redactor.model import BBox
from redactor.normalize import is_cjk
from redactor.ownership.labels import contract_party, find_labels, read_role
from redactor.ownership.lexicon import Kind, Owner, lexicon
from redactor.ownership.structure import PageStructure

__all__ = ["signature_owner", "label_owner", "signature_labels", "signature_side", "SOMEONE_ELSES"]

# the owners whose pen strokes are someone else's: kept.  The applicant's are removed; an unknown owner is asked
# about.  One mapping, read by policy (``policy.rules``) and the final check (``recheck.pen_decision``) alike.
SOMEONE_ELSES = frozenset({Owner.OTHER_PERSON, Owner.OTHER_BODY, Owner.APPLICANT_UNIT, Owner.ISSUER})


def signature_side(owner: Owner) -> str:
    """"own" (the applicant's: removed), "other" (someone else's: kept) or "review" (no one can tell: a person
    looks) for pen strokes whose owner is ``owner``."""
    if owner is Owner.APPLICANT:
        return "own"
    return "other" if owner in SOMEONE_ELSES else "review"

_LABEL_END = re.compile(r"\s*(?:[：:（(]|$)")


def _fuzzy(role: str) -> str:
    """A role noun as OCR may read it: one of its characters but the last misread when it has three or more
    (市核人 for 审核人, 负员人 for 负责人: the OCR watch reads such lines again, and still misreads an eroded scan);
    the last character carries the role (申请书 is no 申请人)."""
    if len(role) < 3:
        return re.escape(role)
    alts = [re.escape(role)] + [re.escape(role[:i]) + "[\u4e00-\u9fff]" + re.escape(role[i + 1:])
                                for i in range(len(role) - 1)]
    return "(?:" + "|".join(alts) + ")"


def _role_of(read: str, lex) -> str:  # noqa: ANN001
    """The role noun ``read`` is (itself, or the one it is with a character misread)."""
    roles = lex.person_roles()
    if read in roles:
        return read
    for r in roles:
        if len(r) == len(read) and r[-1] == read[-1] and sum(a != b for a, b in zip(r, read)) == 1:
            return r
    return read

_PERSON_KINDS = (Kind.SIGNATURE, Kind.SECTION, Kind.ROWS, Kind.SUBJECT, Kind.FIELD)


def _read_there(where: BBox | None, page: PageStructure | None):  # noqa: ANN202 - a Role or None
    """The role of the label the page's structure reads at ``where`` with more words than a bare 签字 (the
    structure reads the whole line: 合作单位负责人_（签字） where a scan's underline cut the words the caller
    found down to 签字））; None when it reads none there."""
    if page is None or where is None:
        return None
    best = None
    for h in page.labels_of(Kind.SIGNATURE, Kind.SEAL):
        share = h.bbox.intersection_area(where) / max(min(h.bbox.area, where.area), 1e-6)
        if share >= 0.5 and h.role.owner is not Owner.UNKNOWN and (best is None or share > best[0]):
            best = (share, h.role)
    return best[1] if best else None


WHOLE_LABEL_INSIDE = 0.8    # share of the caller's label box inside a label the page's structure reads there ...
WHOLE_LABEL_MORE = 1.0      # ... that covers at least this many characters more (a character: the caller's label's
                            # length over its characters, by the thickness of its line)


def _whole_label_there(where: BBox | None, page: PageStructure | None, chars: int = 0):  # noqa: ANN202 - Role | None
    """The role of the signature label the page's structure reads around ``where`` when it holds more than the
    caller found there: the signature search knows the lexicon's words, the structure reads the whole label, a
    qualifier before them too (项目负责人（签字） read 项自负责人 on a scan, found as 负责人（签字）: another person's
    by its head, the applicant's whole; 科室负责人 a qualifier no form the lexicon knows prints: unknown).
    ``chars``: the characters of the caller's label (0: unknown), whose box measures a character's size: an OCR
    line's box is thicker than its characters are wide (padded, more so on a sheet scanned two-up), so the line's
    thickness alone would ask for more than a character."""
    if page is None or where is None or where.area <= 0:
        return None
    best = None
    thick, long = min(where.width, where.height), max(where.width, where.height)
    one_char = thick * (min(thick, long / chars) if chars > 0 else thick)
    for h in page.labels_of(Kind.SIGNATURE):
        shared = h.bbox.intersection_area(where)
        if shared >= WHOLE_LABEL_INSIDE * where.area and h.bbox.area - shared >= WHOLE_LABEL_MORE * one_char \
                and (best is None or h.bbox.area > best.bbox.area):
            best = h
    return best.role if best is not None else None


def label_owner(label: str, where: BBox | None, page: PageStructure | None) -> tuple[Owner, str]:
    """(owner, how) of a signature label's text at ``where``: its role (or, for a bare 签字, the role of the
    whole label the page's structure reads there), a contract party's owner as the contract names it (乙方（劳动者）),
    else its block's owner, else the page's subject.  ``how``: "label", "party", "block", "subject" or
    "unknown"."""
    role = read_role(label) if label else None
    if role is None and label:
        # a bare role the detector found as a signature label (审核人：): the role's signature
        role = read_role(label + "签名")
    role = _whole_label_there(where, page, len("".join(label.split()))) or role
    if role is not None and role.owner is Owner.UNKNOWN and role.how != "unknown_qualifier":
        role = _read_there(where, page) or role
    if role is not None and role.kind is Kind.SEAL:
        return Owner.OTHER_BODY, "label"          # a body's stamp place (单位盖章): no person's pen
    party = contract_party(label)
    if party and role is not None:
        # a contract's party signs here (乙方（签字）): whose that party is, the contract says where it names it
        # (乙方（劳动者）), over what the same words mean on other documents; else a bare party is no one known
        owner = dict(page.parties).get(party) if page is not None else None
        if owner is not None:
            return owner, "party"
        if role.owner is Owner.UNKNOWN:
            return Owner.UNKNOWN, "unknown"
    if role is not None and role.owner is Owner.OTHER_PERSON and _signs_a_declaration(label, where, page):
        return Owner.APPLICANT, "declaration"
    if role is not None and role.kind in _PERSON_KINDS and role.owner is not Owner.UNKNOWN:
        if role.owner in (Owner.APPLICANT_UNIT, Owner.OTHER_BODY, Owner.ISSUER):
            return Owner.OTHER_BODY if role.owner is not Owner.APPLICANT_UNIT else Owner.APPLICANT_UNIT, "label"
        return role.owner, "label"
    if role is not None and role.how == "unknown_qualifier":
        return Owner.UNKNOWN, "unknown"
    if page is not None and where is not None:
        blk = page.block_at(where)
        if blk is not None and blk.owner is not Owner.UNKNOWN:
            return blk.owner, "block"
    return (Owner.APPLICANT, "subject") if role is not None else (Owner.UNKNOWN, "unknown")


DECLARATION_REACH = 4.0      # label heights below a first-person declaration's last line a filler's label signs it


def _signs_a_declaration(label: str, where: BBox | None, page: PageStructure | None) -> bool:
    """A form filler's label (the lexicon's ``fillers``: 填表人签名) right under a first-person declaration
    (``PageStructure.declarations``: 声明：本人对所填写的各项内容保证是真实的): the declarant signs there, the form's
    subject.  On a form staff fill (干部任免审批表) no one declares anything above 填表人."""
    if page is None or where is None or not page.declarations:
        return False
    fillers = lexicon().grammar.fillers
    if not any(f in label for f in fillers):
        return False
    w = page.frame.up(where)
    tall = max(min(w.width, w.height), 1.0)
    for d in page.declarations:
        u = page.frame.up(d)
        if u.y1 <= w.y0 + 0.5 * tall and w.y0 - u.y1 <= DECLARATION_REACH * tall and w.x0 < u.x1 and w.x1 > u.x0:
            return True
    return False


def signature_owner(label: str, label_box: BBox | None, box: BBox, page: PageStructure | None) -> tuple[Owner, str]:
    """(owner, how) of pen strokes at ``box`` written beside the label ``label`` (at ``label_box``)."""
    if not label:
        blk = page.block_at(box) if page is not None else None
        if blk is not None and blk.owner is not Owner.UNKNOWN:
            return blk.owner, "block"
        return Owner.UNKNOWN, "unknown"
    return label_owner(label, label_box or box, page)


def _tail_of_word(text: str, boxes: Sequence[BBox | None], i: int) -> bool:
    """``text[i]`` follows a CJK character set tight before it (centres at most 1.5 character sizes apart):
    the same word, not a label's start."""
    if i == 0 or not is_cjk(text[i - 1]):
        return False
    a, b = boxes[i - 1], boxes[i]
    if a is None or b is None:
        return True
    size = max(a.width, a.height, b.width, b.height)
    (ax, ay), (bx, by) = a.center, b.center
    return ((ax - bx) ** 2 + (ay - by) ** 2) ** 0.5 <= 1.5 * size


def signature_labels(text: str, boxes: Sequence[BBox | None], page: PageStructure | None
                     ) -> list[tuple[bool, str, BBox]]:
    """Every label on a line that a signature is written beside, as (is the applicant's, label, box): the
    lexicon's signature labels (申请人签名, 推荐人签字, 签字：), a person's role that labels alone before a colon, a
    bracket or the line's end (申报人：, 审核人（ ）), and a date's label (日期: the ink beside it is the date's)."""
    lex = lexicon()
    out: list[tuple[bool, str, BBox]] = []
    taken: list[tuple[int, int]] = []
    for h in find_labels(text, boxes, lex, sections=False):
        if h.role.kind is not Kind.SIGNATURE:
            continue
        owner, _ = label_owner(h.role.label, h.bbox, page)
        out.append((owner is Owner.APPLICANT, h.role.label, h.bbox))
        taken.append((h.start, h.end))
    roles = "|".join(_fuzzy(r) for r in sorted(lex.person_roles(), key=len, reverse=True))
    if roles:
        for m in re.finditer(f"(?:{roles})", text):
            if any(s <= m.start() < e for s, e in taken):
                continue
            bs = [b for b in boxes[m.start():m.end()] if b is not None]
            if not bs:
                continue
            box = BBox.enclosing(bs)
            owner, _ = label_owner(_role_of(m.group(0), lex), box, page)
            mine = owner is Owner.APPLICANT
            # the applicant's role labels only before a colon, a bracket or the line's end (申报人自参加工作以来 is
            # prose); anyone else's role anywhere marks their place
            if mine and not _LABEL_END.match(text, m.end()):
                continue
            # a two-character role is also the tail of longer words (先进个人, 三好学生: an honour on a
            # certificate): it labels only where it starts its label, not set tight after another character
            if mine and len(m.group(0)) == 2 and _tail_of_word(text, boxes, m.start()):
                continue
            out.append((mine, m.group(0), box))
    for w in lex.grammar.date_labels:
        for m in re.finditer(re.escape(w), text):
            bs = [b for b in boxes[m.start():m.end()] if b is not None]
            if bs:
                out.append((False, w, BBox.enclosing(bs)))
    return out
