import pytest

from redactor.detect.recognizers.cn_resident_id_recognizer import CnResidentIdRecognizer
from tests.synth import APPLICANT, COLLEAGUE_ID, CONTRACT_NO

ID = APPLICANT.id_number
FW = "".join(chr(ord(c) + 0xFEE0) for c in ID)


@pytest.fixture(scope="module")
def rec():
    return CnResidentIdRecognizer()


@pytest.mark.parametrize(
    "text, expected",
    [
        (f"身份证号：{ID}", [ID]),
        (f"申请人{ID}同志", [ID]),                                  # embedded in Chinese, no spaces
        (f"{ID[:6]} {ID[6:14]} {ID[14:]}", [f"{ID[:6]} {ID[6:14]} {ID[14:]}"]),
        (f"{ID[:6]}-{ID[6:14]}-{ID[14:]}", [f"{ID[:6]}-{ID[6:14]}-{ID[14:]}"]),
        (f"证号{FW}。", [FW]),                                       # full-width digits
        (f"同事 {COLLEAGUE_ID}", [COLLEAGUE_ID]),                    # valid, somebody else's (policy decides)
        (f"合同编号 {CONTRACT_NO}", []),                             # checksum fails
        (f"编号 {ID}9", []),                                         # 19 digits: not an ID
        ("旧证 150202850612152", ["150202850612152"]),                # legacy 15-digit
    ],
)
def test_resident_id(rec, text, expected):
    results = rec.analyze(text, ["CN_RESIDENT_ID"])
    found = [text[r.start:r.end] for r in results if r.score > 0.5]
    assert found == expected
