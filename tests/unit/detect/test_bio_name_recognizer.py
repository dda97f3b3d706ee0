"""The name that opens an author's bio is a person's, whatever NER tags it (``cn_bio_name.v1``).

Seed 137, applicant 1 (杨玲): LAC tagged neither co-author's bio name (杨玲军, 高欣佳) as a person, one of them
as part of an "organisation" with the e-mail before it, so their thumbnail portraits had no other person's
name beside them and were removed as the applicant's.  Synthetic people only."""

from __future__ import annotations

import pytest

from redactor.detect.recognizers.cn_bio_name_recognizer import CnBioNameRecognizer


def _names(text: str) -> list[str]:
    return [text[r.start:r.end] for r in CnBioNameRecognizer().analyze(text, ["PERSON"])]


@pytest.mark.parametrize("text, name", [
    ("作者简介\n杨玲（1976—），女，博士，主管检验师", "杨玲"),
    ("通信作者E-mail：ylj1982@qq.com\n高欣佳（1963—），\uf981，硕士，教授", "高欣佳"),   # 女 as a compatibility ideograph
    ("主要研究方向为肌钙蛋白。杨玲军 (1982-), 男, 硕士", "杨玲军"),
    ("作者简介：特木尔·孟和（1977—），男，副主任医师", "特木尔·孟和"),
    ("通信作者。\n\uf9e1俊建（1965—），男，博士，教授", "\uf9e1俊建"),     # 李 as a compatibility ideograph (seed 179)
])
def test_a_bio_opening_with_name_birth_year_and_gender_names_a_person(text, name):
    assert _names(text) == [name]


@pytest.mark.parametrize("text", [
    "中华医学会（2019）指南",                     # an organisation and a year: no gender
    "作者简介：特木尔，孟和（1977—），男",          # two words read apart by a comma: the applicant's recogniser's case
    "参见王某某等（2019—2020），男性患者占 60%",    # not at a line start or after a label
])
def test_other_bracketed_years_name_no_one(text):
    assert _names(text) == []
