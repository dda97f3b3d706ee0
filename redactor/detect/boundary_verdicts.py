"""A name or organisation span that the applicant's own matcher found to be part of something else keeps that verdict.

``applicant_value`` matches every form of the applicant's data and checks where each match stands: 宋勇 in
``宋勇文SONG Yongwen`` is a co-author's longer name, 包头钢铁 in 包头钢铁职业技术学院 another institution, 内蒙古大学
in 内蒙古大学学报 a journal.  Such a match is reported with a low score and its ``boundary``; policy keeps it and says
why.  Where LAC tags the very same characters (宋勇 | 文SONG ...), its span scores 0.85, and presidio's
de-duplication, which drops a result that another of its type contains at an equal or higher score, dropped the
verdict and kept the NER span, which policy then removed as "equals the applicant's name" (a co-author's
name cut in half on an OCRmyPDF paper).  So a span of another recogniser lying inside a match with a boundary
scores 0 here, and presidio drops it instead.  It runs in the analyzer's context step
(``context.CnContextEnhancer``), presidio's one hook between its recognisers and its de-duplication.

A verdict that rests only on one or two more characters before a separator (``list_item``) does not stand
over NER: 王淑珺牵头， (the name, then "leads", then a comma) reads to it as a longer name 王淑珺牵头, and
LAC's PERSON over 王淑珺 is then what removes the name (a 业绩报告, the name wrapped over two lines).
"""

from __future__ import annotations

from presidio_analyzer import RecognizerResult

APPLICANT_RECOGNIZER = "applicant_value.v1"
WEAK_EVIDENCE = frozenset({"list_item"})      # applicant_value_recognizer.BOUNDARY_EVIDENCE


def defer_to_boundaries(results: list[RecognizerResult]) -> list[RecognizerResult]:
    """``results`` with every other recogniser's span inside a bounded applicant match set to score 0."""
    bounded = [(r.entity_type, r.start, r.end) for r in results if _recogniser(r) == APPLICANT_RECOGNIZER
               and (r.recognition_metadata or {}).get("boundary")
               and (r.recognition_metadata or {}).get("boundary_evidence") not in WEAK_EVIDENCE]
    if not bounded:
        return results
    for r in results:
        if _recogniser(r) == APPLICANT_RECOGNIZER or r.score <= 0:
            continue
        if any(t == r.entity_type and s <= r.start and r.end <= e for t, s, e in bounded):
            r.score = 0.0
            if r.analysis_explanation is not None:
                r.analysis_explanation.set_improved_score(0.0)
    return results


def _recogniser(r: RecognizerResult) -> str:
    return str((r.recognition_metadata or {}).get(RecognizerResult.RECOGNIZER_NAME_KEY, ""))
