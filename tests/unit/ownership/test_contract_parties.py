"""A contract's parties are whose the contract says (issue 80, class 3: 甲方/乙方).

The same words name different people on different documents: on a 劳动合同 甲方 is the employer and 乙方 the
employee -- the applicant, whose own contract it is -- on a 任务书 (roles.yaml T79) 甲方 is the funder and 乙方 the
contracting unit, on a loan agreement (T35) 甲方 the borrowing student, on a 借调合同 (C12) 甲方 the lending
employer.  Where a contract names a party with a role noun in brackets (乙方（劳动者）, 甲方（用人单位）名称：, C07,
C14, C16) its places to sign are that owner's, on the signing page too (parties carry over the page break);
where it names none, a bare 乙方（签字） is no one known (a person looks) -- not the 任务书's reading, which kept a
labour contract's employee signature as the unit's, nor the page's subject.  Someone who signs for a party
(甲方法定代表人（签字）) is not the party.  Synthetic text.
"""

from __future__ import annotations

from redactor.model import BBox
from redactor.ownership.lexicon import Owner
from redactor.ownership.signatures import label_owner
from redactor.ownership.structure import TextRun, read_document


def _line(text: str, x0: float, y0: float) -> TextRun:
    return TextRun(text, tuple(BBox(x0 + i * 11, y0, x0 + i * 11 + 10, y0 + 12) for i in range(len(text))))


HEAD = [_line("劳动合同书", 240, 60),
        _line("甲方（用人单位）名称：某某钢铁集团有限公司", 70, 120),
        _line("乙方（劳动者）姓名：某某某", 70, 145),
        _line("根据《中华人民共和国劳动合同法》，甲乙双方经平等协商，订立本合同。", 70, 180)]
SIGNING = [_line("甲方（盖章）", 70, 600), _line("乙方（签字）：", 330, 600),
           _line("甲方法定代表人（签字）：", 70, 640), _line("日期：2024 年 3 月 1 日", 330, 640)]


def _owners(pages: list[list[TextRun]]) -> dict[str, Owner]:
    structures = read_document([(k + 1, 595.0, 842.0, runs) for k, runs in enumerate(pages)])
    last = structures[len(pages)]
    out = {}
    for text in ("乙方（签字）", "甲方法定代表人（签字）"):
        run = next(r for r in pages[-1] if r.text.startswith(text))
        out[text] = label_owner(text, BBox.enclosing(list(run.boxes[:len(text)])), last)[0]
    return out


def test_the_employee_a_contract_names_signs_as_the_applicant_on_the_signing_page() -> None:
    owners = _owners([HEAD, SIGNING])                  # named on page 1, signed on page 2
    assert owners["乙方（签字）"] is Owner.APPLICANT
    assert owners["甲方法定代表人（签字）"] is Owner.OTHER_PERSON   # the employer's representative, kept
    structures = read_document([(1, 595.0, 842.0, HEAD), (2, 595.0, 842.0, SIGNING)])
    assert dict(structures[2].parties) == {"甲方": Owner.APPLICANT_UNIT, "乙方": Owner.APPLICANT}


def test_a_party_no_role_noun_names_is_asked_about() -> None:
    bare = [_line("项目任务书", 240, 60), _line("甲方：某某市科学技术局", 70, 120), _line("乙方：某某研究院", 70, 145)]
    owners = _owners([bare, SIGNING])
    assert owners["乙方（签字）"] is Owner.UNKNOWN
    assert owners["甲方法定代表人（签字）"] is Owner.OTHER_PERSON


def test_a_party_named_two_ways_is_asked_about() -> None:
    twice = HEAD + [_line("乙方（用人单位）：某某公司", 70, 400)]
    assert _owners([twice, SIGNING])["乙方（签字）"] is Owner.UNKNOWN


def test_the_employer_a_contract_names_stamps_as_the_applicants_unit_on_the_signing_page() -> None:
    """The marks subset (seed 11, applicant 0): the employer's oval stamp over 甲方（盖章） on a 劳动合同's signing page,
    read only as a fragment, was kept -- "nothing printed or labelled around it says whose it is" -- while the
    contract names 甲方 the 用人单位 on its first page.  A seal's place is the party's, as its signature's is."""
    from redactor.ownership.seal_place import Place, place_of

    structures = read_document([(1, 595.0, 842.0, HEAD), (2, 595.0, 842.0, SIGNING)])
    stamp = BBox(80, 560, 170, 650)                    # pressed over 甲方（盖章）
    assert place_of(stamp, structures[2]) == Place(Owner.APPLICANT_UNIT, "甲方盖章")
    # a contract that names no party: the bare 甲方（盖章） says no one, as before
    bare = [_line("项目任务书", 240, 60), _line("甲方：某某市科学技术局", 70, 120), _line("乙方：某某研究院", 70, 145)]
    unnamed = read_document([(1, 595.0, 842.0, bare), (2, 595.0, 842.0, SIGNING)])
    assert place_of(stamp, unnamed[2]).owner is not Owner.APPLICANT_UNIT
    # 乙方 as the employer (a 借调合同's lending unit named 乙方（用人单位）) stamps as the applicant's unit too; a
    # contract whose 甲方 is named another body's (甲方（委托方）is no role the lexicon gives) is not the employer's
    lender = [_line("借调合同", 240, 60), _line("乙方（用人单位）：某某公司", 70, 120), _line("甲方（劳动者）：某某某", 70, 145)]
    swapped = read_document([(1, 595.0, 842.0, lender), (2, 595.0, 842.0,
                                                         [_line("乙方（盖章）", 70, 600), _line("甲方（签字）：", 330, 600)])])
    assert place_of(stamp, swapped[2]) == Place(Owner.APPLICANT_UNIT, "乙方盖章")
