"""Another company whose name ends with the employer's name without its province (issue 41, realdocs D16): the
issuer 浙江杭州江干下沙某某某网络集团有限公司 of a certificate is not 浙江某某网络集团有限公司, though it ends with
某某网络集团有限公司.  Detection and the gate both read a place, then a name of its own, before the match."""

from __future__ import annotations

import pytest

from redactor.fields import applicant_forms, profile_needles
from redactor.model import ApplicantProfile, BBox, Category
from redactor.variants import find_forms
from redactor.variants.organisations import another_name_before
from redactor.verify.search import LEAK, REVIEW, FoldedText, Unit, find_needles

PROFILE = ApplicantProfile(name="韩某某", employers=("浙江某某网络集团有限公司", "浙江某某网络集团"))
ISSUER = "颁发单位：浙江杭州江干下沙某某某网络集团有限公司（盖章）"


@pytest.mark.parametrize("before, other", [
    ("颁发单位：浙江杭州江干下沙某", True), ("关于浙江杭州某", True), ("包头市第一", True),
    ("本人在", False), ("内蒙古包头市", False), ("特授予浙江", False), ("工作单位：", False), ("工作单位", False),
    ("籍贯浙江杭州工作单位", False), ("籍贯：浙江杭州　工作单位", False), ("发证单位浙江杭州江干下沙某", True),
])
def test_a_place_then_a_name_of_its_own(before, other):
    assert another_name_before(before) is other


def test_detection_keeps_the_issuers_name_and_still_finds_the_employer_in_a_sentence():
    forms = applicant_forms(PROFILE)
    assert not [m for m in find_forms(ISSUER, forms) if m.form.category is Category.EMPLOYER]
    for text in ("本人在某某网络集团有限公司工作", "工作单位：某某网络集团有限公司", "特授予浙江某某网络集团有限公司"):
        assert [m for m in find_forms(text, forms) if m.form.category is Category.EMPLOYER], text


def _employer_hits(units):
    needles = [n for n in profile_needles(PROFILE, applicant_forms) if n.category is Category.EMPLOYER]
    return find_needles(FoldedText(units), needles)


def test_the_gate_reviews_the_issuers_name_and_flags_the_employers():
    assert {h.severity for h in _employer_hits([Unit(c) for c in ISSUER])} == {REVIEW}
    assert LEAK in {h.severity for h in _employer_hits([Unit(c) for c in "本人在某某网络集团有限公司工作"])}


def test_the_gate_reads_a_row_cut_in_two_ocr_lines_as_one():
    """A stamp over 下沙 made OCR read the row as 浙江杭州江干 | 某某某网络集团有限公司, in either order."""
    def line(text, x0):
        return [Unit(c, BBox(x0 + 12 * i, 435, x0 + 12 * (i + 1), 455)) for i, c in enumerate(text)] + [Unit("\n")]
    left, right = line("浙江杭州江干", 226), line("某某某网络集团有限公司", 329)
    for units in (left + right, right + left):
        assert {h.severity for h in _employer_hits(units)} == {REVIEW}
    far = line("浙江杭州江干", 100)           # another cell of the row, far to the left: no context
    assert LEAK in {h.severity for h in _employer_hits(line("某某网络集团有限公司", 329) + far)}
