"""A partner organisation's seal that shares the employer's city, legal form and generic words but
not its distinctive word is kept; garbled ring readings of the employer's own seal are still removed
(issue #10: 包头稀土（集团）有限责任公司 scored 0.75 against 包头钢铁（集团）有限责任公司)."""

from __future__ import annotations

import pytest

from redactor.config import PolicyConfig, profile_from_mapping
from redactor.fields import applicant_forms
from redactor.model import Action, BBox, Finding
from redactor.policy import rules
from redactor.ownership.seal_name_core import distinctive_positions, shows_distinctive_word

BAOGANG = ["包头钢铁（集团）有限责任公司", "包钢集团"]


def _decide(reading: str, employers: list[str]) -> rules.Decision:
    prof = profile_from_mapping({"name": "谢兰", "employers": employers})
    f = Finding(page=1, entity_type="SEAL", boxes=(BBox(0, 0, 10, 10),), recognizer="seal.v1", score=1.0,
                text=reading, explanation=(("readable", True), ("on_form", False)))
    return rules.region(f, rules.ProfileKeys(prof, applicant_forms(prof)), PolicyConfig())


@pytest.mark.issue(10)
@pytest.mark.parametrize("reading, employers", [
    ("包头稀土（集团）有限责任公司", BAOGANG),
    ("包头稀土集团有限责任公司", BAOGANG),
    ("包头铝业（集团）有限责任公司 技术中心", BAOGANG),
    ("包头市第二医院", ["包头市第一医院"]),
    ("包头市第二人民医院", ["包头市第一人民医院"]),
    ("内蒙古医科大学", ["内蒙古科技大学", "内蒙科大"]),
    ("包头市肿瘤医院", ["包头市中心医院", "包头中心医院"]),
    ("固阳县第二中学", ["固阳县第一中学", "固阳一中"]),
])
def test_a_partner_of_the_same_city_and_legal_form_is_kept(reading, employers):
    d = _decide(reading, employers)
    assert d.action is Action.KEEP, d.rule


@pytest.mark.issue(10)
@pytest.mark.parametrize("reading, employers", [
    ("包头钢铁（集团）有限责任公司", BAOGANG),
    ("头調铁（集团）有限责任", BAOGANG),                      # cut at the ring's start, 钢 confused
    ("包大钢铁，集团有限责任二品 技术中心", BAOGANG),            # 头 confused, brackets read as a comma
    ("包头铁集团有限", BAOGANG),                              # 钢 lost
    ("头市中心医", ["包头市中心医院", "包头中心医院"]),
    ("包头市第一医院", ["包头市第一医院"]),
    ("蒙古科技大", ["内蒙古科技大学", "内蒙科大"]),
    ("固阳县第一中学", ["固阳县第一中学", "固阳一中"]),
])
def test_garbled_readings_of_the_employers_seal_are_removed(reading, employers):
    d = _decide(reading, employers)
    assert d.action is Action.REDACT, d.rule


def test_the_distinctive_characters_leave_out_city_and_organisation_words():
    def chars(core: str) -> str:
        return "".join(core[i] for i in distinctive_positions(core))

    assert chars("包头钢铁(集团)") == "钢铁"
    assert chars("第一医院") == "一"
    assert chars("科技大学") == "科技"
    assert chars("中心医院") == "中心"            # organisation words only: all but the type word


def test_in_place_means_at_the_offset_of_the_best_matched_stretch():
    assert shows_distinctive_word("头調铁集团", "包头钢铁集团")       # 铁 in place: half of 钢铁
    assert not shows_distinctive_word("医科大学", "科技大学")        # 科 one place off
    assert not shows_distinctive_word("包头稀土集团", "包头钢铁集团")
