"""The batch driver: manifest rows -> documents -> executor -> published outputs, ledger, reports.

Only this process writes the ledger and publishes outputs.  A worker writes
its two files into ``OUT/.work/``; the driver renames them into
``OUT/<applicant_id>/`` and then records the document as done.  A document is
done only when the ledger says so: on a rerun every other document has its
outputs removed and is redone, so a SIGKILL at any moment loses nothing and
duplicates nothing.  A done document is skipped when its input's SHA-256 and
the config digest are unchanged and its outputs still match their hashes.

A document whose audit leaves places undecided (``needs_review``) is held, not
released: its outputs go to ``OUT/<applicant_id>/held/`` and the ledger says
``held`` (``redactor.batch.held``).  A held document is skipped on a rerun like
a done one; ``--release-held`` moves it, as it is, to ``OUT/<applicant_id>/``.
Held documents are no failure: the exit code does not count them.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from rich.console import Console

from redactor._version import __version__
from redactor.batch.executor import Task
from redactor.batch.held import (
    HELD, MANIFEST_KEY, OUTPUT_SUFFIXES, file_sha256, held_outputs, release_held_files, released_outputs,
    remove_held,
)
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

__all__ = ["BatchOptions", "OUTPUT_SUFFIXES", "is_done", "is_held", "outputs_of", "plan_documents", "run_batch"]


@dataclass(frozen=True)
class BatchOptions:
    out: Path
    jobs: int = 1
    executor: str = "local"               # local | ray
    ray_address: str | None = None
    log_json: bool = False
    release_held: bool = False            # release documents with undecided places as the others (marked)


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


_file_sha256 = file_sha256
outputs_of = released_outputs


def is_done(row: LedgerRow | None, doc: Document, digest: str, out: Path) -> bool:
    return _settled(row, doc, digest, "done", outputs_of(out, doc.applicant_id, doc.stem))


def is_held(row: LedgerRow | None, doc: Document, digest: str, out: Path) -> bool:
    """Held, with the same input and config, its held outputs as the ledger recorded them: not redone."""
    return _settled(row, doc, digest, HELD, held_outputs(out, doc.applicant_id, doc.stem))


def _settled(row: LedgerRow | None, doc: Document, digest: str, state: str, outputs: list[Path]) -> bool:
    if row is None or row.state != state or row.input_sha256 != doc.sha256 or row.config_digest != digest:
        return False
    pdf, audit = outputs[:2]
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
        ledger.set_meta(MANIFEST_KEY, str(Path(manifest.path).resolve()))   # the 待定 queue reads profiles from it
        try:
            docs = plan_documents(manifest)
            todo = []
            skipped = still_held = 0
            released: list[Document] = []
            for d in docs:
                row = ledger.get(d.applicant_id, d.stem)
                if is_done(row, d, digest, out):
                    skipped += 1
                    continue
                if is_held(row, d, digest, out):        # settled: not redone; released as it is when asked
                    for f in outputs_of(out, d.applicant_id, d.stem):
                        f.unlink(missing_ok=True)       # a release after review that a kill cut short
                    if opts.release_held:
                        release_held_files(out, d.applicant_id, d.stem)
                        ledger.release(d.applicant_id, d.stem)
                        released.append(d)
                    else:
                        still_held += 1
                    continue
                for f in outputs_of(out, d.applicant_id, d.stem):
                    f.unlink(missing_ok=True)
                remove_held(out, d.applicant_id, d.stem)
                ledger.queue(d.applicant_id, d.stem, d.path, d.sha256, digest)
                todo.append(d)
            with BatchProgress(console, len(todo), log_json=opts.log_json) as progress:
                for e in manifest.errors:
                    progress.event("manifest_error", row=e.row, field=e.field, message=e.message) if opts.log_json \
                        else progress._emit(e.one_line(Path(manifest.path).name))
                progress.event("start", applicants=len(manifest.applicants), documents=len(docs),
                               skipped_as_done=skipped, to_do=len(todo), still_held=still_held,
                               released_held=len(released), workers=opts.jobs, executor=opts.executor)
                for d in released:
                    progress.event("released_held", applicant_id=d.applicant_id, stem=d.stem) if opts.log_json \
                        else progress._emit(f"released held {d.applicant_id}/{d.stem}")
                if todo:
                    ex = executor or make_batch_executor(cfg, opts, work)
                    for task, outcome in ex.map(_tasks(todo, ledger, work)):
                        outcome = _record(task, outcome, ledger, out, progress, opts.release_held)
                        if not outcome.ok and code is None:
                            code = outcome.exit_code or int(ExitCode.INTERNAL)
            report = _report(manifest, docs, ledger, out, digest, started, skipped)
            write_reports(report, out)
            t = report["totals"]
            progress.event("finished", documents=t["documents"], done=t["done"], held=t["held"], failed=t["failed"],
                           refused=t["refused"], skipped_as_done=skipped, manifest_errors=t["manifest_errors"])
            if t["held"] and not opts.log_json:
                progress._emit(f"held {t['held']} document(s) with places a person must decide: not released, in "
                               f"{out.name}/<applicant_id>/{HELD}/ (redactor serve --batch {out.name}: 抽检 → 待定; "
                               "or run again with --release-held to release them marked)")
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


def _record(task: Task, outcome: Outcome, ledger: Ledger, out: Path, progress: BatchProgress,
            release_held: bool = False) -> Outcome:
    row = ledger.get(task.applicant_id, task.stem)
    seconds = sum(outcome.seconds.values()) if outcome.seconds else time.time() - (row.started if row and row.started else time.time())
    held = outcome.ok and outcome.needs_review > 0 and not release_held
    if outcome.ok:
        try:
            pdf_sha, audit_sha = _publish(task, outcome, out, held)
        except OSError as exc:
            for f in outputs_of(out, task.applicant_id, task.stem):
                f.unlink(missing_ok=True)
            remove_held(out, task.applicant_id, task.stem)
            outcome = dataclasses.replace(outcome, ok=False, exit_code=int(ExitCode.OUTPUT_FOLDER),
                                          error=f"{task.display_name}: cannot move the outputs into place "
                                                f"({exc.strerror}); check the output folder's disk and permissions")
    if outcome.ok:
        state = HELD if held else "done"
        ledger.finish(task.applicant_id, task.stem, state, seconds=seconds, output_pdf_sha256=pdf_sha, audit_sha256=audit_sha)
        progress.document(task.applicant_id, task.stem, state, pages=outcome.pages, seconds=seconds)
    else:
        state = "refused" if outcome.exit_code == int(ExitCode.VERIFICATION_FAILED) else "failed"
        ledger.finish(task.applicant_id, task.stem, state, seconds=seconds, error=outcome.error)
        progress.document(task.applicant_id, task.stem, state, pages=None, seconds=seconds, error=outcome.error)
    return outcome


def _publish(task: Task, outcome: Outcome, out: Path, held: bool = False) -> tuple[str | None, str | None]:
    """Rename the staged outputs into OUT/<applicant_id>/, or its ``held/`` folder (same file system: atomic
    renames)."""
    final = out / task.applicant_id / HELD if held else out / task.applicant_id
    final.mkdir(parents=True, exist_ok=True)
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
