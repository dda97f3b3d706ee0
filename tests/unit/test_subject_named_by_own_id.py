"""The subject of a form or card whose own 身份证号 cell holds the applicant's ID number is the applicant, so the
name in its 姓名 cell is theirs (``ownership.subject_values.subject_names``).

Fresh variety seed 68872, applicant 0: a phone photo of a 资格证书; ingest's OCR read the holder's 王淑珺 as 王淑君
(珺 read as the part of it it knows), policy kept it as another person's, the portrait beside it too, and the final
check, reading 王淑珺, repaired both.  The ID number in the holder's 身份证号 cell was the profile's: the card's
subject is the applicant.  A name one character off the profile's is a misreading (removed); any other name there
is removed for a person to look at; a name elsewhere, or a card whose ID is not the profile's, stays.  Fake names."""

from __future__ import annotations

from redactor.model import Action, ApplicantProfile, BBox, Decision, Finding
from redactor.ownership.structure import read_page, runs_from_chars
from redactor.ownership.subject_values import subject_names
from tests.pages import lines_page

PROFILE = ApplicantProfile(name="王淑珺", id_number="150203198510177009", employers=("包头钢铁（集团）有限责任公司",))


def _page(lines):
    p = lines_page(lines)
    return {1: read_page(runs_from_chars((c.c, c.bbox) for c in p.chars), 1, 595, 842)}


def _card(name: str, number: str = "150203198510177009"):
    return _page([("资格证书", 250, 60), ("姓名", 100, 120), (name, 160, 120), ("身份证号", 100, 150), (number, 160, 150),
                  ("工作单位", 100, 180), ("包头钢铁（集团）有限责任公司", 160, 180)])


def _person(name: str, box: BBox) -> Decision:
    f = Finding(page=1, entity_type="PERSON", boxes=(box,), recognizer="lac_ner.v1", score=0.85, text=name,
                start=0, end=len(name))
    return Decision(f, Action.KEEP, "other.person", "another person's name")


def _own_id(box: BBox = BBox(160, 150, 340, 160)) -> Decision:
    f = Finding(page=1, entity_type="CN_RESIDENT_ID", boxes=(box,), recognizer="applicant_value.v1", score=1.0,
                text=PROFILE.id_number, start=0, end=18)
    return Decision(f, Action.REDACT, "own.id_number", "the applicant's ID number", profile_field="id_number")


NAME_BOX = BBox(160, 120, 190, 130)


def test_a_misread_holder_name_on_a_card_with_the_applicants_id_is_theirs():
    out = subject_names([_person("王淑君", NAME_BOX), _own_id()], PROFILE, _card("王淑君"))
    d = out[0]
    assert d.action is Action.REDACT and d.rule == "own.name.subject" and not d.needs_review


def test_another_name_there_is_removed_for_a_person_to_look_at():
    d = subject_names([_person("李四海", NAME_BOX), _own_id()], PROFILE, _card("李四海"))[0]
    assert d.action is Action.REDACT and d.needs_review


def test_a_card_whose_id_is_not_the_applicants_keeps_its_holder():
    other_id = Decision(_own_id().finding, Action.KEEP, "other.id_number", "another person's ID number")
    d = subject_names([_person("王淑君", NAME_BOX), other_id], PROFILE, _card("王淑君", "150203198510177017"))[0]
    assert d.action is Action.KEEP


def test_a_name_outside_the_subject_place_stays():
    pages = _page([("资格证书", 250, 60), ("姓名", 100, 120), ("王淑君", 160, 120), ("身份证号", 100, 150),
                   ("150203198510177009", 160, 150), ("审核人：王淑君", 100, 300)])
    d = subject_names([_person("王淑君", BBox(150, 300, 180, 310)), _own_id()], PROFILE, pages)[0]
    assert d.action is Action.KEEP


def test_a_word_of_the_applicants_removed_name_is_left_as_it_is():
    """Seed 179's black-and-white 送审表: NER tagged 娜仁花 of the applicant's removed 娜仁花·托娅 as a person of its
    own; it lies in the removed name and needs no second removal, nor a person to look."""
    whole = Decision(Finding(page=1, entity_type="PERSON", boxes=(BBox(160, 120, 220, 130),),
                             recognizer="applicant_value.v1", score=1.0, text="娜仁花·托娅", start=0, end=6),
                     Action.REDACT, "own.name", "the applicant's name")
    d = subject_names([_person("娜仁花", NAME_BOX), whole, _own_id()], PROFILE, _card("娜仁花·托娅"))[0]
    assert d.action is Action.KEEP


def _certificate(line: str, issuer_line: str = "内蒙古自治区人力资源和社会保障厅"):
    return _page([("专业技术人员继续教育合格证书", 180, 60), (line, 60, 120), ("工作单位：包头钢铁（集团）有限责任公司", 60, 150),
                  ("于2023年参加专业技术人员继续教育，经考核合格，特发此证。", 60, 180), (issuer_line, 330, 300)])


def test_a_misread_holder_on_a_certificate_whose_holder_line_holds_the_applicants_id_is_theirs():
    """Structure seed 64033: a scanned 继续教育合格证书's holder line 兹证明王淑珺同志（身份证号：…）, the name read 王淑君
    by ingest's OCR and kept as another person's; the final check read 王淑珺 and repaired it, on both the scan and
    its two-up copy.  A certificate names its holder in that line with their ID number: the place that names the
    holder runs on over the profile's number, so the name there is the applicant's (one character misread:
    removed without review).  A certificate whose holder line holds another number keeps its holder."""
    line = "兹证明王淑君同志（身份证号：150203198510177009）"
    pages = _certificate(line)
    assert pages[1].certificate and pages[1].subject
    name_box = BBox(60 + 3 * 10, 120, 60 + 6 * 10, 130)           # lines_page sets 10 pt a character
    id_box = BBox(60 + 14 * 10, 120, 60 + 32 * 10, 130)
    d = subject_names([_person("王淑君", name_box), _own_id(id_box)], PROFILE, pages)[0]
    assert d.action is Action.REDACT and d.rule == "own.name.subject" and not d.needs_review
    other = Decision(_own_id(id_box).finding, Action.KEEP, "other.id_number", "another person's ID number")
    assert subject_names([_person("王淑君", name_box), other], PROFILE,
                         _certificate("兹证明王淑君同志（身份证号：150203198510177017）"))[0].action is Action.KEEP


def test_a_name_ner_read_across_a_line_break_is_judged_on_its_line():
    """Bitonal seed 66090, applicant 0 (never tuned on): a thresholded 送审表 whose 姓名 cell OCR read 王淑培 (珺 read
    wrong), and LAC joined it to the next row's first character (曾 of 曾用名, read 竹): one person 王淑培\\n竹 over two
    lines, whose box was no subject place -- the name and the portrait beside it went out.  The line of it that
    lies in the subject place is judged; the row's label keeps its character."""
    pages = _page([("资格证书", 250, 60), ("姓名", 100, 120), ("王淑培", 160, 120), ("竹用名", 100, 150),
                   ("身份证号", 100, 180), ("150203198510177009", 160, 180)])
    across = Finding(page=1, entity_type="PERSON", boxes=(NAME_BOX, BBox(100, 150, 110, 160)), recognizer="lac_ner.v1",
                     score=0.85, text="王淑培\n竹", start=0, end=5)
    d = subject_names([Decision(across, Action.KEEP, "other.person", "another person's name"),
                       _own_id(BBox(160, 180, 340, 190))], PROFILE, pages)[0]
    assert d.action is Action.REDACT and d.rule == "own.name.subject", d.rule
    assert d.finding.boxes == (NAME_BOX,) and d.finding.text == "王淑培"


def test_a_name_read_across_a_line_break_with_a_box_a_character_is_narrowed_to_its_line():
    """Bitonal seed 13376, applicant 1: a sideways 送审表 whose 姓    名 OCR read a character to a line; LAC joined the
    label's 名 to the name after it (名\\n王淑君, 珺 read wrong, one person to it), with OCR's box a character.  The
    name's line is the subject's; the label's character is not painted with it."""
    pages = _page([("资格证书", 250, 60), ("姓", 100, 120), ("名", 124, 120), ("王淑君", 160, 120),
                   ("身份证号", 100, 150), ("150203198510177009", 160, 150)])
    chars = (BBox(124, 120, 134, 130), BBox(160, 120, 170, 130), BBox(170, 120, 180, 130), BBox(180, 120, 190, 130))
    across = Finding(page=1, entity_type="PERSON", boxes=chars, recognizer="lac_ner.v1", score=0.85,
                     text="名\n王淑君", start=0, end=5)
    d = subject_names([Decision(across, Action.KEEP, "other.person", "another person's name"), _own_id()],
                      PROFILE, pages)[0]
    assert d.action is Action.REDACT and d.rule == "own.name.subject", d.rule
    assert d.finding.boxes == (BBox(160, 120, 190, 130),) and d.finding.text == "王淑君"


def test_the_applicants_id_under_a_misread_label_still_names_the_subject():
    """The same 送审表: its 证件号码 label read 证件码 (no label), so no 身份证号 cell held the profile's number.  The
    profile's number printed in the group the subject place heads, no other 姓名 cell between, names the subject;
    below another person's 姓名 cell it does not."""
    lines = [("送审登记表", 250, 60), ("姓名", 100, 120), ("王淑培", 160, 120), ("证件码", 100, 150),
             ("150203198510177009", 160, 150), ("工作单位", 100, 180), ("包头钢铁（集团）有限责任公司", 160, 180),
             ("移动电话", 100, 210), ("电子邮箱", 100, 240)]
    d = subject_names([_person("王淑培", NAME_BOX), _own_id()], PROFILE, _page(lines))[0]
    assert d.action is Action.REDACT and d.rule == "own.name.subject", d.rule
    theirs = lines[:3] + lines[5:] + [("姓名", 100, 300), ("李四海", 160, 300), ("证件码", 100, 330),
                                      ("150203198510177009", 160, 330)]
    d = subject_names([_person("王淑培", NAME_BOX), _own_id(BBox(160, 330, 340, 340))], PROFILE, _page(theirs))[0]
    assert d.action is Action.KEEP
