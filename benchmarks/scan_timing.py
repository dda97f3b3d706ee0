"""Steadier CPU figures for scanned documents: raw OCR passes interleaved with the pipeline's runs.

One raw OCR pass of two pages against one pipeline run swung the CI ratio
1.46-1.73 on the same code: a burst of load (cache and memory-bandwidth
contention, frequency) adds CPU seconds to whichever pass it hits, never takes
any away.  So a scanned document is measured as raw pass, pipeline, raw pass,
pipeline again (into a scratch folder), raw pass, and the figures take the
*minimum* of each kind: the pass least disturbed.  The raw passes read the
rendering ingest OCRs (``render_page`` at the pipeline's OCR DPI) with the
pipeline's own engine instance (not the scorer's: two ONNX sessions in one
process ran the same page 4.3 and 6.6 CPU-s apart in one CI run), outside its
stage counters.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

PIPELINE_RUNS = 2            # raw passes: one more, around and between them


def raw_ocr_pass(engine: Any, pdf: str | Path, pages: Sequence[int], dpi: float) -> tuple[list[float], list[float]]:
    """(wall, CPU) seconds per page of one bare OCR pass of ``engine`` over ``pages`` (1-based) of ``pdf``."""
    import pymupdf

    from redactor.ingest.images import render_page

    walls: list[float] = []
    cpus: list[float] = []
    with pymupdf.open(str(pdf)) as doc:
        for n in pages:
            if not 1 <= n <= doc.page_count:
                continue
            raster = render_page(doc[n - 1], dpi)
            t, c = time.perf_counter(), time.process_time()
            engine.recognize(raster)
            cpus.append(round(time.process_time() - c, 3))
            walls.append(round(time.perf_counter() - t, 3))
    return walls, cpus


def interleaved(engine: Any, pdf: str | Path, pages: Sequence[int], dpi: float, first_run: Callable[[], float],
                again: Callable[[], float], runs: int = PIPELINE_RUNS) -> dict[str, Any]:
    """Raw pass, ``first_run()``, raw pass, ``again()``, raw pass ... (``runs`` pipeline runs in all).

    ``first_run`` / ``again`` return the pipeline run's CPU seconds.  Returns the
    per-run CPU seconds and every raw pass's (wall, CPU) per page."""
    raw_wall: list[list[float]] = []
    raw_cpu: list[list[float]] = []
    cpu_runs: list[float] = []

    def raw() -> None:
        w, c = raw_ocr_pass(engine, pdf, pages, dpi)
        raw_wall.append(w)
        raw_cpu.append(c)

    raw()
    for i in range(max(1, runs)):
        cpu_runs.append(first_run() if i == 0 else again())
        raw()
    return {"pipeline_cpu_runs": [round(c, 3) for c in cpu_runs], "raw_ocr_wall_passes": raw_wall,
            "raw_ocr_cpu_passes": raw_cpu}


def steadiest(passes: Sequence[Sequence[float]]) -> list[float]:
    """Per page, the least disturbed (smallest) of the passes' figures."""
    passes = [p for p in passes if p]
    if not passes:
        return []
    return [min(p[i] for p in passes if i < len(p)) for i in range(max(len(p) for p in passes))]
