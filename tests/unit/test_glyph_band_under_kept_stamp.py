"""A removed OCR line across a kept stamp is boxed to its glyphs' band (structure seed 55211: an issuer's round
stamp across the holder's 工作单位 and 身份证号 lines of a scanned 继续教育合格证书 was painted over half its height by
the two lines' text-detector boxes, ~40 % taller than their glyphs each side, and the issuer's seal was lost).  The
glyphs go entirely; the stamp keeps the detector's slack; elsewhere, and with the setting off, the boxes are the
detector's.  Synthetic: a drawn stamp and text, no real person or organisation."""

from __future__ import annotations

import numpy as np
import pymupdf

from redactor.config import RedactConfig
from redactor.model import Action, BBox, Decision, Finding, RedactionPlan
from redactor.redact import apply_plan

UNIT = "鄂尔多斯市第三中学"
SIZE = 12.0
BASE = (120.0, 300.0)         # the unit line's baseline, across the stamp
STAMP = BBox(150, 240, 260, 350)


def _scan(path: str) -> None:
    src = pymupdf.open()
    sp = src.new_page(width=595, height=842)
    sp.draw_circle(((STAMP.x0 + STAMP.x1) / 2, (STAMP.y0 + STAMP.y1) / 2), 52, color=(0.85, 0.2, 0.2), width=3)
    sp.insert_text((170, 270), "测试发证机关", fontname="china-s", fontsize=11, color=(0.85, 0.2, 0.2))
    sp.insert_text(BASE, UNIT, fontname="china-s", fontsize=SIZE)
    png = sp.get_pixmap(dpi=200).tobytes("png")
    doc = pymupdf.open()
    doc.new_page(width=595, height=842).insert_image(pymupdf.Rect(0, 0, 595, 842), stream=png)
    doc.save(path)


def _ocr_boxes() -> tuple[BBox, ...]:
    """One box per character as a text detector gives them: 40 % of the ink height more above and below."""
    x, y = BASE
    ink_top, ink_bottom = y - 0.88 * SIZE, y + 0.12 * SIZE
    grow = 0.4 * (ink_bottom - ink_top)
    return tuple(BBox(x + SIZE * i, ink_top - grow, x + SIZE * (i + 1), ink_bottom + grow) for i in range(len(UNIT)))


def _plan(with_stamp: bool) -> RedactionPlan:
    f = Finding(page=1, entity_type="ORGANIZATION", boxes=_ocr_boxes(), recognizer="applicant_value.v1", score=1.0,
                text=UNIT, start=0, end=len(UNIT), explanation=(("source", "ocr"),))
    ds = [Decision(f, Action.REDACT, "own.employer", "test", profile_field="employers")]
    if with_stamp:
        seal = Finding(page=1, entity_type="SEAL", boxes=(STAMP,), recognizer="seal.v1", score=0.9)
        ds.append(Decision(seal, Action.KEEP, "other.seal.issuer", "test"))
    return RedactionPlan("cert.pdf", tuple(ds))


def _grey(path: str, box: BBox) -> np.ndarray:
    with pymupdf.open(path) as doc:
        pix = doc[0].get_pixmap(dpi=144, clip=pymupdf.Rect(*box.as_tuple()), colorspace=pymupdf.csGRAY)
    return np.frombuffer(pix.samples, np.uint8).reshape(pix.height, pix.width)


def _black_rows(path: str) -> float:
    """Points of the unit's column at the stamp's middle painted solid black, top to bottom."""
    x = (STAMP.x0 + STAMP.x1) / 2
    col = _grey(path, BBox(x - 2, STAMP.y0, x + 2, STAMP.y1))
    return float((col.max(axis=1) < 8).sum()) / 2.0


def _print_left(path: str) -> int:
    """Dark pixels of print (not the stamp's red) left in the line's boxes, outside any black box: the glyphs
    must all go."""
    line = BBox.enclosing(list(_ocr_boxes()))
    with pymupdf.open(path) as doc:
        pix = doc[0].get_pixmap(dpi=144, clip=pymupdf.Rect(*line.as_tuple()), colorspace=pymupdf.csRGB)
    rgb = np.frombuffer(pix.samples, np.uint8).reshape(pix.height, pix.width, 3).astype(int)
    g = rgb.mean(axis=2)
    red = rgb[:, :, 0] - np.maximum(rgb[:, :, 1], rgb[:, :, 2]) >= 35
    return int(((g > 8) & (g < 100) & ~red).sum())


def test_a_removed_line_across_a_kept_stamp_is_boxed_to_its_glyphs(tmp_path):
    src = str(tmp_path / "cert.pdf")
    _scan(src)
    assert _print_left(src) > 100, "premise: the line's print is there"
    banded, plain, off = (str(tmp_path / n) for n in ("banded.pdf", "plain.pdf", "off.pdf"))
    apply_plan(_plan(True), src, banded, RedactConfig())
    apply_plan(_plan(False), src, plain, RedactConfig())        # no kept stamp: the detector's boxes
    apply_plan(_plan(True), src, off, RedactConfig(glyph_band_under_kept_stamps=False))
    for out in (banded, plain, off):
        assert _print_left(out) == 0, out
    detector = BBox.enclosing(list(_ocr_boxes())).height
    assert _black_rows(plain) >= 0.95 * detector and _black_rows(off) >= 0.95 * detector
    assert _black_rows(banded) <= 0.8 * detector, (_black_rows(banded), detector)
    assert _black_rows(banded) >= SIZE * 0.8          # the glyphs' own height is boxed
