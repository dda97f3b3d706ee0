"""Person and organisation names from the spaCy pipeline's LAC NER component.

These are *candidates*: most are other people (co-authors, colleagues) and
other organisations; the policy layer keeps them and lists them under `kept`.
"""

from __future__ import annotations

from presidio_analyzer import AnalysisExplanation, EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts


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
            expl = AnalysisExplanation(recognizer=self.name, original_score=self.score,
                                       textual_explanation=f"LAC tagged {label}")
            out.append(RecognizerResult(label, ent.start_char, ent.end_char, self.score, expl,
                                        recognition_metadata={RecognizerResult.RECOGNIZER_NAME_KEY: self.name}))
        return out
