"""One applicant's dossier, end to end, beside RapidOCR as shipped on the same pages (issue 52).

    python -m benchmarks.dossier --out DIR                       # one dossier, one warm worker, the anchor
    python -m benchmarks.dossier --out DIR --config FILE         # the same with a config merged over the defaults
    python -m benchmarks.dossier --out DIR --batch-applicants 20 # also the dossier x20 through `redactor batch`

**The dossier** (``generate_dossier(seed, 0, PATHS, variety=True)``): every classic and variety document
born-digital (about half the pages: forms, papers, certificates as the systems print them, many with a
photo, a seal or a signature image), the documents each scanning path draws by default (greyscale and colour
scans, scans with an invisible OCR layer, a digital page with a pasted scan: about a third) and the phone
photos and picture files applicants upload of certificates and cards (the rest): about 55 pages.  Proportions
follow what reaches a region's desk: the forms are printed from the system, the certificates and old papers are
scans or photos.

**Page kinds**, by what the pipeline must do with the page, decided from the file alone: ``text`` (born-digital,
no image and no vector art that needs pixels: ``ingest.drawings.paths_need_pixels``), ``pictures``
(born-digital with images or such art), ``scanned`` (a page-sized picture in a PDF), ``photo`` (a picture file).
A document's CPU seconds are spread over its pages; a document of mixed kinds counts under the kind most of its
pages have (on a tie, the costlier).

**Measured, in one process on the machine as it is** (say whether it was idle): the pipeline's ``run`` per
document with one warm ``Pipeline`` (models loaded and warmed first, not timed), wall seconds and CPU seconds
(``time.process_time``: every thread of the process); peak RSS; then **RapidOCR as shipped** (its sessions and
threads as installed, the angle classifier off, one warmed engine) on every page rendered at the pipeline's OCR
resolution, wall and CPU.  ``--redact-jobs 1,0`` (the default) also runs the whole dossier as one ``redactor redact`` call with each ``--jobs``
value (0: documents at once, a worker process per core as the memory allows), wall seconds from the command's
start, models loaded in every worker, and checks that every call decided alike.  ``--batch-applicants N`` copies the dossier to N applicants and times
``redactor batch`` with 1 and 2 workers and, with the ray extra, a loopback Ray cluster of 1 and 2 nodes.

Writes ``OUT/dossier-benchmark.json`` and prints the markdown tables.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any, Sequence

PATHS = ("born_digital", "scanned", "phone_photo", "mixed", "image_file", "scan_with_hidden_text")
KINDS = ("text", "pictures", "scanned", "photo")
DEFAULT_SEED = 52052


def write_dossier(seed: int, folder: Path) -> tuple[list[Path], Path]:
    """The dossier's files and its profile under ``folder`` (generated once, re-used after)."""
    from benchmarks.corpus import generate_dossier
    from benchmarks.corpus.generate import write_profile

    profile = folder / "profile.yaml"
    listed = folder / "files.json"
    if not listed.exists():
        folder.mkdir(parents=True, exist_ok=True)
        d = generate_dossier(seed, 0, PATHS, variety=True, name_in_filename=False)
        names = []
        for f in d.files:
            (folder / f.name).write_bytes(f.data)
            names.append(f.name)
        write_profile(profile, d.profile)
        listed.write_text(json.dumps(names), encoding="utf-8")
    return [folder / n for n in json.loads(listed.read_text(encoding="utf-8"))], profile


def page_kinds(path: Path, work: Path) -> list[str]:
    """Each page's kind (see the module's docstring)."""
    import pymupdf

    from redactor.ingest.drawings import paths_need_pixels, read_paths

    if path.suffix.lower() != ".pdf":
        pdf = as_pdf(path, work)
        with pymupdf.open(pdf) as doc:
            return ["photo"] * doc.page_count
    kinds = []
    with pymupdf.open(path) as doc:
        for page in doc:
            infos = page.get_image_info()
            area = page.rect.width * page.rect.height
            pictured = sum(abs(pymupdf.Rect(i["bbox"]) & page.rect) for i in infos)
            if infos and pictured >= 0.5 * area:
                kinds.append("scanned")
            elif infos or paths_need_pixels(read_paths(page)):
                kinds.append("pictures")
            else:
                kinds.append("text")
    return kinds


def as_pdf(path: Path, work: Path) -> Path:
    """A picture file as ingest makes it a PDF (``image_to_pdf``), for rendering it like the pipeline does."""
    from redactor.config import load_config
    from redactor.ingest.images import image_to_pdf

    if path.suffix.lower() == ".pdf":
        return path
    cfg = load_config()
    out = work / (path.stem + ".as.pdf")
    if not out.exists():
        image_to_pdf(str(path), str(out), cfg.ingest.image_dpi_fallback, cfg.ingest.max_image_pixels)
    return out


def run_pipeline(files: list[Path], profile_path: Path, config: Path | None, work: Path,
                 cores: int | None = None) -> list[dict[str, Any]]:
    """Each document through one warm ``Pipeline`` using ``cores`` (None: every core, as one document alone on the
    machine runs; 1: a batch worker's share on a machine with a worker per core): wall and CPU seconds."""
    import yaml

    from benchmarks.speed import warm_pipeline
    from redactor.config import load_config, profile_from_mapping
    from redactor.pipeline import Pipeline

    cfg = load_config(str(config) if config else None)
    pipe = Pipeline(cfg, cores=cores)
    warm_pipeline(pipe)
    profile = profile_from_mapping(yaml.safe_load(profile_path.read_text(encoding="utf-8")))
    rows = []
    out = work / "outputs"
    for i, f in enumerate(files):
        w0, c0 = time.perf_counter(), time.process_time()
        outcome = pipe.run(str(f), profile, str(out), f"{i:02d}")
        rows.append({"file": f.name, "ok": outcome.ok, "wall": time.perf_counter() - w0, "cpu": time.process_time() - c0,
                     "needs_review": outcome.needs_review})
        print(f"  {f.name}: {rows[-1]['wall']:.2f} s wall, {rows[-1]['cpu']:.2f} CPU-s", file=sys.stderr)
    return rows


def run_anchor(files: list[Path], dpi: float, work: Path) -> list[dict[str, Any]]:
    """RapidOCR as shipped on every page of every file at ``dpi``: wall and CPU seconds a page."""
    import pymupdf

    from redactor.ingest.images import render_page

    from benchmarks.ocr_speed import _DefaultRapid

    anchor = _DefaultRapid(use_cls=False)         # RapidOCR as shipped, the angle classifier off
    with pymupdf.open() as warm:
        p = warm.new_page(width=300, height=100)
        p.insert_text((10, 50), "预热 warm-up 123", fontname="china-s", fontsize=14)
        anchor.recognize(render_page(p, dpi))
    rows = []
    for f in files:
        with pymupdf.open(as_pdf(f, work)) as doc:
            for page in doc:
                raster = render_page(page, dpi)
                w0, c0 = time.perf_counter(), time.process_time()
                lines = len(anchor.recognize(raster))
                rows.append({"file": f.name, "page": page.number + 1, "wall": time.perf_counter() - w0,
                             "cpu": time.process_time() - c0, "lines": lines})
    return rows


def by_kind(files: list[Path], kinds: dict[str, list[str]], docs: list[dict[str, Any]],
            anchor: list[dict[str, Any]]) -> dict[str, dict[str, float]]:
    """Pages, pipeline wall/CPU and the anchor's wall/CPU summed by page kind."""
    out: dict[str, dict[str, float]] = {k: defaultdict(float) for k in KINDS}
    for f, d in zip(files, docs):
        ks = kinds[f.name]
        main = _main_kind(ks)
        out[main]["pages"] += len(ks)
        out[main]["wall"] += d["wall"]
        out[main]["cpu"] += d["cpu"]
    for a in anchor:
        main = _main_kind(kinds[a["file"]])
        out[main]["anchor_wall"] += a["wall"]
        out[main]["anchor_cpu"] += a["cpu"]
    return {k: dict(v) for k, v in out.items() if v.get("pages")}


def _main_kind(kinds: list[str]) -> str:
    """The kind most of a document's pages have; on a tie the costlier (a text page beside a picture page)."""
    return max(set(kinds), key=lambda k: (kinds.count(k), KINDS.index(k)))


def redact_calls(files: list[Path], profile_path: Path, config: Path | None, jobs: Sequence[str],
                 out: Path) -> dict[str, Any]:
    """The whole dossier as one ``redactor redact`` call (what an applicant or a clerk runs), once per ``--jobs``
    value: wall seconds including the workers' start (models loaded in each), and whether every call made
    the same decisions (each audit's redactions and kept marks: page, category, rule, box)."""
    import subprocess

    res: dict[str, Any] = {}
    decisions: dict[str, dict[str, Any]] = {}
    for j in jobs:
        folder = out / f"redact-jobs-{j}"
        shutil.rmtree(folder, ignore_errors=True)
        cmd = [sys.executable, "-m", "redactor", "redact", *map(str, files), "--profile", str(profile_path),
               "--out", str(folder), "--jobs", str(j)] + (["--config", str(config)] if config else [])
        w0 = time.perf_counter()
        done = subprocess.run(cmd, capture_output=True, text=True)
        res[j] = {"wall_seconds": round(time.perf_counter() - w0, 1), "exit": done.returncode,
                  "outputs": len(list(folder.glob("*.redacted.pdf")))}
        decisions[j] = _decisions(folder)
        print(f"  redact --jobs {j}: {res[j]['wall_seconds']} s", file=sys.stderr)
    first = next(iter(decisions.values()), {})
    res["same_decisions"] = all(d == first for d in decisions.values())
    return res


def _decisions(folder: Path) -> dict[str, Any]:
    out = {}
    for f in sorted(folder.glob("*.audit.json")):
        a = json.loads(f.read_text(encoding="utf-8"))
        out[f.name] = (sorted((r["page"], r["category"], r["rule"], tuple(round(v) for v in r["bbox"]))
                              for r in a["redactions"]),
                       sorted((r["page"], r["category"], r.get("rule", r.get("reason", "")),
                               tuple(round(v) for v in r["bbox"])) for r in a["kept"]))
    return out


def batch_scaling(files: list[Path], profile_path: Path, n: int, out: Path, ray: bool) -> dict[str, Any]:
    """The dossier copied to ``n`` applicants (one profile each, the same values), through ``redactor batch``."""
    import yaml

    from benchmarks.batch import speed, write_manifest

    corpus = out / "corpus"
    profile = yaml.safe_load(profile_path.read_text(encoding="utf-8"))
    rows = []
    for i in range(n):
        folder = corpus / f"A{i:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        for f in files:
            if not (folder / f.name).exists():
                shutil.copyfile(f, folder / f.name)
        rows.append({"applicant_id": f"D2026-{i:05d}", "profile": profile, "folder": folder.name})
    manifest = write_manifest(corpus / "manifest.csv", rows)
    return speed(manifest, out / "runs", ray)


def _ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}" if b else "–"


def summarize(result: dict[str, Any]) -> str:
    k = result["kinds"]
    lines = [f"Dossier: seed {result['seed']}, {result['documents']} documents, {result['pages']} pages; "
             f"{result['cpus']} CPUs, load before {result['load_before']:.2f}; config: {result['config'] or 'defaults'}; "
             f"pipeline on {result.get('pipeline_cores') or 'every'} core(s)",
             "",
             "| pages | n | pipeline CPU-s/page | RapidOCR as shipped CPU-s/page | CPU ×anchor | pipeline pages/CPU-s "
             "| pipeline wall s/page | anchor wall s/page | wall ×anchor |",
             "|---|---|---|---|---|---|---|---|---|"]
    for kind in KINDS + ("all",):
        v = result["totals"] if kind == "all" else k.get(kind)
        if not v:
            continue
        n = v["pages"]
        a_cpu, a_wall = v.get("anchor_cpu", 0.0), v.get("anchor_wall", 0.0)      # 0: run with --no-anchor
        lines.append(
            f"| {kind} | {n:.0f} | {v['cpu'] / n:.3f} | {a_cpu / n:.3f} | {_ratio(v['cpu'], a_cpu)} "
            f"| {n / v['cpu']:.2f} | {v['wall'] / n:.3f} | {a_wall / n:.3f} | {_ratio(v['wall'], a_wall)} |")
    lines += ["", f"Dossier wall time: {result['totals']['wall']:.1f} s (anchor {result['totals']['anchor_wall']:.1f} s); "
              f"peak RSS {result['peak_rss_mb']:.0f} MB; documents needing review {result['needs_review_docs']}"]
    r = result.get("redact_calls")
    if r:
        lines += ["", "| the dossier as one `redact` call | wall s | × anchor's wall |", "|---|---|---|"]
        for j, v in r.items():
            if j != "same_decisions":
                lines.append(f"| `--jobs {j}` | {v['wall_seconds']} | "
                             f"{_ratio(v['wall_seconds'], result['totals'].get('anchor_wall', 0.0))} |")
        lines.append(f"\nEvery call made the same decisions: {'yes' if r['same_decisions'] else 'NO'}")
    b = result.get("batch")
    if b:
        lines += ["", "| batch, dossier ×{} | wall s | documents/hour/worker |".format(b["applicants"]), "|---|---|---|"]
        for key in ("local_1", "local_2", "ray_1", "ray_2"):
            if key in b:
                lines.append(f"| {key.replace('_', ', ')} | {b[key]['wall_seconds']} | {b[key]['docs_per_hour_per_worker']} |")
        lines.append(f"\nScaling, 2 workers over 1: {b['speedup_local_2_over_1']}×"
                     + (f"; Ray 2 nodes over 1: {b['speedup_ray_2_nodes_over_1']}×" if "speedup_ray_2_nodes_over_1" in b else ""))
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    ap.add_argument("--config", type=Path, help="a redactor config merged over the defaults")
    ap.add_argument("--only", help="only the dossier's files whose names contain this (a quick look at one kind)")
    ap.add_argument("--no-anchor", action="store_true", help="skip RapidOCR as shipped")
    ap.add_argument("--batch-applicants", type=int, default=0, help="also time `redactor batch` on the dossier ×N")
    ap.add_argument("--no-ray", action="store_true")
    ap.add_argument("--cores", type=int, default=None, help="cores the timed pipeline uses (default: every core, "
                    "one document alone; 1: what a batch pays a core, its OCR on one thread)")
    ap.add_argument("--redact-jobs", default="1,0", help="also time the dossier as one `redact` call with each of "
                    "these --jobs values (comma-separated; 0: as many workers as the machine allows; empty: skip)")
    args = ap.parse_args(argv)
    from redactor.config import load_config

    args.out.mkdir(parents=True, exist_ok=True)
    files, profile = write_dossier(args.seed, args.out / "dossier")
    files = [f for f in files if not args.only or args.only in f.name]
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="dossier-bench-", dir=args.out) as tmp:
        work = Path(tmp)
        kinds = {f.name: page_kinds(f, work) for f in files}
        docs = run_pipeline(files, profile, args.config, work, args.cores)
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        anchor = [] if args.no_anchor else run_anchor(files, load_config(str(args.config) if args.config else None).ocr.dpi, work)
    kinds_sum = by_kind(files, kinds, docs, anchor)
    totals = {key: sum(v.get(key, 0.0) for v in kinds_sum.values())
              for key in ("pages", "wall", "cpu", "anchor_wall", "anchor_cpu")}
    result: dict[str, Any] = {
        "seed": args.seed, "documents": len(files), "pages": int(totals["pages"]), "cpus": os.cpu_count(),
        "load_before": load, "config": str(args.config) if args.config else None, "pipeline_cores": args.cores,
        "kinds": kinds_sum, "totals": totals, "peak_rss_mb": rss,
        "needs_review_docs": sum(1 for d in docs if d["needs_review"]), "failed": [d["file"] for d in docs if not d["ok"]],
        "documents_timed": docs, "anchor_pages": anchor,
    }
    jobs = [j for j in args.redact_jobs.split(",") if j.strip()]
    if jobs:
        result["redact_calls"] = redact_calls(files, profile, args.config, jobs, args.out / "redact")
    if args.batch_applicants:
        try:
            import ray  # noqa: F401
            use_ray = not args.no_ray
        except ImportError:
            use_ray = False
        result["batch"] = {"applicants": args.batch_applicants,
                           **batch_scaling(files, profile, args.batch_applicants, args.out / "batch", use_ray)}
    (args.out / "dossier-benchmark.json").write_text(json.dumps(result, indent=1, ensure_ascii=False), encoding="utf-8")
    print(summarize(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
