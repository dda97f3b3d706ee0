"""Labels stacked down a narrow cell start where one of its lines starts.

realdocs D17 (a scanned 成果应用证明): the label column 应用单位 / 应用单位联系 / 人 was joined into one stacked run
and 单位 -- the tail of the line 应用单位 -- read as a label of its own, the applicant's unit's: the partner's name
beside it became the applicant's unit's cell.  应用 is no qualifier the lexicon knows, so no label starts there;
推 / 荐 / 专 / 家 printed one character to a line still reads as 推荐专家's column.
"""

from __future__ import annotations

from redactor.model import BBox
from redactor.ownership.structure import TextRun, read_page


def _line(text: str, x0: float, y0: float) -> TextRun:
    return TextRun(text, tuple(BBox(x0 + i * 11, y0, x0 + i * 11 + 10, y0 + 12) for i in range(len(text))))


def test_a_lines_tail_is_no_stacked_label():
    page = read_page([_line("应用单位", 75, 173), _line("浙江葫芦娃网络集团有限公司", 144, 173),
                      _line("应用单位联系", 64, 202), _line("人", 92, 220)], 1, 595, 842)
    assert not [h for h in page.labels if h.role.label == "单位"], [h.role.label for h in page.labels]
    assert not [h for h, _ in page.fields if h.role.field == "employer"]


def test_a_label_one_character_to_a_line_is_still_read():
    runs = [TextRun(ch, (BBox(60, 300 + 16 * i, 71, 312 + 16 * i),)) for i, ch in enumerate("推荐人签名")]
    page = read_page(runs, 1, 595, 842)
    assert [h.role.label for h in page.labels if h.role.kind.value == "signature"] == ["推荐人签名"]
