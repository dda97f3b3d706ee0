"""Whose pen strokes are: one owner -> decision mapping for policy and the final check (issue 81).

Before: policy (``policy.rules.region``) counted only another person, another body and the applicant's unit as
someone else's and sent every other owner to review, while the final check (``recheck.pen_decision``) kept every
owner but the applicant and the unknown as someone else's -- an issuer's signature was review in the plan and
``other.signature`` in the check.  Both now read ``ownership.signatures.signature_side``.
"""

from __future__ import annotations

import pytest

from redactor.config import PolicyConfig, profile_from_mapping
from redactor.fields import applicant_forms
from redactor.model import Action, BBox, Finding
from redactor.ownership import recheck, signatures
from redactor.ownership.lexicon import Owner
from redactor.policy import rules

BOX = BBox(100, 100, 180, 130)
EXPECTED = {Owner.APPLICANT: ("own.signature", Action.REDACT), Owner.UNKNOWN: ("review.signature", Action.KEEP),
            Owner.OTHER_PERSON: ("other.signature", Action.KEEP), Owner.OTHER_BODY: ("other.signature", Action.KEEP),
            Owner.APPLICANT_UNIT: ("other.signature", Action.KEEP), Owner.ISSUER: ("other.signature", Action.KEEP)}


@pytest.mark.parametrize("owner", list(Owner))
def test_policy_and_the_final_check_decide_a_signatures_owner_alike(owner: Owner, monkeypatch) -> None:
    def says(*_args, **_kw):  # noqa: ANN202
        return owner, "label"

    monkeypatch.setattr(rules, "signature_owner", says)
    monkeypatch.setattr(recheck, "signature_owner", says)
    prof = profile_from_mapping({"name": "谢兰"})
    f = Finding(page=1, entity_type="SIGNATURE", boxes=(BOX,), recognizer="signature.v1", score=1.0,
                explanation=(("label", "签名"),))
    planned = rules.region(f, rules.ProfileKeys(prof, applicant_forms(prof)), PolicyConfig())
    checked = recheck.pen_decision(1, BOX, "签名", None, (), None)
    assert (planned.rule, planned.action) == (checked.rule, checked.action) == EXPECTED[owner]
    assert signatures.signature_side(owner) == {"own.signature": "own", "review.signature": "review",
                                                "other.signature": "other"}[planned.rule]
