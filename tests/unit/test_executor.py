"""The local pool: a worker that dies fails its own document, not the batch (issue 12)."""

from __future__ import annotations

import concurrent.futures as cf
import multiprocessing as mp
import os

import pytest

from redactor.batch.executor import ProcessPoolExecutor, Task
from redactor.pipeline import Outcome
from tests.synth import APPLICANT

pytestmark = pytest.mark.issue(12)


def _die_on_crash(task: Task) -> Outcome:
    if task.stem == "crash":
        os._exit(1)                     # what a segfault or the OOM killer looks like to the pool
    return Outcome(input=task.path, ok=True)


class _NoModels(ProcessPoolExecutor):
    work = staticmethod(_die_on_crash)

    def _pool(self) -> cf.ProcessPoolExecutor:
        return cf.ProcessPoolExecutor(self.workers, mp_context=mp.get_context("spawn"))


def test_a_dying_worker_fails_its_document_and_the_others_are_done(applicant_profile):
    stems = ["a", "b", "crash", "c", "d", "e"]
    tasks = [Task(f"/uploads/{APPLICANT.name}/{s}.pdf", s, (), applicant_profile, "/nowhere", applicant_id="X1")
             for s in stems]
    got = {t.stem: o for t, o in _NoModels(None, workers=2).map(tasks)}   # type: ignore[arg-type]
    assert sorted(got) == sorted(stems)
    assert [s for s, o in got.items() if not o.ok] == ["crash"]
    assert got["crash"].error.startswith("X1/crash.pdf: the worker process died")
    assert APPLICANT.name not in got["crash"].error
