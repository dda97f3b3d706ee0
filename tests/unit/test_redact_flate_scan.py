"""A blanked lossless scan comes out compressed and otherwise untouched (``redact.compression_effort``).

MuPDF writes the image it blanked back uncompressed; the output's save compresses it, at the configured
effort.  An effort of 1-10 would store it raw (a 200-DPI page at 4 MB instead of ~2); any effort must
leave the pixels outside the box exactly as they were.
"""

from __future__ import annotations

import numpy as np
import pymupdf

from redactor.config import RedactConfig, load_config
from redactor.model import Action, BBox, Decision, Finding, RedactionPlan
from redactor.redact import apply_plan

W_PX, H_PX = 600, 848            # A4 at ~72 DPI


def _scan(tmp) -> tuple[str, np.ndarray]:
    rng = np.random.default_rng(11)
    grey = np.full((H_PX, W_PX), 236, np.uint8)
    grey[rng.integers(0, H_PX, 9000), rng.integers(0, W_PX, 9000)] = 35
    doc = pymupdf.open()
    page = doc.new_page(width=595.0, height=842.0)
    page.insert_image(page.rect, pixmap=pymupdf.Pixmap(pymupdf.csGRAY, W_PX, H_PX, grey.tobytes(), False))
    path = str(tmp / "scan.pdf")
    doc.save(path, deflate=True)
    return path, grey


def test_blanked_flate_scan_is_compressed_and_unchanged_outside_the_box(tmp_path) -> None:
    src, grey = _scan(tmp_path)
    box = BBox(100.0, 200.0, 300.0, 260.0)
    finding = Finding(page=1, entity_type="SEAL", boxes=(box,), recognizer="test.v1", score=1.0)
    plan = RedactionPlan(source=src, decisions=(Decision(finding, Action.REDACT, "own.seal.employer", "test"),))
    out = str(tmp_path / "out.pdf")
    cfg = load_config().redact
    assert cfg.compression_effort > 10           # 1-10 stores streams raw
    apply_plan(plan, src, out, RedactConfig(subset_fonts=False, compression_effort=cfg.compression_effort),
               hidden_text=False)
    with pymupdf.open(out) as doc:
        xref = doc[0].get_images(full=True)[0][0]
        assert doc.xref_get_key(xref, "Filter") == ("name", "/FlateDecode")
        assert len(doc.xref_stream_raw(xref)) < grey.nbytes / 3
        pix = pymupdf.Pixmap(doc, xref)
        after = np.frombuffer(pix.samples, np.uint8).reshape(H_PX, W_PX)
    sx, sy = W_PX / 595.0, H_PX / 842.0
    inside = np.zeros_like(grey, bool)
    inside[int(box.y0 * sy) - 2:int(box.y1 * sy) + 3, int(box.x0 * sx) - 2:int(box.x1 * sx) + 3] = True
    assert np.array_equal(after[~inside], grey[~inside])
    core = after[int(box.y0 * sy) + 2:int(box.y1 * sy) - 2, int(box.x0 * sx) + 2:int(box.x1 * sx) - 2]
    assert core.min() == core.max()               # destroyed (one flat value), not only drawn over
    assert (grey[int(box.y0 * sy) + 2:int(box.y1 * sy) - 2, int(box.x0 * sx) + 2:int(box.x1 * sx) - 2] == 35).any()
