"""A signature label whose role noun OCR misread, or that the signature search found only in part, is read whole.

Structure seed 40172 (never tuned on; a silent leak at snapshot 68b): a scanned 项目任务书's 项目负责人(签字) was
read 项自负责人(签字).  The signature search, which knows the lexicon's words, found 负责人(签字) in it -- another
person's by that head -- and the applicant's signature went out while the final check agreed.  A role noun one
character off a lexicon noun of the same length and last character is that noun (``labels._misread_noun``); the
label the page's structure reads around a found one, with more words, decides (``signatures._whole_label_there``);
and an unknown qualifier before a head the lexicon gives the applicant in one of its nouns (负责人 of 项目负责人)
leaves the role unknown, never another person's by the head alone.  Synthetic text."""

from __future__ import annotations

from redactor.model import BBox
from redactor.ownership.labels import read_role
from redactor.ownership.lexicon import Owner
from redactor.ownership.signatures import label_owner
from redactor.ownership.structure import TextRun, read_page


def _line(text: str, x0: float, y0: float) -> TextRun:
    return TextRun(text, tuple(BBox(x0 + i * 11, y0, x0 + i * 11 + 10, y0 + 12) for i in range(len(text))))


def test_a_role_noun_with_one_character_misread_is_the_lexicons():
    assert read_role("项自负责人签字").owner is Owner.APPLICANT
    assert read_role("项日负责人（签字）").owner is Owner.APPLICANT
    assert read_role("合作单位负责人签字").owner is Owner.OTHER_PERSON          # a known qualifier still decides


def test_an_unknown_qualifier_before_a_head_the_applicant_can_hold_is_unknown():
    assert read_role("科室负责人签字").owner is Owner.UNKNOWN
    assert read_role("负责人签字").owner is Owner.OTHER_PERSON                 # the lexicon prints it bare
    assert read_role("科室审核人签字").owner is Owner.OTHER_PERSON             # 审核人 is never the applicant's


def test_the_whole_label_around_a_part_found_decides():
    page = read_page([_line("项自负责人(签字)：", 70, 421)], 1, 595, 842)
    part = BBox(70 + 2 * 11, 421, 70 + 9 * 11, 433)                      # 负责人(签字) of it
    assert label_owner("负责人(签字)", part, page)[0] is Owner.APPLICANT
    page = read_page([_line("合作单位负责人（签字）：", 70, 549)], 1, 595, 842)
    part = BBox(70 + 2 * 11, 549, 70 + 11 * 11, 561)                     # 单位负责人（签字）
    assert label_owner("单位负责人（签字）", part, page)[0] is Owner.OTHER_PERSON


def _padded_line(text: str, x0: float, y0: float, advance: float, thick: float) -> TextRun:
    """An OCR line whose box is thicker than its characters are wide (RapidOCR pads a line's box; a sheet scanned
    two-up prints its characters smaller still)."""
    return TextRun(text, tuple(BBox(x0 + i * advance, y0, x0 + (i + 1) * advance, y0 + thick)
                               for i in range(len(text))))


def test_the_whole_label_is_measured_in_characters_not_in_the_lines_thickness():
    """Structure seed 17829 (a 项目任务书 scanned two-up, sideways): the second copy's 项目负责人（签字） read
    项自负责人（签字）, the signature search found 负责人（签字） in it, and the two characters more the structure
    read (about 8 pt each, on a line box 16 pt thick) were less than the line's thickness squared: the whole label
    was not taken, and the applicant's signature was kept as another person's, the final check agreeing.  A
    character is measured by the found label's own length over its characters."""
    adv, thick = 7.2, 16.2
    page = read_page([_padded_line("项自负责人（签字）", 288, 476, adv, thick)], 1, 842, 595)
    part = BBox(288 + 2 * adv, 476, 288 + 9 * adv, 476 + thick)              # 负责人（签字）, with its （）
    assert label_owner("负责人（签字）", part, page)[0] is Owner.APPLICANT
    # a label the structure reads no longer than the found one (its box only as long): the found one decides
    page = read_page([_padded_line("单位负责人（签字）", 288, 476, adv, thick)], 1, 842, 595)
    part = BBox(288, 476, 288 + 9 * adv, 476 + thick)
    assert label_owner("单位负责人（签字）", part, page)[0] is Owner.OTHER_PERSON
