"""The applicant's short name as the prefix of a co-author's bilingual name on an OCR'd author line.

Seed 9, applicant 1 (黄斌) on the OCRmyPDF-style scan of a paper: the co-author 黄斌峰's line is read by OCR as
``黄斌峰HUANG Binfeng`` (no space between the scripts) and LAC tags it as part of an organisation, so neither
LAC's PER word nor a list separator marks 黄斌峰 as a longer name; the applicant's 黄斌 in it was blacked out
(``a1/13-lunwen_b.scan_ocrmypdf.pdf#lunwen_b-004``).  The romanised name that follows is the evidence."""

from __future__ import annotations

import pytest

from redactor.config import profile_from_mapping
from redactor.detect.recognizers.applicant_value_recognizer import REJECTED_SCORE, ApplicantValueRecognizer

PROFILE = profile_from_mapping({
    "name": "黄斌", "id_number": "150204198108268291", "phones": ["15514019864"],
    "employers": ["包头市中心医院"], "name_aliases": ["HUANG Bin"], "emails": ["huangbin@139.com"],
})


def _name_results(text: str) -> list[tuple[str, float, str | None]]:
    rec = ApplicantValueRecognizer(PROFILE)
    out = []
    for r in rec.analyze(text, []):
        if r.entity_type == "PERSON" and text[r.start:r.end] == "黄斌":
            out.append((text[r.start:r.end], r.score, r.recognition_metadata.get("boundary")))
    return out


@pytest.mark.issue(10)
@pytest.mark.parametrize("line", ["黄斌峰HUANG Binfeng", "黄斌峰 HUANG Binfeng", "黄斌峰Binfeng Huang",
                                  "黄斌峰 Huang Bin-feng", "黄斌峰HUANG\xa0Binfeng"])
def test_prefix_of_a_coauthors_bilingual_name_is_kept(line):
    found = _name_results(line)
    assert found, "the applicant's name form is matched at all"
    assert all(score == REJECTED_SCORE and boundary == "inside_other_name" for _, score, boundary in found)


@pytest.mark.issue(10)
@pytest.mark.parametrize("line", ["黄斌HUANG Bin", "黄斌 HUANG Bin，包头市中心医院", "黄斌等HUANG Bin et al.",
                                  "黄斌华HUANG Bin", "黄斌手机Tel 15514019864"])
def test_the_applicants_own_bilingual_name_is_still_removed(line):
    found = _name_results(line)
    assert found and all(boundary is None and score > 0.5 for _, score, boundary in found)


@pytest.mark.issue(10)
@pytest.mark.parametrize("line", ["黄斌峰（1982—），女，硕士，工程师", "作者简介：黄斌峰 (1982-), 男"])
def test_prefix_of_a_coauthors_name_in_their_bio_is_kept(line):
    """Seed 137: the co-author's bio 杨玲军（1982—）, untagged by LAC, lost the applicant's 杨玲 inside it.  The birth
    year's bracket ends the whole name; the applicant's own bio (黄斌（1976—）) is the applicant's."""
    found = _name_results(line)
    assert found and all(boundary == "inside_other_name" for _, _, boundary in found)
    assert all(boundary is None for _, _, boundary in _name_results("黄斌（1976—），男，博士"))
