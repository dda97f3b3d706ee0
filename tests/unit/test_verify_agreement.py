"""The benchmark's comparison of the gate's verdict with the scorer's (issue #11)."""

from benchmarks.verify_agreement import summarize


def _res(file, passed, findings):
    return {"ok": True, "applicant": 0, "file": file, "verification_passed": passed, "verification_findings": findings}


def _unit(file, category, page=1, status="leaked", owner="applicant"):
    return {"applicant": 0, "file": file, "id": f"{file}-{category}", "category": category, "page": page,
            "owner": owner, "status": status}


def test_each_output_lands_in_the_row_its_verdict_and_the_scorer_give():
    review_seal = {"category": "seal", "channel": "seal", "page": 1, "severity": "review"}
    results = [
        _res("clean.pdf", True, []),
        _res("silent.pdf", True, []),
        _res("flagged.pdf", True, [review_seal]),
        _res("flagged_elsewhere.pdf", True, [dict(review_seal, page=2)]),
        _res("caught.pdf", False, [{"category": "name", "page": 1, "severity": "leak"}]),
        _res("alarm.pdf", False, [{"category": "name", "page": 1, "severity": "leak"}]),
        {"ok": False, "applicant": 0, "file": "failed.pdf"},
    ]
    records = [_unit("silent.pdf", "name"), _unit("flagged.pdf", "seal"), _unit("flagged_elsewhere.pdf", "seal"),
               _unit("caught.pdf", "name"), _unit("clean.pdf", "name", status="removed"),
               _unit("alarm.pdf", "name", owner="other")]
    s = summarize(results, records)
    rows = {k: v["n"] for k, v in s["rows"].items()}
    assert rows == {"clean, nothing left": 1, "review, nothing left": 0, "refused, value left (caught)": 1,
                    "passed, value left, flagged for review": 1,
                    "passed, value left, not flagged (called clean)": 2,
                    "refused, nothing left (false alarm)": 1}
    assert (s["outputs"], s["agree"], s["called_clean_with_value"], s["false_alarms"]) == (6, 3, 2, 1)
