"""The applicant's dotted name in a two-column author block, and the same name as the gate's OCR reads it.

Seed 113, applicant 1 (特木尔·孟和) on an OCRmyPDF-style scan of a paper: the hidden text layer runs the two
author columns into one another, ``特木尔．孟和TEMUERMenghe`` then the right column's ``东北大学``, and LAC tagged
``孟和TEMUERMenghe 东大学`` as one person.  That "person" went on past the name, so the applicant's name was
taken for part of a longer name and kept, and the gate, whose OCR read the dot as 。, passed the page.
Synthetic person and organisations only."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from redactor.config import profile_from_mapping
from redactor.detect.recognizers.applicant_value_recognizer import ApplicantValueRecognizer
from redactor.verify import needles_for
from redactor.verify.search import LEAK, find_in_string

NAME = "特木尔·孟和"
PROFILE = profile_from_mapping({
    "name": NAME, "id_number": "150203197705043858", "phones": ["13702640018"],
    "employers": ["包头市中心医院"], "name_aliases": ["TEMUER Menghe"], "emails": ["tmh1977@126.com"],
})


def _lac(text: str, word: str, tag: str) -> SimpleNamespace:
    start = text.index(word)
    return SimpleNamespace(tokens=SimpleNamespace(user_data={"lac_words": [(start, start + len(word), tag)]}))


def _boundaries(text: str, artifacts) -> list[str | None]:
    rec = ApplicantValueRecognizer(PROFILE)
    return [r.recognition_metadata.get("boundary") for r in rec.analyze(text, [], artifacts)
            if r.entity_type == "PERSON" and text[r.start:r.end].startswith("特木尔")]


def test_a_person_word_running_past_the_name_into_romanisation_and_the_next_column_is_no_longer_name():
    text = "宝音BATEER Baoyin\n特木尔．孟和TEMUERMenghe 东大学，阳 110819"
    found = _boundaries(text, _lac(text, "孟和TEMUERMenghe 东大学", "PER"))
    assert found == [None]


@pytest.mark.parametrize("text, word", [("特木尔．孟和巴图，包头", "孟和巴图"), ("特木尔．孟和·巴图 主治医师", "孟和·巴图")])
def test_a_longer_name_that_goes_on_in_characters_is_still_one(text, word):
    assert _boundaries(text, _lac(text, word, "PER")) == ["inside_other_name"]


def test_detection_finds_the_dotted_name_read_with_a_full_stop():
    """A scan without a text layer: OCR reads the dot as 。 and detection must still find the name."""
    assert _boundaries("特木尔。孟和 主治医师", None) == [None]


@pytest.mark.parametrize("read", ["特木尔-孟和", "特木尔－孟和", "特木尔–孟和"])
def test_detection_finds_the_dotted_name_read_with_a_hyphen_as_the_gate_does(read):
    """Structure seed 7813, a two-up 项目任务书's member table: OCR read 其木格·朝鲁 as 其木格-朝鲁; the gate's needles
    drop the hyphen and repaired the name detection had not matched."""
    assert _boundaries(f"姓名 {read} 主治医师", None) == [None]
    assert any(h.needle.category.value == "name" and h.severity == LEAK
               for h in find_in_string(read, needles_for(PROFILE)))


@pytest.mark.parametrize("read", ["特木尔。孟和 主治医师", "特木尔．孟和", "特木尔孟和"])
def test_the_gate_finds_the_dotted_name_as_ocr_reads_it(read):
    hits = find_in_string(read, needles_for(PROFILE))
    assert any(h.needle.category.value == "name" and h.severity == LEAK for h in hits), read


# (the pair alone, 特木尔、孟和 as all a text or line holds, is the one name misread: below)
@pytest.mark.parametrize("read", ["作者：特木尔，孟和，巴特尔", "特木尔、孟和、巴特尔", "成员：特木尔、孟和"])
def test_two_people_in_a_list_are_not_the_dotted_name(read):
    assert not any(h.needle.category.value == "name" for h in find_in_string(read, needles_for(PROFILE)))


# OCR also reads the dot as a comma (特木尔，孟和), which in an author list parts two people; an author's bio
# gives the birth year right after the name, and there it is the one dotted name
BIO = "作者简介：特木尔，孟和（1977—），男，内蒙古包头人，副主任医师"


def test_detection_on_ocr_text_finds_the_dotted_name_read_with_a_comma_before_the_birth_year():
    rec = ApplicantValueRecognizer(PROFILE, fuzzy=True)
    found = [BIO[r.start:r.end] for r in rec.analyze(BIO, [], None) if r.entity_type == "PERSON"]
    assert found == ["特木尔，孟和"]
    listed = "作者：特木尔，孟和，巴特尔"
    assert not [r for r in rec.analyze(listed, [], None) if r.entity_type == "PERSON"]


def test_detection_on_ocr_text_finds_the_dotted_name_read_with_a_comma_alone_in_its_cell():
    """Structure seed 87078: on a two-up 项目任务书 the upper copy's member table read the 姓名 cell 格日勒，吉日嘎拉 as a
    line of its own (the lower copy's 格日勒.吉日嘎拉); LAC tagged 格日勒 as someone else.  A line that holds the name
    and nothing else is the one dotted name; with more on the line it is a list.  Structure seed 55052: the same
    cell read 其木格、乌日娜 with the enumeration comma -- alone on its line, the one name too (it was left)."""
    rec = ApplicantValueRecognizer(PROFILE, fuzzy=True)

    def names(text: str) -> list[str]:
        return [text[r.start:r.end] for r in rec.analyze(text, [], None) if r.entity_type == "PERSON"]

    assert names("序号\n1\n特木尔，孟和\n包头钢铁（集团）有限责任公司") == ["特木尔，孟和"]
    assert names("1\n 特木尔,孟和 \n工程师") == ["特木尔,孟和"]
    assert names("1\n特木尔、孟和\n工程师") == ["特木尔、孟和"]
    assert not names("作者：特木尔、孟和、王芳\n工程师")
    assert not names("特木尔、孟和、王芳\n工程师")
    assert not names("成员：特木尔，孟和\n工程师")


@pytest.mark.parametrize("read", [BIO, "特木尔、孟和 (1982-", "特木尔,孟和（2001—）"])
def test_the_gate_finds_the_dotted_name_read_with_a_comma_before_the_birth_year(read):
    hits = find_in_string(read, needles_for(PROFILE))
    assert any(h.needle.category.value == "name" and h.severity == LEAK for h in hits), read


@pytest.mark.parametrize("label", ["姓名", "持证人", "负责人"])
def test_a_label_read_into_the_name_is_no_longer_name(label):
    """Seed 34174, a 资格证书 with its text drawn as outlines: OCR reads the cell as one run, 姓名托娅·毕力格, and
    LAC tags 名托娅 as a person.  The label's tail (a field word or a person's role in the role lexicon) is no
    part of a longer name; the name is the applicant's, and the portrait beside it with it."""
    text = f"{label}特木尔·孟和\n身份证号"
    assert _boundaries(text, _lac(text, label[-1] + "特木尔", "PER")) == [None]


@pytest.mark.parametrize("before", ["王", "同事巴"])
def test_a_person_word_starting_before_the_name_outside_a_label_is_still_a_longer_name(before):
    text = f"{before}特木尔·孟和\n身份证号"
    assert _boundaries(text, _lac(text, before[-1] + "特木尔", "PER")) == ["inside_other_name"]


@pytest.mark.parametrize("read, found", [("1\n特木尔、孟和\n工程师", True), (" 特木尔，孟和 \n包头", True),
                                         ("作者：特木尔、孟和、王芳\n", False), ("特木尔、孟和、王芳\n", False)])
def test_the_gate_reads_a_dotted_name_read_with_a_comma_alone_on_its_line_as_detection_does(read, found):
    """The gate's own reading of the same cell (structure seed 55052): the name read with ， or 、 for its dot, all
    its line holds, is the applicant's name; with more names on the line it is a list, as detection judges it."""
    from redactor.verify.search import FoldedText, find_needles

    hits = [h for h in find_needles(FoldedText.of_string(read), needles_for(PROFILE))
            if h.needle.category.value == "name" and h.severity == LEAK]
    assert bool(hits) is found, (read, hits)


def test_the_dotted_name_read_with_a_comma_running_into_its_sentence_needs_other_evidence():
    """Structure seed 93181: a two-up 继续教育合格证书's holder line 兹证明乌云．其其格同志（身份证号：…）, its full-width
    dot read as a comma, 乌云，其其格同志 -- neither a bio nor a cell of its own, so neither detection nor the gate
    took it (both copies released).  Running on into its sentence (a CJK character after it, where a list's last
    name meets a separator or the line's end), the comma reading is the applicant's where other evidence of them
    lies near (their unit on the next line): removed; with none, a person looks; a list still parts two people."""
    from redactor.config import RedactorConfig
    from redactor.model import Action
    from redactor.policy import decide

    rec = ApplicantValueRecognizer(PROFILE, fuzzy=True)
    holder = "兹证明特木尔，孟和同志（身份证号：\n工作单位：包头市中心医院"
    found = [r for r in rec.analyze(holder, [], None) if r.entity_type == "PERSON"]
    assert [holder[r.start:r.end] for r in found] == ["特木尔，孟和"]
    assert found[0].recognition_metadata["needs_evidence"]
    assert not [r for r in rec.analyze("作者：特木尔，孟和，巴特尔", [], None) if r.entity_type == "PERSON"]

    from redactor.model import BBox, Finding

    def finding(r, text: str) -> Finding:
        meta = r.recognition_metadata
        return Finding(page=1, entity_type=r.entity_type, boxes=(BBox(10, 10 + r.start, 60, 20 + r.start),),
                       recognizer="applicant_value.v1", score=r.score, text=text[r.start:r.end], start=r.start,
                       end=r.end, explanation=tuple((k, meta[k]) for k in ("form_kind", "profile_field", "needs_evidence", "fuzzy")
                                         if meta.get(k) is not None))

    cfg = RedactorConfig().policy
    with_unit = [finding(r, holder) for r in rec.analyze(holder, [], None)]
    name = next(f for f in with_unit if f.entity_type == "PERSON")
    d = next(d for d in decide(with_unit, PROFILE, cfg).decisions if d.finding is name)
    assert d.action is Action.REDACT and d.rule == "own.name.comma_with_evidence"
    d = next(d for d in decide([name], PROFILE, cfg).decisions if d.finding is name)
    assert d.action is Action.KEEP and d.needs_review and d.rule == "review.name.comma"
