"""Context words for Chinese: a substring search in the characters before a match.

Presidio's LemmaContextAwareEnhancer compares context words with whole tokens;
with character tokens (our zh pipeline) a word such as 身份证号 never equals a
token, so it would never fire.  This enhancer looks for each recogniser's
context words in the ``window`` characters before the match instead.  Being
presidio's one step between the recognisers and its de-duplication, it also
lets the applicant matcher's boundary verdicts stand (``boundary_verdicts``).
"""

from __future__ import annotations

from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.context_aware_enhancers import ContextAwareEnhancer
from presidio_analyzer.nlp_engine import NlpArtifacts

from redactor.detect.boundary_verdicts import defer_to_boundaries


class CnContextEnhancer(ContextAwareEnhancer):
    def __init__(self, window: int = 16, boost: float = 0.35, min_score_with_context: float = 0.4) -> None:
        super().__init__(context_similarity_factor=boost, min_score_with_context_similarity=min_score_with_context,
                         context_prefix_count=window, context_suffix_count=0)
        self.window = window

    def enhance_using_context(
        self,
        text: str,
        raw_results: list[RecognizerResult],
        nlp_artifacts: NlpArtifacts,
        recognizers: list[EntityRecognizer],
        context: list[str] | None = None,
    ) -> list[RecognizerResult]:
        by_name = {r.name: r for r in recognizers}
        for res in raw_results:
            meta = res.recognition_metadata or {}
            if meta.get(RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY):
                continue
            rec = by_name.get(meta.get(RecognizerResult.RECOGNIZER_NAME_KEY, ""))
            words = list(rec.context or []) if rec else []
            words += list(context or [])
            if not words or res.score <= 0:
                continue
            before = text[max(0, res.start - self.window):res.start].lower()
            hit = next((w for w in words if w.lower() in before), None)
            if hit is None:
                continue
            res.score = min(1.0, max(res.score + self.context_similarity_factor, self.min_score_with_context_similarity))
            if res.analysis_explanation is not None:
                res.analysis_explanation.set_supportive_context_word(hit)
                res.analysis_explanation.set_improved_score(res.score)
            meta[RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY] = True
            res.recognition_metadata = meta
        return defer_to_boundaries(raw_results)
