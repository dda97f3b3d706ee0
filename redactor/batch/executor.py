"""Run the pipeline over many inputs: serially, or in a local process pool.

Each worker builds one ``Pipeline`` (models load once per process) in its
initializer; tasks carry only picklable data (paths, profile, config) and
return an ``Outcome``.  A Ray executor can implement the same ``Executor``
interface with an actor per worker.
"""

from __future__ import annotations

import concurrent.futures as cf
import multiprocessing as mp
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from redactor.config import RedactorConfig
from redactor.errors import ExitCode, RedactorError
from redactor.model import ApplicantProfile
from redactor.pipeline import Outcome, Pipeline, ProfileSource


@dataclass(frozen=True)
class Task:
    path: str
    stem: str
    renamed: tuple[str, ...]


def run_one(pipe: Pipeline, task: Task, profile: ApplicantProfile, out_dir: str, source: ProfileSource) -> Outcome:
    try:
        return pipe.run(task.path, profile, out_dir, task.stem, task.renamed, source)
    except RedactorError as exc:
        if exc.path is None:
            exc.path = task.path
        return Outcome(input=task.path, ok=False, error=exc.one_line(), exit_code=int(exc.exit_code))
    except Exception as exc:  # an unexpected failure on one input must not stop the batch
        msg = " ".join(str(exc).split())[:200] or type(exc).__name__
        return Outcome(input=task.path, ok=False, error=f"{task.path}: internal error ({type(exc).__name__}: {msg})",
                       exit_code=int(ExitCode.INTERNAL))


class SerialExecutor:
    def __init__(self, cfg: RedactorConfig, pipeline: Pipeline | None = None) -> None:
        self.pipe = pipeline or Pipeline(cfg)

    def map(self, tasks: Iterable[Task], profile: ApplicantProfile, out_dir: str, source: ProfileSource) -> Iterator[Outcome]:
        for t in tasks:
            yield run_one(self.pipe, t, profile, out_dir, source)


# --- process pool -----------------------------------------------------------------

_WORKER: Pipeline | None = None   # one per worker process, set by the initializer


def _init_worker(cfg: RedactorConfig) -> None:
    global _WORKER
    _WORKER = Pipeline(cfg)


def _work(task: Task, profile: ApplicantProfile, out_dir: str, source: ProfileSource) -> Outcome:
    assert _WORKER is not None, "worker not initialised"
    return run_one(_WORKER, task, profile, out_dir, source)


class ProcessPoolExecutor:
    def __init__(self, cfg: RedactorConfig, workers: int = 2) -> None:
        self.cfg = cfg
        self.workers = max(1, workers)

    def map(self, tasks: Iterable[Task], profile: ApplicantProfile, out_dir: str, source: ProfileSource) -> Iterator[Outcome]:
        ctx = mp.get_context("spawn")   # no forked ONNX sessions
        with cf.ProcessPoolExecutor(self.workers, mp_context=ctx, initializer=_init_worker, initargs=(self.cfg,)) as ex:
            futures = [ex.submit(_work, t, profile, out_dir, source) for t in tasks]
            for fut in cf.as_completed(futures):
                yield fut.result()


def make_executor(cfg: RedactorConfig, jobs: int, factory: Callable[[], Pipeline] | None = None):
    if jobs <= 1:
        return SerialExecutor(cfg, factory() if factory else None)
    return ProcessPoolExecutor(cfg, jobs)
