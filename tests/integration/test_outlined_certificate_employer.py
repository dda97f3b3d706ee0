"""An outlined certificate's 工作单位 line: removed, and verification calls it a leak when it is left.

Fresh variety seed 199, applicant 1: a 荣誉证书 exported with its text as outlines (转曲), 工作单位：包头市中心医院 in
the body and 包头市中心医院 again as the issuing line under it.  OCR reads the page; LAC took the two lines for one
organisation ending in 医院, so the first mention passed for a longer body's name and stayed.  The gate read it,
but reported it for review only: an employer drawn as vector paths was taken for a logo, and on this page every
word is vector paths.  Synthetic people only.
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


def _certificate():
    from benchmarks.corpus import generate_dossier

    dossier = generate_dossier(199, 1, paths=("outlined",), plan={"outlined": ["huojiang_portrait"]}, variety=True,
                               name_in_filename=False)
    f = next(f for f in dossier.files if f.path == "outlined")
    employers = [i for i in f.instances if i["category"] == "employer" and i["owner"] == "applicant"]
    assert len(employers) == 2 and not pymupdf.open("pdf", f.data)[0].get_text().strip()      # no text layer
    return f, dossier.profile, employers


def test_both_mentions_of_the_employer_are_removed(tmp_path, region_pipeline):
    f, profile, employers = _certificate()
    src = tmp_path / "input.pdf"
    src.write_bytes(f.data)
    outcome = region_pipeline.run(str(src), profile_from_mapping(profile), str(tmp_path / "out"), "input")
    audit = json.loads(Path(outcome.audit_json).read_text(encoding="utf-8"))
    removed = [r["bbox"] for r in audit["redactions"]]
    for e in employers:
        assert covered(e["bbox"], removed) >= 0.8, (e["bbox"], removed)


def test_the_gate_calls_the_employer_left_in_the_body_a_leak(tmp_path):
    f, profile, employers = _certificate()
    body = min(employers, key=lambda e: e["bbox"][1])            # 工作单位：包头市中心医院, the upper one
    doc = pymupdf.open("pdf", f.data)
    page = doc[0]
    for i in f.instances:
        if i["owner"] == "applicant" and i is not body:
            page.draw_rect(pymupdf.Rect(*i["bbox"]) + (-2, -2, 2, 2), color=None, fill=(0, 0, 0))
    doc.save(tmp_path / "left.pdf")          # still vector paths only, no text layer, no image
    prof = tmp_path / "profile.yaml"
    prof.write_text(yaml.safe_dump(profile, allow_unicode=True), encoding="utf-8")
    result = runner.invoke(app, ["verify", str(tmp_path / "left.pdf"), "-p", str(prof), "--json"])
    assert result.exit_code == 1, result.output
    leaks = json.loads(result.stdout)["leaks"]
    assert any(lk["channel"] == "ocr" and lk["category"] == "employer" and lk["severity"] == "leak"
               and covered(lk["bbox"], [body["bbox"]]) > 0.5 for lk in leaks), leaks
