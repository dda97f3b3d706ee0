"""Faint, partial stamps of the applicant's employer are removed, and verification finds them on its own.

Fresh variety seed 197, applicant 0: two employer stamps pressed light and fading out on one side.

- the 在职证明 letter (born-digital): a pale purple stamp whose ring is 10-25 levels of purple on white paper, under
  the pale level (15) half way round.  Detection found nothing; the gate found the stronger half on the page made
  white, painted that, and the half reading 包头钢铁（集团 was left and called clean.
- the 评审表 scanned in colour, page 2: a pale blue stamp (chroma 8-20 on paper of 3) under the employer's printed
  name.  Neither found it whole; 64 % was left.

Detection now also looks at three times the paper's own tint (``SealDetector._pale_levels``); the gate at a stamp
ink's chroma over three times the paper's (``seals._pale_inks``), and a painted box across a stamp joins its halves
when it has no plan to tell it where the paint is (``seals._solid_paint``).  Needs LibreOffice (the corpus's Word
forms are not among these, but the corpus module checks).  Synthetic people only.
"""

from __future__ import annotations

import json
from pathlib import Path

import pymupdf
import pytest
import yaml
from typer.testing import CliRunner

from redactor.cli import app
from redactor.config import profile_from_mapping
from tests.corpus_case import covered

pytestmark = pytest.mark.models
runner = CliRunner()


def _file(seed: int, applicant: int, path: str, doc_type: str):
    from benchmarks.corpus import generate_dossier

    dossier = generate_dossier(seed, applicant, paths=(path,), plan={path: [doc_type]}, variety=True,
                               name_in_filename=False)
    return next(f for f in dossier.files if f.path == path), dossier.profile


@pytest.mark.parametrize("path, doc_type", [("born_digital", "zaizhi_zhengming"), ("scanned", "pingshen_biao_b")])
def test_a_faint_partial_employer_stamp_is_removed_and_the_other_bodys_kept(tmp_path, region_pipeline, path, doc_type):
    f, profile = _file(197, 0, path, doc_type)
    src = tmp_path / "input.pdf"
    src.write_bytes(f.data)
    outcome = region_pipeline.run(str(src), profile_from_mapping(profile), str(tmp_path / "out"), "input")
    audit = json.loads(Path(outcome.audit_json).read_text(encoding="utf-8"))
    seals = [i for i in f.instances if i["category"] == "seal"]
    (own,) = [i for i in seals if i["owner"] == "applicant"]
    assert "faint_partial" in own["design"]
    removed = [r["bbox"] for r in audit["redactions"] if r["page"] == own["page"]]
    assert covered(own["bbox"], removed) >= 0.9, (own["bbox"], removed)
    assert not any(r["recognizer"] == "verify_repair.v1" for r in audit["redactions"])     # detection's, not the gate's
    for other in (i for i in seals if i["owner"] != "applicant"):
        assert covered(other["bbox"], [r["bbox"] for r in audit["redactions"] if r["page"] == other["page"]]) <= 0.1


def test_the_gate_finds_the_faint_blue_stamp_under_a_painted_name_on_its_own(tmp_path):
    """``redactor verify`` without an audit: every other value painted into the scan's pixels, the stamp left."""
    f, profile = _file(197, 0, "scanned", "pingshen_biao_b")
    (own,) = [i for i in f.instances if i["category"] == "seal" and i["owner"] == "applicant"]
    mine = [i for i in f.instances if i["owner"] == "applicant" and i["page"] == own["page"]]
    prof = tmp_path / "profile.yaml"
    prof.write_text(yaml.safe_dump(profile, allow_unicode=True), encoding="utf-8")

    def painted(boxes, name):
        doc = pymupdf.open("pdf", f.data)
        page = doc[own["page"] - 1]
        for b in boxes:
            page.draw_rect(pymupdf.Rect(*b) + (-2, -2, 2, 2), color=None, fill=(0, 0, 0))
        pix = page.get_pixmap(dpi=200)
        out = pymupdf.open()
        out.new_page(width=page.rect.width, height=page.rect.height).insert_image(page.rect, stream=pix.tobytes("png"))
        out.save(tmp_path / name)
        return str(tmp_path / name)

    rest = [i["bbox"] for i in mine if i["category"] != "seal"]
    result = runner.invoke(app, ["verify", painted(rest, "leaky.pdf"), "-p", str(prof), "--json"])
    assert result.exit_code == 1, result.output
    leaks = [lk for lk in json.loads(result.stdout)["leaks"] if lk["severity"] == "leak"]
    assert [lk["channel"] for lk in leaks] == ["seal"], leaks
    result = runner.invoke(app, ["verify", painted(rest + [own["bbox"]], "clean.pdf"), "-p", str(prof), "--json"])
    assert result.exit_code == 0, result.output
