"""Reading a `redactor batch` output folder (layout: "Batch folder contract" in docs/web.md).

Outputs live under ``OUT/<applicant_id>/``; originals are found through
``ledger.sqlite`` (``input_path``), the only place that holds them.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path


class BatchFolderError(Exception):
    """The folder is not a batch output folder (message in Chinese, no personal data)."""


@dataclass(frozen=True)
class BatchDoc:
    applicant_id: str
    stem: str
    doc_type: str
    needs_review: int
    pages: int
    redactions: int
    input_path: str                 # the original, from the ledger ("" when the ledger lacks it)
    folder: str

    @property
    def key(self) -> str:
        return f"{self.applicant_id}/{self.stem}"

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
                applicant_id=aid, stem=str(d["stem"]), doc_type=str(d.get("doc_type") or "other"),
                needs_review=int(d.get("needs_review") or 0), pages=int(d.get("pages") or 0),
                redactions=sum((d.get("redactions") or {}).values()) if isinstance(d.get("redactions"), dict)
                else int(d.get("redactions") or 0),
                input_path=inputs.get((aid, str(d["stem"])), ""), folder=str(root)))
    return sorted(docs, key=lambda d: (d.applicant_id, d.stem))


def _ledger_inputs(path: Path) -> dict[tuple[str, str], str]:
    if not path.is_file():
        return {}
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        rows = con.execute("SELECT applicant_id, stem, input_path FROM documents").fetchall()
    finally:
        con.close()
    return {(str(a), str(s)): str(p or "") for a, s, p in rows}
