"""Faint, partial stamps on a greyscale scan of a 评审表's second page (seed 34174): the employer's round stamp under
its printed name and the date, its upper left faded away, and the review board's partial oval below it.

With the print cut out of the faint ink, each ring is arcs with a gap where it faded: no closed outline for the
outline search, and the circle search's proposals went to the print.  The arcs are fitted as a grey ring cut by
print is, and a ring is kept on the coverage faint coloured rings are kept on (``min_faint_ring_coverage``;
``SealDetector._faint_gray_outlines`` with ``faint_gray_arcs``).  The employer's stamp had gone out (a silent leak).
Synthetic people and organisations (the corpus generator's).
"""

from __future__ import annotations

import functools

import pymupdf
import pytest

from tests.corpus_case import boxes_at, corpus_file
from tests.pages import page_from_pdf


@functools.lru_cache(maxsize=None)
def _second_page():
    f, _ = corpus_file(34174, 0, "scanned", "pingshen_biao_b")
    doc = pymupdf.open(stream=f.data, filetype="pdf")
    one = pymupdf.open()
    one.insert_pdf(doc, from_page=1, to_page=1)
    seals = {i["form"]: i["bbox"] for i in f.instances if i["category"] == "seal" and i["page"] == 2}
    return page_from_pdf(one.tobytes(), 150), seals


def _found(boxes, truth) -> bool:
    return bool(boxes_at(boxes, truth))


@pytest.mark.parametrize("arcs", [True, False])
def test_faint_partial_grey_stamps_are_found_from_their_arcs(arcs):
    from redactor.detect.regions.seal import SealDetector
    from redactor.detect.regions.seal_ink import is_grayscale

    page, seals = _second_page()
    assert is_grayscale(page.raster.pixels)
    assert sorted(seals) == ["seal_employer", "seal_review_board"]
    boxes = [f.boxes[0] for f in SealDetector(faint_gray_arcs=arcs).detect(page, None)]
    assert _found(boxes, seals["seal_employer"]) is arcs, boxes
    assert _found(boxes, seals["seal_review_board"]) is arcs, boxes
    assert len(boxes) == (2 if arcs else 0)                      # and nothing else
