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


class _Pool:
    """Stands in for a pool of worker processes whose process can be made to die: ``die`` breaks every file it
    holds, as Python's pool does, and a broken pool takes no more."""

    def __init__(self) -> None:
        self.held: dict[str, cf.Future] = {}
        self.broken = False

    def submit(self, fn, work):  # noqa: ANN001, ANN201
        if self.broken:
            raise cf.BrokenExecutor("broken")
        fut: cf.Future = cf.Future()
        self.held[work.id] = fut
        return fut

    def finish(self, fid: str) -> None:
        self.held.pop(fid).set_result(fid)

    def die(self) -> None:
        from concurrent.futures.process import BrokenProcessPool

        self.broken = True
        for fut in list(self.held.values()):
            fut.set_exception(BrokenProcessPool("a process died"))
        self.held.clear()


def _outcomes(deal: _Deal) -> dict[str, str]:
    return {f.id: ("done" if fut.exception() is None else type(fut.exception()).__name__)
            for f, fut in deal.returned()}


@pytest.mark.issue(52)
def test_files_a_process_died_under_with_others_are_read_again_each_alone_and_never_by_the_worker() -> None:
    job = SimpleNamespace(cancelled=threading.Event())
    pools = [_Pool(), _Pool(), _Pool()]
    fresh = iter(pools[1:])
    deal = _Deal(job, _files("a", "b", "c"), pools[0], 2, lambda j, f: f, renew=lambda: next(fresh))
    deal.feed()
    assert sorted(pools[0].held) == ["a", "b"]
    pools[0].die()                                    # a process dies: both files it held break
    assert _outcomes(deal) == {}                      # neither fails yet: which one killed it is not known
    assert list(pools[1].held) == ["a"]               # read again alone in a fresh pool; "b" waits for it
    pools[1].finish("a")
    assert list(pools[1].held) == ["b"]               # then "b", alone
    assert _outcomes(deal) == {"a": "done"}
    pools[1].die()                                    # "b" kills its process again, alone: "b" is the one
    assert _outcomes(deal) == {"b": "BrokenProcessPool"}
    assert list(pools[2].held) == ["c"]               # the job goes on in a fresh pool
    pools[2].finish("c")
    assert _outcomes(deal) == {"c": "done"}
    assert deal.next_mine() is None and not deal.wait(0.01)
    assert not deal.broke


@pytest.mark.issue(52)
def test_a_file_alone_in_a_pool_that_died_fails_and_the_rest_go_on_in_a_fresh_one() -> None:
    job = SimpleNamespace(cancelled=threading.Event())
    pools = [_Pool(), _Pool()]
    deal = _Deal(job, _files("a", "b"), pools[0], 1, lambda j, f: f, renew=lambda: pools[1])
    deal.feed()
    pools[0].die()
    assert _outcomes(deal) == {"a": "BrokenProcessPool"}
    assert list(pools[1].held) == ["b"]
    pools[1].finish("b")
    assert _outcomes(deal) == {"b": "done"}


@pytest.mark.issue(52)
def test_without_a_fresh_pool_the_files_to_read_again_fail_and_the_worker_reads_only_the_others() -> None:
    job = SimpleNamespace(cancelled=threading.Event())
    pool = _Pool()
    deal = _Deal(job, _files("a", "b", "c"), pool, 2, lambda j, f: f, renew=lambda: None)
    deal.feed()
    pool.die()
    assert _outcomes(deal) == {"a": "BrokenProcessPool", "b": "BrokenProcessPool"}
    assert deal.next_mine()[0].id == "c" and deal.next_mine() is None
    assert not deal.wait(0.01)


@pytest.mark.issue(52)
def test_a_file_that_kills_its_fresh_pool_leaves_the_others_to_read_again_to_the_next_one() -> None:
    """Three files die together; the first, read again alone, kills its fresh pool too: it fails, and the other
    two are still read again (the dying pool's callback offered the next to a pool already broken)."""
    job = SimpleNamespace(cancelled=threading.Event())
    pools = [_Pool() for _ in range(4)]
    fresh = iter(pools[1:])
    deal = _Deal(job, _files("a", "b", "c"), pools[0], 3, lambda j, f: f, renew=lambda: next(fresh))
    deal.feed()
    pools[0].die()
    assert _outcomes(deal) == {} and list(pools[1].held) == ["a"]
    pools[1].die()                                    # its callback offers "b" to the broken pool
    assert _outcomes(deal) == {"a": "BrokenProcessPool"}
    assert list(pools[2].held) == ["b"]
    pools[2].finish("b")
    assert _outcomes(deal) == {"b": "done"} and list(pools[2].held) == ["c"]
    pools[2].finish("c")
    assert _outcomes(deal) == {"c": "done"} and not deal.wait(0.01)


@pytest.mark.issue(52)
def test_pools_that_die_before_reading_anything_stop_being_renewed_and_the_worker_reads_the_rest() -> None:
    """A process that cannot start (out of memory loading its models): every fresh pool dies under its first file.
    After ``FRESH_POOLS_DYING_UNREAD`` such pools the run stops renewing them: the files not yet started are this
    worker's, and only files a process died under fail."""
    from redactor.web.jobs import FRESH_POOLS_DYING_UNREAD

    job = SimpleNamespace(cancelled=threading.Event())
    renewed: list[_Pool] = []

    def renew() -> _Pool:
        renewed.append(_Pool())
        return renewed[-1]

    first = _Pool()
    deal = _Deal(job, _files(*"abcdefgh"), first, 1, lambda j, f: f, renew=renew)
    deal.feed()
    failed: dict[str, str] = {}
    pool = first
    while pool.held:                                  # each pool dies under the one file it holds
        pool.die()
        failed |= _outcomes(deal)
        pool = renewed[-1] if renewed and renewed[-1] is not pool else pool
    assert len(renewed) == FRESH_POOLS_DYING_UNREAD
    assert set(failed.values()) == {"BrokenProcessPool"} and len(failed) == FRESH_POOLS_DYING_UNREAD + 1
    assert deal.broke
    mine = []
    while (m := deal.next_mine()) is not None:
        mine.append(m[0].id)
    assert sorted(mine + list(failed)) == list("abcdefgh")
