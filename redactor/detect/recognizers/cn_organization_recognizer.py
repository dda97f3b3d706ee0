"""Organisation names by their institutional suffix (公司, 大学, 医院, 厅, 局…).

A low-score complement to LAC for names LAC splits; used for `kept` listings
and as a fallback candidate source.  Matches stay inside one line.
"""

from __future__ import annotations

import regex
from presidio_analyzer import Pattern, PatternRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from redactor.org_words import alternation, org_words

SUFFIXES = alternation(org_words().name_endings)     # configs/org_words.yaml


# A maximal run of the characters the pattern's name and suffix are made of; one that holds a suffix.
_RUN = regex.compile(r"[\p{Han}（）()]+")
_SUFFIX = regex.compile("(?:" + SUFFIXES + ")")


class CnOrganizationRecognizer(PatternRecognizer):
    NAME = "cn_organization.v1"
    PATTERNS = [Pattern("org_suffix", r"[\p{Han}（）()]{2,24}?(?:" + SUFFIXES + r")(?![\p{Han}])", 0.4)]

    def __init__(self, patterns: list[Pattern] | None = None, context: list[str] | None = None,
                 supported_language: str = "zh", supported_entity: str = "ORGANIZATION", name: str | None = None) -> None:
        super().__init__(supported_entity=supported_entity, patterns=patterns or self.PATTERNS,
                         context=context, supported_language=supported_language, name=name or self.NAME, version="1")
        self._by_run = not patterns     # the run argument below holds for PATTERNS, not for any pattern

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None,
                regex_flags: int | None = None) -> list[RecognizerResult]:
        """The pattern run by run (the lazy ``{2,24}?`` tries every start and length: ~6 ms over a dense
        page).  A match lies inside one maximal run of Han characters and brackets (its name and its
        suffix are such characters), and what follows a run is no Han character -- just what the
        pattern's ``(?![\\p{Han}])`` sees at the end of the run alone -- so the pattern finds in each run
        what it finds there in the whole text; a run without a suffix has no match."""
        if not self._by_run:
            return super().analyze(text, entities, nlp_artifacts, regex_flags)
        out: list[RecognizerResult] = []
        for run in _RUN.finditer(text):
            if not _SUFFIX.search(run.group()):
                continue
            for res in super().analyze(run.group(), entities, nlp_artifacts, regex_flags):
                res.start += run.start()
                res.end += run.start()
                out.append(res)
        return out
