"""The corpus's truth box of a picture is the part the page shows.

LibreOffice clips a picture wider than its table cell to the cell; the truth box was the picture's placement,
17 pt past the photo onto blank paper (seed 151), and the scorer counted a covered photo as a leak."""

from __future__ import annotations

import io

import pymupdf
from PIL import Image

from benchmarks.corpus.word import _shown_part


def _pdf_with_a_clipped_picture(clip: pymupdf.Rect, place: pymupdf.Rect) -> tuple[bytes, int]:
    buf = io.BytesIO()
    Image.new("RGB", (60, 80), (90, 60, 40)).save(buf, "PNG")
    doc = pymupdf.open()
    page = doc.new_page()
    xref = page.insert_image(place, stream=buf.getvalue(), keep_proportion=False)
    name = next(i[7] for i in page.get_images(full=True) if i[0] == xref)
    shown = pymupdf.Rect(clip.x0, page.rect.height - clip.y1, clip.x1, page.rect.height - clip.y0)
    body = (f"q {shown.x0} {shown.y0} {shown.width} {shown.height} re W n "
            f"{place.width} 0 0 {place.height} {place.x0} {page.rect.height - place.y1} cm /{name} Do Q")
    doc.update_stream(page.get_contents()[0], body.encode())
    return doc.tobytes(), xref


def test_a_picture_cut_by_a_clip_is_the_part_shown():
    place, clip = pymupdf.Rect(100, 100, 200, 230), pymupdf.Rect(100, 100, 180, 230)
    pdf, xref = _pdf_with_a_clipped_picture(clip, place)
    with pymupdf.open("pdf", pdf) as doc:
        (rect,) = doc[0].get_image_rects(xref)
    assert abs(rect.x1 - 200) < 0.5                    # the placement runs past the clip
    shown = _shown_part(pdf, 0, xref, rect)
    assert abs(shown.x1 - 180) <= 1.0 and abs(shown.x0 - 100) <= 0.5
    assert abs(shown.y0 - 100) <= 0.5 and abs(shown.y1 - 230) <= 0.5


def test_a_picture_shown_whole_keeps_its_placement():
    place = pymupdf.Rect(100, 100, 200, 230)
    pdf, xref = _pdf_with_a_clipped_picture(pymupdf.Rect(50, 50, 300, 300), place)
    with pymupdf.open("pdf", pdf) as doc:
        (rect,) = doc[0].get_image_rects(xref)
    assert _shown_part(pdf, 0, xref, rect) == rect
