"""What a scanned page costs, stage by stage, in CPU seconds, next to one raw OCR pass of it.

    python -m benchmarks.scan_cost                     # CI's two scanned pages (seed 7), each redacted twice
    python -m benchmarks.scan_cost --corpus DIR/corpus/applicant_00 --reps 3
    python -m benchmarks.scan_cost --realdocs ../shared/realdocs   # its scans and photos, each with its own profile
    python -m benchmarks.scan_cost --realdocs ../shared/realdocs --no-cascade   # every line read in full (the default before issue 43)

CPU seconds of this one process (``time.process_time``), so a machine shared
with other jobs stretches them little (wall time there is 5-10x).  One
pipeline, warmed up; per scanned file: the pipeline end to end, split into
ingest (without detection), detection (region reading: seal rings, signature
labels, codes, portraits), verification and the rest, each with the OCR inside
it; then the same engine recognises the rendering ingest OCRs, once (*raw OCR*), and RapidOCR as shipped
(its own defaults: classifier on, all threads; the *anchor* a user would pick) reads the same rendering once.
The pipeline reads as configured (``ocr.rec_cascade``, the default: tiny recogniser first); ``--no-cascade``
reads every line in full.  Raw OCR is always the full model's one pass.  ``python -m benchmarks.ocr_paths``
sets both pipelines and the passes side by side with what each reads.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

CI_SCANS = ("huojiang", "zige_zhengshu")


def realdocs_scans(root: Path, work: Path, dpi: float, max_pixels: int) -> list[tuple[Path, Path]]:
    """(scanned PDF, profile) for every picture in a realdocs folder (``inputs/D09_....png`` with
    ``profiles/D09.yaml``), made into a PDF the way ``redact`` makes an image file one (ingest's
    ``image_to_pdf``, the configured fallback DPI), so the page is what the pipeline reads.  The
    files stay where they are; the PDFs go to ``work``."""
    from redactor.ingest.images import image_to_pdf

    out = []
    for img in sorted(root.glob("inputs/*")):
        if img.suffix.lower() not in (".png", ".jpg", ".jpeg", ".tif", ".tiff"):
            continue
        profile = root / "profiles" / f"{img.stem.split('_')[0]}.yaml"
        if not profile.exists():
            continue
        pdf = work / f"{img.stem}.scanned.pdf"
        image_to_pdf(str(img), str(pdf), dpi, max_pixels)
        out.append((pdf, profile))
    return out


def measure(corpus: Path | None = None, reps: int = 2, seed: int = 7, profile_to: Path | None = None,
            realdocs: Path | None = None, cascade: bool | None = None) -> dict[str, Any]:
    import pymupdf
    import yaml

    from benchmarks import speed
    from benchmarks.speed import TimedOcr, warm_pipeline
    from redactor.config import load_config, profile_from_mapping
    from redactor.ingest.images import render_page
    from redactor.ingest.ocr.rapidocr_engine import RapidOcrEngine
    from redactor.pipeline import Pipeline

    from benchmarks.ocr_speed import _DefaultRapid

    cfg = load_config()
    if cascade is not None:
        cfg = cfg.model_copy(update={"ocr": cfg.ocr.model_copy(update={"rec_cascade": cascade})})
    cascade = cfg.ocr.rec_cascade
    full = RapidOcrEngine(cfg.ocr.model_copy(update={"rec_cascade": False}))
    ocr = TimedOcr(RapidOcrEngine(cfg.ocr) if cascade else full)
    anchor_engine = _DefaultRapid()
    pipe = Pipeline(cfg, ocr=ocr)
    cpu: dict[str, float] = defaultdict(float)

    def wrap(obj: Any, attr: str, stage: str) -> None:
        orig = getattr(obj, attr)

        def timed(*a: Any, **k: Any) -> Any:
            prev, speed._STAGE[0] = speed._STAGE[0], stage
            c = time.process_time()
            try:
                return orig(*a, **k)
            finally:
                cpu[stage] += time.process_time() - c
                speed._STAGE[0] = prev

        setattr(obj, attr, timed)

    wrap(pipe, "analyze", "ingest")
    wrap(pipe.detector, "detect", "detect")
    wrap(pipe, "verify", "verify")
    warm_pipeline(pipe)
    with tempfile.TemporaryDirectory(prefix="scan-cost-") as tmp:
        if realdocs is not None:
            pairs = realdocs_scans(realdocs, Path(tmp), cfg.ingest.image_dpi_fallback, cfg.ingest.max_image_pixels)
        else:
            if corpus is None:
                from benchmarks.corpus import generate_dossier

                d = generate_dossier(seed, 0, ("scanned",), CI_SCANS,
                                     render_kw={"scanned": {"dpi": 200, "quarter_turns": 0}})
                corpus = d.write(Path(tmp) / "corpus")
            pairs = [(f, corpus / "profile.yaml") for f in sorted(corpus.glob("*.scanned.pdf"))]
        profiles = {p: profile_from_mapping(yaml.safe_load(p.read_text(encoding="utf-8"))) for _, p in pairs}
        files = [f for f, _ in pairs]
        cpu.clear()
        ocr.reset()
        prof = None
        if profile_to is not None:             # cProfile of the measured runs only (not the warm-up)
            import cProfile

            prof = cProfile.Profile(time.process_time)
            prof.enable()
        total = raw = anchor = 0.0
        pages = 0
        for _ in range(reps):
            for f, p in pairs:
                with tempfile.TemporaryDirectory(dir=tmp) as out:
                    pipe.forget_readings()  # each repetition reads as the first would
                    c0 = time.process_time()
                    pipe.run(str(f), profiles[p], out, "x")
                    total += time.process_time() - c0
                with pymupdf.open(f) as doc:
                    for page in doc:
                        r = render_page(page, cfg.ocr.dpi)
                        c1 = time.process_time()
                        full.recognize(r)
                        raw += time.process_time() - c1
                        c2 = time.process_time()
                        anchor_engine.recognize(r)
                        anchor += time.process_time() - c2
                        pages += 1
        if prof is not None:
            prof.disable()
            prof.dump_stats(str(profile_to))
    per = {"ingest": cpu["ingest"] - cpu["detect"], "ocr_ingest": ocr.cpu.get("ingest", 0.0),
           "detect": cpu["detect"], "ocr_detect": ocr.cpu.get("detect", 0.0),
           "verify": cpu["verify"], "ocr_verify": ocr.cpu.get("verify", 0.0),
           "other": total - cpu["ingest"] - cpu["verify"], "pipeline": total, "raw_ocr": raw,
           "rapidocr_default": anchor}
    out = {k: round(v / max(pages, 1), 3) for k, v in per.items()}
    out.update(pages=pages, files=[f.name for f in files], ratio=round(total / raw, 3) if raw else None,
               ratio_anchor=round(total / anchor, 3) if anchor else None, cascade=cascade)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=None, help="a folder with *.scanned.pdf and profile.yaml")
    ap.add_argument("--reps", type=int, default=2)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--profile", type=Path, default=None, help="write a cProfile of the measured runs here")
    ap.add_argument("--realdocs", type=Path, default=None,
                    help="a realdocs folder (inputs/, profiles/): its picture files, each with its own profile")
    ap.add_argument("--cascade", action=argparse.BooleanOptionalAction, default=None,
                    help="the pipeline with or without ocr.rec_cascade (default: as configured, on)")
    a = ap.parse_args(argv)
    r = measure(a.corpus, a.reps, a.seed, a.profile, a.realdocs, a.cascade)
    print(f"{r['pages']} pages ({', '.join(r['files'])}); cascade {r['cascade']}; CPU s/page: raw OCR {r['raw_ocr']}, "
          f"RapidOCR as shipped {r['rapidocr_default']}, pipeline {r['pipeline']} = {r['ratio']}x raw OCR, "
          f"{r['ratio_anchor']}x RapidOCR as shipped")
    print(f"  ingest {r['ingest']} (OCR {r['ocr_ingest']}), regions {r['detect']} (OCR {r['ocr_detect']}), "
          f"verify {r['verify']} (OCR {r['ocr_verify']}), redact+audit+other {r['other']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
