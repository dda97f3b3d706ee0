"""Policy: candidates + applicant profile -> RedactionPlan (own data only).

``decide`` is a pure function.  Each Decision carries the rule id and a reason;
the audit is built from these.
"""

from __future__ import annotations

from collections.abc import Mapping

from redactor.config import PolicyConfig
from redactor.model import Action, ApplicantProfile, Category, Decision, Finding, RedactionPlan
from redactor.fields import FIELDS, applicant_forms, field_values
from redactor.policy import rules
from redactor.policy.infer import infer_profile
from redactor.ownership.photos import marks_in_figures, photo_place, photo_tie
from redactor.policy.photo_seal import spare_kept_seals
from redactor.policy.hidden_layer import hidden_misreads
from redactor.policy.stamped_names import names_read_through_stamps
from redactor.normalize import compact
from redactor.ownership.seals import settle_seals
from redactor.ownership.structure import PageStructure
from redactor.ownership.subject_values import subject_values

__all__ = ["decide", "infer_profile"]

_PHOTOS = ("PORTRAIT", "PHOTO_SLOT")
_CODES = ("QR_CODE", "BARCODE")        # decided after the text: a personal code's owner is who it sits beside
_EVIDENCE_KINDS = {"email", "email_pinyin_local", "employer_english", "pinyin_name"}
_EVIDENCE_WINDOW = 400   # characters


def decide(findings: list[Finding], profile: ApplicantProfile, cfg: PolicyConfig, source: str = "",
           pages: Mapping[int, PageStructure] | None = None) -> RedactionPlan:
    """The plan for ``findings``.  ``pages``: each page's structure (``redactor.ownership.structure``), which
    says whose a seal, a signature or a picture is by the labels, blocks and subject around it."""
    pages = pages or {}
    keys = rules.ProfileKeys(profile, applicant_forms(profile))
    evidence = _evidence(findings)
    markers = _own_markers(findings)
    employer_markers = _employer_markers(findings)
    decisions: list[Decision] = []
    laid_out: list[Finding] = []   # decided after the text beside them
    for f in findings:
        if f.entity_type in _PHOTOS or f.entity_type in _CODES:
            laid_out.append(f)
        elif f.entity_type == "FIGURE":
            decisions.append(rules.figure(f))
        elif f.entity_type == "PERSONAL_DETAIL":
            decisions.append(rules.personal_detail(f, cfg))
        elif f.entity_type == "EMPLOYER_TWIN":
            decisions.append(rules.employer_twin(f))
        elif f.entity_type == "AFFILIATION":
            decisions.append(rules.affiliation(f, markers.get(f.page, set()), employer_markers.get(f.page, set()), cfg))
        elif f.is_region:
            decisions.append(rules.region(f, keys, cfg, page=pages.get(f.page)))
        elif f.recognizer == rules.APPLICANT_RECOGNIZER:
            decisions.append(rules.applicant_value(f, _has_evidence(f, evidence), cfg))
        else:
            decisions.append(rules.generic_text(f, keys))
    # whose photo or personal code it is depends on the text decided beside it (without
    # the NER spans that merely repeat a removed value)
    decisions = _drop_covered_duplicates(decisions)
    # another tool's hidden OCR layer reading the applicant's name where ours read someone else's: text only
    decisions = hidden_misreads(decisions, sorted(keys.names), cfg.hidden_name_min_agreeing)
    # the applicant's own name field read through a stamp (谢三 for 谢兰, the ring across 兰): their name
    decisions = names_read_through_stamps(decisions, [compact(n) for n in (profile.name, *profile.name_aliases) if n],
                                          cfg.stamped_name_min_agreeing_share, pages)
    # the values in the applicant's own cells of a page whose subject is the applicant: theirs, profile or not
    decisions = subject_values(decisions, profile, pages)
    others = [f for f in findings if f.is_region and f.entity_type not in ("PHOTO_SLOT",)]
    for f in laid_out:
        if f.entity_type == "PHOTO_SLOT" and _found_by_other_detector(f, others):
            continue
        tie = photo_tie(f, decisions)
        if f.entity_type in _CODES:
            decisions.append(rules.region(f, keys, cfg, tie, page=pages.get(f.page)))
        else:
            decisions.append(rules.photo(f, tie, photo_place(f, pages.get(f.page), decisions)))
    # a signature found inside a figure of the text is the figure's
    decisions = marks_in_figures(decisions)
    # seals decided again as the final check decides them (``seals.settle_seals``: a seal read in part or not at
    # all by its place, one another printed body explains better by it, then the evidence the audit shows)
    decisions = settle_seals(decisions, profile.employers, pages)
    # a kept seal stamped over the corner of a removed photo (a certificate's issuer): the whole photo goes,
    # unless configured to spare the seal's ring (photos only: no seal decision changes)
    decisions = spare_kept_seals(decisions, spare=cfg.seal_over_photo == "spare_seal")
    return RedactionPlan(source=source, decisions=tuple(decisions), must_vanish=must_vanish(profile))


def must_vanish(profile: ApplicantProfile) -> tuple[tuple[str, str], ...]:
    """(category, comparison key) of every value of the profile (redactor.fields)."""
    return tuple((f.category.value, k) for f in FIELDS for v in field_values(profile, f) for k in f.keys(v))


def _own_markers(findings: list[Finding]) -> dict[int, set[str]]:
    """Affiliation numbers attached to the applicant's own name, per page."""
    out: dict[int, set[str]] = {}
    for f in findings:
        m = f.explain("affiliation_markers")
        if m and f.recognizer == rules.APPLICANT_RECOGNIZER and not f.explain("boundary"):
            out.setdefault(f.page, set()).update(m.split(","))
    return out


def _employer_markers(findings: list[Finding]) -> dict[int, set[str]]:
    """Numbers of the Chinese affiliation segments that name the applicant's employer, per page."""
    out: dict[int, set[str]] = {}
    for f in findings:
        if (f.entity_type == "AFFILIATION" and f.explain("names_employer") and f.explain("script") == "cjk"
                and f.explain("part", "line") == "line"):
            out.setdefault(f.page, set()).add(str(f.explain("marker", "")))
    return out


def _evidence(findings: list[Finding]) -> list[Finding]:
    return [
        f for f in findings
        if f.recognizer == rules.APPLICANT_RECOGNIZER and not f.explain("boundary")
        and (f.explain("form_kind") in _EVIDENCE_KINDS or f.category is Category.EMPLOYER)
    ]


def _has_evidence(f: Finding, evidence: list[Finding]) -> bool:
    for e in evidence:
        if e is f or e.page != f.page or e.start is None or f.start is None:
            continue
        if abs(e.start - f.start) <= _EVIDENCE_WINDOW:
            return True
    return False


def _found_by_other_detector(slot: Finding, regions: list[Finding]) -> bool:
    """A photo slot that is a face, QR code, seal or signature another detector found."""
    a = slot.boxes[0]
    for r in regions:
        if r.page != slot.page:
            continue
        for b in r.boxes:
            ix = max(0.0, min(a.x1, b.x1) - max(a.x0, b.x0))
            iy = max(0.0, min(a.y1, b.y1) - max(a.y0, b.y0))
            if ix * iy >= 0.5 * min(a.area, b.area):
                return True
    return False


def _drop_covered_duplicates(decisions: list[Decision]) -> list[Decision]:
    """A generic candidate whose span is entirely inside a REDACT span of the
    same page is the same text seen twice (e.g. LAC's PERSON over the applicant's
    name): listing it as `kept` would be wrong, and a second removal of the same
    characters (own.name.generic under own.name) is one box listed twice, so undoing
    one of them in the web app left the name black."""
    redacted = [(d.finding.page, d.finding.start, d.finding.end) for d in decisions
                if d.action is Action.REDACT and d.finding.start is not None]
    own = [(d.finding.page, d.finding.start, d.finding.end) for d in decisions
           if d.action is Action.REDACT and d.finding.start is not None and d.finding.recognizer == rules.APPLICANT_RECOGNIZER]
    out = []
    for d in decisions:
        f = d.finding
        if (d.action is Action.REDACT and f.start is not None and f.end is not None and not f.is_region
                and f.recognizer != rules.APPLICANT_RECOGNIZER
                and any(p == f.page and s <= f.start and f.end <= e for p, s, e in own)):
            continue
        if d.action is Action.KEEP and f.start is not None and not f.recognizer == rules.APPLICANT_RECOGNIZER:
            # an NER span running over a line break ("王某\n女"): its first line is what it names
            lead = len(f.text) - len(f.text.lstrip())
            nl = f.text.find("\n", lead)
            end = f.start + nl if nl > 0 and f.end is not None else f.end
            if any(p == f.page and s <= f.start and end <= e for p, s, e in redacted):
                continue
        out.append(d)
    return out
