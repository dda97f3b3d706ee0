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


def test_error_lines_name_the_document_without_its_path_or_personal_stem(applicant_profile):
    from redactor.batch.executor import scrub

    personal = Task(f"/uploads/{APPLICANT.name}/{APPLICANT.name}-论文.pdf", "姓名-论文", (APPLICANT.name,),
                    applicant_profile, "/nowhere", applicant_id="X1")
    msg = scrub(f"cannot open /uploads/{APPLICANT.name}/{APPLICANT.name}-论文.pdf ({APPLICANT.name}-论文)", personal)
    assert APPLICANT.name not in msg and msg.count("X1/姓名-论文.pdf") == 2


def test_a_plain_stem_that_is_also_a_word_does_not_garble_the_message(applicant_profile):
    """A stem like ``in`` was replaced everywhere: "contains ... (name in ocr)" became "contain.pdfs ... in.pdf"."""
    from redactor.batch.executor import scrub

    task = Task("/tmp/work/in.pdf", "in", (), applicant_profile, "/nowhere")
    msg = "/tmp/work/in.pdf: output still contains the applicant's data (name in ocr); in.pdf"
    assert scrub(msg, task) == "in.pdf: output still contains the applicant's data (name in ocr); in.pdf"
