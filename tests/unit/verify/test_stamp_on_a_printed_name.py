"""An unread stamp pressed on another organisation's printed name, in a 审验单位（盖章） column
(issue #11's seal channel; found on a continuing-education card of burnt seed 38269, where the
gate's repair removed the 继续教育中心's stamp and its printed name).

The stamp (61 pt) was narrower than the name printed under it (80 pt): only 头市继续教育中 had its
centre inside, no organisation word, so the stamp counted as "unread at the employer's place", and
审验 (the verifying body) was not among the words that make a 单位（盖章） label another body's."""

from __future__ import annotations

from redactor.model import BBox
from redactor.verify.seals import _employers_place, _printed_under


def _row(text: str, x0: float, y0: float, pitch: float = 10.0) -> tuple[str, tuple[BBox | None, ...]]:
    boxes = tuple(None if ch.isspace() else BBox(x0 + i * pitch, y0, x0 + i * pitch + pitch * 0.9, y0 + 10)
                  for i, ch in enumerate(text))
    return text, boxes


STAMP = BBox(348, 252, 409, 313)
NAME_ROW = _row("72 包头市继续教育中心 签名", 305, 276)      # 包 at 335, 心 at 415: wider than the stamp


def test_the_whole_printed_name_under_a_narrower_stamp_is_read():
    assert any("包头市继续教育中心" in words for words in _printed_under(STAMP, [NAME_ROW]))


def test_a_stamp_on_another_bodys_printed_name_is_not_at_the_employers_place():
    header = _row("所在单位（盖章）", 330, 230)        # even under the applicant's unit's label
    assert _employers_place(STAMP, (), [header, NAME_ROW]) == ""


def test_a_verifying_bodys_column_is_not_the_applicants_unit():
    header = _row("审验单位（盖章）", 330, 230)
    assert _employers_place(STAMP, (), [header]) == ""


def test_the_applicants_unit_row_still_counts():
    header = _row("所在单位（盖章）", 330, 230)
    assert _employers_place(STAMP, (), [header]).startswith("in the row of")


def test_a_form_lines_label_words_are_not_lent_to_the_stamp():
    """The applicant's unit stamps over 所在单位（盖章） in a line of the form: the line's other words
    (所, 单位) are no organisation printed under the stamp, so an unread stamp there stays a leak."""
    row = _row("单位意见：同意推荐。所在单位（盖章）", 300, 276)        # 所在单位 at 400-440, under the stamp
    stamp = BBox(395, 252, 456, 313)
    assert _printed_under(stamp, [row]) and not any("同意推荐" in words for words in _printed_under(stamp, [row]))
    assert _employers_place(stamp, (), [row]).startswith("in the row of")


def test_a_ring_reading_names_the_employer_through_one_confused_character():
    from redactor.verify.seals import _reads_as

    assert _reads_as("包头钢铁集团有限责任公司", "包头别铁集团有限责任公司")
    assert not _reads_as("包头钢铁", "包头市钢铁设计研究院")                    # a short needle: one run only
    assert not _reads_as("包头钢铁集团有限责任公司", "包头稀土研究院钢铁集团公司有限责任公司技术")  # strewn


def test_letters_under_a_redaction_box_lower_the_share_asked_for_never_the_core():
    """A quarter of the ring's text under a removed name's box: 包头钢铁集团…公司 is read, 有限责任 is
    not there to read.  Another company of the same city and legal form still does not count."""
    from redactor.verify.seals import _reads_as

    assert not _reads_as("包头钢铁集团有限责任公司", "包头钢铁集团公司")
    assert _reads_as("包头钢铁集团有限责任公司", "包头钢铁集团公司", hidden=0.25)
    assert not _reads_as("包头钢铁集团有限责任公司", "包头稀土集团公司", hidden=0.4)
    assert not _reads_as("包头钢铁集团有限责任公司", "包头集团公司", hidden=0.9)   # the share lowered at most by 0.4
