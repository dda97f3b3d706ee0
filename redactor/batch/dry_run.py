"""``redactor batch --dry-run``: check everything, process nothing, say how long it would take.

Per applicant: documents, pages, pages that are digital / mixed / scanned, and
the inputs that would be rejected (named by applicant id and cleaned stem).
The estimate uses this project's measured per-page costs on one worker
(benchmarks/README.md: born-digital ~0.5-1.5 s, scanned ~4.5 s per page).
"""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.table import Table

from redactor.batch.executor import scrub, Task
from redactor.batch.manifest import Manifest
from redactor.batch.output_folder import check_output_folder
from redactor.batch.runner import BatchOptions
from redactor.config import RedactorConfig
from redactor.errors import ExitCode, RedactorError
from redactor.ingest.survey import survey
from redactor.policy.naming import allocate_stems

SECONDS_PER_PAGE = {"digital": 0.5, "mixed": 1.5, "scanned": 4.5}


def dry_run(manifest: Manifest, cfg: RedactorConfig, opts: BatchOptions, console: Console) -> int:
    check_output_folder(opts.out.resolve(), create=False)
    name = Path(manifest.path).name
    for e in manifest.errors:
        console.print(e.one_line(name), markup=False, highlight=False)
    t = Table(title=f"{name}: {len(manifest.applicants)} applicants ready, {len(manifest.errors)} bad rows")
    for col in ("applicant", "documents", "pages", "digital", "mixed", "scanned", "rejected"):
        t.add_column(col)
    totals = {"digital": 0, "mixed": 0, "scanned": 0}
    problems: list[str] = []
    n_docs = n_pages = 0
    for a in manifest.applicants:
        stems = allocate_stems(list(a.inputs), a.profile)
        row = {"digital": 0, "mixed": 0, "scanned": 0}
        pages = rejected = 0
        for p in a.inputs:
            try:
                s = survey(p, cfg)
            except RedactorError as exc:
                rejected += 1
                task = Task(p, stems[p][0], tuple(stems[p][1]), a.profile, "", applicant_id=a.applicant_id)
                problems.append(f"{task.display_name}: {scrub(' '.join(str(exc).split()), task)}")
                continue
            pages += s.pages
            row["digital"] += s.digital_pages
            row["mixed"] += s.mixed_pages
            row["scanned"] += s.scanned_pages
        for k in totals:
            totals[k] += row[k]
        n_docs += len(a.inputs)
        n_pages += pages
        t.add_row(a.applicant_id, str(len(a.inputs)), str(pages), str(row["digital"]), str(row["mixed"]),
                  str(row["scanned"]), str(rejected))
    console.print(t)
    for line in problems:
        console.print(line, markup=False, highlight=False)
    seconds = sum(SECONDS_PER_PAGE[k] * n for k, n in totals.items()) / max(1, opts.jobs)
    console.print(f"{n_docs} documents, {n_pages} pages ({totals['digital']} digital, {totals['mixed']} mixed, "
                  f"{totals['scanned']} scanned); estimated {_duration(seconds)} with {opts.jobs} worker(s)",
                  markup=False, highlight=False)
    if problems:
        return int(ExitCode.INPUT_FILE)
    return int(ExitCode.CONFIG) if manifest.errors else 0


def _duration(seconds: float) -> str:
    h, rest = divmod(int(round(seconds)), 3600)
    m, s = divmod(rest, 60)
    return f"{h} h {m:02d} min" if h else f"{m} min {s:02d} s"
