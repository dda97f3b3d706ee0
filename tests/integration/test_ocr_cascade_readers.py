"""The OCR cascade, on by default, in a real run: which model read which line, and the labels read in full.

Seed 187, applicant 1, the Word 申报表 scanned in 黑白 mode (synthetic people and strokes).  The tiny recogniser
reads its 推荐人签名 label as 推停人签名 at 0.955: without the label class of ``ingest.ocr.watch`` the
recommender's signature beside it was removed as the applicant's.  The audit counts per page the lines each
model's reading stands for."""

from __future__ import annotations

import pytest

from redactor.config import profile_from_mapping
from redactor.context import RunContext, document_id_for
from tests.corpus_case import corpus_file, covered, redact_corpus_file

pytestmark = pytest.mark.models


def test_a_signature_label_is_read_by_the_full_model(tmp_path, region_pipeline):
    assert region_pipeline.cfg.ocr.rec_cascade, "the cascade is the default"
    f, profile = corpus_file(187, 1, "scanned_bw", "word_shenbao")
    src = tmp_path / "input.pdf"
    src.write_bytes(f.data)
    a = region_pipeline.analyze(str(src), profile_from_mapping(profile),
                                RunContext(region_pipeline.cfg, str(tmp_path), document_id_for(str(src))))
    page = a.document.pages[0]
    lines = {page.text[ln.start:ln.end]: ln.reader for ln in page.ocr_lines}
    assert lines.get("推荐人签名") == "ppocr_rec", sorted(lines)
    assert "推停人签名" not in page.text
    readers = {ln.reader for ln in page.ocr_lines}
    assert readers == {"ppocr_rec", "ppocr_rec_tiny"}          # the cascade read this page, both models


def test_the_audit_says_which_model_read_how_many_lines(tmp_path, region_pipeline):
    f, audit, _ = redact_corpus_file(region_pipeline, tmp_path, 187, 1, "scanned_bw", "word_shenbao")
    (info,) = audit["page_info"]
    by = info["ocr_lines_by_reader"]
    assert set(by) == {"ppocr_rec", "ppocr_rec_tiny"} and sum(by.values()) == info["ocr_lines"]
    assert "ppocr_rec_tiny" in audit["models"]
    recommender = next(i for i in f.instances if i["category"] == "signature" and i.get("role") == "recommender")
    assert covered(recommender["bbox"], [r["bbox"] for r in audit["redactions"]]) <= 0.25
