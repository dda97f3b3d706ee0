"""A repair over a mark policy kept (issue 41 class 1, issue 42 item 3): the output's box is black, so the audit
and the web page must not list it as kept; the repair says policy had kept it, and a person reviews it."""

from __future__ import annotations

from redactor.model import Action, BBox, Decision, Finding, Leak, RedactionPlan
from redactor.pipeline import _overruled, _repair_decision


def _kept_seal(box: BBox) -> Decision:
    f = Finding(page=1, entity_type="SEAL", boxes=(box,), recognizer="seal.v1", score=0.9, text="")
    return Decision(f, Action.KEEP, "other.seal", "seal of another organisation (issuing authority or partner)")


def test_a_repaired_seal_is_no_longer_listed_as_kept():
    partner, far = _kept_seal(BBox(320, 510, 480, 620)), _kept_seal(BBox(60, 60, 160, 160))
    plan = RedactionPlan(source="x", decisions=(partner, far))
    leak = Leak(where="seal", category="employer", page=1, bbox=BBox(321, 512, 479, 618),
                boxes=(BBox(321, 512, 479, 618),))
    out = _overruled(plan, [_repair_decision(leak)])
    kept = [d for d in out.decisions if d.action is Action.KEEP]
    removed = [d for d in out.decisions if d.action is Action.REDACT]
    assert kept == [far]
    assert len(removed) == 1 and removed[0].needs_review
    assert "policy had kept it (other.seal" in removed[0].reason
