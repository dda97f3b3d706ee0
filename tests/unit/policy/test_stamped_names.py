"""The applicant's name read through a stamp (issue 80 class 5; the marks subset, seed 11, applicant 1): a
会员证书 scanned with the issuer's seal across the holder's 姓名 line; OCR read 谢兰 as 谢三, the labelled-field
recogniser proposed 谢三, policy kept it as another person's and the final check, reading the same ink, passed it.
Synthetic names and boxes."""

from __future__ import annotations

from redactor.model import Action, BBox, Decision, Finding
from redactor.policy.stamped_names import RULE, names_read_through_stamps

SEAL = BBox(365, 127, 496, 218)
VALUE = BBox(406, 159, 435, 187)         # 谢三, inside the stamp


def _person(text: str, box: BBox = VALUE, label: str = "姓名") -> Decision:
    f = Finding(1, "PERSON", (box,), "cn_labelled_field.v1", 0.9, text=text, start=0, end=len(text),
                explanation=(("label", label), ("source", "ocr")))
    return Decision(f, Action.KEEP, "other.person", "another person")


def _seal(box: BBox = SEAL) -> Decision:
    return Decision(Finding(1, "SEAL", (box,), "seal.v1", 1.0), Action.KEEP, "other.seal", "issuer's")


def _decide(*ds: Decision, names=("谢兰",)) -> list[Decision]:
    return names_read_through_stamps(list(ds), list(names), 0.5)


def test_the_holders_name_misread_under_the_issuers_stamp_is_the_applicants():
    (d, _) = _decide(_person("谢三"), _seal())
    assert d.action is Action.REDACT and d.rule == RULE and d.profile_field == "name"


def test_a_name_read_differently_where_no_stamp_is_stays_another_persons():
    away = BBox(406, 400, 435, 428)
    assert _decide(_person("谢三", away), _seal())[0].rule == "other.person"
    # the differing character outside the stamp, the agreeing one under it: no evidence of a misread
    half = BBox(470, 159, 520, 187)      # 谢 under the ring's edge (x < 496), 三 outside it
    assert _decide(_person("谢三", half), _seal())[0].rule == "other.person"


def test_a_name_sharing_too_little_or_of_another_length_stays_another_persons():
    assert _decide(_person("谢五"), _seal())[0].action is Action.REDACT                     # 1 of 2 agree (the share)
    assert _decide(_person("王五"), _seal())[0].rule == "other.person"                      # none agree
    assert _decide(_person("谢梅花"), _seal())[0].rule == "other.person"                    # another length, no
    #                                                                                       name of theirs in it
    assert _decide(_person("张三丰"), _seal(), names=("张伟强",))[0].rule == "other.person"  # 1 of 3 agree


def test_only_the_applicants_own_name_field_and_only_with_a_stamp_on_the_page():
    assert _decide(_person("谢三", label="推荐人姓名"), _seal())[0].rule == "other.person"
    assert _decide(_person("谢三"))[0].rule == "other.person"


def test_the_stamps_ink_read_as_more_of_the_name_goes_with_the_stamp():
    """marks seed 913, applicant 3: 周珊珊 read 周珊珊章 with the seal's 章 across the line's end; kept as another
    person whose name contains the applicant's, and the check, reading the same, passed it."""
    line = BBox(260, 169, 316, 189)                 # four characters, 14 pt each
    seal = BBox(241, 126, 345, 230)
    (d, _) = names_read_through_stamps([Decision(_person("周珊珊章", line).finding, Action.KEEP,
                                                 "other.person.shares_name", "another person"), _seal(seal)],
                                       ["周珊珊"], 0.5)
    assert d.action is Action.REDACT and d.rule == RULE and d.profile_field == "name"
    (box,) = d.finding.boxes
    assert abs(box.x0 - 260) < 0.01 and abs(box.x1 - 302) < 0.01     # the name's three characters, not the 章
    # the character beyond the name where no stamp is: a longer name (杨玲军 beside 杨玲), another person's
    clear = BBox(200, 169, 256, 189)
    short_seal = BBox(241, 126, 300, 230)           # over 周珊珊's last two, not the fourth character
    (d, _) = names_read_through_stamps([Decision(_person("周珊珊章", line).finding, Action.KEEP,
                                                 "other.person.shares_name", "another person"), _seal(short_seal)],
                                       ["周珊珊"], 0.5)
    assert d.rule == "other.person.shares_name"
    assert _decide(_person("谢兰花", clear), _seal())[0].rule == "other.person"
    # a name before the applicant's, all of it under the stamp (the ring's text read ahead of the name)
    (d, _) = names_read_through_stamps([_person("章周珊珊", line), _seal(seal)], ["周珊珊"], 0.5)
    assert d.action is Action.REDACT and abs(d.finding.boxes[0].x0 - 274) < 0.01


def test_the_names_rest_under_the_stamp_not_read_at_all_goes_with_it():
    """A fresh marks seed, applicant 2: 司马瑶 read 司马, 瑶 under the ring unread; NER tagged 司马 a person, kept as
    another's, and the check, reading the same, passed it.  The field's value place runs on over the stamp."""
    read = BBox(251, 156, 282, 186)                  # 司马: two characters, 15.5 pt each
    seal = BBox(232, 124, 337, 228)                  # over the place of the third
    (d, _) = names_read_through_stamps([_person("司马", read), _seal(seal)], ["司马瑶"], 0.5)
    assert d.action is Action.REDACT and d.rule == RULE
    (box,) = d.finding.boxes
    assert abs(box.x0 - 251) < 0.01 and abs(box.x1 - 297.5) < 0.01     # 司马 and the place of 瑶
    # the rest's place clear of every stamp: a shorter name, another person's
    (d, _) = names_read_through_stamps([_person("司马", read), _seal(BBox(100, 300, 180, 380))], ["司马瑶"], 0.5)
    assert d.rule == "other.person"
    # too little of the name read (1 of 3 is under the share)
    (d, _) = names_read_through_stamps([_person("司", BBox(251, 156, 266, 186)), _seal(seal)], ["司马瑶"], 0.5)
    assert d.rule == "other.person"


def test_a_name_ner_found_alone_is_in_the_own_name_field_by_the_fields_place():
    """NER's finding carries no label: the page's structure says the place of the applicant's 姓名 value."""
    from redactor.ownership.structure import TextRun, read_page

    def run(text: str, x: float, y: float) -> TextRun:
        return TextRun(text, tuple(BBox(x + 15.5 * i, y, x + 15.5 * i + 15, y + 30) for i in range(len(text))))

    page = read_page([run("会员证书", 200, 60), run("姓名：", 204, 156), run("司马", 251, 156),
                      run("性别：女", 204, 200), run("工作单位：北海市第三测绘院", 204, 244)], 1, 595, 842)
    f = Finding(1, "PERSON", (BBox(251, 156, 282, 186),), "lac_ner.v1", 0.85, text="司马", start=0, end=2,
                explanation=(("source", "ocr"),))
    seal = BBox(232, 124, 337, 228)
    (d, _) = names_read_through_stamps([Decision(f, Action.KEEP, "other.person", "another person"), _seal(seal)],
                                       ["司马瑶"], 0.5, {1: page})
    assert d.action is Action.REDACT and d.rule == RULE
    # without the page's structure nothing says whose field it is
    (d, _) = names_read_through_stamps([Decision(f, Action.KEEP, "other.person", "another person"), _seal(seal)],
                                       ["司马瑶"], 0.5)
    assert d.rule == "other.person"
