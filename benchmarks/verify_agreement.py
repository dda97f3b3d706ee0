"""Does verification agree with the scorer, output by output?  (issue #11)

The gate's verdict on an output (``audit.verification``) is compared with what the independent
scorer found in it: did any of the applicant's units leak?  Issue #11 asks for no output called
clean while it holds a value, and no false alarm on a clean output.  Four verdicts of the gate:

* ``refused`` -- a finding of severity ``leak``: the output would be withheld;
* ``review``  -- released, with findings a person must look at (a value where policy decided
  "someone else's", an unread stamp where the employer stamps ...);
* ``clean``   -- released, nothing found.

A leaked unit counts as *flagged* when the gate raised a review finding of the same category on
the same page (reviewers are sent there); otherwise an output that holds it and passed is *called
clean*.  ``silent leaks`` in the report (every leaked unit of a passed output) stays the stricter
figure; this table says which of them a reviewer would have been pointed at.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

# scorer categories -> the verifier's categories that point a reviewer at the same thing
_SAME: dict[str, set[str]] = {"photo": {"photo", "face"}, "qr_code": {"qr_code", "barcode"}}


def findings_of(audit: dict[str, Any]) -> list[dict[str, Any]]:
    """The gate's findings, reduced to what the comparison needs (no values are ever in an audit)."""
    v = audit.get("verification") or {}
    return [{"category": lk.get("category"), "channel": lk.get("channel") or lk.get("where"),
             "page": lk.get("page"), "severity": lk.get("severity", "leak")} for lk in v.get("leaks", [])]


def verdict(passed: bool, findings: list[dict[str, Any]]) -> str:
    if not passed:
        return "refused"
    return "review" if any(f.get("severity") == "review" for f in findings) else "clean"


def summarize(qual: list[dict[str, Any]], records: list[dict[str, Any]]) -> dict[str, Any]:
    leaked: dict[tuple[Any, str], list[dict[str, Any]]] = defaultdict(list)
    for r in records:
        if r["owner"] == "applicant" and r["status"] == "leaked":
            leaked[(r.get("applicant"), r["file"])].append(r)
    rows: dict[str, list[str]] = defaultdict(list)
    for res in qual:
        if not res.get("ok") or "verification_passed" not in res:
            continue
        key = (res.get("applicant"), res["file"])
        name = f"a{res.get('applicant')}/{res['file']}"
        findings = res.get("verification_findings") or []
        v = verdict(bool(res["verification_passed"]), findings)
        units = leaked.get(key, [])
        if v == "refused":
            rows["refused, value left (caught)" if units else "refused, nothing left (false alarm)"].append(name)
            continue
        if not units:
            rows[f"{v}, nothing left"].append(name)
            continue
        reviewed = {(f.get("page"), f.get("category")) for f in findings if f.get("severity") == "review"}
        unflagged = [u for u in units
                     if not any((u.get("page"), c) in reviewed for c in _SAME.get(u["category"], {u["category"]}))]
        if unflagged:
            rows["passed, value left, not flagged (called clean)"].append(
                name + " " + ",".join(f"{u['id']}({u['category']})" for u in unflagged[:4]))
        else:
            rows["passed, value left, flagged for review"].append(name)
    order = ("clean, nothing left", "review, nothing left", "refused, value left (caught)",
             "passed, value left, flagged for review", "passed, value left, not flagged (called clean)",
             "refused, nothing left (false alarm)")
    table = {k: {"n": len(rows.get(k, [])), "examples": rows.get(k, [])[:8]} for k in order}
    n = sum(t["n"] for t in table.values())
    agree = table["clean, nothing left"]["n"] + table["review, nothing left"]["n"] \
        + table["refused, value left (caught)"]["n"] + table["passed, value left, flagged for review"]["n"]
    return {"outputs": n, "agree": agree, "called_clean_with_value": table[order[4]]["n"],
            "false_alarms": table[order[5]]["n"], "rows": table}


def markdown(s: dict[str, Any]) -> list[str]:
    if not s.get("outputs"):
        return []
    L = ["## Verification against the scorer (issue #11)\n",
         f"{s['outputs']} outputs; the gate agrees with the scorer on **{s['agree']}**; called clean while a value "
         f"is left: **{s['called_clean_with_value']}**; false alarms: **{s['false_alarms']}**.\n",
         "| gate verdict / scorer | outputs | examples |", "|---|---|---|"]
    for k, v in s["rows"].items():
        L.append(f"| {k} | {v['n']} | {'; '.join(v['examples'][:4])} |")
    L.append("")
    return L
