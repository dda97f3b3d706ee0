"""Chinese mobile and landline numbers in the formats people write them.

Mobiles: 11 digits 1[3-9]…, optional +86 / 0086 / 86 prefix, spaces or dashes
(3-4-4).  Landlines: area code 0XX(X) with dash, space or parentheses, 7-8 digit
number, optional extension.  Digit guards instead of ``\\b`` (CJK is ``\\w``).
"""

from __future__ import annotations

from presidio_analyzer import Pattern, PatternRecognizer

_D = "[0-9０-９]"
_S = "[ \u3000\\-－]?"
_L = "(?<![0-9０-９])"
_R = "(?![0-9０-９])"

_CONTEXT = ["电话", "联系电话", "手机", "手机号", "手机号码", "移动电话", "联系方式", "Tel", "Phone", "Mobile", "办公电话"]


class CnMobileRecognizer(PatternRecognizer):
    NAME = "cn_mobile.v1"
    PATTERNS = [
        Pattern(
            "cn_mobile",
            _L + "(?:(?:[+＋]|00)?86" + _S + ")?" + "[1１][3-9３-９](?:" + _S + _D + "){9}" + _R,
            0.6,
        ),
    ]

    def __init__(self, patterns: list[Pattern] | None = None, context: list[str] | None = None,
                 supported_language: str = "zh", supported_entity: str = "CN_MOBILE", name: str | None = None) -> None:
        super().__init__(supported_entity=supported_entity, patterns=patterns or self.PATTERNS,
                         context=context or _CONTEXT, supported_language=supported_language,
                         name=name or self.NAME, version="1")


class CnLandlineRecognizer(PatternRecognizer):
    NAME = "cn_landline.v1"
    PATTERNS = [
        Pattern(
            "cn_landline",
            _L + "(?:[(（][0０]" + _D + "{2,3}[)）]" + _S + "|[0０]" + _D + "{2,3}" + "[ \u3000\\-－])"
            + _D + "{7,8}(?:(?:[\\-－]|转|ext\\.?)" + _D + "{1,5})?" + _R,
            0.4,
        ),
    ]

    def __init__(self, patterns: list[Pattern] | None = None, context: list[str] | None = None,
                 supported_language: str = "zh", supported_entity: str = "CN_LANDLINE", name: str | None = None) -> None:
        super().__init__(supported_entity=supported_entity, patterns=patterns or self.PATTERNS,
                         context=context or _CONTEXT, supported_language=supported_language,
                         name=name or self.NAME, version="1")
