"""A redacted JPEG scan keeps the pixels redaction did not touch (``redactor/redact/jpeg.py``).

Seed 96305's scanned 评审表 lost a decoy that no box came near: the review board's printed name under
its seal.  Redaction had re-encoded the whole 300-DPI scan (saved at quality 82) at quality 85, which moved
a quarter of the page's pixels outside every box, and a reviewer's OCR then read the name as two broken
lines.  The rewritten image is now encoded with the source JPEG's own tables: untouched blocks come back
(nearly) bit for bit.  Fails with the fixed-quality re-encode (about a third of the pixels outside the box
change, by up to ~30 levels).
"""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pymupdf
from PIL import Image

from redactor.config import RedactConfig
from redactor.model import Action, BBox, Decision, Finding, RedactionPlan
from redactor.redact import apply_plan

W_PX, H_PX = 1240, 1754          # A4 at 150 DPI
BOX_PT = (200.0, 300.0, 320.0, 420.0)


def _scan(quality: int, mode: str) -> bytes:
    """A noisy grey 'scan' with dark strokes, saved as a JPEG at ``quality`` (4:2:0 for RGB)."""
    rng = np.random.default_rng(5)
    page = np.full((H_PX, W_PX), 236, np.float64) + rng.normal(0, 5, (H_PX, W_PX))
    for _ in range(900):                                   # short strokes, like characters and table rules
        y, x = int(rng.integers(20, H_PX - 40)), int(rng.integers(20, W_PX - 40))
        if rng.random() < 0.5:
            page[y:y + 3, x:x + int(rng.integers(8, 30))] = 40
        else:
            page[y:y + int(rng.integers(8, 30)), x:x + 3] = 40
    arr = np.clip(page, 0, 255).astype(np.uint8)
    img = Image.fromarray(arr, "L") if mode == "L" else Image.fromarray(np.dstack([arr] * 3), "RGB")
    buf = io.BytesIO()
    img.save(buf, format="JPEG", quality=quality)
    return buf.getvalue()


def _pdf(tmp: Path, jpeg: bytes) -> str:
    doc = pymupdf.open()
    page = doc.new_page(width=595.0, height=842.0)
    page.insert_image(page.rect, stream=jpeg)
    path = str(tmp / "scan.pdf")
    doc.save(path)
    return path


def _image(pdf: str) -> tuple[np.ndarray, str]:
    doc = pymupdf.open(pdf)
    xref, filt = doc[0].get_images(full=True)[0][0], doc[0].get_images(full=True)[0][8]
    raw = doc.xref_stream_raw(xref)
    arr = np.asarray(Image.open(io.BytesIO(raw)).convert("L")).astype(int)
    return arr, filt


def _redact(tmp: Path, src: str) -> str:
    box = BBox(*BOX_PT)
    finding = Finding(page=1, entity_type="SEAL", boxes=(box,), recognizer="test.v1", score=1.0)
    plan = RedactionPlan(source=src, decisions=(Decision(finding, Action.REDACT, "own.seal.employer", "test"),))
    out = str(tmp / "out.pdf")
    apply_plan(plan, src, out, RedactConfig(subset_fonts=False), hidden_text=False)
    return out


def _outside_box(shape: tuple[int, int], margin_px: int = 16) -> np.ndarray:
    s = W_PX / 595.0
    x0, y0, x1, y1 = (int(v * s) for v in BOX_PT)
    mask = np.ones(shape, bool)
    mask[max(0, y0 - margin_px):y1 + margin_px, max(0, x0 - margin_px):x1 + margin_px] = False
    return mask


def _check(tmp: Path, quality: int, mode: str) -> None:
    src = _pdf(tmp, _scan(quality, mode))
    out = _redact(tmp, src)
    before, _ = _image(src)
    after, filt = _image(out)
    assert filt == "DCTDecode"                             # still a JPEG, not a 6 MB Flate image
    s = W_PX / 595.0
    x0, y0, x1, y1 = (int(v * s) for v in BOX_PT)
    inner = after[y0 + 2:y1 - 2, x0 + 2:x1 - 2]
    assert before[y0:y1, x0:x1].min() < 60 and int(np.ptp(inner)) <= 12   # strokes were there; now one flat tone
    diff = np.abs(after - before)[_outside_box(before.shape)]
    changed = float((diff > 0).mean())
    assert changed < 0.01, f"{changed:.1%} of the pixels outside the box changed"
    assert diff.max() <= 8                                 # IDCT rounding of MuPDF vs libjpeg-turbo


def test_rgb_scan_at_quality_75_keeps_untouched_pixels(tmp_path: Path) -> None:
    _check(tmp_path, 75, "RGB")


def test_grey_scan_at_quality_92_keeps_untouched_pixels(tmp_path: Path) -> None:
    _check(tmp_path, 92, "L")
