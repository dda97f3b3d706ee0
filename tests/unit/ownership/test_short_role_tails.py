"""A two-character role of the applicant's (个人, 学生, 本人) is also the tail of longer words: 先进个人 and 三好学生 are
honours printed on certificates.  At a line's end such a word was read as the applicant's signature label, and on
a certificate scanned over a background picture the final check painted "pen strokes" beside it (found on a
synthetic honour certificate, ``test_electronic_seal_on_patterned_ground``).  The role labels only where it starts
its label: at the line's start, after a gap, punctuation or a non-CJK character.  Longer roles are unchanged."""

from __future__ import annotations

import pytest

from redactor.model import BBox
from redactor.ownership.signatures import signature_labels


def _boxes(text: str, gap_before: int | None = None) -> list[BBox]:
    out, x = [], 0.0
    for i, _ in enumerate(text):
        if i == gap_before:
            x += 20.0
        out.append(BBox(x, 0.0, x + 10.0, 10.0))
        x += 10.0
    return out


@pytest.mark.parametrize("text", ["被评为先进个人", "荣获三好学生", "先进个人"])
def test_an_honour_ending_in_a_short_role_is_no_label(text):
    assert [(own, label) for own, label, _ in signature_labels(text, _boxes(text), None)] == []


@pytest.mark.parametrize("text,gap,label", [
    ("个人", None, "个人"), ("本人：", None, "本人"), ("姓名本人：", 2, "本人"),       # starts its label, or after a gap
    ("签字人：本人", None, None),                                                    # after punctuation (and 签字人's)
    ("申请人签名", None, "申请人签名"), ("承诺人：", None, "承诺人"),                  # longer roles as before
])
def test_a_short_role_that_starts_its_label_still_labels(text, gap, label):
    found = [(own, lab) for own, lab, _ in signature_labels(text, _boxes(text, gap), None)]
    if label is None:
        assert (True, "本人") in found
    else:
        assert (True, label) in found
