"""A name wrapped over two of OCR's lines is not letter-spaced (a fresh marks seed, a 会员证书 scanned in landscape).

The applicant 乌日娜·乌云's name read by OCR as two lines, 乌日娜. and 乌云, the spaced label 性 别 below read one
character a line: the match '乌日娜.\\n乌云' took the line break for a letter-spaced name's spacing, and the next
line's 别 for the name going on -- "inside another person's name" (spaced_name): the name kept, the portrait with
it as that person's, and the check, judging spaced names the same way, passed it.  Letter spacing runs along the
line (spaces, ideographic spaces, no-break spaces); a line break is none.  Detection and the check alike."""

from __future__ import annotations

from redactor.detect.recognizers.applicant_value_recognizer import _letter_gap, _longer_name_evidence
from redactor.verify.search import Unit, _spaced_name_goes_on

WRAPPED = "会员证书\n姓\n名：乌日娜.\n乌云\n别：女\n出生年月：1988年"
SPACED = "合作者：韩 冰 洁、王芳\n"


def test_a_line_break_inside_the_match_is_no_letter_spacing():
    assert _letter_gap("乌日娜.\n乌云") == ""
    assert _letter_gap("韩 冰") == " " and _letter_gap("韩\u3000冰") == "\u3000"


def test_detection_keeps_a_wrapped_name_the_applicants_and_a_spaced_longer_name_anothers():
    start = WRAPPED.index("乌日娜")
    end = WRAPPED.index("乌云") + 2
    assert _longer_name_evidence(WRAPPED, start, end, [], ()) is None
    s = SPACED.index("韩")
    assert _longer_name_evidence(SPACED, s, s + 3, [], ()) == "spaced_name"       # 韩 冰 -> 韩 冰 洁、


def test_the_check_judges_them_alike():
    units = [Unit(c) for c in WRAPPED]
    start = WRAPPED.index("乌日娜")
    assert not _spaced_name_goes_on(units, start, WRAPPED.index("乌云") + 2)
    units = [Unit(c) for c in SPACED]
    s = SPACED.index("韩")
    assert _spaced_name_goes_on(units, s, s + 3)
