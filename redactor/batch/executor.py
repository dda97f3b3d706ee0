"""Run the pipeline over many inputs: serially, or in a local process pool.

Each worker builds one ``Pipeline`` (models load once per process) in its
initializer; tasks carry only picklable data (paths, profile, config) and come
back as ``(task, Outcome)`` pairs.  ``redactor.batch.ray_executor`` implements
the same ``map`` with one Ray actor per worker.

Errors name a document by its cleaned name (``姓名-论文.pdf``), never by its
path: applicants' uploads are named after them.
"""

from __future__ import annotations

import concurrent.futures as cf
import multiprocessing as mp
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from redactor.config import RedactorConfig
from redactor.errors import ExitCode, RedactorError
from redactor.model import ApplicantProfile
from redactor.pipeline import Outcome, Pipeline, ProfileSource, available_cores


@dataclass(frozen=True)
class Task:
    path: str
    stem: str
    renamed: tuple[str, ...]
    profile: ApplicantProfile
    out_dir: str
    source: ProfileSource = ProfileSource()
    work_root: str | None = None       # where working files go (None: the system's temporary folder)
    applicant_id: str = ""             # batch: names the document together with the stem

    @property
    def display_name(self) -> str:
        """The name errors and logs use: the cleaned stem, never the original path."""
        name = self.stem + Path(self.path).suffix.lower()
        return f"{self.applicant_id}/{name}" if self.applicant_id else name


def scrub(message: str, task: Task) -> str:
    """``message`` with every form of the input's path replaced by its display name, in one pass.

    Paths and the file name always go.  The bare stem goes only when the upload was renamed
    (its name carried the applicant's data): a stem such as ``in`` or ``a`` is also an English
    word, and replacing it everywhere garbled the message.  A bare ASCII form is replaced only
    as a whole word, never inside another one.
    """
    p = Path(task.path)
    forms = {str(p), str(p.resolve()), p.name}
    parent = str(p.parent)
    if parent not in (".", "/", ""):
        forms.add(parent)
    if task.stem != p.stem or not p.stem.isascii():
        forms.add(p.stem)
    forms = {f for f in forms if f and f not in (".", "/")}
    if not forms:
        return message
    parts = []
    for f in sorted(forms, key=len, reverse=True):
        bare_word = f.isascii() and "/" not in f and "\\" not in f
        parts.append(rf"(?<![\w.]){re.escape(f)}(?![\w])" if bare_word else re.escape(f))
    return re.sub("|".join(parts), lambda _: task.display_name, message)


def run_one(pipe: Pipeline, task: Task) -> Outcome:
    try:
        return pipe.run(task.path, task.profile, task.out_dir, task.stem, task.renamed, task.source,
                        work_root=task.work_root)
    except RedactorError as exc:
        msg = scrub(" ".join(str(exc).split()), task)
        return Outcome(input=task.path, ok=False, error=f"{task.display_name}: {msg}", exit_code=int(exc.exit_code))
    except Exception as exc:  # an unexpected failure on one input must not stop the batch
        msg = scrub(" ".join(str(exc).split())[:200], task) or type(exc).__name__
        return Outcome(input=task.path, ok=False, error=f"{task.display_name}: internal error ({type(exc).__name__}: {msg})",
                       exit_code=int(ExitCode.INTERNAL))


def crashed(task: Task) -> Outcome:
    """The outcome of a task whose worker process died under it."""
    return Outcome(input=task.path, ok=False, exit_code=int(ExitCode.INTERNAL),
                   error=f"{task.display_name}: the worker process died (out of memory or a crash in a library); "
                         "run again to retry, or with fewer --jobs")


class SerialExecutor:
    def __init__(self, cfg: RedactorConfig, pipeline: Pipeline | None = None) -> None:
        self.cfg = cfg
        self._pipe = pipeline

    def map(self, tasks: Iterable[Task]) -> Iterator[tuple[Task, Outcome]]:
        if self._pipe is None:
            self._pipe = Pipeline(self.cfg)
        for t in tasks:
            yield t, run_one(self._pipe, t)


# --- process pool -----------------------------------------------------------------

_WORKER: Pipeline | None = None   # one per worker process, set by the initializer


def _init_worker(cfg: RedactorConfig, cores: int | None = None) -> None:
    global _WORKER
    die_with_parent()
    _WORKER = Pipeline(cfg, cores=cores)


def die_with_parent() -> None:
    """A worker of a killed driver stops at once instead of writing into a folder the next run wipes."""
    try:
        import ctypes
        import signal

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, int(signal.SIGKILL))   # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass   # not Linux: the worker ends when it next reads its closed task queue


def _work(task: Task) -> Outcome:
    assert _WORKER is not None, "worker not initialised"
    return run_one(_WORKER, task)


class ProcessPoolExecutor:
    """At most ``2 x workers`` tasks in flight; a worker that dies fails its document, not the batch."""

    def __init__(self, cfg: RedactorConfig, workers: int = 2) -> None:
        self.cfg = cfg
        self.workers = max(1, workers)

    work = staticmethod(_work)          # what a worker runs per task (tests replace it)

    def _pool(self) -> cf.ProcessPoolExecutor:
        ctx = mp.get_context("spawn")   # no forked ONNX sessions
        return cf.ProcessPoolExecutor(self.workers, mp_context=ctx, initializer=_init_worker,
                                      initargs=(self.cfg, max(1, available_cores() // self.workers)))

    def map(self, tasks: Iterable[Task]) -> Iterator[tuple[Task, Outcome]]:
        todo = iter(tasks)
        retry: list[Task] = []            # in flight when a worker died: retried once, alone
        suspects: set[int] = set()
        pool = self._pool()
        running: dict[cf.Future, Task] = {}
        try:
            while True:
                while len(running) < 2 * self.workers and not (suspects and running):
                    t = retry.pop(0) if retry else next(todo, None)
                    if t is None:
                        break
                    running[pool.submit(self.work, t)] = t
                if not running:
                    return
                done, _ = cf.wait(running, return_when=cf.FIRST_COMPLETED)
                broken: list[Task] = []
                for fut in done:
                    t = running.pop(fut)
                    try:
                        yield t, fut.result()
                        suspects.discard(id(t))
                    except cf.process.BrokenProcessPool:
                        broken.append(t)
                if broken:
                    broken += list(running.values())
                    running.clear()
                    pool.shutdown(wait=False, cancel_futures=True)
                    pool = self._pool()
                    for t in broken:
                        if id(t) in suspects or len(broken) == 1:
                            suspects.discard(id(t))
                            yield t, crashed(t)
                        else:
                            suspects.add(id(t))
                            retry.append(t)
        except BaseException:          # interrupted or closed early: stop the workers now, not after their documents
            for proc in list(getattr(pool, "_processes", {}).values()):
                proc.kill()
            raise
        finally:
            pool.shutdown(wait=True, cancel_futures=True)


def available_memory_mb() -> float | None:
    """Memory the system could give new processes now (``MemAvailable``), in MiB; None where unknown."""
    try:
        with open("/proc/meminfo", encoding="ascii") as f:
            for line in f:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) / 1024
    except (OSError, ValueError, IndexError):
        pass
    try:
        return os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (AttributeError, OSError, ValueError):
        return None


def auto_workers(inputs: int, cores: int, memory_mb: float | None, worker_memory_mb: float) -> int:
    """Worker processes for ``redact --jobs 0``: one per input up to one per core, no more than ``memory_mb``
    holds at ``worker_memory_mb`` each (unknown memory: the cores decide); one means in this process."""
    n = min(max(inputs, 1), max(cores, 1))
    if memory_mb is not None:
        n = min(n, int(memory_mb // worker_memory_mb))
    return max(1, n)


def make_executor(cfg: RedactorConfig, jobs: int, factory: Callable[[], Pipeline] | None = None):
    if jobs <= 1:
        return SerialExecutor(cfg, factory() if factory else None)
    return ProcessPoolExecutor(cfg, jobs)
