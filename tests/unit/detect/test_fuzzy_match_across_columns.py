"""An OCR-tolerant match of the applicant's employer may not jump a column's gap.

OCR read a paper's two affiliation columns as one line, 技术中心包头钢铁（集团）有限责任公 | 东北大学，沈阳, the 司
wrapped to the next line.  The match allowing one misread character took the co-author's 东, across 109 pt of
paper, for 司, and its box removed the 东 of 东北大学 (fresh seed 199, scan_ocrmypdf and scan_with_hidden_text).
Synthetic text, no real person."""

from __future__ import annotations

from presidio_analyzer import AnalysisExplanation, RecognizerResult

from redactor.detect.analyzer import to_finding
from redactor.model import BBox, Char, Page, TextOrigin


def _line(pieces: list[tuple[str, float]]) -> Page:
    """Characters 8 pt wide and 11 pt high on one line, each piece starting at its x."""
    chars: list[Char] = []
    for text, x in pieces:
        for i, c in enumerate(text):
            chars.append(Char(c, BBox(x + 8 * i, 126, x + 8 * (i + 1), 137), TextOrigin.OCR, 0.95))
    return Page(number=1, width=595, height=842, text="".join(c.c for c in chars), chars=tuple(chars))


def _result(start: int, end: int) -> RecognizerResult:
    meta = {RecognizerResult.RECOGNIZER_NAME_KEY: "applicant_value.v1", "fuzzy": "ocr_substituted_char",
            "form_kind": "employer_official", "profile_field": "employers"}
    return RecognizerResult("ORGANIZATION", start, end, 0.65, AnalysisExplanation("applicant_value.v1", 0.65),
                            recognition_metadata=meta)


def test_a_misread_character_across_a_column_gap_is_no_match():
    page = _line([("包头钢铁集团有限责任公", 106.0), ("东北大学", 324.0)])
    assert to_finding(page, _result(0, 12)) is None                   # ...公 + 东, 130 pt apart


def test_a_misread_character_beside_the_rest_still_matches():
    page = _line([("包头钢铁集团有限责任公东北大学", 106.0)])            # the same characters, one run
    finding = to_finding(page, _result(0, 12))
    assert finding is not None and finding.boxes[0].x1 == 106.0 + 8 * 12
