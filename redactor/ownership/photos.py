"""Whose photo is it?  The text laid out beside a picture says.

A dossier is the applicant's, so a lone portrait is the applicant's by default
(an ID photo, a 评审表's photo cell).  But a paper may print each author's bio
with a portrait, and a résumé's or form's photo slot may hold a drawing no face
detector finds.  The tie is the nearest person-identifying text in the
picture's band: the applicant's own name, phone, e-mail or ID number (removed
by policy) makes it the applicant's; another person's name (kept by policy)
makes it theirs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from collections.abc import Sequence

from redactor.model import Action, BBox, Category, Decision, Finding
from redactor.normalize import is_cjk
from redactor.ownership.lexicon import Kind, Owner
from redactor.ownership.structure import PageStructure

_BAND = 0.5                 # vertical reach: half the picture's height above and below it
_REACH_PT = 360.0           # horizontal reach: a header band runs across the page
_OWN_CATEGORIES = {Category.NAME, Category.PHONE, Category.EMAIL, Category.ID_NUMBER}
_LATIN_NAME = re.compile(r"^[A-Z][a-z]+(?:[ \-][A-Z][a-z]+){1,2}$")


@dataclass(frozen=True)
class PhotoTie:
    owner: Owner        # APPLICANT, OTHER_PERSON or UNKNOWN (nothing beside it)
    distance: float


def photo_tie(photo: Finding, decisions: list[Decision]) -> PhotoTie:
    """The nearest identifying text in the picture's band, and whose it is.  Text beside the picture
    (its middle within the picture's height) goes before text above or below it: in a paper's stacked
    author bios the next author's name starts a point under a slightly large portrait box, nearer than
    the name beside the portrait.  Beside it, a person's name goes before contact details: a bio is
    whoever it opens with, and a co-author's bio may print the applicant's shared e-mail or unit phone."""
    across = int(photo.explain("quarter_turns", 0) or 0) % 2 == 1    # scanned sideways: rows run along x
    box = _transposed(photo.boxes[0]) if across else photo.boxes[0]
    best: tuple[bool, bool, float, PhotoTie] | None = None
    for d, owner in text_owners(decisions):
        f = d.finding
        if f.page != photo.page:
            continue
        name = f.category is Category.NAME or f.entity_type == "PERSON"
        for b in f.boxes:
            b = _transposed(b) if across else b
            dist = _band_distance(box, b)
            if dist is None:
                continue
            beside = box.y0 <= (b.y0 + b.y1) / 2 <= box.y1
            rank = (not beside, not (name and beside), dist)
            if best is None or rank < best[:3]:
                best = (*rank, PhotoTie(owner, dist))
    return best[3] if best else PhotoTie(Owner.UNKNOWN, float("inf"))


def text_owner(d: Decision) -> Owner:
    """APPLICANT for the applicant's removed name or contact, OTHER_PERSON for another person's kept name, else
    UNKNOWN."""
    f = d.finding
    if d.action is Action.REDACT and f.category in _OWN_CATEGORIES:
        # a hidden layer's misread copy lying on another person's name says nothing of the picture beside it
        return Owner.UNKNOWN if f.explain("text_only") else Owner.APPLICANT
    if d.action is Action.KEEP and f.entity_type == "PERSON" and d.rule.startswith("other.person"):
        t = "".join(f.text.split())
        if not t:
            return Owner.OTHER_PERSON   # a record of the plan's decision whose print was not read back: its rule says
        if (2 <= len(t) <= 4 and all(is_cjk(c) for c in t)) or _LATIN_NAME.match(f.text.strip()):
            return Owner.OTHER_PERSON
    return Owner.UNKNOWN


def _applicants_name(d: Decision) -> bool:
    return d.action is Action.REDACT and d.finding.category is Category.NAME and not d.finding.explain("text_only")


def applicants_names(decisions: Sequence[Decision], page: int) -> tuple[BBox, ...]:
    """Where the applicant's name is boxed on ``page``: the boxes of every removal of their name -- policy's, or
    the final check's repair where only its OCR read it.  A removal that painted nothing (``text_only``: another
    tool's hidden OCR layer misreading another person's name as the applicant's, ``policy.hidden_layer``;
    ``painted: false`` in the audit) is none -- the print there is someone else's.  Every rule that asks "does the
    applicant's name stand here" (a page's subject, a group's head, a holder's line, a bio's opener) asks this."""
    return tuple(b for d in decisions if d.finding.page == page and _applicants_name(d) for b in d.finding.boxes)


def text_owners(decisions: list[Decision]) -> list[tuple[Decision, Owner]]:
    """The text decisions that say whose a picture is, with their owner (``text_owner``).  Another
    person's name read inside the applicant's removed name is none: NER tags one word of a name
    written in words (高娃　满都拉, 阿拉坦·巴根) as a person of its own, and that word beside the
    applicant's bio portrait made it someone else's.  So is one read by another reader where ours read the
    applicant's name, spelling a part of it: a scan's hidden OCR layer cut 布和·吉日嘎拉 short, NER tagged its
    布和 a person, and its box, set a few points off ours, lay only partly inside the applicant's."""
    own_names: dict[int, list[tuple[BBox, str]]] = {}       # ``applicants_names`` of every page, in one pass
    for d in decisions:
        if _applicants_name(d):
            own_names.setdefault(d.finding.page, []).extend((b, _letters(d.finding.text)) for b in d.finding.boxes)
    out = []
    for d in decisions:
        f = d.finding
        if f.is_region or not f.boxes:
            continue
        owner = text_owner(d)
        if owner is Owner.OTHER_PERSON and all(_inside_applicants_name(b, _letters(f.text), own_names.get(f.page, ()))
                                               for b in f.boxes):
            continue
        if owner is not Owner.UNKNOWN:
            out.append((d, owner))
    return out


_INSIDE = 0.8          # share of a name's box inside the applicant's name box: read inside it, whatever it spells
_SPELLED_INSIDE = 0.5  # ... and the share that is enough where its text is a part of the applicant's name there


def _inside_applicants_name(box: BBox, text: str, own: Sequence[tuple[BBox, str]]) -> bool:
    """A name read at ``box`` as ``text`` (``_letters``) lies inside the applicant's name read there: its box
    mostly inside one of ``own`` (the applicant's name boxes with the text each removal read), or half inside
    one whose text holds it."""
    return any(_mostly_inside(box, o) or (text and text in t and _mostly_inside(box, o, _SPELLED_INSIDE))
               for o, t in own)


def _letters(text: str) -> str:
    """A name's letters: no spaces, no middle dots (布和·吉日嘎拉 and 布和 吉日嘎拉 spell 布和吉日嘎拉)."""
    return "".join(c for c in text if is_cjk(c) or c.isalnum())


def _mostly_inside(a: BBox, b: BBox, share: float = _INSIDE) -> bool:
    w = min(a.x1, b.x1) - max(a.x0, b.x0)
    h = min(a.y1, b.y1) - max(a.y0, b.y0)
    area = max(1e-6, (a.x1 - a.x0) * (a.y1 - a.y0))
    return w > 0 and h > 0 and w * h >= share * area


def _transposed(b: BBox) -> BBox:
    """``b`` with its axes swapped: on a page whose content is turned a quarter, the upright page's rows
    (a picture's band) run along the page's x.  Distances are unchanged."""
    return BBox(b.y0, b.x0, b.y1, b.x1)


def _band_distance(photo: BBox, text: BBox) -> float | None:
    reach = _BAND * photo.height
    dy = max(photo.y0 - text.y1, text.y0 - photo.y1, 0.0)
    dx = max(photo.x0 - text.x1, text.x0 - photo.x1, 0.0)
    if dy > reach or dx > _REACH_PT:
        return None
    return (dx * dx + dy * dy) ** 0.5


# -- the place of a picture, from the page's structure -------------------------------------------------------------

_CELL_REACH = 0.6      # photo sizes: a photo label this far beside the picture, on its rows, labels its cell
_LABEL_ABOVE = 0.4     # photo sizes: ... or this far above it, over it across


def photo_place(photo: Finding, page: PageStructure | None, decisions: Sequence[Decision] = ()) -> tuple[Owner, str]:
    """(APPLICANT | OTHER_PERSON | UNKNOWN, how) the page's structure gives a picture (another body's picture is
    someone else's too: OTHER_PERSON): the photo label of its cell
    (照片 the subject's, 推荐人照片 another person's), else the block it lies in (推荐人(一), 家庭成员: another
    person's; 被推荐人: the applicant's), else the page's subject -- a form or certificate whose 姓名 cell or holder
    is the applicant's removed name.  A figure of the text it lies in (a FIGURE policy kept) makes it another's,
    after its cell's label.  ``how``: "label", "figure", "block", "bio", "subject" or ""."""
    if page is None or not photo.boxes:
        return Owner.UNKNOWN, ""
    up = page.frame.up                  # beside and above as the page reads (a sideways scan turned upright)
    box = up(photo.boxes[0])
    size = max(box.width, box.height)
    best: tuple[float, Owner] | None = None
    for h in page.labels_of(Kind.PHOTO):
        b = up(h.bbox)
        cx, cy = b.center
        inside = box.contains_point(cx, cy)
        beside = box.y0 <= cy <= box.y1 and (0 <= box.x0 - b.x1 <= _CELL_REACH * size or 0 <= b.x0 - box.x1 <= _CELL_REACH * size)
        above = b.x1 > box.x0 and b.x0 < box.x1 and 0 <= box.y0 - b.y1 <= _LABEL_ABOVE * size
        if not (inside or beside or above):
            continue
        d = 0.0 if inside else min(abs(box.x0 - b.x1), abs(b.x0 - box.x1), abs(box.y0 - b.y1))
        if best is None or d < best[0]:
            best = (d, h.role.owner)
    if best is not None and best[1] is not Owner.UNKNOWN:
        return (Owner.APPLICANT if best[1] is Owner.APPLICANT else Owner.OTHER_PERSON), "label"
    if _in_figure(photo, decisions):
        return Owner.OTHER_PERSON, "figure"
    blk = page.block_at(photo.boxes[0])
    if blk is not None and blk.owner in (Owner.OTHER_PERSON, Owner.OTHER_BODY):
        return Owner.OTHER_PERSON, "block"
    bio = _bio_beside(photo.boxes[0], page, decisions)
    if bio is not Owner.UNKNOWN:
        return bio, "bio"
    if blk is not None and blk.owner is Owner.APPLICANT:
        return Owner.APPLICANT, "block"
    if photo.entity_type == "PORTRAIT" and subject_is_applicant(page, decisions):
        # a face on the applicant's form or certificate (not any picture: a certificate's logo is no portrait)
        return Owner.APPLICANT, "subject"
    return Owner.UNKNOWN, ""


def _in_figure(photo: Finding, decisions: Sequence[Decision]) -> bool:
    """``photo`` lies in a figure of the text (a FIGURE kept by policy, ``rules.figure``): its centre inside it, and
    it no larger than the figure (a face in a figure of coins, of a site, of a team at work)."""
    box = photo.boxes[0]
    cx, cy = box.center
    return any(d.finding.entity_type == "FIGURE" and d.finding.page == photo.page and d.action is Action.KEEP
               and d.finding.boxes and d.finding.boxes[0].contains_point(cx, cy)
               and box.area <= d.finding.boxes[0].area for d in decisions)


def marks_in_figures(decisions: Sequence[Decision]) -> list[Decision]:
    """``decisions`` with a signature found inside a figure of the text (the shelves of a machine's photo under
    图1, ink a signature label's window reached into) decided again: the figure's content, nobody's signature --
    as a face in such a figure is the figure's (``_in_figure``)."""
    return [figure_content(d.finding, decisions) or d for d in decisions]


def figure_content(f: Finding, decisions: Sequence[Decision]) -> Decision | None:
    """The decision on signature ink ``f`` that lies in a figure of the text: kept, the figure's; None elsewhere."""
    if f.entity_type != "SIGNATURE" or not f.boxes or f.explain("ink") or not _in_figure(f, decisions):
        return None
    return Decision(f, Action.KEEP, "other.figure.content", "ink inside a figure of the text (a figure number under "
                    "or over it): the figure's, nobody's signature")


_BIO_TOP = 0.35      # share of a portrait's height, from its top, where the line opening its bio starts
_BIO_GAP = 0.6       # photo widths between the portrait and the bio beside it


def _bio_beside(box: BBox, page: PageStructure, decisions: Sequence[Decision]) -> Owner:
    """Whose bio is printed beside the portrait at ``box``: the line opening right of (or left of) its top names
    a person (``structure.openers``) -- the applicant's removed name there makes it theirs, anyone else's name
    someone else's.  A co-author's bio may print the applicant's shared e-mail or unit phone; it opens with its
    own author's name.  UNKNOWN when no bio opens beside it."""
    up = page.frame.up                  # right of its top as the page reads (a sideways scan turned upright)
    box = up(box)
    best: tuple[float, BBox] | None = None
    for page_box in page.openers:
        o = up(page_box)
        cy = (o.y0 + o.y1) / 2
        if not box.y0 - 0.1 * box.height <= cy <= box.y0 + _BIO_TOP * box.height:
            continue
        gap = max(o.x0 - box.x1, box.x0 - o.x1)
        if not 0 <= gap <= _BIO_GAP * box.width:
            continue
        if best is None or gap < best[0]:
            best = (gap, page_box)
    if best is None:
        return Owner.UNKNOWN
    opener = best[1]
    if any(b.intersection_area(opener) >= 0.5 * min(b.area, opener.area)
           for b in applicants_names(decisions, page.number)):
        return Owner.APPLICANT
    return Owner.OTHER_PERSON


def subject_is_applicant(page: PageStructure, decisions: Sequence[Decision]) -> bool:
    """The page names the applicant as its subject: their removed name lies where it names its subject (a 姓名
    cell, after 兹证明) -- removed by policy, or by the final check where only its OCR read it (a repair)."""
    if not page.subject:
        return False
    return any(s.intersection_area(b) >= 0.5 * max(b.area, 1e-6)
               for s in page.subject for b in applicants_names(decisions, page.number))


def _keep(f: Finding, rule: str, reason: str) -> Decision:
    return Decision(f, Action.KEEP, rule, reason)


def photo_decision(f: Finding, tie: PhotoTie, place: tuple[Owner, str] = (Owner.UNKNOWN, "")) -> Decision:
    """A portrait (a face was found) or a photo slot (a picture in a photo's place, no face).  ``place``: whose the
    page's structure says the picture is (``ownership.photos.photo_place``: its cell's label, its block, the page's
    subject) -- before the nearest name beside it, which on a form may be a family member's."""
    owner, how = place
    by = {"label": "its cell's label (照片, 推荐人照片)", "block": "the block it lies in (推荐人, 家庭成员, 被推荐人)",
          "bio": "the name its bio opens with", "figure": "the figure of the text it lies in (图N under or over it)",
          "subject": "the page's subject: the applicant's form, card or certificate"}.get(how, how)
    if owner is Owner.OTHER_PERSON:
        return _keep(f, f"other.photo.{how}", f"picture of another person, by {by}")
    if owner is Owner.APPLICANT:
        rule = "own.photo.portrait" if f.entity_type == "PORTRAIT" else "own.photo.slot"
        return Decision(f, Action.REDACT, rule, f"the applicant's picture ({f.explain('kind', 'photo')}), by {by}")
    labelled = bool(f.explain("photo_label_near"))
    if f.entity_type == "PORTRAIT":
        if not labelled and tie.owner is Owner.OTHER_PERSON:
            return _keep(f, "other.photo.beside_other_person", "portrait beside another person's name (e.g. a co-author's bio)")
        why = "beside the applicant's name or contact details" if tie.owner is Owner.APPLICANT else "in the applicant's dossier"
        return Decision(f, Action.REDACT, "own.photo.portrait", f"single-person portrait ({f.explain('kind', 'photo')}) {why}")
    if labelled or tie.owner is Owner.APPLICANT:
        # beside the applicant's own name or contact details the picture is theirs, face or not (a drawn avatar);
        # tied by a 照片 label alone, a person looks (a figure can sit near the word)
        where = "beside the applicant's name or contact details" if tie.owner is Owner.APPLICANT else "next to a photo label (照片)"
        return Decision(f, Action.REDACT, "own.photo.slot", f"picture in the photo's place {where}; no face was found",
                        needs_review=tie.owner is not Owner.APPLICANT)
    if tie.owner is Owner.OTHER_PERSON:
        return _keep(f, "other.photo.slot", "picture beside another person's name")
    return _keep(f, "other.photo.slot_untied", "photo-shaped picture that the layout does not tie to the applicant")
