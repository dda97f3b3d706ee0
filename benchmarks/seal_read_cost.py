"""What detection's seal reading (``seal.v1``'s ring and straight lines) costs per seal, with the
straight lines read from the crop's OCR (detection + recognition) and from the ink (recognition only).

    python -m benchmarks.seal_read_cost --corpus DIR/corpus/applicant_00      # a generated corpus
    python -m benchmarks.seal_read_cost --corpus DIR/corpus/applicant_00 --kinds scanned --show

Every PDF of the folder is loaded as the pipeline loads it (ingest, with OCR where ingest OCRs); the
pages of the kinds asked for (default: born-digital and mixed: a born-digital page with pictures) are then run through ``SealDetector.detect``
twice each way, alternately with ``ink_lines`` off and on, in this one process, and timed in CPU
seconds (``time.process_time``) per seal found, the best of the two.  Each seal's reading (text and
its source) is printed once per way, so a changed reading shows; the values are synthetic (a
generated corpus).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path
from typing import Any


def _pages(corpus: Path, kinds: set[str], ocr: Any) -> list[Any]:
    from redactor.config import load_config
    from redactor.context import RunContext, document_id_for
    from redactor.ingest import load_document

    cfg = load_config()
    out = []
    scans = bool(kinds & {"scanned", "scan_with_hidden_text"})
    for path in sorted(corpus.glob("*.pdf")):
        if ".scan" in path.name and not scans:          # the corpus names its scanned renderings so
            continue
        with tempfile.TemporaryDirectory(prefix="seal-read-") as work:
            doc = load_document(str(path), RunContext(cfg, work, document_id_for(str(path))), ocr)
        out += [(path.name, p) for p in doc.pages if p.kind.value in kinds and p.raster is not None]
    return out


def measure(corpus: Path, kinds: set[str]) -> dict[str, Any]:
    from redactor.config import OcrConfig
    from redactor.detect.regions.seal import SealDetector
    from redactor.ingest.ocr.rapidocr_engine import RapidOcrEngine

    ocr = RapidOcrEngine(OcrConfig())
    pages = _pages(corpus, kinds, ocr)
    out: dict[str, Any] = {"pages": len(pages)}
    for label, flag in (("crop_ocr", False), ("ink_lines", True)) * 2:
        det = SealDetector(ink_lines=flag)
        t = time.process_time()
        found = [(name, p.number, f) for name, p in pages for f in det.detect(p, ocr)]
        cpu = time.process_time() - t
        out[label] = min(out.get(label, 1e9), cpu / max(len(found), 1))
        out[label + "_seals"] = len(found)
        out[label + "_readings"] = [(name, n, f.text, dict(f.explanation).get("text_source"))
                                    for name, n, f in found]
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, required=True, help="a folder with PDF files")
    ap.add_argument("--kinds", default="born_digital,mixed", help="page kinds, comma-separated (born_digital, mixed, "
                    "scanned, scan_with_hidden_text)")
    ap.add_argument("--show", action="store_true", help="print every seal's reading each way")
    args = ap.parse_args()
    res = measure(args.corpus, set(args.kinds.split(",")))
    a, b = res["crop_ocr_readings"], res["ink_lines_readings"]
    changed = sum(1 for x, y in zip(a, b) if x[2] != y[2])
    print(f"{res['pages']} pages, {res['crop_ocr_seals']} seals: detection CPU s/seal with the crop OCRed "
          f"{res['crop_ocr']:.3f}, with the ink's lines read {res['ink_lines']:.3f} "
          f"({res['crop_ocr'] / max(res['ink_lines'], 1e-9):.2f}x); readings changed: {changed}")
    for x, y in zip(a, b):
        if args.show or x[2] != y[2]:
            print(f"  {x[0]} p{x[1]}: crop [{x[3]}] {x[2]!r}\n  {'':{len(x[0])}}     ink  [{y[3]}] {y[2]!r}")


if __name__ == "__main__":
    main()
