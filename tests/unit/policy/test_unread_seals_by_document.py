"""Unreadable round marks that no one need look at: the national emblem on an ID card copy, and a
certificate issuer's seal over the holder's photo when the issuer's other seal on the page was read.
(Flagged for review before, they put a third of a fresh seed's documents in front of a person.)  The
employer's seal over a photo on an application form, or beside an employer's seal, is still a person's
question.  Fake names only."""

from __future__ import annotations

from redactor.config import RedactorConfig
from redactor.model import Action, ApplicantProfile, BBox, Finding
from redactor.policy import decide

PROFILE = ApplicantProfile(name="王某某", employers=("包头钢铁（集团）有限责任公司",))
PHOTO = BBox(70, 120, 170, 260)


def _seal(box: BBox, text: str = "", score: float = 0.0, **more) -> Finding:
    return Finding(page=1, entity_type="SEAL", boxes=(box,), recognizer="seal.v1", score=0.9, text=text,
                   explanation=(("readable", bool(text)), ("ocr_score", score), ("on_form", False),
                                ("text_source", "arc+crop" if text else "none")) + tuple(more.items()))


def _portrait() -> Finding:
    return Finding(page=1, entity_type="PORTRAIT", boxes=(PHOTO,), recognizer="portrait.v1", score=0.9,
                   explanation=(("kind", "id_photo"),))


def _seal_decisions(findings, profile=PROFILE):
    return [d for d in decide(findings, profile, RedactorConfig().policy).decisions if d.finding.entity_type == "SEAL"]


def test_the_emblem_on_an_id_card_copy_is_kept_without_review():
    [d] = _seal_decisions([_seal(BBox(150, 420, 230, 500), on_id_card=True)])
    assert d.action is Action.KEEP and d.rule == "other.seal.id_card_emblem" and not d.needs_review


def test_the_issuers_seal_over_the_holders_photo_is_kept_without_review():
    over_photo = _seal(BBox(120, 215, 220, 290))
    issuer = _seal(BBox(540, 420, 650, 530), "内蒙古自治区人力资源和社会保障厅", 0.97)
    ds = {d.finding.boxes[0]: d for d in _seal_decisions([_portrait(), over_photo, issuer])}
    d = ds[over_photo.boxes[0]]
    assert d.action is Action.KEEP and d.rule == "other.seal.issuer_over_photo" and not d.needs_review


def test_over_a_photo_beside_the_employers_seal_a_person_looks():
    over_photo = _seal(BBox(120, 215, 220, 290))
    employer = _seal(BBox(540, 420, 650, 530), "包头钢铁（集团）有限责任公司", 0.97)
    ds = {d.finding.boxes[0]: d for d in _seal_decisions([_portrait(), over_photo, employer])}
    assert ds[employer.boxes[0]].action is Action.REDACT
    assert ds[over_photo.boxes[0]].rule != "other.seal.issuer_over_photo" and ds[over_photo.boxes[0]].needs_review


def test_the_photo_seal_follows_the_issuers_seal_placed_by_its_printed_name():
    """A phone photo of a 资格证书: neither seal reads; the one on the issuer's line lies over the issuer's printed
    name (another body's, by place), so the one over the holder's photo is the issuer's too."""

    over_photo = _seal(BBox(120, 215, 220, 290))
    issuer_seal = _seal(BBox(590, 465, 715, 575))
    issuer_name = Finding(page=1, entity_type="ORGANIZATION", boxes=(BBox(600, 520, 710, 540),), recognizer="ner.v1",
                          score=0.85, text="内蒙古自治区人力资源和社会保障厅", start=200, end=216)
    ds = {d.finding.boxes[0]: d for d in _seal_decisions([_portrait(), over_photo, issuer_seal, issuer_name])}
    assert ds[issuer_seal.boxes[0]].rule == "other.seal.over_other_org"
    d = ds[over_photo.boxes[0]]
    assert d.action is Action.KEEP and d.rule == "other.seal.issuer_over_photo" and not d.needs_review
