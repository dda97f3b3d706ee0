"""A seal whose ring reads only as a fragment, or not at all, is judged by its place (issue #10
class 3): over or beside the employer's printed name, or in the applicant's unit's row of a
form (单位意见, 所在单位（盖章）) -> the applicant's, removed and flagged for review; over another
organisation's name or in another body's row (主管部门, 评审委员会) -> kept, flagged.  A reading
that names an organisation is the seal's own evidence and is not overruled by its place.
Fake names only."""

from __future__ import annotations

from dataclasses import replace

from redactor.config import RedactorConfig
from redactor.ownership.lexicon import Owner
from redactor.ownership.seal_place import Place, place_of
from redactor.ownership.structure import read_page, runs_from_chars
from redactor.model import Action, ApplicantProfile, BBox, Finding, Page
from redactor.policy import decide
from redactor.policy.rules import APPLICANT_RECOGNIZER
from redactor.ownership.seals import is_fragment
from tests.pages import lines_page

PROFILE = ApplicantProfile(name="王某某", employers=("包头钢铁（集团）有限责任公司",))
SEAL = BBox(340, 580, 460, 700)


def _seal(text: str, score: float, **place) -> Finding:
    return Finding(page=1, entity_type="SEAL", boxes=(SEAL,), recognizer="seal.v1", score=0.9, text=text,
                   explanation=(("readable", bool(text)), ("ocr_score", score), ("on_form", False))
                   + tuple(place.items()))


def _employer(box: BBox) -> Finding:
    return Finding(page=1, entity_type="ORGANIZATION", boxes=(box,), recognizer=APPLICANT_RECOGNIZER, score=1.0,
                   text=PROFILE.employers[0], start=100, end=114,
                   explanation=(("form_kind", "employer_official"), ("profile_field", "employers")))


def _org(box: BBox, text: str = "包头市人民政府") -> Finding:
    return Finding(page=1, entity_type="ORGANIZATION", boxes=(box,), recognizer="ner.v1", score=0.85, text=text,
                   start=200, end=200 + len(text))


def _decision(findings, **cfg_update):
    cfg = RedactorConfig().policy.model_copy(update=cfg_update)
    return next(d for d in decide(findings, PROFILE, cfg).decisions if d.finding.entity_type == "SEAL")


def test_fragment_reading_over_the_employers_issuer_line_is_removed_for_review():
    """A 荣誉证书 issued by the employer: a faded seal read as 内蒙亡八。之大字 over its issuer line."""
    d = _decision([_seal("内蒙亡八。之大字", 0.83), _employer(BBox(330, 632, 470, 648))])
    assert d.action is Action.REDACT and d.rule == "own.seal.over_employer" and d.needs_review
    assert d.profile_field == "employers"


def test_unreadable_seal_over_the_employer_off_forms_is_removed():
    d = _decision([_seal("", 0.0), _employer(BBox(330, 632, 470, 648))], unreadable_seal="keep")
    assert d.action is Action.REDACT and d.rule == "own.seal.over_employer"


def test_fragment_in_the_applicants_unit_row_is_removed():
    """The row's label is the applicant's unit's (单位意见): as sure as the employer's printed name, so no one
    need look (issue 49: review only where evidence is contested or weak)."""
    d = _decision([_seal("包头制味（团）有 技中心 任公司", 0.82, place_label="单位意见", place_owner="own",
                         place_distance_pt=12.0)])
    assert d.action is Action.REDACT and d.rule == "own.seal.own_label" and not d.needs_review


def test_a_fragment_of_what_two_names_share_leaves_the_own_row_to_decide():
    """A 项目任务书's 承担单位盖章 row holds the employer's department seal, read only as 责任公 集团） 技术中心;
    a partner, 包头铝业（集团）有限责任公司, is printed elsewhere on the page.  Every character the employer's
    name explains the partner's explains too: the reading says nothing against the row's label, so the seal
    is removed and no one need look (seed 80568: reviews on 2 of 18 documents came from this).  A reading
    that shows the partner's own characters (铝业) does speak against the label: it is the partner's, or a
    person looks -- never removed unremarked."""
    partner = _org(BBox(90, 200, 330, 216), "包头铝业（集团）有限责任公司")
    row = dict(place_label="承担单位盖章", place_owner="own", place_distance_pt=10.0)
    d = _decision([_seal("责任公 集团） 技术中心", 0.9, **row), partner])
    assert d.action is Action.REDACT and d.rule == "own.seal.own_label" and not d.needs_review
    # scanned, the ring read as one stray digit and the stamp's straight line, its department: the line is no
    # evidence of whose the stamp is (only the ring names a body), so the row's label decides alone
    d = _decision([_seal("2 技术中心", 0.9, text_source="arc+crop", **row), partner])
    assert d.action is Action.REDACT and d.rule == "own.seal.own_label" and not d.needs_review
    for reading in ("头铝业（集团） 技术中心", "铝（集团）有限责任公司"):
        d = _decision([_seal(reading, 0.9, **row), partner])
        assert d.action is Action.KEEP or d.needs_review, (reading, d.rule)


def test_fragment_in_another_bodys_row_is_kept():
    """Its row's label says whose it is, and its reading shows nothing of the employer: no one need look."""
    d = _decision([_seal("称汗事委", 0.7, place_label="评审委员会", place_owner="other", place_distance_pt=4.0)],
                  unreadable_seal="redact")
    assert d.action is Action.KEEP and d.rule == "other.seal.other_label" and not d.needs_review


def test_fragment_over_another_organisation_is_kept_and_the_employer_far_away_changes_nothing():
    d = _decision([_seal("蒙古自", 0.9), _org(BBox(330, 632, 470, 648)), _employer(BBox(90, 300, 300, 316))])
    assert d.action is Action.KEEP and d.rule == "other.seal.over_other_org" and not d.needs_review


def test_a_fragment_showing_the_employer_over_another_name_is_kept_for_review():
    """Place and reading disagree: 钢铁（集 is the employer's (包头钢铁（集团）有限责任公司), the name under the
    stamp another body's.  Kept by its place, and a person looks."""
    d = _decision([_seal("钢铁（集 限", 0.7), _org(BBox(330, 632, 470, 648)), _employer(BBox(90, 300, 300, 316))])
    assert d.action is Action.KEEP and d.rule == "other.seal.over_other_org" and d.needs_review


def test_a_shared_city_or_legal_form_is_no_sign_of_the_employer():
    from redactor.ownership.seals import shows_employer
    employers = ("包头钢铁（集团）有限责任公司",)
    assert not shows_employer("包头市人民政府", employers)
    assert not shows_employer("有限责任公司", employers)
    assert shows_employer("头钢铁（集", employers)
    assert shows_employer("热力有", ("呼和浩特市热力有限责任公司",))      # a short core counts whole


def test_a_reading_that_names_another_organisation_is_kept_wherever_it_is():
    d = _decision([_seal("内蒙古自治区人力资源和社会保障厅", 0.97), _employer(BBox(330, 632, 470, 648))])
    assert d.action is Action.KEEP and d.rule == "other.seal" and not d.needs_review


def test_the_review_boards_seal_under_the_employers_row_is_kept():
    """A greyscale 评审表 (seed 127): the review board's faint seal, read from its crop as part of the board's
    printed name, lies on that name in the board's row; the employer's name is printed in the row above,
    0.4 seal sizes away.  The reading spells the board's name printed under the stamp (print the stamp was
    pressed over, not its own ink: 委员会 is not in the reading), and the board's row agrees: kept, and
    no one need look."""
    board = "内蒙古自治区工程系列高级职称评审委员会"
    findings = [_seal("慶古自治区工程系列高級耶", 0.9, place_label="评审委员会", place_owner="other", place_distance_pt=2.8),
                _org(BBox(325, 632, 515, 654), board), _employer(BBox(330, 520, 480, 543))]
    d = _decision(findings)
    assert d.action is Action.KEEP and d.rule == "other.seal.names_other_org" and not d.needs_review


def test_a_fragment_over_another_bodys_printed_name_is_that_bodys_though_the_employer_is_in_the_row_above():
    """The board's name printed under the stamp, the employer's a row above: the stamp is pressed on the board's
    name, its reading (古自治区) spells it, and the name under a stamp says whose it is before a name near it --
    kept as the board's, with or without a reading that names it.  (Before issue 49 the employer's name nearby
    removed the shorter fragment: a partner's or an authority's stamp under the employer's row was lost.)"""
    board = _org(BBox(325, 632, 515, 654), "内蒙古自治区工程系列高级职称评审委员会")
    d = _decision([_seal("慶古自治区", 0.9), board, _employer(BBox(330, 520, 480, 543))])
    assert d.action is Action.KEEP and d.rule == "other.seal.names_other_org"
    d = _decision([_seal("慶古自", 0.9), board, _employer(BBox(330, 520, 480, 543))])
    assert d.action is Action.KEEP and d.rule == "other.seal.over_other_org" and d.needs_review


def test_fragment_with_no_place_is_kept_but_flagged():
    d = _decision([_seal("和社", 1.0)])
    assert d.action is Action.KEEP and d.rule == "other.seal" and d.needs_review


def test_fragment_judgement():
    assert is_fragment("内蒙亡八。之大字", 0.9)
    assert is_fragment("包头市人民政府", 0.5)                 # unsure reading
    assert not is_fragment("包头市人民政府", 0.95)
    assert not is_fragment("呼和浩特市第一中学 2024年6月1日", 0.9)
    assert not is_fragment("包头市第三中学 专用章", 0.9)


def _page(lines: list[tuple[str, float, float]]) -> Page:
    """A page with one text line per (text, x, y), 10-pt characters."""
    return lines_page(lines)


def _place(page, box):
    """The place the role lexicon gives the stamp at ``box`` on ``page`` (ownership.seals.place_of)."""
    st = read_page(runs_from_chars((c.c, c.bbox) for c in page.chars), page.number, page.width, page.height)
    return place_of(box, st)


def test_place_label_is_the_row_label_left_of_the_seal():
    """单位 / 意见 stacked in a narrow cell is one label; 评审委员会意见 another body's row; no label, no place."""
    page = _page([("单位", 60, 470), ("意见", 60, 482), ("同意推荐。", 140, 440), ("评审委员会意见", 60, 590)])
    assert _place(page, BBox(360, 430, 470, 530)) == Place(Owner.APPLICANT_UNIT, "单位意见")
    assert _place(page, BBox(350, 550, 460, 640)).owner is Owner.OTHER_BODY
    assert _place(page, BBox(350, 700, 460, 790)) == Place()


def test_place_label_of_a_supervisor_is_not_the_applicants_unit():
    page = _page([("主管单位意见", 60, 470), ("单位（盖章）：", 300, 300)])
    assert _place(page, BBox(360, 430, 470, 530)).owner is Owner.OTHER_BODY
    assert _place(page, BBox(300, 320, 400, 420)) == Place(Owner.APPLICANT_UNIT, "单位盖章")


# --- a 在职证明 on the employer's letterhead (held-out-style seed 31 variety corpus, born-digital coordinates):
# a faint, partial double-ring impression whose ring reads only as （集团）有限责任公司 -------------------

LETTER_SEAL = BBox(349, 572, 474, 697)


def test_a_legal_form_and_one_character_names_no_organisation():
    assert is_fragment("大（集团）有限责任公司", 0.9)         # any group company's ring, read in part
    assert is_fragment("集团有限公司", 0.95)
    assert is_fragment("铁（集团）有限责公司", 0.93)          # seed 113: the legal form read with 任 lost
    assert not is_fragment("某某公司", 0.9)
    assert not is_fragment("包头稀土（集团）有限任公司", 0.96)   # a misread, but a name of its own
    assert not is_fragment("内蒙古大学", 0.9)
    assert not is_fragment("人力资源和社会保障局", 0.97)


def test_the_page_heading_is_the_first_line_in_the_top_band_above_the_seal():
    from redactor.detect.regions.seal_place import page_heading

    page = _page([("包头钢铁（集团）有限责任公司", 120, 40), ("在职证明", 260, 120), ("人事处", 400, 600)])
    assert page_heading(page, LETTER_SEAL) == "包头钢铁（集团）有限责任公司"
    assert page_heading(_page([("在职证明", 260, 300), ("人事处", 400, 600)]), LETTER_SEAL) == ""   # below the band


def test_a_fragment_on_the_employers_letterhead_is_removed_for_review():
    """The stamp of a letter or certificate is the issuer's: the page is headed by the employer's name.
    The page's OCR read two words of the partial ring as print (集团, 有限), kept as some organisation:
    the stamp's own ink, not another body's name printed under it."""
    heading = ("page_heading", "包头钢铁（集团）有限责任公司")
    seal = Finding(page=1, entity_type="SEAL", boxes=(LETTER_SEAL,), recognizer="seal.v1", score=0.9,
                   text="大（集团）有限责任公司", explanation=(("readable", True), ("ocr_score", 0.9), ("on_form", False),
                                                        heading))
    ring_words = _org(BBox(376, 586, 434, 616), "集团\n有限")
    d = next(d for d in decide([seal, ring_words], PROFILE, RedactorConfig().policy).decisions if d.finding is seal)
    assert d.action is Action.REDACT and d.rule == "own.seal.employer_letterhead" and d.needs_review
    assert d.profile_field == "employers"


def test_a_fragment_under_another_bodys_letterhead_or_over_its_name_stays_kept():
    other_head = ("page_heading", "内蒙古自治区人力资源和社会保障厅")
    seal = Finding(page=1, entity_type="SEAL", boxes=(LETTER_SEAL,), recognizer="seal.v1", score=0.9,
                   text="大（集团）有限责任公司", explanation=(("readable", True), ("ocr_score", 0.9), ("on_form", False),
                                                        other_head))
    d = next(d for d in decide([seal], PROFILE, RedactorConfig().policy).decisions if d.finding is seal)
    assert d.action is Action.KEEP and d.needs_review
    # the employer's letterhead, but another body's name printed under the stamp (not the stamp's own words)
    own_head = ("page_heading", PROFILE.employers[0])
    seal = Finding(page=1, entity_type="SEAL", boxes=(LETTER_SEAL,), recognizer="seal.v1", score=0.9,
                   text="大（集团）有限责任公司", explanation=(("readable", True), ("ocr_score", 0.9), ("on_form", False),
                                                        own_head))
    printed = _org(BBox(360, 630, 470, 645), "包头市继续教育中心")
    d = next(d for d in decide([seal, printed], PROFILE, RedactorConfig().policy).decisions if d.finding is seal)
    assert d.action is Action.KEEP and d.rule == "other.seal.over_other_org"


def test_only_the_ring_names_the_body_its_straight_lines_are_departments():
    """A partial blue oval on a 获奖证书 (seed 47): the ring read as 头镀（集团）有限责任公 (包头钢铁… in part), its
    straight line as 技术中心.  The department does not make the reading name another organisation: the
    reading is a fragment that shows the employer's characters, and the employer's name printed under the
    stamp says whose it is: removed, and since the two agree, no one need look."""
    reading = "头镀（集团）有限责任公 技术中心"
    assert is_fragment(reading, 0.93, ring_first=True)
    assert is_fragment(reading, 0.93)                     # read from the crop too: a department (技术中心) names no body
    seal = Finding(page=1, entity_type="SEAL", boxes=(BBox(317, 582, 475, 698),), recognizer="seal.v1", score=0.9,
                   text=reading, explanation=(("readable", True), ("ocr_score", 0.93), ("on_form", False),
                                              ("text_source", "arc+crop")))
    d = next(d for d in decide([seal, _employer(BBox(295, 623, 505, 644))], PROFILE, RedactorConfig().policy).decisions
             if d.finding is seal)
    assert d.action is Action.REDACT and d.rule == "own.seal.over_employer" and not d.needs_review


def test_a_partner_seal_read_in_full_in_a_unit_row_is_kept_without_review():
    """A 成果应用证明's partner seal: its reading spells the partner's printed name in full, and shares
    网络集团有限公司 with the employer's; the row's label 单位（盖章） is any signing unit's.  The reading
    names the partner clearly (13 characters against 8): kept, and no one need look."""
    employer = ApplicantProfile(name="王某某", employers=("浙江某某网络集团有限公司",))
    seal = _seal("浙江葫芦娃网络集团有限公司哈哈 财务专用章", 0.87, place_label="单位（盖章）", place_owner="own",
                 place_distance_pt=6.0)
    partner = _org(BBox(100, 200, 300, 214), "浙江葫芦娃网络集团有限公司")
    cfg = RedactorConfig().policy
    d = next(d for d in decide([seal, partner], employer, cfg).decisions if d.finding.entity_type == "SEAL")
    assert d.action is Action.KEEP and d.rule == "other.seal.names_other_org" and not d.needs_review


def test_a_department_read_alone_names_no_body():
    """The employer's oval seal on a web form read only as its inner line 技术中心 (a department any body has):
    a fragment, judged by its place -- the employer's name printed under it -- not another body's seal that
    the gate then had to repair."""
    assert is_fragment("技术中心", 1.0) and is_fragment("人事处", 0.99) and is_fragment("财务部专用章", 0.99)
    assert not is_fragment("包头市中心医院", 0.99) and not is_fragment("内蒙古自治区人力资源和社会保障厅", 0.99)
    d = _decision([_seal("技术中心", 1.0), _employer(BBox(330, 632, 470, 648))])
    assert d.action is Action.REDACT and d.rule == "own.seal.over_employer"


def test_a_fragment_the_employer_explains_over_its_printed_name_needs_no_review():
    """Seed 61507, a scanned Word 申报表: 13 characters read off a faint ring, 5 of them the employer's in order
    (not three in a row), nothing of the other bodies printed; stamped over the employer's name in the 单位意见
    row.  Reading and place agree: removed, and no one need look.  Two legible characters say nothing either
    way (web_shenbao)."""
    for reading in ("包头钢么（果）有阳贵任x司", "x司"):
        d = _decision([_seal(reading, 0.68, place_label="单位意见", place_owner="own", place_distance_pt=6.0),
                       _employer(BBox(330, 632, 470, 648))])
        assert d.action is Action.REDACT and d.rule == "own.seal.over_employer" and not d.needs_review, reading


def test_a_partner_seal_whose_fragment_fits_both_names_equally_is_kept_without_review():
    """A 成果应用证明's partner 包头稀土（集团）有限责任公司 beside the employer 包头钢铁（集团）有限责任公司: the
    fragment shows 包头 and （集团）有限责任, as much the partner's as the employer's; the partner's name is printed
    under the stamp.  The shared characters are no evidence for the employer: kept by its place, no review."""
    partner = _org(BBox(330, 632, 470, 648), "包头稀土（集团）有限责任公司")
    d = _decision([_seal("包供需土（集团）有限责任德动", 0.86), partner, _employer(BBox(90, 300, 300, 316))])
    assert d.action is Action.KEEP and not d.needs_review


def test_the_stamps_own_ring_and_inner_line_read_as_print_are_its_ink_and_a_name_printed_across_is_not():
    """Seed 91904 (a grey two-up scan): the ring of the employer's stamp at 承担单位（盖章） was read as 5 characters,
    while the page's OCR read 责任公司 on its ring and 技术中心 beside its star as print -- taken for another body's
    name under the stamp, the stamp was kept as another body's.  Text wholly inside the outline and off the star
    is the stamp's own; a name printed across it runs through its middle or past its outline."""
    from redactor.ownership.seal_geometry import own_ink

    seal = Finding(page=1, entity_type="SEAL", boxes=(BBox(253, 548, 329, 623),), recognizer="seal.v1", score=0.9,
                   text="公司有限司", explanation=(("readable", False), ("ocr_score", 0.42)))
    ring = _org(BBox(271, 555, 297, 571), "责任公司")
    inner = _org(BBox(298, 570, 314, 593), "技术中心")
    across = _org(BBox(262, 578, 322, 593), "包头铝业公司")           # through the middle
    past = _org(BBox(230, 600, 330, 615), "包头铝业（集团）有限责任公司")  # past the outline
    assert own_ink(ring, seal) and own_ink(inner, seal)
    assert not own_ink(across, seal) and not own_ink(past, seal)


def test_a_starless_stamps_inner_line_read_with_its_ring_is_its_ink():
    """Structure seed 87078 (a two-up 项目任务书, orange-red stamps with no star, scanned in grey): the page's OCR read
    the employer's stamp as 集团 / 有限 / 任公 on its ring and 技术中心 across its middle, and LAC joined them (both
    copies' stamps) into one organisation -- kept as another body's name under the stamp, the employer's stamp at
    承担单位（盖章） was kept.  Lines read at a stamp, one on its ring, all inside its outline: the ring's text and the
    stamp's own inner line.  A single name printed through the middle is still print."""
    from redactor.ownership.seal_geometry import own_ink

    seal = Finding(page=1, entity_type="SEAL", boxes=(BBox(261, 217, 337, 293),), recognizer="seal.v1", score=0.9,
                   text="", explanation=(("readable", False),))
    boxes = (BBox(314, 242, 327, 252), BBox(315, 249, 328, 260),                       # 集团, on the ring
             BBox(332, 663, 344, 671), BBox(332, 671, 344, 680),                       # 集团 at the other copy's stamp
             BBox(289, 244, 299, 250), BBox(289, 251, 299, 256), BBox(289, 256, 299, 261), BBox(289, 261, 299, 266))
    joined = Finding(page=1, entity_type="ORGANIZATION", boxes=boxes, recognizer="lac_ner.v1", score=0.85,
                     text="集团\n集团\n技术中心", start=0, end=9)
    assert own_ink(joined, seal)
    alone = Finding(page=1, entity_type="ORGANIZATION", boxes=boxes[4:], recognizer="lac_ner.v1", score=0.85,
                    text="技术中心", start=0, end=4)
    assert not own_ink(alone, seal)                 # the middle line alone: as a name printed through it


def test_a_name_read_over_two_lines_is_judged_by_the_line_at_the_stamp():
    """A scanned 项目任务书: the page's OCR read the pen strokes beside 项目负责人（签字） as 生 and the employer's stamp's
    inner line 技术中心 below its star, and the recogniser joined the two lines into one organisation (a box per
    line, not per character).  Taken whole it lay past the stamp's outline, so it was another body's name under the
    stamp and the employer's stamp at 承担单位（盖章） was kept.  Only the line at the stamp counts: inside the outline
    it is the stamp's own ink; a printed name whose line at the stamp runs past the outline is still print."""
    from redactor.ownership.seal_geometry import own_ink

    seal = Finding(page=1, entity_type="SEAL", boxes=(BBox(312, 336, 416, 441),), recognizer="seal.v1", score=0.9,
                   text="", explanation=(("readable", False),))
    pen, inner = BBox(166, 409, 240, 443), BBox(349, 403, 377, 417)
    joined = Finding(page=1, entity_type="ORGANIZATION", boxes=(pen, inner), recognizer="lac_ner.v1", score=0.85,
                     text="\n生\n技术中心", start=0, end=7)
    assert own_ink(joined, seal)
    printed = Finding(page=1, entity_type="ORGANIZATION", boxes=(pen, BBox(300, 403, 430, 417)),
                      recognizer="lac_ner.v1", score=0.85, text="\n生\n包头铝业有限责任公司", start=0, end=13)
    assert not own_ink(printed, seal)


def test_a_line_in_the_stamps_own_tint_is_its_ink_not_print_under_it():
    """Structure seed 82010 (a colour scan of a 项目任务书): a pale purple oval stamp with no star at 承担单位（盖章）,
    its ring unread; the page's OCR read its inner line 技术中心 across its middle, which as print through the middle
    was another body's name under the stamp, and the employer's stamp was kept.  The seal detector saw that line
    in the stamp's tint, not print's black (``ink_lines``): the stamp's own ink.  The same name with no such
    evidence is still print."""
    from redactor.ownership.seal_geometry import own_ink

    line = BBox(336, 396, 377, 419)
    chars = tuple(BBox(336 + 10 * i, 397, 346 + 10 * i, 418) for i in range(4))
    inner = Finding(page=1, entity_type="ORGANIZATION", boxes=chars, recognizer="lac_ner.v1", score=0.85,
                    text="技术中心", start=0, end=4)
    plain = Finding(page=1, entity_type="SEAL", boxes=(BBox(295, 356, 421, 445),), recognizer="seal.v1", score=0.9,
                    text="1", explanation=(("readable", False),))
    tinted = Finding(page=1, entity_type="SEAL", boxes=plain.boxes, recognizer="seal.v1", score=0.9, text="1",
                     explanation=(("readable", False), ("ink_lines", (line.as_tuple(),))))
    assert not own_ink(inner, plain)
    assert own_ink(inner, tinted)
    # a name printed beside the tinted line is not on it
    beside = Finding(page=1, entity_type="ORGANIZATION", boxes=(BBox(300, 425, 380, 440),), recognizer="ner.v1",
                     score=0.85, text="包头市科学技术局", start=0, end=8)
    assert not own_ink(beside, tinted)


def test_a_printed_name_the_records_hold_as_the_stamps_ink_is_that_ink_read_again():
    """Structure seed 87078: the page's structure reading joins the stamp's ring words (集团 / 有限 on its ring, read by
    the page's OCR) into an organisation's name it prints.  Where the records already hold that text as the stamp's
    own ink (a kept organisation ``own_ink`` gives the stamp), the printed name lying ``_INK_READ_AGAIN`` or more
    under it is that ink read again, not another body's name under the stamp; a printed name elsewhere under the
    stamp still is."""
    from redactor.model import Decision
    from redactor.ownership.seal_geometry import own_ink
    from redactor.ownership.seals import seal_tie
    from redactor.ownership.structure import PageStructure

    seal = _seal("", 0.0)
    ring = (BBox(352, 612, 364, 624), BBox(352, 624, 364, 636))           # 集团, on the ring's left
    words = Finding(page=1, entity_type="ORGANIZATION", boxes=ring, recognizer="lac_ner.v1", score=0.85,
                    text="集团", start=0, end=2)
    kept = [Decision(words, Action.KEEP, "other.organization", "another organisation")]
    assert own_ink(words, seal)
    joined = BBox(348, 608, 364, 636)                     # the same words as the structure reading's printed name
    page = PageStructure(number=1, width=595, height=842, orgs=((joined, "包头稀土（集团）"),))
    alone = Finding(page=1, entity_type="ORGANIZATION", boxes=(joined,), recognizer="print", score=1.0,
                    text="包头稀土（集团）", start=0, end=0)
    assert not own_ink(alone, seal)                       # (past the outline: by itself, print)
    assert seal_tie(seal, kept, PROFILE.employers, page).evidence != "other_org_printed"
    across = BBox(330, 632, 470, 648)                      # a name printed through the stamp's middle
    page = PageStructure(number=1, width=595, height=842, orgs=((joined, "包头稀土（集团）"), (across, "包头市人民政府")))
    assert seal_tie(seal, kept, PROFILE.employers, page).evidence == "other_org_printed"


def test_a_rings_words_read_aslant_are_its_ink_and_sign_no_line():
    """Variety seed 95919 (a born-digital 在职证明 on the employer's letterhead): the page's OCR read the employer's
    stamp, an image, as three words -- two on its ring, running aslant down its sides, and its inner line -- a box
    per character.  The upright boxes of characters turned with the ring stick out past its outline at their
    corners, so the words were taken for a name printed under the stamp, then for the letter's signatory line above
    its date, and the stamp was kept as another body's; the final check read the employer in it and repaired it.
    Characters in a run aslant are turned: their glyphs touch their boxes at the edges' middles.  A printed line
    runs along a row, and its box's corners count."""
    from redactor.model import Decision
    from redactor.ownership.seal_geometry import arced, own_ink
    from redactor.ownership.seals import seal_tie
    from redactor.ownership.structure import PageStructure

    seal = Finding(page=1, entity_type="SEAL", boxes=(BBox(350.7, 561.1, 473.8, 683.3),), recognizer="seal.v1",
                   score=0.9, text="集团）有限责任公司", explanation=(("readable", True),))
    left = (BBox(353.0, 611.2, 382.4, 634.1), BBox(358.4, 599.1, 388.0, 622.3), BBox(364.1, 587.2, 393.4, 610.2),
            BBox(369.5, 575.1, 399.1, 598.3))                                # up the ring's left side
    right = (BBox(399.1, 583.1, 455.8, 602.7), BBox(432.9, 594.5, 459.9, 614.0), BBox(437.0, 605.8, 464.0, 625.4),
             BBox(441.1, 617.1, 468.2, 636.7))
    inner = (BBox(389.1, 618.9, 401.9, 635.7), BBox(398.6, 621.8, 410.7, 638.0), BBox(406.6, 623.8, 418.7, 640.1),
             BBox(415.3, 626.1, 428.2, 642.9))
    words = Finding(page=1, entity_type="ORGANIZATION", boxes=left + right + inner, recognizer="lac_ner.v1",
                    score=0.85, text="东河钢铁\n有限责任\n技术中心", start=0, end=14)
    assert arced([left]) == frozenset(left) and not arced([tuple(BBox(b.x0, 600, b.x1, 620) for b in left)])
    assert own_ink(words, seal)
    # the same characters printed upright along a row, reaching as far out: print, not the stamp's ink
    row = Finding(page=1, entity_type="ORGANIZATION", boxes=tuple(BBox(348 + 30 * i, 640, 376 + 30 * i, 662)
                                                                    for i in range(4)),
                  recognizer="lac_ner.v1", score=0.85, text="东河钢铁", start=0, end=4)
    assert not own_ink(row, seal)
    # the words above the letter's date are no signatory line: the letterhead (the employer's) decides
    page = PageStructure(number=1, width=595, height=842, certificate=True, issuer=(BBox(353, 575, 468, 643),),
                         first_print=36.0)
    heading = Decision(_employer(BBox(119, 36, 480, 68)), Action.REDACT, "own.employer", "the applicant's employer")
    kept = Decision(words, Action.KEEP, "other.organization", "another organisation")
    tie = seal_tie(seal, [heading, kept, Decision(seal, Action.KEEP, "other.seal", "read")], PROFILE.employers, page)
    assert (tie.owner, tie.evidence) == (Owner.APPLICANT_UNIT, "employer_letterhead")
    # (variety seed 99166) a certificate's issuer line printed straight under its stamp, inside the outline, still
    # signs it: another body's
    line = tuple(BBox(380 + 12 * i, 650, 392 + 12 * i, 664) for i in range(5))     # inside the outline, off the star
    issuer = Finding(page=1, entity_type="ORGANIZATION", boxes=line, recognizer="lac_ner.v1", score=0.85,
                     text="东河科技局", start=0, end=5)
    assert own_ink(issuer, seal)           # (as the stamp's own straight line would be)
    page = PageStructure(number=1, width=595, height=842, certificate=True, issuer=(BBox(380, 650, 440, 664),))
    tie = seal_tie(seal, [Decision(issuer, Action.KEEP, "other.organization", "another organisation"),
                          Decision(seal, Action.KEEP, "other.seal", "read")], PROFILE.employers, page)
    assert (tie.owner, tie.evidence) == (Owner.OTHER_BODY, "issuer_printed"), tie


def test_a_department_the_page_prints_alone_under_a_stamp_is_no_other_body():
    """Structure seed 20426 (a 项目任务书 scanned two-up, sideways): the employer's blue oval stamp with no star, at
    承担单位（盖章）, read only as the date through it; the page's OCR read its inner line 技术中心 at its middle, and
    the page's printed names held it as a body's -- "stamped over another organisation's printed name", the
    employer's stamp was kept in both copies.  A department any body has, alone, names no body (as
    ``names_other_org`` already held); a name that says which body still does."""
    from redactor.ownership.seals import _names_a_body, seal_tie
    from redactor.ownership.structure import PageStructure

    assert not _names_a_body("技术中心") and not _names_a_body("人事处") and _names_a_body("包头铝业技术中心")
    seal = replace(_seal("二〇", 0.3), boxes=(BBox(289, 219, 352, 308),))
    for name, owner in (("技术中心", Owner.UNKNOWN), ("东河铝业公司", Owner.OTHER_BODY)):
        page = PageStructure(number=1, width=595, height=842, orgs=((BBox(310, 252, 323, 274), name),))
        assert seal_tie(seal, [], PROFILE.employers, page).owner == owner, name


def test_a_reading_that_spells_only_a_department_names_no_body_printed_with_it():
    """Variety seed 12036 (a born-digital 在职证明 on the employer's letterhead): the employer's stamp read 集团） 技术中心,
    and the letter's running text 自2016年3月起在我单位技术中心从事… gave the page the "name" 年3月起在我单位技术中心.
    Four characters in a row -- 技术中心 -- made the reading spell that body's name: kept as another body's, repaired
    by the final check.  A department any body has names no body; the part of a name before it does."""
    from redactor.ownership.seals import names_other_org
    from redactor.ownership.structure import PageStructure

    seal = replace(_seal("集团） 技术中心", 0.9), boxes=(BBox(346, 570, 500, 677),))
    far = BBox(80, 242, 508, 262)
    for printed, named in (("年3月起在我单位技术中心", False), ("包头铝业技术中心", False), ("东河铝业技术中心", False)):
        page = PageStructure(number=1, width=595, height=842, orgs=((far, printed),))
        assert bool(names_other_org(seal, [], PROFILE.employers, page)) is named, printed
    other = replace(seal, text="东河铝业有限公司 技术中心")
    page = PageStructure(number=1, width=595, height=842, orgs=((far, "东河铝业技术中心"),))
    assert names_other_org(other, [], PROFILE.employers, page) == "东河铝业技术中心"


def test_a_certificates_one_stamp_is_its_issuers_wherever_it_is_pressed():
    """Structure seed 70956: a scanned 继续教育证书 whose issuer's stamp, unread, is pressed over the holder's lines,
    not beside its signatory line (包头市…中心 at the foot): kept as unreadable and flagged.  A certificate speaks for
    its issuer; with one stamp on the page and its signatory lines naming one body, the stamp is that body's -- the
    employer's where the certificate is the employer's own.  A second stamp on the page leaves it to other evidence."""
    from redactor.model import Decision
    from redactor.ownership.seals import seal_tie
    from redactor.ownership.structure import PageStructure

    seal = replace(_seal("", 0.0), boxes=(BBox(250, 200, 350, 300),))      # over the holder's lines, far from the foot
    foot = BBox(380, 760, 520, 776)
    page = PageStructure(number=1, width=595, height=842, certificate=True, issuer=(foot,))
    own = Decision(seal, Action.KEEP, "other.seal", "unread")          # (callers pass every decision, this one's too)
    issuer = [own, Decision(_org(foot, "包头市继续教育中心"), Action.KEEP, "other.organization", "another organisation")]
    tie = seal_tie(seal, issuer, PROFILE.employers, page)
    assert (tie.owner, tie.evidence, tie.label) == (Owner.OTHER_BODY, "issuer_printed", "signatory; the certificate's one stamp")
    employer = [own, Decision(_employer(foot), Action.REDACT, "own.employer", "the applicant's employer")]
    tie = seal_tie(seal, employer, PROFILE.employers, page)
    assert (tie.owner, tie.evidence) == (Owner.APPLICANT_UNIT, "issuer_is_employer")
    second = Finding(page=1, entity_type="SEAL", boxes=(BBox(60, 60, 160, 160),), recognizer="seal.v1", score=0.9,
                     text="", explanation=(("readable", False),))
    both = issuer + [Decision(second, Action.KEEP, "other.seal", "another organisation's seal")]
    assert seal_tie(seal, both, PROFILE.employers, page).evidence != "issuer_printed"
    assert seal_tie(seal, issuer, PROFILE.employers, replace(page, certificate=False)).evidence != "issuer_printed"


def test_a_signatory_line_is_read_over_a_date_whose_font_maps_a_compatibility_ideograph():
    """Structure seed 24495: a born-digital 继续教育合格证书 whose font maps 年 to U+F98E (a CJK compatibility
    ideograph, as real PDFs' fonts do).  The issue date did not read as a date, so the signatory line above it
    (中国钢铁工业协会) was no issuer, and the certificate's one stamp, pressed over the holder's lines and read
    only in part, was kept with no one to say whose.  The structure reads the character it stands for."""
    lines = [("兹证明王某某同志：", 60, 100), ("工作单位：包头钢铁（集团）有限责任公司", 60, 130),
             ("参加继续教育，经考核合格，特发此证。", 60, 160), ("中国钢铁工业协会", 400, 500),
             ("二〇二三\uf98e十二月九日", 395, 520)]
    page = _page(lines)
    st = read_page(runs_from_chars((c.c, c.bbox) for c in page.chars), 1, 595, 842)
    assert st.certificate and any(b.y0 == 500 and b.x0 == 400 for b in st.issuer), st.issuer


# A partner's 成果应用证明 (variety seed 65143): the partner prints its name, 包头稀土（集团）有限责任公司, and stamps
# over it; the final check read the ring as 包土集团有限责任公益, which the employer's alias 包钢集团 explains
# as well as the partner's name (包 and 集团) -- removed as the employer's, and the partner's printed name with it.
ALIAS = ApplicantProfile(name="王某某", employers=("包头钢铁（集团）有限责任公司", "包钢集团"))
UNDER = (BBox(310, 625, 400, 644), BBox(400, 625, 490, 644))     # the partner's printed name, across the stamp


def _printed(box: BBox, text: str) -> Finding:
    return replace(_org(box, text), explanation=(("source", "text_layer"),))


def _alias_decision(reading: str, under: tuple[BBox, ...] = UNDER) -> object:
    findings = [_seal(reading, 0.9, text_source="arc"), _printed(under[0], "包头稀土（集团"),
                _printed(under[1], "）有限责任公司")]
    cfg = RedactorConfig().policy
    return next(d for d in decide(findings, ALIAS, cfg).decisions if d.finding.entity_type == "SEAL")


def test_a_reading_like_the_employer_only_where_the_partner_shares_it_is_the_partners_stamp():
    d = _alias_decision("包土集团有限责任公益")
    assert d.action is Action.KEEP and d.rule == "other.seal.over_other_org" and not d.needs_review


def test_the_partners_name_elsewhere_or_the_employers_own_word_read_leave_the_reading_to_decide():
    far = (BBox(80, 120, 170, 139), BBox(170, 120, 260, 139))
    d = _alias_decision("包土集团有限责任公益", under=far)          # nothing printed under the stamp
    assert d.action is Action.REDACT and d.rule == "own.seal.employer_similar"
    d = _alias_decision("包钢集团有限责任公")                       # 钢: the employer's own word, read
    assert d.action is Action.REDACT and d.rule.startswith("own.seal.employer")


def test_the_name_a_pdf_prints_under_a_stamp_is_print_though_the_ring_reads_the_same():
    """The partner's stamp read as 包兰稀土（集团）有限责任公 over its name drawn by the PDF: the name was taken for the
    stamp's own ink (every character of it in the ring's reading), nothing was left printed under the stamp,
    and the seal was kept for a person to look at."""
    findings = [_seal("包兰稀土（集团）有限责任公", 0.95, text_source="arc"),
                _printed(BBox(330, 625, 470, 644), "包头稀土（集团）有限责任公司")]
    d = next(d for d in decide(findings, ALIAS, RedactorConfig().policy).decisions if d.finding.entity_type == "SEAL")
    assert d.action is Action.KEEP and d.rule.startswith("other.seal.") and not d.needs_review, (d.rule, d.reason)


# --- fresh variety seed 11419 (issue 49): reviews where the evidence agreed -----------------------------------------

def test_a_legal_form_read_off_the_stamps_own_ring_is_no_other_body_under_it():
    """a0 11-pingshen_biao_b: an unreadable partial stamp over the employer's printed name; the page's OCR read its
    ring's 有限责任公司 as an organisation of its own, and the place was contested -- a review of a removal both
    the print under it and the row's label agreed on.  A legal form alone names no body (``_names_a_body``)."""
    from redactor.model import Decision
    from redactor.ownership.seals import seal_tie

    seal = _seal("", 0.0)
    employer = Decision(_employer(BBox(330, 632, 470, 648)), Action.REDACT, "own.employer", "the employer")
    ring = Decision(_org(BBox(430, 585, 452, 640), "有限责任公司"), Action.KEEP, "other.organization", "an org")
    tie = seal_tie(seal, [employer, ring], PROFILE.employers)
    assert tie.owner is Owner.APPLICANT_UNIT and tie.evidence == "employer_printed" and not tie.contested
    body = Decision(_org(BBox(430, 585, 452, 640), "包头市人民政府"), Action.KEEP, "other.organization", "an org")
    assert seal_tie(seal, [employer, body], PROFILE.employers).contested      # a body's name still contests it


def test_a_date_read_through_the_stamp_does_not_speak_against_the_employer():
    """a0 11-pingshen_biao_b.scanned: the ring read as #，0二四年六月十3 (the form's date under it) over the
    employer's printed name was taken for a fragment that disagrees with the employer; a date is no body's."""
    d = _decision([_seal("#，0二四年六月十3", 0.81), _employer(BBox(330, 632, 470, 648))])
    assert d.action is Action.REDACT and d.rule == "own.seal.over_employer" and not d.needs_review
    d = _decision([_seal("内蒙亡八。之大字", 0.83), _employer(BBox(330, 632, 470, 648))])
    assert d.needs_review, "a fragment of another name still disagrees"


def test_a_legal_form_read_with_one_character_wrong_does_not_speak_against_the_place():
    """Structure seed 15053 (a 项目任务书 scanned two-up): the employer's stamps at 承担单位（盖章） read 集费：有 and
    集册：有 on the ring -- （集团）有 with one character misread -- and both removals went to review as readings that
    disagree with the employer.  Two characters any group company's name explains and one wrong are no other
    name: a fragment speaks against the employer only where it shows ``_LEGIBLE`` characters the employer's
    name does not explain."""
    row = {"place_owner": "own", "place_label": "承担单位盖章"}
    d = _decision([_seal("集费：有", 0.9, **row)])
    assert d.action is Action.REDACT and d.rule == "own.seal.own_label" and not d.needs_review
    d = _decision([_seal("转求中。", 0.9, **row)])
    assert d.action is Action.REDACT and d.needs_review, "three characters of no employer's name still disagree"


def test_the_end_of_a_partners_name_read_alone_is_no_body_a_reading_can_favour():
    """Structure seed 45406 (a 项目任务书 scanned two-up): OCR read the partner's 包头稀土（集团）有限责任公司 as two lines,
    and the second, ）有限责任公司, counted as a body of its own whose name explained four characters of the employer's
    stamp reading 包头铜统（您进）有限责任公司 -- more than the employer's distinctive name did -- so both copies' removals
    went to review.  A name that says no body is no evidence for or against anyone."""
    from redactor.model import Decision
    from redactor.ownership.seals import _disagrees, _printed_others

    kept = [Decision(_org(BBox(60, 100, 160, 114), t), Action.KEEP, "other.organization", "another organisation")
            for t in ("包头稀土（集团", "）有限责任公司")]
    assert _printed_others(kept, PROFILE.employers) == ["包头稀土（集团"]
    seal = _seal("包头铜统（您进）有限责任公司 技术中心", 0.5, text_source="arc+crop")
    assert not _disagrees(seal, kept, PROFILE.employers)


def test_a_note_naming_the_unit_that_stamps_is_its_place():
    """a1 20-web_shenbao: 单位意见 | 同意推荐。（包头中心医院盖章） with the stamp at the cell's right: the note's
    qualifier is the employer's name, which the lexicon does not know; the nearest label was then of no one's, the
    stamp kept for review and repaired by the final check.  The body the note names is the one that stamps:
    the employer's removed name -> the applicant's unit; another organisation's kept name -> that body."""
    from redactor.model import Decision

    page = _page([("单位意见", 60, 640), ("同意推荐。（包头钢铁盖章）", 140, 640)])
    st = read_page(runs_from_chars((c.c, c.bbox) for c in page.chars), page.number, page.width, page.height)
    stamp = BBox(330, 590, 440, 670)
    named = BBox(210, 640, 250, 650)                      # 包头钢铁 inside the note
    own = Decision(replace(_employer(named), text="包头钢铁"), Action.REDACT, "own.employer", "the employer")
    assert place_of(stamp, st, [own]).owner is Owner.APPLICANT_UNIT
    other = Decision(_org(named, "包头钢铁"), Action.KEEP, "other.organization", "an org")
    assert place_of(stamp, st, [other]).owner is Owner.OTHER_BODY


def test_the_upright_crops_lines_alone_do_not_speak_against_the_employer():
    """a0 19-word_shenbao.scanned: the ring went unread and the upright crop read the stamp's inner line
    (技术中心) as 转求中。 -- a department's line, no evidence of whose the stamp is -- over the employer's printed
    name, which then needed a review.  The same letters read off the ring still disagree."""
    d = _decision([_seal("转求中。", 0.76, text_source="crop"), _employer(BBox(330, 632, 470, 648))])
    assert d.action is Action.REDACT and d.rule == "own.seal.over_employer" and not d.needs_review
    d = _decision([_seal("转求中。", 0.76, text_source="arc"), _employer(BBox(330, 632, 470, 648))])
    assert d.action is Action.REDACT and d.needs_review


def test_a_round_stamps_upright_crop_alone_names_no_body():
    """Fresh variety seed 27875, a scanned 评审表: the employer's round stamp over its printed name went unread on
    its ring, and the upright crop read the print under it -- （集國）有限責任公司 and the form's date.  That reading
    was taken for another body's name, the stamp kept, and the final check repaired it.  A round or oval stamp
    read only by its crop is a fragment: its place decides (the employer's name under it)."""
    crop = "（集國）有限責任公司 〇二四年六月二十日"
    d = _decision([_seal(crop, 0.92, text_source="crop", shape="round"), _employer(BBox(330, 632, 470, 648))])
    assert d.action is Action.REDACT and d.rule == "own.seal.over_employer" and not d.needs_review, d.rule
    # a rectangular stamp's lines are its whole text: read by the crop, they still name a body
    d = _decision([_seal(crop, 0.92, text_source="crop", shape="rect"), _employer(BBox(330, 632, 470, 648))])
    assert d.action is Action.KEEP, d.rule


def test_a_rings_digits_are_its_code_not_a_word_against_the_employer():
    """Fresh variety seed 27875, a web 申报表: an oval stamp in the 单位意见 row read 814出 42 (the ring's
    registration code and a stray character); the digits counted as legible characters the employer's name did
    not explain, and the removal went to review.  Digits name no body; the same count of characters does."""
    row = {"place_owner": "own", "place_label": "单位意见"}
    d = _decision([_seal("814出 42", 0.62, text_source="arc", shape="oval", **row)])
    assert d.action is Action.REDACT and d.rule == "own.seal.own_label" and not d.needs_review, (d.rule, d.reason)


def test_a_reading_mostly_the_employers_on_its_letterhead_is_removed_for_review():
    """Variety seed 97223 (never tuned on; a born-digital 在职证明 on the employer's letterhead): its stamp read
    头生（集团）有限责任公司 (包 lost, 钢铁 read 生) -- a body the page prints nowhere, mostly the employer's name.  A
    letterhead did not outweigh a whole reading, so the stamp was kept as another body's and the final check
    repaired it.  The two agree: removed, and a person looks (a letterhead is weaker than a form's place)."""
    from redactor.ownership.structure import PageStructure

    heading = ("page_heading", "包头钢铁（集团）有限责任公司")
    seal = Finding(page=1, entity_type="SEAL", boxes=(LETTER_SEAL,), recognizer="seal.v1", score=0.9,
                   text="头生（集团）有限责任公司 技本中心",
                   explanation=(("readable", True), ("ocr_score", 0.93), ("on_form", False), ("text_source", "arc+crop"),
                                heading))
    page = PageStructure(number=1, width=595, height=842, certificate=True, first_print=36.0)
    letterhead = _employer(BBox(119, 36, 480, 68))
    d = next(d for d in decide([letterhead, seal], PROFILE, RedactorConfig().policy, pages={1: page}).decisions
             if d.finding is seal)
    assert d.action is Action.REDACT and d.rule == "own.seal.employer_letterhead" and d.needs_review
    # under another body's letterhead the same reading stays another body's
    other = Finding(page=1, entity_type="SEAL", boxes=(LETTER_SEAL,), recognizer="seal.v1", score=0.9,
                    text="头生（集团）有限责任公司 技本中心",
                    explanation=(("readable", True), ("ocr_score", 0.93), ("on_form", False),
                                 ("text_source", "arc+crop"), ("page_heading", "内蒙古自治区人力资源和社会保障厅")))
    d = next(d for d in decide([other], PROFILE, RedactorConfig().policy, pages={1: page}).decisions
             if d.finding is other)
    assert d.action is Action.KEEP


UNIVERSITY = ApplicantProfile(name="王某某", employers=("内蒙古科技大学", "内蒙科大"))


def _university_decision(reading: str, **place) -> object:
    partner = _org(BBox(90, 200, 200, 216), "内蒙古医科大学")       # a member's unit, printed in the member table
    cfg = RedactorConfig().policy
    return next(d for d in decide([_seal(reading, 0.86, text_source="arc", **place), partner], UNIVERSITY,
                                  cfg).decisions if d.finding.entity_type == "SEAL")


def test_a_reading_like_the_employer_only_where_a_partner_shares_it_is_the_partners_at_its_label():
    """Fresh structure seed 84678 (a scanned 项目任务书): the partner 内蒙古医科大学's faint two-ring stamp at
    合作单位盖章, read 6 characters that the partner's name explains whole and the employer 内蒙古科技大学's in 5
    (内蒙古, 科, 大学: what two universities of one region share).  Taken for the employer's, it was removed:
    the role the form's label gives the place and the reading's distinctive characters (医科, not 科技) agree
    that it is the partner's.  The same reading in the applicant's unit's place, and a reading showing the
    employer's own 科技 at the partner's label, are still the employer's."""
    other = dict(place_label="合作单位盖章", place_owner="other", place_distance_pt=8.0)
    d = _university_decision("蒙古医科大学", **other)
    assert d.action is Action.KEEP and d.rule == "other.seal.other_label" and not d.needs_review, d
    d = _university_decision("蒙古医科大学", place_label="承担单位盖章", place_owner="own", place_distance_pt=8.0)
    assert d.action is Action.REDACT, d
    d = _university_decision("蒙古科技大学", **other)
    assert d.action is Action.REDACT, d


HOSPITAL = ApplicantProfile(name="王某某", employers=("包头市中心医院", "包头中心医院"))


def test_a_city_printed_with_its_shi_in_one_name_and_without_it_in_another_is_shared():
    """Fresh structure seed 53731 (a 项目任务书 scanned two-up, grey; never tuned on): the partner 包头市肿瘤医院's
    stamp at 合作单位盖章 read 包头中肿瘤医院 (a stray 中).  The readings' distinctive characters were counted on
    each name's core, and the employer's alias 包头中心医院 kept 包头 in its core (no 市 to strip) while the
    partner's core lost it: 包头 counted for the employer alone, 5 against 4, and the partner's stamp was
    removed.  What the names share counts for neither: 中 for the employer against 肿瘤 for the partner.  At the
    applicant's unit's place, or with the employer's 中心 read whole, the stamp is still the employer's."""
    partner = _org(BBox(90, 200, 200, 216), "包头市肿瘤医院")
    cfg = RedactorConfig().policy
    other = dict(place_label="合作单位盖章", place_owner="other", place_distance_pt=8.0)

    def decision(reading: str, **place):
        return next(d for d in decide([_seal(reading, 0.88, text_source="arc", **place), partner], HOSPITAL,
                                      cfg).decisions if d.finding.entity_type == "SEAL")

    d = decision("包头中肿瘤医院", **other)
    assert d.action is Action.KEEP and d.rule == "other.seal.other_label", d
    d = decision("包头中肿瘤医院", place_label="承担单位盖章", place_owner="own", place_distance_pt=8.0)
    assert d.action is Action.REDACT, d
    d = decision("包头市中心医", **other)
    assert d.action is Action.REDACT, d
