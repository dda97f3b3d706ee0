"""LAC ran one ORGANIZATION span over a certificate's lines: the holder's employer and, below, the issuer
under its seal (包头钢铁（集团）有限责任公司 / 包头市人民政府).  Taken as one, the issuer vanished under the
employer's removal and its seal was left with "nothing printed around it" (review on every 荣誉证书 of seed
29347).  The span is cut into the whole names on its lines; a name wrapped over two lines stays one."""

from __future__ import annotations

import pytest

from redactor.detect.recognizers.lac_ner_recognizer import _lines_of


def _parts(text: str) -> list[str]:
    return [text[s:e] for s, e in _lines_of(text, 0, len(text))]


def test_two_whole_names_on_two_lines_are_two_spans():
    assert _parts("包头钢铁（集团）有限责任公司\n包头市人民政府") == ["包头钢铁（集团）有限责任公司", "包头市人民政府"]


def test_a_stamps_ring_read_between_them_is_left_out():
    assert _parts("包头钢铁（集团）有限责任公司\n市\n民\n政\n包头市人民政府") == ["包头钢铁（集团）有限责任公司", "包头市人民政府"]


@pytest.mark.parametrize("text", ["内蒙古科技大\n学", "本文\n北京科技大学", "包头钢铁（集团）有限责任公司"])
def test_one_name_or_a_name_with_a_word_stays_as_lac_gave_it(text):
    assert _parts(text) == [text]


def test_a_wrapped_name_beside_a_whole_one_is_kept_whole():
    assert _parts("内蒙古科技大\n学\n内蒙古大学") == ["内蒙古科技大\n学", "内蒙古大学"]
