"""A small HTML document laid out as PDF pages (PyMuPDF's Story): the web app's printable 自查报告.

MuPDF lays out CJK text with the fallback font it ships, so the report needs no font on the machine."""

from __future__ import annotations

import io

import pymupdf

_A4 = pymupdf.paper_rect("a4")
_MARGIN = 50


def html_to_pdf(html: str, css: str = "") -> bytes:
    """``html`` on as many A4 pages as it takes; no metadata beyond the producer."""
    story = pymupdf.Story(html=html, user_css=css)
    buf = io.BytesIO()
    writer = pymupdf.DocumentWriter(buf)
    where = _A4 + (_MARGIN, _MARGIN, -_MARGIN, -_MARGIN)
    more = True
    while more:
        device = writer.begin_page(_A4)
        more, _ = story.place(where)
        story.draw(device)
        writer.end_page()
    writer.close()
    doc = pymupdf.open(stream=buf.getvalue(), filetype="pdf")
    doc.set_metadata({"producer": "redactor"})
    return doc.tobytes(garbage=3, deflate=True)
