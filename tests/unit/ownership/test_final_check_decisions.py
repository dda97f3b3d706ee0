"""The final check asks the decisions policy makes (redactor.ownership.recheck), with what it read.

Ported from the gate's own place rules (issue 49: the final check re-reads, it never re-judges): a stamp, a face,
pen strokes or a value the check finds is decided by the same seal, photo, signature and boundary decisions as in
policy, on the plan's records and the output page's structure read from its print.  Each case is one the gate used
to decide with rules of its own (an unread stamp in a 审验单位 column, on another body's printed name, under the
employer's removed letterhead, at 合作单位（盖章）)."""

from __future__ import annotations

from redactor.model import Action, BBox, Decision, Finding
from redactor.ownership.recheck import pen_decision, stamp_decision, text_hit_decision
from redactor.ownership.structure import TextRun, read_page, runs_from_chars

EMPLOYERS = ("包头钢铁（集团）有限责任公司", "包钢集团")


def _run(text: str, x0: float, y0: float, pitch: float = 10.0) -> TextRun:
    return TextRun(text, tuple(None if ch.isspace() else BBox(x0 + i * pitch, y0, x0 + i * pitch + pitch * 0.9, y0 + 10)
                               for i, ch in enumerate(text)))


def _page(*runs: TextRun, height: float = 842.0):
    return read_page(list(runs), 1, 595.0, height)


def _rec(entity: str, box: BBox, action: Action, rule: str, text: str = "") -> Decision:
    return Decision(Finding(1, entity, (box,), "r", 1.0, text=text, start=0, end=0), action, rule, "")


def _employer_removed(box: BBox) -> Decision:
    return _rec("EMPLOYER", box, Action.REDACT, "own.employer")


STAMP = BBox(348, 252, 409, 313)


def test_an_unread_stamp_in_the_applicants_unit_row_is_the_employers():
    page = _page(_run("所在单位（盖章）", 330, 230))
    d = stamp_decision(1, STAMP, "", (), EMPLOYERS, page)
    assert d.action is Action.REDACT and d.rule == "own.seal.own_label"


def test_an_unread_stamp_in_a_partners_or_a_verifying_bodys_place_is_theirs():
    """合作单位（盖章） ends in 单位（盖章）; 审验单位 is a verifying body's column: the lexicon reads both."""
    for label in ("合作单位（盖章）", "主管部门意见（盖章）", "评审委员会意见"):
        d = stamp_decision(1, STAMP, "", (), EMPLOYERS, _page(_run(label, 330, 230)))
        assert d.action is Action.KEEP, (label, d.rule)


def test_an_unread_stamp_on_another_bodys_printed_name_is_that_bodys():
    name = _run("包头市继续教育中心", 335, 276)
    other = _rec("ORGANIZATION", BBox(335, 276, 425, 286), Action.KEEP, "other.organization", "包头市继续教育中心")
    d = stamp_decision(1, STAMP, "", (other,), EMPLOYERS, _page(_run("所在单位（盖章）", 330, 230), name))
    assert d.action is Action.KEEP and d.rule == "other.seal.over_other_org" and d.needs_review


def test_a_stamp_over_the_employers_removed_name_is_the_employers():
    d = stamp_decision(1, STAMP, "", (_employer_removed(BBox(330, 276, 440, 286)),), EMPLOYERS,
                       _page(_run("签字日期", 60, 400)))
    assert d.action is Action.REDACT and d.rule == "own.seal.over_employer"


def test_an_unread_stamp_under_the_employers_removed_letterhead_is_the_employers():
    stamp = BBox(373, 576, 472, 695)
    letterhead = _employer_removed(BBox(121, 38, 478, 67))
    below = _run("人事处", 395, 600)
    assert stamp_decision(1, stamp, "", (letterhead,), EMPLOYERS, _page(below)).action is Action.REDACT
    # something printed above the removed name: it is no letterhead
    above = _run("附件", 60, 20)
    assert stamp_decision(1, stamp, "", (letterhead,), EMPLOYERS, _page(above, below)).action is Action.KEEP


def test_a_certificates_stamp_over_the_holders_unit_line_is_its_issuers():
    """An issuing body stamps its certificate over the holder's 工作单位 line (issue 49, class 3): the line is the
    holder's field, not the signatory; the stamp signs the issuer's line above the date."""
    stamp = BBox(330, 520, 430, 620)
    page = _page(_run("兹证明", 250, 200), _run("工作单位：", 220, 560), _run("内蒙古自治区人力资源和社会保障厅", 300, 600),
                 _run("2024年6月1日", 340, 625))
    records = (_employer_removed(BBox(270, 560, 400, 570)),
               _rec("ORGANIZATION", BBox(300, 600, 460, 610), Action.KEEP, "other.organization",
                    "内蒙古自治区人力资源和社会保障厅"))
    d = stamp_decision(1, stamp, "", records, EMPLOYERS, page)
    assert page.certificate and d.action is Action.KEEP, d.rule


def test_a_certificate_known_by_its_title_gives_a_stamp_beside_the_holders_unit_to_nobody():
    """A phone-photographed 专业技术资格证书 (issue 49 class 3): the authority's stamp half over the holder's photo,
    the output's 工作单位 row to its right.  No 兹证明 or 特发此证: only its title says it is a certificate.  Read as a
    form, the stamp's remnant beside the holder's removed unit was the employer's and the gate repaired it away;
    read as a certificate, the holder's unit is a field's value, no signatory.  A form that mentions a certificate
    (毕业证书复印件) below its own title stays a form."""
    stamp = BBox(211, 166, 293, 329)
    fields = (_run("姓名", 352, 168), _run("身份证号", 354, 200), _run("工作单位", 350, 232), _run("持证人签名", 70, 300))
    records = (_employer_removed(BBox(411, 231, 505, 250)),
               _rec("ORGANIZATION", BBox(351, 231, 505, 250), Action.KEEP, "other.org.contains_employer",
                    "工作单位包头市中心医院"))
    card = _page(_run("专业技术资格证书", 300, 80, 28.0), *fields)
    assert card.certificate
    assert stamp_decision(1, stamp, "", records, EMPLOYERS, card).action is not Action.REDACT
    form = _page(_run("专业技术人员报名表", 300, 80, 28.0), _run("提交：毕业证书复印件", 60, 400), *fields)
    assert not form.certificate
    assert stamp_decision(1, stamp, "", records, EMPLOYERS, form).action is Action.REDACT    # as before: a form's


def test_a_reading_naming_the_employer_is_theirs_and_a_partner_of_the_same_city_and_kind_is_not():
    """包头稀土（集团） shares the city and the legal form with 包头钢铁（集团）, not its distinctive word; a printed
    partner that explains a resembling reading better takes it (``rival_orgs``)."""
    assert stamp_decision(1, STAMP, "包头钢铁（集团）有限责任公司", (), EMPLOYERS, _page()).action is Action.REDACT
    assert stamp_decision(1, STAMP, "包头稀土（集团）有限责任公司", (), EMPLOYERS, _page()).action is Action.KEEP
    employers = ("包头市建筑设计研究院有限公司",)
    reading = "包头市市政工程设计研究院"
    partner = _rec("ORGANIZATION", BBox(400, 230, 530, 240), Action.KEEP, "other.organization", "包头市市政工程设计研究院")
    d = stamp_decision(1, STAMP, reading, (partner,), employers, _page(_run("合作单位：包头市市政工程设计研究院", 300, 230)))
    assert d.action is Action.KEEP, d.rule


def test_pen_strokes_beside_a_bare_signature_label_in_a_recommenders_block_are_the_recommenders():
    page = _page(_run("推 荐 人(一)", 270, 230), _run("陶立新，教授", 135, 440), _run("签字：", 405, 485))
    d = pen_decision(1, BBox(460, 478, 530, 510), "签字", BBox(405, 485, 437, 495), (), page)
    assert d.action is Action.KEEP and d.rule == "other.signature"
    page = _page(_run("承诺：以上内容属实。", 100, 300), _run("签字：", 405, 485))
    assert pen_decision(1, BBox(460, 478, 530, 510), "签字", BBox(405, 485, 437, 495), (), page).action is Action.REDACT


def test_the_applicants_value_in_the_output_is_theirs_unless_a_decision_or_the_words_around_it_say_otherwise():
    hit = (BBox(100, 100, 130, 110),)
    assert text_hit_decision(1, hit, "name", None, ())[0]
    kept = _rec("PERSON", BBox(100, 100, 140, 110), Action.KEEP, "boundary.inside_other_name")
    mine, why = text_hit_decision(1, hit, "name", "inside a longer CJK word", (kept,))
    assert not mine and "boundary.inside_other_name" in why
    assert not text_hit_decision(1, hit, "name", "inside a longer CJK word", ())[0]
    # fresh seed 98717: a scan's hidden OCR layer read the author line's 王淑珺 into a longer name (the plan kept
    # it as other.person.shares_name) while the pixels still showed 王淑珺 alone; the check read it standing alone
    shares = _rec("PERSON", BBox(98, 100, 170, 110), Action.KEEP, "other.person.shares_name")
    assert text_hit_decision(1, hit, "name", None, (shares,))[0], "a value read standing alone was let through"
    # a decision that kept the employer's name as another person's data says nothing: the employer's name is the
    # applicant's wherever it stands (issue 49, class 2)
    colleague = _rec("ORGANIZATION", BBox(100, 100, 140, 110), Action.KEEP, "other.organization")
    assert text_hit_decision(1, hit, "employer", None, (colleague,))[0]


def test_pen_strokes_the_plan_kept_as_a_recommenders_stay_kept_and_removed_ones_that_still_show_are_a_leak():
    # realdocs2 R12: the plan kept 陶立新's signature (签字 under 推荐人(一)); the check found the same strokes beside
    # the nearest signature label and, deciding on its own, removed them -- a recommender's signature destroyed.
    # The check never re-judges: the strokes stay; but its reading (the applicant's label) and the plan's (someone
    # else's) disagree, and that is asked about (issue 80), naming the plan's rule and box -- never a silent pass
    strokes, place = BBox(455, 472, 545, 510), BBox(454, 471, 546, 511)
    settled = _pen_strokes_settled(strokes, _rec("SIGNATURE", place, Action.KEEP, "other.signature"))
    assert settled.severity == "review" and "other.signature" in settled.detail
    assert settled.plan_rule == "other.signature" and settled.plan_bbox == place
    assert settled.as_dict()["disagreement"] == {"plan_rule": "other.signature", "plan_bbox": [454, 471, 546, 511]}
    assert _pen_strokes_settled(strokes, _rec("SIGNATURE", place, Action.REDACT, "own.signature")).severity == "leak"
    assert _pen_strokes_settled(strokes).severity == "leak"


def _pen_strokes_settled(strokes: BBox, *records: Decision):
    """The final check's pen strokes at ``strokes`` beside the applicant's label, settled by ``records``."""
    from redactor.model import Leak
    from redactor.verify import _settle_pen_strokes

    found = Leak(where="signature", category="signature", page=1, bbox=strokes, boxes=(strokes,),
                 detail="pen strokes beside the applicant's signature label")
    (settled,) = _settle_pen_strokes([found], records)
    return settled


def test_pen_strokes_beside_the_applicants_label_the_plan_found_unsigned_are_the_applicants_signature():
    # fresh variety 58969: detection took a black pen on tinted paper for a colour figure and found the applicant's
    # label unsigned; the check read the strokes there and, settled by that "unsigned" decision, listed them as
    # kept -- the output was released with the applicant's signature.  "No handwriting found" is the evidence
    # the check's strokes contradict: the same label's decision for a signed one is the applicant's signature
    strokes, label_window = BBox(365, 133, 443, 157), BBox(349, 110, 475, 185)
    settled = _pen_strokes_settled(strokes, _rec("SIGNATURE", label_window, Action.KEEP, "own.signature.unsigned"))
    assert settled.severity == "leak" and "own.signature" in settled.detail
    # another person's label found unsigned stays theirs: the strokes are kept with it
    # another person's label found unsigned: the strokes stay with it, and the two readings' disagreement is asked
    theirs = _rec("SIGNATURE", label_window, Action.KEEP, "other.signature.unsigned")
    settled = _pen_strokes_settled(strokes, theirs)
    assert settled.severity == "review" and settled.plan_rule == "other.signature.unsigned"


def test_pen_strokes_beside_a_label_whose_signature_the_plan_placed_elsewhere_name_that_place():
    # realdocs3 R32 (issue 80, class 2): the plan put the author's signature one box-height above the image beside
    # 作者签名; the check reads strokes beside the same label at another place.  They are a leak (repaired), and
    # the audit names where the plan had put that label's signature and its rule
    label = BBox(300, 320, 360, 332)
    plan_place = BBox(370, 262, 470, 308)
    plan = Decision(Finding(1, "SIGNATURE", (plan_place,), "r", 1.0, explanation=(
        ("label", "作者签名"), ("label_box", (300.0, 320.0, 360.0, 332.0)))), Action.KEEP, "review.signature", "",
        needs_review=True)
    from redactor.model import Leak
    from redactor.verify import _settle_pen_strokes

    strokes = BBox(370, 310, 470, 360)
    found = Leak(where="signature", category="signature", page=1, bbox=strokes, boxes=(strokes,),
                 detail="pen strokes beside the applicant's signature label", label_box=label)
    (settled,) = _settle_pen_strokes([found], (plan,))
    assert settled.severity == "leak" and settled.plan_rule == "review.signature" and settled.plan_bbox == plan_place
    # a label the plan read at another place says nothing
    other = Leak(where="signature", category="signature", page=1, bbox=strokes, boxes=(strokes,),
                 detail="pen strokes", label_box=BBox(300, 500, 360, 512))
    (alone,) = _settle_pen_strokes([other], (plan,))
    assert alone.severity == "leak" and not alone.plan_rule and "disagreement" not in alone.as_dict()


def test_a_stamp_read_as_a_body_the_page_never_prints_is_decided_by_its_place():
    """Never-tuned structure seed 7342, a 项目任务书 two pages to a sheet, scanned grey and sideways: the employer's
    stamp at 承担单位（盖章） read 包头编技（集团）有限责任公司 (钢铁 misread) and was kept as another body's.  A reading
    naming no body the page prints does not outweigh the place: the unit's label makes it the employer's, and a
    person looks.  A partner's reading the page does print stays the partner's, in any place."""
    misread = "包头编技（集团）有限责任公司"
    own_place = _page(_run("承担单位（盖章）", 330, 230))
    d = stamp_decision(1, STAMP, misread, (), EMPLOYERS, own_place)
    assert d.action is Action.REDACT and d.rule == "own.seal.own_label" and d.needs_review
    # nothing says whose the place is: the reading stands
    d = stamp_decision(1, STAMP, misread, (), EMPLOYERS, _page(_run("签字日期", 60, 400)))
    assert d.action is Action.KEEP and d.rule == "other.seal"
    # the partner's name is printed on the page: its stamp is the partner's even pressed in the unit's row
    partner = _rec("ORGANIZATION", BBox(60, 120, 200, 130), Action.KEEP, "other.organization", "包头稀土（集团）有限责任公司")
    d = stamp_decision(1, STAMP, "包头稀土（集团）有限责任公司", (partner,), EMPLOYERS,
                       _page(_run("承担单位（盖章）", 330, 230), _run("合作单位：包头稀土（集团）有限责任公司", 30, 120)))
    assert d.action is Action.KEEP, d.rule


def test_a_stamp_read_as_part_of_the_employers_name_in_its_place_needs_no_review():
    """Never-tuned structure seed 92531 (a 项目任务书): the employer's stamp at 承担单位盖章, its ring read over three
    quarters as 包头市中心 (of 包头市中心医院), was removed by its place and sent for review as a body the page does
    not print.  A stretch of the employer's own name, letter for letter, disagrees with nothing."""
    employers = ("包头市中心医院", "包头中心医院")
    own_place = _page(_run("承担单位盖章", 330, 230))
    d = stamp_decision(1, STAMP, "包头市中心", (), employers, own_place)
    assert d.action is Action.REDACT and d.rule == "own.seal.own_label" and not d.needs_review, d.reason
    # a reading going on past the employer's name (another body's ending) still disagrees: a person looks
    d = stamp_decision(1, STAMP, "包头市中心血站", (), employers, own_place)
    assert d.action is Action.REDACT and d.needs_review, d.reason


def test_a_bare_signature_label_cut_from_its_role_takes_the_role_the_line_reads():
    """Seed 7342's 项目任务书 on a 2-up grey scan: OCR read 合作单位负责人_（签字）： (the underline as ``_``); the
    signature's label was found as 签字） alone, and the partner's signature was removed as the form's subject's.
    The structure reads the whole line; the bare label takes the role read at its place."""
    line = _run("合作单位负责人_（签字）：", 60, 485)
    page = _page(_run("项目任务书", 200, 40), line)
    bare = BBox(60 + 9 * 10, 485, 60 + 12 * 10, 495)          # 签字） of the line
    d = pen_decision(1, BBox(190, 470, 260, 505), "签字）", bare, (), page)
    assert d.action is Action.KEEP and d.rule == "other.signature", d.reason
    own = _page(_run("项目任务书", 200, 40), _run("项目负责人（签字）：", 60, 485))
    d = pen_decision(1, BBox(170, 470, 240, 505), "签字）", BBox(60 + 6 * 10, 485, 60 + 9 * 10, 495), (), own)
    assert d.action is Action.REDACT, d.reason


def test_a_stamps_own_inner_line_read_as_print_is_its_ink_even_read_across_two_stamps():
    """Seed 7342's 2-up sheet: the page's OCR read the inner lines of both copies' stamps (技术中心, misread 撞术中心
    and 注本中心) into one organisation spanning both; under each stamp only its own characters count."""
    here = [BBox(350 + 8 * i, 290, 357 + 8 * i, 298) for i in range(4)]          # 撞术中心 inside STAMP
    there = [BBox(350 + 8 * i, 690, 357 + 8 * i, 698) for i in range(6)]         # 集团注本中心 under the other copy's
    inner = Decision(Finding(1, "ORGANIZATION", tuple(there + here), "r", 1.0, text="集团\n注本中心\n撞术中心",
                             start=0, end=0), Action.KEEP, "other.organization", "")
    d = stamp_decision(1, STAMP, "包头编技（集团）有限责任公司 撞术中心", (inner,), EMPLOYERS,
                       _page(_run("承担单位（盖章）", 330, 230)))
    assert d.action is Action.REDACT and d.rule == "own.seal.own_label", d.rule


def _region(entity: str, box: BBox, action: Action, rule: str, needs_review: bool = False,
            explanation: tuple = ()) -> Decision:
    return Decision(Finding(1, entity, (box,), "r", 1.0, explanation=explanation), action, rule, "",
                    needs_review=needs_review)


def test_a_stamp_the_plan_decided_keeps_the_plans_place_when_the_checks_ring_reaches_further():
    """Never-tuned variety seed 30977 (a phone-photographed 资格证书): the issuer's seal over the holder's photo
    corner was kept by policy (the page's other seal another body's); the check fitted a wider ring over the
    removed photo that reached the holder's removed unit line and called the stamp the employer's, and the
    repair painted it.  A stamp the plan decided is judged at the plan's place, with the check's reading."""
    seal = BBox(224, 211, 305, 290)                      # the plan's box: over the photo's corner
    wider = BBox(169, 187, 305, 289)                     # the check's ring fit
    records = (
        _region("PORTRAIT", BBox(172, 117, 278, 259), Action.REDACT, "own.photo.portrait"),
        _region("SEAL", seal, Action.KEEP, "other.seal.issuer_over_photo"),
        _region("SEAL", BBox(629, 445, 736, 561), Action.KEEP, "other.seal.over_other_org"),
        _employer_removed(BBox(60, 262, 175, 274)),        # the holder's unit line, left of the photo
    )
    page = _page(_run("资格证书", 250, 60), _run("工作单位：", 10, 262))
    d = stamp_decision(1, wider, "", records, EMPLOYERS, page, hidden=0.65)
    assert d.action is Action.KEEP and d.rule == "other.seal.issuer_over_photo", d.rule


def test_a_portrait_kept_for_the_name_beside_it_is_decided_again_when_the_check_reads_the_applicants_name_there():
    """Seed 34174, a 资格证书 drawn as outlines: detection read 姓名托娅·毕力格 as other people's names (LAC: 名托娅,
    毕力格) and kept the portrait beside them; the check's OCR read the applicant's name in the 姓名 cell and the gate
    repaired the name -- the portrait stayed, a silent leak.  The repair is new evidence for the same photo
    decision: the page's subject is the applicant, so is its portrait."""
    from redactor.ownership.recheck import face_decision

    page = _page(_run("专业技术资格证书", 200, 60), _run("姓名托娅·毕力格", 180, 130), _run("身份证号150203198504120620", 180, 165))
    portrait = BBox(70, 120, 169, 259)
    records = (_region("PORTRAIT", portrait, Action.KEEP, "other.photo.beside_other_person"),
               _rec("PERSON", BBox(190, 130, 219, 140), Action.KEEP, "other.person", "名托娅"),
               _rec("PERSON", BBox(240, 130, 259, 140), Action.KEEP, "other.person", "毕力格"))
    _kept_until_the_repair(BBox(95, 140, 145, 200), records, page, BBox(199, 128, 262, 142))


def _kept_until_the_repair(face: BBox, records, page, repaired_name: BBox) -> None:
    """The face's portrait is kept on the plan's records and is the applicant's once the gate's repair of their
    name at ``repaired_name`` joins them."""
    from redactor.ownership.recheck import face_decision

    assert face_decision(1, face, records, page).action is Action.KEEP
    repaired = Decision(Finding(1, "PERSON", (repaired_name,), "verify_repair.v1", 1.0), Action.REDACT, "repair.ocr", "")
    d = face_decision(1, face, (*records, repaired), page)
    assert d.action is Action.REDACT and d.rule == "own.photo.portrait", d


def test_a_bio_portrait_kept_by_its_opener_is_decided_again_when_the_check_reads_the_applicant_there():
    """Variety seed 85526: policy kept a scanned paper's first bio portrait as the co-author's, "by the name its bio
    opens with" (our OCR misread the applicant's name there); the check's OCR read the applicant's name at the
    opener and the gate repaired the name -- the portrait stayed.  The repair is new evidence for the same photo
    decision: the bio opens with the applicant's name, so the portrait beside it is theirs."""
    from redactor.ownership.structure import PageStructure

    portrait, opener = BBox(46, 587, 94, 649), BBox(101, 583, 125, 597)
    page = PageStructure(number=1, width=595, height=842, openers=(opener,))
    records = (_region("PORTRAIT", portrait, Action.KEEP, "other.photo.bio"),
               _rec("PERSON", opener, Action.KEEP, "other.person", "何志蔷"))
    _kept_until_the_repair(BBox(56, 600, 84, 630), records, page, BBox(100, 581, 129, 600))


def test_a_face_the_check_finds_in_a_figure_of_the_text_is_the_figures():
    """Variety seed 92241: on the applicant's work summary (its 姓名 cell holds the removed name: the applicant's) the
    check's face search found two "faces" in a figure of coins captioned 图1; with no decision on that picture the
    subject gave them to the applicant and the gate painted the figure.  Policy keeps the captioned picture as a
    FIGURE; the face in it is the figure's, by the same photo decision."""
    from redactor.ownership.recheck import face_decision

    page = _page(_run("专业技术工作总结", 200, 40), _run("姓名张某某", 60, 80), _run("图1 馆藏钱币照片", 90, 320))
    name = _rec("PERSON", BBox(80, 80, 109, 90), Action.REDACT, "own.name", "张某某")
    face = BBox(120, 180, 160, 230)
    assert face_decision(1, face, (name,), page).action is Action.REDACT          # premise: the subject's
    figure = Decision(Finding(1, "FIGURE", (BBox(80, 120, 260, 310),), "photo_slot.v1", 0.5), Action.KEEP,
                      "other.figure", "")
    d = face_decision(1, face, (name, figure), page)
    assert d.action is Action.KEEP and d.rule == "other.photo.figure", d
    far = BBox(300, 180, 340, 230)                                                  # a face outside the figure
    assert face_decision(1, far, (name, figure), page).action is Action.REDACT


def test_pen_ink_inside_a_figure_of_the_text_is_the_figures():
    """Variety seed 30072's scanned 业绩 page: the window below 申报人：(name) reached into the photo captioned 图1
    under it, and shelves in the photo were taken for the applicant's signature (the figure's top boxed black).
    Ink inside a figure policy kept is the figure's: policy and the final check's pen decision alike."""
    from redactor.ownership.photos import marks_in_figures

    figure = Decision(Finding(1, "FIGURE", (BBox(74, 190, 282, 340),), "photo_slot.v1", 0.5), Action.KEEP,
                      "other.figure", "")
    inside = _region("SIGNATURE", BBox(214, 189, 255, 204), Action.REDACT, "own.signature")
    outside = _region("SIGNATURE", BBox(300, 480, 360, 500), Action.REDACT, "own.signature")
    kept = marks_in_figures([figure, inside, outside])
    assert [d.rule for d in kept] == ["other.figure", "other.figure.content", "own.signature"]
    page = _page(_run("申报人：张某某", 60, 100))
    d = pen_decision(1, BBox(214, 189, 255, 204), "申报人", BBox(60, 100, 90, 110), (figure,), page)
    assert d.action is Action.KEEP and d.rule == "other.figure.content", d
    assert pen_decision(1, BBox(60, 120, 120, 140), "申报人", BBox(60, 100, 90, 110), (figure,), page).action \
        is Action.REDACT


def test_a_face_found_across_a_painted_portrait_and_the_next_is_the_next_ones():
    """Variety seed 44305 (fresh, never tuned), a scanned paper with a column of authors' bios: the check's face
    search found a "face" across the applicant's painted portrait's lower edge and the co-author's portrait below
    it.  Its picture was guessed from the face (hair above, shoulders below), that guess held all three portraits
    alike, the first -- the applicant's -- was taken, and the gate painted the co-author's portrait and name.  The
    part of the face that shows is the co-author's picture's (``verify.faces._visible``), and the picture holding
    it is the one whose decision says whose it is."""
    from redactor.ownership.recheck import face_decision
    from redactor.verify.faces import _photo_of, _visible

    own, theirs = BBox(39, 584, 84, 647), BBox(36, 654, 85, 717)
    records = (_region("PORTRAIT", own, Action.REDACT, "own.photo.portrait"),
               _region("PORTRAIT", theirs, Action.KEEP, "other.photo.bio"),
               _region("PORTRAIT", BBox(34, 724, 82, 787), Action.KEEP, "other.photo.bio"))
    face = BBox(25, 618, 92, 685)
    shows = _visible(face, (own,))
    assert (shows.y0, shows.y1) == (647, 685) and theirs.contains_point(*shows.center)
    d = face_decision(1, _photo_of(face), records, None, face=shows)
    assert d is not None and d.action is Action.KEEP and d.finding.boxes == (theirs,), d
    # a face inside the applicant's own portrait is the applicant's, as before
    inside = BBox(45, 590, 78, 630)
    assert face_decision(1, _photo_of(inside), records, None, face=_visible(inside, ())).action is Action.REDACT
    # nothing removed across it: the face box is all that shows
    assert _visible(face, (BBox(300, 300, 400, 400),)) == face


def test_a_tilted_title_is_read_whole():
    """Variety seed 53964 (never opened before this test), a phone-photographed 专业技术资格证书: the photo's tilt
    dropped the title's last character 书 just past half a character's height below its first, so the page's
    "first printed line" was 专业技术资格证 -- a form, not a certificate -- and the authority's stamp over the
    holder's photo went to the employer by the 工作单位 line beside it (others' seals 28/29).  The line holding
    the first character is the title, whole."""
    from redactor.ownership.structure import _title

    chars = [(c, BBox(340 + 40 * i, 98 + 2.95 * i, 378 + 40 * i, 138 + 2.95 * i)) for i, c in enumerate("专业技术资格证书")]
    chars += [("\n", None)] + [(c, BBox(330 + 24 * i, 170, 352 + 24 * i, 193)) for i, c in enumerate("姓名王某某")]
    runs = runs_from_chars(chars)
    assert _title(runs) == "专业技术资格证书"
    page = read_page(runs, 1, 842, 595)
    assert page.certificate and not page.form


def test_a_photo_slot_kept_for_want_of_a_face_is_decided_again_where_the_check_finds_one():
    """Shortfall 15: a photo-shaped picture detection found no face in, with nothing beside it, is kept as
    untied (``other.photo.slot_untied``).  The check's own face search finding a face there is the evidence the
    plan lacked: the same photo decision, made for a portrait, gives a portrait in the applicant's dossier to the
    applicant.  Beside another person's name the portrait stays theirs, as policy would keep it."""
    from redactor.ownership.recheck import face_decision

    slot, face = BBox(70, 120, 169, 259), BBox(95, 140, 145, 200)
    page = _page(_run("专业技术工作总结", 200, 60))
    untied = (_region("PHOTO_SLOT", slot, Action.KEEP, "other.photo.slot_untied"),)
    d = face_decision(1, face, untied, page)
    assert d.action is Action.REDACT and d.rule == "own.photo.portrait", d
    assert "final check" in d.reason and d.finding.boxes == (slot,)
    beside_other = (_region("PHOTO_SLOT", slot, Action.KEEP, "other.photo.slot"),
                    _rec("PERSON", BBox(180, 180, 209, 190), Action.KEEP, "other.person", "李某某"))
    d = face_decision(1, face, beside_other, page)
    assert d.action is Action.KEEP and d.rule == "other.photo.beside_other_person", d
