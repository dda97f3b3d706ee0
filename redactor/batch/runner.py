"""The batch driver: manifest rows -> documents -> executor -> published outputs, ledger, reports.

Only this process writes the ledger and publishes outputs.  A worker writes
its two files into ``OUT/.work/``; the driver renames them into
``OUT/<applicant_id>/`` and then records the document as done.  A document is
done only when the ledger says so: on a rerun every other document has its
outputs removed and is redone, so a SIGKILL at any moment loses nothing and
duplicates nothing.  A done document is skipped when its input's SHA-256 and
the config digest are unchanged and its outputs still match their hashes.
"""

from __future__ import annotations

import dataclasses
import hashlib
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from rich.console import Console

from redactor._version import __version__
from redactor.batch.executor import Task
from redactor.batch.ledger import Ledger, LedgerRow
from redactor.batch.manifest import Manifest
from redactor.batch.output_folder import FolderLock, check_output_folder, remove_work, wipe_work
from redactor.batch.progress import BatchProgress
from redactor.batch.report import build_report, document_entry, write_reports
from redactor.config import RedactorConfig
from redactor.context import document_id_for
from redactor.errors import ExitCode
from redactor.model import ApplicantProfile
from redactor.pipeline import Outcome
from redactor.policy.naming import allocate_stems

OUTPUT_SUFFIXES = (".redacted.pdf", ".audit.json", ".audit.html", ".redacted.txt")


@dataclass(frozen=True)
class BatchOptions:
    out: Path
    jobs: int = 1
    executor: str = "local"               # local | ray
    ray_address: str | None = None
    log_json: bool = False


@dataclass(frozen=True)
class Document:
    applicant_id: str
    stem: str
    renamed: tuple[str, ...]
    path: str
    sha256: str
    profile: ApplicantProfile = field(repr=False)


def plan_documents(manifest: Manifest) -> list[Document]:
    """Every document of every valid row, with a stable cleaned stem per applicant."""
    docs = []
    for a in manifest.applicants:
        stems = allocate_stems(list(a.inputs), a.profile)
        for p in a.inputs:
            stem, renamed = stems[p]
            docs.append(Document(a.applicant_id, stem, tuple(renamed), p, _sha256(p), a.profile))
    return docs


def _sha256(path: str) -> str:
    try:
        return document_id_for(path)
    except OSError:
        return ""          # unreadable: the pipeline reports why


def _file_sha256(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def outputs_of(out: Path, applicant_id: str, stem: str) -> list[Path]:
    return [out / applicant_id / f"{stem}{s}" for s in OUTPUT_SUFFIXES]


def is_done(row: LedgerRow | None, doc: Document, digest: str, out: Path) -> bool:
    if row is None or row.state != "done" or row.input_sha256 != doc.sha256 or row.config_digest != digest:
        return False
    pdf, audit = outputs_of(out, doc.applicant_id, doc.stem)[:2]
    return _file_sha256(pdf) == row.output_pdf_sha256 and _file_sha256(audit) == row.audit_sha256


def make_batch_executor(cfg: RedactorConfig, opts: BatchOptions, work: Path):
    if opts.executor == "ray":
        from redactor.batch.ray_executor import RayExecutor

        return RayExecutor(cfg, opts.jobs, opts.ray_address, str(work))
    from redactor.batch.executor import ProcessPoolExecutor

    return ProcessPoolExecutor(cfg, opts.jobs)   # even for one worker: a crash fails a document, not the batch


def run_batch(manifest: Manifest, cfg: RedactorConfig, opts: BatchOptions, console: Console, executor=None) -> int:
    """Run every valid row; return the exit code (0 only when every row was valid and every document done)."""
    out = opts.out.resolve()
    check_output_folder(out)
    started = _now()
    digest = cfg.digest()
    code: int | None = None                       # the first failed document's exit code
    with FolderLock(out), Ledger(out / "ledger.sqlite") as ledger:
        work = wipe_work(out)
        try:
            docs = plan_documents(manifest)
            todo = []
            for d in docs:
                if is_done(ledger.get(d.applicant_id, d.stem), d, digest, out):
                    continue
                for f in outputs_of(out, d.applicant_id, d.stem):
                    f.unlink(missing_ok=True)
                ledger.queue(d.applicant_id, d.stem, d.path, d.sha256, digest)
                todo.append(d)
            skipped = len(docs) - len(todo)
            with BatchProgress(console, len(todo), log_json=opts.log_json) as progress:
                for e in manifest.errors:
                    progress.event("manifest_error", row=e.row, field=e.field, message=e.message) if opts.log_json \
                        else progress._emit(e.one_line(Path(manifest.path).name))
                progress.event("start", applicants=len(manifest.applicants), documents=len(docs),
                               skipped_as_done=skipped, to_do=len(todo), workers=opts.jobs, executor=opts.executor)
                if todo:
                    ex = executor or make_batch_executor(cfg, opts, work)
                    for task, outcome in ex.map(_tasks(todo, ledger, work)):
                        outcome = _record(task, outcome, ledger, out, progress)
                        if not outcome.ok and code is None:
                            code = outcome.exit_code or int(ExitCode.INTERNAL)
            report = _report(manifest, docs, ledger, out, digest, started, skipped)
            write_reports(report, out)
            t = report["totals"]
            progress.event("finished", documents=t["documents"], done=t["done"], failed=t["failed"],
                           refused=t["refused"], skipped_as_done=skipped, manifest_errors=t["manifest_errors"])
        finally:
            remove_work(out)
    if code is not None:
        return code
    return int(ExitCode.CONFIG) if manifest.errors else 0


def _tasks(todo: list[Document], ledger: Ledger, work: Path) -> Iterator[Task]:
    """Tasks in manifest order; a document becomes 'running' when the executor takes it."""
    tmp = work / "tmp"
    tmp.mkdir(exist_ok=True)
    for d in todo:
        staging = work / "out" / d.applicant_id
        staging.mkdir(parents=True, exist_ok=True)
        ledger.running(d.applicant_id, d.stem)
        yield Task(d.path, d.stem, d.renamed, d.profile, str(staging), work_root=str(tmp), applicant_id=d.applicant_id)


def _record(task: Task, outcome: Outcome, ledger: Ledger, out: Path, progress: BatchProgress) -> Outcome:
    row = ledger.get(task.applicant_id, task.stem)
    seconds = sum(outcome.seconds.values()) if outcome.seconds else time.time() - (row.started if row and row.started else time.time())
    if outcome.ok:
        try:
            pdf_sha, audit_sha = _publish(task, outcome, out)
        except OSError as exc:
            for f in outputs_of(out, task.applicant_id, task.stem):
                f.unlink(missing_ok=True)
            outcome = dataclasses.replace(outcome, ok=False, exit_code=int(ExitCode.OUTPUT_FOLDER),
                                          error=f"{task.display_name}: cannot move the outputs into place "
                                                f"({exc.strerror}); check the output folder's disk and permissions")
    if outcome.ok:
        ledger.finish(task.applicant_id, task.stem, "done", seconds=seconds, output_pdf_sha256=pdf_sha, audit_sha256=audit_sha)
        progress.document(task.applicant_id, task.stem, "done", pages=outcome.pages, seconds=seconds)
    else:
        state = "refused" if outcome.exit_code == int(ExitCode.VERIFICATION_FAILED) else "failed"
        ledger.finish(task.applicant_id, task.stem, state, seconds=seconds, error=outcome.error)
        progress.document(task.applicant_id, task.stem, state, pages=None, seconds=seconds, error=outcome.error)
    return outcome


def _publish(task: Task, outcome: Outcome, out: Path) -> tuple[str | None, str | None]:
    """Rename the staged outputs into OUT/<applicant_id>/ (same file system: atomic renames)."""
    final = out / task.applicant_id
    final.mkdir(exist_ok=True)
    staged_pdf, staged_audit = Path(outcome.output_pdf), Path(outcome.audit_json)
    hashes = _file_sha256(staged_pdf), _file_sha256(staged_audit)
    for extra in sorted(staged_pdf.parent.iterdir()):      # not glob(): a stem may hold [ ] * ?
        if extra.name.startswith(f"{task.stem}.") and extra not in (staged_pdf, staged_audit):
            extra.replace(final / extra.name)
    staged_pdf.replace(final / staged_pdf.name)
    staged_audit.replace(final / staged_audit.name)
    return hashes


def _report(manifest: Manifest, docs: list[Document], ledger: Ledger, out: Path, digest: str, started: str,
            skipped: int) -> dict:
    by_app: dict[str, list[dict]] = {a.applicant_id: [] for a in manifest.applicants}
    for d in docs:
        row = ledger.get(d.applicant_id, d.stem)
        if row is not None:
            by_app[d.applicant_id].append(document_entry(row, out))
    errors = [{"row": e.row, "field": e.field, "message": e.message} for e in manifest.errors]
    return build_report(by_app.items(), tool_version=__version__, config_digest=digest, started=started,
                        finished=_now(), manifest_errors=errors, skipped=skipped)


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")
