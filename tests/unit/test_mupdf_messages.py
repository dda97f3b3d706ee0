"""MuPDF's recoverable errors reach the log, not the user's stderr (``redactor/ingest/mupdf_messages.py``).

A document drawn with Noto Serif CJK (Source Han Serif's twin, installed by ``make install-test``),
embedded as a glyph-id-keeping subset the way Chromium embeds it: MuPDF's own font subsetter cannot
parse its charstrings and prints ``MuPDF error: format error: ...``, yet the document redacts and
verifies.  The applicant and the referee are synthetic.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pymupdf
import pytest

from tests.synth import APPLICANT
from tests.unit.test_removed_cff_glyphs import SERIF, retained_gid_subset

TEXT = ("申请人：" + APPLICANT.name, "工作单位：" + APPLICANT.employer, "推荐人：李建国 业务交流会议")


@pytest.fixture(scope="module")
def serif_form(tmp_path_factory) -> Path:
    _, program = retained_gid_subset(SERIF, "".join(TEXT))
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    page.insert_font(fontname="F0", fontbuffer=program)
    for i, line in enumerate(TEXT):
        page.insert_text((72, 100 + 30 * i), line, fontname="F0", fontsize=14)
    path = tmp_path_factory.mktemp("serif") / "form.pdf"
    doc.save(str(path), garbage=3, deflate=True)
    return path


def test_mupdf_really_complains_about_this_font(serif_form: Path) -> None:
    """The premise: MuPDF's subsetter reports an error on this document (else the test below proves nothing)."""
    shown = pymupdf.TOOLS.mupdf_display_errors()
    pymupdf.TOOLS.mupdf_display_errors(False)
    try:
        pymupdf.TOOLS.mupdf_warnings(reset=True)
        with pymupdf.open(serif_form) as doc:
            doc.subset_fonts()
        said = pymupdf.TOOLS.mupdf_warnings(reset=True)
    finally:
        pymupdf.TOOLS.mupdf_display_errors(shown)
    assert "charstring" in said or "stack" in said


def test_a_document_mupdf_complains_about_redacts_with_a_quiet_stderr(
        serif_form: Path, text_pipeline, applicant_profile, tmp_path: Path, capfd, caplog) -> None:
    pymupdf.TOOLS.mupdf_display_errors(True)         # as a fresh process starts: the pipeline must turn it off
    from redactor.pipeline import Pipeline

    pipe = Pipeline(text_pipeline.cfg, regions=False)
    with caplog.at_level(logging.DEBUG, logger="redactor.ingest.mupdf_messages"):
        outcome = pipe.run(str(serif_form), applicant_profile, str(tmp_path), "form")
    err = capfd.readouterr().err
    assert outcome.ok
    assert "MuPDF" not in err
    assert any("MuPDF:" in r.getMessage() for r in caplog.records), "MuPDF's message is logged instead"
    with pymupdf.open(outcome.output_pdf) as out:
        text = out[0].get_text()
    assert APPLICANT.name not in text and "李建国" in text


def test_a_file_name_in_mupdfs_message_does_not_reach_the_log(monkeypatch, caplog) -> None:
    from redactor.ingest import mupdf_messages

    said = f"cannot open file '/srv/in/{APPLICANT.name}-论文.pdf': damaged\nformat error: Reserved charstring byte c=0x0"
    monkeypatch.setattr(pymupdf.TOOLS, "mupdf_warnings", lambda reset=1: said)
    with caplog.at_level(logging.DEBUG, logger="redactor.ingest.mupdf_messages"):
        assert mupdf_messages.log_mupdf_messages() == 2
    logged = " ".join(r.getMessage() for r in caplog.records)
    assert "damaged" in logged and "charstring" in logged
    assert APPLICANT.name not in logged and "/srv" not in logged
