"""The final check measures every box from the page's own frame, even when the page inherits its box.

Before (realdocs3 R32, a xelatex thesis declaration): the A4 media box sat on the ``/Pages`` node, not on the
page, as xdvipdfmx writes it.  PDFium's ``FPDFPage_GetCropBox``/``GetMediaBox`` read only the page's own
dictionary and fell back to US Letter, so every box the check measured (characters, pictures) landed 50 pt
above its place on the A4 rendering: the author's signature image was found, a repair was painted on the body
text above it, the check looked there again, saw the paint and released the file with the signature in it.
Now the frame is the page's bounding box as PDFium renders it (``page_frame``), and a frame that disagrees
with the rendering is a failure of the page (``frame_mismatch``), never a pass.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import numpy as np
import pymupdf
import pytest

from redactor.model import Raster
from redactor.verify.pdfium_reader import frame_mismatch, open_pdf, read_pages, render_page

A4 = (595.28, 841.89)


def _inheriting(tmp_path: Path) -> tuple[Path, pymupdf.Rect]:
    """An A4 page whose media box only its ``/Pages`` node gives, with a picture near its foot; returns the file
    and the picture's box as PyMuPDF (the writer's library) places it, top-left points."""
    doc = pymupdf.open()
    page = doc.new_page(width=A4[0], height=A4[1])
    px = np.zeros((40, 90, 3), dtype=np.uint8)
    px[:, :, 2] = 200                                          # a blue picture, the pen's colour
    pix = pymupdf.Pixmap(pymupdf.csRGB, 90, 40, px.tobytes(), False)
    where = pymupdf.Rect(170, 700, 260, 745)
    page.insert_image(where, pixmap=pix)
    pages_xref = int(doc.xref_get_key(doc.pdf_catalog(), "Pages")[1].split()[0])
    doc.xref_set_key(pages_xref, "MediaBox", f"[0 0 {A4[0]} {A4[1]}]")
    own = re.sub(r"/(MediaBox|CropBox)\s*\[[^\]]*\]", "", doc.xref_object(page.xref))
    doc.update_object(page.xref, own)                         # the page's own box removed: it inherits
    path = tmp_path / "inherits.pdf"
    doc.save(path)
    doc.close()
    check = pymupdf.open(path)
    assert "/MediaBox" not in check.xref_object(check[0].xref)          # the page really inherits its box
    (placed,) = [pymupdf.Rect(i["bbox"]) for i in check[0].get_image_info()]
    check.close()
    return path, placed


def test_a_picture_is_found_where_it_is_drawn_on_a_page_that_inherits_its_box(tmp_path: Path) -> None:
    path, placed = _inheriting(tmp_path)
    with open_pdf(str(path)) as pdf:
        (page,) = read_pages(pdf, None)
        raster = render_page(pdf[0], 72.0)
    assert (round(page.width, 1), round(page.height, 1)) == (round(A4[0], 1), round(A4[1], 1))
    (image,) = page.images
    assert image.as_tuple() == pytest.approx(tuple(placed), abs=0.5)
    assert frame_mismatch(page, raster) == 0.0
    # the pixels at that box are the picture's: the check looks where the picture is
    x0, y0, x1, y1 = (int(round(v)) for v in image.as_tuple())
    inside = raster.pixels[y0 + 2:y1 - 2, x0 + 2:x1 - 2]
    assert inside[:, :, 2].mean() > 150 and inside[:, :, 0].mean() < 60


def test_a_frame_the_rendering_does_not_match_is_reported(tmp_path: Path) -> None:
    path, _ = _inheriting(tmp_path)
    with open_pdf(str(path)) as pdf:
        (page,) = read_pages(pdf, None)
        raster = render_page(pdf[0], 72.0)
    letter = replace(page, width=612.0, height=792.0)          # the frame PDFium's own-dictionary read gave
    assert frame_mismatch(letter, raster) == pytest.approx(49.9, abs=1.5)
    small = Raster(pixels=raster.pixels[:-30], to_points=raster.to_points, dpi=raster.dpi)
    assert frame_mismatch(page, small) > 0.0
