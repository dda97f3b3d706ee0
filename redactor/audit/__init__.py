"""Audit: the decisions, the sanitising and the verification -> a JSON report.

Built only from the stage outputs, and it never writes a personal value:
each finding is described by category, length and a keyed hash.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from redactor._version import __version__
from redactor.audit.hashing import ValueHasher
from redactor.model import Decision, Document, RedactionPlan, RedactionResult, VerificationReport

__all__ = ["AuditInputs", "build_audit", "write_audit", "ValueHasher"]

SCHEMA_VERSION = "1.0"


@dataclass(frozen=True)
class AuditInputs:
    display_name: str                 # sanitised input name (no PII)
    renamed: tuple[str, ...]          # categories replaced in the file name
    output_name: str
    profile_source: str               # "file" or "inferred"
    profile_fields: tuple[str, ...]   # which fields the profile had (no values)
    inferred_from: dict[str, Any] | None = None
    config_digest: str = ""
    models: dict[str, str] = field(default_factory=dict)


def _value(d: Decision, hasher: ValueHasher) -> dict[str, Any]:
    text = d.finding.text or ""
    return {"length": len("".join(text.split())), "hash": hasher.digest(text) if text.strip() else ""}


def _source(d: Decision) -> str:
    f = d.finding
    if f.is_region:   # a reviewer's box says "manual"
        return str(f.explain("source", "image_region"))
    return str(f.explain("source", "text_layer"))


def _entry(d: Decision, hasher: ValueHasher, redaction_bbox: bool) -> dict[str, Any]:
    f = d.finding
    cat = f.category.value if f.category else f.entity_type.lower()
    boxes = [[round(v, 2) for v in b.as_tuple()] for b in f.boxes]
    entry: dict[str, Any] = {
        "page": f.page,
        "category": cat,
        "entity_type": f.entity_type,
        "bbox": boxes[0] if len(boxes) == 1 else _enclosing(boxes),
        "boxes": boxes,
        "source": _source(d),
        "recognizer": f.recognizer,
        "score": round(float(f.score), 3),
        "rule": d.rule,
        "reason": d.reason,
        "value": _value(d, hasher),
    }
    if d.profile_field:
        entry["profile_field"] = d.profile_field
    if d.needs_review:
        entry["needs_review"] = True
    safe_expl = {k: v for k, v in f.explanation if k in _SAFE_EXPLANATION_KEYS}
    if safe_expl:
        entry["explanation"] = safe_expl
    if d.evidence:          # labels and counts by construction (policy: Decision.evidence)
        entry["evidence"] = {k: v for k, v in d.evidence if isinstance(v, (int, float, bool)) or k in _SAFE_EVIDENCE_LABELS}
    return entry


# evidence values that are text: a fixed vocabulary (which search read a seal, the form label of its place)
_SAFE_EVIDENCE_LABELS = {"text_source", "place_label", "place_owner", "place_by"}


# explanation keys whose values are labels, flags or numbers, never personal values
_SAFE_EXPLANATION_KEYS = {
    "pattern", "original_score", "context_word", "checksum", "form_kind", "profile_field", "needs_evidence",
    "rank", "boundary", "boundary_evidence", "fuzzy", "label", "low_confidence_ocr", "kind", "faces", "cue",
    "symbology", "decoded", "on_form", "readable", "shape", "ocr_score", "label_distance_pt", "box_source",
    "photo_label_near", "header_band", "quarter_turns", "inferred", "label_box",
}


def _review_list(redactions: list[dict[str, Any]], kept: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Where a reviewer looks first: every decision that rests on weak evidence
    (a photo removed without a face, an unreadable seal, a signature with no
    label…), removed or kept, with its reason."""
    out = []
    for action, entries in (("removed", redactions), ("kept", kept)):
        for e in entries:
            if e.get("needs_review"):
                out.append({"page": e["page"], "category": e["category"], "action": action, "bbox": e["bbox"],
                            "rule": e["rule"], "reason": e["reason"]})
    return out


DISAGREEMENT_RULE = "check.disagrees_with_plan"


def _disagreements(report: VerificationReport) -> list[dict[str, Any]]:
    """Places where the final check's reading and the plan disagree and the check did not repair (it reads the
    applicant's signature label beside strokes the plan kept): each a ``needs_review`` entry naming both -- the
    check's place (``bbox``) and the plan's rule and box (``plan_rule``, ``plan_bbox``)."""
    out = []
    for lk in report.leaks:
        if lk.severity != "review" or not lk.plan_rule or lk.page is None:
            continue
        d = lk.as_dict()
        out.append({"page": lk.page, "category": lk.category, "action": "kept", "bbox": d["bbox"],
                    "rule": DISAGREEMENT_RULE, "reason": lk.detail, "channel": lk.where,
                    **d["disagreement"]})
    return out


def _suggestions(redactions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Values the plan removed as the applicant's that the profile lacks (``ownership.subject_values``: the
    value of the applicant's own cell on their own form), for the user to add to the profile: category, page,
    box and the keyed hash, never the value."""
    out: dict[tuple, dict[str, Any]] = {}
    for e in redactions:
        if e.get("explanation", {}).get("inferred"):
            out.setdefault((e["category"], e["page"], e["value"]["hash"]), {
                "category": e["category"], "page": e["page"], "bbox": e["bbox"], "value_hash": e["value"]["hash"],
                "rule": e["rule"]})
    return list(out.values())


def _enclosing(boxes: list[list[float]]) -> list[float]:
    return [min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes)]


def _by_reader(lines: Any) -> dict[str, int]:
    """How many of a page's OCR lines each recogniser read (models/manifest.yaml ids; ``engine``: the engine's
    only one), so a reader of the audit sees which lines the cheap first reading alone decided."""
    out: dict[str, int] = {}
    for ln in lines:
        out[ln.reader or "engine"] = out.get(ln.reader or "engine", 0) + 1
    return dict(sorted(out.items()))


def build_audit(
    doc: Document,
    plan: RedactionPlan,
    result: RedactionResult,
    report: VerificationReport,
    info: AuditInputs,
    hasher: ValueHasher,
    repairs: tuple[dict[str, Any], ...] = (),
) -> dict[str, Any]:
    """``repairs``: places verification found a value and redaction was repeated there
    (page, category, channel, bbox), each also a ``needs_review`` reason."""
    redactions = [_entry(d, hasher, True) for d in plan.redactions]
    for i in result.unpainted:      # a hidden copy's text removed without a box: its pixels are the page's
        redactions[i]["painted"] = False
    kept = [_entry(d, hasher, False) for d in plan.kept]
    review = _review_list(redactions, kept) + _disagreements(report)
    # a page released as an image loses its text layer, which a person looks at; one whose text was all outlines
    # (a 转曲 file) had none to lose: its flattening is listed in ``sanitized`` only
    review += [{"page": n, "category": "page", "action": "flattened", "bbox": None, "rule": "redact.flattened",
                "reason": "text removal would have moved the rest of the text; the page was released as an image "
                          "(no text layer)"} for n in result.text_layer_lost]
    by_cat: dict[str, int] = {}
    for r in redactions:
        by_cat[r["category"]] = by_cat.get(r["category"], 0) + 1
    hidden = doc.hidden
    return {
        "schema": SCHEMA_VERSION,
        "tool": {"name": "redactor", "version": __version__},
        "input": {
            "display_name": info.display_name,
            "renamed": bool(info.renamed),
            "renamed_categories": list(info.renamed),
            "kind": doc.input_kind,
            "sha256": doc.input_sha256,
        },
        "output": {"file": info.output_name, "sha256": result.output_sha256},
        "profile": {
            "source": info.profile_source,
            "fields": list(info.profile_fields),
            **({"inferred_from": info.inferred_from} if info.inferred_from else {}),
        },
        "pages": len(doc.pages),
        "page_info": [
            {
                "page": p.number, "kind": p.kind.value, "width": round(p.width, 2), "height": round(p.height, 2),
                "rotation": p.rotation, "ocr_lines": len(p.ocr_lines),
                "low_confidence_ocr_lines": sum(1 for ln in p.ocr_lines if ln.low_confidence),
                **({"ocr_lines_by_reader": _by_reader(p.ocr_lines)} if p.ocr_lines else {}),
            }
            for p in doc.pages
        ],
        "summary": {"redactions": len(redactions), "by_category": by_cat, "kept": len(kept),
                    "needs_review": len(review), "repairs": len(repairs)},
        "repairs": [dict(r) for r in repairs],
        "redactions": redactions,
        "kept": kept,
        "needs_review": review,
        "profile_suggestions": _suggestions(redactions),
        "sanitized": list(result.sanitized),
        "hidden_content_found": {
            "info_metadata_keys": list(hidden.info_metadata_keys), "xmp": hidden.has_xmp,
            "annotations": hidden.annotations, "form_fields": hidden.form_fields,
            "embedded_files": hidden.embedded_files, "javascript": hidden.javascript, "outlines": hidden.outlines,
            "page_labels": hidden.page_labels, "optional_content": hidden.optional_content,
            "structure_tree": hidden.structure_tree,
        },
        "verification": {
            "passed": report.passed,
            "checks": list(report.checks),
            "leaks": [{"where": lk.where, **lk.as_dict()} for lk in report.leaks],
            "seconds": report.seconds,
            "ocr_pages": {str(p): how for p, how in report.ocr_pages},
        },
        "value_hash_key": hasher.key_source,
        "config_digest": info.config_digest,
        "models": dict(info.models),
    }


def write_audit(audit: dict[str, Any], path: str | Path) -> None:
    Path(path).write_text(json.dumps(audit, ensure_ascii=False, indent=2), encoding="utf-8")
