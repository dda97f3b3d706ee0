"""Issue 51 through the JSON API: the three-state verdict, suggestions offered back, answers, re-runs, per-file
refusals, the report's positions, and a delete that stops a running job."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pymupdf
import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from tests.synth import APPLICANT, COLLEAGUE_ID, ruled_form  # noqa: E402
from tests.web.conftest import pdf_text, selfcheck_pdf, wait_job  # noqa: E402
from tests.web.test_api import csrf, upload  # noqa: E402

FULL = {**APPLICANT.profile(), "declared_none": ["name_aliases"]}     # every field given or declared 无
RECOMMENDER_MOBILE = "13704711234"


def own_form(path: Path) -> Path:
    """The applicant's own 评审表 as ruled cells: their name, ID number, unit and mobile, and a recommender's."""
    return ruled_form(path, [
        ((50, 110), (0, 24), "姓名"), ((110, 220), (0, 24), APPLICANT.name),
        ((220, 300), (0, 24), "身份证号"), ((300, 545), (0, 24), APPLICANT.id_number),
        ((50, 110), (24, 48), "工作单位"), ((110, 545), (24, 48), APPLICANT.employer),
        ((50, 110), (48, 72), "手机"), ((110, 300), (48, 72), APPLICANT.mobile),
        ((50, 160), (96, 120), "推荐人手机"), ((160, 300), (96, 120), RECOMMENDER_MOBILE)])


def test_a_form_with_only_the_name_given_is_check_never_clean(make_app, tmp_path: Path) -> None:
    form_file = own_form(tmp_path / "评审表.pdf")
    with TestClient(make_app()) as c:
        job = wait_job(c, upload(c, form_file, profile={"name": APPLICANT.name})["id"])
        d = job["documents"][0]
        v = d["verdict"]
        assert v["passed"] and v["found"] == []                 # the final check found the name nowhere ...
        assert v["state"] == "check" and job["verdict_state"] == "check"   # ... yet the verdict is not green
        assert set(v["not_checked"]) == {"身份证号", "手机号码", "工作单位", "曾用名", "电子邮箱"}
        # the values of the applicant's own cells the profile lacks are offered back, with their value, to this
        # session only; the audit holds none of them
        offered = {s["field"]: s["value"] for s in d["suggestions"]}
        assert offered == {"id_number": APPLICANT.id_number, "phones": APPLICANT.mobile,
                           "employers": APPLICANT.employer}, offered
        assert all(s["candidate"] is not None for s in d["suggestions"])
        assert APPLICANT.id_number not in json.dumps(d["audit"], ensure_ascii=False)
        text = pdf_text(c.get(d["downloads"][f"{d['stem']}.redacted.pdf"]).content)
        assert APPLICANT.id_number not in text and RECOMMENDER_MOBILE in text


def test_the_full_profile_on_a_document_whose_data_is_removed_is_clean(make_app, form_file: Path) -> None:
    with TestClient(make_app()) as c:
        job = wait_job(c, upload(c, form_file, profile=FULL)["id"])
        d = job["documents"][0]
        assert d["verdict"]["state"] == "clean", d["verdict"]
        assert d["verdict"]["declared_none"] == ["曾用名"] and d["verdict"]["not_checked"] == []
        assert job["profile"]["declared_none"] == ["name_aliases"]
        text = pdf_text(c.get(d["downloads"][f"{d['stem']}.redacted.pdf"]).content)
        for own in (APPLICANT.name, APPLICANT.id_number, APPLICANT.employer):
            assert own not in text
        assert "李明华" in text and COLLEAGUE_ID in text


def test_an_output_that_still_holds_the_applicants_name_is_found(make_app, tmp_path: Path) -> None:
    src = selfcheck_pdf(tmp_path / "材料.pdf")
    with TestClient(make_app()) as c:
        job = wait_job(c, upload(c, src, profile=FULL)["id"])
        d = job["documents"][0]
        assert d["verdict"]["state"] == "clean", d["verdict"]
        name = next(x for x in d["candidates"] if x["category"] == "name" and x["action"] == "redact")
        r = c.post(f"/api/jobs/{job['id']}/edits", headers=csrf(c),
                   json={"file": d["id"], "set_action": [{"id": name["id"], "action": "keep"}]})
        assert r.status_code == 200
        job = wait_job(c, job["id"], until=lambda j: j["state"] == "done" and j["documents"][0]["version"] == 2)
        d = job["documents"][0]
        assert d["verdict"]["state"] == "found" and not d["verdict"]["passed"]
        assert APPLICANT.name in pdf_text(c.get(d["downloads"][f"{d['stem']}.redacted.pdf"]).content)
        assert d["verdict"]["found"][0]["page"] == 1 and d["verdict"]["found"][0]["category"] == "姓名"


def test_answers_and_a_rerun_with_the_suggested_values_settle_the_check(make_app, tmp_path: Path) -> None:
    form_file = own_form(tmp_path / "评审表.pdf")
    with TestClient(make_app()) as c:
        job = wait_job(c, upload(c, form_file, profile={"name": APPLICANT.name})["id"])
        d = job["documents"][0]
        # "not mine" for every suggestion: answered, and the removal undone
        keys = [s["key"] for s in d["suggestions"]]
        r = c.post(f"/api/jobs/{job['id']}/answers", headers=csrf(c), json={"file": d["id"], "confirm": keys})
        assert r.status_code == 200 and r.json()["state"] == "check"      # the empty fields still ask
        job = c.get(f"/api/jobs/{job['id']}").json()
        assert all(s["confirmed"] for s in job["documents"][0]["suggestions"])
        # the applicant adds the offered values and declares the rest 无: processed again, clean
        prof: dict = {"name": APPLICANT.name, "declared_none": []}
        for s in d["suggestions"]:
            if s["field"] == "id_number":
                prof["id_number"] = s["value"]
            else:
                prof.setdefault(s["field"], []).append(s["value"])
        prof["declared_none"] = [f for f in ("id_number", "phones", "employers", "name_aliases", "emails")
                                 if f not in prof]
        r = c.post(f"/api/jobs/{job['id']}/rerun", headers=csrf(c), json=prof)
        assert r.status_code == 200, r.text
        job = wait_job(c, job["id"], until=lambda j: j["state"] == "done" and j["documents"][0].get("verdict"))
        d = job["documents"][0]
        assert d["suggestions"] == [] and d["verdict"]["state"] == "clean", d["verdict"]
        text = pdf_text(c.get(d["downloads"][f"{d['stem']}.redacted.pdf"]).content)
        assert APPLICANT.id_number not in text and APPLICANT.mobile not in text and RECOMMENDER_MOBILE in text


def test_a_refused_file_is_named_and_the_others_go_on(make_app, form_file: Path) -> None:
    with TestClient(make_app(max_file_mb=1)) as c:
        files = [("files", ("申请书.docx", b"PK\x03\x04 not a pdf", "application/octet-stream")),
                 ("files", (form_file.name, form_file.read_bytes(), "application/pdf")),
                 ("files", ("big.pdf", b"%PDF-1.7\n" + b"0" * (1024 * 1024 + 10), "application/pdf"))]
        r = c.post("/api/jobs", files=files, data={"profile": json.dumps(FULL)}, headers=csrf(c))
        assert r.status_code == 200, r.text
        rejected = {x["index"]: x for x in r.json()["rejected"]}
        assert set(rejected) == {1, 3} and "格式不支持" in rejected[1]["reason"] and "MB" in rejected[3]["reason"]
        job = wait_job(c, r.json()["id"])
        assert job["total"] == 1 and job["documents"][0]["state"] == "done" and len(job["rejected"]) == 2
        # the one file processed is clean, yet two chosen were never checked: the job is not green (issue 82)
        assert job["documents"][0]["verdict"]["state"] == "clean", job["documents"][0]["verdict"]
        assert job["verdict_state"] == "check" and (job["processed"], job["failed"]) == (1, 0)
        page = c.get(f"/check/{job['id']}").text
        assert "1 个文件已处理，2 个未上传" in page and "共选择 3 个文件" in page and "通过：未发现" not in page
        assert [(r["stem"], r["state"]) for r in job["summary"]] == [(job["documents"][0]["stem"], "clean")]
        assert 'id="summary"' in page and f'href="#doc-{job["documents"][0]["id"]}"' in page
        only_bad = c.post("/api/jobs", files=files[:1], data={"profile": json.dumps(FULL)}, headers=csrf(c))
        assert only_bad.status_code == 422 and "第 1 个文件格式不支持" in only_bad.json()["detail"]


def test_the_report_lists_each_position_found_and_the_applicants_edits(make_app, tmp_path: Path) -> None:
    src = selfcheck_pdf(tmp_path / "材料.pdf")
    with TestClient(make_app()) as c:
        job = wait_job(c, upload(c, src, profile={"name": APPLICANT.name, "phones": [APPLICANT.mobile]})["id"])
        d = job["documents"][0]
        phone = next(x for x in d["candidates"] if x["category"] == "phone" and x["action"] == "redact")
        c.post(f"/api/jobs/{job['id']}/edits", headers=csrf(c),
               json={"file": d["id"], "set_action": [{"id": phone["id"], "action": "keep"}]})
        job = wait_job(c, job["id"], until=lambda j: j["state"] == "done" and j["documents"][0]["version"] == 2)
        d = job["documents"][0]
        report = pdf_text(c.get(f"/api/jobs/{job['id']}/report").content)
        assert "未通过" in report and "仍能找到您的信息的位置" in report
        assert "电话文字层上部偏左" in report                     # the row: category, channel, where on the page
        assert "您的修改" in report and "撤销了脱敏" in report
        shown = sum(1 for x in d["candidates"] if x["shown"] and x["action"] == "redact")
        assert f"页面上：{shown}处已脱敏" in report              # the page's own count
        assert APPLICANT.mobile not in report and APPLICANT.name not in report


class _SlowPages:
    """The real Pipeline, each page taking ``delay`` seconds more (a scan's OCR), to delete a job mid-way."""

    def __init__(self, pipeline, delay: float) -> None:
        self._p, self._delay = pipeline, delay

    def __getattr__(self, name: str):
        return getattr(self._p, name)

    def analyze(self, path, profile, ctx, progress=None):
        def slow(stage: str, done: int, total: int) -> None:
            time.sleep(self._delay)
            if progress is not None:
                progress(stage, done, total)

        return self._p.analyze(path, profile, ctx, progress=slow)


def test_deleting_a_running_job_stops_it_wipes_it_and_lets_the_next_start(tmp_path: Path, web_cfg, web_pipeline,
                                                                          form_file: Path) -> None:
    from redactor.web import WebSettings, create_app

    long = tmp_path / "long.pdf"
    doc = pymupdf.open()
    for k in range(30):
        doc.new_page().insert_text((60, 100), f"第 {k + 1} 页 {APPLICANT.name}", fontname="china-s", fontsize=12)
    doc.save(long)
    app = create_app(WebSettings(root=str(tmp_path / "root")), cfg=web_cfg,
                     pipeline_factory=lambda c: _SlowPages(web_pipeline, 0.4), warm_up=False)
    with TestClient(app) as c:
        first = upload(c, long)["id"]
        wait_job(c, first, until=lambda j: j["state"] == "running" and j["work_done"] >= 2, timeout=30)
        folder = app.state.jobs.root / first
        assert folder.is_dir()
        t0 = time.time()
        assert c.delete(f"/api/jobs/{first}", headers=csrf(c)).json() == {"deleted": True}
        second = upload(c, form_file)["id"]
        while folder.exists() and time.time() - t0 < 10:
            time.sleep(0.1)
        assert not folder.exists(), "the deleted job's folder is still there after 10 s"
        wait_job(c, second, until=lambda j: j["state"] in ("running", "done"), timeout=10 - (time.time() - t0))
        wait_job(c, second)
        time.sleep(1.0)                        # the first job's worker never comes back to recreate its folders
        assert not folder.exists()
        assert [p.name for p in app.state.jobs.root.iterdir()] == [second]
