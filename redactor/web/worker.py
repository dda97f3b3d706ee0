"""One thread runs every Pipeline and PyMuPDF call of the server.

The Pipeline (LAC, OCR and region models) is built once per server process and
its ONNX sessions and PyMuPDF documents are not shared across threads: jobs,
re-applications and page rendering queue up on this single worker, while the
request threads only read finished files.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

from redactor.config import RedactorConfig

log = logging.getLogger(__name__)
T = TypeVar("T")


class Worker:
    def __init__(self, cfg: RedactorConfig, pipeline_factory: Callable[[RedactorConfig], Any] | None = None) -> None:
        self.cfg = cfg
        self._factory = pipeline_factory
        self._pipeline: Any = None
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="redactor-worker")

    @property
    def pipeline(self) -> Any:
        """The process's Pipeline, built on first use; only call from inside a submitted function."""
        if self._pipeline is None:
            if self._factory is not None:
                self._pipeline = self._factory(self.cfg)
            else:
                from redactor.pipeline import Pipeline

                self._pipeline = Pipeline(self.cfg)
        return self._pipeline

    def forget_readings(self) -> None:
        """The pipeline forgets what it read (``Pipeline.forget_readings``); on the worker thread."""
        forget = getattr(self._pipeline, "forget_readings", None)
        if forget is not None:
            forget()

    def submit(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> Future[T]:
        return self._pool.submit(fn, *args, **kwargs)

    def warm_up(self) -> Future[Any]:
        """Load the models while the first user is still filling in the form."""
        return self.submit(lambda: self.pipeline.detector)

    def shutdown(self) -> None:
        """Drop the queued work and wait for the running one to let go (jobs are cancelled first, so it stops at
        its next page): only then may the server wipe its folders."""
        self._pool.shutdown(wait=True, cancel_futures=True)
