"""An unread stamp on a page headed by the employer's removed name is at the employer's place (the seal
channel; found on a 在职证明 of seed 31's variety corpus: a faint, partial double-ring impression read as
（集团）有限责任公司, kept by the policy as another organisation's and passed by verification).

The words pressed under it were 人事处 and the date, 二〇二四年三月十七日 with 年 drawn as the CJK
compatibility ideograph U+F98E: together seven characters with an organisation word (处), which made
them "another organisation's name printed under the stamp"."""

from __future__ import annotations

from redactor.model import BBox
from tests.unit.verify.test_stamp_on_a_printed_name import _row
from redactor.verify.seals import _employers_place

STAMP = BBox(373, 576, 472, 695)
LETTERHEAD = BBox(121, 38, 478, 67)            # the employer's name, removed
PAGE_HEIGHT = 842.0
UNDER = [_row("人事处", 395, 600), _row("二〇二四\uf98e三月十七日", 370, 630)]
DATE_AND_DEPARTMENT = [_row("人事处\n二〇二四\uf98e三月十七日", 380, 620, pitch=8.0)]


def test_an_unread_stamp_under_the_employers_letterhead_is_at_its_place():
    place = _employers_place(STAMP, (LETTERHEAD,), UNDER, PAGE_HEIGHT)
    assert "letterhead" in place
    assert "letterhead" in _employers_place(STAMP, (LETTERHEAD,), DATE_AND_DEPARTMENT, PAGE_HEIGHT)


def test_not_when_something_is_printed_above_the_removed_name_or_it_lies_low_on_the_page():
    above = [_row("附件", 60, 20)] + UNDER              # the page's first line is not the employer
    assert _employers_place(STAMP, (LETTERHEAD,), above, PAGE_HEIGHT) == ""
    body = BBox(121, 300, 478, 320)                     # the employer named in the letter's body
    assert _employers_place(STAMP, (body,), UNDER, PAGE_HEIGHT) == ""


def test_another_organisation_printed_under_the_stamp_still_makes_it_that_bodys():
    named = [_row("包头市继续教育中心", 380, 620)]
    assert _employers_place(STAMP, (LETTERHEAD,), named, PAGE_HEIGHT) == ""
