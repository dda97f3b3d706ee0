"""抽检 · 待定 through the JSON API (issue 82): a held document is decided place by place, applied to the original
again, verified again and released -- or stays held where the final check still finds the applicant's data."""

from __future__ import annotations

import json
import sqlite3
import time
from pathlib import Path
from urllib.parse import quote

import pymupdf
import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from redactor.config import profile_from_mapping  # noqa: E402
from redactor.ownership.records import from_audit  # noqa: E402
from tests.integration.test_batch_held import (  # noqa: E402
    FORMER_NAMES, HELD_STEM, make_held_batch, run_in_process,
)
from tests.integration.test_leak_zoo import OWN, small_image  # noqa: E402
from tests.synth import APPLICANT  # noqa: E402

pytestmark = pytest.mark.issue(82)
AID = "JX2026-0001"


def doc_url(aid: str, stem: str) -> str:
    return f"/api/spot/pending/{quote(aid, safe='')}/{quote(stem, safe='')}"


def wait_applied(c: TestClient, url: str, timeout: float = 180) -> dict:
    end = time.time() + timeout
    while time.time() < end:
        j = c.get(url).json()
        if j["state"] != "applying":
            return j
        time.sleep(0.2)
    raise AssertionError("the decisions were not applied in time")


def ledger_row(out: Path, aid: str, stem: str) -> dict:
    db = sqlite3.connect(out / "ledger.sqlite")
    db.row_factory = sqlite3.Row
    try:
        return dict(db.execute("SELECT * FROM documents WHERE applicant_id = ? AND stem = ?", (aid, stem)).fetchone())
    finally:
        db.close()


def page_text(pdf: Path) -> str:
    with pymupdf.open(pdf) as doc:
        return "".join("".join(p.get_text().split()) for p in doc)


@pytest.fixture
def held_batch(tmp_path: Path, text_cfg, text_pipeline) -> Path:
    """A batch folder (the real runner) with the paper held for its two undecided 曾用名 places."""
    out = tmp_path / "out"
    code, log = run_in_process(make_held_batch(tmp_path), out, text_cfg, text_pipeline)
    assert code == 0, log
    assert ledger_row(out, AID, HELD_STEM)["state"] == "held"
    return out


def test_deciding_every_place_releases_the_document_verified_with_the_decisions_in_its_audit(
        make_app, held_batch: Path, text_cfg, text_pipeline) -> None:
    out = held_batch
    with TestClient(make_app(batch_dir=str(out))) as c:
        h = {"X-CSRF-Token": c.get("/api/session").json()["csrf"]}
        queue = c.get("/api/spot/pending").json()["documents"]
        assert [(d["applicant_id"], d["stem"], d["places"], d["decided"], d["state"]) for d in queue] == [
            (AID, HELD_STEM, 2, 0, "held")]
        url = doc_url(AID, HELD_STEM)
        doc = c.get(url).json()
        first, second = sorted(doc["items"], key=lambda p: p["bbox"][1])       # 曾用名 lines, top to bottom
        assert first["choices"] == second["choices"] == ["redact", "keep"]
        assert first["label"] == "姓名" and first["page"] == 1 and first["decision"] is None
        assert "无法确定这处姓名是否属于申请人本人" in first["reason"]
        page = c.get(f"/spot/pending/{quote(AID)}/{quote(HELD_STEM)}")
        assert page.status_code == 200 and "原件" in page.text and 'class="pending-mark' in page.text
        assert "删除" in page.text and "保留" in page.text
        img = c.get(f"{url}/pages/original/1.png")
        assert img.status_code == 200 and img.content[:4] == b"\x89PNG"
        assert c.get("/spot/pending").status_code == 200
        start = c.get("/spot").text                      # the 抽检 start page points at the queue
        assert 'id="held-note"' in start and 'href="/spot/pending"' in start and "<strong>1</strong>" in start

        # state-changing calls carry the session's CSRF token; a decision must be one the place offers
        body = {"reviewer": "质检员乙", "decisions": [{"id": first["id"], "decision": "redact"}]}
        assert c.post(f"{url}/decisions", json=body).status_code == 403
        assert c.post(f"{url}/decisions", headers=h, json={**body, "reviewer": ""}).status_code == 422
        bad = {"reviewer": "质检员乙", "decisions": [{"id": first["id"], "decision": "confirm"}]}
        assert c.post(f"{url}/decisions", headers=h, json=bad).status_code == 422

        # one place decided: recorded, nothing applied yet
        r = c.post(f"{url}/decisions", headers=h, json=body).json()
        assert r["state"] == "held" and r["decided"] == 1
        assert ledger_row(out, AID, HELD_STEM)["state"] == "held"
        # the last place: the decisions are applied to the original, verified and released
        r = c.post(f"{url}/decisions", headers=h,
                   json={"reviewer": "质检员乙", "decisions": [{"id": second["id"], "decision": "keep"}]}).json()
        assert r["state"] == "applying"
        assert wait_applied(c, url)["state"] == "released"
        assert c.get("/api/spot/pending").json()["documents"] == []
        released = c.get(f"/spot/pending/{quote(AID)}/{quote(HELD_STEM)}")
        assert released.status_code == 200 and "已发布" in released.text

    pdf, audit_file = out / AID / f"{HELD_STEM}.redacted.pdf", out / AID / f"{HELD_STEM}.audit.json"
    assert pdf.is_file() and audit_file.is_file() and not (out / AID / "held").exists()
    row = ledger_row(out, AID, HELD_STEM)
    import hashlib

    assert row["state"] == "done"
    assert row["output_pdf_sha256"] == hashlib.sha256(pdf.read_bytes()).hexdigest()
    assert row["audit_sha256"] == hashlib.sha256(audit_file.read_bytes()).hexdigest()
    report = json.loads((out / "batch-report.json").read_text(encoding="utf-8"))
    assert (report["totals"]["done"], report["totals"]["held"]) == (3, 0)
    summary = json.loads((out / AID / "summary.json").read_text(encoding="utf-8"))
    assert next(d for d in summary["documents"] if d["stem"] == HELD_STEM)["state"] == "done"

    # the decisions: 删除 removed the first former name, 保留 kept the second (read back independently)
    text = page_text(pdf)
    assert FORMER_NAMES[0] not in text and FORMER_NAMES[1] in text
    assert APPLICANT.name not in text and APPLICANT.id_number not in text and "李明华" in text
    audit_text = audit_file.read_text(encoding="utf-8")
    audit = json.loads(audit_text)
    decisions = sorted(audit["reviewer_decisions"], key=lambda d: d["bbox"][1])
    assert [(d["page"], d["category"], d["decision"], d["reviewer"]) for d in decisions] == [
        (1, "name", "redact", "质检员乙"), (1, "name", "keep", "质检员乙")]
    assert all(d["time"].startswith("20") and d["rule"] == "review.former_name_field" for d in decisions)
    assert audit["needs_review"] == [] and audit["verification"]["passed"]
    assert any(e["rule"] == "manual.redact" and e["reason"].startswith("抽检人员决定删除") for e in audit["redactions"])
    assert not any(v in audit_text for v in (*FORMER_NAMES, APPLICANT.name, APPLICANT.id_number, APPLICANT.mobile))
    # `redactor verify` semantics: the same final check with the audit's records
    profile = profile_from_mapping(APPLICANT.profile())
    assert text_pipeline.verify(str(pdf), profile, records=from_audit(audit)).passed
    assert not (out / ".work").exists()
    # and a rerun of the batch skips it as done, the reviewed output untouched
    code, log = run_in_process(out.parent / "manifest.csv", out, text_cfg, text_pipeline)
    assert code == 0 and "skipped_as_done 3, to_do 0, still_held 0" in log, log
    assert row == ledger_row(out, AID, HELD_STEM)


def test_a_kept_place_that_is_the_applicants_stays_held_until_it_is_removed(
        make_app, tmp_path: Path, text_cfg, text_pipeline) -> None:
    """The final check repaired a picture of the applicant's mobile number (a place to review).  Kept by the
    reviewer, the new output still holds the number: not released, and the queue says where.  Removed: released,
    the picture's place black."""
    uploads = tmp_path / "uploads" / "A"
    uploads.mkdir(parents=True)
    (uploads / "联系方式.pdf").write_bytes(small_image(tmp_path, OWN)["path"].read_bytes())
    p = APPLICANT.profile()
    m = tmp_path / "m.jsonl"
    m.write_text(json.dumps({"applicant_id": "A1", **p, "inputs": "uploads/A"}, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "out"
    code, log = run_in_process(m, out, text_cfg, text_pipeline)
    assert code == 0 and "held A1/联系方式" in log, log
    stem = "联系方式"
    with TestClient(make_app(batch_dir=str(out))) as c:
        h = {"X-CSRF-Token": c.get("/api/session").json()["csrf"]}
        url = doc_url("A1", stem)
        (place,) = c.get(url).json()["items"]
        assert place["rule"].startswith("repair.") and place["action"] == "removed" and place["category"] == "phone"
        assert "最终核验在此处又发现本人信息" in place["reason"]
        r = c.post(f"{url}/decisions", headers=h,
                   json={"reviewer": "质检员乙", "decisions": [{"id": place["id"], "decision": "keep"}]}).json()
        assert r["state"] == "applying"
        held = wait_applied(c, url)
        assert held["state"] == "held" and "最终核验仍发现申请人的信息" in held["note"] and "第 1 页的电话，见于图像文字（OCR）" in held["note"]
        assert ledger_row(out, "A1", stem)["state"] == "held"
        assert (out / "A1" / "held" / f"{stem}.redacted.pdf").is_file() and not (out / "A1" / f"{stem}.redacted.pdf").exists()
        assert json.loads((out / "batch-report.json").read_text(encoding="utf-8"))["totals"]["held"] == 1
        assert "最终核验仍发现" in c.get("/spot/pending").text

        r = c.post(f"{url}/decisions", headers=h,
                   json={"reviewer": "质检员乙", "decisions": [{"id": place["id"], "decision": "redact"}]}).json()
        assert r["state"] == "applying"
        assert wait_applied(c, url)["state"] == "released"
    pdf = out / "A1" / f"{stem}.redacted.pdf"
    audit = json.loads((out / "A1" / f"{stem}.audit.json").read_text(encoding="utf-8"))
    assert audit["verification"]["passed"] and [d["decision"] for d in audit["reviewer_decisions"]] == ["redact"]
    x0, y0, x1, y1 = place["bbox"]
    with pymupdf.open(pdf) as doc:
        pix = doc[0].get_pixmap(dpi=72, clip=pymupdf.Rect(x0 + 2, y0 + 2, x1 - 2, y1 - 2))
        assert max(pix.samples) < 60                         # the reviewer's box: filled black
    assert text_pipeline.verify(str(pdf), profile_from_mapping(p), records=from_audit(audit)).passed


def test_a_batch_running_on_the_folder_keeps_the_document_held_until_it_ends(make_app, held_batch: Path) -> None:
    """The folder's lock: the queue never writes the ledger beside a running batch; it says so, and a decision
    submitted again once the batch has ended applies them."""
    from redactor.batch.output_folder import FolderLock

    out = held_batch
    with TestClient(make_app(batch_dir=str(out))) as c:
        h = {"X-CSRF-Token": c.get("/api/session").json()["csrf"]}
        url = doc_url(AID, HELD_STEM)
        places = c.get(url).json()["items"]
        with FolderLock(out):                            # as `redactor batch` holds it while it runs
            r = c.post(f"{url}/decisions", headers=h, json={"reviewer": "质检员乙", "decisions": [
                {"id": p["id"], "decision": "keep"} for p in places]}).json()
            assert r["state"] == "applying"
            held = wait_applied(c, url)
        assert held["state"] == "held" and "批量任务正在这个目录上运行" in held["note"]
        assert ledger_row(out, AID, HELD_STEM)["state"] == "held" and not (out / ".work").exists()
        r = c.post(f"{url}/decisions", headers=h, json={"reviewer": "质检员乙", "decisions": [
            {"id": places[0]["id"], "decision": "keep"}]}).json()
        assert r["state"] == "applying" and wait_applied(c, url)["state"] == "released"
    text = page_text(out / AID / f"{HELD_STEM}.redacted.pdf")
    assert all(n in text for n in FORMER_NAMES)                # both kept


def test_without_a_batch_folder_the_queue_is_not_there(make_app) -> None:
    with TestClient(make_app()) as c:
        assert c.get("/api/spot/pending").status_code == 404
        assert c.get("/spot/pending").status_code == 404


def test_a_released_documents_reviewer_edits_read_as_the_reviewers_not_the_applicants() -> None:
    from redactor.web.spotcheck.pending import REVIEWER_REASON
    from redactor.web.spotcheck.routes import _shown_reason

    entry = {"rule": "manual.undo", "category": "name", "reason": REVIEWER_REASON["keep"]}
    released = {"reviewer_decisions": [{"page": 1, "decision": "keep"}]}
    assert _shown_reason(entry, released, "keep") == "抽检人员决定保留此处（待定位置）"
    # a self-check's edit (no reviewer decisions in the audit) is the applicant's
    assert _shown_reason({**entry, "reason": "x"}, {}, "keep") == "申请人撤销了此处的脱敏"
