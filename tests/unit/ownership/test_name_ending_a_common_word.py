"""A name that ends a common word (蓝天白云, 勇攀高峰) read by the final check: the ownership module's cue, the one
policy asks too.  Fresh words seed 66310 (an applicant 白云): 守护蓝天白云的生态环境 was removed by policy (the
particle 的 after the name) and would have been read standing alone by the check.  Synthetic names only."""

from __future__ import annotations

from redactor.config import profile_from_mapping
from redactor.ownership.text_cues import ends_a_common_word
from redactor.verify import needles_for
from redactor.verify.search import LEAK, REVIEW, find_in_string


def _severities(text: str, name: str) -> list[str]:
    needles = [n for n in needles_for(profile_from_mapping({"name": name})) if n.category.value == "name"]
    return [h.severity for h in find_in_string(text, needles)]


def test_the_lexicon_word_a_name_ends():
    assert ends_a_common_word("守护蓝天", "白云") == "蓝天白云"
    assert ends_a_common_word("立志勇攀", "高峰") == "勇攀高峰"
    assert ends_a_common_word("由", "白云") is None and ends_a_common_word("", "白云") is None
    assert ends_a_common_word("申请人：", "高峰") is None


def test_the_final_check_reads_a_name_ending_a_common_word_as_the_word_and_a_name_alone_as_the_person():
    assert _severities("守护蓝天白云的生态环境", "白云") == [REVIEW]
    assert _severities("立志勇攀高峰。", "高峰") == [REVIEW]
    assert _severities("由白云主持验收。", "白云") == [LEAK]
    assert _severities("欢迎新高峰同志。", "高峰") == [LEAK]       # a title after it: the person, addressed
