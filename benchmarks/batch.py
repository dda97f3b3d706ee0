"""The province batch, end to end: `redactor batch` on a generated manifest, killed and resumed.

    python -m benchmarks.batch --applicants 50                         # the issue's size: 50 applicants, 650 documents
    python -m benchmarks.batch --applicants 6 --speed-applicants 2     # a small run (about 25 min on 2 shared cores)

1. Generates N synthetic applicants with ``benchmarks.corpus`` (every document type born-digital, plus three
   scanned documents each: 13 documents, ~17 pages per applicant; one upload per applicant is named after the
   applicant) and a CSV manifest with a BOM, as Excel writes it.
2. Runs ``redactor batch --jobs 2``, SIGKILLs the driver at three random moments (after a random number of
   finished documents plus a random delay), reruns the same command until it finishes, and checks: every
   document done exactly once (no document finished twice across the runs), both outputs of each present and
   matching the ledger's hashes, no other file, no ``.work`` left.
3. Speed on the first ``--speed-applicants`` applicants, fresh output folders: the local pool with 1 and 2
   workers, and (with the ray extra) a loopback Ray cluster of 1 and 2 nodes of one CPU each.

Writes ``OUT/batch-benchmark.json`` and prints a markdown summary.  Exit 1 when anything was lost, duplicated
or left behind.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any, Sequence

ROOT = Path(__file__).resolve().parents[1]
PATHS = ("born_digital", "scanned")


def _write_applicant(args: tuple[int, int, str]) -> dict[str, Any]:
    from benchmarks.corpus import generate_dossier

    seed, i, corpus = args
    d = generate_dossier(seed, i, PATHS)
    folder = Path(corpus) / f"{i:03d}-{d.profile['name']}"        # folders are named after applicants too
    folder.mkdir(parents=True, exist_ok=True)
    for f in d.files:
        (folder / f.name).write_bytes(f.data)
    return {"applicant_id": f"BJ2026-{i:05d}", "profile": d.profile, "folder": folder.name,
            "documents": len(d.files), "pages": sum(len(f.pages) for f in d.files)}


def build_manifest(out: Path, n: int, seed: int, jobs: int) -> tuple[Path, list[dict[str, Any]]]:
    corpus = out / "corpus"
    with ProcessPoolExecutor(max(1, jobs)) as ex:
        rows = list(ex.map(_write_applicant, [(seed, i, str(corpus)) for i in range(n)]))
    return write_manifest(corpus / "manifest.csv", rows), rows


def write_manifest(path: Path, rows: list[dict[str, Any]]) -> Path:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["applicant_id", "name", "id_number", "phones", "employers", "name_aliases", "emails", "inputs"])
    for r in rows:
        p = r["profile"]
        w.writerow([r["applicant_id"], p["name"], p.get("id_number", ""), ";".join(p.get("phones", [])),
                    ";".join(p.get("employers", [])), ";".join(p.get("name_aliases", [])),
                    ";".join(p.get("emails", [])), r["folder"]])
    path.write_text("\ufeff" + buf.getvalue(), encoding="utf-8")
    return path


# --- running ------------------------------------------------------------------------------------------

def batch_cmd(manifest: Path, out: Path, *extra: str) -> list[str]:
    # every document released (held ones too, marked): the benchmark counts what a kill loses or duplicates
    return [sys.executable, "-m", "redactor", "batch", str(manifest), "--out", str(out), "--log-json", "--release-held",
            *extra]


def done_count(out: Path) -> int:
    try:
        with sqlite3.connect(out / "ledger.sqlite", timeout=1) as db:
            return db.execute("SELECT count(*) FROM documents WHERE state = 'done'").fetchone()[0]
    except sqlite3.Error:
        return 0


def run_until_killed(cmd: list[str], out: Path, kill_after_done: int, extra_delay: float, log: Path,
                     env: dict[str, str]) -> tuple[bool, float]:
    """Start the batch; SIGKILL the driver once `kill_after_done` documents are done (+ a delay)."""
    t0 = time.time()
    with log.open("a") as fh:
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=fh, env=env)
        while proc.poll() is None:
            time.sleep(0.25)
            if done_count(out) >= kill_after_done:
                time.sleep(extra_delay)
                if proc.poll() is None:
                    os.kill(proc.pid, signal.SIGKILL)
                    proc.wait()
                    return True, time.time() - t0
        return False, time.time() - t0


def run_to_end(cmd: list[str], log: Path, env: dict[str, str]) -> tuple[int, float]:
    t0 = time.time()
    with log.open("a") as fh:
        rc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=fh, env=env).returncode
    return rc, time.time() - t0


def check_outputs(out: Path, expected_docs: int, log: Path) -> dict[str, Any]:
    """Lost, duplicated, left behind — from the ledger, the files and the JSON log lines of every run."""
    with sqlite3.connect(out / "ledger.sqlite") as db:
        rows = db.execute("SELECT applicant_id, stem, state, output_pdf_sha256, audit_sha256 FROM documents").fetchall()
    done = [r for r in rows if r[2] == "done"]
    bad_hash = 0
    expected_files = {"batch-report.json", "batch-report.html", "ledger.sqlite", ".lock"}
    for aid, stem, _, pdf_sha, audit_sha in done:
        for suffix, sha in ((".redacted.pdf", pdf_sha), (".audit.json", audit_sha)):
            f = out / aid / f"{stem}{suffix}"
            expected_files.add(str(f.relative_to(out)))
            if not f.is_file() or hashlib.sha256(f.read_bytes()).hexdigest() != sha:
                bad_hash += 1
    expected_files |= {f"{aid}/summary.json" for aid, *_ in rows}
    files = {str(p.relative_to(out)) for p in out.rglob("*") if p.is_file() and not p.name.startswith("ledger.sqlite-")}
    finished: dict[tuple[str, str], int] = {}
    for line in log.read_text(encoding="utf-8").splitlines():
        if line.startswith("{"):
            e = json.loads(line)
            if e.get("event") == "document" and e.get("state") == "done":
                key = (e["applicant_id"], e["stem"])
                finished[key] = finished.get(key, 0) + 1
    return {
        "documents": expected_docs, "ledger_rows": len(rows), "done": len(done),
        "failed": sum(1 for r in rows if r[2] in ("failed", "refused")),
        "lost": expected_docs - len(rows) + sum(1 for r in rows if r[2] in ("queued", "running")) + bad_hash,
        "duplicated": sum(n - 1 for n in finished.values() if n > 1) + len(files - expected_files),
        "unexpected_files": sorted(files - expected_files)[:10],
        "working_files_left": sum(1 for _ in (out / ".work").rglob("*")) if (out / ".work").exists() else 0,
    }


def kill_and_resume(manifest: Path, out: Path, docs: int, kills: int, jobs: int, seed: int) -> dict[str, Any]:
    rng = random.Random(seed)
    log = out.with_suffix(".log")
    log.unlink(missing_ok=True)
    cmd = batch_cmd(manifest, out, "--jobs", str(jobs))
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    kills_done = []
    for k in range(kills):
        target = rng.randint(1 + k * docs // (kills + 1), (k + 1) * docs // (kills + 1))
        delay = round(rng.uniform(0, 3), 2)
        killed, secs = run_until_killed(cmd, out, target, delay, log, env)
        kills_done.append({"after_done": target, "plus_seconds": delay, "killed": killed, "run_seconds": round(secs, 1)})
        print(f"  kill {k + 1}: after {target} done + {delay} s -> {'killed' if killed else 'finished first'}",
              file=sys.stderr)
    rc, secs = run_to_end(cmd, log, env)
    return {"kills": kills_done, "final_rc": rc, "final_run_seconds": round(secs, 1), **check_outputs(out, docs, log)}


def timed_run(manifest: Path, out: Path, *extra: str, env: dict[str, str] | None = None) -> dict[str, Any]:
    log = out.with_suffix(".log")
    log.parent.mkdir(parents=True, exist_ok=True)
    log.unlink(missing_ok=True)
    rc, secs = run_to_end(batch_cmd(manifest, out, *extra), log, env or {**os.environ, "PYTHONPATH": str(ROOT)})
    report = json.loads((out / "batch-report.json").read_text(encoding="utf-8"))
    t = report["totals"]
    return {"rc": rc, "wall_seconds": round(secs, 1), "documents": t["documents"], "done": t["done"], "pages": t["pages"]}


def speed(manifest: Path, out: Path, ray: bool) -> dict[str, Any]:
    res: dict[str, Any] = {}
    for jobs in (1, 2):
        res[f"local_{jobs}"] = timed_run(manifest, out / f"local-{jobs}", "--jobs", str(jobs))
        print(f"  local, {jobs} worker(s): {res[f'local_{jobs}']['wall_seconds']} s", file=sys.stderr)
    if ray:
        from benchmarks.loopback_ray import LoopbackCluster, ray_env

        env = {**ray_env(), "PYTHONPATH": str(ROOT)}
        with LoopbackCluster() as cluster:
            for nodes in (1, 2):
                if nodes == 2:
                    cluster.add_node()
                res[f"ray_{nodes}"] = timed_run(manifest, out / f"ray-{nodes}", "--executor", "ray", "--ray-address",
                                                cluster.address, "--jobs", str(nodes), env=env)
                print(f"  ray, {nodes} node(s): {res[f'ray_{nodes}']['wall_seconds']} s", file=sys.stderr)
    for k, v in res.items():
        workers = int(k.rsplit("_", 1)[1])
        v["docs_per_hour_per_worker"] = round(v["documents"] / v["wall_seconds"] * 3600 / workers, 1)
    res["speedup_local_2_over_1"] = round(res["local_1"]["wall_seconds"] / res["local_2"]["wall_seconds"], 2)
    if ray:
        res["speedup_ray_2_nodes_over_1"] = round(res["ray_1"]["wall_seconds"] / res["ray_2"]["wall_seconds"], 2)
    return res


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.batch", description=__doc__.split("\n\n")[0])
    ap.add_argument("--applicants", type=int, default=50)
    ap.add_argument("--speed-applicants", type=int, default=0, help="applicants for the speed runs (default: all)")
    ap.add_argument("--kills", type=int, default=3)
    ap.add_argument("--jobs", type=int, default=2, help="workers for the kill-and-resume run")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--no-ray", action="store_true", help="skip the Ray runs (also skipped without the ray extra)")
    ap.add_argument("--no-speed", action="store_true")
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "batch")
    args = ap.parse_args(argv)
    out = args.out.resolve()
    if out.exists():
        import shutil

        shutil.rmtree(out)
    out.mkdir(parents=True)
    t0 = time.time()
    manifest, rows = build_manifest(out, args.applicants, args.seed, 2)
    docs = sum(r["documents"] for r in rows)
    result: dict[str, Any] = {"applicants": len(rows), "documents": docs, "pages": sum(r["pages"] for r in rows),
                              "generate_seconds": round(time.time() - t0, 1)}
    print(f"{len(rows)} applicants, {docs} documents, {result['pages']} pages generated", file=sys.stderr)
    result["resume"] = kill_and_resume(manifest, out / "killed", docs, args.kills, args.jobs, args.seed)
    (out / "batch-benchmark.json").write_text(json.dumps(result, indent=1, ensure_ascii=False), encoding="utf-8")
    if not args.no_speed:
        n = args.speed_applicants or args.applicants
        small = write_manifest(manifest.with_name("manifest-speed.csv"), rows[:n])
        try:
            import ray  # noqa: F401
            use_ray = not args.no_ray
        except ImportError:
            use_ray = False
        result["speed"] = {"applicants": n, **speed(small, out / "speed", use_ray)}
    (out / "batch-benchmark.json").write_text(json.dumps(result, indent=1, ensure_ascii=False), encoding="utf-8")
    print(markdown(result))
    r = result["resume"]
    return 0 if r["lost"] == 0 and r["duplicated"] == 0 and r["working_files_left"] == 0 and r["final_rc"] == 0 else 1


def markdown(result: dict[str, Any]) -> str:
    r = result["resume"]
    lines = [f"**{result['applicants']} applicants, {result['documents']} documents, {result['pages']} pages**", "",
             f"Kill and resume: {sum(k['killed'] for k in r['kills'])} SIGKILLs, then a final run (exit {r['final_rc']}): "
             f"{r['done']} done, {r['failed']} failed, **{r['lost']} lost, {r['duplicated']} duplicated, "
             f"{r['working_files_left']} working files left**", ""]
    s = result.get("speed")
    if s:
        lines += [f"Speed ({s['applicants']} applicants):", "", "| run | wall s | documents | docs/hour/worker |",
                  "|---|---|---|---|"]
        for k, v in s.items():
            if isinstance(v, dict):
                lines.append(f"| {k} | {v['wall_seconds']} | {v['documents']} | {v['docs_per_hour_per_worker']} |")
        lines += ["", f"Speed-up, 2 local workers over 1: {s['speedup_local_2_over_1']}x"]
        if "speedup_ray_2_nodes_over_1" in s:
            lines.append(f"Speed-up, Ray 2 nodes over 1: {s['speedup_ray_2_nodes_over_1']}x")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
