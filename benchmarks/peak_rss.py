"""Peak RSS of one worker redacting one long document (issue 12: <= 1.5 GB at 300 pages).

    python -m benchmarks.peak_rss --pages 300                 # born-digital: a long thesis-like PDF
    python -m benchmarks.peak_rss --pages 60 --scanned        # the same pages rendered as a scan

Generates the document (synthetic text, the applicant's name on some pages), runs ``Pipeline.run`` in a
fresh process with the default config and prints the pages, seconds and the process's peak RSS.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Sequence

import pymupdf

LINE = "本研究针对复杂工况下的结构健康监测问题，提出了一种基于多源数据融合的损伤识别方法，并在实际工程中进行了验证。"


def long_pdf(path: Path, pages: int, scanned: bool, name: str) -> Path:
    doc = pymupdf.open()
    for i in range(pages):
        page = doc.new_page(width=595, height=842)
        y = 60.0
        for j in range(38):
            text = f"{name}，第{i + 1}页。" + LINE[: 30] if j == 5 and i % 10 == 0 else LINE[j % 7:][:38]
            page.insert_text((50, y), text, fontname="china-s", fontsize=10.5)
            y += 19
    if scanned:
        out = pymupdf.open()
        for page in doc:
            pix = page.get_pixmap(dpi=200, colorspace=pymupdf.csGRAY)
            p = out.new_page(width=page.rect.width, height=page.rect.height)
            p.insert_image(p.rect, stream=pix.tobytes("jpeg", jpg_quality=80))
        doc.close()
        doc = out
    doc.save(path, garbage=3, deflate=True)
    doc.close()
    return path


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.peak_rss", description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, default=300)
    ap.add_argument("--scanned", action="store_true")
    args = ap.parse_args(argv)
    from redactor.config import load_config, profile_from_mapping
    from redactor.pipeline import Pipeline
    from tests.synth import APPLICANT

    with tempfile.TemporaryDirectory(prefix="peak-rss-") as tmp:
        src = long_pdf(Path(tmp) / "long.pdf", args.pages, args.scanned, APPLICANT.name)
        pipe = Pipeline(load_config())
        base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        t0 = time.perf_counter()
        outcome = pipe.run(str(src), profile_from_mapping(APPLICANT.profile()), str(Path(tmp) / "out"), "long")
        secs = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"pages": args.pages, "scanned": args.scanned, "ok": outcome.ok, "seconds": round(secs, 1),
                      "peak_rss_mb": round(peak), "rss_after_model_load_mb": round(base)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
