"""`redact --jobs 0` (issue 52: documents at once): how many worker processes, and that the count decides nothing."""

from __future__ import annotations

import pytest

from redactor.batch.executor import auto_workers, available_memory_mb
from redactor.config import load_config


@pytest.mark.issue(52)
@pytest.mark.parametrize(("inputs", "cores", "memory_mb", "expected"), [
    (43, 2, 20_000, 2),        # a dossier on a 2-core machine: one worker per core
    (1, 2, 20_000, 1),         # one document: in this process (its pages on both cores)
    (3, 16, 20_000, 3),        # no more workers than inputs
    (43, 16, 5_000, 2),        # no more than the memory holds at 2 400 MiB each
    (43, 16, 1_000, 1),        # too little memory for two: one, never none
    (43, 4, None, 4),          # memory unknown: the cores decide
    (0, 4, 20_000, 1),
])
def test_workers_are_bounded_by_inputs_cores_and_memory(inputs, cores, memory_mb, expected):
    assert auto_workers(inputs, cores, memory_mb, 2400.0) == expected


@pytest.mark.issue(52)
def test_this_machine_reports_its_available_memory():
    import os

    got = available_memory_mb()
    if os.path.exists("/proc/meminfo") or hasattr(os, "sysconf"):
        assert got is not None and got > 0      # unknown only where neither source exists
    else:
        assert got is None


@pytest.mark.issue(52)
def test_how_many_workers_run_is_not_part_of_the_audited_settings():
    base = load_config()
    more = base.model_copy(update={"workers": base.workers.model_copy(update={"worker_memory_mb": 9000.0})})
    stricter = base.model_copy(update={"verify": base.verify.model_copy(update={"repair_rounds": 1})})
    assert more.digest() == base.digest()
    assert stricter.digest() != base.digest()     # a setting that decides still changes it
