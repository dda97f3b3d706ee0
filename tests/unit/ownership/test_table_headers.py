"""A table header row that prints another person's column makes the whole row's columns theirs.

Never-tuned variety seed 9127, a scanned 评审表: the recommenders' table's header 姓名 | 工作单位 | 联系电话 |
推荐人签名 was read as the applicant's own cells (its 姓名 even as the page's subject), and the recommender's unit
and mobile under it were removed as the applicant's values the profile lacked.  推荐人签名 in the row makes the row
a header of other people's rows, and every column in it follows.
"""

from __future__ import annotations

from redactor.model import BBox
from redactor.ownership.lexicon import Owner
from redactor.ownership.structure import TextRun, read_page


def _run(text: str, x0: float, y0: float, pitch: float = 10.0) -> TextRun:
    return TextRun(text, tuple(None if ch.isspace() else BBox(x0 + i * pitch, y0, x0 + i * pitch + 9, y0 + 10)
                               for i, ch in enumerate(text)))


def test_a_recommenders_table_header_is_theirs_and_the_applicants_cells_stay_theirs():
    page = read_page([
        _run("姓名", 50, 100), _run("王淑珺", 110, 100), _run("联系电话", 220, 100), _run("13998765432", 300, 100),
        _run("姓名", 50, 400), _run("工作单位", 150, 400), _run("联系电话", 300, 400), _run("推荐人签名", 420, 400),
        _run("任俊斌", 50, 430), _run("内蒙古大学", 150, 430), _run("15672568099", 300, 430),
    ], 1, 595, 842)
    owners = {(h.role.label, round(h.bbox.y0)): h.role.owner for h, _ in page.fields}
    assert owners[("姓名", 100)] is Owner.APPLICANT and owners[("联系电话", 100)] is Owner.APPLICANT
    assert owners[("姓名", 400)] is Owner.OTHER_PERSON
    assert owners[("工作单位", 400)] is Owner.OTHER_PERSON and owners[("联系电话", 400)] is Owner.OTHER_PERSON
    assert len(page.subject) == 1 and page.subject[0].y0 < 200, "the recommenders' 姓名 column is no subject slot"


def test_bare_cells_after_another_persons_name_are_that_persons():
    """realdocs D08 (an application form): 指导老师姓名 钱思远 | 职称 | 职务 on one row, 手机 | 邮箱 on the next -- the
    advisor's mobile and e-mail, which the applicant's inferred values took for theirs.  A bare 姓名 starts the
    applicant's own group again."""
    page = read_page([
        _run("姓名", 50, 100), _run("赵一鸣", 110, 100), _run("手机", 220, 100), _run("13998765432", 300, 100),
        _run("指导老师姓名", 50, 220), _run("钱思远", 150, 220), _run("职称", 240, 220), _run("副教授", 300, 220),
        _run("手机", 50, 250), _run("13965017782", 150, 250), _run("邮箱", 240, 250), _run("qsy@example.edu", 300, 250),
        _run("姓名", 50, 300), _run("孙立", 110, 300), _run("手机", 220, 300),
    ], 1, 595, 842)
    owners = {(h.role.label, round(h.bbox.y0)): h.role.owner for h, _ in page.fields}
    assert owners[("手机", 100)] is Owner.APPLICANT
    assert owners[("手机", 250)] is Owner.OTHER_PERSON and owners[("邮箱", 250)] is Owner.OTHER_PERSON
    assert owners[("手机", 300)] is Owner.APPLICANT
