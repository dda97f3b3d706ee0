"""An OCR-tolerant reading of the employer never takes another line's first character for the one a line ended
without.

Variety seed 27044 (fresh, never tuned on), a scanned paper with an OCRmyPDF text layer: the unit line under the
applicant's name was read 技术中心包头钢铁（集团）有限责任公 -- its last character 司 on the next line -- and the line
stacked under it in that column is a co-author's, 贾涛杰 JIA Taojie.  Joined, the two read 包头钢铁（集团）有限责任公贾:
the employer with one character wrong (``ocr_substituted_char``), and the co-author's surname went black.  A
substituted character parted from the rest of the reading by a line break is no misreading of the name's
(``variants.matching._across_lines``); the wrapped-lines matcher joins its two lines at a line break as the page's
text does (``detect.stacked_lines.wrapped_values``).  Exact readings across the break still match.  Synthetic
names only."""

from __future__ import annotations

from redactor.detect.stacked_lines import wrapped_values
from redactor.fields import applicant_forms
from redactor.model import ApplicantProfile, BBox, Category, Page
from redactor.variants import find_forms
from tests.pages import ocr_lines_page

FORMS = applicant_forms(ApplicantProfile(name="王淑珺", employers=("包头钢铁（集团）有限责任公司",)))


def _employer(text: str) -> list[tuple[str, str | None]]:
    """The employer's official name found in ``text``, with its OCR tolerance (its reading short of the last
    character, ``ocr_dropped_char``, is found wherever the line ends so and is left out here)."""
    return [(text[m.start:m.end], m.fuzzy) for m in find_forms(text, FORMS, fuzzy=True)
            if m.form.category is Category.EMPLOYER and m.form.kind == "employer_official"
            and m.fuzzy != "ocr_dropped_char"]


def test_a_substituted_character_on_the_next_line_is_no_misreading():
    assert _employer("技术中心包头钢铁（集团）有限责任公贾涛杰") == [("包头钢铁（集团）有限责任公贾", "ocr_substituted_char")]
    assert _employer("技术中心包头钢铁（集团）有限责任公\n贾涛杰") == []
    # the name itself wrapped over the break reads exactly, and a misread character inside a line still counts
    assert _employer("技术中心包头钢铁（集团）有限责任公\n司，包头") == [("包头钢铁（集团）有限责任公\n司", None)]
    assert _employer("包头钢铁（集团）有限\n责任公同，包头") == [("包头钢铁（集团）有限\n责任公同", "ocr_substituted_char")]


def _page(lines: list[tuple[float, float, str]]) -> Page:
    return ocr_lines_page(lines, 10.0, 14.0)


def test_the_stacked_line_under_a_short_read_unit_line_is_not_part_of_it():
    unit = (330.0, 130.0, "技术中心包头钢铁（集团）有限责任公")
    page = _page([unit, (330.0, 148.0, "贾涛杰 JIA Taojie")])
    assert not [f for f in wrapped_values(page, FORMS, fuzzy=True) if f.explain("form_kind") == "employer_official"]
    # the same unit line with its name wrapped onto the line under it is found across the two
    page = _page([(330.0, 130.0, "技术中心包头钢铁（集团）有限责"), (330.0, 148.0, "任公司，包头 014010")])
    found = [f for f in wrapped_values(page, FORMS, fuzzy=True) if f.explain("form_kind") == "employer_official"]
    assert [f.boxes for f in found] == [(BBox(370, 130, 480, 144), BBox(330, 148, 360, 162))], found  # 包…责 / 任公司
