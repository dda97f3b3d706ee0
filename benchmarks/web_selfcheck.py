"""Seconds per document through the web self-check flow (upload -> analysis -> redaction -> verification -> page images).

    python -m benchmarks.web_selfcheck                    # sample_docs/ with sample_docs/profile.yaml
    python -m benchmarks.web_selfcheck --infer            # profile read from the 评审表 first
    python -m benchmarks.web_selfcheck --folder DIR/dossier --profile DIR/dossier/profile.yaml --file-workers 1
                                                          # the dossier benchmark's files, jobs of 20, one after another

Runs the real app (default config, the Pipeline built once per server, one
worker thread; ``--file-workers``: pipelines working on a job's files at once, 0 as the
server picks, 1 one after another) through FastAPI's TestClient and times each document
from the moment it is queued until its page images are ready (a file read in a worker process: from when the
server's worker turned to it), and each job (at most the
server's 20 files) from its upload until its last page image.  The models are loaded
before the clock starts, as the server does at start-up.  The target is about
30 s per document on 2 cores; the numbers are slower while other processes
load those cores.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "sample_docs"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--infer", action="store_true", help="read the profile from the 评审表 instead of profile.yaml")
    ap.add_argument("--folder", type=Path, default=SAMPLES, help="the files to upload (default: sample_docs/)")
    ap.add_argument("--profile", type=Path, default=SAMPLES / "profile.yaml")
    ap.add_argument("--file-workers", type=int, default=0, help="WebSettings.file_workers (0: as the server picks)")
    args = ap.parse_args(argv)
    from fastapi.testclient import TestClient

    from redactor.web import WebSettings, create_app

    files = sorted(p for p in args.folder.iterdir() if p.suffix.lower() in {".pdf", ".png", ".jpg", ".jpeg", ".tif"})
    profile = yaml.safe_load(args.profile.read_text(encoding="utf-8"))
    settings = WebSettings(file_workers=args.file_workers)
    app = create_app(settings, warm_up=False)
    with TestClient(app) as c:
        t = time.perf_counter()
        app.state.worker.warm_up().result()
        print(f"models loaded in {time.perf_counter() - t:.1f} s (once per server; "
              f"{app.state.worker.processes()} worker process(es) beside the server's own)")
        h = {"X-CSRF-Token": c.get("/api/session").json()["csrf"]}
        t_all, n_all = time.perf_counter(), 0
        for k in range(0, len(files), settings.max_files):
            n_all += _job(c, h, files[k:k + settings.max_files], profile, args.infer)
        total = time.perf_counter() - t_all
        print(f"all: {n_all} documents in {total:.1f} s on {os.cpu_count()} cores (load average "
              f"{os.getloadavg()[0]:.1f})")
    return 0


def _job(c, h, files, profile, infer: bool) -> int:  # noqa: ANN001
    """One job of ``files``: its documents' seconds and the job's; returns how many documents."""
    t0 = time.perf_counter()
    data = {} if infer else {"profile": json.dumps(profile, ensure_ascii=False)}
    r = c.post("/api/jobs", headers=h, data=data,
               files=[("files", (p.name, p.read_bytes(), "application/octet-stream")) for p in files])
    jid = r.json()["id"]
    while (j := c.get(f"/api/jobs/{jid}").json())["state"] not in ("done", "failed", "confirm_profile"):
        time.sleep(0.5)
    if j["state"] == "confirm_profile":
        print(f"profile step in {time.perf_counter() - t0:.1f} s: {j['message']}")
        if j["profile"] is None:     # not read: the user types it, as the page asks
            print("falling back to sample_docs/profile.yaml")
        r = c.post(f"/api/jobs/{jid}/profile", headers=h, json=j["profile"] or profile)
        if r.status_code != 200:
            raise SystemExit(r.json()["detail"])
        while (j := c.get(f"/api/jobs/{jid}").json())["state"] not in ("done", "failed"):
            time.sleep(0.5)
    total = time.perf_counter() - t0
    print(f"{'document':34} {'pages':>5} {'seconds':>8}  verdict")
    for d in j["documents"]:
        verdict = d["verdict"]["text"] if d.get("verdict") else d["error"]
        print(f"{d['stem']:34} {d['pages']:>5} {d['seconds']:>8.1f}  {verdict}")
    n = len(j["documents"])
    print(f"{n} documents in {total:.1f} s: {total / n:.1f} s per document on {os.cpu_count()} cores "
          f"(load average {os.getloadavg()[0]:.1f})")
    return n


if __name__ == "__main__":
    raise SystemExit(main())
