"""The applicant's ID number read in part: an issuer's stamp over the number's start on a two-up certificate
(structure seed 48300) left OCR 197602098325 -- the birth date, sequence and check character -- and neither
detection nor the gate took it (a silent leak).  The first 14 digits (region and birth date) or the last 12 of the
applicant's 18-digit number, cut off from the rest, are theirs and no one else's; detection and the gate read them
alike.  Synthetic numbers only."""

from __future__ import annotations

import pytest

from redactor.config import profile_from_mapping
from redactor.detect.recognizers.applicant_value_recognizer import ApplicantValueRecognizer
from redactor.normalize import id_parts
from redactor.verify import needles_for
from redactor.verify.search import LEAK, FoldedText, find_needles

PROFILE = profile_from_mapping({"name": "张丽", "id_number": "150207197602098325", "phones": ["15748756597"],
                                "employers": ["包头市中心医院"]})


def _ids(text: str) -> list[str]:
    rec = ApplicantValueRecognizer(PROFILE, fuzzy=True)
    return [text[r.start:r.end] for r in rec.analyze(text, [], None) if r.entity_type == "CN_RESIDENT_ID"]


def _gate(text: str) -> list[str]:
    return [h.needle.kind for h in find_needles(FoldedText.of_string(text), needles_for(PROFILE))
            if h.needle.category.value == "id_number" and h.severity == LEAK]


def test_the_parts_are_the_region_and_birth_date_and_the_birth_date_to_the_check_character():
    assert id_parts("150207197602098325") == ("15020719760209", "197602098325")
    assert id_parts("150207760209832") == ()               # a 15-digit number: no parts


@pytest.mark.parametrize("read, part", [("兹证明张丽同志（身份证\n197602098325）", "197602098325"),
                                        ("身份证号：15020719760209", "15020719760209")])
def test_a_part_cut_off_from_the_rest_is_the_applicants_to_detection_and_the_gate(read, part):
    assert _ids(read) == [part]
    assert _gate(read)


@pytest.mark.parametrize("read", ["（身份证号：\n7197602098325)", "（身份证号：\n020719760209832\n5）"])
def test_the_tail_read_with_digits_before_it_is_the_applicants_on_a_scan(read):
    """Structure seed 40172: the stamp's ring over the first five digits of a two-up copy's number left
    7197602098325 -- the tail and one digit before it -- and detection took nothing (the tail alone must not
    follow a digit); the gate repaired it.  On OCR the tail with any of the digits before it, in order, is theirs;
    a text layer prints the whole number."""
    digits = "".join(c for c in read if c.isdigit())
    assert "".join(c for c in "".join(_ids(read)) if c.isdigit()) == digits
    rec = ApplicantValueRecognizer(PROFILE, fuzzy=False)
    assert not [r for r in rec.analyze(read, [], None) if r.entity_type == "CN_RESIDENT_ID"]


@pytest.mark.parametrize("read", ["身份证号：150207197602091234", "身份证号：15020719760210",
                                  "证书编号：19760209832", "电话 1976020983"])
def test_another_number_or_a_shorter_run_is_not(read):
    assert not _ids(read)
    assert not _gate(read)


def _gate_reading(text: str) -> list[str]:
    return [h.reason for h in find_needles(FoldedText.of_string(text), needles_for(PROFILE), misread=True)
            if h.needle.category.value == "id_number" and h.severity == LEAK]


@pytest.mark.parametrize("read", ["（身份证号：150207197602898325）", "（身份证号：15020719760209825）"])
def test_a_digit_wrong_or_lost_under_a_stamp_is_the_applicants_to_detection_and_the_gate(read):
    """Structure seed 51738: an issuer's seal over the holder's number, read with a digit wrong (0 as 8) or lost.
    Neither reading is a valid number; detection and the gate's reading of OCR both take it."""
    assert _ids(read) == [read[6:-1]]
    assert _gate_reading(read) == ["read with a digit wrong or lost"]
    assert not _gate(read), "in a text layer the whole number is needed"


def test_a_valid_number_close_to_the_applicants_is_anothers_to_the_gate():
    from redactor.normalize import id_check_char
    other = "15020719760209833" + id_check_char("15020719760209833")       # a sequence digit apart
    assert not _gate_reading(f"身份证号：{other}")
    assert not _ids(f"身份证号：{other}")
