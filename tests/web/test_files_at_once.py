"""A job's files at once (issue 52): the web worker hands files to a worker process while it reads another, and
the job comes out as it does one file after another -- the same decisions, the same messages, edits applied to
a file the worker process read."""

from __future__ import annotations

import json
import logging
import re
import shutil
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from tests.synth import APPLICANT, COLLEAGUE_ID  # noqa: E402
from tests.web.conftest import pdf_text, wait_job  # noqa: E402
from tests.web.test_api import csrf, upload  # noqa: E402


def _decisions(c: TestClient, job: dict) -> list[object]:
    """Each document's state and message, or its audit's redactions and kept marks (page, category, rule, box)."""
    out: list[object] = []
    for d in job["documents"]:
        if d["state"] != "done":
            out.append((d["state"], d["error"]))
            continue
        audit = c.get(d["downloads"][f"{d['stem']}.audit.json"]).json()
        out.append((sorted((e["page"], e["category"], e["rule"], tuple(round(v) for v in e["bbox"]))
                                 for e in audit["redactions"]),
                          sorted((e["page"], e["category"], e.get("rule", e.get("reason", "")),
                                  tuple(round(v) for v in e["bbox"])) for e in audit["kept"])))
    return out


@pytest.mark.issue(52)
def test_a_jobs_files_at_once_decide_as_one_after_another(make_app, tmp_path: Path, web_cfg, form_file: Path,
                                                            selfcheck_file: Path,
                                                            caplog: pytest.LogCaptureFixture) -> None:
    from redactor.web import WebSettings, create_app

    second = tmp_path / "second.pdf"
    shutil.copyfile(form_file, second)
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    files = (form_file, selfcheck_file, second, empty)

    with TestClient(make_app()) as c:                     # one after another on the worker (the suite's pipeline)
        alone = wait_job(c, upload(c, *files)["id"], timeout=300)
        assert alone["state"] == "done"
        one_by_one = _decisions(c, alone)

    app = create_app(WebSettings(root=str(tmp_path / "pooled"), file_workers=2), cfg=web_cfg, warm_up=False)
    caplog.set_level(logging.INFO, logger="redactor.web.jobs")
    with TestClient(app) as c:
        job = wait_job(c, upload(c, *files)["id"], timeout=300)
        assert app.state.jobs.worker.processes() == 1
        assert job["state"] == "done"
        handed = re.search(rf"job {job['id']} finished \((\d) of 4 files read in worker processes;", caplog.text)
        assert handed and int(handed.group(1)) >= 1       # whoever is free takes the next file: how many varies
        assert _decisions(c, job) == one_by_one
        docs = job["documents"]                          # in upload order
        assert docs[3]["state"] == "failed" and docs[3]["error"]
        for d in docs[:3]:
            text = pdf_text(c.get(d["downloads"][f"{d['stem']}.redacted.pdf"]).content)
            assert APPLICANT.name not in text and APPLICANT.id_number not in text
            assert APPLICANT.mobile not in re.sub(r"\D", "", text)
            assert "李明华" in text
            assert d["page_images"]["original"] and d["page_images"]["redacted"]
        assert COLLEAGUE_ID in pdf_text(c.get(docs[2]["downloads"]["second.redacted.pdf"]).content)
        # the summary at the top lists every file, those that need the applicant first (issue 82)
        order = ("found", "failed", "check", "running", "queued", "clean")
        states = [r["state"] for r in job["summary"]]
        assert sorted(r["id"] for r in job["summary"]) == sorted(d["id"] for d in docs)
        assert states == sorted(states, key=order.index) and "failed" in states, states
        assert job["verdict_state"] != "clean"                          # a file not processed was not checked
        # the first file, always a worker process's, reports that process's time on it, not 0.0 (issue 82)
        assert docs[0]["seconds"] > 0.05, docs[0]["seconds"]

        # an edit to a file the worker process read (the first file is always handed out first) is applied to
        # its original here
        d = docs[0]
        phone = next(x for x in d["candidates"] if x["category"] == "phone" and x["action"] == "redact")
        r = c.post(f"/api/jobs/{job['id']}/edits", headers=csrf(c), json={
            "file": d["id"], "set_action": [{"id": phone["id"], "action": "keep"}]})
        assert r.status_code == 200, r.text
        job = wait_job(c, job["id"], until=lambda j: j["state"] == "done" and j["documents"][0]["version"] == 2,
                       timeout=120)
        d = job["documents"][0]
        text = pdf_text(c.get(d["downloads"][f"{d['stem']}.redacted.pdf"]).content)
        assert APPLICANT.mobile in re.sub(r"\D", "", text)          # undone: the phone is back
        assert APPLICANT.name not in text and APPLICANT.id_number not in text and "李明华" in text
        audit = c.get(d["downloads"][f"{d['stem']}.audit.json"]).json()
        assert any(e["rule"] == "manual.undo" for e in audit["kept"])
        assert APPLICANT.name not in json.dumps(audit, ensure_ascii=False)

        # a one-file job: no process is busy, so this worker reads it on every core (``Worker.alone``), and it
        # decides as one after another did
        from redactor.pipeline import available_cores

        one = wait_job(c, upload(c, form_file)["id"], timeout=300)
        assert one["state"] == "done"
        assert f"job {one['id']} finished (0 of 1 files read in worker processes; this worker read on " \
               f"{available_cores()} core(s))" in caplog.text
        assert _decisions(c, one) == one_by_one[:1]


@pytest.mark.issue(52)
def test_a_worker_process_killed_under_a_file_fails_that_file_and_the_job_goes_on(tmp_path: Path, web_cfg,
                                                                                 form_file: Path,
                                                                                 selfcheck_file: Path,
                                                                                 caplog: pytest.LogCaptureFixture
                                                                                 ) -> None:
    """The system kills the process reading a file (out of memory): that file alone fails, in words the
    applicant can act on; the server is not taken down and the job's other files are redacted."""
    import os
    import signal
    import time

    from redactor.web import WebSettings, create_app
    from redactor.web.messages import PROCESS_DIED

    second = tmp_path / "second.pdf"
    shutil.copyfile(form_file, second)
    app = create_app(WebSettings(root=str(tmp_path / "pooled"), file_workers=2), cfg=web_cfg, warm_up=False)
    caplog.set_level(logging.INFO, logger="redactor.web.jobs")
    with TestClient(app) as c:
        jid = upload(c, form_file, selfcheck_file, second)["id"]
        worker = app.state.jobs.worker
        end = time.time() + 60
        while time.time() < end:        # the first file is handed to the process as the job starts
            pool = worker._files
            if pool is not None and pool._pending_work_items and pool._processes:
                break
            time.sleep(0.01)
        else:
            raise AssertionError("no file was handed to a worker process")
        for pid in list(pool._processes):
            os.kill(pid, signal.SIGKILL)
        job = wait_job(c, jid, timeout=300)
        docs = job["documents"]
        assert job["state"] == "done"
        assert (docs[0]["state"], docs[0]["error"]) == ("failed", PROCESS_DIED)
        for d in docs[1:]:
            assert d["state"] == "done"
            text = pdf_text(c.get(d["downloads"][f"{d['stem']}.redacted.pdf"]).content)
            assert APPLICANT.name not in text and APPLICANT.id_number not in text and "李明华" in text
        assert f"job {jid}: a worker process died reading a file" in caplog.text
        assert worker._files is not pool                  # a fresh pool for what comes next
