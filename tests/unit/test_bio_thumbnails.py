"""Bio thumbnail portraits on scans (issue 10, dev seed 8's lunwen_b on scan_with_hidden_text).

OCR read the applicant's red-background thumbnail as one letter ``A`` whose box
is the whole photo; the portrait detector took that "character" for text over
the face and dropped the face.  A glyph as large as the face is OCR reading the
picture, not text printed over it.  All synthetic (tests.synth_bio)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from redactor.detect.regions.portrait import PortraitDetector
from redactor.model import BBox, Char, PageKind, TextOrigin
from tests.synth_bio import bio_paper
from tests.pages import build_text_chart_pdf, covered, page_from_pdf, scan_of


def _box(r) -> BBox:  # noqa: ANN001 - a pymupdf.Rect
    return BBox(r.x0, r.y0, r.x1, r.y1)


@pytest.fixture(scope="module")
def bio_scan(tmp_path_factory):
    path, block = bio_paper(tmp_path_factory.mktemp("bio") / "paper.pdf")
    page = page_from_pdf(path.read_bytes(), dpi=150)
    scan, move = scan_of(page, angle_deg=-1.6, seed=8, jpeg_quality=64)
    return scan, [move(_box(r)) for r in block.photos]


@pytest.mark.issue(10)
@pytest.mark.parametrize("kind", [PageKind.SCANNED, PageKind.SCAN_WITH_HIDDEN_TEXT])
def test_thumbnail_read_by_ocr_as_one_letter_is_still_a_portrait(bio_scan, kind):
    scan, photos = bio_scan
    own = photos[0]
    misread = Char("A", own.expanded(3.0), TextOrigin.OCR, 0.66)      # OCR's reading of the red photo
    page = replace(scan, kind=kind, text=scan.text + "A", chars=scan.chars + (misread,))
    found = [f for f in PortraitDetector().detect(page, None) if f.entity_type == "PORTRAIT"]
    for photo in photos:                      # the applicant's and both co-authors' thumbnails
        assert any(covered(photo, f.boxes[0]) > 0.8 for f in found), (photo, [f.boxes[0] for f in found])


@pytest.mark.issue(10)
def test_large_glyphs_over_text_still_make_no_face():
    """Only a glyph as large as the face is taken for a reading of the picture: dense text keeps its veto."""
    page = page_from_pdf(build_text_chart_pdf()[0], 150)
    assert PortraitDetector(min_neighbors=3).detect(page, None) == []
