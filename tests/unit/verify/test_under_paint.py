"""A box drawn on top of a scan is a leak: ``redactor verify`` looks under it.

Before: a scanned form with black rectangles painted over the name, employer and phone (a PDF editor's
"redaction") passed ``redactor verify`` -- OCR of the rendering sees black -- while the scan's pixels under
the rectangles still held all three.  Now every opaque shape painted over an image is taken away on a copy
and what it covered is read.  Real redaction (the pipeline's output) blanks those pixels and passes.
Synthetic people only.
"""

from __future__ import annotations

import numpy as np
import pymupdf
import pytest

from redactor.config import profile_from_mapping
from redactor.verify import verify_pdf
from redactor.verify.pdfium_reader import open_pdf, read_pages

NAME, EMPLOYER, PHONE, REFEREE = "芙莉莲", "北方魔法大学", "13912345678", "辛美尔"
PROFILE = profile_from_mapping({"name": NAME, "id_number": "110105199003071239", "phones": [PHONE],
                                "employers": [EMPLOYER]})
LINES = [f"姓名：{NAME}", f"工作单位：{EMPLOYER}", f"联系电话：{PHONE}", f"推荐人：{REFEREE}"]


def _scan(tmp_path) -> tuple[str, dict[str, pymupdf.Rect]]:
    """A one-page scan (a 150-dpi picture of the form) and where each value sits on it."""
    form = pymupdf.open()
    page = form.new_page(width=420, height=260)
    for i, text in enumerate(LINES):
        page.insert_text((40, 60 + 40 * i), text, fontname="china-s", fontsize=16)
    where = {v: page.search_for(v)[0] for v in (NAME, EMPLOYER, PHONE, REFEREE)}
    scan = pymupdf.open()
    scan.new_page(width=420, height=260).insert_image(pymupdf.Rect(0, 0, 420, 260), pixmap=page.get_pixmap(dpi=150))
    path = str(tmp_path / "scan.pdf")
    scan.save(path)
    return path, where


def _paint(src: str, out: str, rects: list[pymupdf.Rect], overlay: bool = True) -> str:
    doc = pymupdf.open(src)
    for r in rects:
        doc[0].draw_rect(r + (-2, -2, 2, 2), color=None, fill=(0, 0, 0), overlay=overlay)
    doc.save(out)
    return out


@pytest.mark.models
def test_a_box_painted_over_a_scan_is_looked_under(tmp_path, region_pipeline):
    src, where = _scan(tmp_path)
    boxed = _paint(src, str(tmp_path / "boxed.pdf"), [where[NAME], where[EMPLOYER], where[PHONE]])
    with open_pdf(boxed) as pdf:
        assert read_pages(pdf)[0].painted_over
    report = verify_pdf(boxed, PROFILE, ocr=region_pipeline.ocr)
    assert not report.passed
    assert {lk.category for lk in report.leaks if lk.where == "under_paint" and lk.severity == "leak"} \
        == {"name", "employer", "phone"}
    assert not [lk for lk in report.leaks if lk.where == "ocr"]          # the rendering itself shows none


@pytest.mark.models
def test_real_redaction_passes_and_the_referee_stays(tmp_path, region_pipeline):
    src, _ = _scan(tmp_path)
    outcome = region_pipeline.run(src, PROFILE, str(tmp_path / "out"), "scan")
    assert outcome.ok
    out = str(tmp_path / "out" / "scan.redacted.pdf")
    with open_pdf(out) as pdf:
        assert read_pages(pdf)[0].painted_over                          # the pipeline's boxes are painted too
    report = verify_pdf(out, PROFILE, ocr=region_pipeline.ocr, options=None)
    assert report.passed and not [lk for lk in report.leaks if lk.where == "under_paint"]


@pytest.mark.models
def test_a_picture_under_a_box_is_reviewed_and_shading_behind_is_not_looked_under(tmp_path, region_pipeline):
    doc = pymupdf.open()
    page = doc.new_page(width=300, height=300)
    yy, xx = np.mgrid[0:140, 0:100]                                       # an ID photo drawn in code: a blue
    photo = np.zeros((140, 100, 3), np.uint8) + np.array([90, 140, 220], np.uint8)     # ground, a face, dark hair
    photo[((xx - 50) / 28.0) ** 2 + ((yy - 60) / 36.0) ** 2 < 1] = (230, 190, 160)
    photo[(((xx - 50) / 32.0) ** 2 + ((yy - 48) / 34.0) ** 2 < 1) & (yy < 45)] = (30, 25, 20)
    photo[yy > 105] = (20, 20, 40)
    page.insert_image(pymupdf.Rect(100, 80, 200, 220), pixmap=pymupdf.Pixmap(pymupdf.csRGB, 100, 140, photo.tobytes(), 0))
    doc.save(str(tmp_path / "photo.pdf"))
    boxed = _paint(str(tmp_path / "photo.pdf"), str(tmp_path / "boxed.pdf"), [pymupdf.Rect(100, 80, 200, 220)])
    report = verify_pdf(boxed, PROFILE, ocr=region_pipeline.ocr)
    under = [lk for lk in report.leaks if lk.where == "under_paint"]
    assert under and all(lk.severity == "review" for lk in under)
    behind = _paint(str(tmp_path / "photo.pdf"), str(tmp_path / "behind.pdf"), [pymupdf.Rect(100, 80, 200, 220)],
                    overlay=False)
    with open_pdf(behind) as pdf:
        assert not read_pages(pdf)[0].painted_over
