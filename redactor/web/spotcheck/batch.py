"""Reading a `redactor batch` output folder (layout: "Batch folder contract" in docs/web.md).

Outputs live under ``OUT/<applicant_id>/``; originals are found through
``ledger.sqlite`` (``input_path``), the only place that holds them.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from redactor.batch.report import OTHER_DOC_TYPE, doc_type, doc_type_label


class BatchFolderError(Exception):
    """The folder is not a batch output folder (message in Chinese, no personal data)."""


@dataclass(frozen=True)
class BatchDoc:
    applicant_id: str
    stem: str
    doc_type: str                   # the kind's Chinese name (configs/doc_kinds.yaml), "other" when unknown
    needs_review: int
    pages: int
    redactions: int
    input_path: str                 # the original, from the ledger ("" when the ledger lacks it)
    folder: str

    @property
    def key(self) -> str:
        return f"{self.applicant_id}/{self.stem}"

    @property
    def kind_label(self) -> str:
        return doc_type_label(self.doc_type)

    @property
    def redacted_pdf(self) -> Path:
        return Path(self.folder) / self.applicant_id / f"{self.stem}.redacted.pdf"

    @property
    def audit_json(self) -> Path:
        return Path(self.folder) / self.applicant_id / f"{self.stem}.audit.json"


def read_batch(folder: str | Path) -> list[BatchDoc]:
    """Every document the batch finished (state ``done``), in a stable order."""
    root = Path(folder)
    report = root / "batch-report.json"
    if report.is_file():
        applicants = json.loads(report.read_text(encoding="utf-8")).get("applicants", [])
    else:
        applicants = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(root.glob("*/summary.json"))]
    if not applicants and not (root / "ledger.sqlite").is_file():
        raise BatchFolderError("这不是批量脱敏的输出目录：缺少 batch-report.json 或 ledger.sqlite。")
    inputs = _ledger_inputs(root / "ledger.sqlite")
    docs = []
    for a in applicants:
        aid = str(a["applicant_id"])
        for d in a.get("documents", []):
            if d.get("state") != "done":
                continue
            docs.append(BatchDoc(
                applicant_id=aid, stem=str(d["stem"]), doc_type=_kind(str(d["stem"]), d.get("doc_type")),
                needs_review=int(d.get("needs_review") or 0), pages=int(d.get("pages") or 0),
                redactions=sum((d.get("redactions") or {}).values()) if isinstance(d.get("redactions"), dict)
                else int(d.get("redactions") or 0),
                input_path=inputs.get((aid, str(d["stem"])), ""), folder=str(root)))
    return sorted(docs, key=lambda d: (d.applicant_id, d.stem))


def _kind(stem: str, stored: object) -> str:
    """The kind by today's kinds (configs/doc_kinds.yaml), so that a folder a batch wrote with an older table is
    stratified as finely as a new one; the stored ``doc_type`` where today's table knows none."""
    kind = doc_type(stem)
    return kind if kind != OTHER_DOC_TYPE else str(stored or OTHER_DOC_TYPE)


def _ledger_inputs(path: Path) -> dict[tuple[str, str], str]:
    if not path.is_file():
        return {}
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        rows = con.execute("SELECT applicant_id, stem, input_path FROM documents").fetchall()
    finally:
        con.close()
    return {(str(a), str(s)): str(p or "") for a, s, p in rows}
