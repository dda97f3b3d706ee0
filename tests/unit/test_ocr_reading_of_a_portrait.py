"""OCR's reading of a placed portrait is not print over it: the portrait is found and removed whole.

Before (realdocs3 R29, a flattened AcroForm 职称证书 whose labels are a background image, so the page is OCRed):
OCR read the portrait in the 照片 slot as a 'V' and an 'A', each box as wide as the face.  The detector took
those characters for print covering the face and dropped the network's sure face; no portrait was decided, and
the final check's repair painted the face box alone -- cap, hair and collar stayed.  Now characters OCR read
inside the placed picture that holds a face the network is sure of are that picture's reading: the face is
judged against the page's other print, and the portrait's box is the picture's placement.  Print from the text
layer over a face still counts.  The photo is matplotlib's packaged sample (grace_hopper.jpg).
"""

from __future__ import annotations

import io
from dataclasses import replace

import pymupdf
from PIL import Image

from redactor.detect.regions.portrait import PortraitDetector
from redactor.model import BBox, Char, PageKind, TextOrigin
from tests.pages import _hopper, draw_text, page_from_pdf

SLOT = pymupdf.Rect(418, 295, 518, 446)          # where the certificate's system places the photo (points)


def _certificate() -> bytes:
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    draw_text(page, 100, 300, "姓名  某某某")
    draw_text(page, 100, 380, "工作单位  某某建设集团有限公司")
    buf = io.BytesIO()
    Image.fromarray(_hopper()).save(buf, "PNG")
    page.insert_image(SLOT, stream=buf.getvalue(), keep_proportion=False)
    return doc.tobytes()


def _misreads(origin: TextOrigin, score: float) -> tuple[Char, ...]:
    """Two 'characters' across the face, as OCR read the photo (boxes as wide as the face, one line high)."""
    return (Char("V", BBox(422.6, 405.7, 509.4, 434.2), origin, score),
            Char("A", BBox(420.8, 357.8, 516.0, 386.3), origin, score),
            Char("1", BBox(417.2, 333.7, 440.3, 362.2), origin, 0.6))


def test_a_portrait_ocr_read_as_letters_is_found_with_the_pictures_box() -> None:
    page = page_from_pdf(_certificate(), 150)
    read = _misreads(TextOrigin.OCR, 0.84)
    page = replace(page, chars=page.chars + read, text=page.text + "".join(c.c for c in read), kind=PageKind.MIXED)
    found = [f for f in PortraitDetector().detect(page) if f.entity_type == "PORTRAIT"]
    assert len(found) == 1
    (box,) = found[0].boxes
    # the whole picture: its placement, not the face inside it
    assert abs(box.x0 - SLOT.x0) < 1 and abs(box.y0 - SLOT.y0) < 1
    assert abs(box.x1 - SLOT.x1) < 1 and abs(box.y1 - SLOT.y1) < 1


def test_print_over_the_face_still_says_it_is_no_portrait() -> None:
    page = page_from_pdf(_certificate(), 150)
    printed = _misreads(TextOrigin.TEXT_LAYER, 1.0)
    page = replace(page, chars=page.chars + printed, text=page.text + "".join(c.c for c in printed),
                   kind=PageKind.MIXED)
    assert [f for f in PortraitDetector().detect(page) if f.entity_type == "PORTRAIT"] == []
