"""Issue #14: the organisation pattern run clause by clause finds exactly what it finds in the whole text."""

from __future__ import annotations

import random

from redactor.detect.recognizers.cn_organization_recognizer import CnOrganizationRecognizer


def _key(results):  # noqa: ANN001, ANN202
    return sorted((r.start, r.end, r.score, r.entity_type) for r in results)


def test_run_by_run_matches_the_whole_text():
    by_run = CnOrganizationRecognizer()
    whole = CnOrganizationRecognizer()
    whole._by_run = False
    rnd = random.Random(14)
    alphabet = list("包头钢铁集团有限责任公司内蒙古科技大学学院医院局厅署研究所中心（）()，。 \nab1、") + \
        ["有限公司", "大学", "研究中心", "人民政府", "办公室", "股份有限公司"]
    texts = ["工作单位：包头钢铁（集团）有限责任公司技术中心，合作单位：内蒙古科技大学包头医学院。",
             "发证机关：包头市人力资源和社会保障局\n包头市人民政府办公室"]
    texts += ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(1, 90))) for _ in range(2000)]
    found = 0
    for t in texts:
        a, b = _key(whole.analyze(t, [])), _key(by_run.analyze(t, []))
        assert a == b, t
        found += len(a)
    assert found > 1000
