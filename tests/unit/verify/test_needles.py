"""Verification's own needles and search (redactor.fields, redactor.verify.search): no detection code involved."""

from __future__ import annotations

import pytest

from redactor.fields import FIELDS, needle_key, present_fields, profile_needles
from redactor.model import ApplicantProfile, BBox, Category
from redactor.fields import applicant_forms
from redactor.verify.search import FoldedText, Unit, find_needles
from tests.synth import make_id

ID = make_id("11010519900307123")
PROFILE = ApplicantProfile(name="李明", id_number=ID, phones=("13900001111",), employers=("北京大学",),
                           name_aliases=("David He",), emails=("li.ming@example.cn",))


def _find(text: str, profile: ApplicantProfile = PROFILE):
    return find_needles(FoldedText.of_string(text), profile_needles(profile, applicant_forms))


def test_one_table_names_every_profile_field_and_its_category():
    assert {f.name for f in FIELDS} == set(ApplicantProfile.__dataclass_fields__)
    assert present_fields(ApplicantProfile(name="李明", phones=("13900001111",))) == ("name", "phones")
    assert {f.name: f.category for f in FIELDS}["id_number"] is Category.ID_NUMBER


@pytest.mark.parametrize("written", [
    "+86 139-0000-1111", "(+86)139 0000 1111", "１３９００００１１１１", "139\n0000\n1111", "0086-13900001111",
])
def test_phone_in_any_dress_is_found(written):
    (hit,) = _find(f"电话：{written}。")
    assert hit.needle.category is Category.PHONE and hit.severity == "leak"


def test_id_with_lower_case_or_times_sign_check_character_is_found():
    first17 = next(f"1101051990030{n:04d}" for n in range(10000) if make_id(f"1101051990030{n:04d}")[-1] == "X")
    profile = ApplicantProfile(name="李明", id_number=make_id(first17))
    for written in (first17 + "x", first17 + "×", " ".join([first17[:6], first17[6:14], first17[14:] + "X"])):
        assert [h.needle.category for h in _find(f"身份证号 {written}", profile)] == [Category.ID_NUMBER]


def test_value_split_over_two_lines_is_found_with_a_box_per_line():
    units = [Unit("李", BBox(500, 100, 510, 110)), Unit("\n"), Unit("明", BBox(50, 114, 60, 124)),
             Unit("同", BBox(60, 114, 70, 124))]
    (hit,) = find_needles(FoldedText(units), profile_needles(PROFILE))
    assert hit.needle.category is Category.NAME and len(hit.boxes) == 2


def test_someone_elses_longer_name_and_a_journal_title_are_review():
    name_hits = [h for h in _find("推荐人：李明华教授") if h.needle.category is Category.NAME]
    assert [h.severity for h in name_hits] == ["review"]
    org_hits = [h for h in _find("发表于《北京大学学报》") if h.needle.category is Category.EMPLOYER]
    assert [h.severity for h in org_hits] == ["review"]
    assert [h.severity for h in _find("申请人李明同志") if h.needle.category is Category.NAME] == ["leak"]


def test_latin_spellings_need_word_boundaries():
    assert not [h for h in _find("Jackman He and David Hester") if h.needle.category is Category.NAME]
    assert [h.needle.category for h in _find("David He and Jackman He")] == [Category.NAME]
    assert Category.EMAIL in {h.needle.category for h in _find("mail: Li.Ming@Example.cn")}


def test_employer_ocred_from_vector_art_is_review_but_from_an_image_or_text_is_a_leak():
    from redactor.model import Leak
    from redactor.verify.ocr_pass import vector_art_is_review
    from redactor.verify.pdfium_reader import PdfiumPage, TextChar

    logo = BBox(100, 50, 200, 80)
    page = PdfiumPage(1, 595, 842, 0, chars=(TextChar("北", BBox(100, 300, 110, 310)),), images=(BBox(100, 400, 300, 500),))
    found = [Leak("ocr", "employer", 1, bbox=b) for b in (logo, BBox(120, 420, 200, 440), BBox(100, 300, 140, 310))]
    assert [lk.severity for lk in vector_art_is_review(found, page)] == ["review", "leak", "leak"]
    assert vector_art_is_review([Leak("ocr", "name", 1, bbox=logo)], page)[0].severity == "leak"
    # a page with no text layer at all: every word is an outline (a certificate exported 转曲), the employer is text
    outlined = PdfiumPage(1, 595, 842, 0, chars=(), images=())
    assert vector_art_is_review([Leak("ocr", "employer", 1, bbox=logo)], outlined)[0].severity == "leak"


def test_placeholder_phone_is_found_in_text_but_not_in_runs_of_digits_inside_object_bytes():
    from redactor.verify.search import find_in_string

    profile = ApplicantProfile(name="芙莉莲", phones=("000-0000-0000",))
    needles = profile_needles(profile)
    assert [h.needle.category for h in _find("电话：000-0000-0000", profile)] == [Category.PHONE]
    assert find_in_string("cleartomark\n" + "0" * 64 + "\n" + "0" * 64, needles) == []
    assert [h.needle.category for h in find_in_string("(000-0000-0000) Tj", needles)] == [Category.PHONE]


def test_an_ocr_reading_of_the_employer_with_characters_wrong_is_found():
    """The gate's own search of an OCR reading: a long employer name read with one character wrong, or two apart in a
    name of twelve or more (bitonal seed 191: 包头钢铁集团有限责任公司 read 包头钢铁集图有限员任公司, which detection
    also missed).  Two wrong side by side (another body), a wrong numeral (another branch) and text layers are not."""
    steel = ApplicantProfile(name="王淑珺", employers=("包头钢铁（集团）有限责任公司",))
    needles = profile_needles(steel, applicant_forms)

    def employer_hits(text: str, misread: bool = True):
        return [h for h in find_needles(FoldedText.of_string(text), needles, misread=misread)
                if h.needle.category is Category.EMPLOYER and len(h.needle.key) >= 12]

    (hit,) = employer_hits("包头钢铁（集图）有限员任公司技本中心")
    assert hit.severity == "leak" and "2 character" in hit.reason
    assert employer_hits("地址：包头钢铁（集团）有限责壬公司")[0].severity == "leak"
    assert employer_hits("包头钢铁（集图）有限员任公司", misread=False) == []
    assert employer_hits("包头铝业（集团）有限责任公司") == []
    first = profile_needles(ApplicantProfile(name="李明", employers=("内蒙古第一机械集团有限公司",)), applicant_forms)
    assert [h for h in find_needles(FoldedText.of_string("内蒙古第二机械集团有限公司"), first, misread=True)
            if h.needle.category is Category.EMPLOYER and len(h.needle.key) >= 8] == []
