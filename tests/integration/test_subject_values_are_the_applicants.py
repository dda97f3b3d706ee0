"""The subject's values are the applicant's (issue 49, "What to build" 4).

On the applicant's own form -- its 姓名 cell holds their name -- the value of its 手机 and 身份证号 cells is theirs
even where the profile lacks it: removed (checked on the output's own text layer), listed in the audit's
``profile_suggestions`` with a keyed hash and never the value, and where it contradicts the profile (a second ID
number in the applicant's own 身份证号 cell) flagged for a person.  The same values in another person's cells
stay: a recommender's 手机, a family member's row, and the whole of another person's form.
"""

from __future__ import annotations

import json

import pymupdf

from redactor.normalize import compact
from redactor.config import profile_from_mapping
from tests.synth import APPLICANT, Person, PdfWriter, make_id

SECOND_MOBILE = "13998765432"                     # the applicant's, missing from the profile
OLD_FORM_ID = make_id("15020219850612153")        # an ID in the applicant's own cell that is not the profile's
RECOMMENDER_MOBILE = "13704711234"
FATHER = "王建国"
FATHER_MOBILE = "13604725678"


def _form(path, name: str) -> None:
    w = PdfWriter()
    w.line("专业技术职称评审表", x=220)
    w.y += 10
    top = w.y
    w.cell((50, top, 110, top + 24), "姓名")
    w.cell((110, top, 220, top + 24), name)
    w.cell((220, top, 300, top + 24), "身份证号")
    w.cell((300, top, 545, top + 24), OLD_FORM_ID)
    w.cell((50, top + 24, 110, top + 48), "手机")
    w.cell((110, top + 24, 300, top + 48), SECOND_MOBILE)
    w.cell((50, top + 72, 160, top + 96), "推荐人手机")
    w.cell((160, top + 72, 300, top + 96), RECOMMENDER_MOBILE)
    w.y = top + 140
    w.line("家庭主要成员及重要社会关系")
    t = w.y
    w.cell((50, t, 110, t + 24), "称谓")
    w.cell((110, t, 220, t + 24), "姓名")
    w.cell((220, t, 400, t + 24), "手机")
    w.cell((50, t + 24, 110, t + 48), "父亲")
    w.cell((110, t + 24, 220, t + 48), FATHER)
    w.cell((220, t + 24, 400, t + 48), FATHER_MOBILE)
    w.save(path)


def _text(path) -> str:
    with pymupdf.open(path) as doc:
        return compact("".join(p.get_text() for p in doc))


def test_the_applicants_own_cells_are_theirs_and_offered_as_suggestions(tmp_path, text_pipeline, applicant_profile):
    src = tmp_path / "form.pdf"
    _form(src, APPLICANT.name)
    source = _text(src)
    assert all(v in source for v in (SECOND_MOBILE, OLD_FORM_ID, RECOMMENDER_MOBILE, FATHER_MOBILE)), "premise"
    outcome = text_pipeline.run(str(src), applicant_profile, str(tmp_path / "out"), "form")
    assert outcome.ok
    text = _text(outcome.output_pdf)
    assert SECOND_MOBILE not in text and OLD_FORM_ID not in text, "the applicant's own cells' values are still there"
    assert RECOMMENDER_MOBILE in text and FATHER_MOBILE in text and FATHER in text, "another person's value was removed"
    audit_text = open(outcome.audit_json, encoding="utf-8").read()
    assert SECOND_MOBILE not in audit_text and OLD_FORM_ID not in audit_text and OLD_FORM_ID[-6:] not in audit_text
    audit = json.loads(audit_text)
    suggestions = {s["category"]: s for s in audit["profile_suggestions"]}
    assert set(suggestions) == {"phone", "id_number"}, audit["profile_suggestions"]
    assert all(s["value_hash"].startswith("hmac-sha256:") and s["page"] == 1 for s in suggestions.values())
    inferred = {r["category"]: r for r in audit["redactions"] if r["rule"].endswith(".inferred")}
    assert inferred["id_number"].get("needs_review") is True, "an ID that is not the profile's is for a person"
    assert not inferred["phone"].get("needs_review"), "a second mobile contradicts nothing"


def test_another_persons_form_keeps_its_values(tmp_path, text_pipeline, applicant_profile):
    src = tmp_path / "other.pdf"
    _form(src, "李明华")
    outcome = text_pipeline.run(str(src), applicant_profile, str(tmp_path / "out"), "other")
    assert outcome.ok
    text = _text(outcome.output_pdf)
    assert SECOND_MOBILE in text and OLD_FORM_ID in text and "李明华" in text
    audit = json.loads(open(outcome.audit_json, encoding="utf-8").read())
    assert audit["profile_suggestions"] == []
    assert not any(r["rule"].endswith(".inferred") for r in audit["redactions"])


def test_a_letter_about_the_applicant_keeps_its_writers_contact_lines(tmp_path, text_pipeline, applicant_profile):
    """realdocs2 R27: a recommendation letter names the applicant (…同志) -- its subject -- and ends with its
    writer's 电话 and 电子邮箱; they are the recommender's, not the applicant's cells."""
    w = PdfWriter()
    w.line("推荐信", x=260)
    w.line(f"　　我推荐{APPLICANT.name}同志申报正高级工程师任职资格，特此郑重推荐。")
    w.line(f"如需了解情况，请与我联系（电话：{RECOMMENDER_MOBILE}，")
    w.line("电子邮箱：mentor@example.edu.cn）。")
    w.line("推荐人：李明华")
    src = w.save(tmp_path / "letter.pdf")
    outcome = text_pipeline.run(str(src), applicant_profile, str(tmp_path / "out"), "letter")
    assert outcome.ok
    text = _text(outcome.output_pdf)
    assert APPLICANT.name not in text, "the applicant's name was not removed: the letter's subject is not theirs"
    assert RECOMMENDER_MOBILE in text and compact("mentor@example.edu.cn") in text
    audit = json.loads(open(outcome.audit_json, encoding="utf-8").read())
    assert audit["profile_suggestions"] == []


HOLDER = Person(employer="包头市中心医院", aliases=("包头中心医院",))
CUT_UNIT = "包头市中心"                  # the holder's unit read in part: the rest lies under the issuer's stamp
OTHER_UNIT = "内蒙古第一机械集团有限公司"     # a unit the profile does not list
ISSUERS_CONTACT = "13704711234"


def _certificate(path, unit: str, name: str = HOLDER.name, id_number: str = HOLDER.id_number) -> None:
    w = PdfWriter()
    w.line("专业技术人员继续教育合格证书", x=200)
    w.y += 10
    w.line(f"兹证明{name}同志（身份证号：{id_number}）")
    w.line(f"工作单位：{unit}")
    w.line("于2023年参加专业技术人员继续教育，完成规定学时，经考核合格，特发此证。")
    w.y += 20
    w.line("中国钢铁工业协会", x=380)
    w.line("二〇二三年十二月十一日", x=380)
    w.line("推荐人：李明华")
    w.line(f"工作单位：{OTHER_UNIT}")
    w.line(f"联系电话：{ISSUERS_CONTACT}")
    w.save(path)


def test_a_certificates_holder_lines_are_theirs_and_the_lines_after_its_signatory_are_not(tmp_path, text_pipeline):
    """structure seed 48300: a 继续教育合格证书 whose holder's unit OCR reads only in part (包头市中心 of
    包头市中心医院, the rest under the issuer's stamp) kept it as another body.  The holder's 工作单位 line below
    兹证明 X 同志 is the holder's: the part goes, with no suggestion and no review (the profile has the whole);
    a unit the profile lacks there goes too and a person looks.  Below the signatory line, a 推荐人's unit and a
    contact line are someone else's and stay."""
    profile = profile_from_mapping(HOLDER.profile())
    src = tmp_path / "cut.pdf"
    _certificate(src, CUT_UNIT)
    source = _text(src)
    assert compact(CUT_UNIT) in source and OTHER_UNIT in source and ISSUERS_CONTACT in source, "premise"
    outcome = text_pipeline.run(str(src), profile, str(tmp_path / "out"), "cut")
    assert outcome.ok
    text = _text(outcome.output_pdf)
    assert CUT_UNIT not in text, "the holder's unit read in part stayed"
    assert OTHER_UNIT in text and ISSUERS_CONTACT in text and "李明华" in text and "中国钢铁工业协会" in text
    audit = json.loads(open(outcome.audit_json, encoding="utf-8").read())
    assert audit["profile_suggestions"] == [] and not audit["needs_review"], "a part of a listed unit is no news"

    src = tmp_path / "other_unit.pdf"
    _certificate(src, OTHER_UNIT)
    outcome = text_pipeline.run(str(src), profile, str(tmp_path / "out2"), "other_unit")
    assert outcome.ok
    text = _text(outcome.output_pdf)
    assert text.count(OTHER_UNIT) == 1, "the holder's unlisted unit stayed, or the 推荐人's unit went"
    assert ISSUERS_CONTACT in text and "李明华" in text
    audit = json.loads(open(outcome.audit_json, encoding="utf-8").read())
    assert [s["category"] for s in audit["profile_suggestions"]] == ["employer"]
    assert [r for r in audit["redactions"] if r["rule"] == "own.employer.inferred"][0].get("needs_review") is True

    # another person's certificate (their name, their number) keeps its holder's lines; the applicant's number
    # in the holder line would name the applicant whatever name OCR read there (subject_values.subject_names)
    src = tmp_path / "another.pdf"
    other_id = make_id(HOLDER.id_number[:14] + ("2" if HOLDER.id_number[14] != "2" else "3") + HOLDER.id_number[15:17])
    assert other_id != HOLDER.id_number
    _certificate(src, OTHER_UNIT, name="李明华", id_number=other_id)
    outcome = text_pipeline.run(str(src), profile, str(tmp_path / "out3"), "another")
    assert outcome.ok
    assert _text(outcome.output_pdf).count(OTHER_UNIT) == 2


UNIVERSITY_HOLDER = Person(employer="内蒙古科技大学", aliases=("内蒙科大",))
MISREAD_UNIT = "内蒙古科技术"      # 内蒙古科技大学 with the stamp's ink over 大学 read as one 术: no unit's suffix left
ANOTHER_UNIVERSITY = "内蒙古大学"  # another body sharing the region's prefix, in the same cell: a person looks


def test_a_holders_unit_read_with_a_character_wrong_is_theirs(tmp_path, text_pipeline):
    """structure seed 42189 (a two-up scan of a 继续教育合格证书): the issuer's stamp over the holder's unit line
    made OCR read 内蒙古科技术 -- a character wrong and none left of the name's suffix, so no unit's name by its
    shape -- and it was kept as another body, a silent leak of the employer.  In the holder's own 工作单位 line it
    is the listed unit misread: removed, no suggestion, no review.  Another body's name in that line is still
    removed but goes to a person (it contradicts the profile), and the issuer's name stays."""
    profile = profile_from_mapping(UNIVERSITY_HOLDER.profile())
    src = tmp_path / "misread.pdf"
    _certificate(src, MISREAD_UNIT, name=UNIVERSITY_HOLDER.name, id_number=UNIVERSITY_HOLDER.id_number)
    assert MISREAD_UNIT in _text(src), "premise"
    outcome = text_pipeline.run(str(src), profile, str(tmp_path / "out"), "misread")
    assert outcome.ok
    text = _text(outcome.output_pdf)
    assert MISREAD_UNIT not in text and compact("内蒙古科技") not in text, "the holder's unit, misread, stayed"
    assert "中国钢铁工业协会" in text and OTHER_UNIT in text and "李明华" in text
    audit = json.loads(open(outcome.audit_json, encoding="utf-8").read())
    assert [r["rule"] for r in audit["redactions"] if r["category"] == "employer"] == ["own.employer.part"]
    assert audit["profile_suggestions"] == [] and not audit["needs_review"], "a misread listed unit is no news"

    src = tmp_path / "another_university.pdf"
    _certificate(src, ANOTHER_UNIVERSITY, name=UNIVERSITY_HOLDER.name, id_number=UNIVERSITY_HOLDER.id_number)
    outcome = text_pipeline.run(str(src), profile, str(tmp_path / "out2"), "another_university")
    assert outcome.ok
    assert ANOTHER_UNIVERSITY not in _text(outcome.output_pdf)
    audit = json.loads(open(outcome.audit_json, encoding="utf-8").read())
    assert [r["rule"] for r in audit["redactions"] if r["category"] == "employer"] == ["own.employer.inferred"]
    assert audit["needs_review"], "another body in the holder's unit line is news: a person looks"
