"""Problem 3 of issue 42: where the final check painted over what the plan left (a repair), the page shows
what the output holds -- red, not a blue "kept" box over a black one -- and the repair can be undone: the
next release keeps the place (``pipeline._undone_here``).  The repair entries are an audit's, as
``Pipeline.release`` writes them.  Fake names and organisations."""

from __future__ import annotations

import pytest

pytest.importorskip("fastapi")

from redactor.model import Action, BBox, Decision, Finding, RedactionPlan  # noqa: E402
from redactor.pipeline import _undone_here  # noqa: E402
from redactor.model import Leak  # noqa: E402
from redactor.web.edits import REPAIR_ID_BASE, UNDO_REPAIR_RULE, PlanEdits  # noqa: E402

SEAL = BBox(330, 500, 470, 600)


def _plan() -> RedactionPlan:
    seal = Finding(page=1, entity_type="SEAL", boxes=(SEAL,), recognizer="seal.v1", score=0.9, text="包头稀土")
    name = Finding(page=1, entity_type="PERSON", boxes=(BBox(60, 90, 110, 104),), recognizer="applicant_value.v1",
                   score=1.0, text="王某某", start=0, end=3)
    return RedactionPlan("x.pdf", (Decision(seal, Action.KEEP, "other.seal", "partner's seal"),
                                   Decision(name, Action.REDACT, "own.name", "the applicant's name")))


REPAIRS = [{"page": 1, "category": "seal", "bbox": [329.5, 499.5, 470.5, 600.5], "boxes": [[329.5, 499.5, 470.5, 600.5]],
            "rule": "repair.seal", "reason": "verification found the applicant's employer here (seal); repaired"}]


def test_a_repaired_seal_is_drawn_red_once_and_the_kept_box_under_it_is_not_blue():
    cands = {c["id"]: c for c in PlanEdits().candidates(_plan(), REPAIRS)}
    repair = cands[REPAIR_ID_BASE]
    assert repair["action"] == "redact" and repair["shown"] and repair["repair"] and "撤销" in repair["reason_zh"]
    assert cands[0].get("overruled") and not cands[0]["shown"]      # the output holds the seal black
    drawn_kept = [c for c in cands.values() if c["shown"] and c["action"] == "keep"]
    assert drawn_kept == []


def test_undoing_the_repair_keeps_the_place_from_the_next_repair():
    edits = PlanEdits()
    edits.set_action(_plan(), REPAIR_ID_BASE, Action.KEEP, REPAIRS)
    plan = edits.apply(_plan())
    undo = [d for d in plan.decisions if d.rule == UNDO_REPAIR_RULE]
    assert len(undo) == 1 and undo[0].action is Action.KEEP
    leak = Leak(where="seal", category="employer", page=1, bbox=SEAL, boxes=(SEAL,))
    assert _undone_here(leak, plan) and not _undone_here(leak, _plan())
    # after the undo the output has no repair there: the page shows the partner's seal kept again
    cands = PlanEdits(undone_repairs=edits.undone_repairs).candidates(_plan(), [])
    assert next(c for c in cands if c["category"] == "seal")["action"] == "keep"
