import pickle

import pytest

from redactor.model import BBox, Char, Finding, Page


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


def test_model_objects_pickle_for_process_pools():
    f = Finding(page=1, entity_type="PERSON", boxes=(BBox(0, 0, 1, 1),), recognizer="x.v1", score=1.0, text="v")
    assert pickle.loads(pickle.dumps(f)) == f
