"""Batch progress: a rich bar on a terminal, one line per finished document otherwise.

A scheduler's log (stderr not a terminal) gets a line as each document
finishes, plain or JSON (``--log-json``).  Documents are named by applicant id
and cleaned stem only.
"""

from __future__ import annotations

import json
import time
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn


class BatchProgress:
    def __init__(self, console: Console, total: int, *, log_json: bool = False) -> None:
        self.console = console
        self.log_json = log_json
        self.bar = console.is_terminal and not log_json
        self._progress = Progress(TextColumn("[bold]batch"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                                  TimeRemainingColumn(), console=console, disable=not self.bar)
        self._task = self._progress.add_task("batch", total=total)

    def __enter__(self) -> BatchProgress:
        self._progress.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self._progress.__exit__(None, None, None)

    def event(self, kind: str, **fields: Any) -> None:
        """A batch-level line (start, summary): JSON with --log-json, else plain text."""
        if self.log_json:
            self._emit(json.dumps({"event": kind, "time": round(time.time(), 3), **fields}, ensure_ascii=False))
        else:
            self._emit(f"{kind}: " + ", ".join(f"{k} {v}" for k, v in fields.items()))

    def document(self, applicant_id: str, stem: str, state: str, *, pages: int | None, seconds: float,
                 error: str = "") -> None:
        self._progress.advance(self._task)
        if self.log_json:
            self.event("document", applicant_id=applicant_id, stem=stem, state=state, pages=pages,
                       seconds=round(seconds, 3), **({"error": error} if error else {}))
        elif not self.bar:
            pages_s = f" {pages} pages" if pages is not None else ""
            self._emit(f"{state} {applicant_id}/{stem}{pages_s} {seconds:.1f} s" + (f": {error}" if error else ""))
        elif error:
            self._emit(error)

    def _emit(self, line: str) -> None:
        self.console.print(line, markup=False, highlight=False, soft_wrap=True)
