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


def test_a_digit_read_as_another_or_lost_under_a_stamp_still_names_the_applicant():
    """Structure seed 51738: the issuer's seal over 兹证明曹刚同志（身份证号：…） on a two-up scan; OCR read one
    copy's number with a 1 as 4 and the other's with a 2 lost.  Neither reading is a valid number (the check
    character catches every single wrong digit), so each is the applicant's number read wrong."""
    assert _ids("（身份证号：150204198541173524）", fuzzy=True) == ["150204198541173524"]     # 1 read as 4
    assert _ids("（身份证号：15020419851117524）", fuzzy=True) == ["15020419851117524"]       # a 3 lost
    assert _ids("（身份证号：15020419851117524）", fuzzy=False) == [], "a text layer needs the whole number"


def test_another_number_or_a_shorter_one_is_not_the_applicants():
    # another person's valid number, a sequence digit and so its check character apart: theirs, however close
    assert _ids("150204198511173620", fuzzy=True) == []
    assert _ids("1502041985111735", fuzzy=True) == []            # two digits short
    assert _ids("2502041985111735240", fuzzy=True) == []         # a longer number holding a near reading
    # two read wrong: no reading of the whole number -- but the digits after them are the tail (the birth date to
    # the check character, the applicant's alone) with four digits before it, in order: theirs as a cut reading
    assert _ids("科科0204198511173524", fuzzy=True) == ["0204198511173524"]
    assert _ids("科科0204198511173524", fuzzy=False) == []
