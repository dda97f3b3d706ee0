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

from redactor.model import Action, BBox, Category, Decision, Finding
from redactor.normalize import is_cjk

_BAND = 0.5                 # vertical reach: half the picture's height above and below it
_REACH_PT = 360.0           # horizontal reach: a header band runs across the page
_OWN_CATEGORIES = {Category.NAME, Category.PHONE, Category.EMAIL, Category.ID_NUMBER}
_LATIN_NAME = re.compile(r"^[A-Z][a-z]+(?:[ \-][A-Z][a-z]+){1,2}$")


@dataclass(frozen=True)
class PhotoTie:
    owner: str          # "applicant", "other" or "" (nothing beside it)
    distance: float


def photo_tie(photo: Finding, decisions: list[Decision]) -> PhotoTie:
    """The nearest identifying text in the picture's band, and whose it is.  Text beside the picture
    (its middle within the picture's height) goes before text above or below it: in a paper's stacked
    author bios the next author's name starts a point under a slightly large portrait box, nearer than
    the name beside the portrait."""
    across = int(photo.explain("quarter_turns", 0) or 0) % 2 == 1    # scanned sideways: rows run along x
    box = _transposed(photo.boxes[0]) if across else photo.boxes[0]
    best: tuple[bool, float, PhotoTie] | None = None
    for d, owner in text_owners(decisions):
        f = d.finding
        if f.page != photo.page:
            continue
        for b in f.boxes:
            b = _transposed(b) if across else b
            dist = _band_distance(box, b)
            if dist is None:
                continue
            rank = (not box.y0 <= (b.y0 + b.y1) / 2 <= box.y1, dist)
            if best is None or rank < best[:2]:
                best = (*rank, PhotoTie(owner, dist))
    return best[2] if best else PhotoTie("", float("inf"))


def text_owner(d: Decision) -> str:
    """"applicant" for the applicant's removed name or contact, "other" for another person's kept name, else ""."""
    f = d.finding
    if d.action is Action.REDACT and f.category in _OWN_CATEGORIES:
        # a hidden layer's misread copy lying on another person's name says nothing of the picture beside it
        return "" if f.explain("text_only") else "applicant"
    if d.action is Action.KEEP and f.entity_type == "PERSON" and d.rule.startswith("other.person"):
        t = "".join(f.text.split())
        if (2 <= len(t) <= 4 and all(is_cjk(c) for c in t)) or _LATIN_NAME.match(f.text.strip()):
            return "other"
    return ""


def text_owners(decisions: list[Decision]) -> list[tuple[Decision, str]]:
    """The text decisions that say whose a picture is, with their owner (``text_owner``).  Another
    person's name read inside the applicant's removed name is none: NER tags one word of a name
    written in words (高娃　满都拉, 阿拉坦·巴根) as a person of its own, and that word beside the
    applicant's bio portrait made it someone else's."""
    own_names: dict[int, list[BBox]] = {}
    for d in decisions:
        f = d.finding
        if d.action is Action.REDACT and f.category is Category.NAME and not f.is_region:
            own_names.setdefault(f.page, []).extend(f.boxes)
    out = []
    for d in decisions:
        f = d.finding
        if f.is_region or not f.boxes:
            continue
        owner = text_owner(d)
        if owner == "other" and all(any(_mostly_inside(b, o) for o in own_names.get(f.page, ())) for b in f.boxes):
            continue
        if owner:
            out.append((d, owner))
    return out


def _mostly_inside(a: BBox, b: BBox) -> bool:
    w = min(a.x1, b.x1) - max(a.x0, b.x0)
    h = min(a.y1, b.y1) - max(a.y0, b.y0)
    area = max(1e-6, (a.x1 - a.x0) * (a.y1 - a.y0))
    return w > 0 and h > 0 and w * h >= 0.8 * area


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
