"""The employer's whole name as the value of its field (工作单位：…) is the employer, whatever LAC joins to it.

Fresh variety seed 27875, a 荣誉证书 with a portrait (an outlined PDF and a picture file): the employer's stamp ring
was read as the next lines of text (头市中心 / 公 / 色头市中心医院), LAC tagged the field's value and those lines as
one organisation ending in 医院, and policy kept the employer as another body's sharing its prefix; the final
check read it and repaired.  A field's value that ends its line is that field's whole value.  Synthetic values."""

from __future__ import annotations

from types import SimpleNamespace

from redactor.config import profile_from_mapping
from redactor.detect.recognizers.applicant_value_recognizer import ApplicantValueRecognizer

PROFILE = profile_from_mapping({"name": "宝音·塔娜", "employers": ["包头市中心医院", "包头中心医院"]})


def _boundaries(text: str, org_word: str) -> list[str | None]:
    s = text.index(org_word)
    artifacts = SimpleNamespace(tokens=SimpleNamespace(user_data={"lac_words": [(s, s + len(org_word), "ORG")]}))
    rec = ApplicantValueRecognizer(PROFILE)
    return [r.recognition_metadata.get("boundary") for r in rec.analyze(text, [], artifacts)
            if r.entity_type == "ORGANIZATION" and text[r.start:r.end] == "包头市中心医院"]


def test_a_fields_value_ending_its_line_is_the_employer():
    text = "荣誉证书\n工作单位：包头市中心医院\n头市中心\n公\n色头市中心医院\n〇二三年十二月五日"
    assert _boundaries(text, "包头市中心医院\n头市中心\n公\n色头市中心医院") == [None]


def test_the_same_name_running_on_in_its_line_or_without_a_field_is_still_another_bodys():
    # on its own line with no field word, and glued to the next body's name in the field's line, LAC's longer
    # organisation still decides (a member's 工作单位 cell: 包头市中心医院附属医院 stays that hospital's)
    text = "合作单位\n包头市中心医院\n头市中心医院"
    assert _boundaries(text, "包头市中心医院\n头市中心医院") == ["other_org_shared_prefix"]
    text = "工作单位：包头市中心医院附属口腔医院\n"
    assert _boundaries(text, "包头市中心医院附属口腔医院") == ["other_org_shared_prefix"]


def test_a_colleagues_unit_cell_is_the_employer_though_lac_runs_on_through_the_rows():
    """Structure seed 45406, a sideways two-up 项目任务书: LAC tagged a colleague's 工作单位 cell and the cells after
    it (职称, 分工, the next row's number, name and unit) as one organisation ending in 医院, and the employer there was
    kept as another body's; the final check repaired it.  A name wraps onto the next line, not past it."""
    text = "2\n马欣玲\n包头市中心医院\n工程师\n试验研究\n3\n周华\n包头市肿瘤医院\n工程师"
    assert _boundaries(text, "包头市中心医院\n工程师\n试验研究\n3\n周华\n包头市肿瘤医院") == [None]
    # wrapped once, onto the next line, a longer name is still another body's
    text = "3\n周华\n包头市中心医院\n眼科医院\n工程师"
    assert _boundaries(text, "包头市中心医院\n眼科医院") == ["other_org_shared_prefix"]
