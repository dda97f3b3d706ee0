"""Held documents (issue 82): done, but their audit leaves places undecided, so not released until a person decides.

A document whose audit lists ``needs_review`` entries is published into
``OUT/<applicant_id>/held/`` instead of ``OUT/<applicant_id>/`` and recorded
``held`` in the ledger.  It leaves the held folder in one of two ways:

* ``redactor batch ... --release-held``: moved as it is to ``OUT/<applicant_id>/``
  (the places stay marked in its audit, as every document was released before);
* the 抽检 app's 待定 queue (``redactor.web.spotcheck.pending``): a reviewer decides
  删除 or 保留 for each place, the decisions are applied to the original again and
  verified again, and the new output is released here (``release_reviewed``).

While a reviewer decides, their decisions so far are kept beside the held output
(``<stem>.decisions.json``: page, category, box, rule, decision, reviewer, time;
never a value).  ``release_reviewed`` and ``keep_held`` write the ledger: their
caller holds the folder's lock (``output_folder.FolderLock``), as a batch run does.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from redactor.batch.ledger import Ledger, LedgerRow
from redactor.batch.report import build_report, document_entry, write_reports

HELD = "held"
OUTPUT_SUFFIXES = (".redacted.pdf", ".audit.json", ".audit.html", ".redacted.txt")
DECISIONS_SUFFIX = ".decisions.json"
MANIFEST_KEY = "manifest"


def released_outputs(out: Path, applicant_id: str, stem: str) -> list[Path]:
    """The contract's place: ``OUT/<applicant_id>/<stem>.redacted.pdf`` + ``.audit.json`` (+ extras)."""
    return [out / applicant_id / f"{stem}{s}" for s in OUTPUT_SUFFIXES]


def held_outputs(out: Path, applicant_id: str, stem: str) -> list[Path]:
    """``OUT/<applicant_id>/held/<stem>.redacted.pdf`` + ``.audit.json`` (+ extras)."""
    return [out / applicant_id / HELD / f"{stem}{s}" for s in OUTPUT_SUFFIXES]


def decisions_path(out: Path, applicant_id: str, stem: str) -> Path:
    return out / applicant_id / HELD / f"{stem}{DECISIONS_SUFFIX}"


def file_sha256(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def remove_held(out: Path, applicant_id: str, stem: str) -> None:
    """A held document's files (outputs and decisions so far); the held folder too once it is empty."""
    for f in (*held_outputs(out, applicant_id, stem), decisions_path(out, applicant_id, stem)):
        f.unlink(missing_ok=True)
    try:
        (out / applicant_id / HELD).rmdir()
    except OSError:
        pass


def move_into_place(staged: list[Path], final_dir: Path) -> None:
    """Rename files into ``final_dir`` (same file system: atomic renames), the PDF and the audit last."""
    final_dir.mkdir(parents=True, exist_ok=True)
    main = [f for f in staged if f.name.endswith((".redacted.pdf", ".audit.json"))]
    for f in [f for f in staged if f not in main] + main:
        f.replace(final_dir / f.name)


def release_held_files(out: Path, applicant_id: str, stem: str) -> None:
    """Move a held document's outputs as they are into ``OUT/<applicant_id>/`` (``--release-held``)."""
    present = [f for f in held_outputs(out, applicant_id, stem) if f.is_file()]
    move_into_place(present, out / applicant_id)
    remove_held(out, applicant_id, stem)


# --- the 待定 queue's side: read the held documents, release or keep one -------------------------------------

@dataclass(frozen=True)
class HeldDoc:
    applicant_id: str
    stem: str
    input_path: str                 # the original (the ledger is the only file that holds it)
    input_sha256: str
    config_digest: str
    note: str                       # why it is still held after a reviewer's decisions were applied ("" at first)
    pdf: Path
    audit: Path

    @property
    def key(self) -> str:
        return f"{self.applicant_id}/{self.stem}"


def _held(row: LedgerRow, out: Path) -> HeldDoc:
    pdf, audit = held_outputs(out, row.applicant_id, row.stem)[:2]
    return HeldDoc(row.applicant_id, row.stem, row.input_path, row.input_sha256, row.config_digest,
                   row.error or "", pdf, audit)


def held_documents(out: Path) -> list[HeldDoc]:
    """Every document the ledger records as held, in a stable order (none where the folder has no ledger)."""
    if not (out / "ledger.sqlite").is_file():
        return []
    with Ledger(out / "ledger.sqlite") as ledger:
        return [_held(r, out) for r in ledger.rows() if r.state == HELD]


def held_document(out: Path, applicant_id: str, stem: str) -> HeldDoc | None:
    if not (out / "ledger.sqlite").is_file():
        return None
    with Ledger(out / "ledger.sqlite") as ledger:
        row = ledger.get(applicant_id, stem)
    return _held(row, out) if row is not None and row.state == HELD else None


def ledger_state(out: Path, applicant_id: str, stem: str) -> str | None:
    if not (out / "ledger.sqlite").is_file():
        return None
    with Ledger(out / "ledger.sqlite") as ledger:
        row = ledger.get(applicant_id, stem)
    return row.state if row is not None else None


def manifest_path(out: Path) -> str | None:
    """The manifest of the batch that wrote ``out`` (recorded by ``run_batch``)."""
    if not (out / "ledger.sqlite").is_file():
        return None
    with Ledger(out / "ledger.sqlite") as ledger:
        return ledger.meta(MANIFEST_KEY)


def read_decisions(out: Path, applicant_id: str, stem: str) -> dict[str, Any]:
    try:
        data = json.loads(decisions_path(out, applicant_id, stem).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {"places": {}}
    return data if isinstance(data, dict) and isinstance(data.get("places"), dict) else {"places": {}}


def write_decisions(out: Path, applicant_id: str, stem: str, data: dict[str, Any]) -> None:
    path = decisions_path(out, applicant_id, stem)
    if not path.parent.is_dir():
        raise FileNotFoundError(path.parent)
    part = path.with_name(f".{path.name}.part")
    part.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(part, path)


def release_reviewed(out: Path, applicant_id: str, stem: str, staged: list[Path]) -> None:
    """Publish a reviewed document's new outputs (``staged``: its PDF, audit and extras, on ``out``'s file
    system) to ``OUT/<applicant_id>/``, record it ``done``, drop the held files and rewrite the reports.  The
    caller holds the folder's lock.  Killed half-way, the ledger still says ``held`` with the held files and
    the decisions in place: the next batch run removes what was moved (``runner``), the reviewer submits again."""
    with Ledger(out / "ledger.sqlite") as ledger:
        row = ledger.get(applicant_id, stem)
        if row is None or row.state != HELD:
            raise KeyError(f"{applicant_id}/{stem}")
        pdf = next(f for f in staged if f.name.endswith(".redacted.pdf"))
        audit = next(f for f in staged if f.name.endswith(".audit.json"))
        hashes = file_sha256(pdf), file_sha256(audit)
        for f in released_outputs(out, applicant_id, stem):      # nothing of an earlier release stays beside it
            f.unlink(missing_ok=True)
        move_into_place(staged, out / applicant_id)
        ledger.release(applicant_id, stem, output_pdf_sha256=hashes[0], audit_sha256=hashes[1])
        remove_held(out, applicant_id, stem)
        refresh_reports(out, ledger)


def keep_held(out: Path, applicant_id: str, stem: str, note: str, staged: list[Path] | None = None) -> None:
    """A reviewed document stays held, with why (``note``: no value); ``staged``: new held outputs that replace
    the old ones (their undecided places are the ones a person decides next).  The caller holds the folder's
    lock."""
    with Ledger(out / "ledger.sqlite") as ledger:
        row = ledger.get(applicant_id, stem)
        if row is None or row.state != HELD:
            raise KeyError(f"{applicant_id}/{stem}")
        hashes: tuple[str | None, str | None] = (None, None)
        if staged:
            pdf = next(f for f in staged if f.name.endswith(".redacted.pdf"))
            audit = next(f for f in staged if f.name.endswith(".audit.json"))
            hashes = file_sha256(pdf), file_sha256(audit)
            for f in held_outputs(out, applicant_id, stem):
                f.unlink(missing_ok=True)
            move_into_place(staged, out / applicant_id / HELD)
        ledger.hold(applicant_id, stem, note, output_pdf_sha256=hashes[0], audit_sha256=hashes[1])
        refresh_reports(out, ledger)


def refresh_reports(out: Path, ledger: Ledger) -> None:
    """Rewrite ``batch-report.json``/``.html`` and the summaries from the last report's applicants and the
    ledger's rows as they are now (a document released after review, or still held)."""
    try:
        report = json.loads((out / "batch-report.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return
    rows = {(r.applicant_id, r.stem): r for r in ledger.rows()}
    apps = []
    for a in report.get("applicants", []):
        aid = a["applicant_id"]
        docs = [document_entry(rows[(aid, d["stem"])], out) if (aid, d["stem"]) in rows else d
                for d in a.get("documents", [])]
        apps.append((aid, docs))
    t = report.get("totals", {})
    new = build_report(apps, tool_version=report.get("tool_version", ""),
                       config_digest=report.get("config_digest", ""), started=report.get("started", ""),
                       finished=report.get("finished", ""), manifest_errors=report.get("manifest_errors", []),
                       skipped=int(t.get("skipped_as_done", 0)))
    write_reports(new, out)
