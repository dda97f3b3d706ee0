"""Sanitizing removes a scan's invisible OCR layer in batches (issue 52: PyMuPDF's scrub took 5.5 CPU-s for
a page of 650 hidden spans): every hidden span goes, exactly the spans scrub itself takes, the visible
text stays; read back by PDFium, not by the library that removed them."""

from __future__ import annotations

import io

import pymupdf
import pypdfium2 as pdfium

from redactor.redact.sanitize import _HIDDEN_BATCH, sanitize

VISIBLE = "审核人 王建新 已核对"


def _layered_page(spans: int) -> bytes:
    """A picture with ``spans`` invisible (render mode 3) words over it and one visible line."""
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    pix = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 120, 160), False)
    pix.clear_with(230)
    page.insert_image(pymupdf.Rect(0, 0, 595, 700), pixmap=pix)
    per_row = 10
    for i in range(spans):
        x, y = 30 + (i % per_row) * 54, 40 + (i // per_row) * 9
        page.insert_text((x, y), f"W{i:03d}", fontsize=7, render_mode=3)
    page.insert_text((40, 780), VISIBLE, fontname="china-s", fontsize=12)
    return doc.tobytes()


def _pdfium_text(data: bytes) -> str:
    pdf = pdfium.PdfDocument(io.BytesIO(data))
    try:
        return "".join(p.get_textpage().get_text_range() for p in pdf)
    finally:
        pdf.close()


def test_every_hidden_span_goes_and_the_visible_line_stays() -> None:
    spans = 3 * _HIDDEN_BATCH + 7        # several batches and a short last one
    data = _layered_page(spans)
    assert _pdfium_text(data).count("W") == spans      # the layer is there to remove
    doc = pymupdf.open(stream=data)
    removed = sanitize(doc)
    out = doc.tobytes()
    text = _pdfium_text(out)
    assert "hidden_text_layer" in removed
    assert "W0" not in text and "W1" not in text and "W2" not in text
    assert "王建新" in text.replace(" ", "") and "审核人" in text.replace(" ", "")


def test_the_same_text_as_pymupdfs_own_scrub() -> None:
    data = _layered_page(2 * _HIDDEN_BATCH + 1)
    ours = pymupdf.open(stream=data)
    sanitize(ours)
    theirs = pymupdf.open(stream=data)
    theirs.scrub(hidden_text=True, redactions=False)
    assert [p.get_text("rawdict") for p in ours] == [p.get_text("rawdict") for p in theirs]
    assert "王建新" in ours[0].get_text()
