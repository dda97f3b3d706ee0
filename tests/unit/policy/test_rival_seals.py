"""Whose seal: a partner of the employer's city and kind, its name printed beside its stamp, keeps its seal
(issue 41 class 1).  Policy and the verification gate ask ``redactor.variants.rival_orgs`` the same question.

The cases are realdocs D12/D13/D16's classes with made-up names: a 成果应用证明's 应用单位 and a work summary's
合作单位 stamp beside the employer; their names share a place and a generic part with the employer's."""

from __future__ import annotations

import pytest

from redactor.config import RedactorConfig
from redactor.fields import needle_key
from redactor.model import Action, ApplicantProfile, BBox, Finding
from redactor.policy import decide
from redactor.variants.rival_orgs import printed_org_names, rival_for

EMPLOYER = "包头市建筑设计研究院有限公司"
PARTNER = "包头市市政工程设计研究院"
PROFILE = ApplicantProfile(name="郝某某", employers=(EMPLOYER, "包头市建筑设计研究院"))
SEAL = BBox(327, 446, 456, 575)


def _seal(reading: str) -> Finding:
    return Finding(page=2, entity_type="SEAL", boxes=(SEAL,), recognizer="seal.v1", score=0.9, text=reading,
                   explanation=(("readable", True), ("ink", "red"), ("ocr_score", 0.95), ("text_source", "arc")))


def _org(text: str, box: BBox = BBox(325, 489, 463, 501)) -> Finding:
    return Finding(page=2, entity_type="ORGANIZATION", boxes=(box,), recognizer="ner.v1", score=0.85, text=text,
                   start=300, end=300 + len(text))


def _seal_decision(findings):
    return next(d for d in decide(findings, PROFILE, RedactorConfig().policy).decisions if d.finding.entity_type == "SEAL")


def test_the_partners_seal_is_kept_when_its_name_is_printed():
    d = _seal_decision([_seal(PARTNER), _org(PARTNER)])
    assert d.action is Action.KEEP and d.rule == "other.seal.rival_org"
    assert PARTNER not in d.reason and EMPLOYER not in d.reason          # counts, never names


def test_without_the_printed_partner_the_resembling_seal_still_goes():
    """The old rule stands where nothing on the page names a better owner: no new leak."""
    d = _seal_decision([_seal(PARTNER), _org("内蒙古自治区住房和城乡建设厅")])
    assert d.action is Action.REDACT


@pytest.mark.parametrize("reading", [EMPLOYER, "包头市建筑设计研究院有限公", "建筑设计研究院有限公司"])
def test_the_employers_own_seal_still_goes_beside_a_printed_partner(reading):
    d = _seal_decision([_seal(reading), _org(PARTNER)])
    assert d.action is Action.REDACT and d.rule.startswith("own.seal")


def test_a_department_of_the_employer_is_no_rival():
    """包钢集团技术中心 printed on the page explains more of the employer's 技术中心 seal than 包钢集团 does: it is
    the employer's own department, so the seal stays the employer's."""
    profile = ApplicantProfile(name="王某某", employers=("包头钢铁（集团）有限责任公司", "包钢集团"))
    seal = _seal("包钢集团技术中心")
    dept = _org("包钢集团技术中心")
    d = next(x for x in decide([seal, dept], profile, RedactorConfig().policy).decisions
             if x.finding.entity_type == "SEAL")
    assert d.action is Action.REDACT
    assert rival_for("包钢集团技术中心", profile.employers, ["包钢集团技术中心"]) is None


def test_one_confused_character_is_no_evidence():
    # the reading is the employer's with one character wrong; a printed name sharing that wrong character
    # explains one character more: not enough
    assert rival_for("包头市建筑没计研究院有限公司", [EMPLOYER], ["包头市建筑没计研究所"]) is None


def test_printed_names_come_out_of_labels_and_running_text():
    names = printed_org_names(["应用单位：浙江葫芦娃网络集团有限公司（盖章）", "与包头市市政工程设计研究院联合设计，负责深基坑"])
    assert "浙江葫芦娃网络集团有限公司" in names
    assert any(n.endswith(PARTNER) for n in names)


def test_the_gate_gives_the_partners_stamp_to_the_partner_printed_on_the_page():
    """``redactor verify`` reads the same page and asks the same seal decision (``ownership.recheck``): the
    partner printed beside the stamp names the ring better, so it is no leak."""
    from redactor.model import Decision
    from redactor.ownership.recheck import stamp_decision
    from redactor.ownership.structure import TextRun, read_page

    text = "与包头市市政工程设计研究院联合设计"
    run = TextRun(text, tuple(BBox(100 + 10 * i, 600, 109 + 10 * i, 610) for i in range(len(text))))
    partner = Decision(Finding(1, "ORGANIZATION", (BBox(110, 600, 230, 610),), "lac_ner.v1", 0.85, text=PARTNER,
                               start=0, end=0), Action.KEEP, "other.organization", "")
    d = stamp_decision(1, BBox(300, 560, 400, 660), needle_key(PARTNER + "专用章"), (partner,), (EMPLOYER,),
                       read_page([run], 1, 595, 842))
    assert d.action is Action.KEEP


def test_at_another_bodys_signatory_place_one_character_more_is_enough():
    """marks seed 913: a 学位证书's university seal (北京科技大学) read with one character confused, five of its
    characters against four of the employer's (内蒙古科技大学): short of ``RIVAL_MARGIN``, it was removed as the
    employer's -- the certificate's signatory line names the university.  Where the page's structure places the
    stamp at that other body's place, the reading and the place agree: kept.  Without the place, it still goes."""
    from redactor.ownership.structure import TextRun, read_page
    from redactor.policy import decide as decide_

    employer, school = "内蒙古科技大学", "北京科技大学"
    profile = ApplicantProfile(name="诸葛建", employers=(employer,))
    seal = BBox(380, 640, 480, 740)
    sign = BBox(390, 690, 474, 702)

    def run(text: str, x: float, y: float) -> TextRun:
        return TextRun(text, tuple(BBox(x + 12 * i, y, x + 12 * i + 11, y + 12) for i in range(len(text))))

    page = read_page([run("学位证书", 250, 60), run("诸葛建，男，在北京科技大学完成了学习计划，授予学士学位。", 60, 120),
                      run(school, 390, 690), run("二〇〇二年六月二十九日", 380, 712)], 1, 595, 842)
    assert page.certificate and page.issuer
    reading = Finding(page=1, entity_type="SEAL", boxes=(seal,), recognizer="seal.v1", score=0.9, text="北景科技大学",
                      explanation=(("readable", True), ("ink", "red"), ("ocr_score", 0.9), ("text_source", "arc")))
    org = Finding(page=1, entity_type="ORGANIZATION", boxes=(sign,), recognizer="ner.v1", score=0.85, text=school,
                  start=0, end=len(school))
    cfg = RedactorConfig().policy
    placed = next(d for d in decide_([reading, org], profile, cfg, pages={1: page}).decisions
                  if d.finding.entity_type == "SEAL")
    assert placed.action is Action.KEEP and placed.rule == "other.seal.rival_org"
    unplaced = next(d for d in decide_([reading, org], profile, cfg).decisions if d.finding.entity_type == "SEAL")
    assert unplaced.action is Action.REDACT
