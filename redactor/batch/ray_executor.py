"""The Ray executor (``pip install "redactor[ray]"``): one actor per worker, documents as tasks.

Each actor builds one ``Pipeline`` (models load once per actor).  The driver
sends the input's bytes and receives the output files' bytes, so worker nodes
need no shared file system and never see the original file name; the driver
writes the results (and the ledger).  At most two documents per actor are in
flight: back-pressure, so a batch of 50 000 documents does not fill the object
store.  An actor that dies fails its document and is restarted by Ray.

Working files on a node go under ``OUT/.work/ray-<node>`` (the same path as on
the driver; on the driver's own node that is the folder the driver wipes).
"""

from __future__ import annotations

import dataclasses
import logging
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from redactor.batch.executor import Task, crashed, run_one
from redactor.config import RedactorConfig
from redactor.errors import ConfigError, ExitCode
from redactor.pipeline import Outcome

log = logging.getLogger(__name__)

IN_FLIGHT_PER_ACTOR = 2


class PipelineActor:
    """Runs inside a Ray actor process (wrapped with ``ray.remote`` at run time)."""

    def __init__(self, cfg: RedactorConfig, work_root: str) -> None:
        import socket

        from redactor.pipeline import Pipeline

        self.pipe = Pipeline(cfg, cores=1)     # the actor holds one CPU (``num_cpus=1``)
        self.root = Path(work_root) / f"ray-{socket.gethostname()}"
        self.root.mkdir(parents=True, exist_ok=True, mode=0o700)

    def run(self, task: Task, data: bytes) -> tuple[Outcome, dict[str, bytes]]:
        with tempfile.TemporaryDirectory(prefix="doc-", dir=self.root) as work:
            local = Path(work) / f"{task.stem}{Path(task.path).suffix.lower()}"
            local.write_bytes(data)
            out = Path(work) / "out"
            outcome = run_one(self.pipe, dataclasses.replace(task, path=str(local), out_dir=str(out), work_root=work))
            files = {f.name: f.read_bytes() for f in out.iterdir() if f.name.startswith(f"{task.stem}.")} if outcome.ok else {}
        return outcome, files


class RayExecutor:
    def __init__(self, cfg: RedactorConfig, workers: int, address: str | None, work_root: str) -> None:
        try:
            import ray  # noqa: F401
        except ImportError:
            raise ConfigError('--executor ray needs Ray: pip install "redactor[ray]"') from None
        self.cfg = cfg
        self.workers = max(1, workers)
        self.address = address
        self.work_root = work_root

    def map(self, tasks: Iterable[Task]) -> Iterator[tuple[Task, Outcome]]:
        import ray

        started = not ray.is_initialized()
        if started:
            kw: dict[str, Any] = {"address": self.address} if self.address else {"num_cpus": self.workers}
            ray.init(include_dashboard=False, log_to_driver=False, configure_logging=False, **kw)
        key = os.environ.get(self.cfg.audit.key_env)    # the audit's HMAC key: the same on every node
        env = {"env_vars": {self.cfg.audit.key_env: key}} if key else {}
        remote_cls = ray.remote(num_cpus=1, max_restarts=-1, max_task_retries=0, runtime_env=env or None)(PipelineActor)
        cpus = int(ray.cluster_resources().get("CPU", 1))
        if self.workers > cpus:       # an actor holds its CPU for life: more actors than CPUs would wait forever
            log.warning("--jobs %d but the Ray cluster has %d CPUs: running %d actors", self.workers, cpus, cpus)
        actors = [remote_cls.remote(self.cfg, self.work_root) for _ in range(max(1, min(self.workers, cpus)))]
        load = {i: 0 for i in range(len(actors))}
        running: dict[Any, tuple[Task, int]] = {}
        todo = iter(tasks)
        try:
            while True:
                while len(running) < IN_FLIGHT_PER_ACTOR * len(actors):
                    t = next(todo, None)
                    if t is None:
                        break
                    i = min(load, key=load.__getitem__)
                    try:
                        data = Path(t.path).read_bytes()
                    except OSError as exc:
                        yield t, Outcome(input=t.path, ok=False, exit_code=int(ExitCode.INPUT_FILE),
                                         error=f"{t.display_name}: cannot read file ({exc.strerror})")
                        continue
                    running[actors[i].run.remote(t, data)] = (t, i)
                    load[i] += 1
                if not running:
                    return
                ready, _ = ray.wait(list(running), num_returns=1)
                for ref in ready:
                    t, i = running.pop(ref)
                    load[i] -= 1
                    try:
                        outcome, files = ray.get(ref)
                    except ray.exceptions.RayError:
                        yield t, crashed(t)
                        continue
                    yield t, _write(t, outcome, files)
        finally:
            for a in actors:
                ray.kill(a)
            if started:
                ray.shutdown()


def _write(task: Task, outcome: Outcome, files: dict[str, bytes]) -> Outcome:
    """The driver writes the actor's outputs into the task's staging folder."""
    if not outcome.ok:
        return dataclasses.replace(outcome, input=task.path)
    out = Path(task.out_dir)
    out.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (out / name).write_bytes(data)
    return dataclasses.replace(outcome, input=task.path, output_pdf=str(out / Path(outcome.output_pdf).name),
                               audit_json=str(out / Path(outcome.audit_json).name))
