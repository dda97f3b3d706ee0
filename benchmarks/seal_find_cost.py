"""CPU seconds a picture page spends finding seals and pen ink, OCR left out (issue #14).

    python -m benchmarks.seal_find_cost --corpus DIR/corpus/applicant_00
    PYTHONPATH=OTHER_TREE python BRANCH/benchmarks/seal_find_cost.py --corpus ...   # another tree's code

The corpus' born-digital and mixed pages are loaded as the pipeline loads them (no OCR), then timed
in this one process (``time.process_time``, best of ``--repeat``): ``SealDetector.detect`` and
``SignatureDetector.detect`` without an OCR engine (ink masks, shapes, rules: everything but reading),
and the verifier's stamp search (``seal_candidates``: ink blobs, faint impressions, grey rings) on
each page's rendering.  ``benchmarks/seal_read_cost.py`` times the reading.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.seal_find_cost", description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", required=True, help="a generated corpus' applicant folder")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)

    sys.path.insert(1, str(Path(__file__).resolve().parent.parent))     # run as a file: benchmarks importable
    from benchmarks.seal_read_cost import _pages
    from redactor.detect.regions.seal import SealDetector
    from redactor.detect.regions.signature import SignatureDetector
    from redactor.verify.seals import seal_candidates

    pages = [p for _, p in _pages(Path(args.corpus), {"born_digital", "mixed"}, None)]
    seal, sig = SealDetector(), SignatureDetector()
    jobs = {
        "SealDetector (no OCR)": lambda p: seal.detect(p, None),
        "SignatureDetector (no OCR)": lambda p: sig.detect(p, None),
        "verify: seal_candidates": lambda p: seal_candidates(p.raster),
    }
    best = {k: float("inf") for k in jobs}
    for _ in range(args.repeat):
        for name, fn in jobs.items():           # interleaved: a load change touches every job alike
            t = time.process_time()
            for p in pages:
                fn(p)
            best[name] = min(best[name], time.process_time() - t)
    print(f"{len(pages)} pages, CPU-s/page (best of {args.repeat}):")
    for name, cpu in best.items():
        print(f"  {name:30s} {cpu / max(len(pages), 1):.4f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
