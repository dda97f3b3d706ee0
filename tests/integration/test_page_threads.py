"""Pages of one document worked on two threads (issue 52): the region searches of detection and the final check's
look at each page that shows pixels.  Each page's result depends on that page alone and the results are taken in
page order, so the findings and the verdict are the same as one page after another -- on a two-page scanned 评审表
with the employer's stamp, signatures and a portrait.  Synthetic people (the corpus generator's)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from redactor.config import profile_from_mapping
from redactor.protocols import in_order
from tests.corpus_case import redact_corpus_file

pytestmark = [pytest.mark.models, pytest.mark.corpus]


def _leaks(report):
    return [(lk.where, lk.category, lk.page, lk.bbox, lk.severity, lk.detail) for lk in report.leaks]


def test_two_page_threads_find_and_verify_as_one(region_pipeline, tmp_path):
    from redactor.context import RunContext, document_id_for
    from redactor.ingest import load_document
    from redactor.ownership.records import from_audit
    from redactor.verify import VerifyOptions, verify_pdf
    from tests.ocr import ocr_engine

    f, audit, outcome = redact_corpus_file(region_pipeline, tmp_path, 95919, 1, "scanned", "pingshen_biao_b")
    from tests.corpus_case import corpus_file

    _, mapping = corpus_file(95919, 1, "scanned", "pingshen_biao_b")
    profile = profile_from_mapping(mapping)
    records = from_audit(audit)
    engine = ocr_engine()
    with ThreadPoolExecutor(2) as pool:
        def threaded(work, items):
            return list(pool.map(work, items))

        one = verify_pdf(outcome.output_pdf, profile, engine, VerifyOptions(150.0, False, in_order), records)
        two = verify_pdf(outcome.output_pdf, profile, engine, VerifyOptions(150.0, False, threaded), records)
        assert len(one.ocr_pages) == 2 and one.passed           # premise: both pages looked at, the output clean
        assert _leaks(one) == _leaks(two) and one.ocr_pages == two.ocr_pages and one.passed == two.passed

        src = tmp_path / "again.pdf"
        src.write_bytes(f.data)
        ctx = RunContext(region_pipeline.cfg, str(tmp_path / "work"), document_id_for(str(src)))
        (tmp_path / "work").mkdir()
        doc = load_document(str(src), ctx, engine, rasters=True)
        det = region_pipeline.detector
        a = det.detect(doc, profile, engine, pages=in_order)
        b = det.detect(doc, profile, engine, pages=threaded)
        assert any(x.entity_type == "SEAL" for x in a) and any(x.entity_type == "SIGNATURE" for x in a)
        assert a == b


def test_a_worker_with_one_core_works_its_pages_in_order(cfg):
    from redactor.pipeline import Pipeline

    assert Pipeline(cfg, regions=False, cores=1).pages(0) is in_order
    two = Pipeline(cfg, regions=False, cores=2)
    try:
        assert two.pages(0) is not in_order and two.pages(1) is in_order
        assert two.pages(0)(lambda x: x * x, [1, 2, 3, 4]) == [1, 4, 9, 16]
    finally:
        two.close()
