"""An e-mail address followed, without a separator, by the next line's number of a table cell.

Seed 9, applicant 1, the scanned Word form (``a1/17-word_shenbao.scanned.pdf``): the cell holding the applicant's
e-mail and the unit's office line came out as ``huangbin@139.com0472-8633255``; the address pattern took
``com0472-8633255`` for the domain, so the match of the applicant's pinyin mailbox (``huangbin@…``) ran over the
office line and blacked it out (``#word_shenbao-004``, covered 93 %)."""

from __future__ import annotations

import pytest

from redactor.config import profile_from_mapping
from redactor.fields import applicant_forms
from redactor.model import Category
from redactor.variants import find_forms

PROFILE = profile_from_mapping({
    "name": "黄斌", "id_number": "150204198108268291", "phones": ["15514019864"],
    "employers": ["包头市中心医院"], "emails": ["huangbin@139.com", "bin.huang@btzxyy.cn"],
})
OFFICE = "0472-8633255"


@pytest.mark.issue(10)
@pytest.mark.parametrize("mail", ["huangbin@139.com", "huang.bin@163.com", "bin.huang@btzxyy.cn"])
def test_a_number_glued_to_the_address_is_not_part_of_it(mail):
    text = f"电子邮箱{mail}{OFFICE}"
    spans = [text[m.start:m.end] for m in find_forms(text, applicant_forms(PROFILE)) if m.form.category is Category.EMAIL]
    assert spans == [mail]
    assert OFFICE not in "".join(spans)


def test_ordinary_addresses_still_match_whole():
    for text, mail in [("邮箱：bin.huang@btzxyy.cn，电话", "bin.huang@btzxyy.cn"), ("huangbin@139.com\n", "huangbin@139.com")]:
        spans = [text[m.start:m.end] for m in find_forms(text, applicant_forms(PROFILE))
                 if m.form.category is Category.EMAIL]
        assert spans == [mail]
