"""The benchmark: its scorer can fail, and the pipeline meets the CI thresholds.

* ``test_scorer_*``: hand-made outputs with a known leak, a destroyed decoy, an
  uncovered region and a box outside the applicant's data — proof that the scorer
  reports what it should (no models needed).
* ``test_ci_subset_meets_thresholds``: the CI subset through the real pipeline and
  the baseline, scored, against the ``ci`` quality thresholds of ``benchmarks/thresholds.yaml``
  (what ``make bench-ci`` runs, speed aside: no timing in ``make test`` -- issue 50; speed is
  ``make bench-ci``'s and ``make bench``'s).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pymupdf
import pytest

from benchmarks import extract, quality
from benchmarks.run import check_thresholds, markdown, run_benchmark, spec_for

W, H = 400.0, 300.0


def _page_with(doc: pymupdf.Document) -> pymupdf.Page:
    page = doc.new_page(width=W, height=H)
    page.insert_text((40, 60), "申请人：张三丰", fontname="china-s", fontsize=14)
    page.insert_text((40, 100), "推荐人：李四光", fontname="china-s", fontsize=14)
    page.insert_text((40, 140), "电话 138-1234-5678", fontname="china-s", fontsize=14)
    page.insert_text((40, 180), "张三", fontname="china-s", fontsize=14)    # a split name: 张三 / 丰
    page.insert_text((40, 200), "丰", fontname="china-s", fontsize=14)
    # a "portrait": a noisy grey block
    rng = np.random.default_rng(0)
    arr = rng.integers(40, 220, (80, 60, 3), dtype=np.uint8)
    pix = pymupdf.Pixmap(pymupdf.csRGB, 60, 80, arr.tobytes(), False)
    page.insert_image(pymupdf.Rect(300, 40, 360, 120), pixmap=pix)
    return page


def _bbox(page: pymupdf.Page, text: str, nth: int = 0) -> list[float]:
    r = page.search_for(text)[nth]
    return [r.x0, r.y0, r.x1, r.y1]


def _truth(page: pymupdf.Page) -> dict:
    name = page.search_for("张三丰")[0]
    inst = [
        {"id": "t-001", "category": "name", "owner": "applicant", "form": "chinese_name", "page": 1,
         "bbox": [name.x0, name.y0, name.x1, name.y1], "text": "张三丰"},
        {"id": "t-002", "category": "name", "owner": "other", "form": "chinese_name", "page": 1,
         "bbox": _bbox(page, "李四光"), "text": "李四光"},
        {"id": "t-003", "category": "phone", "owner": "applicant", "form": "phone_dashed", "page": 1,
         "bbox": _bbox(page, "138-1234-5678"), "text": "138-1234-5678"},
        {"id": "t-004", "category": "name", "owner": "applicant", "form": "split_name", "page": 1, "group": "g1",
         "bbox": [40, 166, 70, 184], "text": "张三"},
        {"id": "t-005", "category": "name", "owner": "applicant", "form": "split_name", "page": 1, "group": "g1",
         "bbox": [40, 186, 56, 204], "text": "丰"},
        {"id": "t-006", "category": "photo", "owner": "applicant", "form": "portrait", "page": 1,
         "bbox": [300, 40, 360, 120], "text": ""},
    ]
    return {"file": "hand.pdf", "doc_type": "hand", "path": "born_digital", "media": "pdf",
            "pages": [{"page": 1, "width": W, "height": H, "kind": "born_digital"}], "instances": inst}


def _redact(src: Path, dst: Path, rects: list[list[float]]) -> dict:
    doc = pymupdf.open(src)
    page = doc[0]
    for r in rects:
        page.add_redact_annot(pymupdf.Rect(r), fill=(0, 0, 0))
    page.apply_redactions(images=pymupdf.PDF_REDACT_IMAGE_PIXELS)
    doc.save(dst)
    doc.close()
    return {"redactions": [{"page": 1, "category": "x", "bbox": r, "boxes": [r], "rule": "test"} for r in rects]}


@pytest.fixture(scope="module")
def hand(tmp_path_factory):
    d = tmp_path_factory.mktemp("hand")
    doc = pymupdf.open()
    page = _page_with(doc)
    truth = _truth(page)
    src = d / "in.pdf"
    doc.save(src)
    doc.close()
    return d, src, truth


def _score(src: Path, out: Path, audit: dict, truth: dict) -> dict:
    with extract.PdfReadout(src) as before, extract.PdfReadout(out) as after:
        return quality.score_document(truth, before, after, audit)


def _status(scored: dict) -> dict[str, str]:
    return {r["id"]: r["status"] for r in scored["records"]}


def test_scorer_passes_a_correct_redaction(hand):
    d, src, truth = hand
    inst = {i["id"]: i for i in truth["instances"]}
    rects = [inst[k]["bbox"] for k in ("t-001", "t-003", "t-004", "t-005", "t-006")]
    audit = _redact(src, d / "good.pdf", rects)
    s = _score(src, d / "good.pdf", audit, truth)
    assert _status(s) == {"t-001": "removed", "t-002": "kept", "t-003": "removed", "g1": "removed", "t-006": "removed"}
    assert s["pages"][0]["over_pt2"] < 1.0
    assert s["spurious"] == []


def test_scorer_catches_a_leak_a_destroyed_decoy_and_over_redaction(hand):
    d, src, truth = hand
    inst = {i["id"]: i for i in truth["instances"]}
    # the name stays, the decoy is blacked out, the phone is removed, only the first split piece is removed,
    # the portrait is left alone, and a box lands on empty paper
    rects = [inst["t-002"]["bbox"], inst["t-003"]["bbox"], inst["t-004"]["bbox"], [200, 250, 300, 280]]
    audit = _redact(src, d / "bad.pdf", rects)
    s = _score(src, d / "bad.pdf", audit, truth)
    st = _status(s)
    assert st == {"t-001": "leaked", "t-002": "lost", "t-003": "removed", "g1": "leaked", "t-006": "leaked"}
    why = {r["id"]: r["why"] for r in s["records"]}
    assert why["t-001"] == "text" and why["g1"] == "text" and why["t-006"].startswith("uncovered")
    over = s["pages"][0]["over_pt2"]
    assert over >= 100 * 30 + area_of(inst["t-002"]["bbox"]) - 5      # the stray box and the decoy's box
    assert [x["decoys_hit"] for x in s["spurious"]] == [["t-002"], []]
    summ = quality.summarize(s["records"], s["pages"], s["spurious"])
    assert summ["applicant"]["all"]["leaked"] == 3 and summ["applicant"]["all"]["rate"] == pytest.approx(0.25)
    assert summ["decoys"]["all"]["lost"] == 1
    assert summ["applicant"]["by_category"]["photo"]["leaked"] == 1


def test_scorer_reads_metadata_and_missing_outputs(hand):
    d, src, truth = hand
    inst = {i["id"]: i for i in truth["instances"]}
    doc = pymupdf.open(src)
    page = doc[0]
    for k in ("t-001", "t-003", "t-004", "t-005", "t-006"):
        page.add_redact_annot(pymupdf.Rect(inst[k]["bbox"]), fill=(0, 0, 0))
    page.apply_redactions()
    doc.set_metadata({"author": "张三丰"})
    doc.save(d / "meta.pdf")
    doc.close()
    s = _score(src, d / "meta.pdf", {"redactions": []}, truth)
    # the name in the document information dictionary leaks the name wherever it appears (the split one too)
    assert {r["id"]: r["why"] for r in s["records"] if r["status"] == "leaked"} == {"t-001": "metadata", "g1": "metadata"}
    with extract.PdfReadout(src) as before:
        none = quality.score_document(truth, before, None, None)
    assert {r["status"] for r in none["records"]} == {"no_output"}


def area_of(b: list[float]) -> float:
    return (b[2] - b[0]) * (b[3] - b[1])


def _assert_thresholds(report: dict, section: str) -> None:
    checks = check_thresholds(report, section, speed=False)
    assert checks, f"no thresholds in section {section!r}"
    failed = [f"{c}: {d}" for c, ok, d in checks if not ok]
    assert not failed, "thresholds failed:\n" + "\n".join(failed) + "\n\n" + markdown(report, checks)


@pytest.mark.models
def test_a_mark_erased_with_the_print_over_it_kept_counts_as_removed_and_one_left_does_not():
    """A seal picture removed whole with no box (print kept over it) leaves paper where its ink was."""
    paper = np.full((40, 40, 3), 250, np.uint8)
    before = paper.copy()
    before[5:35, 5:35] = (210, 40, 40)            # a red stamp's ink
    before[18:22, 0:40] = (20, 20, 20)            # a line of print across it
    erased = paper.copy()
    erased[18:22, 0:40] = (20, 20, 20)            # the print stays, the stamp is paper
    assert extract.newly_blank(erased, before) > 0.95
    assert extract.newly_blank(before.copy(), before) == 0.0          # the stamp left as it was
    crossed = erased.copy()
    crossed[8:14, 0:40] = 0                        # a removed name's box across the stamp's top
    assert extract.newly_blank(crossed, before) > 0.95
    half = before.copy()
    half[5:35, 5:20] = 250                         # half the stamp left
    assert extract.newly_blank(half, before) < 0.6


def test_ci_subset_meets_thresholds(tmp_path):
    """The CI subset (the canonical applicant's 10 born-digital documents + 2 scanned pages), as
    `make bench-ci` runs it: about 30 s on 2 idle cores (2-3 min on a busy machine), so it runs
    on every `make test`."""
    report = run_benchmark(spec_for("ci"), tmp_path, jobs=2, progress=False)
    assert report["documents"] == 12
    assert report["redactor"]["applicant"]["all"]["n"] > 50 and report["redactor"]["decoys"]["all"]["n"] > 100
    assert report["baseline"]["applicant"]["all"]["rate"] < report["redactor"]["applicant"]["all"]["rate"]
    _assert_thresholds(report, "ci")
