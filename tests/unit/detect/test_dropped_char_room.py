"""A reading of the applicant's name with a character dropped is the applicant's only where the page left room for
that character (issue 49, class 5: a colleague whose name sits inside the applicant's).

On a scan the name is matched with one character missing (OCR loses a faint or stamped character), and so was a
colleague 阳志远 glued to the word before it (成员阳志远) beside the applicant 欧阳志远, and a colleague 王珺 beside
王淑珺 -- removed as the applicant's.  A dropped character leaves its room on the paper between the characters read
on either side of it; characters printed side by side leave none.  Synthetic names, no real person."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from redactor.detect.analyzer import to_finding
from redactor.detect.recognizers.applicant_value_recognizer import ApplicantValueRecognizer
from redactor.model import BBox, Char, OcrLine, Page, TextOrigin
from redactor.config import profile_from_mapping

SIZE = 14.0             # points: each character's box is 12.6 wide and 14 high, 14 apart (1.4 of paper between)


def _page(runs: list[list[tuple[str, float]]], *, split: bool = False, vertical: bool = False) -> Page:
    """One OCR line per run; each piece (text, where it starts) set at 14 pt a character.  ``vertical``: the line
    reads top to bottom (a sideways page)."""
    chars: list[Char] = []
    lines: list[OcrLine] = []
    for k, run in enumerate(runs):
        start = len(chars)
        for text, at in run:
            for i, c in enumerate(text):
                a = at + SIZE * i
                u = 40.0 + 40 * k
                box = BBox(u, a, u + SIZE, a + 12.6) if vertical else BBox(a, u, a + 12.6, u + SIZE)
                chars.append(Char(c, box, TextOrigin.OCR, 0.95))
        boxes = [c.bbox for c in chars[start:] if c.bbox is not None]
        lines.append(OcrLine(start, len(chars), BBox.enclosing(boxes), 0.95, split_boxes=split))
        chars.append(Char("\n", None))
    return Page(number=1, width=595, height=842, text="".join(c.c for c in chars), chars=tuple(chars),
                ocr_lines=tuple(lines))


def _name_findings(page: Page, name: str, words: tuple[str, ...] = (), tags: dict[str, str] | None = None
                   ) -> list[tuple[str, str | None]]:
    """(what was matched, its boundary) for every OCR-tolerant match of the applicant's name with a character
    dropped; ``words``: the words LAC segments the page into (as it reads them: 成员/n 阳志远/PER 负责/v)."""
    rec = ApplicantValueRecognizer(profile_from_mapping({"name": name, "employers": ["内蒙古大学"]}), fuzzy=True)
    lac, at = [], 0
    for w in words:
        if w not in page.text[at:]:
            continue            # (one list of words for several pages)
        at = page.text.index(w, at)
        lac.append((at, at + len(w), (tags or {}).get(w, "n")))
        at += len(w)
    artifacts = SimpleNamespace(tokens=SimpleNamespace(user_data={"lac_words": lac}))
    out = []
    for res in rec.analyze(page.text, [], artifacts):
        if (res.recognition_metadata or {}).get("fuzzy") != "ocr_dropped_char":
            continue
        f = to_finding(page, res, 0.5)
        assert f is not None
        out.append((f.text, f.explain("boundary")))
    return out


@pytest.mark.issue(49)
@pytest.mark.parametrize("vertical", [False, True])
def test_a_colleague_glued_to_the_word_before_is_their_own_name(vertical):
    page = _page([[("成员阳志远负责数据采集", 60.0)]], vertical=vertical)
    assert _name_findings(page, "欧阳志远", ("成员", "阳志远", "负责")) == [("阳志远", "other_whole_name")]


@pytest.mark.issue(49)
def test_a_colleague_after_a_function_word_is_their_own_name():
    """LAC reads 由 a preposition, a word of its own: no character of the name misread."""
    page = _page([[("本课题由官怡负责实验设计", 60.0)]])
    rec_words = ("本", "课题", "由", "官怡", "负责")
    assert _name_findings(page, "上官怡", rec_words, tags={"由": "p"}) == [("官怡", "other_whole_name")]
    assert _name_findings(page, "上官怡", rec_words, tags={"由": "v"}) == [("官怡", None)]


@pytest.mark.issue(49)
def test_a_two_character_colleague_inside_a_three_character_name_is_theirs():
    page = _page([[("参加人员王珺、李明", 60.0)]])
    assert _name_findings(page, "王淑珺") == [("王珺", "other_whole_name")]


@pytest.mark.issue(49)
def test_a_colleague_missing_the_applicants_middle_character_printed_whole_is_theirs():
    page = _page([[("负责人欧阳远，教授", 60.0)]])
    assert _name_findings(page, "欧阳志远") == [("欧阳远", "other_whole_name")]


@pytest.mark.issue(49)
@pytest.mark.parametrize("pieces, name, read", [
    ([("负责人欧阳", 60.0), ("远，教授", 60.0 + 6 * SIZE)], "欧阳志远", "欧阳远"),      # 志 lost: a character's room
    ([("成员", 60.0), ("阳志远负责", 60.0 + 3 * SIZE)], "欧阳志远", "阳志远"),        # 欧 lost after 成员
    ([("王", 60.0), ("珺主持完成了课题", 60.0 + 2 * SIZE)], "王淑珺", "王珺"),         # 淑 lost
    ([("负责人：欧阳志|，教授", 60.0)], "欧阳志远", "欧阳志"),                          # 远 read as a bar
])
def test_the_applicants_name_with_a_character_lost_in_its_room_is_still_theirs(pieces, name, read):
    assert _name_findings(_page([pieces]), name, ("成员", "阳志远", "负责", "主持", "教授")) == [(read, None)]


@pytest.mark.issue(49)
@pytest.mark.parametrize("line, words, read", [
    ("负责人：区阳志远，教授", ("负责人", "区阳志远", "教授"), "阳志远"),    # 欧 misread 区: no word of its own
    ("王淑郡主持完成了课题", ("王淑郡", "主持", "完成"), "王淑"),               # 珺 misread 郡
])
def test_the_applicants_name_with_its_edge_character_misread_is_still_theirs(line, words, read):
    """A lone character beside the reading, in no word of its own, may be the name's edge character misread:
    side by side proves nothing there."""
    assert _name_findings(_page([[(line, 60.0)]]), "欧阳志远" if "阳" in line else "王淑珺", words) == [(read, None)]


@pytest.mark.issue(49)
def test_boxes_split_from_the_line_in_proportion_are_no_evidence():
    """A line whose character boxes were not measured (the CTC columns gave none, or PaddleOCR) spreads what it read
    over the lost character's room: side by side says nothing there."""
    page = _page([[("成员阳志远负责数据采集", 60.0)]], split=True)
    assert _name_findings(page, "欧阳志远", ("成员", "阳志远", "负责")) == [("阳志远", None)]


@pytest.mark.issue(49)
def test_a_reading_at_the_lines_edge_has_no_neighbour_to_measure():
    """阳志远 opening its line with more text glued after it: the lost 欧 would have stood before the line's
    first character, where nothing is read to measure from -- the applicant's, as before."""
    page = _page([[("阳志远负责数据采集", 60.0)]])
    assert _name_findings(page, "欧阳志远", ("阳志远", "负责")) == [("阳志远", None)]


@pytest.mark.issue(49)
@pytest.mark.parametrize("vertical", [False, True])
def test_a_colleague_opening_a_line_at_the_blocks_margin_is_their_own_name(vertical):
    """官怡 opens its line where the next line of the paragraph opens: no room before it for a lost 上 (the
    dropped-char probe's line-opening colleague, removed as 上官怡's before)."""
    page = _page([[("官怡主持完成了三项课题", 60.0)], [("本课题由李强负责", 60.0)]], vertical=vertical)
    assert _name_findings(page, "上官怡", ("官怡", "主持")) == [("官怡", "other_whole_name")]


@pytest.mark.issue(49)
@pytest.mark.parametrize("vertical", [False, True])
def test_the_applicants_name_with_its_first_character_lost_at_the_margin_is_still_theirs(vertical):
    """上 lost at the line's start: the reading starts a character in from the margin the other lines share."""
    page = _page([[("官怡主持完成了三项课题", 60.0 + SIZE)], [("本课题由李强负责", 60.0)]], vertical=vertical)
    assert _name_findings(page, "上官怡", ("官怡", "主持")) == [("官怡", None)]


@pytest.mark.issue(49)
def test_a_line_far_off_is_no_margin_and_margin_zero_turns_the_rule_off():
    """The margin is the block's: a line far down the page shows none (the lines between open elsewhere); with
    ``dropped_char_margin`` 0 a line's start never says."""
    far = _page([[("官怡主持完成了三项课题", 60.0)], [("附表", 300.0)], [("附图", 300.0)], [("本课题由李强负责", 60.0)]])
    assert _name_findings(far, "上官怡", ("官怡", "主持")) == [("官怡", None)]
    page = _page([[("官怡主持完成了三项课题", 60.0)], [("本课题由李强负责", 60.0)]])
    rec = ApplicantValueRecognizer(profile_from_mapping({"name": "上官怡", "employers": ["内蒙古大学"]}), fuzzy=True)
    artifacts = SimpleNamespace(tokens=SimpleNamespace(user_data={"lac_words": [(0, 2, "n")]}))
    res = next(r for r in rec.analyze(page.text, [], artifacts)
               if (r.recognition_metadata or {}).get("fuzzy") == "ocr_dropped_char")
    assert to_finding(page, res, 0.5, 0.0).explain("boundary") is None
    assert to_finding(page, res, 0.5, 0.25).explain("boundary") == "other_whole_name"


@pytest.mark.issue(49)
def test_a_colleague_lac_glued_into_the_noun_before_is_their_own_name():
    """LAC read 组成员官怡 as one noun (项目组成员官怡负责: 官怡 is no name it knows), so no word of its own ended
    before the reading and nothing was measured: the colleague 官怡 beside the applicant 上官怡 was removed
    (``benchmarks.dropped_char_probe``, the two colleagues left at the 73rd stop).  What LAC glued before the
    reading, 组成员, is a word of the common-word lexicon: 员 is a word's, and 员 and 官 stand side by side."""
    words = ("项目", "组成员官怡", "负责")
    page = _page([[("项目组成员官怡负责数据采集", 60.0)]])
    assert _name_findings(page, "上官怡", words) == [("官怡", "other_whole_name")]
    # the applicant's 上 lost in its room after 组成员: still theirs
    page = _page([[("项目组成员", 60.0), ("官怡负责数据采集", 60.0 + 6 * SIZE)]])
    assert _name_findings(page, "上官怡", words) == [("官怡", None)]
    # 上 misread 土 and glued with it: 组成员土 is no word, so 土 may be the name's own character
    page = _page([[("项目组成员土官怡负责数据采集", 60.0)]])
    assert _name_findings(page, "上官怡", ("项目", "组成员土官怡", "负责")) == [("官怡", None)]
