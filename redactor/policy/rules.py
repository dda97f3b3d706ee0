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
from redactor.model import Action, ApplicantProfile, Category, Decision, Finding
from difflib import SequenceMatcher

from redactor.fields import owning_field, profile_keys
from redactor.normalize import compact, is_cjk
from redactor.policy.photo_owner import PhotoTie
from redactor.policy.seal_name_core import shows_distinctive_word
from redactor.variants import ValueForm, distinctive_core, find_forms
from redactor.variants.gazetteers import is_ethnic_group

APPLICANT_RECOGNIZER = "applicant_value.v1"
SEAL_SIMILARITY = 0.7
# 有限责任(公司) read with one or two confused characters off a seal ring (有增贵任):
# a legal suffix, not part of the organisation's name
_GARBLED_LEGAL_SUFFIX = re.compile(r"有[\u4e00-\u9fff]{2}任(?:公司?)?$|有[\u4e00-\u9fff]{2}任(?=[\u4e00-\u9fff]{2,}$)")
_DATE_IN_SEAL = re.compile(r"[0-9０-９〇零一二三四五六七八九十]{2,4}\s*[年/.\-]\s*[0-9０-９一二三四五六七八九十]{1,2}\s*\S?\s*[0-9０-９一二三四五六七八九十]{1,3}\s*日?|[0-9]+")

BOUNDARY_REASONS = {
    "inside_other_name": "part of another person's name (e.g. the applicant's name is a prefix of it)",
    "other_org_shared_prefix": "another organisation that only shares a prefix with the employer",
    "publication_title": "the employer's name as part of a journal's or publisher's title (内蒙古大学学报): the venue, kept",
}


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
    if f.explain("needs_evidence") and cfg.initials_need_evidence:
        if has_evidence:
            return redact(f, f"own.{cat}.initials_with_evidence",
                          f"initials form ({kind}) next to the applicant's affiliation or e-mail", field)
        return keep(f, "review.initials", f"initials form ({kind}) with no other evidence on the page; needs review",
                    needs_review=True)
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
        """How much of the employer's name a seal reading shows, 0..1.

        Seal text read off a curved ring is often partial or has a confused
        character (头調铁（集团）有限责任).  Both names are reduced to their
        distinctive core (no region prefix, no legal suffix), so sharing 包头市 or
        有限责任公司 counts for nothing.  The score is the share of the employer's
        core found, in order, in the reading; it is 0 when most of the reading is
        something else (内蒙古科技大学包头医学院 is not 内蒙古科技大学), and 0 when the
        employer's distinctive word is not read in its place (包头稀土（集团） is not 包头钢铁（集团）:
        redactor.policy.seal_name_core).
        """
        # a date stamped over the seal is read with it (2024年6月17日): not seal text
        text = _DATE_IN_SEAL.sub("", text)
        # the detector joins the ring's reading and the seal's horizontal lines
        # (技术中心, 专用章) with spaces: the ring alone names the organisation
        parts = [text] + [p for p in text.split() if p != text.strip()]
        best = 0.0
        for part in parts:
            t = _GARBLED_LEGAL_SUFFIX.sub("", distinctive_core(part))
            if len(t) < 3:
                continue
            for e in self.profile.employers:
                c = distinctive_core(e)
                if len(c) < 3 or not any(is_cjk(ch) for ch in c):
                    continue
                t = _without_cut_prefix(t, e, c)
                # as written, and without punctuation: a ring's （集团） is read as ，集团 or 集团
                for t_, c_ in ((t, c), (_letters(t), _letters(c))):
                    if len(t_) < 3 or len(c_) < 3:
                        continue
                    sm = SequenceMatcher(None, t_, c_, autojunk=False)
                    matched = sum(b.size for b in sm.get_matching_blocks())
                    if matched >= 3 and matched / len(t_) >= 0.5 and shows_distinctive_word(t_, c_):
                        best = max(best, matched / len(c_))
        return best

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


def photo(f: Finding, tie: PhotoTie) -> Decision:
    """A portrait (a face was found) or a photo slot (a picture in a photo's place, no face)."""
    labelled = bool(f.explain("photo_label_near"))
    if f.entity_type == "PORTRAIT":
        if not labelled and tie.owner == "other":
            return keep(f, "other.photo.beside_other_person", "portrait beside another person's name (e.g. a co-author's bio)")
        why = "beside the applicant's name or contact details" if tie.owner == "applicant" else "in the applicant's dossier"
        return redact(f, "own.photo.portrait", f"single-person portrait ({f.explain('kind', 'photo')}) {why}")
    if labelled or tie.owner == "applicant":
        # beside the applicant's own name or contact details the picture is theirs, face or not (a drawn avatar);
        # tied by a 照片 label alone, a person looks (a figure can sit near the word)
        where = "beside the applicant's name or contact details" if tie.owner == "applicant" else "next to a photo label (照片)"
        return Decision(f, Action.REDACT, "own.photo.slot", f"picture in the photo's place {where}; no face was found",
                        needs_review=tie.owner != "applicant")
    if tie.owner == "other":
        return keep(f, "other.photo.slot", "picture beside another person's name")
    return keep(f, "other.photo.slot_untied", "photo-shaped picture that the layout does not tie to the applicant")


# Payloads that identify a person rather than a document: contact cards and
# messenger/payment codes (a résumé's WeChat code in the photo slot names nobody).
PERSONAL_CODE = re.compile(
    r"BEGIN:VCARD|^MECARD:|u\.wechat\.com|weixin\.qq\.com/r/|wxp://|qm\.qq\.com|qr\.alipay\.com|"
    r"^tel:|^mailto:|^smsto:", re.I | re.M)


def region(f: Finding, keys: ProfileKeys, cfg: PolicyConfig, tie: PhotoTie = PhotoTie("", float("inf"))) -> Decision:
    et = f.entity_type
    if et == "FACE":
        if cfg.remove_all_faces:
            return redact(f, "own.photo.all_faces", "face removed: policy.remove_all_faces is on")
        return keep(f, "review.group_face", "face in a group photo; needs review", needs_review=True)
    if et in ("QR_CODE", "BARCODE"):
        field = keys.mentions(f.text, fuzzy=False) if f.text else None
        if field:
            return redact(f, "own.qr_code.payload", f"code content carries the applicant's {field}", field)
        if f.text and PERSONAL_CODE.search(f.text) and tie.owner != "other":
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
        text = f.text or ""
        if text.strip():
            sim = keys.employer_similarity(text)
            if sim >= 0.999:
                return redact(f, "own.seal.employer", "seal names the applicant's employer", "employers")
            if sim >= SEAL_SIMILARITY:
                return redact(f, "own.seal.employer_similar",
                              f"partial seal reading matches {sim:.0%} of the employer's name", "employers")
        if not f.explain("readable", bool(text.strip())) or not text.strip():
            on_form = bool(f.explain("on_form", False))
            if cfg.unreadable_seal == "redact" or (cfg.unreadable_seal == "on_forms" and on_form):
                return Decision(f, Action.REDACT, "review.seal.unreadable", "seal text unreadable; removed by policy.unreadable_seal", needs_review=True)
            return keep(f, "review.seal.unreadable", "seal text unreadable; kept by policy.unreadable_seal", needs_review=True)
        return keep(f, "other.seal", "seal of another organisation (issuing authority or partner)")
    if et == "SIGNATURE":
        label = "".join(str(f.explain("label", "")).split())
        if f.explain("ink"):       # a label asking for a signature with no handwriting found beside it
            if label and any(o in label for o in cfg.signature_labels_other):
                return keep(f, "other.signature.unsigned", "another person's signature label with no handwriting beside it")
            # nothing to remove; an unsigned form is common and asks no one to look: a signature detection missed
            # (ink too faint or unlike one) is pen ink beside the applicant's label, which the gate looks for itself
            return keep(f, "own.signature.unsigned", "the applicant's signature label with no handwriting found beside "
                        "it: nothing to remove (verification looks for pen strokes there too)")
        if label and any(o in label for o in cfg.signature_labels_other):
            return keep(f, "other.signature", "signature next to another person's label (审核人, 负责人…)")
        if label and any(o in label for o in cfg.signature_labels_own):
            return redact(f, "own.signature", "signature next to the applicant's signature label")
        return keep(f, "review.signature", "signature with no recognisable label; needs review", needs_review=True)
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


def _letters(text: str) -> str:
    """``text`` without punctuation: only characters and digits count when a seal is compared."""
    return "".join(ch for ch in text if ch.isalnum())


def _without_cut_prefix(reading: str, employer: str, core: str) -> str:
    """``reading`` without the tail of the employer's region prefix right before its core: a ring read
    from a character or two into the name (O与头市中心医 of 包头市中心医院) keeps a cut 头市 that
    ``strip_region`` does not know, and it made the reading too long to count (issue #10)."""
    key = "".join(employer.split())
    at = key.find(core[:2])
    if at < 3:
        return reading
    prefix = key[:at]
    for n in range(len(prefix) - 1, 1, -1):         # a cut prefix: not its first character
        cut = prefix[-n:] + core[0]
        i = reading.find(cut)
        if i >= 0:
            return reading[:i] + reading[i + n:]
    return reading
