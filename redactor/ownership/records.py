"""The plan's decisions as the audit records them: what the final check knows of whose the text beside a mark is.

The built-in check and ``redactor verify`` must reach one verdict on one output.  They read the output with the
same eyes and ask the same decisions (``redactor.ownership``); what they know of the plan must be the same too.
``redactor verify`` has the audit (``X.audit.json`` beside the output, or ``--audit``), which records each
decision's page, category, entity type, rule, action and boxes (rounded to 0.01 pt) -- never a value.  The
pipeline's gate has the plan itself, and takes from it exactly what the audit records (``from_plan``), so both
rebuild the same decisions.  The text of what policy kept (another organisation's name beside a stamp) is read
back from the output's own print under each kept box (``with_print``): the same for both, since both read the
same output.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import Any

from redactor.model import Action, BBox, Decision, Finding, RedactionPlan

__all__ = ["record_of", "from_plan", "from_audit", "with_print", "REGION_TYPES"]

REGION_TYPES = frozenset({"PORTRAIT", "PHOTO_SLOT", "FIGURE", "FACE", "QR_CODE", "BARCODE", "SEAL", "SIGNATURE", "MANUAL_BOX"})
# an entry that names its category only (a hand-written audit): the entity type that carries that category
_ENTITY_OF = {"name": "PERSON", "employer": "EMPLOYER", "id_number": "CN_RESIDENT_ID", "phone": "CN_MOBILE",
              "email": "EMAIL_ADDRESS", "photo": "PORTRAIT", "qr_code": "QR_CODE", "seal": "SEAL",
              "signature": "SIGNATURE"}
_LABEL_KEYS = ("label", "label_box", "on_form", "readable", "ocr_score", "kind", "photo_label_near", "quarter_turns")


def record_of(d: Decision, painted: bool = True) -> dict[str, Any]:
    """The keys of the audit's entry for ``d`` that the decisions read (``redactor.audit`` writes the same).
    ``painted``: False for a removal redaction made as text only (no box; the audit's ``painted: false``)."""
    f = d.finding
    cat = f.category.value if f.category else f.entity_type.lower()
    return {
        "page": f.page, "category": cat, "entity_type": f.entity_type,
        "boxes": [[round(v, 2) for v in b.as_tuple()] for b in f.boxes],
        "recognizer": f.recognizer, "rule": d.rule, "action": d.action.value,
        "explanation": {k: v for k, v in f.explanation if k in _LABEL_KEYS},
        **({} if painted else {"painted": False}),
    }


def _decision(entry: Mapping[str, Any], action: Action) -> Decision | None:
    boxes = tuple(BBox(*b) for b in entry.get("boxes") or ([entry["bbox"]] if entry.get("bbox") else []))
    if not boxes:
        return None
    et = str(entry.get("entity_type", "") or _ENTITY_OF.get(str(entry.get("category", "")), ""))
    region = et in REGION_TYPES or str(entry.get("recognizer", "")).startswith(("verify_repair", "manual"))
    expl = entry.get("explanation") or {}
    f = Finding(page=int(entry["page"]), entity_type=et, boxes=boxes, recognizer=str(entry.get("recognizer", "")),
                score=1.0, text="", start=None if region else 0, end=None if region else 0,
                explanation=tuple((k, v) for k, v in expl.items() if k in _LABEL_KEYS)
                + ((("text_only", True),) if entry.get("painted") is False else ()))
    return Decision(f, action, str(entry.get("rule", "")), "")


def from_plan(plan: RedactionPlan, unpainted: Collection[int] = ()) -> tuple[Decision, ...]:
    """The plan's decisions as the audit records them (no text, boxes rounded as the audit rounds them).
    ``unpainted``: indexes into ``plan.redactions`` that redaction removed as text only
    (``RedactionResult.unpainted``)."""
    out = []
    i = -1
    for d in plan.decisions:
        i += d.action is Action.REDACT
        r = record_of(d, painted=not (d.action is Action.REDACT and i in unpainted))
        rec = _decision(r, d.action)
        if rec is not None:
            out.append(rec)
    return tuple(out)


def from_audit(audit: Mapping[str, Any]) -> tuple[Decision, ...]:
    """The decisions an audit JSON records (its ``redactions`` and ``kept``)."""
    out = []
    for key, action in (("redactions", Action.REDACT), ("kept", Action.KEEP)):
        for entry in audit.get(key, ()) or ():
            rec = _decision(entry, action)
            if rec is not None:
                out.append(rec)
    return tuple(out)


def with_print(records: Iterable[Decision], rows: Mapping[int, Sequence[tuple[str, Sequence[BBox | None]]]]
               ) -> tuple[Decision, ...]:
    """``records`` with the text of what policy kept read back from the output's print under its boxes
    (``rows``: per page, lines of text with a box per character): the other organisations and people a stamp or a
    picture is compared with.  Removed text stays empty: the output no longer shows it."""
    out = []
    for d in records:
        f = d.finding
        if d.action is Action.KEEP and not f.is_region and f.boxes:
            text = _under(f.boxes, rows.get(f.page, ()))
            if text:
                from dataclasses import replace

                d = replace(d, finding=replace(f, text=text))
        out.append(d)
    return tuple(out)


def _under(boxes: Sequence[BBox], rows: Sequence[tuple[str, Sequence[BBox | None]]]) -> str:
    """The characters of ``rows`` whose centres lie in ``boxes``, in the first row that has any."""
    for text, cbs in rows:
        got = [c for c, b in zip(text, cbs) if b is not None and not c.isspace()
               and any(x.contains_point(*b.center) for x in boxes)]
        if got:
            return "".join(got)
    return ""
