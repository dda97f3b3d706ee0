"""A co-author's pinyin name right above the applicant's unit on an OCRmyPDF-style scanned paper (variety seed
65627, applicant 1, ``lunwen_b``): the unit printed as the co-author's affiliation is the applicant's and goes;
its padded OCR box reached 2-4 pt over the name's descenders and the name could no longer be read.  A padded
box stops at the next line's text (``redact._clear_of_next_lines``).  Checked on the output's own pixels: the
name's box holds no pixel of a removal box, the unit's is covered.  Synthetic people (the corpus generator's)."""

from __future__ import annotations

import numpy as np
import pymupdf
import pytest

from tests.corpus_case import redact_corpus_file

pytestmark = pytest.mark.models

DPI = 144


def _box_pixels(pdf: str, box: list[float]) -> np.ndarray:
    with pymupdf.open(pdf) as doc:
        pix = doc[0].get_pixmap(dpi=DPI, clip=pymupdf.Rect(*box), colorspace=pymupdf.csRGB)
    return np.frombuffer(pix.samples, np.uint8).reshape(pix.height, pix.width, 3)


def test_the_coauthors_name_keeps_its_descenders_and_the_unit_goes(tmp_path, region_pipeline):
    f, audit, outcome = redact_corpus_file(region_pipeline, tmp_path, 65627, 1, "scan_ocrmypdf", "lunwen_b")
    assert outcome.ok
    inst = {i["id"]: i for i in f.instances}
    name, unit = inst["lunwen_b-002"], inst["lunwen_b-003"]
    assert (name["owner"], name["form"], unit["owner"], unit["category"]) == (
        "other", "pinyin_name", "applicant", "employer"), "premise: the name over the applicant's unit"
    assert unit["bbox"][1] < name["bbox"][3], "premise: the two lines' boxes overlap"
    black = (_box_pixels(outcome.output_pdf, unit["bbox"]) <= 8).all(axis=2)
    assert black.mean() >= 0.85, "the applicant's unit is not covered"
    x0, y0, x1, y1 = name["bbox"]
    name_black = (_box_pixels(outcome.output_pdf, [x0, y0, x1, unit["bbox"][1]]) <= 8).all(axis=2)
    assert name_black.sum() == 0, "a removal box reaches over the co-author's name"
    with pymupdf.open(outcome.output_pdf) as doc:
        assert unit["text"] not in doc[0].get_text()
