"""An unreadable seal: whose it is, the print it is stamped over says (issue #10 class 8).

The layout of a 评审表's last page (seed-8 variety corpus, born-digital coordinates):
the employer's seal over 单位意见 … <employer> / date, the review board's seal one row
below over …高级职称评审委员会.  On a JPEG-55 scan neither ring can be read.  Fake names."""

from __future__ import annotations

from dataclasses import replace

from redactor.config import RedactorConfig
from redactor.model import Action, ApplicantProfile, BBox, Finding
from redactor.policy import decide
from redactor.policy.rules import APPLICANT_RECOGNIZER

PROFILE = ApplicantProfile(name="王某某", employers=("包头钢铁（集团）有限责任公司",))
EMPLOYER_SEAL = BBox(375, 428, 476, 529)
BOARD_SEAL = BBox(341, 558, 461, 640)


def _seal(box: BBox) -> Finding:
    return Finding(page=2, entity_type="SEAL", boxes=(box,), recognizer="seal.v1", score=0.8, text="",
                   explanation=(("readable", False), ("ink", "blue"), ("on_form", True)))


def _employer(box: BBox) -> Finding:
    return Finding(page=2, entity_type="ORGANIZATION", boxes=(box,), recognizer=APPLICANT_RECOGNIZER, score=1.0,
                   text="包头钢铁（集团）有限责任公司", start=100, end=114,
                   explanation=(("form_kind", "employer_official"), ("profile_field", "employers")))


def _org(box: BBox, text: str = "内蒙古自治区工程系列高级职称评审委员会") -> Finding:
    return Finding(page=2, entity_type="ORGANIZATION", boxes=(box,), recognizer="ner.v1", score=0.85, text=text,
                   start=200, end=200 + len(text))


def _decisions(findings):
    cfg = RedactorConfig().policy
    assert cfg.unreadable_seal == "on_forms"
    return {d.finding.boxes[0]: d for d in decide(findings, PROFILE, cfg).decisions if d.finding.entity_type == "SEAL"}


def test_unreadable_seal_over_another_organisations_name_is_kept():
    found = _decisions([_seal(EMPLOYER_SEAL), _seal(BOARD_SEAL), _employer(BBox(330, 476, 477, 489)),
                        _org(BBox(330, 600, 520, 613))])
    board, employer = found[BOARD_SEAL], found[EMPLOYER_SEAL]
    assert board.action is Action.KEEP and board.rule == "other.seal.over_other_org" and not board.needs_review
    assert employer.action is Action.REDACT


def test_unreadable_seal_with_the_employer_near_is_removed_even_over_another_name():
    """A seal over another organisation's name but with the employer printed right beside it
    could be the employer's: it stays removed."""
    found = _decisions([_seal(BOARD_SEAL), _org(BBox(330, 600, 520, 613)), _employer(BBox(330, 645, 477, 658))])
    assert found[BOARD_SEAL].action is Action.REDACT


def test_unreadable_seal_over_nothing_printed_is_removed_on_a_form():
    found = _decisions([_seal(BOARD_SEAL), _org(BBox(60, 200, 200, 213))])      # the organisation is far away
    assert found[BOARD_SEAL].action is Action.REDACT and found[BOARD_SEAL].rule == "review.seal.unreadable"


def test_unreadable_seal_over_the_employer_is_removed_even_where_unreadable_seals_are_kept():
    cfg = RedactorConfig().policy.model_copy(update={"unreadable_seal": "keep"})
    f = _seal(EMPLOYER_SEAL)
    d = next(d for d in decide([f, _employer(BBox(330, 476, 477, 489))], PROFILE, cfg).decisions if d.finding is f)
    # the employer's name under an unreadable stamp decides; nothing disagrees, so no one need look
    assert d.action is Action.REDACT and d.rule == "own.seal.over_employer" and not d.needs_review


# --- a phone photo of a landscape 资格证书 (seed-11 variety corpus, photo coordinates) ----------------------

CERT_SEAL = BBox(189, 286, 288, 352)         # the authority's seal over the holder's photo corner


def test_employer_line_off_the_stamps_corner_is_not_the_name_it_authenticates():
    """工作单位 <employer> lies diagonally above-right of the stamp (32 pt right, 5 pt above its box; within
    0.4 seal sizes): another line of the certificate, not the signatory line the stamp is over."""
    field = _employer(BBox(320, 262, 461, 281))
    found = _decisions([_seal(CERT_SEAL), field])
    assert found[CERT_SEAL].rule == "review.seal.unreadable"          # no evidence of place: policy.unreadable_seal decides
    # the same line in the stamp's column (right under it) is the employer's name: removed, as before
    under = _employer(BBox(200, 356, 380, 370))
    assert _decisions([_seal(CERT_SEAL), under])[CERT_SEAL].rule == "own.seal.over_employer"


def _fragment(box: BBox, text: str) -> Finding:
    return Finding(page=2, entity_type="SEAL", boxes=(box,), recognizer="seal.v1", score=0.8, text=text,
                   explanation=(("readable", True), ("ink", "red"), ("on_form", True), ("ocr_score", 0.7)))


def test_a_fragment_spelling_another_organisations_name_is_kept_even_beside_the_employer():
    """The seal's own text before its place: a fragment of the authority's name (人力资源和社会保) stamped
    right over the employer's printed name is still the authority's seal."""
    authority = _org(BBox(60, 200, 300, 213), "内蒙古自治区人力资源和社会保障厅")
    found = _decisions([_fragment(EMPLOYER_SEAL, "人力资源和社会保"), _employer(BBox(330, 476, 477, 489)), authority])
    d = found[EMPLOYER_SEAL]
    assert d.action is Action.KEEP and d.rule == "other.seal.names_other_org" and d.needs_review


def test_a_fragment_spelling_the_employer_as_much_as_another_name_is_judged_by_its_place():
    """内蒙古自治区 starts the employer's name and the authority's alike: no evidence either way from the text."""
    profile_employer = "内蒙古自治区人民医院"
    cfg = RedactorConfig().policy
    prof = ApplicantProfile(name="王某某", employers=(profile_employer,))
    emp = Finding(page=2, entity_type="ORGANIZATION", boxes=(BBox(330, 476, 477, 489),), recognizer=APPLICANT_RECOGNIZER,
                  score=1.0, text=profile_employer, start=100, end=110,
                  explanation=(("form_kind", "employer_official"), ("profile_field", "employers")))
    authority = _org(BBox(60, 200, 300, 213), "内蒙古自治区人力资源和社会保障厅")
    seal = _fragment(EMPLOYER_SEAL, "内蒙古自治区")
    d = next(d for d in decide([seal, emp, authority], prof, cfg).decisions if d.finding is seal)
    assert d.action is Action.REDACT and d.rule == "own.seal.over_employer"


def test_the_employers_department_seal_is_not_named_by_its_own_inner_line_read_as_print():
    """A scanned Word form (seed-11 variety corpus, 17-word_shenbao): the employer's 技术中心 seal read as
    a fragment; OCR also read the stamp's inner line as page text (国 技术中心, kept as an organisation)
    inside the seal's box, and the form prints the employer's 技术中心 elsewhere.  Still the employer's."""
    seal_box = BBox(192, 528, 300, 636)
    found = _decisions([
        _fragment(seal_box, "实钢铁类团)药限净任 (集团) 技术中心"),
        _employer(BBox(251, 518, 293, 534)),
        _org(BBox(199, 553, 224, 584), "\n国\n技术中心"),
        _org(BBox(158, 138, 254, 154), "包头钢铁（集团）有限责任公司技术中心"),
    ])
    assert found[seal_box].action is Action.REDACT, found[seal_box]


def test_a_short_fragment_that_starts_another_bodys_printed_name_names_it():
    """realdocs2 R23 (a 培训证书): the issuer's cloud logo at the page's top, its wordmark read 新咨力 -- three
    characters, short of a name's run -- while the certificate prints 新咨力科技 as the course's provider.  A
    reading that starts a printed body's name is that body's (kept, nobody looks); a fragment of a name's
    generic end (有限公) starts no body's name and stays unplaced."""
    logo = BBox(266, 21, 334, 68)
    provider = _org(BBox(256, 364, 345, 386), "\n新咨力科技\nProject Management Training")
    d = _decisions([_fragment(logo, "新咨力"), provider, _employer(BBox(292, 261, 399, 284))])[logo]
    assert d.action is Action.KEEP and d.rule == "other.seal.names_other_org" and not d.needs_review
    company = _org(BBox(256, 364, 445, 386), "广州新咨力信息科技有限公司")
    d = _decisions([_fragment(logo, "有限公"), company, _employer(BBox(292, 261, 399, 284))])[logo]
    assert d.rule != "other.seal.names_other_org"


def test_a_fragment_names_the_issuer_the_page_prints_where_no_recogniser_took_it():
    """Structure seed 93181 (a born-digital 继续教育合格证书): the issuer's stamp pressed over the holder's unit line
    read 包头市继约心 审验专用章, a fragment; the issuer line 包头市继续教育中心 at the foot was found by no
    recogniser (LAC did not tag it, the suffix pattern has no bare 中心), so nothing named the stamp and a person
    was asked to look.  The names the page prints (its structure's ``orgs``) count as bodies the reading can name;
    one holding the employer's name (a department) does not."""
    from redactor.ownership.structure import TextRun, read_page

    def run(text: str, x0: float, y0: float) -> TextRun:
        return TextRun(text, tuple(BBox(x0 + i * 12, y0, x0 + i * 12 + 11, y0 + 12) for i in range(len(text))))

    stamp = BBox(244, 169, 355, 280)
    seal = Finding(page=2, entity_type="SEAL", boxes=(stamp,), recognizer="seal.v1", score=0.9,
                   text="包头市继约心 审验专用章",
                   explanation=(("readable", True), ("ink", "red"), ("on_form", False), ("ocr_score", 0.69),
                                ("text_source", "arc+crop")))
    unit = _employer(BBox(190, 208, 386, 228))
    cfg = RedactorConfig().policy

    def decided(*runs: TextRun):
        page = read_page(list(runs), 2, 842.0, 595.0)
        return next(d for d in decide([seal, unit], PROFILE, cfg, pages={2: page}).decisions if d.finding is seal)

    holder = (run("兹证明王某某同志", 82, 164), run("工作单位：包头钢铁（集团）有限责任公司", 130, 208))
    d = decided(*holder, run("包头市继续教育中心", 582, 455), run("二〇二三年十二月十八日", 570, 480))
    assert d.action is Action.KEEP and d.rule == "other.seal.names_other_org" and not d.needs_review
    d = decided(*holder, run("包头钢铁（集团）有限责任公司继续教育中心", 500, 455))
    assert d.rule != "other.seal.names_other_org"
    # structure 93181's two-up 项目任务书: the employer's stamp at 承担单位盖章 read If 技术中心 (its inner line), and
    # the page prints 技术中心 and 有限责任公司 on lines of their own in narrow cells: no body's names
    dept = replace(seal, text="If 技术中心")
    page = read_page([run("技术中心", 582, 455), run("有限责任公司", 582, 480)], 2, 842.0, 595.0)
    d = next(d for d in decide([dept, unit], PROFILE, cfg, pages={2: page}).decisions if d.finding is dept)
    assert d.rule != "other.seal.names_other_org"
