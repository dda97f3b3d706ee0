"""CPU seconds per page and per stage of one warm worker (issue #14).

    python -m benchmarks.stage_cpu                          # the text_only probe: 20 dense text pages
    python -m benchmarks.stage_cpu --pages 60
    python -m benchmarks.stage_cpu --pdf D.pdf --profile P.yaml --repeat 2
    python -m benchmarks.stage_cpu --pictures OUT/corpus       # the image_pages probe's PDF of a run's corpus
    python -m benchmarks.stage_cpu --pictures OUT/corpus --repeat 1 --cprofile P.prof   # and where the time goes

Builds the pipeline once, warms it up (``speed.warm_pipeline``), then runs it ``--repeat`` times on the
document and prints the best run: CPU seconds a page end to end and inside each stage (ingest, detect,
with NLP/recognisers and each region detector apart, policy, redact (fonts, sanitising, saving apart), verify and its channels -- OCR
of pictures (``read_scope``), seal, barcode, face, signature, rendering, picture kinds --
and audit).  CPU seconds of this process
(``time.process_time``), so a machine shared with other jobs inflates them much less than wall time.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any


def _timed(cpu: dict[str, float], obj: Any, attr: str, label: str) -> None:
    orig: Callable[..., Any] = getattr(obj, attr)

    def run(*a: Any, **k: Any) -> Any:
        c = time.process_time()
        try:
            return orig(*a, **k)
        finally:
            cpu[label] += time.process_time() - c

    setattr(obj, attr, run)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.stage_cpu", description=__doc__.split("\n\n")[0])
    ap.add_argument("--pdf", help="a PDF to time (default: the text_only probe's pages)")
    ap.add_argument("--pages", type=int, default=20, help="pages of the generated text document")
    ap.add_argument("--pictures", help="a benchmark run's corpus folder: time its picture pages, gathered as the "
                    "image_pages probe gathers them (profile: its applicant_00)")
    ap.add_argument("--profile", help="applicant profile (default: tests.synth's applicant)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--cprofile", metavar="OUT", help="write a cProfile of the timed runs (not the warm-up) to OUT")
    args = ap.parse_args(argv)

    import pymupdf

    import redactor.pipeline as P
    import redactor.verify as V
    from benchmarks.peak_rss import long_pdf
    from benchmarks.speed import instrumented_pipeline, warm_pipeline, warm_up
    from redactor.config import load_config, load_profile, profile_from_mapping
    from tests.synth import APPLICANT

    pipe, ocr, _ = instrumented_pipeline(load_config())
    warm_up(ocr)
    warm_pipeline(pipe)
    cpu: dict[str, float] = defaultdict(float)
    text = pipe.detector.text
    for obj, attr, label in (
        (P, "load_document", "ingest"), (pipe.detector, "detect", "detect"),
        (text.engine, "analyze", "detect: recognisers (presidio)"), (P, "decide", "policy"),
        (P, "apply_plan", "redact"), (P, "verify_pdf", "verify"), (V, "read_pages", "verify: PDFium reading"),
        (V, "text_layer_leaks", "verify: text-layer search"), (V, "object_leaks", "verify: object bytes"),
        (P, "build_audit", "audit"), (P, "_publish", "audit"),
    ):
        _timed(cpu, obj, attr, label)
    for det in getattr(pipe.detector, "regions", ()):          # each region detector apart
        _timed(cpu, det, "detect", f"detect: {type(det).__name__}")
    for attr in ("read_scope", "seal_leaks", "barcode_leaks", "face_leaks", "signature_leaks",
                 "render", "text_pictures"):                     # verify's channels (names bound in redactor.verify)
        if hasattr(V, attr):
            _timed(cpu, V, attr, f"verify: {attr}")
    import redactor.redact as R

    for attr, label in (("clean_fonts", "redact: fonts"), ("sanitize", "redact: sanitize"), ("_save", "redact: save"),
                        ("_glyph_positions", "redact: glyph positions")):
        if hasattr(R, attr):                # names bound in redactor.redact
            _timed(cpu, R, attr, label)
    import redactor.detect.analyzer as A

    if hasattr(A, "lac_artifacts"):
        _timed(cpu, A, "lac_artifacts", "detect: LAC NER")
    else:       # before issue #14's NER scope: presidio's spaCy engine
        _timed(cpu, text.nlp_engine, "process_text", "detect: LAC NER")
    if args.pictures and not args.profile:
        args.profile = str(Path(args.pictures) / "applicant_00" / "profile.yaml")
    profile = load_profile(args.profile) if args.profile else profile_from_mapping(APPLICANT.profile())
    with tempfile.TemporaryDirectory(prefix="stage-cpu-") as tmp:
        if args.pictures:
            from benchmarks.speed import _probe_pdf

            src = str(_probe_pdf("image_pages", Path(tmp) / "pictures.pdf", args.pictures, profile.name or ""))
        else:
            src = args.pdf or str(long_pdf(Path(tmp) / "text.pdf", args.pages, False, profile.name or APPLICANT.name))
        with pymupdf.open(src) as d:
            pages = d.page_count
        best: tuple[float, dict[str, float], dict[str, float]] | None = None
        prof = None
        if args.cprofile:
            import cProfile

            prof = cProfile.Profile()
            prof.enable()
        for _ in range(args.repeat):
            cpu.clear()
            ocr.reset()
            pipe.forget_readings()          # each run reads as the first would
            c0 = time.process_time()
            outcome = pipe.run(src, profile, str(Path(tmp) / "out"), "doc")
            total = time.process_time() - c0
            if not outcome.ok:
                print(f"not released: {outcome.error}")
                return 1
            if best is None or total < best[0]:
                best = (total, dict(cpu), dict(ocr.cpu))
        if prof is not None:
            prof.disable()
            prof.dump_stats(args.cprofile)
    assert best is not None
    total, stages, ocr_cpu = best
    print(f"{pages} pages: {total / pages:.4f} CPU-s/page, {pages / total:.2f} pages/CPU-s (best of {args.repeat})")
    for k in sorted(stages):
        print(f"  {k:34s} {stages[k] / pages:.4f}")
    # every network pass (detection and recognition) apart: the rate the pipeline could reach with all
    # else free is pages / OCR (issue #14: what the pages/CPU-s target leaves beside the reading it needs)
    spent = sum(ocr_cpu.values())
    print(f"  {'OCR, every pass':34s} {spent / pages:.4f}  ({', '.join(f'{k} {v / pages:.4f}' for k, v in sorted(ocr_cpu.items()))})")
    if spent:
        print(f"  {'pages/CPU-s with all but OCR free':34s} {pages / spent:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
