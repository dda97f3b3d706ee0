"""An earlier revision of the file is read too: ``redactor verify`` opens the file as it was before each
incremental update.

Before: a page whose content stream was rewritten in place and saved incrementally (a PDF editor's
"redaction") passed ``redactor verify``: the current page no longer names the applicant, the old content
stream is still in the file's bytes, but it draws the name in a CID font (Identity-H, glyph codes only
readable through the font's ToUnicode map); the object scan decodes its codes as one run, the lines run
together (the name glued to the next line's label: a name inside a longer word, left to review).  Opened as
it was (the file's bytes up to the earlier ``%%EOF``), that revision shows the name on its own line.  Saved whole (``garbage=4``, as the
pipeline saves its output) the history is gone and the file passes.  Synthetic people only.
"""

from __future__ import annotations

from pathlib import Path

import pymupdf
from typer.testing import CliRunner

from redactor import cli
from redactor.config import profile_from_mapping
from redactor.errors import ExitCode
from redactor.verify import verify_pdf
from redactor.verify.revisions import MAX_REVISIONS, earlier_ends
from tests.synth import APPLICANT

PROFILE = profile_from_mapping(APPLICANT.profile())
OTHER = "赵德柱"                              # a referee: someone else, never a needle
NAMED = [f"姓名：{APPLICANT.name}", f"推荐人：{OTHER}"]      # the page before the update ...
UNNAMED = ["姓名：", f"推荐人：{OTHER}"]                   # ... and after it
runner = CliRunner()


def _page(lines: list[str]) -> pymupdf.Document:
    """One page drawing ``lines`` in an embedded TrueType CJK font (a Type0 font, Identity-H, with its
    ToUnicode map: the text is glyph codes), in one content stream."""
    doc = pymupdf.open()
    page = doc.new_page(width=360, height=240)
    page.insert_font(fontname="cjk", fontbuffer=pymupdf.Font("china-s").buffer)
    for i, text in enumerate(lines):
        page.insert_text((40, 60 + 40 * i), text, fontname="cjk", fontsize=14)
    page.clean_contents()
    return doc


def _rewritten(tmp_path: Path, before: list[str], after: list[str]) -> Path:
    """A file drawing ``before``, then updated incrementally to draw ``after``: the page's content stream object
    replaced in place (same object number, a new revision appended)."""
    path = tmp_path / "updated.pdf"
    doc = _page(before)
    font = doc[0].get_fonts()[0]                        # (xref, ext, type, basefont, name, encoding)
    assert (font[2], font[5]) == ("Type0", "Identity-H")
    doc.save(path, garbage=4, deflate=True)
    doc.close()
    new = _page(after)
    stream = new.xref_stream(new[0].get_contents()[0])   # the same font, same glyph ids, same resource name
    new.close()
    doc = pymupdf.open(path)
    (xref,) = doc[0].get_contents()
    doc.update_stream(xref, stream)
    doc.saveIncr()
    doc.close()
    with pymupdf.open(path) as check:                   # the update is in place and hides the name now
        assert check[0].get_contents() == [xref]
        assert APPLICANT.name not in check[0].get_text()
    assert len(earlier_ends(path.read_bytes())) == 1
    return path


def _revision_leaks(report) -> list:  # noqa: ANN001
    return [lk for lk in report.leaks if lk.where == "revision"]


def test_a_name_in_the_revision_before_an_incremental_update_is_a_leak(tmp_path):
    path = _rewritten(tmp_path, NAMED, UNNAMED)
    report = verify_pdf(str(path), PROFILE)
    assert not report.passed
    assert "revisions" in report.checks
    found = _revision_leaks(report)
    assert [(lk.category, lk.page, lk.severity) for lk in found] == [("name", 1, "leak")]
    assert "earlier revision" in found[0].detail and APPLICANT.name not in found[0].detail
    assert not [lk for lk in report.leaks if lk.where == "text_layer"]       # the current page shows no name


def test_saved_whole_the_history_is_gone_and_the_file_passes(tmp_path):
    path = _rewritten(tmp_path, NAMED, UNNAMED)
    whole = tmp_path / "whole.pdf"
    with pymupdf.open(path) as doc:                     # as the pipeline saves its output (redact.apply)
        doc.save(whole, garbage=4, deflate=True, clean=True, incremental=False)
    assert earlier_ends(whole.read_bytes()) == []
    report = verify_pdf(str(whole), PROFILE)
    assert not _revision_leaks(report)
    assert report.passed, report.failures


def test_someone_elses_name_in_an_earlier_revision_is_not_reported(tmp_path):
    path = _rewritten(tmp_path, [f"推荐人：{OTHER}", "职称：教授"], ["推荐人：", "职称：教授"])
    report = verify_pdf(str(path), PROFILE)
    assert not _revision_leaks(report)
    assert report.passed, report.failures


def test_an_unchanged_page_of_an_earlier_revision_is_the_text_layers_to_judge(tmp_path):
    """An update that leaves the page as it was (new metadata): the name the page still shows is reported once,
    by the text layer, which judges it with the plan's decisions -- not again as a revision."""
    path = tmp_path / "meta.pdf"
    doc = _page([f"姓名：{APPLICANT.name}"])
    doc.save(path, garbage=4, deflate=True)
    doc.close()
    with pymupdf.open(path) as doc:
        doc.set_metadata({"title": "评审表"})
        doc.saveIncr()
    assert len(earlier_ends(path.read_bytes())) == 1
    report = verify_pdf(str(path), PROFILE)
    assert not report.passed
    assert "text_layer" in {lk.where for lk in report.failures if lk.category == "name"}
    assert not _revision_leaks(report)


def test_a_revision_that_does_not_open_is_skipped(tmp_path):
    """Bytes ending like a revision that are none (a linearized file's first-page section, which holds the
    linearization dictionary and a first-page cross-reference but no page, and ends ``startxref 0 %%EOF``): PDFium
    cannot open them; they are skipped, not a crash and not a leak."""
    src = tmp_path / "clean.pdf"
    doc = _page(["姓名：", f"推荐人：{OTHER}"])
    doc.save(src, garbage=4, deflate=True)
    doc.close()
    data = src.read_bytes()
    head, body = data.split(b"\n", 1)
    section = (b"\n%\xe2\xe3\xcf\xd3\n9999 0 obj\n<</Linearized 1/L " + str(len(data)).encode() +
               b"/N 1/O 3>>\nendobj\nxref\n9999 1\n0000000009 00000 n \ntrailer\n<</Size 10000/Prev 999999>>\n"
               b"startxref\n0\n%%EOF\n")
    path = tmp_path / "first_page_section.pdf"
    path.write_bytes(head + section + body)            # PDFium repairs the shifted offsets of the whole file
    assert len(earlier_ends(path.read_bytes())) == 1
    report = verify_pdf(str(path), PROFILE)
    assert not _revision_leaks(report)
    assert report.passed, report.failures


def test_redactor_verify_exits_1_on_the_incremental_file(tmp_path):
    path = _rewritten(tmp_path, NAMED, UNNAMED)
    profile = APPLICANT.write_profile(tmp_path / "profile.yaml")
    result = runner.invoke(cli.app, ["verify", str(path), "--profile", str(profile), "--no-ocr"])
    assert result.exit_code == int(ExitCode.LEAK_FOUND) == 1
    assert "revision" in result.stderr
    assert APPLICANT.name not in result.output + result.stderr


def test_the_pipelines_own_output_of_the_incremental_file_passes(tmp_path, text_pipeline):
    """The pipeline saves its output whole (garbage collected, no increment): the earlier revision the input
    kept is not in it, and the final check -- this channel with it -- passes that output."""
    path = _rewritten(tmp_path, NAMED, UNNAMED)
    outcome = text_pipeline.run(str(path), PROFILE, str(tmp_path / "out"), "updated")
    assert outcome.ok
    assert earlier_ends(Path(outcome.output_pdf).read_bytes()) == []
    report = verify_pdf(outcome.output_pdf, PROFILE)
    assert report.passed and not _revision_leaks(report), report.failures


def test_many_updates_are_read_up_to_a_bound_and_the_original_always(tmp_path):
    """More earlier revisions than ``MAX_REVISIONS``: the original (the first, before any update) and the latest
    are read -- the name drawn only in the original is still found."""
    path = _rewritten(tmp_path, NAMED, UNNAMED)
    for i in range(MAX_REVISIONS + 3):
        with pymupdf.open(path) as doc:
            doc.set_metadata({"title": f"评审表 第{i}稿"})
            doc.saveIncr()
    assert len(earlier_ends(path.read_bytes())) == MAX_REVISIONS + 4
    found = _revision_leaks(verify_pdf(str(path), PROFILE))
    assert [(lk.category, lk.page, lk.severity) for lk in found] == [("name", 1, "leak")]
