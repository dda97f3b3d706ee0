"""Person and organisation names from the spaCy pipeline's LAC NER component.

These are *candidates*: most are other people (co-authors, colleagues) and
other organisations; the policy layer keeps them and lists them under `kept`.
"""

from __future__ import annotations

import regex
from presidio_analyzer import AnalysisExplanation, EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from redactor.detect.recognizers.cn_organization_recognizer import SUFFIXES

_WHOLE_ORG = regex.compile(r"[\p{Han}（）()]{2,}?(?:" + SUFFIXES + r")[）)]?")


class LacNerRecognizer(EntityRecognizer):
    NAME = "lac_ner.v1"
    ENTITIES = ["PERSON", "ORGANIZATION"]

    def __init__(self, supported_entities: list[str] | None = None, supported_language: str = "zh",
                 name: str | None = None, context: list[str] | None = None, score: float = 0.85) -> None:
        self.score = score
        super().__init__(supported_entities=supported_entities or self.ENTITIES, name=name or self.NAME,
                         supported_language=supported_language, version="1", context=context)

    def load(self) -> None:
        return None

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None) -> list[RecognizerResult]:
        if nlp_artifacts is None or not nlp_artifacts.entities:
            return []
        out = []
        for ent in nlp_artifacts.entities:
            label = ent.label_
            if label not in self.supported_entities or (entities and label not in entities):
                continue
            span_text = ent.text.strip()
            if len(span_text) < 2:
                continue
            for start, end in _lines_of(text, ent.start_char, ent.end_char) if label == "ORGANIZATION" \
                    else ((ent.start_char, ent.end_char),):
                expl = AnalysisExplanation(recognizer=self.name, original_score=self.score,
                                           textual_explanation=f"LAC tagged {label}")
                out.append(RecognizerResult(label, start, end, self.score, expl,
                                            recognition_metadata={RecognizerResult.RECOGNIZER_NAME_KEY: self.name}))
        return out


def _lines_of(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """An organisation span LAC ran over line breaks, cut into the whole names on its lines when it holds two
    or more: a certificate's holder's employer and, lines below, its issuer (包头钢铁（集团）有限责任公司 /
    包头市人民政府) are two bodies, and taken as one the issuer disappeared under the employer's removal.
    Lines are grouped until they end with an organisation's suffix, so a name wrapped over two lines
    (内蒙古科技大 / 学) is one name; lines that complete no name (a stamp's ring read as 市 / 民 / 政) are
    left out.  A span with fewer than two whole names is returned as LAC gave it."""
    if "\n" not in text[start:end]:
        return [(start, end)]
    names, group, k = [], None, start
    for line in text[start:end].split("\n"):
        s, e = k + len(line) - len(line.lstrip()), k + len(line.rstrip())
        k += len(line) + 1
        if s >= e:
            continue
        if _WHOLE_ORG.fullmatch(text[s:e]):
            names.append((s, e))           # a whole name on its own line: what was pending completes nothing
            group = None
            continue
        group = (group[0], e) if group else (s, e)
        if _WHOLE_ORG.fullmatch("".join(text[group[0]:group[1]].split())):
            names.append(group)
            group = None
    return names if len(names) > 1 else [(start, end)]
