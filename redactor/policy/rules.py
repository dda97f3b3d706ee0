"""One small rule per kind of candidate: is it the applicant's own?

Every function returns a Decision with a rule id and a reason that names no
personal value.  "Only the applicant's own data" is the default stance: a
candidate is removed only when it matches the profile (or, for regions, when the
configured rule for that region type says so); everything else is kept and
listed with its reason.
"""

from __future__ import annotations

import re

from redactor.config import PolicyConfig
from redactor.model import Action, ApplicantProfile, BBox, Category, Decision, Finding

from redactor.fields import owning_field, profile_keys
from redactor.normalize import compact
from redactor.ownership.labels import read_role
from redactor.ownership.lexicon import Owner
from redactor.ownership.photos import PhotoTie, photo_decision
from redactor.ownership.signatures import signature_owner, signature_side
from redactor.ownership.structure import PageStructure
from redactor.ownership.seal_reading import employer_similarity
from redactor.ownership.seals import seal_by_reading
from redactor.variants import ValueForm, find_forms
from redactor.variants.gazetteers import is_ethnic_group

APPLICANT_RECOGNIZER = "applicant_value.v1"

BOUNDARY_REASONS = {
    "inside_other_name": "part of another person's name (e.g. the applicant's name is a prefix of it)",
    "other_whole_name": "another person's whole name inside the applicant's (an OCR reading with one of the "
                        "applicant's characters missing that stands as a name of its own, or whose characters "
                        "are printed side by side, with no room for the missing one)",
    "romanisation_of_other": "the romanisation of another person's name printed right before it (a homophone)",
    "other_org_shared_prefix": "another organisation that only shares a prefix with the employer",
    "publication_title": "the employer's name as part of a journal's or publisher's title: the venue, kept",
    "name_used_as_word": "a common word the applicant's name is spelled like, in running text: glued to the next "
                         "word, read as an adjective, inside or at the end of a longer common word",
}
# (no example words in these reasons: the audit carries them, and an example may be an applicant's own value --
# an applicant named 白云 or 高峰, an employer 内蒙古大学; examples live in docs/policy.md)


def redact(f: Finding, rule: str, reason: str, field: str | None = None) -> Decision:
    return Decision(f, Action.REDACT, rule, reason, profile_field=field)


def keep(f: Finding, rule: str, reason: str, needs_review: bool = False) -> Decision:
    return Decision(f, Action.KEEP, rule, reason, needs_review=needs_review)


def applicant_value(f: Finding, has_evidence: bool, cfg: PolicyConfig) -> Decision:
    """A match of one of the applicant's own forms (redactor.variants)."""
    cat = f.category.value if f.category else "value"
    field = f.explain("profile_field")
    kind = f.explain("form_kind", "")
    boundary = f.explain("boundary")
    if boundary:
        return keep(f, f"boundary.{boundary}", BOUNDARY_REASONS.get(boundary, boundary))
    if f.explain("needs_evidence") and cfg.initials_need_evidence and f.explain("fuzzy") == "ocr_dot_as_comma":
        if has_evidence:
            return redact(f, f"own.{cat}.comma_with_evidence", "the applicant's dotted name read with a comma for its "
                          "dot, next to their affiliation or e-mail", field)
        return keep(f, "review.name.comma", "the applicant's dotted name read with a comma for its dot, with no "
                    "other evidence near (two people in a list?); needs review", needs_review=True)
    if f.explain("needs_evidence") and cfg.initials_need_evidence:
        if has_evidence:
            return redact(f, f"own.{cat}.initials_with_evidence",
                          f"initials form ({kind}) next to the applicant's affiliation or e-mail", field)
        return keep(f, "review.initials", f"initials form ({kind}) with no other evidence on the page; needs review",
                    needs_review=True)
    if f.explain("under_stamp"):     # detect.under_stamps: read up to a stamp, the rest's places under it
        return redact(f, f"own.{cat}.under_stamp", f"the beginning of the applicant's {cat} in its own labelled slot, "
                      "read up to a stamp pressed over the rest (the rest's places go too)", field)
    fuzzy = f.explain("fuzzy")
    if fuzzy:
        return redact(f, f"own.{cat}.fuzzy", f"OCR-tolerant match of the applicant's {cat} ({fuzzy})", field)
    return redact(f, f"own.{cat}", f"the applicant's {cat} ({kind})", field)


class ProfileKeys:
    """Normalised comparison keys of the profile, computed once per document."""

    def __init__(self, profile: ApplicantProfile, forms: tuple[ValueForm, ...]) -> None:
        self.profile = profile
        self.forms = forms
        self.keys = profile_keys(profile)     # field name -> comparison keys (redactor.fields)
        self.names = set(self.keys["name"] | self.keys["name_aliases"])
        self.ids = set(self.keys["id_number"])
        self.phones = set(self.keys["phones"])

    def owns_text(self, text: str) -> str | None:
        """Which profile field a generic candidate's value equals, if any."""
        return owning_field(text, self.keys)

    def employer_similarity(self, text: str) -> float:
        """How much of the employer's name a seal reading shows, 0..1 (``redactor.ownership.seal_reading``)."""
        return employer_similarity(text, self.profile.employers)

    def mentions(self, text: str, categories: set[Category] | None = None, fuzzy: bool = True) -> str | None:
        """Which profile field appears inside ``text`` (QR payloads, seal text)."""
        for m in find_forms(text, self.forms, fuzzy=fuzzy):
            if categories is None or m.form.category in categories:
                if m.form.needs_evidence:
                    continue
                return m.form.field
        digits = "".join(ch for ch in text if ch.isdigit() or ch in "xX")
        for value in self.ids | self.phones:
            if value and value.upper() in digits.upper():
                return "id_number" if value in self.ids else "phones"
        return None


FORMER_NAME_LABEL = "曾用名"


def _misread_name(text: str, keys: ProfileKeys) -> bool:
    """``text`` is one of the applicant's names of two or more characters with at most one read wrong.  Only for
    the value of a 曾用名 field, which is the applicant's: there a name of the profile misread by OCR (an eroded 王
    read E) is theirs, while a label of the next cell read in its place (性别) shares no more than a character."""
    c = compact(text)
    return any(len(n) == len(c) >= 2 and sum(a != b for a, b in zip(n, c)) <= 1 for n in keys.names if n)


def _printed_label(text: str) -> bool:
    """The whole text is a label of the role lexicon (性别, 民族, 出生年月), nothing more."""
    c = compact(text)
    role = read_role(c) if c else None
    return role is not None and compact(role.label) == c


def generic_text(f: Finding, keys: ProfileKeys) -> Decision:
    """A candidate from a generic recogniser (NER, regex, labelled field)."""
    field = keys.owns_text(f.text)
    cat = f.category.value if f.category else f.entity_type.lower()
    if field:
        return redact(f, f"own.{cat}.generic", f"{f.entity_type} equals the applicant's {field}", field)
    et = f.entity_type
    if et == "PERSON" and FORMER_NAME_LABEL in "".join(str(f.explain("label", "")).split()):
        if _misread_name(f.text, keys):
            return redact(f, "own.name.former_name_field", "the form's 曾用名 field reads one of the applicant's names "
                          "with one character misread", "name_aliases")
        # never another person's (it would make the photo beside it theirs): a former name the profile lacks,
        # or an empty cell's reading of the next label (性别)
        return keep(f, "review.former_name_field", "the form's 曾用名 field reads none of the applicant's names; "
                    "a former name missing from the profile, or the next cell's label read in an empty one", needs_review=True)
    if et == "PERSON" and _printed_label(f.text):
        # a form's printed label tagged as a name (性别 read down a sideways scan's cell, one character a line):
        # nobody's name, so no one's photo either
        return keep(f, "other.field_label", "a form's printed label, not a person")
    if et == "PERSON" and is_ethnic_group(f.text):
        # a 民族 field's value (蒙古 on an ID card read beside its photo): nobody's name, so no one's photo either
        return keep(f, "other.field_value", "a form field's value (民族), not a person")
    if et == "PERSON":
        c = compact(f.text)
        if any(c.startswith(n) or c.endswith(n) for n in keys.names if n):
            return keep(f, "other.person.shares_name", "another person whose name contains the applicant's name")
        return keep(f, "other.person", "another person (co-author, colleague, recommender or official)")
    if et == "ORGANIZATION":
        if keys.mentions(f.text, {Category.EMPLOYER}, fuzzy=False):
            return keep(f, "other.org.contains_employer", "sub-unit or phrase containing the employer; only the employer part is removed")
        return keep(f, "other.organization", "another organisation (issuing authority, partner, other employer)")
    if et == "CN_RESIDENT_ID":
        return keep(f, "other.id_number", "another person's ID number")
    if et in ("CN_MOBILE", "CN_LANDLINE"):
        return keep(f, "other.phone", "another number (office line, hotline or someone else's phone)")
    if et == "EMAIL_ADDRESS":
        return keep(f, "other.email", "another e-mail address")
    return keep(f, f"other.{et.lower()}", "not personal data of the applicant")


def photo(f: Finding, tie: PhotoTie, place: tuple[Owner, str] = (Owner.UNKNOWN, "")) -> Decision:
    """A portrait or a photo slot: ``redactor.ownership.photos.photo_decision`` (one decision for policy and the
    final check)."""
    return photo_decision(f, tie, place)


def figure(f: Finding) -> Decision:
    """A picture with a figure number under or over it (图2 试样显微照片): the text's evidence, kept; a face found in
    it is the figure's (``ownership.photos.photo_place``)."""
    return keep(f, "other.figure", "a figure of the text (a figure number under or over it): evidence, nobody's photo")


# Payloads that identify a person rather than a document: contact cards and
# messenger/payment codes (a résumé's WeChat code in the photo slot names nobody).
PERSONAL_CODE = re.compile(
    r"BEGIN:VCARD|^MECARD:|u\.wechat\.com|weixin\.qq\.com/r/|wxp://|qm\.qq\.com|qr\.alipay\.com|"
    r"^tel:|^mailto:|^smsto:", re.I | re.M)


def region(f: Finding, keys: ProfileKeys, cfg: PolicyConfig, tie: PhotoTie = PhotoTie(Owner.UNKNOWN, float("inf")),
           page: PageStructure | None = None) -> Decision:
    et = f.entity_type
    if et == "FACE":
        if cfg.remove_all_faces:
            return redact(f, "own.photo.all_faces", "face removed: policy.remove_all_faces is on")
        return keep(f, "review.group_face", "face in a group photo; needs review", needs_review=True)
    if et in ("QR_CODE", "BARCODE"):
        field = keys.mentions(f.text, fuzzy=False) if f.text else None
        if field:
            return redact(f, "own.qr_code.payload", f"code content carries the applicant's {field}", field)
        if f.text and PERSONAL_CODE.search(f.text) and tie.owner is not Owner.OTHER_PERSON:
            return redact(f, "own.qr_code.personal_contact",
                          "a personal contact or payment code (vCard, WeChat, QQ…) in the applicant's dossier")
        if f.explain("on_form") and cfg.remove_form_qr_codes:
            if f.explain("decoded", True) and f.text and not f.explain("payload_ref_on_page", True):
                # neither the applicant's data nor the form's printed number (申报编号):
                # the issuing platform's code, the same on every copy
                return keep(f, "other.qr_code.platform",
                            "code of the form's platform: carries no applicant data and no number printed on the form")
            return redact(f, "own.qr_code.form", "per-person code on an application form (一人一码)")
        if not f.explain("decoded", True):
            return keep(f, "review.qr_code.undecoded", "code could not be decoded; needs review", needs_review=True)
        return keep(f, "other.qr_code", "code without the applicant's data (e.g. a journal's DOI code)")
    if et == "SEAL":
        return seal_by_reading(f, keys.profile.employers, cfg.unreadable_seal)
    if et == "SIGNATURE":
        label = "".join(str(f.explain("label", "")).split())
        box = f.explain("label_box")
        owner, how = signature_owner(label, BBox(*box) if box else None, f.boxes[0], page)
        side = signature_side(owner)
        mine, theirs = side == "own", side == "other"
        by = {"label": "its label", "block": "the block its label is printed in",
              "subject": "the page's subject (a bare signature label on the applicant's form)",
              "declaration": "its label (the form's filler signing right under a first-person declaration)",
              "party": "the contract's party it signs for, as the contract names it (乙方（劳动者）)",
              }.get(how, how)
        if f.explain("ink"):       # a label asking for a signature with no handwriting found beside it
            if theirs:
                return keep(f, "other.signature.unsigned", "another person's signature label with no handwriting beside it")
            # nothing to remove; an unsigned form is common and asks no one to look: a signature detection missed
            # (ink too faint or unlike one) is pen ink beside the applicant's label, which the gate looks for itself
            return keep(f, "own.signature.unsigned", "the applicant's signature label with no handwriting found beside "
                        "it: nothing to remove (verification looks for pen strokes there too)")
        if theirs:
            return keep(f, "other.signature", f"signature of another person or body, by {by} (推荐人, 审核人, 单位盖章…)")
        if mine:
            return redact(f, "own.signature", f"the applicant's signature, by {by}")
        return keep(f, "review.signature", "signature with no label the role lexicon can read; needs review",
                    needs_review=True)
    return keep(f, f"other.{et.lower()}", "region not covered by a removal rule")


def affiliation(f: Finding, own_markers: set[str], employer_markers: set[str], cfg: PolicyConfig) -> Decision:
    """A numbered affiliation segment (``part`` = the whole line, or the organisation's name in it).

    The applicant's own line is the one whose number marks the applicant's name.
    Independently, an English segment whose number is that of a Chinese segment
    naming the applicant's employer names the employer in English (the link that
    survives OCR dropping the raised marker).
    """
    marker = str(f.explain("marker", ""))
    part = str(f.explain("part", "line"))
    latin = f.explain("script") == "latin"
    if marker in own_markers:
        if part == "organisation":
            return redact(f, "own.employer.affiliation_line",
                          f"organisation in affiliation line {marker}, which is marked on the applicant's name", "employers")
        if cfg.remove_affiliation_address:
            return redact(f, "own.employer.affiliation_line",
                          f"affiliation line {marker} is marked on the applicant's name: employer, unit, address and postcode removed",
                          "employers")
        return keep(f, "own.employer.affiliation_line.address_kept",
                    "the applicant's affiliation line; only the employer's name is removed (policy.remove_affiliation_address is off)")
    if latin and part == "organisation" and marker in employer_markers:
        return redact(f, "own.employer.affiliation_twin",
                      f"English affiliation {marker} names the organisation of Chinese affiliation {marker}, the applicant's employer",
                      "employers")
    if not own_markers:
        return keep(f, "other.affiliation", f"affiliation line {marker}: no author marker of the applicant's name was read on this page")
    return keep(f, "other.affiliation", f"affiliation line {marker} belongs to other authors only")


def employer_twin(f: Finding) -> Decision:
    """The employer's English name set beside its Chinese name (``detect.letterhead``)."""
    return redact(f, "own.employer.english_twin",
                  "an organisation's English name set right beside the applicant's employer (a bilingual letterhead)",
                  "employers")


def personal_detail(f: Finding, cfg: PolicyConfig) -> Decision:
    """Birth year / birthplace in the applicant's own bio line (policy.author_bio_details)."""
    kind = str(f.explain("detail", ""))
    if kind in cfg.author_bio_details:
        return redact(f, f"own.name.bio_{kind}", f"{kind.replace('_', ' ')} in the applicant's 作者简介 line", "name")
    return keep(f, f"review.bio_{kind}", f"{kind.replace('_', ' ')} in the applicant's 作者简介 line (not in policy.author_bio_details)")
