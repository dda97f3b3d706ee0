"""A drawn page scanned to one bit a pixel, as a copier's or a scanning app's 黑白 mode makes it (tests only)."""

from __future__ import annotations

import io

import numpy as np
import pymupdf
from PIL import Image


def one_bit_scan(page: pymupdf.Page, mode: str, dpi: int = 150) -> bytes:
    """A PDF of ``page`` rendered in grey at ``dpi`` and made 1-bit (CCITT G4): ``mode`` "threshold" (grey 128)
    or "dither" (Floyd-Steinberg)."""
    grey = np.asarray(Image.open(io.BytesIO(page.get_pixmap(dpi=dpi, colorspace=pymupdf.csGRAY).tobytes("png"))))
    img = Image.fromarray(grey).convert("1") if mode == "dither" else \
        Image.fromarray(((grey >= 128) * 255).astype(np.uint8)).convert("1")
    tiff = io.BytesIO()
    img.save(tiff, "TIFF", compression="group4")
    out = pymupdf.open()
    scan = out.new_page(width=page.rect.width, height=page.rect.height)
    scan.insert_image(scan.rect, stream=tiff.getvalue(), keep_proportion=False)
    return out.tobytes()


def dashed_rule(mask: np.ndarray, x0: int, x1: int, y0: float, slope: float, dash: int, gap: int,
                width: int = 1) -> None:
    """Draw on ``mask`` a flat rule from ``x0`` to ``x1`` broken into dashes, as thresholding breaks a thin
    grey border, skewed by ``slope`` (pixels down per pixel right)."""
    import cv2

    for x in range(x0, x1, dash + gap):
        xe = min(x1, x + dash)
        cv2.line(mask, (x, int(round(y0 + slope * (x - x0)))), (xe, int(round(y0 + slope * (xe - x0)))), 1, width)


def checked_first_page(data: bytes, tmp_path):
    """(the verifier's 150 dpi raster, its page reading) of the first page of the PDF ``data``, asserting that the
    page's image is 1-bit."""
    from redactor.verify.pdfium_reader import open_pdf, read_pages, render_page

    path = tmp_path / "form.pdf"
    path.write_bytes(data)
    with open_pdf(str(path)) as pdf:
        raster = render_page(pdf[0], 150.0)
        page = read_pages(pdf, None)[0]
    assert page.one_bit, "the scan's image is 1-bit"
    return raster, page
