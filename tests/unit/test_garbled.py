"""Text-layer runs with a broken Unicode mapping are routed to OCR (issue 10)."""

from __future__ import annotations

import pytest

from redactor.detect.recognizers.applicant_value_recognizer import _longer_name_evidence
from redactor.ingest.garbled import garbled_regions
from redactor.model import BBox, Char


def _line(text: str, y: float = 100.0) -> list[Char]:
    return [Char(c, BBox(50 + 10 * i, y, 59 + 10 * i, y + 10)) for i, c in enumerate(text)] + [Char("\n", None)]


@pytest.mark.issue(10)
@pytest.mark.parametrize("junk", ["▙㢞1)†", "ġǊԶʚ∗뻛Һҽǆک", "ⰰ⧔2)", "䳕㽳5)"])
def test_unmapped_author_lines_are_garbled(junk):
    regions = garbled_regions(_line(junk))
    assert regions, junk


@pytest.mark.parametrize("ok", ["王淑珺¹，李明华²", "Dvořák Ł., Müller K.", "α-Fe₂O₃ 的 XRD 图谱（①②）", "ā á ǎ à Lǚ",
                                "■ 个人简历 ★ 2020—2023", "Ｅ－ｍａｉｌ：ａｂｃ"])
def test_ordinary_text_is_not_garbled(ok):
    assert garbled_regions(_line(ok)) == ()


@pytest.mark.issue(10)
def test_a_name_heading_followed_by_the_next_field_is_not_a_longer_name():
    # LAC tags "芙莉莲\n女\n" as one PER word; the line break ends the name
    text = "芙莉莲\n女\n求职意向"
    assert _longer_name_evidence(text, 0, 3, [(0, 6, "PER")], ()) is None
    assert _longer_name_evidence("芙莉莲华是", 0, 3, [(0, 4, "PER")], ()) == "lac_word"


@pytest.mark.issue(10)
@pytest.mark.parametrize("text,start,end,expected", [
    ("发表于内蒙古大学学报（自然科学版）", 3, 8, "publication_title"),
    ("《内蒙古大学 学报》2021年第3期", 1, 6, "publication_title"),
    ("《包钢科技》", 1, 3, "publication_title"),
    ("工作单位：内蒙古大学物理学院", 5, 10, None),
    ("内蒙古大学，呼和浩特 010021", 0, 5, None),
])
def test_employer_inside_a_journal_title_is_the_journals(text, start, end, expected):
    from redactor.detect.recognizers.applicant_value_recognizer import _org_boundary

    assert _org_boundary(text, start, end, [], university=True) == expected


def test_a_subsidiary_named_after_the_employer_is_not_a_journal():
    from redactor.detect.recognizers.applicant_value_recognizer import _org_boundary

    assert _org_boundary("包钢科技发展有限公司", 0, 2, [], university=False) is None


def test_the_employer_twice_on_two_lines_read_as_one_word_is_still_the_employer():
    """A certificate's 工作单位：包头市中心医院 with the issuing line 包头市中心医院 under it: LAC read the two lines as one
    organisation ending in 医院, and the first mention passed for a longer body's name (fresh seed 199, an outlined
    荣誉证书: left in plain sight).  Another body that starts with the employer's name still is one."""
    from redactor.detect.recognizers.applicant_value_recognizer import _org_boundary

    text = "工作单位：包头市中心医院\n包头市中心医院"
    assert _org_boundary(text, 5, 12, [(5, len(text), "ORG")], university=False) is None
    longer = "包头市中心医院附属护理学院"
    assert _org_boundary(longer, 0, 7, [(0, len(longer), "ORG")], university=False) == "other_org_shared_prefix"
