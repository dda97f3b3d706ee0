"""One thread runs every Pipeline and PyMuPDF call of the server process.

The Pipeline (LAC, OCR and region models) is built once per server process and
its ONNX sessions and PyMuPDF documents are not shared across threads: jobs,
re-applications and page rendering queue up on this single worker, while the
request threads only read finished files.

A job's files are read at once where the machine allows (issue 52: a dossier is
mostly one-page documents, which one process works through on one core at a
time): ``file_pool`` is a pool of worker processes, each with its own Pipeline,
that redact a file from its upload while this worker does another
(``JobStore._run``); each forgets what it read when its file is done.
"""

from __future__ import annotations

import logging
import threading
import concurrent.futures as cf
import multiprocessing as mp
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from typing import Any, TypeVar

from redactor.config import RedactorConfig

log = logging.getLogger(__name__)
T = TypeVar("T")


class Worker:
    """``file_workers``: pipelines that work on a job's files at once, this worker's own among them (0: one per
    core, as many as the memory holds at ``workers.worker_memory_mb``; 1: one after another on this worker).
    A ``pipeline_factory`` (the test suite's stand-ins) lives in this process: no worker processes then."""

    def __init__(self, cfg: RedactorConfig, pipeline_factory: Callable[[RedactorConfig], Any] | None = None,
                 file_workers: int = 1) -> None:
        self.cfg = cfg
        self._factory = pipeline_factory
        self._pipeline: Any = None
        self._alone: Any = None
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="redactor-worker")
        self._file_workers = file_workers
        self._files: cf.ProcessPoolExecutor | None = None
        self._files_n = 0
        self.ready = threading.Event()     # the models are loaded (warm-up done, or a file read): the page says so

    @property
    def pipeline(self) -> Any:
        """The process's Pipeline, built on first use; only call from inside a submitted function.  Beside worker
        processes it takes its share of the cores, as each of them does (a batch worker's way: ONNX Runtime's
        threads of two pipelines on one core wait on each other)."""
        if self._pipeline is None:
            if self._factory is not None:
                self._pipeline = self._factory(self.cfg)
            else:
                from redactor.pipeline import Pipeline, available_cores

                self._pipeline = Pipeline(self.cfg, cores=max(1, available_cores() // (self.processes() + 1)))
        return self._pipeline

    @property
    def alone(self) -> Any:
        """The pipeline for work this worker does while no worker process is busy (a one-file job, an edit
        applied again, a profile read from the forms): ``pipeline`` on every core (``Pipeline.on_cores``), so a
        single scan is not read on the share of the cores it takes beside the processes.  Only call from inside
        a submitted function."""
        pipe = self.pipeline
        if self._alone is None:
            on_cores = getattr(pipe, "on_cores", None)
            if on_cores is None or self.processes() == 0:
                self._alone = pipe
            else:
                from redactor.pipeline import available_cores

                self._alone = on_cores(available_cores())
        return self._alone

    def forget_readings(self) -> None:
        """The pipeline forgets what it read (``Pipeline.forget_readings``); on the worker thread."""
        forget = getattr(self._pipeline, "forget_readings", None)
        if forget is not None:
            forget()

    def submit(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> Future[T]:
        return self._pool.submit(fn, *args, **kwargs)

    def warm_up(self) -> Future[Any]:
        """Load the models while the first user is still filling in the form: this worker's, and the worker
        processes' (``file_pool``) where it has them."""
        def load() -> Any:
            pool = self.file_pool()
            started = [pool.submit(_warm_file_worker) for _ in range(self._files_n)] if pool is not None else []
            detector = self.pipeline.detector
            cf.wait(started)
            self.ready.set()
            return detector
        return self.submit(load)

    def processes(self) -> int:
        """Worker processes beside this worker for a job's files (0: none); the pool's size once it runs."""
        if self._files is not None:
            return self._files_n
        n = self._file_workers
        if n == 0:
            from redactor.batch.executor import auto_workers, available_memory_mb
            from redactor.pipeline import available_cores

            n = auto_workers(available_cores(), available_cores(), available_memory_mb(),
                             self.cfg.workers.worker_memory_mb)
        return 0 if self._factory is not None else max(0, n - 1)

    def file_pool(self) -> cf.ProcessPoolExecutor | None:
        """The worker processes that redact files of a job while this worker does another (started on first use,
        kept for the server's life); None where this worker works alone.  Only call on the worker."""
        if self._files is None:
            n = self.processes()
            if n < 1:
                return None
            from redactor.pipeline import available_cores

            self._files = cf.ProcessPoolExecutor(n, mp_context=mp.get_context("spawn"), initializer=_start_file_worker,
                                                 initargs=(self.cfg, max(1, available_cores() // (n + 1))))
            self._files_n = n
        return self._files

    def file_pool_broke(self) -> None:
        """A worker process died: the next job starts a fresh pool."""
        if self._files is not None:
            self._files.shutdown(wait=False, cancel_futures=True)
            self._files = None

    def shutdown(self) -> None:
        """Drop the queued work and wait for the running one to let go (jobs are cancelled first, so it stops at
        its next page): only then may the server wipe its folders."""
        self._pool.shutdown(wait=True, cancel_futures=True)
        if self._files is not None:
            self._files.shutdown(wait=True, cancel_futures=True)


# --- worker processes: a job's files at once ------------------------------------------

_FILE_PIPELINE: Any = None      # one per worker process, built by its initializer


def _start_file_worker(cfg: RedactorConfig, cores: int) -> None:
    global _FILE_PIPELINE
    from redactor.batch.executor import die_with_parent
    from redactor.pipeline import Pipeline

    die_with_parent()
    _FILE_PIPELINE = Pipeline(cfg, cores=cores)


def _warm_file_worker() -> None:
    """Nothing: a worker process has loaded its models once it runs this (``Worker.warm_up``)."""


def page_images(pdf: str, out_dir: str, cfg: RedactorConfig, dpi: float, prefix: str) -> list[dict[str, Any]]:
    """The pages of ``pdf`` as the browser shows them: ``out_dir/<prefix>-<n>.png`` and their geometry."""
    from redactor.ingest.render import render_pages

    pages = render_pages(pdf, out_dir, cfg.ingest, dpi=dpi, prefix=prefix)
    return [{"page": p.page, "width": p.width, "height": p.height, "png": p.png} for p in pages]


@dataclass(frozen=True)
class FileWork:
    """One file of a job, redacted from its upload in a worker process and its pages drawn for the browser
    (picklable; no value in it but the profile, which stays in memory)."""

    path: str
    profile: Any
    work_dir: str
    out_dir: str
    stem: str
    renamed: tuple[str, ...]
    source: Any
    img_dir: str
    render_dpi: float
    version: int                      # the output's version: its page images are ``redacted-v<version>``


@dataclass(frozen=True)
class FileDone:
    """What a worker process hands back: the analysis (its rasters dropped), its run context, the outputs; or the
    user's message and its technical line where the file failed."""

    analysis: Any = None
    ctx: Any = None
    output_pdf: str = ""
    audit_json: str = ""
    original_pages: tuple[dict[str, Any], ...] = ()
    redacted_pages: tuple[dict[str, Any], ...] = ()
    error: str = ""
    error_detail: str = ""
    seconds: float = 0.0              # the worker process's own time on the file (the page shows 用时)


def redact_file(work: FileWork) -> FileDone:
    """Read, detect, decide, redact, verify and draw one file's pages as the worker would (``JobStore._run_file``);
    what it read is forgotten when it is done."""
    from redactor.context import RunContext, document_id_for
    from redactor.errors import RedactorError
    from redactor.web.messages import user_message

    import time

    pipe = _FILE_PIPELINE
    assert pipe is not None, "file worker not started"
    t0 = time.perf_counter()
    try:
        ctx = RunContext(pipe.cfg, work.work_dir, document_id_for(work.path))
        a = pipe.analyze(work.path, work.profile, ctx)
        doc = replace(a.document, pages=tuple(replace(p, raster=None) for p in a.document.pages))
        a = replace(a, document=doc)
        original = page_images(doc.working_pdf, work.img_dir, pipe.cfg, work.render_dpi, "original")
        out = pipe.release(a, a.plan, work.profile, ctx, work.out_dir, work.stem, list(work.renamed), work.source)
        redacted = page_images(out.output_pdf, work.img_dir, pipe.cfg, work.render_dpi, f"redacted-v{work.version}")
        return FileDone(a, ctx, out.output_pdf, out.audit_json, tuple(original), tuple(redacted),
                        seconds=round(time.perf_counter() - t0, 2))
    except RedactorError as exc:
        message, detail = user_message(exc)
        return FileDone(error=message, error_detail=detail, seconds=round(time.perf_counter() - t0, 2))
    except Exception:
        log.exception("a file failed in a worker process")
        return FileDone(error="处理时发生内部错误。", seconds=round(time.perf_counter() - t0, 2))
    finally:
        pipe.forget_readings()
