"""An issuer's stamp whose ring the seal reader cannot read is not the employer's because its crop shows the
print under it.

Structure seed 37827 (never tuned on before it failed), applicant 1, a scanned 继续教育合格证书: the issuing
authority's partial blue oval stamp, grey on the scan, pressed over the holder's 工作单位 line.  The ring went
unread; the upright crop, read instead, read the black print through the stamp (中心医院 of the holder's unit,
专业技术人员继续 of the certificate's sentence), and the reading "named the employer": the issuer's stamp was
removed.  Lines of a crop's reading that the page prints there are no reading of the stamp
(``SealDetector._less_the_print``); the stamp, found as two outlines over one partial impression, is the
certificate's one stamp (``seal_geometry.same_stamp``) and its issuer's.  Synthetic people (the corpus generator's)."""

from __future__ import annotations

import pytest

from tests.corpus_case import covered, redact_corpus_file


def test_a_crop_reading_less_the_print_under_the_stamp():
    from redactor.detect.regions.seal import SealDetector

    det = SealDetector()
    printed = ["工作单位：包头市中心医院", "于2023年参加专业技术人员继续教育，学时合格"]
    assert det._less_the_print("中心医院 专业技术人品继续", 0.9, printed) == ("", 0.0, "none")
    assert det._less_the_print("中心医院 财务专用章", 0.9, printed) == ("财务专用章", 0.9, "crop")
    assert det._less_the_print("内蒙古自治区科学技术厅", 0.9, printed) == ("内蒙古自治区科学技术厅", 0.9, "crop")
    assert det._less_the_print("中心医院", 0.9, []) == ("中心医院", 0.9, "crop")


def test_one_stamp_found_twice_is_one_stamp():
    from redactor.model import BBox
    from redactor.ownership.seal_geometry import same_stamp

    assert same_stamp(BBox(244, 175, 352, 262), BBox(216, 180, 295, 260))
    assert not same_stamp(BBox(244, 175, 352, 262), BBox(500, 175, 600, 262))


@pytest.mark.models
def test_the_issuers_stamp_over_the_holders_unit_stays(tmp_path, region_pipeline):
    f, audit, _ = redact_corpus_file(region_pipeline, tmp_path, 37827, 1, "scanned", "jixu_jiaoyu_zhengshu")
    (seal,) = [i for i in f.instances if i["category"] == "seal"]
    assert seal["owner"] == "other"                                  # premise: the issuer's
    gone = [r["bbox"] for r in audit["redactions"]]
    assert covered(seal["bbox"], gone) < 0.35, gone                  # the holder's unit line under it goes
    kept = [k for k in audit["kept"] if k["category"] == "seal"]
    assert kept and all(k["rule"] == "other.seal.issuer" for k in kept), kept
    assert not audit["needs_review"] and not audit["repairs"]
    own = [i for i in f.instances if i["owner"] == "applicant" and i["category"] in ("name", "employer", "id_number")]
    assert own and all(covered(i["bbox"], gone) >= 0.9 for i in own), [(i["bbox"], covered(i["bbox"], gone)) for i in own]
