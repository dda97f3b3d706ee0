"""The failures of a benchmark run, grouped into classes, with the corpus item ids and the
command that reproduces each: what the lead fixes from.

    python -m benchmarks.failures --out DIR        # DIR: the --out of an earlier benchmarks.run

A class is (what went wrong, category, owner, form, rendering path); each lists its units
(``a0/11-pingshen_biao_b.pdf#pingshen_biao_b-007``) with the truth's details (seal design,
portrait size and look, signer's role, font).  Documents without output are listed with their
error line, outputs verification would withhold with its leaks.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any, Sequence

DETAILS = ("design", "look", "photo_size", "role", "in_raster")


def _truth(out: Path) -> dict[tuple[int, str], dict[str, Any]]:
    docs: dict[tuple[int, str], dict[str, Any]] = {}
    for tj in sorted((out / "corpus").glob("applicant_*/truth.json")):
        t = json.loads(tj.read_text(encoding="utf-8"))
        for d in t["documents"]:
            docs[(t["applicant_index"], d["file"])] = d
    return docs


def failure_classes(out: Path) -> str:
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    spec = report["spec"]
    truth = _truth(out)
    classes: dict[tuple[str, ...], list[str]] = defaultdict(list)
    with (out / "records.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            if r.get("system") != "redactor" or r["status"] not in ("leaked", "lost"):
                continue
            doc = truth.get((r.get("applicant"), r["file"]), {})
            inst = next((i for i in doc.get("instances", []) if i["id"] in r.get("pieces", [r["id"]])), {})
            extra = ", ".join(f"{k}={inst[k]}" for k in DETAILS if inst.get(k))
            font = (doc.get("render") or {}).get("font")
            what = "applicant's data left" if r["status"] == "leaked" else "other person's data removed"
            key = (what, r["category"], r["owner"], r["form"], r["path"])
            classes[key].append(f"a{r.get('applicant')}/{r['file']}#{r['id']} (p{r['page']}; {r.get('why')}"
                                + (f"; {extra}" if extra else "") + (f"; font {font}" if font else "") + ")")
    flags = f"--seed {spec['seed']}" + (f" --applicants {len(spec['applicants'])}" if spec["name"] != "ci" else "")
    sub = "--full" if spec["name"] == "full" else f"--subset {spec['name']}"
    L = [f"# Failure classes — `{spec['name']}`, seed {spec['seed']}\n",
         f"Reproduce the run: `python -m benchmarks.run {sub} {flags} --out DIR`; one document: "
         "`redactor redact DIR/corpus/applicant_0N/FILE --profile DIR/corpus/applicant_0N/profile.yaml --out OUT` "
         "(the unit's box is in `DIR/corpus/applicant_0N/truth.json`).\n"]
    red = report["redactor"]
    fails = red.get("failures") or []
    refused = red.get("refused") or []
    L.append(f"## Documents without output: {len(fails)} exceptions, {len(refused)} refused by verification\n")
    for f in fails:
        L.append(f"- a{f['applicant']}/{f['file']} ({f['path']}): `{f['error'][:300]}`")
    for f in refused:
        L.append(f"- a{f['applicant']}/{f['file']} ({f['path']}): verification found {f['leaks'][:6]}")
    L.append("")
    L.append("## Units, by class\n")
    for key, units in sorted(classes.items(), key=lambda kv: (kv[0][0], -len(kv[1]))):
        what, cat, owner, form, path = key
        L.append(f"### {what}: {cat}/{form} on {path} — {len(units)}\n")
        L += [f"- {u}" for u in units[:20]]
        if len(units) > 20:
            L.append(f"- … {len(units) - 20} more in records.jsonl")
        L.append("")
    top = (red.get("over_redaction") or {}).get("top_documents") or []
    if top:
        L.append("## Most over-redacted documents (blacked-out area outside the applicant's boxes)\n")
        L += [f"- {t['doc']}: {t['over_pt2']:.0f} pt² (mostly {t['main_rule']})" for t in top[:8]]
    return "\n".join(L) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.failures", description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, required=True, help="the --out folder of a benchmarks.run")
    args = ap.parse_args(argv)
    md = failure_classes(args.out)
    (args.out / "failures.md").write_text(md, encoding="utf-8")
    sys.stdout.write(md)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
