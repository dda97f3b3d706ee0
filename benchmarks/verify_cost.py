"""What verification costs per page — scanned, born-digital text-only, born-digital with images — and where the time goes.

    python -m benchmarks.verify_cost                      # seed 7, applicant 0, a few documents per path
    python -m benchmarks.verify_cost --out benchmarks/results/ --every-page

Each document of a small synthetic dossier (born-digital and scanned) is read
and redacted once; every page of the output is then verified on its own (the
page cut out of the output, with the same page of the input as the gate's
reference) several ways, each timed (wall and CPU) and per channel
(``VerificationReport.channel_seconds``):

* ``gate``: the final check as the pipeline and ``redactor verify`` both run it (issue 50: one reading, one
  verdict) -- OCR of every page that shows pictures (their regions, or the whole page for scans);
* ``every_page`` (``--every-page``): ``redactor verify --every-page`` (OCR of every whole page, text-only too);
* ``no_ocr``: text layer, objects, barcodes, faces only.

Pages are grouped as ``scanned`` (pages of scanned files), ``text_only`` and
``images`` (pages of born-digital files without / with an embedded image).
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

DOCS = ("pingshen_biao", "lunwen", "huojiang", "yeji_baogao")   # yeji_baogao's first page has no image


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


def measure(seed: int = 7, docs: tuple[str, ...] = DOCS, out: Path | None = None,
            every_page: bool = False, modes: tuple[str, ...] = ("gate", "no_ocr")) -> dict[str, Any]:
    import pymupdf

    from benchmarks.corpus import generate_dossier
    from redactor.config import load_config, profile_from_mapping
    from redactor.context import RunContext, document_id_for
    from redactor.ingest.ocr.rapidocr_engine import RapidOcrEngine
    from redactor.ownership.records import from_plan
    from redactor.pipeline import Pipeline
    from redactor.redact import apply_plan
    from redactor.verify import VerifyOptions, verify_pdf

    cfg = load_config()
    ocr = RapidOcrEngine(cfg.ocr)
    pipe = Pipeline(cfg, ocr=ocr)
    known = {"gate": (False, ocr), "every_page": (True, ocr), "no_ocr": (False, None)}
    runs = [(m, *known[m]) for m in dict.fromkeys(modes + (("every_page",) if every_page else ()))]
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="verify-cost-") as tmp:
        d = generate_dossier(seed, 0, ("born_digital", "scanned"), docs,
                             render_kw={"scanned": {"dpi": 200, "quarter_turns": 0}})
        folder = d.write(Path(tmp) / "corpus")
        profile = profile_from_mapping(d.profile)
        for n, f in enumerate(d.files):
            work = Path(tmp) / f"work{n}"
            work.mkdir()
            src = str(folder / f.name)
            try:
                a = pipe.analyze(src, profile, RunContext(cfg, str(work), document_id_for(src)))
                result = apply_plan(a.plan, a.document.working_pdf, str(work / "out.pdf"), cfg.redact)
            except Exception as exc:  # noqa: BLE001 - report and go on
                print(f"{f.name}: {type(exc).__name__}", file=sys.stderr)
                continue
            path = f.truth()["path"]
            records = from_plan(a.plan)
            for page in a.document.pages:
                i = page.number
                kind = "scanned" if path == "scanned" else ("images" if page.images else "text_only")
                one_in, one_out = work / f"in{i}.pdf", work / f"out{i}.pdf"
                for whole, part in ((a.document.working_pdf, one_in), (result.output_pdf, one_out)):
                    with pymupdf.open(whole) as w, pymupdf.open() as p:
                        p.insert_pdf(w, from_page=i - 1, to_page=i - 1)
                        p.save(part, garbage=4, deflate=True)
                for mode, every, engine in runs:
                    t, c = time.perf_counter(), time.process_time()
                    page_records = tuple(_on_page_one(d) for d in records if d.finding.page == i)
                    rep = verify_pdf(str(one_out), profile, engine, VerifyOptions(cfg.verify.ocr_dpi, every),
                                     page_records)
                    rows.append({"doc": f.name, "page": i, "path": kind, "pages": 1, "mode": mode,
                                 "seconds": time.perf_counter() - t, "cpu": time.process_time() - c,
                                 "passed": rep.passed, "ocr": dict(getattr(rep, "ocr_pages", ())).get(1, "none"),
                                 "channels": dict(rep.channel_seconds)})
    table: dict[str, dict[str, Any]] = {}
    for (path, mode), group in sorted(_group(rows).items()):
        pages = sum(r["pages"] for r in group)
        channels: dict[str, float] = defaultdict(float)
        for r in group:
            for k, v in r["channels"].items():
                channels[k] += v
        ocr_how: dict[str, int] = defaultdict(int)
        for r in group:
            ocr_how[r["ocr"].split(":")[0]] += 1
        table[f"{path}/{mode}"] = {"pages": pages, "s_per_page": round(sum(r["seconds"] for r in group) / pages, 3),
                                   "cpu_s_per_page": round(sum(r["cpu"] for r in group) / pages, 3),
                                   "channels_s_per_page": {k: round(v / pages, 3) for k, v in sorted(channels.items())},
                                   "ocr_pages": dict(ocr_how),
                                   "passed": sum(r["passed"] for r in group), "documents": len({r["doc"] for r in group})}
    result = {"seed": seed, "docs": list(docs), "by_path_and_mode": table, "pages": rows}
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
        (out / "verify_cost.json").write_text(json.dumps(result, indent=1), encoding="utf-8")
        (out / "verify_cost.md").write_text(markdown(result), encoding="utf-8")
    return result


def _on_page_one(d: Any) -> Any:
    """A record of page ``i`` moved to page 1 (the page cut out into a file of its own)."""
    from dataclasses import replace

    return replace(d, finding=replace(d.finding, page=1))


def _group(rows: list[dict[str, Any]]) -> dict[tuple[str, str], list[dict[str, Any]]]:
    g: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        g[(r["path"], r["mode"])].append(r)
    return g


def markdown(result: dict[str, Any]) -> str:
    L = ["## Verification cost per page\n",
         "| pages / mode | pages | passed | s/page (wall) | CPU s/page | OCR: proven / read / skipped (no picture holds text) | wall s/page by channel |",
         "|---|---|---|---|---|---|---|"]
    for key, r in result["by_path_and_mode"].items():
        parts = ", ".join(f"{k} {v}" for k, v in r["channels_s_per_page"].items() if v >= 0.005)
        how = f"{r['ocr_pages'].get('proven', 0)} / {r['ocr_pages'].get('read', 0)} / {r['ocr_pages'].get('skipped', 0)}"
        L.append(f"| {key} | {r['pages']} | {r['passed']} | {r['s_per_page']} | {r['cpu_s_per_page']} | {how} | {parts} |")
    return "\n".join(L) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--out", type=Path, default=None)
    ap.add_argument("--docs", default=",".join(DOCS), help="document types (benchmarks.corpus.BUILDERS)")
    ap.add_argument("--every-page", action="store_true", help="also time what `redactor verify` does (slow)")
    ap.add_argument("--modes", default="gate,no_ocr", help="which ways to verify (gate, every_page, no_ocr)")
    a = ap.parse_args(argv)
    print(markdown(measure(a.seed, tuple(a.docs.split(",")), out=a.out, every_page=a.every_page,
                           modes=tuple(a.modes.split(",")))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
