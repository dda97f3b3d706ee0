"""The applicant's employer inside an organisation's name LAC read around it (Presidio drops a result another of the
same entity type contains with an equal or higher score).

An OCR-tolerant match of the employer is put back (``detect.analyzer._dropped_as_duplicates``; seed 179's eroded
affiliation, ``test_black_and_white_scans``).  A match the recogniser judged part of another body's name stays
dropped: putting that back made the policy keep seed 191's 包头市中心医院 on a 获奖证书 as "someone else's", and the gate
only flagged it for review (a silent leak)."""

from __future__ import annotations

import pytest

from tests.corpus_case import covered, redact_corpus_file

pytestmark = pytest.mark.models


def test_the_employer_on_a_certificate_is_removed(tmp_path, region_pipeline):
    f, audit, _ = redact_corpus_file(region_pipeline, tmp_path, 191, 1, "born_digital", "huojiang_portrait")
    own = [i for i in f.instances if i["category"] == "employer" and i["owner"] == "applicant"]
    assert own
    for i in own:
        boxes = [b for r in audit["redactions"] if r["page"] == i["page"] for b in r["boxes"]]
        assert covered(i["bbox"], boxes) >= 0.9, i
    assert audit["verification"]["passed"]
