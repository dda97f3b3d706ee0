"""Issue 52: the OCR sessions get the worker's share of the cores (``ocr.intra_op_threads`` 0), and the web app
drops every remembered reading when a job's step ends (``JobStore._guarded`` -> ``Worker.forget_readings``)."""

from __future__ import annotations

import threading
from types import SimpleNamespace

from redactor.config import load_config


class _Recorder:
    """Stands in for the OCR engine class: records the settings it is built with."""

    built: list = []

    def __init__(self, cfg) -> None:  # noqa: ANN001
        _Recorder.built.append(cfg)
        self.name = "recorder"


def test_an_engine_gets_the_workers_share_of_the_cores(monkeypatch):
    import redactor.pipeline as pipeline

    monkeypatch.setattr(pipeline, "resolve", lambda *a, **k: _Recorder)
    cfg = load_config()
    assert cfg.ocr.intra_op_threads == 0                          # the default: the worker's share
    _Recorder.built.clear()
    pipeline.Pipeline(cfg, regions=False, cores=3)._start_ocr()
    pipeline.Pipeline(cfg.model_copy(update={"ocr": cfg.ocr.model_copy(update={"intra_op_threads": 2})}),
                      regions=False, cores=3)._start_ocr()       # a number set in the config stays
    assert [c.intra_op_threads for c in _Recorder.built] == [3, 2]


def test_each_local_batch_worker_gets_its_share(monkeypatch):
    import redactor.batch.executor as executor

    monkeypatch.setattr(executor, "available_cores", lambda: 8)
    pool = executor.ProcessPoolExecutor(load_config(), workers=3)._pool()
    try:
        assert pool._initargs[1] == 2                             # 8 cores, 3 workers: 2 each
    finally:
        pool.shutdown()


def test_a_web_job_step_forgets_what_was_read(tmp_path):
    from redactor.web.jobs import JobCancelled, JobStore

    forgotten: list[int] = []
    worker = SimpleNamespace(forget_readings=lambda: forgotten.append(1))
    store = JobStore.__new__(JobStore)
    store.worker = worker
    job = SimpleNamespace(id="j", dir=tmp_path / "j", cancelled=threading.Event())
    store._guarded(lambda j: None, job)
    assert forgotten == [1]

    def cancelled(j):  # noqa: ANN001, ANN202
        raise JobCancelled("deleted")

    store._guarded(cancelled, job)                                # a deleted job's step forgets too
    assert forgotten == [1, 1]


def test_a_pipeline_on_every_core_reads_with_sessions_of_that_many_threads(monkeypatch):
    """``Pipeline.on_cores``: the web worker's pipeline alone on the machine (a one-file job) keeps its detector
    and readings and gets OCR sessions and page threads for every core; its share-of-the-cores self is unchanged."""
    import redactor.pipeline as pipeline

    monkeypatch.setattr(pipeline, "resolve", lambda *a, **k: _Recorder)
    _Recorder.built.clear()
    share = pipeline.Pipeline(load_config(), regions=False, cores=1)
    assert share.ocr is not None                                  # loaded for the share
    alone = share.on_cores(4)
    assert alone.cores == 4 and share.cores == 1
    assert alone.detector is share.detector and alone._readings is share._readings and alone.hasher is share.hasher
    assert alone._ocr is None and alone.ocr is not share.ocr       # its own sessions, loaded on first use
    share._start_ocr(), alone._start_ocr()
    assert [c.intra_op_threads for c in _Recorder.built][-2:] == [1, 4]
    assert alone.pages(0) is not pipeline.in_order and share.pages(0) is pipeline.in_order
    assert share.on_cores(1) is share
    alone.close()


def test_an_engine_handed_in_serves_every_core_count():
    import redactor.pipeline as pipeline

    engine = _Recorder(None)
    pipe = pipeline.Pipeline(load_config(), ocr=engine, regions=False, cores=1)
    assert pipe.on_cores(2).ocr is engine


def test_a_thread_count_set_in_the_config_keeps_one_engine_for_every_core_count(monkeypatch):
    import redactor.pipeline as pipeline

    monkeypatch.setattr(pipeline, "resolve", lambda *a, **k: _Recorder)
    cfg = load_config()
    cfg = cfg.model_copy(update={"ocr": cfg.ocr.model_copy(update={"intra_op_threads": 2})})
    share = pipeline.Pipeline(cfg, regions=False, cores=1)
    alone = share.on_cores(4)                                     # before the share's engine was ever loaded
    assert alone.ocr is not None and alone.ocr is share.ocr
