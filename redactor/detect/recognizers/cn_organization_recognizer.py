"""Organisation names by their institutional suffix (公司, 大学, 医院, 厅, 局…).

A low-score complement to LAC for names LAC splits; used for `kept` listings
and as a fallback candidate source.  Matches stay inside one line.
"""

from __future__ import annotations

from presidio_analyzer import Pattern, PatternRecognizer

SUFFIXES = (
    "有限责任公司|股份有限公司|有限公司|集团公司|公司|集团|大学|学院|学校|中学|小学|医院|卫生院|研究院|研究所|"
    "研究中心|设计院|委员会|协会|学会|人民政府|厅|局|署|办公室"
)


class CnOrganizationRecognizer(PatternRecognizer):
    NAME = "cn_organization.v1"
    PATTERNS = [Pattern("org_suffix", r"[\p{Han}（）()]{2,24}?(?:" + SUFFIXES + r")(?![\p{Han}])", 0.4)]

    def __init__(self, patterns: list[Pattern] | None = None, context: list[str] | None = None,
                 supported_language: str = "zh", supported_entity: str = "ORGANIZATION", name: str | None = None) -> None:
        super().__init__(supported_entity=supported_entity, patterns=patterns or self.PATTERNS,
                         context=context, supported_language=supported_language, name=name or self.NAME, version="1")
