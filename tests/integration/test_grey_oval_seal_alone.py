"""Verification finds a grey oval employer seal with no painted box near it (issue #11's seal channel).

The corpus's scanned Word 申报表 of seed 210 (greyscale): the employer's oval seal is stamped under
同意推荐。（包钢集团盖章）, its ring touching that line.  The edge-pair Hough's one proposal fitted the
print and the ring test failed; the gate caught the seal only when detection happened to paint a
stroke off the ring (stop 37, the reverted row test).  Here every value of the applicant is painted
by the generator's truth except the seal: ``redactor verify`` must find the seal on its own, and
pass the same page with the seal painted too.  Needs LibreOffice (the corpus's Word forms).
Synthetic people only.
"""

from __future__ import annotations

import json
from pathlib import Path

import pymupdf
import pytest
import yaml
from typer.testing import CliRunner

from redactor.cli import app

pytestmark = pytest.mark.models
runner = CliRunner()


def _form_and_truth(tmp_path: Path):
    from benchmarks.corpus import generate_dossier
    from benchmarks.corpus.word import soffice

    if soffice() is None:
        pytest.skip("LibreOffice is not installed: the corpus cannot make Word forms")
    dossier = generate_dossier(210, 0, paths=("scanned",), plan={"scanned": ["word_shenbao"]}, variety=True,
                               name_in_filename=False)
    f = next(f for f in dossier.files if f.path == "scanned")
    profile = tmp_path / "profile.yaml"
    profile.write_text(yaml.safe_dump(dossier.profile, allow_unicode=True), encoding="utf-8")
    return f.data, [i for i in f.instances if i["owner"] == "applicant"], profile


def _painted(data: bytes, boxes: list[list[float]], path: Path) -> Path:
    """The scan with ``boxes`` painted into its pixels (a true redaction's output: nothing under the paint)."""
    doc = pymupdf.open("pdf", data)
    page = doc[0]
    for b in boxes:
        page.draw_rect(pymupdf.Rect(*b) + (-2, -2, 2, 2), color=None, fill=(0, 0, 0))
    pix = page.get_pixmap(dpi=200, colorspace=pymupdf.csGRAY)
    out = pymupdf.open()
    out.new_page(width=page.rect.width, height=page.rect.height).insert_image(page.rect, stream=pix.tobytes("png"))
    out.save(path)
    return path


@pytest.mark.issue(11)
def test_the_grey_oval_seal_is_found_with_nothing_painted_near_it(tmp_path):
    data, mine, profile = _form_and_truth(tmp_path)
    seal = next(i["bbox"] for i in mine if i["category"] == "seal")
    rest = [i["bbox"] for i in mine if i["category"] != "seal"]
    result = runner.invoke(app, ["verify", str(_painted(data, rest, tmp_path / "leaky.pdf")), "-p", str(profile),
                                 "--json"])
    assert result.exit_code == 1, result.output
    leaks = [lk for lk in json.loads(result.stdout)["leaks"] if lk["severity"] == "leak"]
    assert leaks and all(lk["channel"] == "seal" for lk in leaks), leaks
    x0, y0, x1, y1 = leaks[0]["bbox"]
    assert x0 < (seal[0] + seal[2]) / 2 < x1 and y0 < (seal[1] + seal[3]) / 2 < y1, (leaks[0]["bbox"], seal)
    # the same page with the seal painted too is clean: nothing else on it passes for the applicant's stamp
    result = runner.invoke(app, ["verify", str(_painted(data, rest + [seal], tmp_path / "clean.pdf")), "-p",
                                 str(profile), "--json"])
    assert result.exit_code == 0, result.output
