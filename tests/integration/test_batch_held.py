"""`redactor batch` holds a document whose audit leaves places undecided (issue 82).

A paper whose 曾用名 lines read none of the applicant's names: policy keeps both values and asks a person to look
(``review.former_name_field``, two ``needs_review`` entries).  Such a document is held in
``OUT/<applicant_id>/held/``, recorded ``held`` in the ledger, counted in the reports and by the CLI, not redone on
a rerun, and released as it is by ``--release-held``.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pymupdf
import pytest

from redactor.batch.executor import SerialExecutor
from redactor.batch.manifest import read_manifest
from redactor.batch.runner import BatchOptions, run_batch
from tests.integration.test_batch import OTHER, _batch_cmd, _env, ledger
from tests.synth import APPLICANT, Person, application_form

pytestmark = pytest.mark.issue(82)

# two former names the profile lacks (invented): policy keeps each and asks a person (needs_review)
FORMER_NAMES = ("林书瑶", "高明远")
HELD_STEM = "姓名-论文"


def held_pdf(path: Path, person: Person = APPLICANT, former: tuple[str, ...] = FORMER_NAMES) -> Path:
    """A one-page paper: the applicant's name, ID and phone, a referee, and one 曾用名 line per ``former`` name."""
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    lines = [f"申请人：{person.name}", f"身份证号：{person.id_number}", f"联系手机：{person.mobile}",
             "推荐人：李明华（内蒙古大学教授）", "本人承诺以上材料真实有效。", *(f"曾用名：{n}" for n in former)]
    for k, text in enumerate(lines):
        page.insert_text((60, 100 + 30 * k), text, fontname="china-s", fontsize=12)
    doc.save(path)
    doc.close()
    return path


def make_held_batch(tmp: Path) -> Path:
    """Two applicants; the first has a form and a paper with undecided places, the second a form."""
    rows = ["\ufeffapplicant_id,name,id_number,phones,employers,emails,inputs"]
    for aid, person in (("JX2026-0001", APPLICANT), ("JX2026-0002", OTHER)):
        folder = tmp / "uploads" / person.name
        folder.mkdir(parents=True)
        application_form(folder / f"{person.name}-评审表.pdf", person)
        if person is APPLICANT:
            held_pdf(folder / f"{person.name}-论文.pdf", person)
        p = person.profile()
        rows.append(",".join([aid, p["name"], p["id_number"], ";".join(p["phones"]), ";".join(p["employers"]),
                              ";".join(p["emails"]), f"uploads/{person.name}"]))
    (tmp / "cfg.yaml").write_text("detect:\n  regions: []\n")
    m = tmp / "manifest.csv"
    m.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return m


def run_in_process(manifest: Path, out: Path, cfg, pipeline, **opts) -> tuple[int, str]:
    from rich.console import Console

    console = Console(file=__import__("io").StringIO(), width=300)
    code = run_batch(read_manifest(manifest), cfg, BatchOptions(out, **opts), console,
                     executor=SerialExecutor(cfg, pipeline))
    return code, console.file.getvalue()


def files(out: Path) -> set[str]:
    return {str(p.relative_to(out)) for p in out.rglob("*") if p.is_file() and not p.name.startswith("ledger.sqlite-")}


def assert_held(out: Path) -> None:
    """The paper is held: its outputs in held/, none in the released place; the two forms released."""
    rows = ledger(out)
    assert rows[("JX2026-0001", HELD_STEM)]["state"] == "held"
    assert rows[("JX2026-0001", "姓名-评审表")]["state"] == rows[("JX2026-0002", "姓名-评审表")]["state"] == "done"
    found = files(out)
    assert {f"JX2026-0001/held/{HELD_STEM}.redacted.pdf", f"JX2026-0001/held/{HELD_STEM}.audit.json"} <= found
    assert not any(f.startswith(f"JX2026-0001/{HELD_STEM}.") for f in found)
    assert {"JX2026-0001/姓名-评审表.redacted.pdf", "JX2026-0002/姓名-评审表.redacted.pdf"} <= found
    audit = json.loads((out / "JX2026-0001" / "held" / f"{HELD_STEM}.audit.json").read_text(encoding="utf-8"))
    assert audit["summary"]["needs_review"] == 2 and audit["verification"]["passed"]
    assert {e["rule"] for e in audit["needs_review"]} == {"review.former_name_field"}
    report = json.loads((out / "batch-report.json").read_text(encoding="utf-8"))
    t = report["totals"]
    assert (t["documents"], t["done"], t["held"], t["failed"], t["refused"]) == (3, 2, 1, 0, 0)
    summary = json.loads((out / "JX2026-0001" / "summary.json").read_text(encoding="utf-8"))
    paper = next(d for d in summary["documents"] if d["stem"] == HELD_STEM)
    assert paper["state"] == "held" and paper["needs_review"] == 2 and paper["pages"] == 1
    html = (out / "batch-report.html").read_text(encoding="utf-8")
    assert "2 done, 1 held" in html
    assert not (out / ".work").exists()


def test_a_document_with_undecided_places_is_held_counted_not_redone_and_released_on_request(tmp_path, text_cfg,
                                                                                             text_pipeline):
    m = make_held_batch(tmp_path)
    out = tmp_path / "out"
    # the CLI: exit 0 (held is no failure), one line per document and the count at the end
    first = subprocess.run(_batch_cmd(m, out, "--jobs", "1"), env=_env(), capture_output=True, text=True, timeout=300)
    assert first.returncode == 0, first.stderr
    assert f"held JX2026-0001/{HELD_STEM} 1 pages" in first.stderr
    assert "finished: documents 3, done 2, held 1, failed 0" in first.stderr
    assert "held 1 document(s) with places a person must decide: not released" in first.stderr
    assert "--release-held" in first.stderr
    assert_held(out)
    before = ledger(out)

    # resume: the held document is settled, not redone (nor any done one)
    code, log = run_in_process(m, out, text_cfg, text_pipeline)
    assert code == 0, log
    assert "skipped_as_done 2, to_do 0, still_held 1, released_held 0" in log
    assert ledger(out) == before
    assert_held(out)

    # --release-held: released as it is (the same bytes), its places still marked in its audit; not redone
    held_pdf_bytes = (out / "JX2026-0001" / "held" / f"{HELD_STEM}.redacted.pdf").read_bytes()
    last = subprocess.run(_batch_cmd(m, out, "--release-held"), env=_env(), capture_output=True, text=True,
                          timeout=300)
    assert last.returncode == 0, last.stderr
    assert f"released held JX2026-0001/{HELD_STEM}" in last.stderr
    assert "skipped_as_done 2, to_do 0, still_held 0, released_held 1" in last.stderr
    assert "held 0" in last.stderr and "with places a person must decide" not in last.stderr
    row = ledger(out)[("JX2026-0001", HELD_STEM)]
    assert row["state"] == "done" and row["finished"] == before[("JX2026-0001", HELD_STEM)]["finished"]
    released = out / "JX2026-0001" / f"{HELD_STEM}.redacted.pdf"
    assert released.read_bytes() == held_pdf_bytes
    assert not (out / "JX2026-0001" / "held").exists()
    audit = json.loads((out / "JX2026-0001" / f"{HELD_STEM}.audit.json").read_text(encoding="utf-8"))
    assert audit["summary"]["needs_review"] == 2
    t = json.loads((out / "batch-report.json").read_text(encoding="utf-8"))["totals"]
    assert (t["done"], t["held"]) == (3, 0)
    # and a rerun after that skips all three
    code, log = run_in_process(m, out, text_cfg, text_pipeline)
    assert code == 0 and "skipped_as_done 3, to_do 0, still_held 0, released_held 0" in log


def test_release_held_from_the_start_releases_everything_marked(tmp_path, text_cfg, text_pipeline):
    m = make_held_batch(tmp_path)
    out = tmp_path / "out"
    code, log = run_in_process(m, out, text_cfg, text_pipeline, release_held=True)
    assert code == 0, log
    assert f"done JX2026-0001/{HELD_STEM} 1 pages" in log and "must decide" not in log
    assert {r["state"] for r in ledger(out).values()} == {"done"}
    assert not any("/held/" in f for f in files(out))
    audit = json.loads((out / "JX2026-0001" / f"{HELD_STEM}.audit.json").read_text(encoding="utf-8"))
    assert audit["summary"]["needs_review"] == 2          # marked, as every document was released before


def test_a_held_document_whose_input_changed_is_redone(tmp_path, text_cfg, text_pipeline):
    """Held is settled only for the same input: a fixed upload (no undecided place) is redone and released."""
    m = make_held_batch(tmp_path)
    out = tmp_path / "out"
    code, _ = run_in_process(m, out, text_cfg, text_pipeline)
    assert code == 0 and ledger(out)[("JX2026-0001", HELD_STEM)]["state"] == "held"
    held_pdf(tmp_path / "uploads" / APPLICANT.name / f"{APPLICANT.name}-论文.pdf", former=())
    code, log = run_in_process(m, out, text_cfg, text_pipeline)
    assert code == 0 and "skipped_as_done 2, to_do 1, still_held 0, released_held 0" in log
    assert ledger(out)[("JX2026-0001", HELD_STEM)]["state"] == "done"
    assert (out / "JX2026-0001" / f"{HELD_STEM}.redacted.pdf").is_file()
    assert not (out / "JX2026-0001" / "held").exists()


@pytest.mark.ray
def test_the_ray_executor_holds_the_same_document(tmp_path):
    pytest.importorskip("ray")
    m = make_held_batch(tmp_path)
    out = tmp_path / "out"
    env = {**_env(), "RAY_AUTH_MODE": "disabled"}      # a local instance on loopback only
    result = subprocess.run(_batch_cmd(m, out, "--executor", "ray", "--jobs", "1"), env=env, capture_output=True,
                            text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    assert "held 1 document(s) with places a person must decide" in result.stderr
    assert_held(out)
