"""Prove that a speed change moved no decision: redact one corpus with two source
trees and compare every audit, entry by entry.

    python -m benchmarks.decision_diff BASE_TREE NEW_TREE CORPUS_DIR OUT_DIR [--jobs 1]

Each tree runs in its own process (``PYTHONPATH=TREE``, this interpreter) with
the same audit key, so value hashes compare too.  Compared: redactions, kept
candidates, needs_review, repairs, sanitised channels, page facts and the whole
verification (leaks, checks, per-page OCR route), bounding boxes rounded to
0.01 pt.  Not compared: the verifier's seconds, the tool version, the config
digest (a new config key changes it by design) and the output's checksum (reported on its own line; outputs differ run to run by
their random document ID).  Exit 0 when every audit is the same, 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

INPUT_SUFFIXES = {".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff"}
IGNORED = {("tool",), ("verification", "seconds"), ("output", "sha256"), ("config_digest",)}
AUDIT_KEY = "decision-diff-fixed-key"
# The editable install maps ``redactor.configs`` and ``redactor.models`` to the installed checkout's folders,
# whatever PYTHONPATH says; each tree's own are mapped here before its CLI runs (a new config key in one
# tree would otherwise be an unknown key to the other).
_BOOT = """
import importlib.util, runpy, sys
tree = sys.argv.pop(1)
for name, folder in (("redactor.configs", "configs"), ("redactor.models", "models")):
    spec = importlib.util.spec_from_file_location(name, f"{tree}/{folder}/__init__.py",
                                                  submodule_search_locations=[f"{tree}/{folder}"])
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
sys.argv[0] = "redactor"
runpy.run_module("redactor", run_name="__main__", alter_sys=True)
"""


def corpus_inputs(corpus: Path) -> list[Path]:
    return sorted(p for p in corpus.iterdir() if p.suffix.lower() in INPUT_SUFFIXES and p.is_file())


def redact_with(tree: Path, inputs: list[Path], profile: Path, out: Path, jobs: int) -> tuple[int, float]:
    """Run TREE's redactor over INPUTS; return its exit code and the children's CPU seconds."""
    env = dict(os.environ, PYTHONPATH=str(tree), REDACTOR_AUDIT_KEY=AUDIT_KEY)
    before = os.times()
    rc = subprocess.run([sys.executable, "-c", _BOOT, str(tree), "redact", *map(str, inputs), "--profile", str(profile),
                         "--out", str(out), "--jobs", str(jobs)], env=env, cwd=tree,
                        stdout=subprocess.DEVNULL).returncode
    after = os.times()
    return rc, (after.children_user - before.children_user) + (after.children_system - before.children_system)


def _rounded(x: Any) -> Any:
    if isinstance(x, float):
        return round(x, 2)
    if isinstance(x, list):
        return [_rounded(v) for v in x]
    if isinstance(x, dict):
        return {k: _rounded(v) for k, v in x.items()}
    return x


def differences(a: Any, b: Any, path: tuple[str, ...] = ()) -> list[str]:
    """Every place where two audits differ, as 'path: a != b' (no values leave the audit: it holds none)."""
    if path in IGNORED:
        return []
    if isinstance(a, dict) and isinstance(b, dict):
        out: list[str] = []
        for k in sorted(set(a) | set(b)):
            if k not in a or k not in b:
                out.append(f"{'/'.join(path + (k,))}: only in {'new' if k in b else 'base'}")
            else:
                out += differences(a[k], b[k], path + (k,))
        return out
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        out = []
        for i, (x, y) in enumerate(zip(a, b)):
            out += differences(x, y, path + (str(i),))
        return out
    a, b = _rounded(a), _rounded(b)
    return [] if a == b else [f"{'/'.join(path)}: {json.dumps(a, ensure_ascii=False)[:200]} != "
                              f"{json.dumps(b, ensure_ascii=False)[:200]}"]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("base", type=Path)
    ap.add_argument("new", type=Path)
    ap.add_argument("corpus", type=Path, help="a folder of inputs with its profile.yaml (one applicant)")
    ap.add_argument("out", type=Path)
    ap.add_argument("--jobs", type=int, default=1)
    args = ap.parse_args(argv)
    inputs = corpus_inputs(args.corpus)
    profile = args.corpus / "profile.yaml"
    results = {}
    for label, tree in (("base", args.base), ("new", args.new)):
        t = time.time()
        rc, cpu = redact_with(tree.resolve(), inputs, profile.resolve(), (args.out / label).resolve(), args.jobs)
        results[label] = rc
        print(f"{label}: {tree} rc={rc} cpu={cpu:.1f}s wall={time.time() - t:.1f}s", flush=True)
    audits = sorted(p.name for p in (args.out / "base").glob("*.audit.json"))
    new_audits = {p.name for p in (args.out / "new").glob("*.audit.json")}
    n_diff = 0
    same_bytes = 0
    if results["base"] != results["new"]:
        print(f"exit codes differ: base {results['base']}, new {results['new']}")
        n_diff += 1
    for name in sorted(set(audits) ^ new_audits):
        print(f"{name}: only in {'new' if name in new_audits else 'base'}")
        n_diff += 1
    for name in audits:
        if name not in new_audits:
            continue
        a = json.loads((args.out / "base" / name).read_text(encoding="utf-8"))
        b = json.loads((args.out / "new" / name).read_text(encoding="utf-8"))
        same_bytes += a.get("output", {}).get("sha256") == b.get("output", {}).get("sha256")
        diff = differences(a, b)
        for line in diff:
            print(f"{name}: {line}")
        n_diff += bool(diff)
    print(f"{len(audits)} audits compared, {n_diff} with differences; outputs byte-identical: {same_bytes}/{len(audits)}")
    return 1 if n_diff else 0


if __name__ == "__main__":
    sys.exit(main())
