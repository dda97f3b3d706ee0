import pickle

import pytest

from redactor.model import BBox, Char, Finding, Page, TextOrigin


def test_inverted_bbox_is_rejected():
    with pytest.raises(ValueError, match="inverted"):
        BBox(10, 0, 5, 5)


def test_page_requires_one_char_per_text_character():
    with pytest.raises(ValueError, match="aligned"):
        Page(number=1, width=100, height=100, text="ab", chars=(Char("a", BBox(0, 0, 1, 1)),))


def test_boxes_for_span_merges_a_line_and_splits_lines():
    chars = (
        Char("王", BBox(10, 10, 20, 20)), Char("淑", BBox(20, 10, 30, 20)), Char("\n", None),
        Char("珺", BBox(10, 30, 20, 40)),
    )
    page = Page(number=1, width=100, height=100, text="王淑\n珺", chars=chars)
    boxes = page.boxes_for_span(0, 4)
    assert boxes == (BBox(10, 10, 30, 20), BBox(10, 30, 20, 40))


def _tilted_line(origin: TextOrigin) -> Page:
    # 14 characters 8 pt wide, 16 pt tall, each 0.4 pt higher than the one before (a scan turned 1.6 degrees)
    chars = tuple(Char(c, BBox(100 + 8 * i, 453 - 0.4 * i, 108 + 8 * i, 469 - 0.4 * i), origin)
                  for i, c in enumerate("包头钢铁集团有限责任公司甲乙"))
    return Page(number=1, width=600, height=800, text="".join(ch.c for ch in chars), chars=chars)


def test_boxes_for_span_follows_a_tilted_ocr_line_in_steps():
    page = _tilted_line(TextOrigin.OCR)
    boxes = page.boxes_for_span(0, len(page.text))
    assert len(boxes) > 1
    assert all(b.height <= 16 * 1.06 + 1e-6 for b in boxes)              # never much taller than a character
    assert all(a.x1 == b.x0 for a, b in zip(boxes, boxes[1:]))           # steps touch: no gap between them
    for ch in page.chars:                                                 # every character stays covered
        assert any(b.x0 <= ch.bbox.x0 and b.y0 <= ch.bbox.y0 and b.x1 >= ch.bbox.x1 and b.y1 >= ch.bbox.y1
                   for b in boxes), ch.c
    # the first step stays clear of what is printed just above the start of the line
    assert boxes[0].y0 > page.chars[0].bbox.y0 - 1.0


def test_boxes_for_span_keeps_one_box_for_a_text_layer_line():
    page = _tilted_line(TextOrigin.TEXT_LAYER)
    assert len(page.boxes_for_span(0, len(page.text))) == 1


def test_model_objects_pickle_for_process_pools():
    f = Finding(page=1, entity_type="PERSON", boxes=(BBox(0, 0, 1, 1),), recognizer="x.v1", score=1.0, text="v")
    assert pickle.loads(pickle.dumps(f)) == f
