"""``python -m benchmarks.scan_cost --realdocs DIR`` measures a realdocs folder's picture files as ``redact``
reads them: each picture is made into a PDF by ingest's own ``image_to_pdf`` (so the page has the size, and
the OCR rendering the pixels, that the pipeline would give it) and paired with its profile by the ``Dnn``
prefix; PDFs and pictures without a profile are left out, and the folder itself is not written to."""

from __future__ import annotations

import numpy as np
import pymupdf
from PIL import Image

from benchmarks.scan_cost import realdocs_scans


def test_pictures_pair_with_their_profiles_and_become_the_pages_redact_reads(tmp_path) -> None:
    root = tmp_path / "realdocs"
    (root / "inputs").mkdir(parents=True)
    (root / "profiles").mkdir()
    rng = np.random.default_rng(1)
    Image.fromarray(rng.integers(0, 255, (600, 420, 3), dtype=np.uint8)).save(root / "inputs" / "D21_form_scan.png")
    Image.fromarray(rng.integers(0, 255, (500, 400, 3), dtype=np.uint8)).save(root / "inputs" / "D22_photo.jpg",
                                                                                dpi=(150, 150))
    Image.fromarray(rng.integers(0, 255, (50, 50, 3), dtype=np.uint8)).save(root / "inputs" / "D23_orphan.png")
    born = pymupdf.open()
    born.new_page()
    born.save(root / "inputs" / "D24_born_digital.pdf")          # a PDF: not a picture file, left out
    for n in ("D21", "D22", "D24"):
        (root / "profiles" / f"{n}.yaml").write_text("name: 王淑珺\n", encoding="utf-8")
    before = sorted(p.name for p in root.rglob("*"))
    work = tmp_path / "work"
    work.mkdir()
    pairs = realdocs_scans(root, work, 300.0, 80_000_000)
    assert [(pdf.name, prof.name) for pdf, prof in pairs] == [
        ("D21_form_scan.scanned.pdf", "D21.yaml"), ("D22_photo.scanned.pdf", "D22.yaml")]
    sizes = []
    for pdf, _ in pairs:
        with pymupdf.open(pdf) as doc:
            assert doc.page_count == 1 and doc[0].get_images()
            sizes.append((round(doc[0].rect.width), round(doc[0].rect.height)))
    assert sizes == [(101, 144), (192, 240)]      # 420x600 px at the 300 dpi fallback; 400x500 px at its own 150
    assert sorted(p.name for p in root.rglob("*")) == before
