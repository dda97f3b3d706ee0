"""Faces: the Haar detector (``portrait.v1`` as it decides today) against the learned one (CenterFace).

    python -m benchmarks.faces --corpus DIR/corpus        # a generated corpus (truth.json per applicant)
    python -m benchmarks.faces --realdocs ../shared/realdocs
    python -m benchmarks.faces --corpus DIR/corpus --realdocs ../shared/realdocs --json OUT.json

Every page is read as the pipeline reads it (``load_document``; live OCR for scans: recorded OCR serves
only the test suite).  On each page both detectors look where ``portrait.v1`` looks (a born-digital
page's images, a scan's solid patches), and a found face is matched to the truth's pictures:

* **faces found**: truth portraits (category ``photo``: the applicant's, a co-author's) holding a
  detection, of all truth portraits;
* **false faces**: detections on no truth portrait (a seal, a figure, a QR code, print);
* **figures taken**: truth pictures that must stay and are not portraits (realdocs ``kind``
  figure/product/...) holding a detection;
* **CPU s/page**: ``time.process_time`` of the detector alone, this one process.

``haar`` is ``portrait.v1`` with the network switched off (cascades + their colour/eye/second-cascade
tests: the detector before the network), ``portrait.v1`` the detector as the pipeline runs it (the
network first, the cascades behind it), ``centerface@T`` the network alone at each ``--thresholds``.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

_PORTRAIT_KINDS = {"coauthor_portrait", "portrait", "bio_portrait", "id_card_portrait", None}


@dataclass
class TruthPage:
    doc: str
    page: int                      # 1-based
    portraits: list[tuple[float, float, float, float]] = field(default_factory=list)
    figures: list[tuple[float, float, float, float]] = field(default_factory=list)


def _corpus_pages(corpus: Path) -> Iterator[tuple[Path, dict[int, TruthPage]]]:
    for truth_file in sorted(corpus.glob("*/truth.json")):
        truth = json.loads(truth_file.read_text(encoding="utf-8"))
        for d in truth["documents"]:
            path = truth_file.parent / d["path"] / d["file"] if (truth_file.parent / d["path"] / d["file"]).exists() \
                else next(iter(truth_file.parent.rglob(d["file"])), None)
            if path is None:
                continue
            pages: dict[int, TruthPage] = {}
            for it in d["instances"]:
                if it["category"] == "photo":
                    pages.setdefault(it["page"], TruthPage(d["file"], it["page"])).portraits.append(tuple(it["bbox"]))
            yield path, pages


def _realdocs_pages(root: Path) -> Iterator[tuple[Path, dict[int, TruthPage], bool]]:
    for truth_file in sorted((root / "truth").glob("*.json")):
        t = json.loads(truth_file.read_text(encoding="utf-8"))
        pages: dict[int, TruthPage] = {}
        for im in t.get("images", []):
            if im.get("category") != "photo":
                continue
            tp = pages.setdefault(im["page"], TruthPage(t["input"], im["page"]))
            (tp.portraits if im.get("kind") in _PORTRAIT_KINDS else tp.figures).append(tuple(im["bbox"]))
        yield root / "inputs" / t["input"], pages, True


def _hits(boxes: list[tuple[float, float, float, float]], truth: list[tuple[float, ...]]) -> tuple[int, int]:
    """(truth boxes holding a detection's centre, detections on no truth box)."""
    def inside(b: tuple[float, ...], t: tuple[float, ...]) -> bool:
        cx, cy = (b[0] + b[2]) / 2, (b[1] + b[3]) / 2
        return t[0] - 2 <= cx <= t[2] + 2 and t[1] - 2 <= cy <= t[3] + 2
    found = sum(1 for t in truth if any(inside(b, t) for b in boxes))
    false = sum(1 for b in boxes if not any(inside(b, t) for t in truth))
    return found, false


def measure(inputs: list[tuple[Path, dict[int, TruthPage], bool]], thresholds: list[float]) -> dict[str, Any]:
    import numpy as np

    from redactor.config import load_config
    from redactor.context import RunContext
    from redactor.detect.regions.base import px_per_pt
    from redactor.detect.regions.portrait import PortraitDetector
    from redactor.faces import FaceSearch, find_faces
    from redactor.ingest import load_document
    from redactor.models_manifest import model_path
    from redactor.pipeline import Pipeline

    cfg = load_config()
    pipe = Pipeline(cfg)
    haar = PortraitDetector(learned_faces=False)      # the cascades alone, as before the network
    model = model_path("centerface")
    combined = PortraitDetector()                      # as the pipeline runs it: the network first, cascades behind
    rows: dict[str, dict[str, Any]] = {"haar": _row(), "portrait.v1": _row()}
    for t in thresholds:
        rows[f"centerface@{t}"] = _row()
    for path, truth, normalised in inputs:
        with tempfile.TemporaryDirectory() as work:
            doc = load_document(str(path), RunContext(cfg, work, "faces"), pipe.ocr, rasters=True)
        for page in doc.pages:
            if page.raster is None:
                continue
            tp = truth.get(page.number)
            scale = (page.width, page.height, page.width, page.height) if normalised else (1, 1, 1, 1)
            portraits = [tuple(v * s for v, s in zip(b, scale)) for b in (tp.portraits if tp else [])]
            figures = [tuple(v * s for v, s in zip(b, scale)) for b in (tp.figures if tp else [])]
            t0 = time.process_time()
            found = [b for f in haar.detect(page) if f.entity_type in ("PORTRAIT", "FACE") for b in f.boxes[:1]]
            _add(rows["haar"], [(b.x0, b.y0, b.x1, b.y1) for b in found], portraits, figures,
                 time.process_time() - t0, f"{path.name} p{page.number}")
            t0 = time.process_time()
            found = [b for f in combined.detect(page) if f.entity_type in ("PORTRAIT", "FACE") for b in f.boxes[:1]]
            _add(rows["portrait.v1"], [(b.x0, b.y0, b.x1, b.y1) for b in found], portraits, figures,
                 time.process_time() - t0, f"{path.name} p{page.number}")
            rgb = np.asarray(page.raster.pixels)
            ppt = px_per_pt(page.raster)
            gray = rgb.mean(axis=2).astype(np.uint8) if rgb.ndim == 3 else rgb
            regions = haar._search_regions(page, rgb.shape, gray, max(24, int(round(16 * ppt))))
            for t in thresholds:
                t0 = time.process_time()
                boxes = []
                for u0, v0, u1, v1 in (regions if regions is not None else [(0, 0, rgb.shape[1], rgb.shape[0])]):
                    for lf in find_faces(rgb[v0:v1, u0:u1], model, 16 * ppt, FaceSearch(threshold=t)):
                        boxes.append(_to_points(page.raster, (u0 + lf.box[0], v0 + lf.box[1],
                                                              u0 + lf.box[2], v0 + lf.box[3])))
                _add(rows[f"centerface@{t}"], boxes, portraits, figures, time.process_time() - t0,
                     f"{path.name} p{page.number}")
    return {k: _finish(v) for k, v in rows.items()}


def _to_points(raster: Any, r: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    a, b, c, d, e, f = raster.to_points
    xs = [a * u + c * v + e for u, v in ((r[0], r[1]), (r[2], r[3]))]
    ys = [b * u + d * v + f for u, v in ((r[0], r[1]), (r[2], r[3]))]
    return (min(xs), min(ys), max(xs), max(ys))


def _row() -> dict[str, float]:
    return {"pages": 0, "portraits": 0, "found": 0, "false_faces": 0, "figures": 0, "figures_taken": 0, "cpu_s": 0.0,
            "missed_on": [], "false_on": []}


def _add(row: dict[str, Any], boxes: list, portraits: list, figures: list, cpu: float, where: str) -> None:
    found, false = _hits(boxes, portraits)
    taken, _ = _hits(boxes, figures)
    on_figures = sum(1 for b in boxes if _hits([b], figures)[0])
    row["pages"] += 1
    row["portraits"] += len(portraits)
    row["found"] += found
    row["false_faces"] += false - on_figures
    row["figures"] += len(figures)
    row["figures_taken"] += taken
    row["cpu_s"] += cpu
    if found < len(portraits):
        row["missed_on"].append(where)
    if false - on_figures or taken:
        row["false_on"].append(where)


def _finish(row: dict[str, float]) -> dict[str, float]:
    out = dict(row)
    out["cpu_s_per_page"] = round(row["cpu_s"] / max(row["pages"], 1), 4)
    out["cpu_s"] = round(row["cpu_s"], 2)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, help="a generated corpus folder (applicant_*/truth.json)")
    ap.add_argument("--realdocs", type=Path, help="../shared/realdocs")
    ap.add_argument("--thresholds", default="0.3,0.5,0.7")
    ap.add_argument("--json", type=Path)
    a = ap.parse_args(argv)
    ths = [float(x) for x in a.thresholds.split(",")]
    results: dict[str, Any] = {}
    if a.corpus:
        results["corpus"] = measure([(p, t, False) for p, t in _corpus_pages(a.corpus)], ths)
    if a.realdocs:
        results["realdocs"] = measure(list(_realdocs_pages(a.realdocs)), ths)
    for name, rows in results.items():
        print(f"\n{name}\n| detector | pages | faces found | false faces | figures taken | CPU s/page |\n|---|---|---|---|---|---|")
        for k, r in rows.items():
            print(f"| {k} | {r['pages']} | {r['found']}/{r['portraits']} | {r['false_faces']} | "
                  f"{r['figures_taken']}/{r['figures']} | {r['cpu_s_per_page']} |")
    for name, rows in results.items():
        for k, r in rows.items():
            if r["missed_on"] or r["false_on"]:
                print(f"{name} {k}: missed on {r['missed_on']}; false faces on {r['false_on']}")
    if a.json:
        a.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
