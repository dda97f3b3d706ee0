"""The bundled scanned certificate goes through the gate and is released, with the authority's data kept.

``make demo`` is a user's first contact; a change to verification once made the repair loop chase the
applicant's signature on this scan for three rounds and withhold it (the `scanverify` merge, seventh stop).
Later the loop released it with two "signature" repairs of 115 x 245 and 103 x 89 pt: verification's OCR read
the 持证人签名 label into one line with the painted box beside it (43 pt tall for 13 pt characters), the window
searched for pen strokes grew with that height over half the page, and the dashed fold line with the first
characters of 资格名称, 评审组织, 批准文号 ... (and then the issuing authority's seal) were taken for the
applicant's signature and blacked out.
"""

from __future__ import annotations

from pathlib import Path

import pymupdf
import pytest

from redactor.config import load_profile
from redactor.normalize import compact, digits_only

pytestmark = pytest.mark.models

SAMPLES = Path(__file__).resolve().parents[2] / "sample_docs"
# printed on the certificate beside and below the signature row: labels, the title, the issuing authority,
# its reference numbers -- nobody's personal data, read by the same OCR from the input
KEPT = ("资格名称：工程师", "评审组织：内蒙古自治区工程系列高级职称评审委员会", "批准文号：内人社职字",
        "管理号：150702196012055091", "证书编号：201892345361", "发证机关：内蒙古自治区人力资源和社会保障厅",
        "发证日期：2018年12月25日")


@pytest.fixture(scope="module")
def released(tmp_path_factory, region_pipeline):
    src = SAMPLES / "zige_zhengshu_scanned.pdf"
    profile = load_profile(SAMPLES / "profile.yaml")
    outcome = region_pipeline.run(str(src), profile, str(tmp_path_factory.mktemp("zige") / "out"), "zige")
    return profile, outcome


def _ocr_text(pdf_path: str) -> str:
    """The output as an independent reader sees it: rendered and read by the project's OCR engine."""
    from redactor.ingest.images import render_page
    from tests.ocr import ocr_engine

    engine = ocr_engine()
    with pymupdf.open(pdf_path) as doc:
        return "\n".join(line.text for page in doc for line in engine.recognize(render_page(page, 200)))


def test_the_bundled_scanned_certificate_is_released_clean(released, region_pipeline):
    profile, outcome = released
    assert outcome.ok, outcome.error
    assert Path(outcome.output_pdf).is_file()
    text = compact("".join(p.get_text() for p in pymupdf.open(outcome.output_pdf)))
    assert compact(profile.name) not in text
    assert profile.id_number[-6:] not in text
    report = region_pipeline.verify(outcome.output_pdf, profile, every_page=True)
    assert report.passed


@pytest.mark.issue(10)
def test_the_authoritys_labels_and_values_stay_readable(released):
    profile, outcome = released
    assert outcome.ok, outcome.error
    text = compact(_ocr_text(outcome.output_pdf))
    assert compact(profile.name) not in text
    assert digits_only(profile.id_number) not in digits_only(text)
    assert not any(compact(e) in text for e in profile.employers)
    missing = [k for k in KEPT if compact(k) not in text]
    assert not missing, missing
