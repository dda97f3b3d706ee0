"""Where the final check and the plan put one signature in two places, or read its label two ways, the audit names
both and the self-check page asks about it with both places (issue 80 item 3, issue 82 item 4): never a silent
pass, and never a question that describes a box as a signature it does not cover."""

from __future__ import annotations

from redactor.audit import DISAGREEMENT_RULE, _disagreements
from redactor.model import BBox, Leak, VerificationReport
from redactor.web.verdict import verdict


def _report(*leaks: Leak) -> VerificationReport:
    return VerificationReport(passed=not any(lk.severity == "leak" for lk in leaks), leaks=leaks, checks=("signature",))


def test_a_signature_the_plan_kept_and_the_check_reads_as_the_applicants_is_a_needs_review_entry_naming_both():
    check, plan = BBox(455, 472, 545, 510), BBox(454, 471, 546, 511)
    asked = Leak(where="signature", category="signature", page=2, bbox=check, boxes=(check,), severity="review",
                 detail="pen strokes beside the applicant's signature label; the plan kept it: other.signature",
                 plan_rule="other.signature", plan_bbox=plan)
    plain = Leak(where="face", category="photo", page=1, bbox=check, boxes=(check,), severity="review")
    (entry,) = _disagreements(_report(asked, plain))
    assert entry["rule"] == DISAGREEMENT_RULE and entry["page"] == 2 and entry["bbox"] == [455, 472, 545, 510]
    assert entry["plan_rule"] == "other.signature" and entry["plan_bbox"] == [454, 471, 546, 511]


def _audit(needs_review: list[dict], repairs: list[dict] = (), leaks: list[dict] = ()) -> dict:
    return {"profile": {"fields": ["name", "id_number", "phones", "employers", "emails", "name_aliases"]},
            "needs_review": needs_review, "repairs": list(repairs), "redactions": [], "kept": [],
            "verification": {"passed": True, "leaks": list(leaks)}}


def test_the_page_asks_about_a_disagreement_with_both_places_and_does_not_ask_twice():
    entry = {"page": 2, "category": "signature", "action": "kept", "bbox": [455, 472, 545, 510],
             "rule": DISAGREEMENT_RULE, "reason": "…", "plan_rule": "other.signature",
             "plan_bbox": [454, 471, 546, 511]}
    leak = {"where": "signature", "channel": "signature", "category": "signature", "page": 2, "severity": "review",
            "bbox": [455, 472, 545, 510], "disagreement": {"plan_rule": "other.signature",
                                                          "plan_bbox": [454, 471, 546, 511]}}
    v = verdict(_audit([entry], leaks=[leak]))
    (q,) = v["questions"]
    assert q["kind"] == "disagreement" and "请核对此处是否为您的签名" in q["text"]
    assert q["places"] == {"check": [455, 472, 545, 510], "plan": [454, 471, 546, 511]}
    assert v["state"] == "check"


def test_a_plan_signature_the_check_found_elsewhere_is_not_asked_about_as_a_signature_of_its_own():
    # the plan's undecided signature box sits over body text; the check repaired the strokes one box-height below
    plan_box, check_box = [370, 262, 470, 308], [370, 310, 470, 360]
    review = {"page": 1, "category": "signature", "action": "kept", "bbox": plan_box, "rule": "review.signature",
              "reason": "signature with no label the role lexicon can read"}
    repair = {"page": 1, "category": "signature", "channel": "signature", "bbox": check_box,
              "disagreement": {"plan_rule": "review.signature", "plan_bbox": plan_box}}
    (q,) = verdict(_audit([review], repairs=[repair]))["questions"]
    assert q["kind"] == "disagreement" and "另一处" in q["text"]
    assert q["places"] == {"check": check_box, "plan": plan_box}
    # without the repair it is the plain undecided question
    (plain,) = verdict(_audit([review]))["questions"]
    assert plain["kind"] == "undecided" and "places" not in plain
