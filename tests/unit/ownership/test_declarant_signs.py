"""Whoever fills a form in and signs right under its first-person declaration is the declarant: the subject.

realdocs D06 (a 登记表): 声明：本人对所填写的各项内容保证是真实的…如有不实，愿承担一切法律责任。 and, two lines
under it, 填表人签名： with the applicant's signature.  The lexicon gives 填表人 to another person (on a
干部任免审批表 组织部 staff fill the form in), so policy kept the signature and the final check repaired it when its
OCR read the name in the strokes -- an illegible one would have gone out.  A filler's label right under a
declaration opening with 本人 signs it (``signatures._signs_a_declaration``); with no declaration above, or one
pages away, 填表人 stays another person's.  Synthetic text."""

from __future__ import annotations

from redactor.model import BBox
from redactor.ownership.lexicon import Owner
from redactor.ownership.signatures import label_owner, signature_labels
from redactor.ownership.structure import TextRun, read_page


def _line(text: str, x0: float, y0: float) -> TextRun:
    return TextRun(text, tuple(BBox(x0 + i * 11, y0, x0 + i * 11 + 10, y0 + 12) for i in range(len(text))))


DECLARATION = [_line("声明：本人对所填写的各项内容保证是真实的，清楚了解以上内容将作为与用人单位签订", 70, 60),
               _line("劳动合同的依据之一。如有不实，愿承担一切法律责任。", 103, 80)]


def _owner(runs: list[TextRun], label_run: TextRun) -> Owner:
    page = read_page(runs + [label_run], 2, 595, 842)
    label = label_run.text.rstrip("：")
    box = BBox.enclosing(list(label_run.boxes[:len(label)]))
    return label_owner(label, box, page)[0]


def test_the_filler_under_a_declaration_is_the_declarant():
    signer = _line("填表人签名：", 70, 125)
    assert _owner(DECLARATION, signer) is Owner.APPLICANT
    page = read_page(DECLARATION + [signer], 2, 595, 842)
    assert page.declarations                                   # the paragraph, both lines
    text = signer.text
    assert [own for own, label, _ in signature_labels(text, signer.boxes, page)] == [True]


def test_without_a_declaration_or_far_from_it_the_filler_is_another_person():
    assert _owner([_line("干部任免审批表", 200, 40), _line("姓名", 70, 80)], _line("填表人：", 70, 700)) is Owner.OTHER_PERSON
    assert _owner(DECLARATION, _line("填表人签名：", 70, 400)) is Owner.OTHER_PERSON
    # a declaration that is no one's first person (单位承诺) gives no signer
    unit = [_line("承诺：本单位保证所报材料真实。", 70, 60)]
    assert _owner(unit, _line("填表人签名：", 70, 100)) is Owner.OTHER_PERSON


def test_another_persons_label_under_a_declaration_stays_theirs():
    assert _owner(DECLARATION, _line("审核人签名：", 70, 125)) is Owner.OTHER_PERSON
