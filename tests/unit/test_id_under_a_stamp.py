"""An ID number with one digit read as a CJK character: a stamp's ink over it (OCR of scans only).

Fresh structure seed 33548 (never tuned before it was run; a development seed since): a 继续教育合格证书 whose
issuer's seal is pressed over the holder's line 兹证明王淑珺同志（身份证号：150204198511173524）.  OCR read the
number's first digit, under the stamp's ring, as 科 -- 科50204198511173524 -- and the ID stayed on the released
page.  On OCR text, 17 of the 18 digits in order with one letter or CJK character in the place of the other are
the applicant's number; a text layer keeps needing all 18.
"""

from __future__ import annotations

from redactor.config import profile_from_mapping
from redactor.fields import applicant_forms
from redactor.variants import find_forms

PROFILE = profile_from_mapping({"name": "王淑珺", "id_number": "150204198511173524", "phones": ["13812345678"],
                                "employers": ["包头钢铁（集团）有限责任公司"]})


def _ids(text: str, fuzzy: bool) -> list[str]:
    return [text[m.start:m.end] for m in find_forms(text, applicant_forms(PROFILE), fuzzy=fuzzy)
            if m.form.category.value == "id_number"]


def test_a_digit_under_a_stamp_read_as_a_character_still_names_the_applicant():
    line = "兹证明王淑珺同志（身份证号区科50204198511173524）"
    assert _ids(line, fuzzy=True) == ["科50204198511173524"]
    assert _ids("证号15020419851117352科", fuzzy=True) == ["15020419851117352科"]
    assert _ids(line, fuzzy=False) == [], "a text layer needs the whole number"


def test_another_number_or_a_shorter_one_is_not_the_applicants():
    assert _ids("250204198511173524", fuzzy=True) == []          # one digit differs: another number
    assert _ids("1502041985111735", fuzzy=True) == []            # two digits short
    assert _ids("科科0204198511173524", fuzzy=True) == []         # two read wrong
