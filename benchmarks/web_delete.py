"""Deleting a running self-check job: how soon its folder is gone and the next job runs.

    python -m benchmarks.web_delete --pdf SCAN.pdf --profile PROFILE.yaml [--copies 4] [--after 3]

Runs the real app (default config, the full OCR pipeline, one worker) through FastAPI's TestClient: uploads
``--copies`` copies of the scan's pages as one document, waits until ``--after`` pages' worth of work is done,
deletes the job, uploads the same document again, and reports the seconds until the first job's folder is gone
and until the second job runs (issue 51: both within 10 s), and whether the folder stays gone.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

import yaml


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pdf", required=True, help="a scanned PDF")
    ap.add_argument("--profile", required=True)
    ap.add_argument("--copies", type=int, default=4, help="the scan's pages this many times over, in one document")
    ap.add_argument("--after", type=float, default=3.0, help="pages' worth of work done before the delete")
    args = ap.parse_args(argv)

    import pymupdf
    from fastapi.testclient import TestClient

    from redactor.web import WebSettings, create_app

    with tempfile.TemporaryDirectory(prefix="redactor-bench-delete-") as tmp:
        doc = Path(tmp) / "long.pdf"
        with pymupdf.open() as out, pymupdf.open(args.pdf) as src:
            for _ in range(args.copies):
                out.insert_pdf(src)
            out.save(doc)
        profile = json.dumps(yaml.safe_load(Path(args.profile).read_text(encoding="utf-8")), ensure_ascii=False)
        app = create_app(WebSettings(root=str(Path(tmp) / "root")), warm_up=True)
        with TestClient(app) as c:
            h = {"X-CSRF-Token": c.get("/api/session").json()["csrf"]}

            def upload() -> str:
                files = [("files", (doc.name, doc.read_bytes(), "application/pdf"))]
                return c.post("/api/jobs", headers=h, files=files, data={"profile": profile}).json()["id"]

            first = upload()
            while not ((j := c.get(f"/api/jobs/{first}").json())["state"] == "running"
                       and j["work_done"] >= args.after):
                time.sleep(0.1)
            folder = app.state.jobs.root / first
            t0 = time.time()
            c.delete(f"/api/jobs/{first}", headers=h)
            second = upload()
            gone = started = None
            while time.time() - t0 < 60 and (gone is None or started is None):
                if gone is None and not folder.exists():
                    gone = time.time() - t0
                if started is None and c.get(f"/api/jobs/{second}").json()["state"] in ("running", "done"):
                    started = time.time() - t0
                time.sleep(0.05)
            time.sleep(3.0)
            print(json.dumps({"pages_done_at_delete": j["work_done"], "folder_gone_s": gone, "next_job_running_s": started,
                              "still_gone_3s_later": not folder.exists()}))
            c.delete(f"/api/jobs/{second}", headers=h)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
