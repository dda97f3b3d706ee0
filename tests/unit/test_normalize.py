import pytest

from redactor.normalize import fold_with_map, id_forms, id_number_valid, normalize_id, normalize_phone, phone_valid
from tests.synth import APPLICANT, CONTRACT_NO, make_id


@pytest.mark.parametrize(
    "text, valid",
    [
        (APPLICANT.id_number, True),
        (CONTRACT_NO, False),                                     # checksum fails
        (APPLICANT.id_number[:6] + " " + APPLICANT.id_number[6:14] + " " + APPLICANT.id_number[14:], True),
        ("".join(chr(ord(c) + 0xFEE0) for c in APPLICANT.id_number), True),   # full-width digits
        (make_id("15020219851332152"), False),                    # month 13
        ("150202850612152", True),                                 # legacy 15-digit
        ("150202851332152", False),
        ("1502021985061215", False),                               # 16 digits
    ],
)
def test_id_number_valid(text, valid):
    assert id_number_valid(text) is valid


def test_id_x_check_digit_any_case():
    for i in range(1000, 9999):
        candidate = make_id(f"1502021985061{i}")
        if candidate.endswith("X"):
            break
    assert id_number_valid(candidate.lower())
    assert normalize_id(candidate.lower()).endswith("X")


def test_legacy_form_is_derived_from_18_digit_id():
    forms = id_forms(APPLICANT.id_number)
    assert forms[1] == APPLICANT.id_number[:6] + APPLICANT.id_number[8:17]


@pytest.mark.parametrize(
    "raw", ["+86 138-1234-5678", "0086 13812345678", "86 138 1234 5678", "１３８１２３４５６７８", "138-1234-5678"]
)
def test_phone_forms_normalise_to_the_same_number(raw):
    assert normalize_phone(raw) == "13812345678"


def test_phone_validation():
    assert phone_valid("0472-2181234")
    assert not phone_valid("1381234567")     # 10 digits


def test_fold_with_map_points_back_to_original_offsets():
    folded, idx = fold_with_map("王 淑\n珺（集团）")
    assert folded == "王淑珺(集团)"
    assert [idx[0], idx[1], idx[2]] == [0, 2, 4]


def test_compatibility_ideographs_and_radicals_fold_to_the_unified_ideograph():
    # a Noto CJK text layer held 梁 as U+F97A: the applicant 梁怡怡 leaked past detection and verification
    from redactor.config import profile_from_mapping
    from redactor.normalize import compact
    from redactor.fields import applicant_forms
    from redactor.variants import find_forms

    assert compact("\uF97A怡怡") == "梁怡怡"
    assert compact("\u2F00二三") == "一二三"
    prof = profile_from_mapping({"name": "梁怡怡"})
    assert [m.form.kind for m in find_forms("作者：\uF97A怡怡，李明", applicant_forms(prof))] == ["chinese_name"]
