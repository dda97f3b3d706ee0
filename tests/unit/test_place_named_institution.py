"""Another institution whose name opens with the employer's, read from the characters, not from LAC's tags.

Fresh structure seed 84678 (applicant 2, a 干部任免审批表): the family members' 工作单位 cells print
内蒙古科技大学包头医学院 beside the applicant's 内蒙古科技大学.  LAC tagged that cell an organisation joined with
the cells before and after it (中共党员 / … / 家庭主要成员), or a noun, as its reading of the line breaks went, and
the employer's name there was removed in 8 of 16 placements.  The rest of the line is a place and an independent
institution's suffix whatever the tags say.  The LAC words below are the ones LAC gave on that form's text (the
values are the generator's synthetic ones)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from redactor.config import profile_from_mapping
from redactor.detect.recognizers.applicant_value_recognizer import ApplicantValueRecognizer

PROFILE = profile_from_mapping({"name": "诸葛琳", "employers": ["内蒙古科技大学", "内蒙科大"]})
EMPLOYER = "内蒙古科技大学"


def _boundaries(text: str, words: list[tuple[str, str]], key: str = "boundary") -> list[str | None]:
    """The boundary read for every match of the employer's name (or its ``key``: the evidence); ``words`` are
    LAC's (word, tag) in order."""
    spans, pos = [], 0
    for word, tag in words:
        start = text.index(word, pos)
        spans.append((start, start + len(word), tag))
        pos = start + len(word)
    artifacts = SimpleNamespace(tokens=SimpleNamespace(user_data={"lac_words": spans}))
    rec = ApplicantValueRecognizer(PROFILE)
    return [r.recognition_metadata.get(key) for r in rec.analyze(text, [], artifacts)
            if r.entity_type == "ORGANIZATION" and text[r.start:r.end] == EMPLOYER]


@pytest.mark.parametrize("text, words", [
    # tagged an organisation running on into the table's next label, one character a line
    ("1982.06\n中共党员\n内蒙古科技大学包头医学院\n家\n庭\n主\n要",
     [("1982.06", "TIME"), ("\n", "w"), ("中共党员\n内蒙古科技大学包头医学院\n家\n庭\n主\n", "ORG"), ("要", "v")]),
    # tagged a noun with the cell before it
    ("1984.08\n群众\n内蒙古科技大学包头医学院\n配偶",
     [("1984.08\n", "TIME"), ("群众\n内蒙古科技大学包头医学院", "n"), ("\n", "v"), ("配偶", "n")]),
    # no words at all (an OCR line LAC split otherwise)
    ("母亲\n内蒙古科技大学包头医学院\n", []),
])
def test_a_place_and_an_institutions_suffix_after_the_employer_make_another_body(text, words):
    assert _boundaries(text, words) == ["other_org_shared_prefix"]
    assert _boundaries(text, words, "boundary_evidence") == ["place_and_institution_suffix"]


@pytest.mark.parametrize("text, words", [
    # the applicant's own line: the employer and a title
    ("现任职务\n内蒙古科技大学讲师\n称谓", [("现任", "v"), ("职务", "n"), ("\n", "v"), ("内蒙古科技大学", "ORG"),
                                  ("讲师", "n"), ("\n", "w"), ("称谓", "n")]),
    # a college of the university: no place opens it
    ("单位\n内蒙古科技大学材料学院\n", []),
    # a place-named college on the next line is another cell's, not a longer name on this one
    ("内蒙古科技大学\n包头医学院\n", []),
    # a place and more than an institution's name: the run does not end in its suffix
    ("内蒙古科技大学包头校区教师\n", []),
])
def test_the_employers_own_lines_and_colleges_stay_the_employers(text, words):
    assert _boundaries(text, words) == [None]
