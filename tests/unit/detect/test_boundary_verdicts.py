"""A span of another recogniser inside an applicant match that was found to be part of something else is dropped."""

from __future__ import annotations

from presidio_analyzer import RecognizerResult

from redactor.detect.boundary_verdicts import defer_to_boundaries


def _result(entity: str, start: int, end: int, score: float, recogniser: str, boundary: str | None = None,
            evidence: str = "romanised_name") -> RecognizerResult:
    meta: dict = {RecognizerResult.RECOGNIZER_NAME_KEY: recogniser}
    if boundary:
        meta["boundary"] = boundary
        meta["boundary_evidence"] = evidence
    return RecognizerResult(entity, start, end, score, recognition_metadata=meta)


def test_an_ner_span_on_a_bounded_match_scores_zero():
    # 宋勇文SONG Yongwen: the applicant's 宋勇 is a co-author's longer name; LAC tagged 宋勇 alone
    own = _result("PERSON", 0, 2, 0.05, "applicant_value.v1", "inside_other_name")
    ner = _result("PERSON", 0, 2, 0.85, "lac_ner.v1")
    longer = _result("PERSON", 0, 3, 0.85, "lac_ner.v1")
    out = defer_to_boundaries([ner, own, longer])
    assert ner.score == 0.0
    assert own.score == 0.05 and longer.score == 0.85
    assert out == [ner, own, longer]


def test_spans_elsewhere_or_of_another_type_or_beside_an_unbounded_match_stand():
    own_elsewhere = _result("PERSON", 10, 12, 0.05, "applicant_value.v1", "inside_other_name")
    own_plain = _result("PERSON", 20, 22, 1.0, "applicant_value.v1")
    ner_here = _result("PERSON", 0, 2, 0.85, "lac_ner.v1")
    org_over = _result("ORGANIZATION", 10, 12, 0.85, "lac_ner.v1")
    ner_on_plain = _result("PERSON", 20, 22, 0.85, "lac_ner.v1")
    defer_to_boundaries([own_elsewhere, own_plain, ner_here, org_over, ner_on_plain])
    assert ner_here.score == org_over.score == ner_on_plain.score == 0.85


def test_a_verdict_on_a_separator_alone_does_not_stand_over_ner():
    # 王淑珺牵头，: one or two more characters before a comma are read as a longer name; LAC's PERSON stands
    own = _result("PERSON", 0, 3, 0.05, "applicant_value.v1", "inside_other_name", evidence="list_item")
    ner = _result("PERSON", 0, 3, 0.85, "lac_ner.v1")
    defer_to_boundaries([own, ner])
    assert ner.score == 0.85
