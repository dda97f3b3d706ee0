"""The role phrases added from thesis declarations, contracts, ID cards and diplomas (issue 80) read what they
print and take no other label.

The lexicon reads a role noun one character off a known one as that noun (OCR: 项自负责人 is 项目负责人), so a new
phrase's noun can capture a real label of another body's: 聘用单位（签章） (C13) made realdocs D12's 应用单位（盖章）
-- the partner that applies the achievement -- the applicant's unit, and the final check removed that body's seal
as a "repair".  受聘方 / 受聘人 did the same to 受托方, 招聘人.  And a thesis's 作者签名 is its author's, the
applicant's, but 作者照片 in a journal's author bios is any author's (realdocs2 R02).  Each case read here.
"""

from __future__ import annotations

import pytest

from redactor.ownership.labels import read_role
from redactor.ownership.lexicon import Owner


@pytest.mark.parametrize("label, owner", [
    ("作者签名：", Owner.APPLICANT), ("学位论文作者签名：", Owner.APPLICANT), ("导师签名：", Owner.OTHER_PERSON),
    ("学位评定委员会主席", Owner.OTHER_PERSON), ("签发机关", Owner.ISSUER), ("乙方（劳动者）姓名：", Owner.APPLICANT),
    ("甲方（用人单位）名称：", Owner.APPLICANT_UNIT), ("乙方（签字）", Owner.UNKNOWN)])
def test_a_new_phrase_reads_as_printed(label: str, owner: Owner) -> None:
    role = read_role(label)
    assert role is not None and role.owner is owner, role


@pytest.mark.parametrize("label", ["应用单位（盖章）", "作者照片", "受托方（签字）", "招聘人（签字）", "应聘人（签字）"])
def test_a_label_one_character_off_a_new_phrase_is_not_read_as_it(label: str) -> None:
    role = read_role(label)
    assert role is None or role.owner is Owner.UNKNOWN, role
