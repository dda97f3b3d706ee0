"""`redactor batch`: outputs and reports, resume, SIGKILL then resume, no personal data anywhere,
output-folder problems before any work (issue 12)."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from redactor.batch.executor import SerialExecutor
from redactor.cli import app
from redactor.batch.manifest import read_manifest
from redactor.batch.runner import BatchOptions, run_batch
from redactor.errors import OutputFolderError
from tests.integration.test_born_digital import assert_no_pii
from tests.synth import APPLICANT, Person, application_form, make_id

pytestmark = pytest.mark.issue(12)

ROOT = Path(__file__).resolve().parents[2]
OTHER = Person(name="赵雅琴", id_number=make_id("11010519790315432"), mobile="13911112222",
               employer="呼和浩特市第一医院", aliases=("市一院",), email="zhaoyaqin@example.org")
CONTRACT_FILES = {"batch-report.json", "batch-report.html", "ledger.sqlite", ".lock"}


def make_batch(tmp: Path, forms_per_applicant: int = 2, bad: bool = True) -> Path:
    """Two applicants; their uploads are named after them, in folders named after them; one upload is broken."""
    rows = ["\ufeffapplicant_id,name,id_number,phones,employers,emails,inputs"]
    for aid, person in (("JX2026-0001", APPLICANT), ("JX2026-0002", OTHER)):
        folder = tmp / "uploads" / person.name
        folder.mkdir(parents=True)
        for i in range(forms_per_applicant):
            application_form(folder / f"{person.name}-评审表{i + 1}.pdf", person)
        if bad and person is APPLICANT:
            (folder / f"{person.name}-证书.pdf").write_text("not a pdf")
        p = person.profile()
        rows.append(",".join([aid, p["name"], p["id_number"], ";".join(p["phones"]), ";".join(p["employers"]),
                              ";".join(p["emails"]), f"uploads/{person.name}"]))
    (tmp / "cfg.yaml").write_text("detect:\n  regions: []\n")
    m = tmp / "manifest.csv"
    m.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return m


def run_in_process(manifest: Path, out: Path, text_cfg, text_pipeline) -> tuple[int, str]:
    console = Console(file=__import__("io").StringIO(), width=200)
    code = run_batch(read_manifest(manifest), text_cfg, BatchOptions(out), console,
                     executor=SerialExecutor(text_cfg, text_pipeline))
    return code, console.file.getvalue()


def ledger(out: Path) -> dict[tuple[str, str], dict]:
    db = sqlite3.connect(out / "ledger.sqlite")
    db.row_factory = sqlite3.Row
    return {(r["applicant_id"], r["stem"]): dict(r) for r in db.execute("SELECT * FROM documents")}


def assert_complete(out: Path, n_done: int) -> None:
    """Every done document has exactly its two files; nothing else; no working files."""
    rows = ledger(out)
    done = [k for k, r in rows.items() if r["state"] == "done"]
    assert len(done) == n_done
    expected = set(CONTRACT_FILES)
    for aid, stem in done:
        expected |= {f"{aid}/{stem}.redacted.pdf", f"{aid}/{stem}.audit.json"}
    for aid in {k[0] for k in rows}:
        expected.add(f"{aid}/summary.json")
    found = {str(p.relative_to(out)) for p in out.rglob("*") if p.is_file()}
    found = {f for f in found if not f.startswith("ledger.sqlite-")}      # WAL side files
    assert found == expected
    assert not (out / ".work").exists()


def test_batch_outputs_report_and_resume(tmp_path, text_cfg, text_pipeline):
    m = make_batch(tmp_path)
    out = tmp_path / "out"
    code, log = run_in_process(m, out, text_cfg, text_pipeline)
    assert code == 3                                  # the broken upload fails; the others are done
    assert_complete(out, 4)
    report = json.loads((out / "batch-report.json").read_text(encoding="utf-8"))
    assert report["totals"]["done"] == 4 and report["totals"]["failed"] == 1
    docs = {d["stem"]: d for d in report["applicants"][0]["documents"]}
    assert set(docs) == {"姓名-评审表1", "姓名-评审表2", "姓名-证书"}
    form = docs["姓名-评审表1"]
    assert form["state"] == "done" and form["pages"] == 1 and form["kind"] == "born_digital"
    assert form["doc_type"] == "评审表" and form["redactions"]["id_number"] >= 1 and form["kept"] > 0
    assert docs["姓名-证书"]["error"].startswith("JX2026-0001/姓名-证书.pdf: not a PDF")
    summary = json.loads((out / "JX2026-0002" / "summary.json").read_text(encoding="utf-8"))
    assert summary["applicant_id"] == "JX2026-0002" and len(summary["documents"]) == 2
    assert "failed JX2026-0001/姓名-证书" in log and "done JX2026-0002/姓名-评审表2 1 pages" in log
    before = ledger(out)

    # the same command again: done documents are skipped, the failed one is redone
    code, log = run_in_process(m, out, text_cfg, text_pipeline)
    assert code == 3 and "skipped_as_done 4, to_do 1" in log
    after = ledger(out)
    for key, row in before.items():
        if row["state"] == "done":
            assert after[key]["finished"] == row["finished"]

    # an input that changed is redone; a fixed upload now succeeds
    application_form(tmp_path / "uploads" / APPLICANT.name / f"{APPLICANT.name}-证书.pdf")
    code, log = run_in_process(m, out, text_cfg, text_pipeline)
    assert code == 0 and "skipped_as_done 4, to_do 1" in log
    assert_complete(out, 5)

    # a changed output (or a changed config) means the document is done again
    (out / "JX2026-0002" / "姓名-评审表1.audit.json").write_text("{}")
    code, log = run_in_process(m, out, text_cfg, text_pipeline)
    assert code == 0 and "skipped_as_done 4, to_do 1" in log
    assert_complete(out, 5)


def _batch_cmd(m: Path, out: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "redactor", "batch", str(m), "--out", str(out), "--config",
            str(m.parent / "cfg.yaml"), *extra]


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "REDACTOR_AUDIT_KEY": "test-key-not-secret"}


def test_sigkill_mid_run_then_resume_loses_and_duplicates_nothing(tmp_path):
    # twelve documents, the ledger polled often: a busy reader (the ledger locked by the writer) cannot miss the
    # middle of the run (with six, a CI run once found all of them done at its first successful read)
    m = make_batch(tmp_path, forms_per_applicant=6, bad=False)
    out = tmp_path / "out"
    proc = subprocess.Popen(_batch_cmd(m, out, "--jobs", "1"), env=_env(), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    done_before: dict = {}
    while time.time() < deadline and proc.poll() is None:
        time.sleep(0.05)
        if (out / "ledger.sqlite").exists():
            try:
                rows = ledger(out)
            except sqlite3.Error:
                continue
            done_before = {k: r for k, r in rows.items() if r["state"] == "done"}
            if done_before:
                break
    assert proc.poll() is None and 0 < len(done_before) < 12, "the run must be killed mid-way"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert any(r["state"] in ("queued", "running") for r in ledger(out).values())
    assert (out / ".work").is_dir()                 # the killed run's working files: the next run wipes them

    result = subprocess.run(_batch_cmd(m, out, "--jobs", "1"), env=_env(), capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert_complete(out, 12)
    after = ledger(out)
    for key, row in done_before.items():           # what was done before the kill was not redone
        assert after[key]["finished"] == row["finished"]
    assert f"skipped_as_done {len(done_before)}, to_do {12 - len(done_before)}" in result.stderr
    lines = [ln for ln in result.stderr.splitlines() if ln.startswith("done ")]
    assert len(lines) == 12 - len(done_before)       # one line per finished document (stderr is not a terminal)


def test_no_personal_value_in_any_output_log_or_report(tmp_path):
    m = make_batch(tmp_path)
    out = tmp_path / "out"
    result = subprocess.run(_batch_cmd(m, out, "--log-json"), env=_env(), capture_output=True, text=True, timeout=300)
    assert result.returncode == 3
    events = [json.loads(ln) for ln in result.stderr.splitlines() if ln.startswith("{")]
    assert [e["event"] for e in events].count("document") == 5
    texts = [result.stdout, result.stderr]
    for f in out.rglob("*"):
        texts.append(str(f.relative_to(out)))
        if f.is_file() and f.suffix in (".json", ".html"):
            texts.append(f.read_text(encoding="utf-8"))
    raw = "\n".join(texts)
    assert_no_pii(raw)
    for value in (OTHER.name, OTHER.id_number[6:14], OTHER.mobile, OTHER.employer, "市一院", OTHER.email):
        assert value not in raw
    # the ledger alone holds the originals' paths (the spot-check app needs them)
    assert any(APPLICANT.name in r["input_path"] for r in ledger(out).values())


@pytest.mark.parametrize("where", ["file", "under_a_file"])
def test_output_folder_problems_are_found_before_any_work(tmp_path, where):
    m = make_batch(tmp_path, forms_per_applicant=1, bad=False)
    blocker = tmp_path / "taken"
    blocker.write_text("a file")
    out = blocker if where == "file" else blocker / "out"
    result = CliRunner().invoke(app, _batch_cmd(m, out)[3:])
    assert result.exit_code == int(OutputFolderError.exit_code) == 8
    assert "is a file, not a folder; choose another --out" in result.stderr
    assert "internal error" not in result.stderr and "start:" not in result.stderr    # before any work
    assert blocker.read_text() == "a file"


def test_dry_run_counts_pages_and_processes_nothing(tmp_path):
    m = make_batch(tmp_path, forms_per_applicant=2)
    out = tmp_path / "out"
    result = CliRunner().invoke(app, _batch_cmd(m, out, "--dry-run")[3:])
    assert result.exit_code == 3                     # the broken upload is found without processing anything
    assert "JX2026-0001/姓名-证书.pdf: not a PDF" in result.stdout
    assert "5 documents, 4 pages (4 digital, 0 mixed, 0 scanned); estimated" in result.stdout
    assert not out.exists()
    assert APPLICANT.name not in result.stdout + result.stderr


def test_a_stem_with_glob_characters_is_published(tmp_path, text_cfg, text_pipeline):
    folder = tmp_path / "in"
    folder.mkdir()
    application_form(folder / "评审表[1]*.pdf")
    p = APPLICANT.profile()
    m = tmp_path / "m.jsonl"
    m.write_text(json.dumps({"applicant_id": "A1", **p, "inputs": "in"}, ensure_ascii=False), encoding="utf-8")
    code, _ = run_in_process(m, tmp_path / "out", text_cfg, text_pipeline)
    assert code == 0
    assert_complete(tmp_path / "out", 1)
    assert (tmp_path / "out" / "A1" / "评审表[1]*.redacted.pdf").is_file()
