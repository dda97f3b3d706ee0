"""The verification repair loop (issue 10, class 1) and the checked text export (issue 11)."""

from __future__ import annotations

import json
from pathlib import Path

import pymupdf
import pytest

from redactor.audit.export import LABELS
from redactor.errors import VerificationFailedError
from redactor.pipeline import Pipeline
from redactor.verify import scrub_text, verify_pdf
from tests.integration.test_leak_zoo import OWN, small_image
from tests.synth import APPLICANT, COLLEAGUE_ID


@pytest.fixture(scope="module")
def repair_pipeline(text_cfg):
    cfg = text_cfg.model_copy(update={"audit": text_cfg.audit.model_copy(update={"export_text": True})})
    return Pipeline(cfg, regions=False)


@pytest.mark.issue(10)
def test_value_only_verification_sees_is_repaired_and_listed(tmp_path, repair_pipeline, applicant_profile):
    # a 1.4 % picture showing the mobile number: detection does not OCR it, verification does
    src = small_image(tmp_path, OWN)["path"]
    out = repair_pipeline.run(str(src), applicant_profile, str(tmp_path / "out"), "doc")
    assert out.ok
    audit = json.loads(Path(out.audit_json).read_text(encoding="utf-8"))
    (repair,) = audit["repairs"]
    assert {"page": 1, "category": "phone", "channel": "ocr"}.items() <= repair.items()
    assert any(r["rule"].startswith("repair.") and r["action"] == "removed" for r in audit["needs_review"])
    assert audit["verification"]["passed"] is True
    # an independent reader no longer sees the number in the picture's place
    page = pymupdf.open(out.output_pdf)[0]
    x0, y0, x1, y1 = repair["bbox"]
    pix = page.get_pixmap(dpi=72, clip=pymupdf.Rect(x0 + 2, y0 + 2, x1 - 2, y1 - 2))
    assert max(pix.samples) < 60           # filled black
    report = verify_pdf(out.output_pdf, applicant_profile, repair_pipeline.ocr)
    assert report.passed


@pytest.mark.issue(10)
def test_without_repair_rounds_the_output_is_refused(tmp_path, text_cfg, applicant_profile):
    cfg = text_cfg.model_copy(update={"verify": text_cfg.verify.model_copy(update={"repair_rounds": 0})})
    src = small_image(tmp_path, OWN)["path"]
    with pytest.raises(VerificationFailedError, match="phone in ocr"):
        Pipeline(cfg, regions=False).run(str(src), applicant_profile, str(tmp_path / "out"), "doc")
    assert not (tmp_path / "out" / "doc.redacted.pdf").exists()


@pytest.mark.issue(11)
def test_text_export_is_scrubbed_of_values_and_keeps_others(applicant_profile):
    text = f"推荐人李明华，身份证号 {COLLEAGUE_ID}\n申请人 {APPLICANT.name[:2]}\n{APPLICANT.name[2:]}，电话 +86 138-1234-5678"
    clean, masked = scrub_text(text, applicant_profile, LABELS)
    assert APPLICANT.name[2:] not in clean and "5678" not in clean
    assert "[姓名]" in clean and "[电话]" in clean
    assert "李明华" in clean and COLLEAGUE_ID in clean
    assert {lk.category for lk in masked} == {"name", "phone"} and {lk.where for lk in masked} == {"export_text"}
