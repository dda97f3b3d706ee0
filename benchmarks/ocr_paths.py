"""The OCR paths side by side on the same scanned pages: CPU per page and what each reads or removes (issue 43).

    python -m benchmarks.ocr_paths --realdocs ../shared/realdocs                    # its scans and photos
    python -m benchmarks.ocr_paths --corpus DIR/corpus/applicant_00 --realdocs ../shared/realdocs --out DIR

One process, every path warmed up first, then file by file in turn, so a busy machine stretches every row
alike.  Rows:

* **RapidOCR as shipped** (its defaults: angle classifier, detection at 736 ``min``, all threads): the
  anchor a user would pick, one pass per page;
* **full model, one pass**: our engine as it was before issue 43 (every line in full, RapidOCR's sessions as
  shipped: the raw pass ``scan_cost`` compares with);
* **cascade, one pass**: our engine as configured now (``ocr.rec_cascade`` reading for the file's applicant,
  tiny first; ``ocr.memory_arena``);
* **pipeline before** and **pipeline now**: ``redact`` end to end (ingest, detection, policy, redaction, the
  gate) with those two engine configurations.

CPU seconds are this process's (``time.process_time``: every thread, so RapidOCR's threads count).

What each row gets right, per category, counted in occurrences of the known strings on each page (NFKC,
whitespace dropped, as ``../shared/realdocs/score.py`` does): for an OCR pass, the applicant's values it
reads and the other people's strings it reads; for a pipeline, the applicant's values gone from its output
and the other people's strings still there.  An output is read by its text layer, by RapidOCR as shipped (a
reader the pipeline never uses) and by the full model, each on a 200-dpi rendering, and a string counts as
often as the reader that finds it most often finds it.  "Present" is the same in the input, by the anchor or
the full model; a string neither reads counts nowhere.  Strings come from realdocs'
``truth/Dxx.json`` (``must_remove``, ``must_keep``) and a corpus' ``truth.json`` (text instances, by owner).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CATEGORIES = ("name", "id_number", "phone", "employer", "email")
OCR_ROWS = ("rapidocr_default", "full_pass", "cascade_pass")
PIPELINE_ROWS = ("pipeline_full", "pipeline_cascade")
ROW_TITLES = {"rapidocr_default": "RapidOCR as shipped, one pass", "full_pass": "full model, one pass",
              "cascade_pass": "cascade + arena, one pass", "pipeline_full": "pipeline before (full model)",
              "pipeline_cascade": "pipeline now (cascade + arena)"}


def norm(s: str) -> str:
    s = unicodedata.normalize("NFKC", s or "").replace("\u00ad", "")
    return re.sub(r"\s+", "", s).lower()


@dataclass
class ScannedFile:
    """A scanned PDF, its profile, and per page the strings to remove (by category) and to keep."""

    pdf: Path
    profile: Path
    remove: dict[int, list[tuple[str, str]]] = field(default_factory=dict)   # page -> [(category, text)]
    keep: dict[int, list[str]] = field(default_factory=dict)


def realdocs_files(root: Path, work: Path, dpi: float, max_pixels: int) -> list[ScannedFile]:
    """realdocs' picture files made into PDFs as ``redact`` makes them, and its PDFs with no text layer."""
    import pymupdf

    from benchmarks.scan_cost import realdocs_scans

    pairs = realdocs_scans(root, work, dpi, max_pixels)
    for pdf in sorted(root.glob("inputs/*.pdf")):
        with pymupdf.open(pdf) as doc:
            scanned = all(not page.get_text().strip() and page.get_images() for page in doc)
        profile = root / "profiles" / f"{pdf.stem.split('_')[0]}.yaml"
        if scanned and profile.exists():
            pairs.append((pdf, profile))
    out = []
    for pdf, profile in pairs:
        # realdocs keeps its answers in truth/ (``category``), realdocs2 in gt/ (``cat``)
        answers = root / "truth" / f"{profile.stem}.json"
        if not answers.exists():
            answers = root / "gt" / f"{profile.stem}.json"
        truth = json.loads(answers.read_text(encoding="utf-8"))
        f = ScannedFile(pdf, profile)
        for item in truth.get("must_remove", []):
            f.remove.setdefault(int(item.get("page", 1)), []).append((item.get("category") or item["cat"], item["text"]))
        for item in truth.get("must_keep", []):
            f.keep.setdefault(int(item.get("page", 1)), []).append(item["text"])
        out.append(f)
    return out


def corpus_files(folder: Path) -> list[ScannedFile]:
    """A corpus applicant's scanned PDFs with the text instances its ``truth.json`` lists for them."""
    truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
    out = []
    for doc in truth["documents"]:
        if not doc["file"].endswith(".scanned.pdf") or not (folder / doc["file"]).exists():
            continue
        f = ScannedFile(folder / doc["file"], folder / "profile.yaml")
        for inst in doc.get("instances", []):
            text = inst.get("text") or ""
            if not text or inst["category"] not in CATEGORIES:
                continue
            if inst.get("owner") == "applicant":
                f.remove.setdefault(int(inst["page"]), []).append((inst["category"], text))
            else:
                f.keep.setdefault(int(inst["page"]), []).append(text)
        out.append(f)
    return out


def _count(hay: str, needle: str) -> int:
    n = norm(needle)
    return hay.count(n) if n else 0


def _text(lines: list[Any]) -> str:
    return norm("".join(ln.text for ln in lines))


class Tally:
    """Occurrences present and got right, per row and category (``keep`` for other people's strings)."""

    def __init__(self) -> None:
        self.present: dict[str, int] = defaultdict(int)
        self.right: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))

    def add(self, f: ScannedFile, page: int, inputs: dict[str, str], outputs: dict[str, list[str]]) -> None:
        """``inputs``: each OCR row's reading of the input page; ``outputs``: each pipeline's output page as
        each of its readers reads it."""
        items = [(c, t) for c, t in f.remove.get(page, [])] + [("keep", t) for t in f.keep.get(page, [])]
        for cat, text in items:
            present = max(_count(inputs["rapidocr_default"], text), _count(inputs["full_pass"], text))
            if not present:
                continue
            self.present[cat] += present
            for row, hay in inputs.items():
                self.right[row][cat] += min(present, _count(hay, text))
            for row, readings in outputs.items():
                left = min(present, max(_count(hay, text) for hay in readings))
                self.right[row][cat] += left if cat == "keep" else present - left


def measure(files: list[ScannedFile], reps: int = 1) -> dict[str, Any]:
    import pymupdf
    import yaml

    from benchmarks.ocr_speed import _DefaultRapid
    from benchmarks.speed import warm_pipeline
    from redactor.config import load_config, profile_from_mapping
    from redactor.ingest.images import render_page
    from redactor.ingest.ocr.rapidocr_engine import RapidOcrEngine
    from redactor.ingest.ocr.watch import watch_for
    from redactor.pipeline import Pipeline

    base = load_config()
    # before issue 43: every line read in full, RapidOCR's sessions as shipped; now: the configured defaults
    cfg_full = base.model_copy(update={"ocr": base.ocr.model_copy(update={"rec_cascade": False, "memory_arena": False})})
    cfg_cascade = base.model_copy(update={"ocr": base.ocr.model_copy(update={"rec_cascade": True, "memory_arena": True})})
    full = RapidOcrEngine(cfg_full.ocr)
    cascade = RapidOcrEngine(cfg_cascade.ocr)
    anchor = _DefaultRapid()
    pipes = {"pipeline_full": Pipeline(cfg_full, ocr=full), "pipeline_cascade": Pipeline(cfg_cascade, ocr=cascade)}
    for pipe in pipes.values():
        warm_pipeline(pipe)
    cpu: dict[str, float] = defaultdict(float)
    tally = Tally()
    pages = 0
    with tempfile.TemporaryDirectory(prefix="ocr-paths-") as tmp:
        for rep in range(reps):
            for f in files:
                profile = profile_from_mapping(yaml.safe_load(f.profile.read_text(encoding="utf-8")))
                watched = cascade.watching(watch_for(profile, cfg_cascade.ocr.cascade_min_score))
                outputs: dict[str, Path] = {}
                for row, pipe in pipes.items():
                    out = Path(tmp) / f"{row}-{rep}-{f.pdf.stem}"
                    pipe.forget_readings()      # each repetition reads as the first would
                    c0 = time.process_time()
                    outcome = pipe.run(str(f.pdf), profile, str(out), "x")
                    cpu[row] += time.process_time() - c0
                    if outcome.ok:
                        outputs[row] = next(out.glob("*.redacted.pdf"))
                with pymupdf.open(f.pdf) as doc:
                    for page in doc:
                        raster = render_page(page, base.ocr.dpi)
                        read: dict[str, str] = {}
                        for row, engine in (("rapidocr_default", anchor), ("full_pass", full), ("cascade_pass", watched)):
                            c0 = time.process_time()
                            lines = engine.recognize(raster)
                            cpu[row] += time.process_time() - c0
                            read[row] = _text(lines)
                        pages += 1
                        if rep:
                            continue
                        seen = {}
                        for row, pdf in outputs.items():
                            with pymupdf.open(pdf) as done:
                                p = done[page.number]
                                shown = render_page(p, 200)
                                seen[row] = [norm(p.get_text()), _text(anchor.recognize(shown)), _text(full.recognize(shown))]
                        tally.add(f, page.number + 1, read, seen)
    per = {row: round(cpu[row] / max(pages, 1), 3) for row in (*OCR_ROWS, *PIPELINE_ROWS)}
    return {"pages": pages // max(reps, 1), "reps": reps, "files": [f.pdf.name for f in files], "cpu_s_per_page": per,
            "present": dict(tally.present), "right": {r: dict(v) for r, v in tally.right.items()}}


def table(r: dict[str, Any]) -> str:
    cats = [c for c in (*CATEGORIES, "keep") if r["present"].get(c)]
    anchor = r["cpu_s_per_page"]["rapidocr_default"]
    head = "| path | CPU s/page | x RapidOCR as shipped | " + " | ".join(
        "others kept" if c == "keep" else c for c in cats) + " |"
    lines = [head, "|" + "---|" * (3 + len(cats))]
    for row in (*OCR_ROWS, *PIPELINE_ROWS):
        s = r["cpu_s_per_page"][row]
        cells = [f"{r['right'].get(row, {}).get(c, 0)}/{r['present'][c]}" for c in cats]
        lines.append(f"| {ROW_TITLES[row]} | {s} | {s / anchor:.2f} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--realdocs", type=Path, default=None, help="a realdocs folder (inputs/, profiles/, truth/)")
    ap.add_argument("--corpus", type=Path, action="append", default=[], help="a corpus applicant folder (repeatable)")
    ap.add_argument("--reps", type=int, default=1, help="passes over the files (CPU is summed; rows are judged once)")
    ap.add_argument("--out", type=Path, default=None, help="write ocr_paths.json and ocr_paths.md here")
    a = ap.parse_args(argv)
    from redactor.config import load_config

    cfg = load_config()
    with tempfile.TemporaryDirectory(prefix="ocr-paths-in-") as work:
        files: list[ScannedFile] = []
        if a.realdocs is not None:
            files += realdocs_files(a.realdocs, Path(work), cfg.ingest.image_dpi_fallback, cfg.ingest.max_image_pixels)
        for folder in a.corpus:
            files += corpus_files(folder)
        if not files:
            ap.error("no scanned file: give --realdocs and/or --corpus")
        r = measure(files, a.reps)
    text = f"{r['pages']} scanned pages ({', '.join(r['files'])}), {r['reps']} pass(es)\n\n{table(r)}\n"
    report(a.out, "ocr_paths", r, text)
    return 0


def report(out: Path | None, name: str, result: dict[str, Any], text: str) -> None:
    """Print ``text``; with ``out``, also write ``out/<name>.json`` (``result``) and ``out/<name>.md``."""
    print(text)
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
        (out / f"{name}.json").write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
        (out / f"{name}.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
