import pytest

from redactor.detect.recognizers.cn_phone_recognizer import CnLandlineRecognizer, CnMobileRecognizer


@pytest.mark.parametrize(
    "text, expected",
    [
        ("手机13812345678。", "13812345678"),
        ("电话：+86 138-1234-5678", "+86 138-1234-5678"),
        ("0086 13812345678", "0086 13812345678"),
        ("联系138 1234 5678或", "138 1234 5678"),
        ("号码１３８１２３４５６７８", "１３８１２３４５６７８"),
        ("编号138123456789", None),          # 12 digits
        ("11812345678", None),               # no such prefix
    ],
)
def test_mobile(text, expected):
    res = CnMobileRecognizer().analyze(text, ["CN_MOBILE"])
    got = [text[r.start:r.end] for r in res]
    assert got == ([expected] if expected else [])


@pytest.mark.parametrize(
    "text, expected",
    [
        ("办公电话 0472-2181234", "0472-2181234"),
        ("（0471）4992345", "（0471）4992345"),
        ("(010) 62751234-8021", "(010) 62751234-8021"),
        ("0472 5123456", "0472 5123456"),
        ("编号047221812345678", None),
    ],
)
def test_landline(text, expected):
    res = CnLandlineRecognizer().analyze(text, ["CN_LANDLINE"])
    got = [text[r.start:r.end] for r in res]
    assert got == ([expected] if expected else [])
