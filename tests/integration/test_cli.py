"""The CLI contract: redact, verify, explain, exit codes, bad inputs, file names."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pymupdf
import pytest
from typer.testing import CliRunner

from redactor.cli import app
from redactor.normalize import compact
from tests.integration.test_born_digital import assert_no_pii
from tests.synth import APPLICANT, COLLEAGUE_ID, PdfWriter, application_form

runner = CliRunner()
NO_REGIONS = "detect:\n  regions: []\n"


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    (tmp_path / "cfg.yaml").write_text(NO_REGIONS)
    APPLICANT.write_profile(tmp_path / "profile.yaml")
    return tmp_path


def _redact(workdir: Path, *inputs: Path, extra: tuple[str, ...] = ()):
    args = ["redact", *map(str, inputs), "--profile", str(workdir / "profile.yaml"), "--out", str(workdir / "out"),
            "--config", str(workdir / "cfg.yaml"), *extra]
    return runner.invoke(app, args)


def test_bad_inputs_are_reported_one_line_each_and_others_still_processed(workdir):
    good = application_form(workdir / f"{APPLICANT.name}-评审表.pdf")
    notpdf = workdir / "notes.pdf"
    notpdf.write_text("this is not a pdf")
    empty = workdir / "empty.pdf"
    empty.write_bytes(b"")
    truncated = workdir / "truncated.pdf"
    truncated.write_bytes(good.read_bytes()[: len(good.read_bytes()) // 2])
    encrypted = workdir / "encrypted.pdf"
    doc = pymupdf.open(good)
    doc.save(encrypted, encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="secret", owner_pw="owner")
    doc.close()
    zero = workdir / "zero.pdf"
    zero.write_bytes(b"%PDF-1.7\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
                     b"trailer<</Root 1 0 R>>\n%%EOF\n")
    txt = workdir / "scan.docx"
    txt.write_text("x")
    missing = workdir / "missing.pdf"
    bad = [notpdf, empty, truncated, encrypted, zero, txt, missing]
    result = _redact(workdir, good, *bad)
    assert result.exit_code != 0
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    for b in bad:
        hits = [ln for ln in lines if ln.startswith(f"{b.name}:")]   # the cleaned name, never the folder
        assert len(hits) == 1, (b, lines)
    assert "password" in " ".join(lines) and "not found" in " ".join(lines)
    assert "internal error" not in result.stderr
    outputs = sorted(p.name for p in (workdir / "out").iterdir())
    assert outputs == ["姓名-评审表.audit.json", "姓名-评审表.redacted.pdf"]   # nothing partial for bad inputs


@pytest.mark.issue(12)
def test_errors_name_an_input_by_its_cleaned_name_not_its_path(workdir):
    folder = workdir / APPLICANT.name           # uploads sit in folders and files named after the applicant
    folder.mkdir()
    bad = folder / f"{APPLICANT.name}-论文.pdf"
    bad.write_text("this is not a pdf")
    result = _redact(workdir, bad)
    assert result.exit_code == 3
    assert "姓名-论文.pdf: not a PDF" in result.stderr
    assert APPLICANT.name not in result.stderr + result.stdout


def test_output_name_and_audit_carry_no_applicant_data(workdir):
    src = application_form(workdir / f"{APPLICANT.name}-{APPLICANT.mobile}.pdf")
    result = _redact(workdir, src)
    assert result.exit_code == 0, result.stderr
    names = [p.name for p in (workdir / "out").iterdir()]
    assert "姓名-电话.redacted.pdf" in names
    for n in names:
        assert APPLICANT.name not in n and APPLICANT.mobile not in n
    raw = (workdir / "out" / "姓名-电话.audit.json").read_text(encoding="utf-8")
    assert_no_pii(raw)
    audit = json.loads(raw)
    assert audit["input"]["renamed"] is True and set(audit["input"]["renamed_categories"]) == {"name", "phone"}


def test_invalid_profile_stops_before_any_work(workdir):
    src = application_form(workdir / "form.pdf")
    (workdir / "bad.yaml").write_text("name: 王淑珺\nid_number: '150202198506121520'\n", encoding="utf-8")
    result = runner.invoke(app, ["redact", str(src), "--profile", str(workdir / "bad.yaml"), "--out", str(workdir / "out")])
    assert result.exit_code == 4
    assert "check digit" in result.stderr and "150202198506121520" not in result.stderr
    assert not (workdir / "out").exists()


def test_verify_passes_redacted_and_catches_leaks(workdir):
    src = application_form(workdir / "form.pdf")
    assert _redact(workdir, src).exit_code == 0
    profile = str(workdir / "profile.yaml")
    cfg = str(workdir / "cfg.yaml")
    ok = runner.invoke(app, ["verify", str(workdir / "out" / "form.redacted.pdf"), "-p", profile, "-c", cfg, "--no-ocr"])
    assert ok.exit_code == 0, ok.stderr
    leaky = runner.invoke(app, ["verify", str(src), "-p", profile, "-c", cfg, "--no-ocr"])
    assert leaky.exit_code == 1
    assert "LEAK name" in leaky.stderr and APPLICANT.name not in leaky.stderr
    # a black rectangle drawn over the name is not redaction
    doc = pymupdf.open(src)
    for rect in doc[0].search_for(APPLICANT.name):
        doc[0].draw_rect(rect, color=(0, 0, 0), fill=(0, 0, 0))
    doc.save(workdir / "boxed.pdf")
    doc.close()
    boxed = runner.invoke(app, ["verify", str(workdir / "boxed.pdf"), "-p", profile, "-c", cfg, "--no-ocr"])
    assert boxed.exit_code == 1


def test_profile_is_inferred_from_an_application_form(workdir):
    src = application_form(workdir / "form.pdf")
    result = runner.invoke(app, ["redact", str(src), "--out", str(workdir / "out"), "-c", str(workdir / "cfg.yaml")])
    assert result.exit_code == 0, result.stderr
    assert "profile inferred" in result.stderr
    audit = json.loads((workdir / "out" / "form.audit.json").read_text(encoding="utf-8"))
    assert audit["profile"]["source"] == "inferred"
    assert {"name", "id_number"} <= set(audit["profile"]["inferred_from"]["fields"])
    text = compact(pymupdf.open(workdir / "out" / "form.redacted.pdf")[0].get_text())
    assert APPLICANT.name not in text and APPLICANT.id_number not in text and "李明华" in text


def test_inference_refuses_ambiguous_forms(workdir):
    a = application_form(workdir / "a.pdf")
    from tests.synth import Person, make_id

    other = Person(name="赵建国", id_number=make_id("15010419700101123"))
    b = application_form(workdir / "b.pdf", other)
    result = runner.invoke(app, ["redact", str(a), str(b), "--out", str(workdir / "out"), "-c", str(workdir / "cfg.yaml")])
    assert result.exit_code == 4
    assert "--profile" in result.stderr
    assert not (workdir / "out").exists()


def test_explain_lists_rules_without_values_by_default(workdir):
    src = application_form(workdir / "form.pdf")
    result = runner.invoke(app, ["explain", str(src), "-p", str(workdir / "profile.yaml"), "-c", str(workdir / "cfg.yaml")],
                           env={"COLUMNS": "250"})
    assert result.exit_code == 0
    assert "own.id_number" in result.stdout and "other.person" in result.stdout
    assert APPLICANT.id_number not in result.stdout


@pytest.mark.skipif(shutil.which("redactor") is None and not os.path.exists(Path(sys.executable).parent / "redactor"),
                    reason="console script not installed")
def test_console_script_help_and_version():
    exe = shutil.which("redactor") or str(Path(sys.executable).parent / "redactor")
    out = subprocess.run([exe, "redact", "--help"], capture_output=True, text=True, env={**os.environ, "COLUMNS": "200"})
    assert out.returncode == 0
    for opt in ("--profile", "--out", "--config", "--jobs", "--label", "--fill", "--preview"):
        assert opt in out.stdout
    v = subprocess.run([exe, "--version"], capture_output=True, text=True)
    assert v.returncode == 0 and "redactor" in v.stdout


def test_label_option_writes_category_labels_and_keeps_layout(workdir):
    src = application_form(workdir / "form.pdf")
    result = _redact(workdir, src, extra=("--label", "--fill", "202020"))
    assert result.exit_code == 0, result.stderr
    doc = pymupdf.open(workdir / "out" / "form.redacted.pdf")
    text = compact(doc[0].get_text())
    assert APPLICANT.name not in text and "李明华" in text
    doc.close()


def test_html_audit_and_text_export_carry_no_applicant_data(workdir):
    src = application_form(workdir / "form.pdf")
    result = _redact(workdir, src, extra=("--html", "--export-text"))
    assert result.exit_code == 0, result.stderr
    html = (workdir / "out" / "form.audit.html").read_text(encoding="utf-8")
    txt = (workdir / "out" / "form.redacted.txt").read_text(encoding="utf-8")
    assert "own.id_number" in html and "other.person" in html
    assert_no_pii(html)
    assert "[姓名]" in txt and "[身份证号]" in txt and "李明华" in txt and "包头钢铁职业技术学院" in txt
    assert APPLICANT.id_number not in txt and APPLICANT.name not in txt.replace("\n", "")


@pytest.mark.issue(12)
def test_unusable_output_folder_is_reported_before_any_work(workdir):
    blocker = workdir / "taken"
    blocker.write_text("a file where the output folder should go")
    good = application_form(workdir / "form.pdf")
    args = ["redact", str(good), "--profile", str(workdir / "profile.yaml"), "--out", str(blocker / "out"),
            "--config", str(workdir / "cfg.yaml")]
    result = runner.invoke(app, args)
    assert result.exit_code == 8, result.stderr
    assert "internal error" not in result.stderr and "is a file, not a folder" in result.stderr


@pytest.mark.issue(12)
@pytest.mark.skipif(not os.path.exists(Path(sys.executable).parent / "redactor"), reason="console script not installed")
def test_killed_redact_leaves_no_working_copy_in_tmp_and_next_run_clears_its_own(workdir):
    """A SIGKILLed ``redact`` must not leave the unredacted working copy in a shared $TMPDIR."""
    import signal
    import time

    tmpdir = workdir / "tmp"
    tmpdir.mkdir()
    inputs = [application_form(workdir / f"form{i}.pdf") for i in range(6)]
    exe = str(Path(sys.executable).parent / "redactor")
    out = workdir / "out"
    cmd = [exe, "redact", *map(str, inputs), "--profile", str(workdir / "profile.yaml"), "--out", str(out),
           "--config", str(workdir / "cfg.yaml")]
    proc = subprocess.Popen(cmd, env={**os.environ, "TMPDIR": str(tmpdir)}, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not list((out / ".work").glob("redact-*/*")):
        time.sleep(0.05)             # wait until a document is being worked on
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert list((out / ".work").glob("redact-*")), "the kill came too late to leave anything"
    # (libraries may leave their own small session files there; no copy of a document may be among them)
    copies = [p for p in tmpdir.rglob("*") if p.is_file() and (p.suffix.lower() in (".pdf", ".png", ".jpg", ".tif")
                                                              or p.read_bytes()[:5] == b"%PDF-")]
    assert not copies and not list(tmpdir.glob("redactor-*")), "working files went to $TMPDIR"
    again = subprocess.run(cmd[:3] + cmd[-6:], env={**os.environ, "TMPDIR": str(tmpdir)}, capture_output=True)
    assert again.returncode == 0, again.stderr
    assert not (out / ".work").exists()              # the dead run's folder was removed, and our own
    assert (out / "form0.redacted.pdf").exists()


@pytest.mark.issue(50)
@pytest.mark.parametrize("command", ["redact", "batch", "serve"])
def test_recorded_ocr_outside_the_test_suite_refuses_to_start(workdir, tmp_path, command):
    """``REDACTOR_OCR_REPLAY`` set without the test suite's flag: one clear line, exit 4, and nothing written into
    the folder (a recording is a page's text)."""
    exe = shutil.which("redactor", path=str(Path(sys.executable).parent)) or "redactor"
    folder = tmp_path / "x"
    folder.mkdir()
    form, out = application_form(workdir / "form.pdf"), tmp_path / "out"
    args = {"redact": ["redact", str(form), "--profile", str(workdir / "profile.yaml"), "--out", str(out)],
            "batch": ["batch", str(tmp_path / "none.csv"), "--out", str(out)],
            "serve": ["serve", "--port", "8765"]}[command]
    env = {k: v for k, v in os.environ.items() if k != "REDACTOR_TEST_MODE"}
    done = subprocess.run([exe, *args], capture_output=True, text=True, timeout=120,
                          env={**env, "REDACTOR_OCR_REPLAY": str(folder)})
    assert done.returncode == 4, done.stderr
    lines = [ln for ln in done.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and "REDACTOR_OCR_REPLAY" in lines[0] and "test suite" in lines[0]
    assert not any(folder.iterdir()) and not out.exists()


@pytest.mark.issue(52)
def test_jobs_zero_runs_documents_at_once_and_keeps_the_contract(workdir):
    """``--jobs 0``: worker processes as the machine allows; the outputs, the one stderr line of a bad input
    and the exit code are those of one worker."""
    good = application_form(workdir / f"{APPLICANT.name}-评审表.pdf")
    second = workdir / "second.pdf"
    shutil.copyfile(good, second)
    bad = workdir / "notes.pdf"
    bad.write_text("this is not a pdf")
    result = _redact(workdir, good, bad, second, extra=("--jobs", "0"))
    assert result.exit_code == 3, result.stderr
    lines = [ln for ln in result.stderr.splitlines() if ln.strip() and not ln.startswith("profile")]
    assert len(lines) == 1 and lines[0].startswith("notes.pdf: not a PDF"), lines
    outputs = sorted(p.name for p in (workdir / "out").iterdir())
    assert outputs == ["second.audit.json", "second.redacted.pdf", "姓名-评审表.audit.json", "姓名-评审表.redacted.pdf"]
    for name in ("second.redacted.pdf", "姓名-评审表.redacted.pdf"):
        with pymupdf.open(workdir / "out" / name) as doc:
            text = compact("".join(page.get_text() for page in doc))
        assert APPLICANT.id_number not in text and APPLICANT.mobile not in text
        assert "李明华" in text and COLLEAGUE_ID in text     # the recommender stays
