"""A scan's invisible OCR layer written in CJK compatibility ideographs (李 as U+F9E1, 玲 as U+F9AD) through a
font that is not embedded: MuPDF's extraction leaves those glyphs out, so its redaction left them, PDFium read
them and the final check refused the output (never-tuned variety seed 34174: three scans with an OCR layer,
no output; their repairs had blacked out co-authors).  Sanitizing drops the text-showing operators of wholly
invisible text blocks from the content stream; visible text stays.  Read back by PDFium."""

from __future__ import annotations

import io
import unicodedata

import pymupdf
import pypdfium2 as pdfium

from redactor.redact.invisible_text import drop_invisible_shows
from redactor.redact.sanitize import sanitize

HIDDEN = "\uf9e1\uf9ad"          # 李玲 as compatibility ideographs
VISIBLE = "审核人 王建新"


def _pdfium_text(data: bytes) -> str:
    pdf = pdfium.PdfDocument(io.BytesIO(data))
    try:
        return unicodedata.normalize("NFKC", "".join(p.get_textpage().get_text_range() for p in pdf))
    finally:
        pdf.close()


def _scan_with_layer() -> bytes:
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    pix = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 60, 80), False)
    pix.clear_with(235)
    page.insert_image(pymupdf.Rect(0, 0, 595, 700), pixmap=pix)
    page.insert_text((80, 120), "作者 " + HIDDEN, fontname="china-s", fontsize=11, render_mode=3)
    page.insert_text((80, 140), "单位 示例大学", fontname="china-s", fontsize=11, render_mode=3)
    page.insert_text((80, 780), VISIBLE, fontname="china-s", fontsize=12)
    return doc.tobytes()


def test_invisible_glyphs_mupdf_does_not_extract_are_removed():
    data = _scan_with_layer()
    assert "李玲" in _pdfium_text(data)                        # PDFium reads the name ...
    assert "李玲" not in unicodedata.normalize("NFKC", pymupdf.open(stream=data)[0].get_text())   # ... MuPDF not
    doc = pymupdf.open(stream=data)
    sanitize(doc)
    text = _pdfium_text(doc.tobytes()).replace(" ", "")
    assert "李玲" not in text and "示例大学" not in text and "作者" not in text
    assert "审核人" in text and "王建新" in text


def test_a_block_with_visible_text_keeps_its_invisible_part():
    """Removing the invisible part of a mixed block would move the visible glyphs after it: left whole."""
    stream = b"BT /F1 9 Tf 3 Tr 50 700 Td (abc) Tj 0 Tr (def) Tj ET"
    assert drop_invisible_shows(stream) == (stream, 0)


def test_render_mode_follows_save_and_restore():
    out, n = drop_invisible_shows(b"3 Tr q 0 Tr BT (a) Tj ET Q BT [(b) -20 (c)] TJ ET")
    assert n == 1 and b"(a) Tj" in out and b"(b)" not in out and b"(c)" not in out


def test_an_inline_image_leaves_the_stream_alone():
    assert drop_invisible_shows(b"3 Tr BT (a) Tj ET BI /W 1 /H 1 /BPC 8 /CS /G ID \x00\xff EI") is None
