"""Command line: ``redactor redact | verify | explain | batch | serve``.

Errors print one line naming the file and the remedy; exit codes are listed in
docs/errors.md (0 ok, 1 leak found by verify, 3 bad input, 4 bad config or
profile, 5 missing model, 6 OCR failure, 7 output failed verification, 8 unusable output folder,
10 internal error).  Every command goes through one handler, ``_errors_exit``: a ``RedactorError`` prints its
line and exits with its code; anything unexpected exits 10 (never 1, which ``verify`` reserves for a leak).
"""

from __future__ import annotations

import contextlib
import functools
import tempfile
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from redactor._version import __version__
from redactor.config import RedactorConfig, load_config, load_profile
from redactor.errors import ExitCode, InputFileError, RedactorError
from redactor.log import configure_logging

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Remove a job applicant's own personal data (name, ID number, phones, employer, e-mail, photo, "
    "QR code, seal, signature) from Chinese dossier PDFs and scans for blind review. Offline.",
)
out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)


def _errors_exit(command):  # noqa: ANN001, ANN201
    """The one error handler of every command.

    A ``RedactorError`` is one stderr line (the document's cleaned name, never a value) and its exit code.  An
    unexpected exception is a bug: one line naming its type (its message may hold a value) and exit 10, so a
    crash inside ``verify`` can never read as "leak found" (1).  ``-vv`` logs the traceback.
    """

    @functools.wraps(command)
    def run(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        try:
            return command(*args, **kwargs)
        except RedactorError as exc:
            err.print(exc.one_line(), markup=False, highlight=False)
            raise typer.Exit(int(exc.exit_code)) from None
        except (KeyboardInterrupt, *click_exceptions()):
            raise
        except Exception as exc:  # noqa: BLE001
            import logging

            logging.getLogger("redactor").debug("internal error in %s", command.__name__, exc_info=True)
            err.print(f"internal error ({type(exc).__name__}); run again with -vv for the traceback and report it",
                      markup=False, highlight=False)
            raise typer.Exit(int(ExitCode.INTERNAL)) from None

    return run


def click_exceptions() -> tuple[type[BaseException], ...]:
    """Click's own control flow (usage errors, ``typer.Exit``, aborts): its exit codes stand."""
    import click

    return (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort, typer.Exit, typer.Abort)


def _config(path: Optional[Path], label: Optional[bool], fill: Optional[str], no_ocr: bool = False,
            html: bool = False, export_text: bool = False) -> RedactorConfig:
    cfg = load_config(path)
    from redactor.ingest.ocr.replay import refuse_outside_tests

    refuse_outside_tests(cfg.ocr.replay_dir)     # before any work: recorded OCR is the test suite's alone
    updates: dict = {}
    if html or export_text:
        updates["audit"] = cfg.audit.model_copy(update={"html": html or cfg.audit.html,
                                                        "export_text": export_text or cfg.audit.export_text})
    if label is not None:
        updates["redact"] = cfg.redact.model_copy(update={"label": label})
    if fill:
        rgb = _parse_fill(fill)
        updates["redact"] = (updates.get("redact") or cfg.redact).model_copy(update={"fill": rgb})
    if no_ocr:
        updates["verify"] = cfg.verify.model_copy(update={"ocr": False})
    return cfg.model_copy(update=updates) if updates else cfg


def _parse_fill(value: str) -> tuple[float, float, float]:
    v = value.lstrip("#")
    if len(v) != 6:
        raise typer.BadParameter("use a hex colour such as 000000 or #202020", param_hint="--fill")
    try:
        return tuple(int(v[i:i + 2], 16) / 255 for i in (0, 2, 4))  # type: ignore[return-value]
    except ValueError:
        raise typer.BadParameter("use a hex colour such as 000000 or #202020", param_hint="--fill") from None


ProfileOpt = Annotated[Optional[Path], typer.Option("--profile", "-p", help="Applicant profile (YAML or JSON): name, id_number, phones, employers (official name first, then aliases), optional name_aliases, emails.")]
ConfigOpt = Annotated[Optional[Path], typer.Option("--config", "-c", help="Config file merged over the packaged defaults (configs/default.yaml).")]
VerboseOpt = Annotated[int, typer.Option("--verbose", "-v", count=True, help="More log output (-v info, -vv debug). Values are never logged.")]


@app.command()
@_errors_exit
def redact(
    inputs: Annotated[list[Path], typer.Argument(help="PDF, PNG, JPG/JPEG or TIF/TIFF files. They are never modified.")],
    out_dir: Annotated[Path, typer.Option("--out", "-o", help="Output folder: X.redacted.pdf and X.audit.json per input.")],
    profile: ProfileOpt = None,
    config: ConfigOpt = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=0, max=64, help="Worker processes (each loads the models once); 0: one per input up to one per core, as many as the memory holds (workers.worker_memory_mb).")] = 1,
    label: Annotated[Optional[bool], typer.Option("--label/--no-label", help="Write the category, e.g. [姓名], inside each box.")] = None,
    fill: Annotated[Optional[str], typer.Option("--fill", help="Box colour as hex RGB (default 000000).")] = None,
    preview: Annotated[bool, typer.Option("--preview", help="Also write X.preview.png: page 1 of the output with removed (red) and kept (blue) boxes outlined.")] = False,
    html: Annotated[bool, typer.Option("--html", help="Also write X.audit.html, a readable audit for reviewers.")] = False,
    export_text: Annotated[bool, typer.Option("--export-text", help="Also write X.redacted.txt with [姓名], [身份证号]… in place of removed values.")] = False,
    verbose: VerboseOpt = 0,
) -> None:
    """Redact the applicant's own data from each input; verify each output before releasing it.

    Without --profile the applicant is read from the labelled fields (姓名, 身份证号, 工作单位,
    联系电话) of an application form among the inputs; the audit says so.
    """
    configure_logging(verbose)
    from redactor.batch.output_folder import check_output_folder, private_work
    from redactor.pipeline import Pipeline, ProfileSource

    cfg = _config(config, label, fill, html=html, export_text=export_text)
    prof = load_profile(profile) if profile is not None else None
    paths = list(dict.fromkeys(str(p) for p in inputs))
    if jobs == 0:
        from redactor.batch.executor import auto_workers, available_memory_mb
        from redactor.pipeline import available_cores

        jobs = auto_workers(len(paths), available_cores(), available_memory_mb(), cfg.workers.worker_memory_mb)
    check_output_folder(out_dir.resolve(), create=False)      # before any work: exit 8 with a remedy
    stack = contextlib.ExitStack()
    work_root = stack.enter_context(private_work(out_dir))     # OUT/.work/redact-<pid>-…, never $TMPDIR
    with stack:
        stack.enter_context(_terminate_as_interrupt())
        pipe: Pipeline | None = None
        source = ProfileSource()
        if prof is None:
            pipe = Pipeline(cfg)
            prof, source = pipe.infer(paths, work_root=work_root)
            err.print(f"profile inferred from {source.inferred_from['document']} page {source.inferred_from['page']} "
                      f"({', '.join(source.inferred_from['fields'])})", markup=False, highlight=False)
        outcomes = _redact_all(paths, prof, source, out_dir, work_root, cfg, jobs, pipe, preview)
    _summary(outcomes)
    failed = [o for o in outcomes if not o.ok]
    if failed:
        raise typer.Exit(failed[0].exit_code or int(ExitCode.INTERNAL))


def _redact_all(paths, prof, source, out_dir: Path, work_root: str, cfg: RedactorConfig, jobs: int,  # noqa: ANN001
                pipe, preview: bool) -> list:
    """Every input through the executor; working files under ``work_root`` (``OUT/.work/redact-…``)."""
    from redactor.batch.executor import Task, make_executor
    from redactor.policy.naming import allocate_stems

    stems = allocate_stems(paths, prof)
    tasks = [Task(p, stems[p][0], tuple(stems[p][1]), prof, str(out_dir), source, work_root=work_root)
             for p in paths]
    executor = make_executor(cfg, jobs, (lambda: pipe) if pipe is not None else None)
    outcomes = []
    progress = Progress(TextColumn("[bold]redacting"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                        console=err, disable=len(tasks) < 2 or not err.is_terminal)
    with progress:
        bar = progress.add_task("redact", total=len(tasks))
        for _, o in executor.map(tasks):
            outcomes.append(o)
            if not o.ok:
                err.print(o.error, markup=False, highlight=False)
            elif preview:
                from redactor.redact.preview import write_preview

                write_preview(o.output_pdf, o.audit_json, str(Path(o.output_pdf).with_suffix("").with_suffix(".preview.png")))
            progress.advance(bar)
    return outcomes


def _summary(outcomes: list) -> None:
    ok = [o for o in outcomes if o.ok]
    if not ok:
        return
    t = Table(title=f"redacted {len(ok)} of {len(outcomes)} file(s)", show_lines=False)
    for col in ("output", "pages", "removed", "kept", "review", "verified"):
        t.add_column(col)
    for o in ok:
        t.add_row(Path(o.output_pdf).name, str(o.pages), str(o.redactions), str(o.kept),
                  str(o.needs_review), "yes")
    out.print(t)


@app.command()
@_errors_exit
def verify(
    pdf: Annotated[Path, typer.Argument(help="A redacted PDF.")],
    profile: Annotated[Path, typer.Option("--profile", "-p", help="The applicant profile the PDF was redacted for.")],
    config: ConfigOpt = None,
    no_ocr: Annotated[bool, typer.Option("--no-ocr", help="Skip OCR of the rendered pages and seals (faster, weaker).")] = False,
    audit: Annotated[Optional[Path], typer.Option("--audit", help="The output's audit JSON (default: X.audit.json beside X.redacted.pdf, when there): where things were removed and whose text stayed, which the ownership decisions read as the built-in check reads them -- with it the verdict is the built-in check's.")] = None,
    every_page: Annotated[bool, typer.Option("--every-page", help="OCR every page, text-only ones too (stricter than the built-in check, which OCRs the pages that show pictures or unreadable glyphs).")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print a machine-readable report (channel, category, page, bbox, severity; never a value).")] = False,
    verbose: VerboseOpt = 0,
) -> None:
    """Exit 0 when none of the applicant's data is found in PDF (text layer, every object and revision,
    image metadata, OCR, QR codes, seals, faces, pen strokes, the file name); exit 1 otherwise, listing where
    (never the values).  Whose a stamp, a face or pen strokes are, and whether a value read is someone else's,
    the ownership decisions say with the audit's records -- as for the built-in check, which this reproduces;
    findings decided as someone else's are listed as "kept", marks nothing ties to anyone as "review"."""
    configure_logging(verbose)
    import json

    from redactor.ingest.triage import classify
    from redactor.ownership.records import from_audit
    from redactor.pipeline import Pipeline

    cfg = _config(config, None, None, no_ocr=no_ocr)
    prof = load_profile(profile)
    if classify(pdf) != "pdf":
        raise InputFileError("verify expects a PDF", path=pdf.name)
    audit_path = audit if audit is not None else _audit_beside(pdf)
    records: tuple = ()
    if audit_path is not None:
        try:
            records = from_audit(json.loads(audit_path.read_text(encoding="utf-8")))
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise InputFileError(f"cannot read the audit ({type(exc).__name__})", path=audit_path.name) from exc
    pipe = Pipeline(cfg, regions=False)
    report = pipe.verify(str(pdf), prof, every_page=every_page, records=records)
    if as_json:
        out.print(json.dumps({"file": pdf.name, "passed": report.passed, "checks": list(report.checks),
                              "audit": audit_path.name if audit_path is not None else None,
                              "seconds": report.seconds, "ocr_pages": {str(p): h for p, h in report.ocr_pages},
                              "leaks": [lk.as_dict() for lk in report.leaks]},
                             ensure_ascii=False), markup=False, highlight=False)
    else:
        for lk in report.leaks:
            where = f"page {lk.page} " if lk.page else ""
            tag = {"leak": "LEAK", "kept": "KEPT"}.get(lk.severity, "REVIEW")
            err.print(f"{pdf}: {tag} {lk.category} in {where}{lk.where} {lk.detail}".rstrip(), markup=False, highlight=False)
        if report.passed:
            out.print(f"{pdf}: no applicant data found (checks: {', '.join(report.checks)})", markup=False, highlight=False)
    raise typer.Exit(0 if report.passed else int(ExitCode.LEAK_FOUND))


def _audit_beside(pdf: Path) -> Path | None:
    """``X.audit.json`` beside ``X.redacted.pdf``, when there."""
    name = pdf.name
    stem = name[: -len(".redacted.pdf")] if name.endswith(".redacted.pdf") else pdf.stem
    candidate = pdf.with_name(f"{stem}.audit.json")
    return candidate if candidate.is_file() else None


@app.command()
@_errors_exit
def explain(
    file: Annotated[Path, typer.Argument(help="An input file (PDF or image).")],
    profile: Annotated[Path, typer.Option("--profile", "-p", help="Applicant profile.")],
    config: ConfigOpt = None,
    show_values: Annotated[bool, typer.Option("--show-values", help="Print matched values (for the applicant's own self-check only).")] = False,
    verbose: VerboseOpt = 0,
) -> None:
    """Print every removal and every kept candidate with its rule, profile field and score."""
    configure_logging(verbose)
    from redactor.context import RunContext, document_id_for
    from redactor.model import Action
    from redactor.pipeline import Pipeline

    cfg = _config(config, None, None)
    prof = load_profile(profile)
    pipe = Pipeline(cfg)
    with tempfile.TemporaryDirectory(prefix="redactor-explain-") as work:
        ctx = RunContext(cfg, work, document_id_for(file))
        analysis = pipe.analyze(str(file), prof, ctx)
    t = Table(title=f"{len(analysis.plan.redactions)} removed, {len(analysis.plan.kept)} kept")
    for col in ("page", "action", "category", "rule", "field", "score", "recognizer", "value" if show_values else "len", "reason"):
        t.add_column(col, overflow="fold")
    for d in sorted(analysis.plan.decisions, key=lambda d: (d.finding.page, d.action is Action.KEEP, d.finding.start or 0)):
        f = d.finding
        cat = f.category.value if f.category else f.entity_type
        val = f.text if show_values else str(len("".join(f.text.split())))
        action = "REMOVE" if d.action is Action.REDACT else ("review" if d.needs_review else "keep")
        t.add_row(str(f.page), action, cat, d.rule, d.profile_field or "", f"{f.score:.2f}", f.recognizer, val, d.reason)
    # piped into a file or a pager, the table keeps its rule ids whole whatever width was detected
    (out if out.is_terminal else Console(soft_wrap=True, width=250)).print(t)


@app.command()
@_errors_exit
def serve(
    host: Annotated[str, typer.Option(help="Address to bind. Anything but 127.0.0.1 requires an access token; with 0.0.0.0 the printed link uses this machine's address.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535)] = 8000,
    batch: Annotated[Optional[Path], typer.Option(help="A `redactor batch` output folder to spot-check (抽检).")] = None,
    token: Annotated[Optional[str], typer.Option(help="Access token (generated and printed when bound off loopback).")] = None,
    file_workers: Annotated[int, typer.Option("--file-workers", min=0, max=64, help="Pipelines that work on a job's files at once, the server's own among them; 0: one per core as the memory holds (workers.worker_memory_mb); 1: one file after another.")] = 0,
    config: ConfigOpt = None,
    verbose: VerboseOpt = 0,
) -> None:
    """Web app on this computer: 申请人自查 (self-check) and 抽检 (spot-check a batch). Needs the extra: pip install 'redactor\\[web]'."""
    configure_logging(verbose)
    from redactor.web.server import serve as run_server
    from redactor.web.settings import WebSettings

    run_server(WebSettings(host=host, port=port, token=token, batch_dir=str(batch) if batch else None,
                           config_path=str(config) if config else None, file_workers=file_workers),
               say=lambda m: err.print(m, markup=False))


# --- batch (issue 12) ----------------------------------------------------------------

@app.command()
@_errors_exit
def batch(
    manifest: Annotated[Path, typer.Argument(help="CSV (UTF-8, with or without BOM) or JSONL: one row per applicant; see README, Batch.")],
    out_dir: Annotated[Path, typer.Option("--out", "-o", help="Output folder: <applicant_id>/<stem>.redacted.pdf + .audit.json, summary.json, batch-report.json/html, ledger.sqlite.")],
    config: ConfigOpt = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, max=256, help="Workers (each loads the models once).")] = 1,
    executor: Annotated[str, typer.Option("--executor", help="local (process pool) or ray (pip install \"redactor\\[ray]\").")] = "local",
    ray_address: Annotated[Optional[str], typer.Option("--ray-address", help="Ray cluster to join, e.g. 10.0.0.5:6379 (default: start a local one).")] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Check every row and input; print pages, scanned vs digital and an estimated time; process nothing.")] = False,
    log_json: Annotated[bool, typer.Option("--log-json", help="One JSON line per finished document on stderr.")] = False,
    release_held: Annotated[bool, typer.Option("--release-held", help="Release documents whose audit leaves places undecided (needs_review) with the others, the places marked in the audit; without it they are held in <applicant_id>/held/ until a person decides (抽检 app: 待定). Also releases the documents an earlier run held.")] = False,
    verbose: VerboseOpt = 0,
) -> None:
    """Redact every applicant of a manifest; rerunning the same command resumes where it stopped.  Documents
    with undecided places are held (not released, exit 0); the count is printed at the end."""
    configure_logging(verbose)
    from redactor.batch.dry_run import dry_run as do_dry_run
    from redactor.batch.manifest import read_manifest
    from redactor.batch.runner import BatchOptions, run_batch

    if executor not in ("local", "ray"):
        raise typer.BadParameter("use local or ray", param_hint="--executor")
    opts = BatchOptions(out_dir, jobs, executor, ray_address, log_json, release_held)
    cfg = _config(config, None, None)
    parsed = read_manifest(manifest)
    if dry_run:
        raise typer.Exit(do_dry_run(parsed, cfg, opts, out))
    with _terminate_as_interrupt():
        code = run_batch(parsed, cfg, opts, err)
    raise typer.Exit(code)


def _terminate_as_interrupt():
    """SIGTERM (a scheduler cancelling the job) unwinds like Ctrl-C, so OUT/.work is wiped."""
    import contextlib
    import signal

    def _raise(signum, frame):  # noqa: ANN001
        raise KeyboardInterrupt

    @contextlib.contextmanager
    def handler():
        old = signal.signal(signal.SIGTERM, _raise)
        try:
            yield
        finally:
            signal.signal(signal.SIGTERM, old)

    return handler()
# --- end batch --------------------------------------------------------------------------


def version_callback(value: bool) -> None:
    if value:
        out.print(f"redactor {__version__}")
        raise typer.Exit()


@app.callback()
def _main(version: Annotated[bool, typer.Option("--version", callback=version_callback, is_eager=True, help="Show the version.")] = False) -> None:
    """redactor: blind-review redaction for Chinese 职称 dossiers."""


def main() -> None:
    app()


if __name__ == "__main__":
    main()
