"""Policy with decoys: only the applicant's own values are removed.

Runs the real text analyser (LAC + presidio) on text, then the policy, and
checks which strings end up removed and which are kept.
"""

import pytest

from redactor.model import Action, BBox, Char, Page
from redactor.policy import decide
from tests.synth import APPLICANT, COLLEAGUE_ID, CONTRACT_NO, OFFICE_LINE


def _page(text: str) -> Page:
    chars = tuple(Char(c, None if c == "\n" else BBox(i, 0, i + 1, 1)) for i, c in enumerate(text))
    return Page(number=1, width=1000, height=100, text=text, chars=chars)


def _run(detector, cfg, profile, text):
    from redactor.model import Document

    page = _page(text)
    doc = Document(source="t", working_pdf="", input_kind="pdf", pages=(page,), input_sha256="")
    plan = decide(detector.detect(doc, profile), profile, cfg.policy)
    removed = {text[d.finding.start:d.finding.end] for d in plan.decisions if d.action is Action.REDACT}
    kept = {text[d.finding.start:d.finding.end]: d for d in plan.decisions if d.action is Action.KEEP}
    return removed, kept


@pytest.mark.parametrize(
    "text, must_remove, must_keep",
    [
        (f"姓名：{APPLICANT.name}  推荐人：李明华", {APPLICANT.name}, {"李明华"}),
        ("作者：王淑珺，王淑华，王芳芳", {"王淑珺"}, {"王淑华", "王芳芳"}),
        (f"身份证号：{APPLICANT.id_number}；同事身份证号：{COLLEAGUE_ID}", {APPLICANT.id_number}, {COLLEAGUE_ID}),
        (f"合同编号：{CONTRACT_NO}", set(), set()),
        (f"联系电话：138-1234-5678，办公电话：{OFFICE_LINE}", {"138-1234-5678"}, {OFFICE_LINE}),
        ("合作单位：包头钢铁职业技术学院", set(), {"包头钢铁职业技术学院"}),
        ("现任包钢集团技术中心高级工程师", {"包钢集团"}, set()),
        ("发证机关：内蒙古自治区人力资源和社会保障厅", set(), {"内蒙古自治区人力资源和社会保障厅"}),
        ("申请人王淑珺同志", {"王淑珺"}, set()),
    ],
)
def test_only_own_values_are_removed(detector, text_cfg, applicant_profile, text, must_remove, must_keep):
    removed, kept = _run(detector, text_cfg, applicant_profile, text)
    assert must_remove <= removed, f"not removed: {must_remove - removed}"
    for k in must_keep:
        assert k not in removed
        assert not any(k in r or r in k for r in removed if len(r) > 1 and r not in must_remove), removed
    for k in must_keep:
        assert k in kept, f"{k} should be listed as kept; kept={list(kept)}"


@pytest.mark.issue(2)
def test_name_that_is_a_prefix_of_a_colleague_is_kept(detector, text_cfg):
    from redactor.config import profile_from_mapping

    li_ming = profile_from_mapping({"name": "李明", "employers": ["内蒙古大学"]})
    removed, kept = _run(detector, text_cfg, li_ming, "作者：李明，李明华，张伟（内蒙古大学）")
    assert "李明" in removed
    assert "李明华" not in removed and "李明华" in kept
    assert kept["李明华"].reason


def test_kept_reasons_name_no_values(detector, text_cfg, applicant_profile):
    _, kept = _run(detector, text_cfg, applicant_profile, f"推荐人：李明华，电话{OFFICE_LINE}，身份证号{COLLEAGUE_ID}")
    for value, d in kept.items():
        assert value not in d.reason and d.rule


@pytest.mark.parametrize(
    "seal_text, removed",
    [
        ("包头钢铁（集团）有限责任公司", True),
        ("头調铁（集团）有限责任", True),             # partial ring reading with a confused character
        ("包钢集团", True),                           # alias
        ("包大钢铁，集团有限责任二品 技术中心", True),  # brackets read as a comma or lost (issue #10, faint oval)
        ("包头钢铁职业技术学院", False),              # shares only a prefix
        ("包头市人民政府", False),
        ("内蒙古自治区人力资源和社会保障厅", False),
        ("包头钢铁（集团）有限责任公司人事处", True),   # a sub-unit's seal names the employer
        ("包头钢铁（集团）有限责任公司合同专用章", True),
    ],
)
def test_seal_belongs_to_employer(text_cfg, applicant_profile, seal_text, removed):
    from redactor.model import Finding
    from redactor.policy import rules
    from redactor.fields import applicant_forms

    f = Finding(page=1, entity_type="SEAL", boxes=(BBox(0, 0, 10, 10),), recognizer="seal.v1", score=1.0,
                text=seal_text, explanation=(("readable", True),))
    d = rules.region(f, rules.ProfileKeys(applicant_profile, applicant_forms(applicant_profile)), text_cfg.policy)
    assert (d.action is Action.REDACT) is removed, d.reason


@pytest.mark.parametrize(
    "label, removed",
    [("申报人签字", True), ("本人签名", True), ("承诺人", True), ("审核人", False), ("负责人签字", False),
     ("专家签名", False), ("", False)],
)
def test_signature_ownership_by_label(text_cfg, applicant_profile, label, removed):
    from redactor.model import Finding
    from redactor.policy import rules
    from redactor.fields import applicant_forms

    f = Finding(page=1, entity_type="SIGNATURE", boxes=(BBox(0, 0, 10, 10),), recognizer="signature.v1", score=0.9,
                explanation=(("label", label),))
    d = rules.region(f, rules.ProfileKeys(applicant_profile, applicant_forms(applicant_profile)), text_cfg.policy)
    assert (d.action is Action.REDACT) is removed, d.reason


@pytest.mark.parametrize("seal_text, employers, removed", [
    ("包头市继续教育中心", ["包头市中心医院", "包头中心医院"], False),     # shares only 包头市 and 中心
    ("包头市中心医院", ["包头市中心医院"], True),
    ("头市中心医", ["包头市中心医院"], True),                          # partial ring reading
    ("内蒙古科技大学", ["内蒙古农牧业科学院", "农牧科学院"], False),
    ("内蒙古科技大学包头医学院", ["内蒙古科技大学", "内蒙科大"], False),     # a separate institution
    ("蒙古科技大", ["内蒙古科技大学", "内蒙科大"], True),
])
def test_seal_similarity_ignores_shared_city_and_suffix(text_cfg, seal_text, employers, removed):
    from redactor.config import profile_from_mapping
    from redactor.model import Finding
    from redactor.policy import rules
    from redactor.fields import applicant_forms

    prof = profile_from_mapping({"name": "谢兰", "employers": employers})
    f = Finding(page=1, entity_type="SEAL", boxes=(BBox(0, 0, 10, 10),), recognizer="seal.v1", score=1.0,
                text=seal_text, explanation=(("readable", True),))
    d = rules.region(f, rules.ProfileKeys(prof, applicant_forms(prof)), text_cfg.policy)
    assert (d.action is Action.REDACT) is removed, d.reason


@pytest.mark.parametrize("text, must_remove, must_keep", [
    ("现任内蒙古科技大学材料学院教师", {"内蒙古科技大学"}, set()),
    ("就职于内蒙科大材料学院", {"内蒙科大"}, set()),
    ("合作单位：内蒙古科技大学包头医学院", set(), {"内蒙古科技大学包头医学院"}),
])
def test_university_colleges_are_sub_units_but_place_named_colleges_are_not(detector, text_cfg, text, must_remove, must_keep):
    from redactor.config import profile_from_mapping

    prof = profile_from_mapping({"name": "欧阳琰", "employers": ["内蒙古科技大学", "内蒙科大"]})
    removed, kept = _run(detector, text_cfg, prof, text)
    assert must_remove <= removed, removed
    for k in must_keep:
        assert not any(r in k for r in removed), removed


@pytest.mark.parametrize("text, removed_count", [
    ("白静、白静波、周芳", 1),               # the list item 白静波 is someone else
    ("审核人：白静波", 0),
    ("白静波 1*，白静 2，周芳 2", 1),
    ("白静等三人完成", 1),
    ("申请人白静高工，", 1),
    ("白静老师、周芳", 1),
])
def test_two_character_name_inside_a_colleagues_longer_name(detector, text_cfg, text, removed_count):
    from redactor.config import profile_from_mapping

    prof = profile_from_mapping({"name": "白静", "employers": ["内蒙古农牧业科学院"]})
    page = _page(text)
    from redactor.model import Document

    doc = Document(source="t", working_pdf="", input_kind="pdf", pages=(page,), input_sha256="")
    plan = decide(detector.detect(doc, prof), prof, text_cfg.policy)
    names = [d for d in plan.redactions if d.finding.category and d.finding.category.value == "name"]
    assert len(names) == removed_count, [(text[d.finding.start:d.finding.end], d.rule) for d in plan.redactions]
    assert all(text[d.finding.start:d.finding.end] == "白静" for d in names)


@pytest.mark.parametrize("mode, on_form, removed", [
    ("on_forms", True, True), ("on_forms", False, False), ("redact", False, True), ("keep", True, False),
])
def test_unreadable_seal_policy(text_cfg, applicant_profile, mode, on_form, removed):
    from redactor.model import Finding
    from redactor.policy import rules
    from redactor.fields import applicant_forms

    cfg = text_cfg.policy.model_copy(update={"unreadable_seal": mode})
    f = Finding(page=1, entity_type="SEAL", boxes=(BBox(0, 0, 10, 10),), recognizer="seal.v1", score=0.5, text="",
                explanation=(("readable", False), ("on_form", on_form)))
    d = rules.region(f, rules.ProfileKeys(applicant_profile, applicant_forms(applicant_profile)), cfg)
    assert (d.action is Action.REDACT) is removed and d.needs_review


def test_name_followed_by_an_ocr_superscript_marker_is_still_the_applicant(detector, text_cfg):
    from redactor.config import profile_from_mapping

    prof = profile_from_mapping({"name": "周志", "employers": ["包头市中心医院"]})
    removed, _ = _run(detector, text_cfg, prof, "作者：周志²，李明华¹")
    assert "周志" in removed


@pytest.mark.issue(4)
@pytest.mark.parametrize("reading, removed", [
    ("包头钢铁（集团）有限责任公司 2024年6月17日", True),     # a date stamped over the seal is read with it
    ("包头钢铁（集团）有限责任公司 2024捧月17日", True),
    ("内蒙古自治区人力资源和社会保障厅 2024年6月17日", False),
])
def test_seal_reading_with_a_date_over_it(text_cfg, reading, removed):
    from redactor.config import profile_from_mapping
    from redactor.model import Finding
    from redactor.policy import rules
    from redactor.fields import applicant_forms

    prof = profile_from_mapping({"name": "王淑珺", "employers": ["包头钢铁（集团）有限责任公司", "包钢集团"]})
    f = Finding(page=1, entity_type="SEAL", boxes=(BBox(0, 0, 10, 10),), recognizer="seal.v1", score=0.9, text=reading,
                explanation=(("readable", True), ("on_form", False)))
    d = rules.region(f, rules.ProfileKeys(prof, applicant_forms(prof)), text_cfg.policy)
    assert (d.action is Action.REDACT) is removed, d.rule


@pytest.mark.issue(4)
def test_form_pages_run_from_the_title_to_an_appended_certificate():
    from redactor.detect import _form_pages

    def page(i: int, t: str, title_y: float = 5.0) -> Page:
        return Page(number=i, width=600, height=800, text=t,
                    chars=tuple(Char(c, None if c == "\n" else BBox(k, title_y, k + 1, title_y + 10)) for k, c in enumerate(t)))

    texts = ["封面", "专业技术职称评审表\n姓名", "获奖情况……", "单位意见（盖章）", "荣誉证书\n证书编号：123", "附件"]
    assert _form_pages([page(i + 1, t) for i, t in enumerate(texts)]) == {2, 3, 4}
    # a mention in running text low on the page is no title; a paper after the form ends it
    assert _form_pages([page(1, "详见推荐表", title_y=600), page(2, "单位意见")]) == set()
    assert _form_pages([page(1, "专业技术职称评审表"), page(2, "论文\n摘要：……"), page(3, "（盖章）")]) == {1}


def test_a_misread_former_name_in_its_field_is_removed(detector, text_cfg):
    """A 送审表's 曾用名 cell, its value in the next OCR line with one character misread (seed 191's 1-bit scan read
    王颖 as E颖): the field is the applicant's, so a name of the profile read with one character wrong is theirs.
    The label of the next cell read in an empty one's place, and a colleague's name elsewhere, stay."""
    from redactor.config import profile_from_mapping

    wang = profile_from_mapping({"name": "王淑珺", "name_aliases": ["王颖"]})
    removed, kept = _run(detector, text_cfg, wang, "姓名\n王淑珺\n曾用名\nE颖\n性别\n女\n推荐人\n王颍\n")
    assert "E颖" in removed
    assert "王颍" not in removed
    removed, kept = _run(detector, text_cfg, wang, "姓名\n王淑珺\n曾用名\n性别\n女\n")
    assert "性别" not in removed
    # ... and is no other person's name (a kept one beside the form's photo would make the photo theirs)
    assert kept["性别"].rule == "review.former_name_field" and kept["性别"].needs_review
