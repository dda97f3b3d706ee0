"""Oval seals (issue #10 class 3, issue #11's seal channel): the employer's oval seal
is removed on a born-digital page and on a scan, another organisation's oval seal
stays, and ``verify`` names the seal channel when the employer's oval seal is left.

Seals are drawn by the corpus generator (``benchmarks.corpus.styles``: double ring,
1.5 : 1, text on a scaled copy of the ring) with the synthetic applicant's employer
as the name.  Outcomes are judged on the output's pixels: stamp ink gone from the
employer's seal, still there on the other one.  Synthetic names only.
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

OTHER_ORG = "呼和浩特市第一中学"
OWN_AT, OTHER_AT = (170.0, 380.0), (440.0, 380.0)


def _seal_page(employer_seal: bool = True) -> tuple[bytes, dict[str, tuple[float, float, float, float]]]:
    """A recommendation page: the employer's oval seal (or a blank) on the left, another
    organisation's oval seal on the right; returns the PDF and each seal's box in points."""
    from benchmarks.corpus.styles import SealStyle, seal_png_styled

    rng = random.Random(1)
    doc = pymupdf.open()
    p = doc.new_page(width=595, height=842)
    p.insert_text((60, 80), "推荐意见", fontname="china-s", fontsize=14)
    p.insert_text((60, 130), "该同志工作认真负责，同意推荐。", fontname="china-s", fontsize=11)
    p.insert_text((60, 420), "单位（盖章）：", fontname="china-s", fontsize=11)
    p.insert_text((330, 420), "主管部门（盖章）：", fontname="china-s", fontsize=11)
    boxes = {}
    seals = [("own", APPLICANT.employer, SealStyle("oval", 2, False, ink="dark_red"), OWN_AT, 8.0),
             ("other", OTHER_ORG, SealStyle("oval", 1, False, ink="orange_red"), OTHER_AT, -6.0)]
    for key, org, style, (cx, cy), turn in seals:
        png, (fx, fy), (iw, ih) = seal_png_styled(org, "", style, rng, turn)
        if key == "own" and not employer_seal:
            continue
        w = 135.0 / fx
        h = w * ih / iw
        p.insert_image(pymupdf.Rect(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2), stream=png)
        boxes[key] = (cx - 67.5, cy - 0.5 * h * fy, cx + 67.5, cy + 0.5 * h * fy)
    return doc.tobytes(), boxes


def _scan(pdf: bytes) -> bytes:
    from benchmarks.corpus.render import scanned

    return scanned(pdf, [], random.Random(2), dpi=200, angle=0.8, quarter_turns=0, grayscale=False,
                   jpeg_quality=75)[0].data


def _stamp_ink(pdf_path: str, box: tuple[float, float, float, float]) -> int:
    """Pixels of saturated red/orange ink inside ``box`` (grown by 6 pt) of the rendered page."""
    with pymupdf.open(pdf_path) as doc:
        r = pymupdf.Rect(box) + (-6, -6, 6, 6)
        pix = doc[0].get_pixmap(dpi=100, clip=r)
        rgb = np.frombuffer(pix.samples, np.uint8).reshape(pix.height, pix.width, pix.n)[:, :, :3].astype(int)
    return int(((rgb[:, :, 0] - np.maximum(rgb[:, :, 1], rgb[:, :, 2])) > 60).sum())


@pytest.mark.issue(10)
@pytest.mark.parametrize("path", ["born_digital", "scanned"])
def test_employers_oval_seal_is_removed_and_another_oval_seal_kept(path, tmp_path, region_pipeline,
                                                                   applicant_profile):
    pdf, boxes = _seal_page()
    src = tmp_path / "input.pdf"
    src.write_bytes(pdf if path == "born_digital" else _scan(pdf))
    assert _stamp_ink(str(src), boxes["own"]) > 400 and _stamp_ink(str(src), boxes["other"]) > 400
    outcome = region_pipeline.run(str(src), applicant_profile, str(tmp_path / "out"), "seal")
    audit = json.loads(Path(outcome.audit_json).read_text(encoding="utf-8"))
    assert _stamp_ink(outcome.output_pdf, boxes["own"]) < 20, audit["redactions"]
    assert _stamp_ink(outcome.output_pdf, boxes["other"]) > 400
    assert any(r["category"] == "seal" for r in audit["redactions"])


runner = CliRunner()


@pytest.mark.issue(11)
def test_verify_names_the_seal_channel_for_an_oval_employer_seal_left(tmp_path, profile_file):
    pdf, _ = _seal_page()
    leaky = tmp_path / "leaky.pdf"
    leaky.write_bytes(pdf)
    result = runner.invoke(app, ["verify", str(leaky), "-p", str(profile_file), "--json"])
    assert result.exit_code == 1, result.output
    leaks = json.loads(result.stdout)["leaks"]
    assert any(lk["channel"] == "seal" and lk["category"] == "employer" and lk["severity"] == "leak" for lk in leaks)
    assert APPLICANT.employer not in result.stdout


@pytest.mark.issue(11)
def test_verify_passes_an_oval_seal_of_another_organisation(tmp_path, profile_file):
    pdf, _ = _seal_page(employer_seal=False)
    clean = tmp_path / "clean.pdf"
    clean.write_bytes(pdf)
    result = runner.invoke(app, ["verify", str(clean), "-p", str(profile_file), "--json"])
    assert result.exit_code == 0, result.output
