"""An English body's name is an organisation: a letterhead's emblem read in Latin names it.

realdocs2 R27 (a 推荐信 on a university's letterhead): LAC tagged the letterhead's "Tongji University" a person
and found no English organisation on the page, so the emblem beside it -- its ring read NIVERSITYTONGJIU 1907,
a circle's reading started mid-word -- named no body the page prints and went to a person to look at.  The
recogniser ``en_organization.v1`` (``configs/recognizers.yaml``, presidio's custom type) finds English names of
bodies by their kind word; policy keeps them as another body's, and the emblem's reading then names one.
"""

from __future__ import annotations

from redactor.config import RedactorConfig
from redactor.detect.analyzer import load_recognizers
from redactor.model import Action, ApplicantProfile, BBox, Finding
from redactor.policy import decide

LETTERHEAD = "Department of Computer Science,\nTongji University\n4800 Cao'an Hwy., Jiading District"


def _english_orgs(text: str) -> list[str]:
    rec = next(r for r in load_recognizers("recognizers.yaml") if r.name == "en_organization.v1")
    return sorted(text[r.start:r.end] for r in rec.analyze(text, ["ORGANIZATION"], None))


def test_english_bodies_are_found_by_their_kind_word():
    assert _english_orgs(LETTERHEAD) == ["Department of Computer Science", "Tongji University"]
    assert _english_orgs("Institute of Automation, Chinese Academy of Sciences") == [
        "Academy of Sciences", "Chinese Academy", "Institute of Automation"]
    assert _english_orgs("I went to the University today, the hospital was closed.") == []


def test_a_letterhead_emblem_read_in_latin_names_the_body_the_letterhead_prints():
    profile = ApplicantProfile(name="沈嘉禾", employers=("上海市政工程设计研究总院（集团）有限公司", "上海市政总院"))
    emblem = Finding(page=1, entity_type="SEAL", boxes=(BBox(66, 73, 130, 138),), recognizer="seal.v1", score=0.8,
                     text="NIVERSITYTONGJIU 1907",
                     explanation=(("readable", True), ("ink", "blue"), ("on_form", False), ("ocr_score", 0.6)))
    body = Finding(page=1, entity_type="ORGANIZATION", boxes=(BBox(360, 64, 439, 79),), recognizer="en_organization.v1",
                   score=0.4, text="Tongji University", start=32, end=49)
    d = next(d for d in decide([emblem, body], profile, RedactorConfig().policy).decisions if d.finding is emblem)
    assert d.action is Action.KEEP and d.rule == "other.seal.names_other_org" and not d.needs_review
    d = next(d for d in decide([emblem], profile, RedactorConfig().policy).decisions if d.finding is emblem)
    assert d.needs_review, "without the English name the emblem names no body the page prints"
