"""Batch reports: ``OUT/batch-report.json`` + ``.html`` and ``OUT/<applicant_id>/summary.json``.

Built from the ledger and the per-document audits only, so they carry what the
audits carry: counts, categories, cleaned names, never a personal value.  The
layout is a contract with the spot-check web app (see README, Batch).
"""

from __future__ import annotations

import json
import os
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from jinja2 import Environment, select_autoescape

from redactor.batch.ledger import LedgerRow
from redactor.config import doc_kinds

# a document's kind: data, configs/doc_kinds.yaml (a Chinese name, the keywords of a cleaned file stem)
OTHER_DOC_TYPE = "other"      # stored for a stem no keyword matches; shown as the file's ``unknown`` (其他)


def doc_type(stem: str) -> str:
    """The Chinese name of the first kind (configs/doc_kinds.yaml order) with a keyword in the cleaned ``stem``,
    else ``"other"``."""
    s = unicodedata.normalize("NFKC", stem).lower()
    return next((k.name for k in doc_kinds().kinds if any(w in s for w in k.keywords)), OTHER_DOC_TYPE)


def doc_type_label(kind: str) -> str:
    """What a reviewer sees for a stored ``doc_type``: its Chinese name, 其他 for the unknown."""
    return doc_kinds().unknown if not kind or kind == OTHER_DOC_TYPE else kind


def audit_kind(audit: dict[str, Any]) -> str:
    if audit.get("input", {}).get("kind") == "image":
        return "image"
    kinds = {p.get("kind") for p in audit.get("page_info", [])}
    if kinds <= {"born_digital"}:
        return "born_digital"
    if "born_digital" not in kinds and "mixed" not in kinds:
        return "scanned"
    return "mixed"


def document_entry(row: LedgerRow, out: Path) -> dict[str, Any]:
    """The contract's document object; pages and kind come from the audit (unknown for failed documents)."""
    entry: dict[str, Any] = {"stem": row.stem, "state": row.state, "pages": None, "kind": None,
                             "doc_type": doc_type(row.stem), "redactions": {}, "kept": 0, "needs_review": 0,
                             "error": row.error or "", "seconds": row.seconds}
    if row.state in ("done", "held"):             # a held document's audit waits in OUT/<applicant_id>/held/
        folder = out / row.applicant_id / ("held" if row.state == "held" else "")
        try:
            audit = json.loads((folder / f"{row.stem}.audit.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return entry
        summary = audit.get("summary", {})
        entry.update(pages=audit.get("pages"), kind=audit_kind(audit), redactions=dict(summary.get("by_category", {})),
                     kept=summary.get("kept", 0), needs_review=summary.get("needs_review", 0))
    return entry


def build_report(applicants: Iterable[tuple[str, list[dict[str, Any]]]], *, tool_version: str, config_digest: str,
                 started: str, finished: str, manifest_errors: list[dict[str, Any]], skipped: int) -> dict[str, Any]:
    apps = [{"applicant_id": a, "documents": docs} for a, docs in applicants]
    docs = [d for a in apps for d in a["documents"]]
    by_cat: dict[str, int] = {}
    for d in docs:
        for k, n in d["redactions"].items():
            by_cat[k] = by_cat.get(k, 0) + n
    totals = {
        "applicants": len(apps), "documents": len(docs),
        **{s: sum(1 for d in docs if d["state"] == s) for s in ("done", "held", "failed", "refused")},
        "skipped_as_done": skipped, "pages": sum(d["pages"] or 0 for d in docs), "redactions": by_cat,
        "kept": sum(d["kept"] for d in docs), "needs_review": sum(d["needs_review"] for d in docs),
        "seconds": round(sum(d["seconds"] or 0 for d in docs), 3), "manifest_errors": len(manifest_errors),
    }
    return {"tool_version": tool_version, "config_digest": config_digest, "started": started, "finished": finished,
            "applicants": apps, "totals": totals, "manifest_errors": manifest_errors}


def write_reports(report: dict[str, Any], out: Path) -> None:
    for a in report["applicants"]:
        folder = out / a["applicant_id"]
        folder.mkdir(exist_ok=True)              # also for an applicant whose every document failed
        _write_atomic(folder / "summary.json", _json(a))
    _write_atomic(out / "batch-report.json", _json(report))
    _write_atomic(out / "batch-report.html", render_html(report))


def _json(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=1)


def _write_atomic(path: Path, text: str) -> None:
    part = path.with_name(f".{path.name}.part")
    part.write_text(text, encoding="utf-8")
    os.replace(part, path)


_TEMPLATE = """<!doctype html>
<html lang="zh"><head><meta charset="utf-8"><title>redactor batch report</title>
<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;margin-bottom:1.5em}
td,th{border:1px solid #bbb;padding:.25em .6em;text-align:left}.failed,.refused{background:#fdd}
.review{background:#ffc}.held{background:#fec}</style></head><body>
<h1>Batch report</h1>
<p>redactor {{ r.tool_version }} · config {{ r.config_digest }} · {{ r.started }} → {{ r.finished }}</p>
<p>{{ t.applicants }} applicants · {{ t.documents }} documents: {{ t.done }} done, {{ t.held }} held (places a
person must decide: not released, in &lt;applicant_id&gt;/held/), {{ t.failed }} failed,
{{ t.refused }} refused ({{ t.skipped_as_done }} already done before this run) · {{ t.pages }} pages ·
{{ t.needs_review }} candidates need review · {{ t.manifest_errors }} bad manifest rows</p>
{% if r.manifest_errors %}<h2>Manifest rows not run</h2><ul>
{% for e in r.manifest_errors %}<li>row {{ e.row }} ({{ e.field }}): {{ e.message }}</li>{% endfor %}</ul>{% endif %}
{% for a in r.applicants %}<h2>{{ a.applicant_id }}</h2>
<table><tr><th>document</th><th>type</th><th>state</th><th>pages</th><th>kind</th><th>removed</th><th>kept</th>
<th>needs review</th><th>seconds</th><th>error</th></tr>
{% for d in a.documents %}<tr class="{{ d.state }}{% if d.needs_review %} review{% endif %}"><td>{{ d.stem }}</td>
<td>{{ d.doc_type }}</td><td>{{ d.state }}</td><td>{{ d.pages if d.pages is not none else "" }}</td>
<td>{{ d.kind or "" }}</td><td>{% for k, n in d.redactions.items() %}{{ k }} {{ n }}{% if not loop.last %}, {% endif %}{% endfor %}</td>
<td>{{ d.kept }}</td><td>{{ d.needs_review }}</td><td>{{ d.seconds if d.seconds is not none else "" }}</td><td>{{ d.error }}</td></tr>
{% endfor %}</table>{% endfor %}
</body></html>
"""


def render_html(report: dict[str, Any]) -> str:
    env = Environment(autoescape=select_autoescape(default=True, default_for_string=True))
    return env.from_string(_TEMPLATE).render(r=report, t=report["totals"])
