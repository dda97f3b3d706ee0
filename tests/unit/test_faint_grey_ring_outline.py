"""A faint double ring on a greyscale two-up scan, a darker stamp beside it (structure seed 69618, a 项目任务书
scanned two copies to a sheet).

The employer's light double-ring stamp at 承担单位（盖章） and the partner's darker stamp beside it, on each copy:
the grey circle search proposes centres from the page's strongest circles (the partners' rings, the form's
rules and print), and the upper copy's light ring was none of them.  On the faint ink its outline is whole,
and the outline search that finds coloured seals finds it there (``SealDetector._faint_gray_outlines``).
Synthetic people and organisations (the corpus generator's).
"""

from __future__ import annotations

import functools

import pytest

from tests.corpus_case import boxes_at, corpus_file
from tests.pages import page_from_pdf


@functools.lru_cache(maxsize=None)
def _sheet():
    f, _ = corpus_file(69618, 0, "scanned_2up", "xiangmu_renwushu")
    seals = [(i["form"], i["bbox"]) for i in f.instances if i["category"] == "seal"]
    return page_from_pdf(f.data, 150), seals


def _found(boxes, truth) -> bool:
    return bool(boxes_at(boxes, truth))


@pytest.mark.parametrize("outlines", [True, False])
def test_each_copys_faint_employer_stamp_is_found_by_its_outline(outlines):
    from redactor.detect.regions.seal import SealDetector

    page, seals = _sheet()
    assert sorted(form for form, _ in seals) == ["seal_employer"] * 2 + ["seal_partner"] * 2
    boxes = [f.boxes[0] for f in SealDetector(faint_gray_outlines=outlines).detect(page, None)]
    partners = [b for form, b in seals if form == "seal_partner"]
    employers = [b for form, b in seals if form == "seal_employer"]
    assert all(_found(boxes, b) for b in partners), boxes                # the darker stamps, both ways
    assert all(_found(boxes, b) for b in employers) is outlines, boxes   # the light ones: by their outline
    assert len(boxes) == (4 if outlines else 3)                          # and nothing else
