"""``render_region`` rasterises part of a page: the same pixels (to a level or two) as that part of the whole page's rendering,
at the same page points, on pages turned by /Rotate as on upright ones (``under_paint`` looks under small
boxes with it instead of rendering the page again)."""

from __future__ import annotations

import numpy as np
import pymupdf
import pytest

from redactor.model import BBox
from redactor.verify.pdfium_reader import open_pdf, render, render_region


def _page(tmp_path, rotation: int) -> str:
    doc = pymupdf.open()
    page = doc.new_page(width=420, height=300)
    pix = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 300, 200), 0)
    pix.set_rect(pix.irect, (200, 220, 240))
    pix.set_rect(pymupdf.IRect(40, 30, 120, 90), (30, 60, 90))
    page.insert_image(pymupdf.Rect(0, 0, 420, 300), pixmap=pix)
    page.insert_text((40, 80), "Region 123", fontsize=20)
    page.draw_rect(pymupdf.Rect(100, 150, 250, 200), color=None, fill=(1, 0, 0))
    page.set_rotation(rotation)
    path = str(tmp_path / f"r{rotation}.pdf")
    doc.save(path)
    return path


@pytest.mark.parametrize("rotation", [0, 90, 180, 270])
@pytest.mark.parametrize("dpi", [150, 200])
def test_a_region_is_the_same_pixels_as_the_page_there(tmp_path, rotation, dpi):
    with open_pdf(_page(tmp_path, rotation)) as pdf:
        whole = render(pdf, 1, dpi)
        for box in (BBox(33.3, 41.7, 187.1, 99.9), BBox(0, 0, 50, 50), BBox(300, 200, 420, 300)):
            part = render_region(pdf[0], dpi, box, draw_annots=True, may_draw_forms=True)
            h, w = part.pixels.shape[:2]
            shown = part.point_box(0, 0, w, h)
            assert shown.x0 <= box.x0 + 1e-6 and shown.y0 <= box.y0 + 1e-6      # all of the box is there
            assert shown.x1 >= min(box.x1, whole.point_box(0, 0, *whole.pixels.shape[1::-1]).x1) - 1e-6
            u0, v0 = (round(v) for v in whole.to_pixels(shown.x0, shown.y0))
            same = whole.pixels[v0:v0 + h, u0:u0 + w]
            assert same.shape == part.pixels.shape
            # PDFium smooths a scaled image from the bitmap's own origin: a level or two apart at most
            assert int(np.abs(same.astype(int) - part.pixels).max()) <= 2
            assert part.pixels.std() > 0                         # not a blank bitmap
