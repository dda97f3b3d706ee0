"""A label letter-spaced across its cell (姓    名) that OCR read a character to a line is still the label.

Bitonal seed 13376 (fresh, opened this stop), applicant 1, a thresholded sideways 送审表: OCR read 姓 and 名 as two
lines, so the form had no 姓名 cell and no subject; the applicant's portrait in the 照片 cell beside it was kept "beside
another person's name" (曾用名 misread 曾川, a person to NER), a silent leak."""

from __future__ import annotations

from redactor.model import BBox
from redactor.ownership.structure import TextRun, read_page


def _line(text: str, x0: float, y0: float, pitch: float = 12.0) -> TextRun:
    return TextRun(text, tuple(BBox(x0 + i * pitch, y0, x0 + i * pitch + 11, y0 + 12) for i in range(len(text))))


def test_a_name_label_read_a_character_to_a_line_opens_the_subjects_cell():
    page = read_page([_line("姓", 60, 100), _line("名", 96, 100), _line("乔勇", 140, 100),
                      _line("性", 60, 130), _line("别", 96, 130), _line("男", 140, 130),
                      _line("工作单位", 60, 160), _line("包头市中心医院", 140, 160)], 1, 595, 842)
    names = [h for h, _ in page.fields if h.role.field == "name"]
    assert [h.role.label for h in names] == ["姓名"]
    assert page.subject and page.subject[0].contains_point(152, 106)       # the cell 乔勇 stands in


def test_the_value_after_a_spaced_label_is_no_part_of_it_and_lines_apart_make_no_label():
    # 名 and the value 乔勇 after it read no label together; 姓 on one row and 名 on the next are two cells' text
    page = read_page([_line("姓", 60, 100), _line("名", 96, 100), _line("乔", 124, 100)], 1, 595, 842)
    assert [h.role.label for h, _ in page.fields] == ["姓名"]
    apart = read_page([_line("姓", 60, 100), _line("名", 96, 140), _line("乔勇", 140, 140)], 1, 595, 842)
    assert not [h for h, _ in apart.fields if h.role.field == "name"]
    far = read_page([_line("姓", 60, 100), _line("名", 160, 100), _line("乔勇", 200, 100)], 1, 595, 842)
    assert not [h for h, _ in far.fields if h.role.field == "name"]
