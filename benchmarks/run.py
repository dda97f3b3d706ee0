"""Quality and speed benchmark of ``redactor`` on the synthetic corpus.

    python -m benchmarks.run --subset ci          # CI: 1 applicant, every born-digital document + 2 scanned pages
    python -m benchmarks.run --full               # 5 applicants, every document type and rendering path, DPI sweep
    python -m benchmarks.run --full --jobs 2 --seed 7 --out benchmarks/results/

Each input goes through the pipeline (once-per-process models, ``verify.fail_closed``
off so that what verification would have withheld is still scored — those outputs
are counted as *refused*), through the naive Find & Redact baseline, and both
outputs are scored by ``benchmarks.quality`` with the independent readers of
``benchmarks.extract``.  Prints markdown tables and writes ``report.md``,
``report.json`` and ``records.jsonl`` (one line per ground-truth unit and system)
to ``--out``.  ``--subset ci`` exits 1 when a threshold of
``benchmarks/thresholds.yaml`` fails, naming it.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
import traceback
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Sequence

import yaml

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUT = ROOT / "benchmarks" / "results"
THRESHOLDS = Path(__file__).with_name("thresholds.yaml")
# scan_ocrmypdf last: the seeded document choice of the earlier paths stays what it was before it existed
ALL_PATHS = ("born_digital", "scanned", "scan_with_hidden_text", "phone_photo", "mixed", "image_file", "scan_ocrmypdf")
DEV_SEED = 7
# The held-out seed: NEVER used while developing (not for debugging, tuning or looking at its
# documents); only `make bench` runs it, and its figures are reported separately.
HELDOUT_SEED = 29966      # since 2026-11-23 (tenth stop); 60521, 38269, 96305, 61145, 93641 and 15294 are burnt (benchmarks/README.md, "Seeds")
REALDOCS = ROOT.parent / "shared" / "realdocs"


# --- what to run ------------------------------------------------------------------------------------

@dataclass
class Spec:
    name: str
    seed: int = 7
    applicants: tuple[int, ...] = (0,)
    paths: tuple[str, ...] = ("born_digital",)
    doc_types: tuple[str, ...] | None = None
    plan: dict[str, list[str]] | None = None
    render_kw: dict[str, dict[str, Any]] | None = None
    speed_dpis: tuple[int, ...] = ()               # dedicated scan-resolution sweep
    speed_docs: tuple[str, ...] = ("pingshen_biao", "yeji_baogao")
    baseline: bool = True
    thresholds: str = ""                           # section of thresholds.yaml
    variety: bool = False                          # the other layouts, fonts, seals and Word forms too
    probes: bool = False                           # speed probes: text-only, picture, blank pages (speed.py)
    long_probe: bool = False                       # ... and a 300-page document (--long)
    word_name: bool = False                        # applicants renamed to names that are words (``--subset words``)


def spec_for(name: str, seed: int = 7, applicants: int | None = None) -> Spec:
    from benchmarks.corpus import CLASSIC, VARIETY
    from benchmarks.corpus.generate import PATH_VARIETY_DOCS

    if name == "ci":      # the classic documents only: CI keeps the thresholds measured on them
        return Spec("ci", seed, (0,), ("born_digital", "scanned"), CLASSIC,
                    plan={"born_digital": list(CLASSIC), "scanned": ["huojiang", "zige_zhengshu"]},
                    render_kw={"scanned": {"dpi": 200, "quarter_turns": 0}}, thresholds="ci", probes=True)
    if name == "tiny":        # the slice tests/test_benchmark_ci.py runs on every `make test`
        return Spec("tiny", seed, (0,), ("born_digital",), ("lunwen", "yeji_baogao"), baseline=True,
                    thresholds="tiny")
    if name == "full":
        n = applicants or 5
        return Spec("full", seed, tuple(range(n)), ALL_PATHS, None, speed_dpis=(150, 200, 300), thresholds="full",
                    variety=True, probes=True, long_probe=True)
    if name == "variety":     # only the variety documents, each through its rendering paths
        n = applicants or 2
        plan = {"born_digital": list(VARIETY), **{p: list(v) for p, v in PATH_VARIETY_DOCS.items()}}
        return Spec("variety", seed, tuple(range(n)), tuple(plan), None, plan=plan, thresholds="variety",
                    variety=True)
    if name == "structure":   # the documents whose owners only the page's structure tells apart (issue 49), born
        #                       digital, scanned and two to a sheet scanned sideways
        from benchmarks.corpus.catalog import STRUCTURE

        n = applicants or 2
        plan = {"born_digital": list(STRUCTURE), "scanned": list(STRUCTURE), "scanned_2up": list(STRUCTURE)}
        return Spec("structure", seed, tuple(range(n)), tuple(plan), None, plan=plan, thresholds="variety",
                    baseline=False)
    if name == "words":       # applicants whose name is also a word (issue 49, class 5): the work summary that uses
        #                       it as a word, born digital and scanned, beside forms that name them
        from benchmarks.corpus.catalog import WORDS

        n = applicants or 2
        plan = {"born_digital": [*WORDS, "yeji_baogao", "pingshen_biao"], "scanned": [*WORDS, "yeji_baogao"]}
        return Spec("words", seed, tuple(range(n)), tuple(plan), None, plan=plan, thresholds="variety",
                    baseline=False, word_name=True)
    if name == "marks":       # marks placed the way real producers place them (issue 80), born digital; the pale
        #                       ID copy, the certificate stamped over the holder's name and the diplomas (two to a
        #                       sheet, or turned) also scanned
        from benchmarks.corpus.catalog import MARKS

        n = applicants or 2
        plan = {"born_digital": list(MARKS), "scanned": ["id_card_copy_pale", "cert_stamped_over_holder",
                                                          "diploma_pair", "diploma_turned"]}
        return Spec("marks", seed, tuple(range(n)), tuple(plan), None, plan=plan, thresholds="variety",
                    baseline=False)
    if name == "bitonal":     # the scanned variety documents and the papers scanned black-and-white (1 bit);
        #                       no bars yet: the world this path opens is measured, not yet met
        n = applicants or 2
        docs = list(dict.fromkeys([*PATH_VARIETY_DOCS["scanned"], *PATH_VARIETY_DOCS["scan_ocrmypdf"]]))
        return Spec("bitonal", seed, tuple(range(n)), ("scanned_bw",), None, plan={"scanned_bw": docs},
                    baseline=False, variety=True)
    if name == "classic":     # the classic documents through every path (the full run before the variety, plus
        #                       one classic document through scan_ocrmypdf per applicant)
        n = applicants or 5
        return Spec("classic", seed, tuple(range(n)), ALL_PATHS, None, thresholds="full")
    raise ValueError(f"unknown subset {name!r}")


# --- corpus -> tasks ---------------------------------------------------------------------------------

def build_tasks(spec: Spec, corpus_dir: Path, out_dir: Path) -> list[dict[str, Any]]:
    from benchmarks.corpus import generate_dossier

    tasks = []
    for i in spec.applicants:
        d = generate_dossier(spec.seed, i, spec.paths, spec.doc_types, plan=spec.plan, render_kw=spec.render_kw,
                             variety=spec.variety, word_name=spec.word_name)
        folder = d.write(corpus_dir / f"applicant_{i:02d}")
        name = d.profile["name"]
        for f in d.files:
            stem = Path(f.name).name
            for suf in (".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff"):
                if stem.endswith(suf):
                    stem = stem[: -len(suf)]
            stem = stem.replace(name, "姓名")
            tasks.append({
                "kind": "quality", "applicant": i, "scenario": d.applicant.scenario,
                "input": str(folder / f.name), "stem": stem, "truth": f.truth(), "profile": d.profile,
                "out_dir": str(out_dir / f"applicant_{i:02d}"), "baseline": spec.baseline,
                "cost": _cost(f.truth()),
            })
    return tasks


def build_speed_tasks(spec: Spec, corpus_dir: Path, out_dir: Path) -> list[dict[str, Any]]:
    from benchmarks.corpus import generate_dossier

    tasks = []
    for dpi in spec.speed_dpis:
        d = generate_dossier(spec.seed, 0, (), plan={"scanned": list(spec.speed_docs)},
                             render_kw={"scanned": {"dpi": dpi, "quarter_turns": 0, "angle": 1.0,
                                                    "grayscale": False, "jpeg_quality": 75}})
        folder = d.write(corpus_dir / f"dpi_{dpi}")
        for f in d.files:
            tasks.append({"kind": "speed", "dpi": dpi, "input": str(folder / f.name),
                          "stem": Path(f.name).stem.replace(".scanned", ""), "truth": f.truth(), "profile": d.profile,
                          "out_dir": str(out_dir / f"dpi_{dpi}"), "cost": _cost(f.truth())})
    return tasks


def _cost(truth: dict[str, Any]) -> float:
    raster = sum(1 for p in truth["pages"] if p.get("kind", "born_digital") != "born_digital")
    return len(truth["pages"]) + 3 * raster


# --- the worker --------------------------------------------------------------------------------------

_W: dict[str, Any] = {}


def init_worker(cache_dir: str | None = None, read_cache: bool = False, pipeline: bool = True) -> None:
    """Load the pipeline, its OCR engine and the scorer's OCR engine once per process."""
    from benchmarks import extract

    extract.configure_ocr_cache(cache_dir, read_cache)
    if _W:
        return
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    import logging

    logging.disable(logging.WARNING)
    from benchmarks.speed import instrumented_pipeline, warm_pipeline, warm_up
    from redactor.config import load_config

    cfg = load_config(os.environ.get("REDACTOR_BENCH_CONFIG") or None)     # --config
    cfg = cfg.model_copy(update={"verify": cfg.verify.model_copy(update={"fail_closed": False})})
    _W.update(cfg=cfg, fill=tuple(int(round(255 * v)) for v in cfg.redact.fill))
    if pipeline:
        pipe, ocr, timer = instrumented_pipeline(cfg)
        warm_pipeline(pipe)
        _W.update(pipe=pipe, ocr=ocr, timer=timer, rss_pipeline_loaded=extract.rss_mb())
    before = extract.rss_mb()
    warm_up(extract.ocr_engine())
    _W["rss_scorer_engine"] = extract.rss_mb() - before


def run_task(task: dict[str, Any]) -> dict[str, Any]:
    """Never raises: every failure is recorded in the result."""
    try:
        init_worker()
        if task["kind"] == "probe":       # speed probes (benchmarks/speed.py)
            from benchmarks.speed import run_probe

            return run_probe(task, _W["pipe"], _W["ocr"], _W["timer"])
        return _rescore(task) if task.get("rescore") else _run_task(task)
    except BaseException as exc:  # noqa: BLE001 - a benchmark must not stop on one document
        if isinstance(exc, KeyboardInterrupt):
            raise
        return {"file": task["truth"]["file"], "path": task["truth"]["path"], "kind": task["kind"],
                "doc_type": task["truth"]["doc_type"], "applicant": task.get("applicant"), "ok": False,
                "benchmark_error": True, "error": f"benchmark error: {type(exc).__name__}: {exc}",
                "trace": traceback.format_exc()[-2000:]}


def _run_task(task: dict[str, Any]) -> dict[str, Any]:
    from benchmarks.speed import doc_timing
    from redactor.config import profile_from_mapping
    from redactor.errors import RedactorError

    truth = task["truth"]
    pipe, ocr, timer = _W["pipe"], _W["ocr"], _W["timer"]
    profile = profile_from_mapping(task["profile"])
    out_dir = Path(task["out_dir"])
    res: dict[str, Any] = {"file": truth["file"], "path": truth["path"], "doc_type": truth["doc_type"],
                           "media": truth["media"], "kind": task["kind"], "applicant": task.get("applicant"),
                           "scenario": task.get("scenario"), "pages": len(truth["pages"]), "pid": os.getpid(),
                           "dpi": task.get("dpi") or (truth.get("render") or {}).get("dpi"), "input": task["input"]}
    # 1. the pipeline
    ocr.reset()
    timer.seconds.clear()
    timer.cpu.clear()
    from benchmarks import extract

    hwm_reset = extract.reset_peak_rss()
    got: dict[str, Any] = {"outcome": None}

    def first_run() -> float:
        t0, c0 = time.perf_counter(), time.process_time()
        try:
            got["outcome"] = pipe.run(task["input"], profile, str(out_dir / "redactor"), task["stem"])
            res.update(ok=True, output_pdf=got["outcome"].output_pdf, audit_json=got["outcome"].audit_json)
        except RedactorError as exc:
            res.update(ok=False, error=f"{type(exc).__name__}: {exc}", exit_code=getattr(exc, "exit_code", None))
        except Exception as exc:  # noqa: BLE001
            res.update(ok=False, error=f"crash: {type(exc).__name__}: {exc}", trace=traceback.format_exc()[-2000:])
        got["wall"], got["cpu"] = time.perf_counter() - t0, time.process_time() - c0
        got["peak"] = round(extract.peak_rss_mb(), 1) if hwm_reset else None
        o = got["outcome"]        # stage figures of this run only (a later run adds to the counters)
        res["timing"] = doc_timing(got["wall"], got["cpu"], len(truth["pages"]), ocr, timer, o.seconds if o else None)
        return got["cpu"]

    def again() -> float:       # the same run once more, for its CPU seconds only (output thrown away)
        with tempfile.TemporaryDirectory(prefix="bench-again-") as tmp:
            pipe.forget_readings()          # a second run of the same document would find every reading
            c0 = time.process_time()
            try:
                pipe.run(task["input"], profile, tmp, task["stem"])
            except Exception:  # noqa: BLE001 - the first run recorded the outcome
                pass
            return time.process_time() - c0

    if _scan_timed(task):       # raw OCR passes interleaved with two pipeline runs (benchmarks/scan_timing.py)
        from benchmarks.quality import ocr_pages_of
        from benchmarks.scan_timing import interleaved

        from benchmarks.scan_timing import steadiest

        res.update(interleaved(ocr.inner, task["input"], sorted(ocr_pages_of(truth)), _W["cfg"].ocr.dpi, first_run, again))
        res["raw_ocr"] = steadiest(res["raw_ocr_wall_passes"])
        res["raw_ocr_cpu"] = steadiest(res["raw_ocr_cpu_passes"])
    else:
        first_run()
    res["pipeline_peak_rss_mb"] = got["peak"]
    res["rss_pipeline_loaded_mb"] = round(_W.get("rss_pipeline_loaded", 0.0), 1)
    res["rss_scorer_engine_mb"] = round(_W.get("rss_scorer_engine", 0.0), 1)
    if truth["media"] == "pdf":
        from benchmarks.speed import image_pages

        res["image_pages"] = image_pages(task["input"])
    # 2. the baseline
    if task.get("baseline") and task["kind"] == "quality":
        from benchmarks.baseline import baseline_redact

        try:
            bpdf = out_dir / "baseline" / f"{task['stem']}.baseline.pdf"
            baudit = baseline_redact(task["input"], task["profile"], bpdf)
            bpdf.with_suffix(".audit.json").write_text(json.dumps(baudit, ensure_ascii=False), encoding="utf-8")
            res["baseline_pdf"] = str(bpdf)
        except Exception as exc:  # noqa: BLE001
            res["baseline_error"] = f"{type(exc).__name__}: {exc}"
    # 3. what `redactor verify` says of the released output, with the audit beside it (issue 50: one verdict)
    if res.get("ok") and task["kind"] == "quality":
        res["verify_command_passed"] = verify_command(pipe, res["output_pdf"], res["audit_json"], profile)
    # 4. scoring (and raw OCR of the scanned pages, unless measured above)
    _score(task, res, raw="raw_ocr_cpu" not in res)
    res["peak_rss_mb"] = _peak_rss()
    return res


def verify_command(pipe: Any, output_pdf: str, audit_json: str, profile: Any) -> bool:
    """``redactor verify OUTPUT --profile P`` as the command runs it (the audit beside the output read back from
    disk): passed or not.  The pipeline's own check released the output; the two must agree."""
    from redactor.ownership.records import from_audit

    records = from_audit(json.loads(Path(audit_json).read_text(encoding="utf-8")))
    return bool(pipe.verify(output_pdf, profile, records=records).passed)


def _scan_timed(task: dict[str, Any]) -> bool:
    """Whether the document feeds the scanned-page ratios (``speed.scan_figures``): measured interleaved."""
    truth = task["truth"]
    return truth["media"] == "pdf" and (task["kind"] == "speed" or truth["path"] == "scanned")


def _peak_rss() -> float:
    from benchmarks import extract

    return extract.peak_rss_mb()


def _rescore(task: dict[str, Any]) -> dict[str, Any]:
    res = dict(task["previous"])
    for k in ("redactor", "baseline"):
        res.pop(k, None)
    _score(task, res, raw=False)
    return res


def _score(task: dict[str, Any], res: dict[str, Any], raw: bool = True) -> None:
    """Score the pipeline's output and the baseline's; record the raw OCR time of the input's scanned pages."""
    from benchmarks import extract, verify_agreement
    from benchmarks.quality import ocr_pages_of, score_document

    truth = task["truth"]
    cfg = _W["cfg"]
    audit = None
    if res.get("audit_json"):
        audit = json.loads(Path(res["audit_json"]).read_text(encoding="utf-8"))
        v = audit.get("verification") or {}
        res["verification_passed"] = bool(v.get("passed", True))
        res["verification_leaks"] = [f"{lk.get('category')}@{lk.get('where')}" for lk in v.get("leaks", [])]
        res["verification_findings"] = verify_agreement.findings_of(audit)
        res["page_kinds"] = [p.get("kind") for p in audit.get("page_info", [])]
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        src = task["input"]
        if truth["media"] != "pdf":
            src = extract.image_as_pdf(src, Path(tmp) / "input.pdf")
        with extract.PdfReadout(src, ocr_dpi=cfg.ocr.dpi) as before:
            if raw:        # the same rendering the pipeline OCRs, read once by a bare engine
                times, cpu = [], []
                for n in sorted(ocr_pages_of(truth)):
                    pg = before.page(n)
                    if pg is not None:
                        t, c = before.ocr_seconds, time.process_time()
                        pg.ocr()
                        times.append(round(before.ocr_seconds - t, 3))
                        cpu.append(round(time.process_time() - c, 3))
                res["raw_ocr"] = times
                res["raw_ocr_cpu"] = cpu          # CPU seconds: what a machine shared with other jobs keeps
            if task["kind"] != "quality":
                return
            meta = {"applicant": task.get("applicant"), "scenario": task.get("scenario")}
            after = extract.PdfReadout(res["output_pdf"], ocr_dpi=cfg.ocr.dpi) if res.get("output_pdf") else None
            res["redactor"] = score_document(truth, before, after, audit, fill=_W["fill"], system="redactor", meta=meta)
            if after is not None:
                after.close()
            if res.get("baseline_pdf"):
                bpdf = Path(res["baseline_pdf"])
                baudit = json.loads(bpdf.with_suffix(".audit.json").read_text(encoding="utf-8"))
                with extract.PdfReadout(bpdf, ocr_dpi=cfg.ocr.dpi) as bafter:
                    res["baseline"] = score_document(truth, before, bafter, baudit, fill=(0, 0, 0),
                                                     system="baseline", meta=meta)


def execute(tasks: list[dict[str, Any]], jobs: int, progress: bool = True, cache_dir: str | None = None,
            read_cache: bool = False, pipeline: bool = True) -> list[dict[str, Any]]:
    """Run ``tasks`` on ``jobs`` worker processes (in this process when ``jobs`` is 1)."""
    order = sorted(tasks, key=lambda t: -t["cost"])
    results: list[dict[str, Any]] = []
    t0 = time.perf_counter()

    def note(r: dict[str, Any]) -> None:
        results.append(r)
        if progress:
            state = "ok" if r.get("ok") else ("FAILED " + (r.get("error") or "")[:120])
            print(f"  [{len(results):3d}/{len(tasks)}] {time.perf_counter() - t0:6.0f}s {r['file']:<48} "
                  f"{(r.get('timing') or {}).get('wall', 0):6.1f}s {state}", file=sys.stderr, flush=True)

    init = (cache_dir, read_cache, pipeline)
    if jobs <= 1:
        init_worker(*init)
        for t in order:
            note(run_task(t))
        return results
    import multiprocessing as mp

    with ProcessPoolExecutor(max_workers=jobs, mp_context=mp.get_context("spawn"), initializer=init_worker,
                             initargs=init) as ex:
        futs = {ex.submit(run_task, t): t for t in order}
        for fut in as_completed(futs):
            t = futs[fut]
            try:
                note(fut.result())
            except Exception as exc:  # noqa: BLE001 - a dead worker fails its document, not the run
                note({"file": t["truth"]["file"], "path": t["truth"]["path"], "doc_type": t["truth"]["doc_type"],
                      "kind": t["kind"], "applicant": t.get("applicant"), "ok": False, "benchmark_error": True,
                      "error": f"worker died: {type(exc).__name__}: {exc}"})
    return results


# --- the report --------------------------------------------------------------------------------------

def collect(results: list[dict[str, Any]], system: str) -> tuple[list, list, list]:
    recs, pages, spur = [], [], []
    for r in results:
        s = r.get(system)
        if not s:
            continue
        recs += s["records"]
        pages += s["pages"]
        spur += s["spurious"]
    return recs, pages, spur


def build_report(spec: Spec, results: list[dict[str, Any]], elapsed: float, jobs: int) -> dict[str, Any]:
    from benchmarks import quality, speed

    qual = [r for r in results if r["kind"] == "quality"]
    failures = [{"file": r["file"], "applicant": r.get("applicant"), "path": r["path"], "error": r.get("error", "")}
                for r in qual if not r.get("ok") and not r.get("benchmark_error")]
    bench_errors = [{"file": r["file"], "applicant": r.get("applicant"), "kind": r["kind"], "error": r.get("error", "")}
                    for r in results if r.get("benchmark_error")]
    refused = [{"file": r["file"], "applicant": r.get("applicant"), "path": r["path"],
                "leaks": r.get("verification_leaks", [])} for r in qual if r.get("ok") and not r.get("verification_passed", True)]
    recs, pages, spur = collect(qual, "redactor")
    red = quality.summarize(recs, pages, spur, failures)
    passed_files = {(r.get("applicant"), r["file"]) for r in qual if r.get("ok") and r.get("verification_passed", True)}
    silent = [f"a{r['applicant']}/{r['file']}#{r['id']} ({r['category']}/{r['form']}: {r.get('why')})" for r in recs
              if r["owner"] == "applicant" and r["status"] == "leaked" and (r.get("applicant"), r["file"]) in passed_files]
    red["refused"] = refused
    red["silent_leaks"] = {"count": len(silent), "examples": silent[:25]}
    from benchmarks import verify_agreement

    red["verify_agreement"] = verify_agreement.summarize(qual, recs)
    # the built-in check released these outputs; `redactor verify` must not call any of them leaking (issue 50)
    checked = [r for r in qual if r.get("ok") and "verify_command_passed" in r]
    red["check_vs_verify"] = {"documents": len(checked),
                              "disagreements": [f"a{r.get('applicant')}/{r['file']}" for r in checked
                                                if r["verify_command_passed"] != r.get("verification_passed", True)]}
    without = [f"a{f['applicant']}/{f['file']}: {f['error'][:160]}" for f in failures] + \
        [f"a{f['applicant']}/{f['file']}: verification refused {f['leaks'][:4]}" for f in refused]
    red["bars"] = quality.issue_bars(recs, without, len(qual))
    report: dict[str, Any] = {
        "spec": asdict(spec), "elapsed_s": round(elapsed, 1), "jobs": jobs,
        "documents": len(qual), "pages": sum(r.get("pages", 0) for r in qual),
        "redactor": red,
        "routing": _routing(qual),
        "benchmark_errors": bench_errors,
    }
    if spec.baseline:
        b = collect(qual, "baseline")
        report["baseline"] = quality.summarize(*b, [{"file": r["file"], "error": r["baseline_error"]}
                                                    for r in qual if r.get("baseline_error")])
    scan_rows = [r for r in results if r["kind"] == "speed"] or [r for r in qual if r["path"] == "scanned"]
    report["speed"] = speed.summarize(qual, scan_rows)
    # --- verification cost per page (benchmarks/verify_cost.py) ---
    from benchmarks import verify_cost

    report["speed"]["verification"] = verify_cost.summarize(results)
    # --- end verification cost ---
    report["speed"]["probes"] = speed.probe_figures(results)
    report["speed"]["scan_source"] = "dedicated DPI sweep" if any(r["kind"] == "speed" for r in results) else \
        "scanned documents of the quality run"
    report["speed"]["scan_sweep_failures"] = [r["file"] for r in results if r["kind"] == "speed" and not r.get("ok")]
    return report


def _routing(qual: list[dict[str, Any]]) -> dict[str, Any]:
    """Truth page kind -> how the pipeline treated the page (audit page_info.kind)."""
    from collections import Counter

    c: Counter = Counter()
    for r in qual:
        if not r.get("ok"):
            continue
        truth_kinds = [p.get("kind", "born_digital") for p in r["truth_pages"]] if r.get("truth_pages") else None
        for i, k in enumerate(r.get("page_kinds") or []):
            tk = truth_kinds[i] if truth_kinds and i < len(truth_kinds) else r["path"]
            c[f"{r['path']}:{tk}->{k}"] += 1
    return dict(sorted(c.items()))


# --- thresholds --------------------------------------------------------------------------------------

def _get(d: Any, *keys: str) -> Any:
    for k in keys:
        if not isinstance(d, dict) or k not in d:
            return None
        d = d[k]
    return d


def check_thresholds(report: dict[str, Any], section: str, path: Path = THRESHOLDS,
                     speed: bool = True) -> list[tuple[str, bool, str]]:
    """[(check, passed, detail)] for the thresholds of ``section``; ``speed`` False: quality only (the test
    suite's: a speed limit fails on another CPU or a busy machine, and CI machines are both -- ``make bench``
    checks speed)."""
    spec = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get(section) or {}
    if not speed:
        spec = {k: v for k, v in spec.items() if k != "speed"}
    red = report["redactor"]
    out: list[tuple[str, bool, str]] = []

    def check(name: str, value: Any, ok: bool, limit: str) -> None:
        out.append((name, ok, f"{value} (limit {limit})"))

    for p, cats in (spec.get("recall_min") or {}).items():
        for cat, lim in cats.items():
            cell = _get(red, "applicant", "by_path", p) if cat == "all" else _get(red, "applicant", "by_category_path", cat, p)
            if p == "all":
                cell = _get(red, "applicant", "all") if cat == "all" else _get(red, "applicant", "by_category", cat)
            if not cell or not cell.get("n"):
                check(f"recall {cat}@{p}", "no data", False, f">= {lim}")
                continue
            check(f"recall {cat}@{p}", f"{cell['rate']:.3f} ({cell['n'] - cell['leaked']}/{cell['n']}; leaked {cell['ids'][:4]})",
                  cell["rate"] >= lim, f">= {lim}")
    for p, cats in (spec.get("max_leaks") or {}).items():
        for cat, lim in cats.items():
            cell = _get(red, "applicant", "by_category_path", cat, p) if p != "all" else _get(red, "applicant", "by_category", cat)
            n = cell["leaked"] if cell else 0
            check(f"leaks {cat}@{p}", f"{n} {cell['ids'][:4] if cell else ''}", n <= lim, f"<= {lim}")
    for p, lim in (spec.get("decoys_kept_min") or {}).items():
        cell = _get(red, "decoys", "all") if p == "all" else _get(red, "decoys", "by_path", p)
        if not cell or not cell.get("n"):
            check(f"decoys kept@{p}", "no data", False, f">= {lim}")
            continue
        check(f"decoys kept@{p}", f"{cell['rate']:.3f} ({cell['n'] - cell['lost']}/{cell['n']}; lost {cell['ids'][:4]})",
              cell["rate"] >= lim, f">= {lim}")
    for cat, lim in (spec.get("regions_removed_min") or {}).items():
        cell = _get(red, "regions", cat, "own")
        if not cell or not cell.get("n"):
            continue
        check(f"{cat} removed", f"{cell['rate']:.3f} ({cell['ids'][:4]})", cell["rate"] >= lim, f">= {lim}")
    for cat, lim in (spec.get("regions_kept_min") or {}).items():
        cell = _get(red, "regions", cat, "other")
        if not cell or not cell.get("n"):
            continue
        check(f"others' {cat} kept", f"{cell['rate']:.3f} ({cell['ids'][:4]})", cell["rate"] >= lim, f">= {lim}")
    for p, lim in (spec.get("over_redaction_share_max") or {}).items():
        cell = _get(red, "over_redaction", p)
        if not cell:
            continue
        v = cell["over_share_of_page"] or 0.0
        check(f"over-redaction share@{p}", f"{v:.5f} ({cell['over_pt2_per_page']} pt²/page)", v <= lim, f"<= {lim}")
    for key, lim in (spec.get("bars_min") or {}).items():
        cell = _get(red, "bars", key)
        if not cell or not cell.get("n"):
            continue
        bad = "lost" if "lost" in cell else "leaked"
        check(f"bar: {key}", f"{cell['rate']:.3f} ({cell['n'] - cell[bad]}/{cell['n']}; {bad} {cell['ids'][:4]})",
              cell["rate"] >= lim, f">= {lim}")
    if "max_without_output" in spec:
        w = _get(red, "bars", "documents without output") or {"count": 0, "ids": []}
        check("documents without output (exceptions + verification refusals)", f"{w['count']} {w['ids'][:3]}",
              w["count"] <= spec["max_without_output"], f"<= {spec['max_without_output']}")
    errs = report.get("benchmark_errors") or []
    check("benchmark errors (documents the benchmark itself could not process)",
          f"{len(errs)} {[e['file'] for e in errs][:4]}", not errs, "= 0")
    if "max_failures" in spec:
        n = len(red.get("failures") or [])
        check("pipeline failures", f"{n} {[f['file'] for f in red.get('failures', [])][:4]}", n <= spec["max_failures"],
              f"<= {spec['max_failures']}")
    if "max_refused" in spec:
        n = len(red.get("refused") or [])
        check("verification refusals", f"{n} {[f['file'] for f in red.get('refused', [])][:4]}", n <= spec["max_refused"],
              f"<= {spec['max_refused']}")
    if "max_check_verify_disagreements" in spec:
        cv = red.get("check_vs_verify") or {"documents": 0, "disagreements": []}
        n = len(cv["disagreements"])
        check("built-in check vs redactor verify: disagreements", f"{n} of {cv['documents']} {cv['disagreements'][:4]}",
              n <= spec["max_check_verify_disagreements"], f"<= {spec['max_check_verify_disagreements']}")
    if "max_silent_leaks" in spec:
        n = red["silent_leaks"]["count"]
        check("silent leaks (leaked, verification passed)", f"{n} {red['silent_leaks']['examples'][:3]}",
              n <= spec["max_silent_leaks"], f"<= {spec['max_silent_leaks']}")
    if "min_gain_over_baseline" in spec and report.get("baseline"):
        r, b = red["applicant"]["all"]["rate"], report["baseline"]["applicant"]["all"]["rate"]
        if r is not None and b is not None:
            check("recall gain over baseline", f"{r - b:+.3f} ({b:.3f} -> {r:.3f})", r - b >= spec["min_gain_over_baseline"],
                  f">= {spec['min_gain_over_baseline']}")
    sp = spec.get("speed") or {}
    bd = _get(report, "speed", "born_digital") or {}
    if "picture_pages_per_cpu_s_min" in sp and bd.get("picture_pages"):
        v = bd["picture_pages"].get("pages_per_cpu_s") or 0.0
        check("born-digital pages with pictures: pages per CPU-s", v, v >= sp["picture_pages_per_cpu_s_min"],
              f">= {sp['picture_pages_per_cpu_s_min']}")
    if "born_digital_pages_per_s_min" in sp and bd:
        v = bd.get("pages_per_s") or 0.0
        check("born-digital pages/s", v, v >= sp["born_digital_pages_per_s_min"], f">= {sp['born_digital_pages_per_s_min']}")
    for key, field, what in (("overhead_over_raw_ocr_max", "total_over_raw_ocr", "pipeline / raw OCR"),
                             ("overhead_over_raw_ocr_cpu_max", "cpu_total_over_raw_ocr_cpu",
                              "pipeline CPU / raw OCR CPU")):
        if key not in sp:
            continue
        for dpi, row in (_get(report, "speed", "scanned_by_dpi") or {}).items():
            v = row.get(field)
            if v is not None:
                check(f"scanned {dpi} DPI: {what}", v, v <= sp[key], f"<= {sp[key]}")
    if "non_ocr_pct_of_ocr_max" in sp:
        for dpi, row in (_get(report, "speed", "scanned_by_dpi") or {}).items():
            v = row.get("overhead_pct_of_ocr")
            lim = sp["non_ocr_pct_of_ocr_max"]
            lim = lim.get(str(dpi), lim.get(int(dpi))) if isinstance(lim, dict) else lim
            if v is not None and lim is not None:
                check(f"scanned {dpi} DPI: non-OCR work as % of OCR time", v, v <= lim, f"<= {lim}")
    probes = _get(report, "speed", "probes") or {}
    for key, (probe, field, sign) in {
        "text_only_pages_per_s_min": ("text_only", "pages_per_s", 1), "image_pages_per_s_min": ("image_pages", "pages_per_s", 1),
        "text_only_pages_per_cpu_s_min": ("text_only", "pages_per_cpu_s", 1),
        "image_pages_per_cpu_s_min": ("image_pages", "pages_per_cpu_s", 1),
        "blank_s_per_page_max": ("blank", "s_per_page", -1), "blank_cpu_s_per_page_max": ("blank", "cpu_s_per_page", -1),
        "blank_scan_s_per_page_max": ("blank_scan", "s_per_page", -1),
        "long_s_per_page_max": ("long", "s_per_page", -1), "long_peak_rss_mb_max": ("long", "pipeline_peak_rss_mb", -1),
    }.items():
        if key in sp and (probe in probes or probe != "long"):
            v = (probes.get(probe) or {}).get(field)
            ok = v is not None and (v >= sp[key] if sign > 0 else v <= sp[key])
            check(f"probe {probe}: {field}", v, ok, f"{'>=' if sign > 0 else '<='} {sp[key]}")
    if "peak_rss_mb_max" in sp:
        v = _get(report, "speed", "memory", "pipeline_peak_rss_mb_max") or _get(report, "speed", "memory", "peak_rss_mb_max")
        if v:
            check("peak RSS per worker (MiB)", v, v <= sp["peak_rss_mb_max"], f"<= {sp['peak_rss_mb_max']}")
    return out


# --- markdown ----------------------------------------------------------------------------------------

# the "done when" bars of issue #10 (also the `bars_min` thresholds of thresholds.yaml: full, variety)
BARS: dict[str, float] = {
    "recall name": 0.995, "recall id_number": 0.995, "recall phone": 0.995, "recall employer": 0.995,
    "recall email": 0.995, "recall qr_code": 0.995, "portraits removed": 1.0, "employer seals removed": 0.97,
    "applicant signatures removed": 0.97, "others' seals kept": 0.97, "others' signatures kept": 0.97,
    "decoys kept": 0.99,
}

def _cell(c: dict[str, Any] | None, bad: str) -> str:
    if not c or not c.get("n"):
        return "–"
    return f"{c['rate']:.3f} ({c['n'] - c[bad]}/{c['n']})"


def _paths_in(report: dict[str, Any]) -> list[str]:
    from benchmarks.quality import PATH_ORDER

    have = set((report["redactor"]["applicant"]["by_path"] or {}).keys()) | set(report["redactor"]["decoys"]["by_path"].keys())
    return [p for p in PATH_ORDER if p in have]


def markdown(report: dict[str, Any], checks: list[tuple[str, bool, str]] | None = None) -> str:
    from benchmarks.quality import CATEGORIES

    red = report["redactor"]
    base = report.get("baseline")
    paths = _paths_in(report)
    L: list[str] = []
    sp = report["spec"]
    L.append(f"# redactor benchmark — `{sp['name']}` (seed {sp['seed']}, applicants {list(sp['applicants'])})\n")
    L.append(f"{report['documents']} documents, {report['pages']} pages, {report['elapsed_s']:.0f} s wall with "
             f"{report['jobs']} worker(s).\n")

    bars = red.get("bars")
    if bars:
        L.append("## Issue #10 bars (every path; outputs withheld or missing are counted only in the last row)\n")
        L.append("| measure | value | bar | units not met (file#unit) |")
        L.append("|---|---|---|---|")
        for key, cell in bars.items():
            lim = BARS.get(key)
            if key == "documents without output":
                L.append(f"| {key} | {cell['count']} of {cell['n']} | {'0' if lim is None else lim} | "
                         f"{'; '.join(cell['ids'][:6])} |")
                continue
            bad = "lost" if "lost" in cell else "leaked"
            flag = "" if lim is None or cell["rate"] is None or cell["rate"] >= lim else " **below**"
            L.append(f"| {key} | {_cell(cell, bad)}{flag} | {'≥ ' + str(lim) if lim is not None else '–'} | "
                     f"{', '.join(cell['ids'][:6])} |")
        L.append("")

    L.append("## Applicant's own data removed (recall = units not leaked / units)\n")
    L.append("| category | " + " | ".join(paths) + " | all |")
    L.append("|---|" + "---|" * (len(paths) + 1))
    for cat in CATEGORIES:
        row = red["applicant"]["by_category_path"].get(cat)
        if not row:
            continue
        L.append(f"| {cat} | " + " | ".join(_cell(row.get(p), "leaked") for p in paths) + f" | {_cell(row.get('all'), 'leaked')} |")
    L.append("| **all** | " + " | ".join(_cell(red["applicant"]["by_path"].get(p), "leaked") for p in paths)
             + f" | {_cell(red['applicant']['all'], 'leaked')} |\n")
    sh = red["applicant"]["shared"]
    if sh:
        L.append("Shared employer mentions (the applicant's employer in a colleague's row), also counted above: "
                 + ", ".join(f"{p} {_cell(c, 'leaked')}" for p, c in sh.items()) + ".\n")
    a = red["applicant"]
    L.append(f"Partly readable but not counted as leaked (≥ half of the characters still near the box): "
             f"{a['partial']} {a['partial_ids'][:6]}. Units no reader could read in the input (scored by "
             f"coverage): {a['unmeasurable']}. Leaks by reader: {a['leaks_by_reader']}.\n")

    L.append("## Other people's data kept (decoys)\n")
    L.append("| category | " + " | ".join(paths) + " | all |")
    L.append("|---|" + "---|" * (len(paths) + 1))
    for cat in CATEGORIES:
        row = red["decoys"]["by_category_path"].get(cat)
        if not row:
            continue
        L.append(f"| {cat} | " + " | ".join(_cell(row.get(p), "lost") for p in paths) + f" | {_cell(row.get('all'), 'lost')} |")
    L.append("| **all** | " + " | ".join(_cell(red["decoys"]["by_path"].get(p), "lost") for p in paths)
             + f" | {_cell(red['decoys']['all'], 'lost')} |\n")
    if red["decoys"].get("lost_by_reason"):
        L.append(f"Decoys lost by reason (covered: > half of the box blacked out; unreadable_after: readable in the "
                 f"input, not in the output): {red['decoys']['lost_by_reason']}.\n")

    L.append("## Over-redaction (blacked-out area outside the applicant's own boxes)\n")
    L.append("| path | pages | over pt²/page | share of page area | share of blacked-out area |")
    L.append("|---|---|---|---|---|")
    for p in paths + ["all"]:
        c = red["over_redaction"].get(p)
        if c and "pages" in c:
            L.append(f"| {p} | {c['pages']} | {c['over_pt2_per_page']} | {100 * (c['over_share_of_page'] or 0):.3f}% | "
                     f"{100 * (c['over_share_of_redacted'] or 0):.1f}% |")
    L.append("")
    obr = red["over_redaction"].get("outside_by_rule_pt2") or {}
    if obr:
        L.append("Area outside own boxes by category:rule (pt², whole run): "
                 + ", ".join(f"{k} {v:.0f}" for k, v in list(obr.items())[:10]) + ".\n")
    top = red["over_redaction"].get("top_documents") or []
    if top:
        L.append("Most over-redacted documents: " + "; ".join(f"{t['doc']} {t['over_pt2']:.0f} pt² ({t['main_rule']})"
                                                            for t in top[:6]) + ".\n")
    if red["spurious"]["count"]:
        L.append(f"Redaction boxes with < 20 % overlap with any own box: {red['spurious']['count']}, by category:rule "
                 f"{dict(list(red['spurious']['by_rule'].items())[:8])}.\n")

    L.append("## Regions\n")
    L.append("| region | own removed | mean own coverage (pixels / audit) | own QR decodes / faces found: after (before) | others kept |")
    L.append("|---|---|---|---|---|")
    for cat, c in red["regions"].items():
        if not c["own"]["n"] and not c["other"]["n"]:
            continue
        L.append(f"| {cat} | {_cell(c['own'], 'leaked')} | {c['own_mean_cov_pixels']} / {c['own_mean_cov_audit']} | "
                 f"{c['own_readable_after']} ({c['own_readable_before']}) | {_cell(c['other'], 'lost')} |")
    L.append("")

    if base:
        L.append("## Baseline (exact Find & Redact on the text layer) vs redactor\n")
        L.append("| | baseline recall | redactor recall | baseline decoys kept | redactor decoys kept | "
                 "baseline over pt²/page | redactor over pt²/page |")
        L.append("|---|---|---|---|---|---|---|")
        for p in paths + ["all"]:
            ba = base["applicant"]["all"] if p == "all" else base["applicant"]["by_path"].get(p)
            ra = red["applicant"]["all"] if p == "all" else red["applicant"]["by_path"].get(p)
            bd = base["decoys"]["all"] if p == "all" else base["decoys"]["by_path"].get(p)
            rd = red["decoys"]["all"] if p == "all" else red["decoys"]["by_path"].get(p)
            bo = (base["over_redaction"].get(p) or {}).get("over_pt2_per_page")
            ro = (red["over_redaction"].get(p) or {}).get("over_pt2_per_page")
            L.append(f"| {p} | {_cell(ba, 'leaked')} | {_cell(ra, 'leaked')} | {_cell(bd, 'lost')} | {_cell(rd, 'lost')} | {bo} | {ro} |")
        L.append("")
        L.append("| category (all paths) | baseline recall | redactor recall |")
        L.append("|---|---|---|")
        for cat in CATEGORIES:
            b, r = base["applicant"]["by_category"].get(cat), red["applicant"]["by_category"].get(cat)
            if b or r:
                L.append(f"| {cat} | {_cell(b, 'leaked')} | {_cell(r, 'leaked')} |")
        L.append("")

    L.append("## By material type and by form (all paths)\n")
    L.append("| material (doc_type) | applicant recall | decoys kept | baseline recall |")
    L.append("|---|---|---|---|")
    for k in sorted(set(red["applicant"]["by_doc_type"]) | set(red["decoys"]["by_doc_type"])):
        b = _cell((base or {}).get("applicant", {}).get("by_doc_type", {}).get(k), "leaked") if base else "–"
        L.append(f"| {k} | {_cell(red['applicant']['by_doc_type'].get(k), 'leaked')} | "
                 f"{_cell(red['decoys']['by_doc_type'].get(k), 'lost')} | {b} |")
    L.append("")
    L.append("| category/form (applicant's) | redactor recall | baseline recall |")
    L.append("|---|---|---|")
    for k, v in red["applicant"]["by_form"].items():
        b = _cell((base or {}).get("applicant", {}).get("by_form", {}).get(k), "leaked") if base else "–"
        L.append(f"| {k} | {_cell(v, 'leaked')} | {b} |")
    L.append("")

    worst = sorted(((k, v) for k, v in red["applicant"]["by_form_path"].items() if v["n"] and v["leaked"]),
                   key=lambda kv: (kv[1]["rate"], -kv[1]["n"]))[:15]
    if worst:
        L.append("## Worst forms (applicant recall by form@path)\n")
        L.append("| form@path | recall | leaked (file#unit) |")
        L.append("|---|---|---|")
        for k, v in worst:
            L.append(f"| {k} | {_cell(v, 'leaked')} | {', '.join(v['ids'][:4])} |")
        L.append("")
    worst_d = sorted(((k, v) for k, v in red["decoys"]["by_form"].items() if v["n"] and v["lost"]),
                     key=lambda kv: (kv[1]["rate"], -kv[1]["n"]))[:10]
    if worst_d:
        L.append("## Decoys lost, by form\n")
        L.append("| category/form | kept | lost (file#unit) |")
        L.append("|---|---|---|")
        for k, v in worst_d:
            L.append(f"| {k} | {_cell(v, 'lost')} | {', '.join(v['ids'][:4])} |")
        L.append("")

    L.append("## Failures\n")
    L.append(f"- pipeline failures (no output): {len(red.get('failures') or [])} "
             + "; ".join(f"{f['file']} ({f['error'][:100]})" for f in (red.get("failures") or [])[:8]))
    L.append(f"- verification would refuse (output withheld by default): {len(red['refused'])} "
             + "; ".join(f"a{f['applicant']}/{f['file']} {f['leaks'][:3]}" for f in red["refused"][:8]))
    if report.get("benchmark_errors"):
        L.append(f"- **benchmark errors** (not scored): {len(report['benchmark_errors'])} "
                 + "; ".join(f"{e['file']} ({e['error'][:100]})" for e in report["benchmark_errors"][:8]))
    L.append(f"- silent leaks (leaked although verification passed): {red['silent_leaks']['count']} "
             + "; ".join(red["silent_leaks"]["examples"][:8]))
    L.append("")
    from benchmarks import verify_agreement

    L += verify_agreement.markdown(red.get("verify_agreement") or {})

    s = report["speed"]
    bd = s.get("born_digital") or {}
    L.append("## Speed\n")
    if bd:
        L.append(f"Born-digital: {bd['pages']} pages in {bd['documents']} documents, **{bd['pages_per_s']} pages/s** "
                 f"per worker ({bd['s_per_page']} s/page wall, {bd['pages_per_s_cpu']} pages/s of CPU); shares of the "
                 f"time: {bd['share']}; detection without its OCR {bd['detect_excl_ocr_share']}; "
                 f"{bd['documents_with_ocr']} of {bd['documents']} born-digital documents were OCRed "
                 f"({bd['ocr_calls']} OCR calls). Documents whose every page shows a picture: "
                 f"{bd.get('picture_pages')}.\n")
    # --- speed probes (benchmarks/speed.py) ---
    pr = s.get("probes") or {}
    if pr:
        L.append("Probes (same run, same worker): " + "; ".join(
            f"{k} {v['pages']} pages: {v['pages_per_s']} pages/s ({v['s_per_page']} s/page, {v['cpu_s_per_page']} CPU-s/page; per page "
            + ", ".join(f"{st} {x}" for st, x in v["stages_s_per_page"].items())
            + f"; {v['ocr_calls']} OCR calls" + (f"; peak RSS {v['pipeline_peak_rss_mb']} MiB" if k == "long" else "") + ")"
            for k, v in pr.items()) + "\n")
    # --- end speed probes ---
    if s.get("scanned_by_dpi"):
        L.append(f"Scanned pages ({s['scan_source']}):\n")
        L.append("| scan DPI | pages | s/page | OCR s/page (ingest+regions+verify) | other s/page | raw OCR s/page | "
                 "non-OCR as % of OCR | total / raw OCR | CPU s/page | raw OCR CPU s/page | CPU / raw OCR CPU |")
        L.append("|---|---|---|---|---|---|---|---|---|---|---|")
        for dpi, r in s["scanned_by_dpi"].items():
            L.append(f"| {dpi} | {r['pages']} | {r['s_per_page']} | {r['ocr_s_per_page']} ({r['ocr_ingest_s_per_page']}+"
                     f"{r['ocr_detect_s_per_page']}+{r['ocr_verify_s_per_page']}) | {r['other_s_per_page']} | "
                     f"{r['raw_ocr_s_per_page']} | {r['overhead_pct_of_ocr']}% | {r['total_over_raw_ocr']}× | "
                     f"{r['cpu_s_per_page']} | {r.get('raw_ocr_cpu_s_per_page')} | {r.get('cpu_total_over_raw_ocr_cpu')}× |")
        L.append("")
        L.append("CPU s/page by stage (ingest without detection, of it OCR; regions = detection, of it OCR; "
                 "verification, of it OCR): " + "; ".join(
                     f"{dpi} DPI: ingest {r['cpu_stages_s_per_page']['ingest']} ({r['cpu_stages_s_per_page']['ocr_ingest']}), "
                     f"regions {r['cpu_stages_s_per_page']['detect']} ({r['cpu_stages_s_per_page']['ocr_detect']}), "
                     f"verify {r['cpu_stages_s_per_page']['verify']} ({r['cpu_stages_s_per_page']['ocr_verify']})"
                     for dpi, r in s["scanned_by_dpi"].items() if r.get("cpu_stages_s_per_page")) + "\n")
    # --- verification cost per page (benchmarks/verify_cost.py) ---
    if s.get("verification"):
        L.append("Verification per page (s, of which its OCR; share of the wall time): " + "; ".join(
            f"{p} {v['verify_s_per_page']} ({v['verify_ocr_s_per_page']}; {v['verify_share_of_wall']})"
            for p, v in s["verification"].items()) + "\n")
    # --- end verification cost ---
    m = s.get("memory") or {}
    if m:
        L.append(f"Peak RSS per worker process (pipeline + scorer): {m['peak_rss_mb_per_worker']} MiB; while the "
                 f"pipeline ran: {m.get('pipeline_peak_rss_mb_per_worker')} MiB, of which the scorer's resident OCR "
                 f"engine is {m.get('scorer_engine_mb')} MiB (pipeline alone ≈ {m.get('pipeline_only_peak_rss_mb_max')} "
                 f"MiB); pipeline resident after loading and warm-up: {m.get('pipeline_loaded_rss_mb')} MiB.\n")
    if report.get("routing"):
        L.append(f"Page routing (path:truth kind -> pipeline kind): {report['routing']}\n")
    if checks is not None:
        L.append("## Thresholds\n")
        for name, ok, detail in checks:
            L.append(f"- {'PASS' if ok else '**FAIL**'} {name}: {detail}")
        L.append("")
    return "\n".join(L)


# --- entry point -------------------------------------------------------------------------------------

def run_benchmark(spec: Spec, out: Path, jobs: int = 1, progress: bool = True) -> dict[str, Any]:
    out.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    tasks = build_tasks(spec, out / "corpus", out / "outputs")
    tasks += build_speed_tasks(spec, out / "corpus" / "speed", out / "outputs" / "speed")
    if spec.probes:
        from benchmarks.speed import probe_tasks

        profile = next((t["profile"] for t in tasks if t.get("applicant") == 0), None)
        tasks += probe_tasks(out / "corpus", out / "outputs" / "probes", profile, long=spec.long_probe)
    if progress:
        print(f"{spec.name}: {len(tasks)} inputs, {jobs} worker(s), corpus ready in {time.perf_counter() - t0:.0f}s",
              file=sys.stderr, flush=True)
    results = execute(tasks, jobs, progress, cache_dir=str(out / "ocr_cache"))
    return finish(spec, out, tasks, results, time.perf_counter() - t0, jobs)


def rescore(out: Path, jobs: int = 1, progress: bool = True) -> tuple[Spec, dict[str, Any]]:
    """Score the outputs of an earlier run in ``out`` again (after a change to the scorer), without the pipeline.

    Timings are the earlier run's; OCR results come from its cache where the pixels are unchanged.
    """
    t0 = time.perf_counter()
    meta = json.loads((out / "report.json").read_text(encoding="utf-8"))
    spec = Spec(**{k: (tuple(v) if isinstance(v, list) else v) for k, v in meta["spec"].items()})
    previous = json.loads((out / "documents.json").read_text(encoding="utf-8"))
    truths: dict[tuple[Any, str], tuple[dict[str, Any], dict[str, Any]]] = {}
    for tj in (out / "corpus").glob("applicant_*/truth.json"):
        t = json.loads(tj.read_text(encoding="utf-8"))
        for d in t["documents"]:
            truths[(t["applicant_index"], d["file"])] = (d, t["profile"])
    tasks, kept = [], []
    for r in previous:
        if r["kind"] != "quality" or (r.get("applicant"), r["file"]) not in truths:
            kept.append(r)
            continue
        truth, profile = truths[(r["applicant"], r["file"])]
        tasks.append({"kind": "quality", "rescore": True, "previous": r, "truth": truth, "profile": profile,
                      "input": r["input"], "applicant": r["applicant"], "scenario": r.get("scenario"),
                      "cost": _cost(truth)})
    results = execute(tasks, jobs, progress, cache_dir=str(out / "ocr_cache"), read_cache=True, pipeline=False)
    return spec, finish(spec, out, tasks, results + kept, meta.get("elapsed_s", 0.0), jobs,
                        note=f"re-scored in {time.perf_counter() - t0:.0f} s")


def finish(spec: Spec, out: Path, tasks: list[dict[str, Any]], results: list[dict[str, Any]], elapsed: float,
           jobs: int, note: str = "") -> dict[str, Any]:
    truth_pages = {(t.get("applicant"), t["truth"]["file"], t["kind"]): t["truth"]["pages"] for t in tasks}
    for r in results:
        r["truth_pages"] = truth_pages.get((r.get("applicant"), r["file"], r["kind"]))
    report = build_report(spec, results, elapsed, jobs)
    if note:
        report["note"] = note
    with (out / "records.jsonl").open("w", encoding="utf-8") as fh:
        for r in results:
            for system in ("redactor", "baseline"):
                for rec in (r.get(system) or {}).get("records", []):
                    fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    (out / "documents.json").write_text(json.dumps(
        [{k: v for k, v in r.items() if k not in ("redactor", "baseline", "truth_pages")} for r in results],
        ensure_ascii=False, indent=1), encoding="utf-8")
    return report


def run_realdocs(out: Path, realdocs: Path = REALDOCS) -> str | None:
    """Run ``../shared/realdocs/score.py`` (the real public documents) with this venv's redactor;
    return its results table (markdown), or None when the folder is not there."""
    import subprocess

    score = realdocs / "score.py"
    if not score.is_file():
        print(f"note: {realdocs} not found; realdocs not scored", file=sys.stderr)
        return None
    work = out / "realdocs"
    exe = Path(sys.executable).parent / "redactor"
    cmd = [sys.executable, str(score), "--redactor", str(exe), "--work", str(work)]
    print("realdocs: " + " ".join(cmd), file=sys.stderr, flush=True)
    proc = subprocess.run(cmd, cwd=realdocs, capture_output=True, text=True)
    res = work / "results.md"
    if proc.returncode != 0 or not res.is_file():
        return f"realdocs scorer failed (exit {proc.returncode}): {(proc.stderr or proc.stdout)[-800:]}"
    return res.read_text(encoding="utf-8")


def realdocs_scan_cost(realdocs: Path = REALDOCS) -> str | None:
    """What the real scans and photos of ``../shared/realdocs`` cost against one raw OCR pass of the same pages
    (``benchmarks.scan_cost --realdocs``: dense real pages, where the CI probe's two certificates are sparse),
    as a markdown line; None when the folder is not there."""
    if not (realdocs / "inputs").is_dir():
        return None
    from benchmarks.scan_cost import measure

    r = measure(reps=1, realdocs=realdocs)
    return (f"Real scans and photos ({r['pages']} pages, `python -m benchmarks.scan_cost --realdocs {realdocs}`): "
            f"pipeline **{r['ratio']}x** one raw OCR pass, **{r['ratio_anchor']}x** RapidOCR as shipped "
            f"({r['rapidocr_default']}); CPU s/page: raw OCR {r['raw_ocr']}, pipeline "
            f"{r['pipeline']} (ingest {r['ingest']} with OCR {r['ocr_ingest']}, regions {r['detect']}, verify "
            f"{r['verify']} with OCR {r['ocr_verify']}, redact+audit+other {r['other']})\n")


def summary(out: Path, realdocs: str | None, scan_cost: str | None = None) -> str:
    """The issue #10 bars of the development seed and the held-out seed side by side, and realdocs."""
    reports = {}
    for label, sub in (("development seed", "dev"), ("held-out seed", "heldout")):
        f = out / sub / "report.json"
        if f.is_file():
            reports[label] = json.loads(f.read_text(encoding="utf-8"))
    L = ["# Benchmark summary\n"]
    if reports:
        L.append("| measure | bar | " + " | ".join(f"{k} ({r['spec']['seed']})" for k, r in reports.items()) + " |")
        L.append("|---|---|" + "---|" * len(reports))
        keys = list(next(iter(reports.values()))["redactor"].get("bars", {}))
        for key in keys:
            cells = []
            for r in reports.values():
                c = r["redactor"].get("bars", {}).get(key)
                if not c:
                    cells.append("–")
                elif key == "documents without output":
                    cells.append(f"{c['count']} of {c['n']}")
                else:
                    bad = "lost" if "lost" in c else "leaked"
                    lim = BARS.get(key)
                    flag = " **below**" if lim is not None and c["rate"] is not None and c["rate"] < lim else ""
                    cells.append(_cell(c, bad) + flag)
            lim = "0" if key == "documents without output" else (f"≥ {BARS[key]}" if key in BARS else "–")
            L.append(f"| {key} | {lim} | " + " | ".join(cells) + " |")
        L.append("| silent leaks (leaked, verification passed) | 0 | "
                 + " | ".join(str(r["redactor"].get("silent_leaks", {}).get("count", "–")) for r in reports.values()) + " |")
        for key, label in (("called_clean_with_value", "outputs called clean with a value left"),
                           ("false_alarms", "verification false alarms")):
            L.append(f"| {label} | 0 | " + " | ".join(
                str(r["redactor"].get("verify_agreement", {}).get(key, "–")) for r in reports.values()) + " |")
        L.append("")
    if realdocs:
        L.append("## realdocs (../shared/realdocs/score.py)\n")
        L.append(realdocs)
    if scan_cost:
        L.append("## realdocs: what a real scanned page costs (issue #14)\n")
        L.append(scan_cost)
    return "\n".join(L)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.split("\n\n")[0])
    g = ap.add_mutually_exclusive_group()
    g.add_argument("--full", action="store_true",
                   help="every applicant scenario, document type (classic and variety) and rendering path, DPI sweep")
    g.add_argument("--subset", choices=["ci", "tiny", "variety", "classic", "bitonal", "structure", "words", "marks"],
                   help="ci: the CI subset with thresholds; tiny: two born-digital documents; variety: only the "
                        "other layouts, fonts, seals and Word forms through their paths; classic: --full without them; "
                        "bitonal: the scanned variety documents as black-and-white scans (no bars)")
    g.add_argument("--summarize", action="store_true",
                   help="print the bars of OUT/dev and OUT/heldout side by side and score ../shared/realdocs")
    ap.add_argument("--seed", type=int, default=DEV_SEED)
    ap.add_argument("--heldout", action="store_true",
                    help=f"use the held-out seed ({HELDOUT_SEED}): never used while developing, reported separately")
    ap.add_argument("--applicants", type=int, default=None, help="--full/variety/classic: number of applicants")
    ap.add_argument("--config", default=None, help="a redactor config merged over the defaults for the pipeline "
                    "under test (e.g. ocr.rec_cascade: true); the scorers are unchanged")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1))
    ap.add_argument("--no-baseline", action="store_true")
    ap.add_argument("--no-realdocs", action="store_true", help="--summarize: do not run the realdocs scorer")
    ap.add_argument("--check", action="store_true", help="exit 1 on a failed threshold also for --full")
    ap.add_argument("--long", action="store_true", help="also time a 300-page document (s/page, peak RSS)")
    ap.add_argument("--rescore", action="store_true",
                    help="score the outputs already in --out again (scorer changes) without running the pipeline")
    args = ap.parse_args(argv)
    if args.config:
        os.environ["REDACTOR_BENCH_CONFIG"] = str(Path(args.config).resolve())
    if args.summarize:
        md = summary(args.out, None if args.no_realdocs else run_realdocs(args.out),
                     None if args.no_realdocs else realdocs_scan_cost())
        (args.out / "summary.md").write_text(md, encoding="utf-8")
        print(md)
        return 0
    if args.rescore:
        spec, report = rescore(args.out, args.jobs)
        name = spec.name
    else:
        name = "full" if args.full else (args.subset or "ci")
        spec = spec_for(name, HELDOUT_SEED if args.heldout else args.seed, args.applicants)
        if args.no_baseline:
            spec.baseline = False
        if args.long:
            spec.probes = spec.long_probe = True
        report = run_benchmark(spec, args.out, args.jobs)
    checks = check_thresholds(report, spec.thresholds) if spec.thresholds else []
    report["thresholds"] = [{"check": c, "passed": ok, "detail": d} for c, ok, d in checks]
    md = markdown(report, checks)
    (args.out / "report.md").write_text(md, encoding="utf-8")
    (args.out / "report.json").write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    from benchmarks.failures import failure_classes
    (args.out / "failures.md").write_text(failure_classes(args.out), encoding="utf-8")
    print(md)
    failed = [c for c in checks if not c[1]]
    if failed:
        print(f"\n{len(failed)} threshold(s) failed:", file=sys.stderr)
        for c, _, d in failed:
            print(f"  FAIL {c}: {d}", file=sys.stderr)
    print(f"\nwritten {args.out / 'report.md'}, {args.out / 'report.json'} and {args.out / 'failures.md'}", file=sys.stderr)
    return 1 if failed and (name not in ("full", "variety", "classic", "bitonal") or args.check) else 0


if __name__ == "__main__":
    raise SystemExit(main())
