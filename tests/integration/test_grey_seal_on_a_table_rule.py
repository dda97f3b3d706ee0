"""A greyscale scan of a Word form whose employer seal sits just above the cell's bottom rule
(issue #10, a scanned 申报表; issue #11's seal channel).

On a greyscale scan the seal's ring is mid-grey like the grey edges of the table's black
rules; stamped 2-3 pt above the cell's border, the ring joined the table's outline, whose
contour is no ring, and detection found no seal at all.  Verification missed it too: the
redaction boxes over the seal's top (the employer's short name stamped under it, a
signature) were dark ink joined to the ring, so the ring's profile failed.  Synthetic
names only.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import numpy as np
import pymupdf
import pytest
from typer.testing import CliRunner

from redactor.cli import app
from tests.synth import APPLICANT
from tests.pages import draw_text

pytestmark = pytest.mark.models

CELL = (50.0, 480.0, 545.0, 650.0)
SEAL_W = 110.0                 # the oval's width, points (1.5 : 1)
runner = CliRunner()


def _form() -> tuple[bytes, tuple[float, float, float, float]]:
    """The unit's opinion cell with an oval employer seal whose ring ends ~2 pt above the bottom rule."""
    from benchmarks.corpus.styles import SealStyle, seal_png_styled

    doc = pymupdf.open()
    p = doc.new_page(width=595, height=842)
    draw_text(p, 200, 80, "专业技术职务任职资格申报表", size=16)
    for y in (420.0, 450.0, CELL[1], CELL[3]):
        p.draw_line((CELL[0], y), (CELL[2], y), color=(0, 0, 0), width=0.5)     # a Word table's 0.5 pt rules
    for x in (CELL[0], 180.0, CELL[2]):
        p.draw_line((x, 420.0), (x, CELL[3]), color=(0, 0, 0), width=0.5)
    draw_text(p, 60, 440, "审核人")
    draw_text(p, 60, 500, "单位意见")
    draw_text(p, 190, 500, "同意推荐。")
    png, (fx, fy), (iw, ih) = seal_png_styled(APPLICANT.employer, "技术中心",
                                               SealStyle("oval", 1, False, ink="red"), random.Random(3), 4.0)
    w = SEAL_W / fx
    h = w * ih / iw
    ring_h = h * fy
    cx, cy = 300.0, CELL[3] - 2.0 - ring_h / 2
    p.insert_image(pymupdf.Rect(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2), stream=png)
    return doc.tobytes(), (cx - SEAL_W / 2, cy - ring_h / 2, cx + SEAL_W / 2, cy + ring_h / 2)


def _grey_scan(pdf: bytes, path: Path) -> Path:
    from benchmarks.corpus.render import scanned

    # skewed 1.4 degrees: the rules' grey edges then run through the ring's pixels (straight ones did not)
    path.write_bytes(scanned(pdf, [], random.Random(4), dpi=300, angle=1.4, quarter_turns=0, grayscale=True,
                             jpeg_quality=71)[0].data)
    return path


def _stamp_grey(pdf_path: str, box: tuple[float, float, float, float]) -> np.ndarray:
    """Where ``box`` shows mid-grey (the red seal's ink on a greyscale scan), 100 dpi."""
    with pymupdf.open(pdf_path) as doc:
        pix = doc[0].get_pixmap(dpi=100, clip=pymupdf.Rect(box), colorspace=pymupdf.csGRAY)
        g = np.frombuffer(pix.samples, np.uint8).reshape(pix.height, pix.width).astype(int)
    return (g > 60) & (g < 200)


@pytest.mark.issue(10)
def test_the_employers_grey_oval_seal_by_a_table_rule_is_removed(tmp_path, region_pipeline, applicant_profile):
    pdf, seal = _form()
    src = _grey_scan(pdf, tmp_path / "form.pdf")
    stamp = _stamp_grey(str(src), seal)
    assert stamp.sum() > 300
    outcome = region_pipeline.run(str(src), applicant_profile, str(tmp_path / "out"), "form")
    audit = json.loads(Path(outcome.audit_json).read_text(encoding="utf-8"))
    assert [r for r in audit["redactions"] if r["category"] == "seal" and r["source"] == "image_region"], \
        audit["redactions"]
    left = _stamp_grey(outcome.output_pdf, seal) & stamp
    assert left.sum() < 0.1 * stamp.sum(), (int(left.sum()), int(stamp.sum()))
    with pymupdf.open(outcome.output_pdf) as doc:      # the 审核人 label, in the row above, is still there
        pix = doc[0].get_pixmap(dpi=100, clip=pymupdf.Rect(58, 426, 100, 446), colorspace=pymupdf.csGRAY)
    assert (np.frombuffer(pix.samples, np.uint8) < 100).sum() > 20


@pytest.mark.issue(11)
def test_verify_finds_the_grey_seal_half_under_a_redaction_box(tmp_path, profile_file):
    """The seal stays, but a solid box (a name removed over it) covers part of its ring and text.
    (Ring search with more of the ring under a fill: ``tests/unit/verify/test_grey_rings.py``.)"""
    pdf, (x0, y0, x1, y1) = _form()
    doc = pymupdf.open("pdf", pdf)
    w, h = x1 - x0, y1 - y0          # (the boxes of a scanned 申报表: the short name and a signature over it)
    doc[0].draw_rect(pymupdf.Rect(x0 + 0.53 * w, y0 - 0.23 * h, x0 + 0.98 * w, y0 + 0.31 * h), color=None,
                     fill=(0, 0, 0))
    leaky = _grey_scan(doc.tobytes(), tmp_path / "leaky.pdf")
    result = runner.invoke(app, ["verify", str(leaky), "-p", str(profile_file), "--json"])
    assert result.exit_code == 1, result.output
    leaks = json.loads(result.stdout)["leaks"]
    assert any(lk["channel"] == "seal" and lk["category"] == "employer" for lk in leaks), leaks
    # its clean twin: the seal painted away, the box still there
    doc[0].draw_rect(pymupdf.Rect(x0 - 4, y0 - 4, x1 + 4, y1 + 1), color=None, fill=(1, 1, 1))
    clean = _grey_scan(doc.tobytes(), tmp_path / "clean.pdf")
    result = runner.invoke(app, ["verify", str(clean), "-p", str(profile_file), "--json"])
    assert result.exit_code == 0, result.output
