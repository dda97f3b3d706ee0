"""A light purple double-ring oval seal with a star (issue #10 class 3, issue #11's seal channel).

Such an impression's inner ring and text are paler than its border: the ring reader's depth
profile, thresholded for full-strength ink, saw neither, cut the unwrapped strip inside the name
and kept the employer's seal as another organisation's; the verifier's unroll broke the light
strokes and read nothing, so the output passed.  Here the employer's seal (the name has brackets,
（集团）, which ring OCR reads as a comma or not at all) is drawn by the corpus generator, tilted,
on a born-digital page and on a scan: it must go, and ``verify`` must name the seal channel for
a page that still shows it.  Synthetic names only.
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

pytestmark = pytest.mark.models

AT = (300.0, 420.0)
WIDTH = 150.0


def _seal_page(turn: float = -15.0) -> tuple[bytes, tuple[float, float, float, float]]:
    """A certificate's foot: the issuing line in print and the employer's faint purple double-ring
    star oval seal, tilted; returns the PDF and the seal's box in points."""
    from benchmarks.corpus.styles import SealStyle, seal_png_styled

    style = SealStyle("oval", rings=2, star=True, ink="purple", strength=0.5)
    png, (fx, fy), (iw, ih) = seal_png_styled(APPLICANT.employer, "技术中心", style, random.Random(3), turn)
    doc = pymupdf.open()
    p = doc.new_page(width=595, height=842)
    p.insert_text((60, 80), "荣誉证书", fontname="china-s", fontsize=18)
    p.insert_text((60, 140), "在二〇二三年度技术创新工作中成绩突出，特发此证。", fontname="china-s", fontsize=12)
    cx, cy = AT
    w = WIDTH / fx
    h = w * ih / iw
    p.insert_image(pymupdf.Rect(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2), stream=png)
    return doc.tobytes(), (cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)


def _scan(pdf: bytes) -> bytes:
    from benchmarks.corpus.render import scanned

    return scanned(pdf, [], random.Random(4), dpi=200, angle=0.6, quarter_turns=0, grayscale=False,
                   jpeg_quality=80)[0].data


def _stamp_ink(pdf_path: str, box: tuple[float, float, float, float]) -> int:
    """Pixels of purple stamp ink (blue and red above green) inside ``box`` of the rendered page."""
    with pymupdf.open(pdf_path) as doc:
        pix = doc[0].get_pixmap(dpi=100, clip=pymupdf.Rect(box))
        rgb = np.frombuffer(pix.samples, np.uint8).reshape(pix.height, pix.width, pix.n)[:, :, :3].astype(int)
    r, g, b = rgb[:, :, 0], rgb[:, :, 1], rgb[:, :, 2]
    return int(((np.minimum(r, b) - g) > 25).sum())


@pytest.mark.issue(10)
@pytest.mark.parametrize("path", ["born_digital", "scanned"])
def test_faint_purple_double_ring_employer_seal_is_removed(path, tmp_path, region_pipeline, applicant_profile):
    pdf, box = _seal_page()
    src = tmp_path / "input.pdf"
    src.write_bytes(pdf if path == "born_digital" else _scan(pdf))
    before = _stamp_ink(str(src), box)
    assert before > 100
    outcome = region_pipeline.run(str(src), applicant_profile, str(tmp_path / "out"), "seal")
    audit = json.loads(Path(outcome.audit_json).read_text(encoding="utf-8"))
    assert _stamp_ink(outcome.output_pdf, box) < 0.05 * before, (audit["redactions"], audit["kept"])
    seals = [r for r in audit["redactions"] if r["category"] == "seal"]
    assert seals and all(r["recognizer"] == "seal.v1" for r in seals), audit["redactions"]


runner = CliRunner()


@pytest.mark.issue(11)
def test_verify_names_the_seal_channel_for_a_faint_purple_employer_seal(tmp_path, profile_file):
    pdf, _ = _seal_page()
    page_only = pymupdf.open(stream=pdf)
    page = page_only[0]
    page.add_redact_annot(page.rect)
    page.apply_redactions(images=pymupdf.PDF_REDACT_IMAGE_NONE)       # the print goes, the stamp stays
    leaky = tmp_path / "leaky.pdf"
    page_only.save(leaky)
    result = runner.invoke(app, ["verify", str(leaky), "-p", str(profile_file), "--json"])
    assert result.exit_code == 1, result.output
    leaks = json.loads(result.stdout)["leaks"]
    assert any(lk["channel"] == "seal" and lk["category"] == "employer" and lk["severity"] == "leak" for lk in leaks)
    assert APPLICANT.employer not in result.stdout
