"""A letter-spaced running head that names the employer's journal (realdocs2 R01: 西 安 交 通 大 学 学 报).

Policy reads the employer's name as a journal's title there (``publication_title``, spaces stripped) and keeps it;
the final check read the tail right after the name without crossing a space, saw the name standing alone and
repaired the header on two pages.  A letter-spaced hit's tail now keeps its spacing (``search._after_spaced``):
the check reads 学报 after it, as policy does.  A name that stops, or is followed by other words, is still a leak."""

from __future__ import annotations

import pytest

from redactor.fields import Needle
from redactor.model import Category
from redactor.verify.search import LEAK, REVIEW, FoldedText, find_needles

EMPLOYER = Needle("西安交通大学", Category.EMPLOYER, "employers", "value", "cjk")


def _severities(text: str) -> list[str]:
    return [h.severity for h in find_needles(FoldedText.of_string(text), [EMPLOYER])]


def test_a_spaced_journal_title_is_the_venue():
    assert _severities("西 安 交 通 大 学 学 报\n1 引言") == [REVIEW]


@pytest.mark.parametrize("text", ["西 安 交 通 大 学\n学报", "西安交通大学 学报", "西 安 交 通 大 学 党 委",
                                  "工作单位：西 安 交 通 大 学"])
def test_the_employer_that_stops_or_goes_on_in_other_words_is_a_leak(text):
    assert _severities(text) == [LEAK]
