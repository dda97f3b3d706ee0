"""Which kept spans the self-check page draws blue (issue 42, problem 6), and one box per place (problem 2).

The texts are what the policy kept on the sample 评审表 and paper: others' names and organisations are
drawn; a table header read as an organisation, a nationality, an English word or a postcode read as a name
are not.  Fake names only."""

from __future__ import annotations

import pytest

from redactor.web.shown import looks_like_someone_else, mark_shown


def _kept(cat: str, rule: str = "other.person", **kw) -> dict:
    return {"id": 0, "page": 1, "action": "keep", "category": cat, "rule": rule, "needs_review": False,
            "manual": False, "edited": False, "boxes": [[10, 10, 50, 20]], **kw}


@pytest.mark.parametrize("text", ["高玲芳", "冯梅", "欧阳明远", "李明华", "WANG Jianguo", "Li Minghua", "巴特尔·那顺"])
def test_another_persons_name_is_drawn(text):
    assert looks_like_someone_else(_kept("name"), text)


@pytest.mark.parametrize("text", ["100083", "\nKey", "\n本文", "汉族", "University", "蒙古族"])
def test_words_read_as_names_are_not_drawn(text):
    assert not looks_like_someone_else(_kept("name"), text)


@pytest.mark.parametrize("text", ["北京科技大学", "内蒙古自治区人力资源和社会保障厅", "包头钢铁职业技术学院",
                                  "内蒙古自治区工程系列高级职称评审委员会", "Baotou Medical College"])
def test_another_organisation_is_drawn(text):
    assert looks_like_someone_else(_kept("employer", "other.organization"), text)


@pytest.mark.parametrize("text", ["联系电话", "中共", "中华人民共和国", "liminghua88@sina.com\nBiography", "北方冶金学报"])
def test_words_read_as_organisations_are_not_drawn(text):
    assert not looks_like_someone_else(_kept("employer", "other.organization"), text)


def test_a_phrase_around_the_removed_employer_and_a_postcode_are_not_drawn_but_marks_and_review_are():
    assert not looks_like_someone_else(_kept("employer", "other.org.contains_employer"), "包钢集团技术中心")
    assert not looks_like_someone_else(_kept("cn_postcode", "other.cn_postcode"), "014010")
    assert looks_like_someone_else(_kept("seal", "other.seal"), "")
    assert looks_like_someone_else(_kept("phone", "other.phone"), "0472-2874700")
    assert looks_like_someone_else(_kept("name", needs_review=True), "本文")


def test_a_second_candidate_over_a_drawn_box_is_its_twin_and_a_larger_one_is_drawn_too():
    line = {**_kept("name"), "id": 0, "action": "redact", "boxes": [[100, 100, 300, 114]]}
    name = {**_kept("name"), "id": 1, "action": "redact", "boxes": [[100, 100, 140, 114]]}
    kept_phone = {**_kept("phone", "other.phone"), "id": 2, "boxes": [[100, 200, 180, 212]]}
    kept_phone_again = {**_kept("phone", "other.phone"), "id": 3, "boxes": [[100.5, 200, 180, 212.4]]}
    wider = {**_kept("phone", "other.phone"), "id": 4, "boxes": [[60, 198, 300, 214]]}
    out = {c["id"]: c for c in mark_shown([line, name, kept_phone, kept_phone_again, wider],
                                          ["", "王某某", "0472-2874700", "0472-2874700", "电话 0472-2874700 2024"])}
    assert out[0]["shown"] and out[0]["twins"] == [1] and not out[1]["shown"]
    assert out[2]["shown"] and out[2]["twins"] == [3] and not out[3]["shown"]
    assert out[4]["shown"]


def test_a_kept_signature_strip_along_a_table_rule_is_not_drawn_but_a_signature_is():
    """Issue 51 item 5: tall thin 签名 strips over table rules on scanned forms were drawn blue as another
    person's signature; a removed strip is still drawn (every removal is)."""
    strip = _kept("signature", "other.signature", boxes=[[300.0, 200.0, 302.5, 260.0]])
    assert not looks_like_someone_else(strip, "")
    assert looks_like_someone_else(_kept("signature", "other.signature", boxes=[[300.0, 200.0, 380.0, 230.0]]), "")
    [drawn] = mark_shown([{**strip, "action": "redact"}], [""])
    assert drawn["shown"]
