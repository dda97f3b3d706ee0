"""The final check's questions, answered by the same decisions policy made.

The final check re-reads the output with its own eyes (PDFium, its own OCR, its own stamp and face search) and
finds marks: a stamp and what its ring reads, a face, pen strokes beside a label.  Whose each is, it does not
judge: it asks here, with what it read as new evidence, and the records of the plan's decisions
(``records``: the same for the pipeline's gate and ``redactor verify``) and the output page's structure
(``structure.read_page`` on the output's own print).  A decision that says "the applicant's" is a leak; the
decision itself, with its rule and reason, goes to the audit with the repair.

Each function returns the ``Decision`` policy would make for the mark with that evidence.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from redactor.model import Action, BBox, Decision, Finding
from redactor.ownership.lexicon import Owner
from redactor.ownership.photos import figure_content, photo_decision, photo_place, photo_tie
from redactor.ownership.seals import seal_by_reading, settle_seals
from redactor.ownership.signatures import signature_owner, signature_side
from redactor.ownership.structure import PageStructure

__all__ = ["stamp_decision", "face_decision", "pen_decision", "pen_hit_decision", "label_signature_decision",
           "text_hit_decision",
           "MARKS_FOUND_BY_THE_CHECK"]

MARKS_FOUND_BY_THE_CHECK = "verify_mark.v1"      # the recogniser name of a mark the final check found


def _covering(box: BBox, records: Sequence[Decision], page: int, entity_types: tuple[str, ...]) -> Decision | None:
    """The plan's decision on a mark of ``entity_types`` at ``box`` (half of the smaller box shared)."""
    best: tuple[float, Decision] | None = None
    for d in records:
        f = d.finding
        if f.page != page or f.entity_type not in entity_types:
            continue
        for b in f.boxes:
            share = b.intersection_area(box) / max(min(b.area, box.area), 1e-6)
            if share >= 0.5 and (best is None or share > best[0]):
                best = (share, d)
    return best[1] if best else None


def _holding(box: BBox, records: Sequence[Decision], page: int, entity_types: tuple[str, ...]) -> Decision | None:
    """The plan's decision on the smallest mark of ``entity_types`` whose box holds ``box``'s centre."""
    cx, cy = box.center
    held = [(b.area, d) for d in records if d.finding.page == page and d.finding.entity_type in entity_types
            for b in d.finding.boxes if b.contains_point(cx, cy)]
    return min(held, key=lambda t: t[0])[1] if held else None


def stamp_decision(page: int, box: BBox, reading: str, records: Sequence[Decision], employers: Sequence[str],
                   structure: PageStructure | None, *, hidden: float = 0.0, unreadable_seal: str = "on_forms"
                   ) -> Decision:
    """Whose a stamp the final check found is, with its own reading of the ring (``hidden``: the share of the
    ring's text under paint): the seal decision policy makes (``seals``), on the plan's records and the output
    page's structure.  A stamp the plan decided is decided again with this reading: the same place evidence,
    new text."""
    prior = _covering(box, records, page, ("SEAL",))
    expl: tuple[tuple[str, object], ...] = (("readable", bool(reading.strip())), ("ocr_score", 1.0),
                                            ("text_source", "final_check"))
    if prior is not None:
        expl += tuple((k, v) for k, v in prior.finding.explanation if k in ("on_form",))
    elif structure is not None:
        expl += (("on_form", structure.form),)
    # a stamp the plan decided keeps the plan's place: the check's ring fit may reach past the seal (over a
    # removed photo, to the holder's printed unit beside it), and the place is the plan's evidence, not a reading
    place = prior.finding.boxes if prior is not None and prior.finding.boxes else (box,)
    mark = Finding(page=page, entity_type="SEAL", boxes=place, recognizer=MARKS_FOUND_BY_THE_CHECK, score=1.0,
                   text=reading, explanation=expl)
    first = seal_by_reading(mark, employers, unreadable_seal, hidden)
    others = [d for d in records if d is not prior]
    pages: Mapping[int, PageStructure] = {page: structure} if structure is not None else {}
    decided = settle_seals([first, *others], employers, pages)
    return next(d for d in decided if d.finding is mark)


# a portrait kept only for the name read beside it (``photos.photo_decision``) or the name its bio opens with
# (``photos.photo_place``): the photo decisions new text evidence can change
_KEPT_BY_THE_NAME_BESIDE = frozenset({"other.photo.beside_other_person"})
_KEPT_BY_THE_BIOS_OPENER = frozenset({"other.photo.bio"})
# a photo-shaped picture kept because detection found no face in it (``photos.photo_decision``'s photo slots with
# nothing, or another person's name, beside them): where the check's own face search finds one, the evidence the
# plan lacked -- decided again as the portrait it is, on the same tie and place
_KEPT_FOR_WANT_OF_A_FACE = frozenset({"other.photo.slot_untied", "other.photo.slot"})


def face_decision(page: int, photo: BBox, records: Sequence[Decision], structure: PageStructure | None,
                  face: BBox | None = None) -> Decision | None:
    """Whose a face the final check found is (``photo``: the picture around it; ``face``: the face itself): the
    plan's decision on that picture when it made one -- the picture that holds the face's centre, else one the
    picture around it mostly shares (a guess of hair and shoulders reaches into the portrait above in a column
    of co-authors' bios) -- else the photo decision policy makes (``photos``) when the page's structure or the
    text beside it ties the picture to someone.  None: nothing ties it (a figure's people), a person looks.
    A picture the plan kept only for want of a face (``_KEPT_FOR_WANT_OF_A_FACE``) is decided again as a
    portrait: the face is the evidence the plan lacked."""
    kinds = ("PORTRAIT", "PHOTO_SLOT", "FACE")
    prior = (_holding(face, records, page, kinds) if face is not None else None) or _covering(photo, records, page,
                                                                                             kinds)
    if prior is not None:
        if prior.action is Action.KEEP and prior.rule in _KEPT_FOR_WANT_OF_A_FACE \
                and prior.finding.entity_type == "PHOTO_SLOT":
            portrait = replace(prior.finding, entity_type="PORTRAIT", explanation=(
                ("kind", "a face the final check found"), *prior.finding.explanation))
            return photo_decision(portrait, photo_tie(portrait, list(records)),
                                  photo_place(portrait, structure, records))
        if prior.action is Action.KEEP and prior.rule in _KEPT_BY_THE_NAME_BESIDE | _KEPT_BY_THE_BIOS_OPENER:
            # kept for the name beside it or opening its bio: decided again on the records, which now hold what
            # the check read there (the applicant's name only the check's OCR found, repaired last round) -- a
            # bio's portrait changes owner only by its opener, never for want of evidence
            place = photo_place(prior.finding, structure, records)
            again = photo_decision(prior.finding, photo_tie(prior.finding, list(records)), place)
            if again.action is Action.REDACT and (prior.rule in _KEPT_BY_THE_NAME_BESIDE or place == (Owner.APPLICANT, "bio")):
                return again
        return prior
    mark = Finding(page=page, entity_type="PORTRAIT", boxes=(photo,), recognizer=MARKS_FOUND_BY_THE_CHECK,
                   score=1.0, explanation=(("kind", "face_found_by_the_final_check"),))
    place = photo_place(mark, structure, records)
    tie = photo_tie(mark, list(records))
    if place[0] is Owner.UNKNOWN and tie.owner is Owner.UNKNOWN:
        return None
    return photo_decision(mark, tie, place)


def pen_decision(page: int, box: BBox, label: str, label_box: BBox | None, records: Sequence[Decision],
                 structure: PageStructure | None) -> Decision:
    """Whose pen strokes beside ``label`` are: the plan's decision on that signature when it made one, else the
    signature decision policy makes (``signatures``) on the label and the page's structure."""
    prior = _covering(box, records, page, ("SIGNATURE",))
    if prior is not None:
        return prior
    f = Finding(page=page, entity_type="SIGNATURE", boxes=(box,), recognizer=MARKS_FOUND_BY_THE_CHECK, score=1.0,
                explanation=(("label", label),))
    in_figure = figure_content(f, records)
    if in_figure is not None:
        return in_figure
    owner, how = signature_owner(label, label_box, box, structure)
    side = signature_side(owner)
    if side == "own":
        return Decision(f, Action.REDACT, "own.signature", f"the applicant's signature, by {how}")
    if side == "review":
        return Decision(f, Action.KEEP, "review.signature", "signature with no label the role lexicon can read",
                        needs_review=True)
    return Decision(f, Action.KEEP, "other.signature", f"signature of another person or body, by {how}")


# the plan's decisions on a signature label that rest on no handwriting found beside it, and the decision the same
# label makes when there is handwriting: the final check's pen strokes there are the evidence the plan lacked
_SIGNED_AFTER_ALL = {
    "own.signature.unsigned": (Action.REDACT, "own.signature",
                               "the applicant's signature, by its label: the final check read pen strokes where "
                               "detection found no handwriting"),
}


def pen_hit_decision(page: int, box: BBox, records: Sequence[Decision]) -> Decision | None:
    """The plan's decision on the signature where the final check read pen strokes beside the applicant's label
    (None: the plan decided nothing there).  The check found the strokes; whose they are, the plan decided on
    the same label and block -- a signature it kept stays kept, one it removed and still shows is a leak.  A
    label the plan found unsigned is decided again with the strokes as evidence: the same label's decision
    for a signed one (``_SIGNED_AFTER_ALL``): ink too unlike a pen for detection (a black pen's dark pixels
    of noisy hue on tinted paper) beside the applicant's label is the applicant's signature, not a kept mark."""
    prior = _covering(box, records, page, ("SIGNATURE",))
    if prior is None or prior.rule not in _SIGNED_AFTER_ALL:
        return prior
    action, rule, reason = _SIGNED_AFTER_ALL[prior.rule]
    f = Finding(page=page, entity_type="SIGNATURE", boxes=(box,), recognizer=MARKS_FOUND_BY_THE_CHECK, score=1.0,
                explanation=tuple((k, v) for k, v in prior.finding.explanation if k == "label"))
    return Decision(f, action, rule, reason)


def label_signature_decision(page: int, label_box: BBox, records: Sequence[Decision]) -> Decision | None:
    """The plan's decision on the signature it found beside the same printed label as the check (the label boxes
    share half of the smaller's area): where the two placed that label's signature, and what the plan decided."""
    for d in records:
        f = d.finding
        if f.page != page or f.entity_type != "SIGNATURE":
            continue
        lb = f.explain("label_box")
        if not lb or len(lb) != 4:
            continue
        b = BBox(*(float(v) for v in lb))
        if b.intersection_area(label_box) >= 0.5 * max(min(b.area, label_box.area), 1e-6):
            return d
    return None


# the plan's boundary decisions: the applicant's value read inside someone else's (李明 in 李明华) or inside another
# body's name or a venue (包头钢铁 in 包头钢铁职业技术学院, 内蒙古大学 in 内蒙古大学学报)
_BOUNDARY_OTHER = {"name": ("boundary.inside_other_name", "boundary.romanisation_of_other", "other.person.shares_name",
                            "boundary.name_used_as_word"),
                   "employer": ("boundary.other_org_shared_prefix", "boundary.publication_title"),
                   "name_aliases": ("boundary.inside_other_name", "boundary.romanisation_of_other",
                                    "other.person.shares_name", "boundary.name_used_as_word")}


def text_hit_decision(page: int, boxes: Sequence[BBox], category: str, cue: str | None,
                      records: Sequence[Decision]) -> tuple[bool, str]:
    """(the applicant's?, why) for the applicant's value the final check read in the output's text at ``boxes``.
    ``cue``: what the check's own reading shows around it (``text_cues.boundary_cue``: inside a longer CJK word,
    the end of another organisation's name), None when it reads the value standing alone.  Standing alone it is
    the applicant's, whatever the plan decided there: the plan's boundary decision came from another reading (a
    scan's hidden OCR layer can read the name into a longer one the pixels do not show), and an exact
    value is never let through as a maybe.  Read inside a longer word, it is someone else's -- with the plan's
    boundary decision there as the reason when it made one (李明 inside 李明华)."""
    if not cue:
        return True, "the applicant's value, read standing alone by the check"
    allowed = _BOUNDARY_OTHER.get(category, ())
    for d in records:
        f = d.finding
        if f.page != page or f.is_region or d.action is not Action.KEEP or d.rule not in allowed:
            continue
        if any(k.intersection_area(b) >= 0.5 * max(b.area, 1e-6) for k in f.boxes for b in boxes):
            return False, f"{cue}; the plan's decision there: {d.rule}"
    return False, f"the words around it: {cue}"
