"""A page scanned sideways or upside down is read in its reading frame (ownership.structure.Frame).

Found on the never-tuned structure seed 7342 (``python -m benchmarks.run --subset structure --seed 7342``): a
干部任免审批表 scanned a quarter turn sideways, its 照片 cell without a label, its family table's heading printed
down a narrow cell.  Read in the page's own axes, the family heading's block swallowed the photo (its "rows beside
it" ran along the wrong axis) and the applicant's portrait was kept as a family member's.  Every decision below is
asked of the same page laid out upright and turned each of the three other ways; the answer must not change.
"""

from __future__ import annotations

import pytest

from redactor.model import Action, BBox, Decision, Finding
from redactor.ownership.lexicon import Owner
from redactor.ownership.photos import photo_place
from redactor.ownership.seal_place import place_of
from redactor.ownership.structure import Frame, TextRun, read_page

W, H = 595.0, 842.0     # the upright page


def _run(text: str, x0: float, y0: float, pitch: float = 10.0, down: bool = False) -> TextRun:
    boxes = []
    for i, ch in enumerate(text):
        if ch.isspace():
            boxes.append(None)
        elif down:            # one character under the other (a heading printed down a narrow cell)
            boxes.append(BBox(x0, y0 + i * pitch, x0 + 9, y0 + i * pitch + 9))
        else:
            boxes.append(BBox(x0 + i * pitch, y0, x0 + i * pitch + 9, y0 + 10))
    return TextRun(text, tuple(boxes))


def _cadre_form() -> list[TextRun]:
    return [
        _run("干部任免审批表", 220, 40, 16),
        _run("姓名", 60, 90), _run("彭静", 120, 90), _run("性别", 200, 90), _run("女", 260, 90),
        _run("出生年月", 300, 90),
        _run("民族", 60, 120), _run("汉族", 120, 120), _run("籍贯", 200, 120), _run("内蒙古包头", 260, 120),
        _run("现任职务", 60, 150), _run("包头市中心医院主治医师", 140, 150),
        _run("家庭主要成员及重要社会关系", 62, 520, 12, down=True),
        _run("称谓", 90, 520), _run("姓名", 150, 520), _run("出生年月", 230, 520), _run("工作单位及职务", 330, 520),
        _run("父亲", 90, 550), _run("彭建国", 150, 550), _run("1962.03", 230, 550), _run("包头市第四医院", 330, 550),
        _run("母亲", 90, 580), _run("杨静玲", 150, 580), _run("1964.10", 230, 580), _run("包头市蒙医医院", 330, 580),
    ]


PHOTO = BBox(440, 80, 530, 200)        # the 照片 cell, top right, no label printed in it


def _turned(runs: list[TextRun], frame: Frame) -> list[TextRun]:
    return [TextRun(r.text, tuple(None if b is None else frame.down(b) for b in r.boxes)) for r in runs]


def _frame(turn: int) -> Frame:
    """The frame of a page holding the upright form turned ``turn`` ways (its own size swaps on a quarter turn)."""
    return Frame(turn, H, W) if turn % 2 else Frame(turn, W, H)


@pytest.mark.parametrize("turn", [0, 1, 2, 3])
def test_a_frame_turns_boxes_there_and_back(turn):
    f = _frame(turn)
    b = BBox(10, 20, 50, 35)
    up = f.up(f.down(b))
    assert (round(up.x0, 6), round(up.y0, 6), round(up.x1, 6), round(up.y1, 6)) == (10, 20, 50, 35)
    assert f.size == (W, H)
    assert f.down(BBox(0, 0, W, H)).area == pytest.approx(W * H)


@pytest.mark.parametrize("turn", [0, 1, 2, 3])
def test_a_sideways_cadre_forms_portrait_is_the_applicants(turn):
    frame = _frame(turn)
    st = read_page(_turned(_cadre_form(), frame), 1, frame.width, frame.height)
    assert st.frame.turn == turn
    assert st.form
    photo = Finding(1, "PORTRAIT", (frame.down(PHOTO),), "portrait.v1", 1.0)
    name = Decision(Finding(1, "PERSON", (frame.down(BBox(120, 90, 139, 100)),), "applicant_value.v1", 1.0,
                            text="彭静", start=0, end=2), Action.REDACT, "own.name", "")
    assert photo_place(photo, st, [name]) == (Owner.APPLICANT, "subject"), "the photo cell is not the subject's"
    family_row = frame.down(BBox(150, 550, 180, 560))
    blk = st.block_at(family_row)
    assert blk is not None and blk.owner.value == "other_person", "the family rows lost their heading's block"
    assert st.block_at(frame.down(PHOTO)) is None or st.block_at(frame.down(PHOTO)).owner.value != "other_person"


@pytest.mark.parametrize("turn", [0, 1, 3])
def test_a_partners_stamp_place_is_read_the_way_the_page_reads(turn):
    frame = _frame(turn)
    runs = [_run("项目任务书", 220, 40, 16), _run("承担单位（盖章）：", 60, 600), _run("合作单位（盖章）：", 320, 600)]
    st = read_page(_turned(runs, frame), 1, frame.width, frame.height)
    partner_stamp = frame.down(BBox(410, 585, 480, 655))      # pressed right of 合作单位（盖章）
    own_stamp = frame.down(BBox(160, 585, 230, 655))          # right of 承担单位（盖章）
    assert place_of(partner_stamp, st).owner is Owner.OTHER_BODY
    assert place_of(own_stamp, st).owner is Owner.APPLICANT_UNIT


def _turned_certificate() -> list[TextRun]:
    """A 学位证书 laid a quarter turn on an A4 page, as its text layer hands it over (marks seed 913's born-digital
    diploma_turned): the title and the whole paragraph one run, its lines wrapping in columns; the signatory line
    and the date one run; the seal label's line its own."""
    para = ["学位证书", "诸葛建，男，一九七六年十二月十六日生。在北京科技大学材料", "科学与工程专业完成了大学本科的学习计划，",
            "业已通过论文答辩，成绩合格。授予工学学士学位。"]
    frame = Frame(3, H, W)           # the page's text runs up: turned back by three quarter turns
    runs_up = []
    text, boxes = "", []
    for k, line in enumerate(para):
        r = _run(line, 60, 60 + 30 * k, 12)
        text += r.text
        boxes += list(r.boxes)
    runs_up.append(TextRun(text, tuple(boxes)))
    school, date = _run("北京科技大学 ", 420, 330, 12), _run("二〇〇二年六月二十九日", 390, 352, 12)
    runs_up += [_run("学位评定委员会主席：", 420, 300, 12),
                TextRun(school.text + date.text, school.boxes + date.boxes)]     # one run over two lines
    return [TextRun(r.text, tuple(None if b is None else frame.down(b) for b in r.boxes)) for r in runs_up]


def test_a_paragraph_handed_over_as_one_run_of_turned_text_is_read_turned_and_cut_into_lines():
    """Before: the frame voted by each run's first and last character, and the paragraph's ends lie across its
    lines (one large vote the wrong way): the page was read unturned, its title was the whole paragraph, it was
    no certificate, and the university's seal over its signatory line had no place (marks seed 913)."""
    st = read_page(_turned_certificate(), 1, W, H)
    assert st.frame.turn == 3
    assert st.certificate                       # the title, the paragraph's first line, ends with 证书
    assert st.issuer, "the signatory line above the date names the issuer"


def test_an_upright_page_of_lines_reads_as_before():
    st = read_page(_cadre_form(), 1, W, H)
    assert st.frame.turn == 0
    from redactor.ownership.structure import _lines_of
    assert all(len(_lines_of(r)) == 1 for r in _cadre_form())       # a line is one line
