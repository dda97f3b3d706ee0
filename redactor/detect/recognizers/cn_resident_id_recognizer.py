"""Chinese resident identity card numbers (GB 11643-1999), 18-digit and legacy 15-digit.

Modelled on presidio's ``kr_rrn_recognizer``: the regex finds candidates, the
check digit (``validate_result``) confirms or rejects them.  ``(?<!…)``/``(?!…)``
digit guards replace ``\\b``, because CJK characters count as word characters.
Spaces, hyphens and full-width digits inside the number are accepted.
"""

from __future__ import annotations

from presidio_analyzer import Pattern, PatternRecognizer

from redactor.normalize import id_number_valid

_D = "[0-9０-９]"
_S = "[ \u3000\\-－]?"
_GUARD_L = "(?<![0-9０-９])"
_GUARD_R = "(?![0-9０-９XxＸｘ])"


class CnResidentIdRecognizer(PatternRecognizer):
    NAME = "cn_resident_id.v1"

    PATTERNS = [
        Pattern("cn_id_18", _GUARD_L + "[1-9１-９](?:" + _S + _D + "){16}" + _S + "[0-9０-９XxＸｘ]" + _GUARD_R, 0.5),
        Pattern("cn_id_15", _GUARD_L + "[1-9１-９](?:" + _S + _D + "){14}" + _GUARD_R, 0.3),
    ]
    CONTEXT = ["身份证", "身份证号", "身份证号码", "公民身份号码", "证件号码", "证件号", "身份号码", "ID"]

    def __init__(
        self,
        patterns: list[Pattern] | None = None,
        context: list[str] | None = None,
        supported_language: str = "zh",
        supported_entity: str = "CN_RESIDENT_ID",
        name: str | None = None,
    ) -> None:
        super().__init__(
            supported_entity=supported_entity,
            patterns=patterns or self.PATTERNS,
            context=context or self.CONTEXT,
            supported_language=supported_language,
            name=name or self.NAME,
            version="1",
        )

    def validate_result(self, pattern_text: str) -> bool | None:
        """True: check digit (or legacy date) valid; False: reject the candidate."""
        return id_number_valid(pattern_text)
