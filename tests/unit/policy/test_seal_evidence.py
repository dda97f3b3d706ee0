"""The audit says which evidence decided a seal (issue 41): which search read it, its place's label, and how
many characters of its reading the employer's name and the best other printed organisation explain --
numbers and fixed labels only, never a name.  Fake organisations."""

from __future__ import annotations

import json

from redactor.audit import _entry
from redactor.audit.hashing import ValueHasher
from redactor.config import RedactorConfig
from redactor.model import ApplicantProfile, BBox, Finding
from redactor.policy import decide

EMPLOYER = "包头钢铁（集团）有限责任公司"
PARTNER = "包头稀土（集团）有限责任公司"
PROFILE = ApplicantProfile(name="王某某", employers=(EMPLOYER,))


def _seal(text: str) -> Finding:
    return Finding(page=1, entity_type="SEAL", boxes=(BBox(340, 580, 460, 700),), recognizer="seal.v1", score=0.9,
                   text=text, explanation=(("readable", True), ("ocr_score", 0.97), ("text_source", "arc"),
                                           ("place_label", "应用单位"), ("place_owner", "other")))


def _partner_line() -> Finding:
    return Finding(page=1, entity_type="ORGANIZATION", boxes=(BBox(90, 620, 330, 636),), recognizer="lac_ner.v1",
                   score=0.85, text=PARTNER, start=0, end=len(PARTNER))


def test_a_partners_seal_carries_the_counts_that_decided_it_and_no_name():
    seal = _seal(PARTNER)
    d = next(d for d in decide([seal, _partner_line()], PROFILE, RedactorConfig().policy).decisions
             if d.finding.entity_type == "SEAL")
    ev = dict(d.evidence)
    assert ev["text_source"] == "arc" and ev["place_label"] == "应用单位"
    assert ev["best_other_org_chars"] > ev["employer_chars"] > 0 and ev["other_orgs_compared"] == 1
    entry = json.dumps(_entry(d, ValueHasher(), False)["evidence"], ensure_ascii=False)
    assert "稀土" not in entry and "钢铁" not in entry and "best_other_org_chars" in entry
