"""The name that opens an author's bio: 高欣佳（1963—），女，硕士，教授…

A paper prints each author's 作者简介 as the name, the birth year in brackets and the gender, often
beside the author's thumbnail portrait.  LAC leaves such names untagged now and then (neither
co-author's bio name was a person to it), and without another person's name beside their portraits
policy took them for the applicant's.  This shape is a person's name whatever NER says; whose it is
policy decides as for any name (the applicant's is removed, anyone else's kept).
"""

from __future__ import annotations

from presidio_analyzer import Pattern, PatternRecognizer

# at a line start or after a label or sentence end; 2-4 characters, or parts joined by a dot; then the
# bracketed birth year (its dash and closing bracket within a few characters) and the gender.  A character
# is an ideograph or what a font's ToUnicode maps one to: a compatibility ideograph (李 as U+F9E1)
# or a Kangxi radical (工 as U+2F2F)
_HAN = r"[\u4e00-\u9fff\uf900-\ufaff\u2f00-\u2fdf]"
_NAME = r"(?:" + _HAN + r"{2,4}|" + _HAN + r"{1,6}[·•・．]" + _HAN + r"{1,6})"
_BIO = (r"(?:^|(?<=[：:。；;\n]))[ \t\u3000]*" + _NAME
        + r"(?=[ \t\u3000]*[（(][ \t]*(?:19|20)[0-9]{2}[^）)\n]{0,6}[）)][ \t]*[，,、][ \t]*[男女\uf981\u2f25])")
# 女 also as a text layer may carry it: the compatibility ideograph U+F981 or the Kangxi radical U+2F25


class CnBioNameRecognizer(PatternRecognizer):
    NAME = "cn_bio_name.v1"
    PATTERNS = [Pattern("bio_name", _BIO, 0.85)]

    def __init__(self, patterns: list[Pattern] | None = None, context: list[str] | None = None,
                 supported_language: str = "zh", supported_entity: str = "PERSON", name: str | None = None) -> None:
        super().__init__(supported_entity=supported_entity, patterns=patterns or self.PATTERNS,
                         context=context or [], supported_language=supported_language,
                         name=name or self.NAME, version="1")
