"""Issue 52: a web job's files between the worker and its worker processes (``jobs._Deal``).  A process takes
the next file the moment it hands one back, not when the file the worker is reading is done, so on a job of
one long file and several short ones the process is never left idle while files wait."""

from __future__ import annotations

import concurrent.futures as cf
import threading
import time
from types import SimpleNamespace

import pytest

pytest.importorskip("fastapi")

import redactor.web.worker as worker_module  # noqa: E402
from redactor.web.jobs import _Deal  # noqa: E402


def _files(*names: str) -> list[SimpleNamespace]:
    return [SimpleNamespace(id=n, state="queued", pages=1) for n in names]


@pytest.mark.issue(52)
def test_a_process_takes_the_next_file_while_the_worker_reads_a_long_one(monkeypatch) -> None:
    read: list[str] = []
    go = threading.Event()

    def redact(f):  # noqa: ANN001, ANN202 -- the first file waits until the worker has taken its own
        if f.id == "first":
            go.wait(5)
        time.sleep(0.02)
        read.append(f.id)
        return f.id

    monkeypatch.setattr(worker_module, "redact_file", redact)
    job = SimpleNamespace(cancelled=threading.Event())
    files = _files("first", "long", "b", "c", "d")
    with cf.ThreadPoolExecutor(1) as pool:            # stands in for the one worker process
        deal = _Deal(job, files, pool, 1, lambda j, f: None if f.pages > 10 else f)
        deal.feed()                                   # the process takes the first file
        mine = deal.next_mine()
        assert mine is not None and mine[0].id == "long"
        go.set()
        time.sleep(1.0)                               # the worker reads its long file; the process goes on
        assert deal.next_mine() is None               # nothing left for the worker: the process took them all
        back = []
        while deal.wait(0.5):
            back += [f.id for f, fut in deal.returned() if fut.result() == f.id]
        deal.let_go()
    assert read == ["first", "b", "c", "d"] and sorted(back) == ["b", "c", "d", "first"]
    assert all(f.state == "running" for f in files if f.id != "long")


@pytest.mark.issue(52)
def test_a_file_over_the_page_limit_waits_for_the_worker_and_nothing_is_handed_out_after_let_go(monkeypatch) -> None:
    go = threading.Event()
    monkeypatch.setattr(worker_module, "redact_file", lambda f: (go.wait(5), f.id)[1])
    job = SimpleNamespace(cancelled=threading.Event())
    files = _files("huge", "b", "c")
    files[0].pages = 99
    with cf.ThreadPoolExecutor(1) as pool:
        deal = _Deal(job, files, pool, 1, lambda j, f: None if f.pages > 10 else f)
        deal.feed()                                   # the process takes "b", past the file it may not take
        assert deal.next_mine()[0].id == "huge"       # the worker refuses it in its turn
        go.set()
        deal.let_go()                                 # waits for "b"
        deal.feed()                                   # closed: "c" stays for the worker, never handed out
        assert [f.id for f, _ in deal.returned()] == ["b"] and deal.next_mine()[0].id == "c"
    assert not deal.broke


@pytest.mark.issue(52)
def test_a_pool_that_takes_no_file_leaves_every_file_to_the_worker_and_is_marked_broken(monkeypatch) -> None:
    monkeypatch.setattr(worker_module, "redact_file", lambda f: f.id)
    job = SimpleNamespace(cancelled=threading.Event())
    pool = cf.ThreadPoolExecutor(1)
    pool.shutdown()                                   # submit now raises, as a broken process pool's does
    deal = _Deal(job, _files("a", "b"), pool, 1, lambda j, f: f)
    deal.feed()
    assert deal.broke
    assert [deal.next_mine()[0].id, deal.next_mine()[0].id] == ["a", "b"] and deal.next_mine() is None
