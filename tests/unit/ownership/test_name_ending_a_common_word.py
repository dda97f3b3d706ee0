"""A name that ends a common word (蓝天白云, 勇攀高峰) read by the final check: the ownership module's cue, the one
policy asks too.  Fresh words seed 66310 (an applicant 白云): 守护蓝天白云的生态环境 was removed by policy (the
particle 的 after the name) and would have been read standing alone by the check.  Synthetic names only."""

from __future__ import annotations

from redactor.config import profile_from_mapping
from redactor.model import BBox
from redactor.ownership.text_cues import ends_a_common_word
from redactor.verify import needles_for
from redactor.verify.search import LEAK, REVIEW, FoldedText, Unit, find_in_string, find_needles


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


def _row(text: str, x0: float, pitch: float) -> list[Unit]:
    """One OCR row in reading order, each character boxed; a negative pitch runs it right to left in the page's
    space, as a page scanned upside down does."""
    return [Unit(c, BBox(min(x0 + i * pitch, x0 + i * pitch + pitch), 600, max(x0 + i * pitch, x0 + i * pitch + pitch),
                         612)) for i, c in enumerate(text)]


def test_the_check_reads_what_comes_before_a_name_on_an_upside_down_scan():
    """Fresh words seed 66310: the applicant 白云's work summary scanned upside down.  Policy kept 蓝天白云 (the
    word) and the check, looking left of the name in the page's space, read what follows it there (的生态) and
    repaired it.  Before a name is where its row's reading order says."""
    needles = [n for n in needles_for(profile_from_mapping({"name": "白云"})) if n.category.value == "name"]
    for pitch in (12.0, -12.0):
        (hit,) = find_needles(FoldedText(_row("守护蓝天白云的生态环境", 300.0, pitch)), needles)
        assert hit.severity == REVIEW, (pitch, hit.reason)
        (hit,) = find_needles(FoldedText(_row("由白云主持验收", 300.0, pitch)), needles)
        assert hit.severity == LEAK, pitch
