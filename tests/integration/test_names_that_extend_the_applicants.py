"""Another person whose name begins with the applicant's keeps it, letter-spaced too (issue 41 class 7).

The applicant 韩冰; a co-author 韩冰洁, written whole, in a list and letter-spaced (合作者：韩 冰 洁、王芳) as forms
space short names.  The applicant's own name, spaced or not, still goes; ``verify`` calls the output clean."""

from __future__ import annotations

import pymupdf
import pytest
from typer.testing import CliRunner

from redactor.cli import app
from redactor.config import profile_from_mapping
from redactor.normalize import compact
from tests.synth import Person, PdfWriter

APPLICANT = Person(name="韩冰", employer="包头市第一中学", aliases=(), email="hanbing@example.com")
OTHER = "韩冰洁"


@pytest.mark.issue(41)
def test_a_longer_spaced_name_stays_and_the_applicants_goes(tmp_path, text_pipeline):
    w = PdfWriter()
    w.line("专业技术工作总结")
    w.line("申报人：韩 冰　　工作单位：包头市第一中学")
    w.line("项目组成员：韩冰洁（包头市第二中学）、李明华")
    w.line("合作者：韩 冰 洁、王芳")
    w.line("本人韩冰主持完成课题，韩冰洁老师参与实验。")
    src = w.save(tmp_path / "summary.pdf")
    outcome = text_pipeline.run(str(src), profile_from_mapping(APPLICANT.profile()), str(tmp_path / "out"), "summary")
    assert outcome.ok
    with pymupdf.open(outcome.output_pdf) as doc:
        text = doc[0].get_text()
    lines = [compact(ln) for ln in text.splitlines()]
    assert compact("合作者：韩冰洁、王芳") in lines, "the co-author's spaced name was cut"
    assert sum(ln.count(OTHER) for ln in lines) == 3
    assert all(APPLICANT.name not in ln.replace(OTHER, "") for ln in lines)
    profile = APPLICANT.write_profile(tmp_path / "profile.yaml")
    result = CliRunner().invoke(app, ["verify", outcome.output_pdf, "--profile", str(profile), "--no-ocr"])
    assert result.exit_code == 0, result.output
