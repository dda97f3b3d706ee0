"""The verifier's own seal-text check: a partner of the employer's city and legal form that differs
only in its distinctive word (稀土 for 钢铁, 第二 for 第一, 医科 for 科技) is not the employer, while
ring readings of the employer with a confused or lost character still are (issue #10)."""

from __future__ import annotations

import pytest

from redactor.fields import needle_key
from redactor.verify.seals import _reads_as


@pytest.mark.issue(10)
@pytest.mark.parametrize("employer, reading", [
    ("包头钢铁（集团）有限责任公司", "包头稀土（集团）有限责任公司"),
    ("包头钢铁（集团）有限责任公司", "包头稀土集团有限责任公司技术中心"),
    ("包头市第一医院", "包头市第二医院"),
    ("内蒙古科技大学", "内蒙古医科大学"),
    ("包头市中心医院", "包头市肿瘤医院"),
    ("固阳县第一中学", "固阳县第二中学"),
    ("中国建设银行股份有限公司包头分行", "中国农业银行股份有限公司包头分行"),     # 中国, 银行, 包头分行 shared
    ("中国建设银行股份有限公司包头分行", "中国工商银行股份有限公司包头分行"),
])
def test_a_partner_of_the_same_city_and_legal_form_is_not_the_employer(employer, reading):
    assert not _reads_as(needle_key(employer), needle_key(reading))


@pytest.mark.issue(10)
@pytest.mark.parametrize("employer, reading", [
    ("包头钢铁（集团）有限责任公司", "包头钢铁（集团）有限责任公司技术中心"),
    ("包头钢铁（集团）有限责任公司", "包头别铁集团有限责任公司"),        # 钢 confused
    ("包头钢铁（集团）有限责任公司", "包大钢铁集团有限责任公司"),        # 头 confused
    ("包头市第一医院", "头市第一医院"),                                # cut at the ring's start
    ("内蒙古科技大学", "蒙古科技大"),
    ("包头市中心医院", "包头市中心医"),
    ("固阳县第一中学", "固阳县第一中学"),
    ("中国建设银行股份有限公司包头分行", "中国建没银行股份有限公司包头分行"),     # 设 confused
    ("中国建设银行股份有限公司包头分行", "国建设银行股份有限公司包头分"),
])
def test_readings_of_the_employer_with_a_confused_or_lost_character_still_name_it(employer, reading):
    assert _reads_as(needle_key(employer), needle_key(reading))
