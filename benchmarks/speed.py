"""Speed: instrumentation of the pipeline and the figures derived from it.

The pipeline is built once per worker process with its OCR engine wrapped
(``TimedOcr``) and its stages wrapped (analyze, detect, verify), so every
document reports: wall and CPU seconds, the seconds per stage, and the OCR
seconds spent inside each stage.  For scanned pages the same worker also calls
its own OCR engine (same models, same settings) directly on the rendering the
pipeline OCRs (the input page at ``ocr.dpi``): *raw OCR* — one recognition
pass, no ingest, detection, redaction or verification.  Ratios of the two are
measured side by side in the same process, so they survive a noisy machine
better than absolute seconds.

Figures (``summarize``):

* born-digital pages per second, end to end (wall and CPU), and the share of
  the time spent in detection (``detect``), in OCR (born-digital pages with a
  large picture are OCRed too), ingest, redaction and verification;
* per scan resolution (150/200/300 DPI): seconds per page end to end, OCR
  seconds inside the pipeline (ingest OCR + seal/signature OCR + verification
  re-OCR), everything else, raw OCR seconds per page, and the pipeline's own
  overhead as a percentage of OCR time ((total - OCR) / OCR) and of raw OCR
  ((total - raw) / raw);
* peak RSS (VmHWM) of each worker process.
"""

from __future__ import annotations

import time
from collections import defaultdict
from typing import Any

import numpy as np

_STAGE = ["other"]


class TimedOcr:
    """Wraps an ``OcrEngine``; accumulates seconds per pipeline stage."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.name = inner.name
        self.reset()

    def reset(self) -> None:
        self.calls = 0
        self.seconds: dict[str, float] = defaultdict(float)
        self.cpu: dict[str, float] = defaultdict(float)

    def recognize(self, raster: Any) -> Any:
        t, c = time.perf_counter(), time.process_time()
        try:
            return self.inner.recognize(raster)
        finally:
            self.calls += 1
            self.seconds[_STAGE[0]] += time.perf_counter() - t
            self.cpu[_STAGE[0]] += time.process_time() - c

    def recognize_upright(self, raster: Any) -> Any:
        from redactor.protocols import recognize_upright

        return self._timed(lambda: recognize_upright(self.inner, raster))

    def _timed(self, fn: Any) -> Any:
        t, c = time.perf_counter(), time.process_time()
        try:
            return fn()
        finally:
            self.calls += 1
            self.seconds[_STAGE[0]] += time.perf_counter() - t
            self.cpu[_STAGE[0]] += time.process_time() - c

    def watching(self, watch: Any) -> "TimedOcr":
        """The inner engine reading for one applicant (``ocr.rec_cascade``), timed into the same counters."""
        view = TimedOcr(self.inner.watching(watch) if hasattr(self.inner, "watching") else self.inner)
        view.seconds, view.cpu = self.seconds, self.cpu
        return view

    def __getattr__(self, name: str) -> Any:
        if name == "read_lines" and hasattr(self.inner, "read_lines"):      # recognition only (verify's crops)
            return lambda rasters: self._timed(lambda: self.inner.read_lines(rasters))
        if name == "read_strip" and hasattr(self.inner, "read_strip"):      # recognition only (seal strips)
            return lambda raster: self._timed(lambda: self.inner.read_strip(raster))
        return getattr(self.inner, name)


class StageTimer:
    """Seconds per stage of the instrumented pipeline (reset per document)."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self.cpu: dict[str, float] = defaultdict(float)

    def wrap(self, obj: Any, attr: str, stage: str) -> None:
        orig = getattr(obj, attr)

        def timed(*a: Any, **k: Any) -> Any:
            prev = _STAGE[0]
            _STAGE[0] = stage
            t, c = time.perf_counter(), time.process_time()
            try:
                return orig(*a, **k)
            finally:
                self.seconds[stage] += time.perf_counter() - t
                self.cpu[stage] += time.process_time() - c
                _STAGE[0] = prev

        setattr(obj, attr, timed)


def instrumented_pipeline(cfg: Any) -> tuple[Any, TimedOcr, StageTimer]:
    """A ``Pipeline`` whose OCR and stages are timed; models loaded now (once per process)."""
    from redactor.ingest.ocr.rapidocr_engine import RapidOcrEngine
    from redactor.pipeline import Pipeline

    ocr = TimedOcr(RapidOcrEngine(cfg.ocr))
    pipe = Pipeline(cfg, ocr=ocr)
    timer = StageTimer()
    timer.wrap(pipe, "analyze", "ingest")          # analyze = ingest + detect + policy
    timer.wrap(pipe.detector, "detect", "detect")
    timer.wrap(pipe, "verify", "verify")
    return pipe, ocr, timer


def warm_up(engine: Any) -> None:
    """One recognition of a tiny page, so the first real page does not pay ONNX start-up."""
    import pymupdf

    from redactor.ingest.images import render_page

    doc = pymupdf.open()
    page = doc.new_page(width=200, height=60)
    page.insert_text((10, 35), "预热 warm-up 123", fontname="china-s", fontsize=14)
    engine.recognize(render_page(page, 150))
    doc.close()


def warm_pipeline(pipe: Any) -> None:
    """Run the pipeline once on a digital and a scanned A4 page (not timed), so that lazy
    loading (LAC, spaCy, detectors, ONNX memory arenas sized for a full page) is not
    charged to the first real document of the worker."""
    import tempfile
    from pathlib import Path

    import pymupdf

    from redactor.config import profile_from_mapping

    profile = profile_from_mapping({"name": "赵子龙", "phones": ["13912345678"], "employers": ["常山县人民医院"]})
    with tempfile.TemporaryDirectory(prefix="bench-warm-") as tmp:
        doc = pymupdf.open()
        page = doc.new_page(width=595, height=842)
        y = 80.0
        for line in ("专业技术职务任职资格评审表", "姓名：赵子龙    联系电话：13912345678", "工作单位：常山县人民医院",
                     "推荐人：张翼德  单位：涿郡第一中学", "本人承诺所填报的内容真实、准确、有效。"):
            page.insert_text((60, y), line, fontname="china-s", fontsize=12)
            y += 28
        digital = Path(tmp) / "warm.pdf"
        doc.save(digital)
        pix = page.get_pixmap(dpi=200)
        scan = pymupdf.open()
        sp = scan.new_page(width=595, height=842)
        sp.insert_image(sp.rect, stream=pix.tobytes("jpeg"))
        scanned = Path(tmp) / "warm_scan.pdf"
        scan.save(scanned)
        for src in (digital, scanned):
            try:
                pipe.run(str(src), profile, str(Path(tmp) / "out"), src.stem)
            except Exception:  # noqa: BLE001 - warming up only
                pass


def doc_timing(wall: float, cpu: float, pages: int, ocr: TimedOcr, timer: StageTimer,
               outcome_seconds: dict[str, float] | None) -> dict[str, Any]:
    s = timer.seconds
    o = ocr.seconds
    analyze = s.get("ingest", 0.0)
    detect = s.get("detect", 0.0)
    return {
        "wall": round(wall, 3), "cpu": round(cpu, 3), "pages": pages,
        "ingest": round(analyze - detect, 3),            # ingest + policy (policy is negligible)
        "detect": round(detect, 3),
        "redact": round((outcome_seconds or {}).get("redact", 0.0), 3),
        "verify": round(s.get("verify", 0.0), 3),
        "ocr": round(sum(o.values()), 3),
        "ocr_cpu": round(sum(ocr.cpu.values()), 3),
        "ocr_ingest": round(o.get("ingest", 0.0), 3),
        "ocr_detect": round(o.get("detect", 0.0), 3),
        "ocr_verify": round(o.get("verify", 0.0), 3),
        "ocr_calls": ocr.calls,
        # CPU seconds by stage (ingest without detection; regions = detection; verification) and their OCR
        "cpu_stages": {"ingest": round(timer.cpu.get("ingest", 0.0) - timer.cpu.get("detect", 0.0), 3),
                       "detect": round(timer.cpu.get("detect", 0.0), 3), "verify": round(timer.cpu.get("verify", 0.0), 3),
                       "ocr_ingest": round(ocr.cpu.get("ingest", 0.0), 3), "ocr_detect": round(ocr.cpu.get("detect", 0.0), 3),
                       "ocr_verify": round(ocr.cpu.get("verify", 0.0), 3)},
    }


# --- figures ---------------------------------------------------------------------------------------

def _sum(rows: list[dict[str, Any]], k: str) -> float:
    return float(sum(r.get(k, 0.0) or 0.0 for r in rows))


def born_digital_figures(docs: list[dict[str, Any]]) -> dict[str, Any]:
    rows = [d["timing"] for d in docs if d.get("path") == "born_digital" and d.get("timing") and d.get("ok")]
    if not rows:
        return {}
    pages = _sum(rows, "pages")
    wall = _sum(rows, "wall")
    cpu = _sum(rows, "cpu")
    ocr_docs = sum(1 for r in rows if r["ocr_calls"])
    return {
        "documents": len(rows),
        "pages": int(pages),
        "pages_per_s": round(pages / wall, 3) if wall else None,
        "pages_per_s_cpu": round(pages / cpu, 3) if cpu else None,
        "s_per_page": round(wall / pages, 3) if pages else None,
        "share": {k: round(_sum(rows, k) / wall, 3) for k in ("ingest", "detect", "redact", "verify", "ocr")} if wall else {},
        "detect_excl_ocr_share": round((_sum(rows, "detect") - _sum(rows, "ocr_detect")) / wall, 3) if wall else None,
        "documents_with_ocr": ocr_docs,
        # documents whose every page shows an embedded picture (issue #14: pages with pictures, separately)
        "picture_pages": _rate([d["timing"] for d in docs if d.get("path") == "born_digital" and d.get("ok")
                                and d.get("timing") and d.get("image_pages") == d["timing"]["pages"]]),
        "ocr_calls": int(_sum(rows, "ocr_calls")),
        "median_doc_s": round(float(np.median([r["wall"] for r in rows])), 3),
    }


def _rate(rows: list[dict[str, Any]]) -> dict[str, Any]:
    pages, wall, cpu = _sum(rows, "pages"), _sum(rows, "wall"), _sum(rows, "cpu")
    if not pages or not wall:
        return {}
    return {"documents": len(rows), "pages": int(pages), "pages_per_s": round(pages / wall, 3),
            "pages_per_cpu_s": round(pages / cpu, 3) if cpu else None, "s_per_page": round(wall / pages, 3)}


def scan_figures(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """``rows``: per scanned document {dpi, timing, raw_ocr: [seconds per page], pages}."""
    by: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        if r.get("timing") and r.get("ok"):
            by[int(r["dpi"])].append(r)
    out = {}
    for dpi, rs in sorted(by.items()):
        t = [r["timing"] for r in rs]
        pages = _sum(t, "pages")
        wall = _sum(t, "wall")
        # the least disturbed of the pipeline's runs (benchmarks/scan_timing.py), else its one run
        cpu = float(sum(min(r.get("pipeline_cpu_runs") or [r["timing"]["cpu"]]) for r in rs))
        ocr = _sum(t, "ocr")
        raw = [s for r in rs for s in r.get("raw_ocr", [])]
        raw_pp = float(np.mean(raw)) if raw else None
        raw_cpu = [s for r in rs for s in r.get("raw_ocr_cpu", [])]
        raw_cpu_pp = float(np.mean(raw_cpu)) if raw_cpu else None
        out[str(dpi)] = {
            "documents": len(rs), "pages": int(pages),
            "s_per_page": round(wall / pages, 3),
            "cpu_s_per_page": round(cpu / pages, 3),
            "ocr_s_per_page": round(ocr / pages, 3),
            "ocr_ingest_s_per_page": round(_sum(t, "ocr_ingest") / pages, 3),
            "ocr_detect_s_per_page": round(_sum(t, "ocr_detect") / pages, 3),
            "ocr_verify_s_per_page": round(_sum(t, "ocr_verify") / pages, 3),
            "other_s_per_page": round((wall - ocr) / pages, 3),
            "raw_ocr_s_per_page": round(raw_pp, 3) if raw_pp is not None else None,
            "overhead_pct_of_ocr": round(100 * (wall - ocr) / ocr, 1) if ocr else None,
            "total_over_raw_ocr": round((wall / pages) / raw_pp, 2) if raw_pp else None,
            "overhead_pct_of_raw_ocr": round(100 * ((wall / pages) - raw_pp) / raw_pp, 1) if raw_pp else None,
            # the same ratio in CPU seconds of the worker (a busy machine stretches wall time, not these)
            "raw_ocr_cpu_s_per_page": round(raw_cpu_pp, 3) if raw_cpu_pp else None,
            "cpu_total_over_raw_ocr_cpu": round((cpu / pages) / raw_cpu_pp, 2) if raw_cpu_pp else None,
            "cpu_stages_s_per_page": {k: round(sum((x.get("cpu_stages") or {}).get(k, 0.0) for x in t) / pages, 3)
                                      for k in ("ingest", "ocr_ingest", "detect", "ocr_detect", "verify", "ocr_verify")},
        }
    return out


def rss_figures(docs: list[dict[str, Any]]) -> dict[str, Any]:
    """Peak RSS per worker process.

    ``peak_rss_mb``: the whole worker (pipeline + the scorer's own OCR engine and renderings).
    ``pipeline_peak_rss_mb``: the peak while the pipeline ran one document (the peak is reset
    before each document), which still includes the resident scorer engine
    (``scorer_engine_mb``, subtract it for the pipeline alone).
    """
    by: dict[int, float] = {}
    pipe: dict[int, float] = {}
    loaded: dict[int, float] = {}
    scorer = 0.0
    for d in docs:
        pid = d.get("pid")
        if not pid:
            continue
        by[pid] = max(by.get(pid, 0.0), float(d.get("peak_rss_mb") or 0.0))
        if d.get("pipeline_peak_rss_mb"):
            pipe[pid] = max(pipe.get(pid, 0.0), float(d["pipeline_peak_rss_mb"]))
        loaded[pid] = float(d.get("rss_pipeline_loaded_mb") or 0.0)
        scorer = max(scorer, float(d.get("rss_scorer_engine_mb") or 0.0))
    if not by:
        return {}
    out: dict[str, Any] = {"workers": len(by), "peak_rss_mb_max": round(max(by.values()), 1),
                           "peak_rss_mb_per_worker": [round(v, 1) for v in by.values()],
                           "scorer_engine_mb": round(scorer, 1)}
    if pipe:
        out["pipeline_peak_rss_mb_per_worker"] = [round(v, 1) for v in pipe.values()]
        out["pipeline_peak_rss_mb_max"] = round(max(pipe.values()), 1)
        out["pipeline_only_peak_rss_mb_max"] = round(max(pipe.values()) - scorer, 1)
    if loaded:
        out["pipeline_loaded_rss_mb"] = round(max(loaded.values()), 1)
    return out


def summarize(docs: list[dict[str, Any]], scan_rows: list[dict[str, Any]]) -> dict[str, Any]:
    return {"born_digital": born_digital_figures(docs), "scanned_by_dpi": scan_figures(scan_rows),
            "memory": rss_figures(docs + scan_rows)}


# --- probes: dedicated documents timed in the same run (issue #14) ---------------------------------
#
# The corpus' born-digital documents all show pictures, so their pages/s mixes two costs.  The
# probes time, in the same worker and run: ``text_only`` (20 pages of text, the applicant's name on
# some), ``image_pages`` (every page of the run's born-digital corpus documents that shows an
# embedded picture -- seals, portraits, QR codes, charts, an ID-card copy -- gathered into one PDF),
# ``blank`` (20 empty born-digital pages), ``blank_scan`` (4 scans of empty paper) and, with
# ``--long``, ``long`` (300 text pages: seconds per page and the pipeline's peak RSS).

PROBE_PAGES = {"text_only": 20, "blank": 20, "blank_scan": 4, "image_pages": 0, "long": 300}


def probe_tasks(corpus_dir: Any, out_dir: Any, profile: dict[str, Any] | None, long: bool = False) -> list[dict[str, Any]]:
    """CI runs the cheap probes; ``long`` (``--long``, ``--full``) adds ``image_pages`` (it repeats the
    corpus' picture pages: the corpus' own figure, ``born_digital.picture_pages``, is CI's) and ``long``."""
    names = ["text_only", "blank", "blank_scan"] + (["image_pages", "long"] if long else [])
    return [{"kind": "probe", "probe": n, "corpus_dir": str(corpus_dir), "out_dir": str(out_dir), "profile": profile,
             "cost": 1000.0 if n == "long" else 2.0,
             "truth": {"file": f"probe:{n}", "path": "probe", "doc_type": n, "media": "pdf", "pages": []}}
            for n in names]


def image_pages(pdf: str) -> int:
    """Pages of ``pdf`` that draw an embedded image."""
    import pymupdf

    try:
        with pymupdf.open(pdf) as doc:
            return sum(1 for page in doc if page.get_image_info())
    except Exception:  # noqa: BLE001 - an image file or an unreadable input: not a born-digital page count
        return 0


def _probe_pdf(name: str, path: Any, corpus_dir: Any, person: str) -> Any:
    from pathlib import Path

    import pymupdf

    from benchmarks.peak_rss import long_pdf

    if name in ("text_only", "long"):
        return long_pdf(Path(path), PROBE_PAGES[name], False, person)
    doc = pymupdf.open()
    if name == "blank":
        for _ in range(PROBE_PAGES[name]):
            doc.new_page(width=595, height=842)
    elif name == "blank_scan":
        paper = pymupdf.open()
        pix = paper.new_page(width=595, height=842).get_pixmap(dpi=200, colorspace=pymupdf.csGRAY)
        data = pix.tobytes("jpeg", jpg_quality=80)
        for _ in range(PROBE_PAGES[name]):
            p = doc.new_page(width=595, height=842)
            p.insert_image(p.rect, stream=data)
    else:   # image_pages
        for f in sorted(Path(corpus_dir).glob("applicant_00/*.pdf")):
            if ".scanned" in f.name or "." in f.stem:
                continue
            with pymupdf.open(f) as src:
                for page in src:
                    if page.get_image_info():
                        doc.insert_pdf(src, from_page=page.number, to_page=page.number)
    if doc.page_count == 0:
        doc.close()
        return None
    doc.save(path, garbage=3, deflate=True)
    doc.close()
    return path


def run_probe(task: dict[str, Any], pipe: Any, ocr: TimedOcr, timer: StageTimer) -> dict[str, Any]:
    """Time the pipeline on one probe document (see ``PROBE_PAGES``)."""
    import tempfile
    from pathlib import Path

    from benchmarks import extract
    from redactor.config import profile_from_mapping

    name = task["probe"]
    res: dict[str, Any] = {"file": f"probe:{name}", "path": "probe", "kind": "probe", "probe": name,
                           "doc_type": name, "ok": False}
    if task.get("profile"):
        profile = profile_from_mapping(task["profile"])
    else:
        from tests.synth import APPLICANT

        profile = profile_from_mapping(APPLICANT.profile())
    with tempfile.TemporaryDirectory(prefix=f"probe-{name}-") as tmp:
        src = _probe_pdf(name, Path(tmp) / f"{name}.pdf", task["corpus_dir"], profile.name or "王淑珺")
        if src is None:
            res["error"] = "no pages"
            return res
        pages = image_pages(str(src)) if name == "image_pages" else PROBE_PAGES[name]
        ocr.reset()
        timer.seconds.clear()
        timer.cpu.clear()
        hwm = extract.reset_peak_rss()
        t0, c0 = time.perf_counter(), time.process_time()
        outcome = pipe.run(str(src), profile, str(Path(tmp) / "out"), name)
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
        res.update(ok=bool(outcome.ok), pages=pages, pipeline_peak_rss_mb=round(extract.peak_rss_mb(), 1) if hwm else None,
                   timing=doc_timing(wall, cpu, pages, ocr, timer, outcome.seconds))
    return res


def probe_figures(results: list[dict[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for r in results:
        if r.get("kind") != "probe" or not r.get("ok"):
            continue
        t = r["timing"]
        pages = max(1, int(r.get("pages") or 1))
        out[r["probe"]] = {
            "pages": pages, "pages_per_s": round(pages / t["wall"], 2) if t["wall"] else None,
            "s_per_page": round(t["wall"] / pages, 4),
            # CPU seconds of the worker: what CI checks (a busy machine stretches wall time, not these much)
            "pages_per_cpu_s": round(pages / t["cpu"], 2) if t["cpu"] else None,
            "cpu_s_per_page": round(t["cpu"] / pages, 4),
            "stages_s_per_page": {k: round(t[k] / pages, 4) for k in ("ingest", "detect", "redact", "verify", "ocr")},
            "ocr_calls": t["ocr_calls"], "pipeline_peak_rss_mb": r.get("pipeline_peak_rss_mb"),
        }
    return out
