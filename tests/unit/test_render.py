"""Page images for the web app line up with the audit's boxes: unrotated page space, images as their working PDF."""

from __future__ import annotations

from pathlib import Path

import pymupdf
from PIL import Image

from redactor.config import load_config
from redactor.ingest.render import page_count, render_pages


def test_rotated_pdf_pages_render_unrotated(tmp_path: Path) -> None:
    doc = pymupdf.open()
    doc.new_page(width=595, height=842).set_rotation(90)
    doc.new_page(width=842, height=595)
    doc.save(tmp_path / "in.pdf")
    doc.close()
    cfg = load_config().ingest
    pages = render_pages(tmp_path / "in.pdf", tmp_path / "img", cfg, dpi=72)
    assert [(p.page, p.width, p.height) for p in pages] == [(1, 595, 842), (2, 842, 595)]
    with Image.open(pages[0].png) as im:
        assert im.size == (595, 842)                # portrait, as the boxes are measured
    assert page_count(tmp_path / "in.pdf", cfg) == 2


def test_image_inputs_render_at_their_working_pdf_size(tmp_path: Path) -> None:
    Image.new("RGB", (600, 300), "white").save(tmp_path / "scan.png", dpi=(300, 300))
    cfg = load_config().ingest
    (page,) = render_pages(tmp_path / "scan.png", tmp_path / "img", cfg, dpi=100)
    assert (page.width, page.height) == (144, 72)   # 600 px at 300 dpi = 2 in = 144 pt
    assert page_count(tmp_path / "scan.png", cfg) == 1
