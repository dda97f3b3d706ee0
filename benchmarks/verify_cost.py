"""What verification costs per page, born-digital and scanned, and where the time goes.

    python -m benchmarks.verify_cost                      # seed 7, applicant 0, a few documents per path
    python -m benchmarks.verify_cost --out benchmarks/results/

Each document of a small synthetic dossier (born-digital and scanned) is
redacted once; its output is then verified three ways, each timed per page
and per channel (``VerificationReport.channel_seconds``):

* ``gate``: what the pipeline's gate does (OCR of image regions on pages that
  show images, the whole page for scans and unmapped glyphs);
* ``every_page``: what ``redactor verify`` does (OCR of every whole page);
* ``no_ocr``: text layer, objects, barcodes, faces only.

``summarize(results)`` reads the verification seconds the main benchmark
(``benchmarks.run``) already measured per document and reports them per page
and rendering path.  No channel is ever dropped to make verification cheaper.
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

DOCS = ("pingshen_biao", "lunwen", "huojiang")


def summarize(results: list[dict[str, Any]]) -> dict[str, Any]:
    """Verification seconds per page by rendering path, from the main benchmark's timings."""
    by: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in results:
        if r.get("ok") and r.get("timing"):
            by[r.get("path") or "?"].append(r["timing"])
    out = {}
    for path, rows in sorted(by.items()):
        pages = sum(t["pages"] for t in rows) or 1
        out[path] = {"pages": pages, "verify_s_per_page": round(sum(t["verify"] for t in rows) / pages, 3),
                     "verify_ocr_s_per_page": round(sum(t["ocr_verify"] for t in rows) / pages, 3),
                     "verify_share_of_wall": round(sum(t["verify"] for t in rows) / (sum(t["wall"] for t in rows) or 1), 3)}
    return out


def measure(seed: int = 7, docs: tuple[str, ...] = DOCS, out: Path | None = None) -> dict[str, Any]:
    from benchmarks.corpus import generate_dossier
    from redactor.config import load_config, profile_from_mapping
    from redactor.ingest.ocr.rapidocr_engine import RapidOcrEngine
    from redactor.pipeline import Pipeline
    from redactor.verify import VerifyOptions, verify_pdf

    cfg = load_config()
    cfg = cfg.model_copy(update={"verify": cfg.verify.model_copy(update={"fail_closed": False})})
    ocr = RapidOcrEngine(cfg.ocr)
    pipe = Pipeline(cfg, ocr=ocr)
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="verify-cost-") as tmp:
        d = generate_dossier(seed, 0, ("born_digital", "scanned"), docs,
                             render_kw={"scanned": {"dpi": 200, "quarter_turns": 0}})
        folder = d.write(Path(tmp) / "corpus")
        profile = profile_from_mapping(d.profile)
        for f in d.files:
            truth = f.truth()
            try:
                o = pipe.run(str(folder / f.name), profile, str(Path(tmp) / "out"), f"doc{len(rows)}")
            except Exception as exc:  # noqa: BLE001 - report and go on
                print(f"{f.name}: {type(exc).__name__}", file=sys.stderr)
                continue
            for mode, opts, engine in (("gate", VerifyOptions(cfg.verify.ocr_dpi, False), ocr),
                                       ("every_page", VerifyOptions(cfg.verify.ocr_dpi, True), ocr),
                                       ("no_ocr", VerifyOptions(cfg.verify.ocr_dpi, False), None)):
                t, c = time.perf_counter(), time.process_time()
                rep = verify_pdf(o.output_pdf, profile, engine, opts)
                rows.append({"doc": truth["doc_type"], "path": truth["path"], "pages": len(truth["pages"]),
                             "mode": mode, "seconds": time.perf_counter() - t, "cpu": time.process_time() - c,
                             "passed": rep.passed,
                             "channels": dict(rep.channel_seconds)})
    table: dict[str, dict[str, Any]] = {}
    for (path, mode), group in _group(rows).items():
        pages = sum(r["pages"] for r in group)
        channels: dict[str, float] = defaultdict(float)
        for r in group:
            for k, v in r["channels"].items():
                channels[k] += v
        table[f"{path}/{mode}"] = {"pages": pages, "s_per_page": round(sum(r["seconds"] for r in group) / pages, 3),
                                   "cpu_s_per_page": round(sum(r["cpu"] for r in group) / pages, 3),
                                   "channels_s_per_page": {k: round(v / pages, 3) for k, v in sorted(channels.items())},
                                   "passed": sum(r["passed"] for r in group), "documents": len(group)}
    result = {"seed": seed, "docs": list(docs), "by_path_and_mode": table}
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
        (out / "verify_cost.json").write_text(json.dumps(result, indent=1), encoding="utf-8")
        (out / "verify_cost.md").write_text(markdown(result), encoding="utf-8")
    return result


def _group(rows: list[dict[str, Any]]) -> dict[tuple[str, str], list[dict[str, Any]]]:
    g: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        g[(r["path"], r["mode"])].append(r)
    return g


def markdown(result: dict[str, Any]) -> str:
    L = ["## Verification cost per page\n", "| path / mode | pages | s/page (wall) | CPU s/page | wall s/page by channel |",
         "|---|---|---|---|---|"]
    for key, r in result["by_path_and_mode"].items():
        parts = ", ".join(f"{k} {v}" for k, v in r["channels_s_per_page"].items() if v >= 0.005)
        L.append(f"| {key} | {r['pages']} | {r['s_per_page']} | {r['cpu_s_per_page']} | {parts} |")
    return "\n".join(L) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--out", type=Path, default=None)
    ap.add_argument("--docs", default=",".join(DOCS), help="document types (benchmarks.corpus.BUILDERS)")
    a = ap.parse_args(argv)
    print(markdown(measure(a.seed, tuple(a.docs.split(",")), out=a.out)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
