"""What verification's ``seal`` channel costs per rendered page, with and without its grey-stamp pass.

    python -m benchmarks.seal_cost --corpus DIR/corpus/applicant_00      # a generated corpus (PDF files)

Every page of every PDF in the folder is rendered once at verification's 150 dpi; the
channel (``verify.seals.seal_leaks``: colour and grey stamp candidates, each unrolled and
OCRed) is then run over all pages four times, alternately without the grey pass
(``seals_grey.grey_rings`` replaced by nothing) and with it, in this one process, and
timed in CPU seconds (``time.process_time``), so a machine shared with other jobs
stretches them little.  Also the grey search alone per page.  The pages are the
unredacted inputs: their stamps are all still there to be found and read.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path


def measure(corpus: Path) -> dict[str, float]:
    from redactor.config import OcrConfig, load_profile
    from redactor.ingest.ocr.rapidocr_engine import RapidOcrEngine
    from redactor.verify import needles_for
    from redactor.verify import seals
    from redactor.verify.pdfium_reader import open_pdf, render

    ocr = RapidOcrEngine(OcrConfig())
    needles = needles_for(load_profile(corpus / "profile.yaml"))
    rasters = []
    for path in sorted(corpus.glob("*.pdf")):
        with open_pdf(str(path)) as pdf:
            rasters += [(n, render(pdf, n, 150.0)) for n in range(1, len(pdf) + 1)]
    real = seals.grey_rings
    out: dict[str, float] = {"pages": float(len(rasters))}
    try:
        for label, fn in (("without_grey", lambda r: []), ("with_grey", real)) * 2:
            seals.grey_rings = fn
            t = time.process_time()
            leaks = sum(len(seals.seal_leaks(r, n, needles, ocr)) for n, r in rasters)
            out[label] = min(out.get(label, 1e9), (time.process_time() - t) / len(rasters))
            out[label + "_leaks"] = float(leaks)
    finally:
        seals.grey_rings = real
    t = time.process_time()
    found = sum(len(real(r)) for _, r in rasters)
    out["grey_search"] = (time.process_time() - t) / len(rasters)
    out["grey_stamps"] = float(found)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, required=True, help="a folder with PDF files and profile.yaml")
    res = measure(ap.parse_args().corpus)
    print(f"{int(res['pages'])} pages; seal channel CPU s/page: without the grey pass {res['without_grey']:.3f} "
          f"({int(res['without_grey_leaks'])} leaks), with it {res['with_grey']:.3f} ({int(res['with_grey_leaks'])} leaks); "
          f"grey search alone {res['grey_search']:.3f} s/page, {int(res['grey_stamps'])} grey stamps")


if __name__ == "__main__":
    main()
