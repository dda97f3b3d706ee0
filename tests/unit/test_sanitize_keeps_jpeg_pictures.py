"""Sanitising strips a JPEG's EXIF, XMP and comments losslessly -- and the picture stays the picture.

A work summary's equipment photo whose JPEG carried a comment came out black: the stripped bytes were
stored with PyMuPDF's ``update_stream``, which drops ``/Filter``, so a reader took the JPEG's bytes for raw
pixels.  Over-redaction with no box and no audit entry: the evidence was simply destroyed."""

from __future__ import annotations

import io

import numpy as np
import pymupdf
from PIL import Image

from redactor.redact.sanitize import sanitize


def _jpeg_with_metadata() -> bytes:
    rng = np.random.default_rng(5)
    arr = np.clip(rng.normal(120, 40, (120, 160, 3)), 0, 255).astype(np.uint8)
    arr[30:90, 40:120] = (200, 60, 40)
    exif = Image.Exif()
    exif[0x010F] = "SomeCamera"                # Make
    exif[0x9003] = "2024:05:01 10:00:00"       # DateTimeOriginal
    buf = io.BytesIO()
    Image.fromarray(arr).save(buf, "JPEG", quality=90, exif=exif.tobytes(), comment=b"taken by Zhang San")
    return buf.getvalue()


def _pixels(doc: pymupdf.Document, xref: int) -> np.ndarray:
    pix = pymupdf.Pixmap(doc, xref)
    return np.frombuffer(pix.samples, np.uint8).reshape(pix.h, pix.w, pix.n)


def test_a_jpeg_loses_its_metadata_and_keeps_its_pixels():
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_image(pymupdf.Rect(100, 100, 260, 220), stream=_jpeg_with_metadata())
    xref = page.get_images(full=True)[0][0]
    assert doc.xref_get_key(xref, "Filter")[1] == "/DCTDecode"
    before = _pixels(doc, xref).copy()
    assert b"Zhang San" in doc.xref_stream_raw(xref) and b"SomeCamera" in doc.xref_stream_raw(xref)

    assert "image_exif_xmp" in sanitize(doc)

    raw = doc.xref_stream_raw(xref)
    assert b"Zhang San" not in raw and b"SomeCamera" not in raw
    assert doc.xref_get_key(xref, "Filter")[1] == "/DCTDecode"
    assert np.array_equal(_pixels(doc, xref), before)          # lossless: not one pixel changed
    reopened = pymupdf.open(stream=doc.tobytes(garbage=4, deflate=True), filetype="pdf")
    assert np.array_equal(_pixels(reopened, reopened[0].get_images()[0][0]), before)


def test_a_step_that_cannot_run_is_named_in_sanitized_not_passed_over(monkeypatch):
    """Issue 50: a sanitising step that fails quietly can leave hidden content; the audit's ``sanitized`` says which
    step could not run on some object (``failed:<step>``)."""
    import pymupdf

    import importlib

    san = importlib.import_module("redactor.redact.sanitize")

    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((50, 50), "x")
    xref = doc.get_new_xref()
    doc.update_object(xref, "<< /Type /XObject /Metadata 1 0 R >>")
    real = doc.xref_get_key
    asked = []

    def broken(x, key):  # noqa: ANN001, ANN202
        if key == "Metadata" and x == xref:
            asked.append(x)
            if len(asked) > 1:        # readable to the object pass, not to the metadata step after it
                raise RuntimeError("cannot read")
        return real(x, key)

    monkeypatch.setattr(doc, "xref_get_key", broken)
    assert "failed:object_metadata" in san.sanitize(doc)
