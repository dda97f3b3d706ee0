"""Raw views of a PDF for verification: metadata text, every object's bytes,
and which hidden structures are still present.  Kept in ingest so that only
ingest and redact touch PyMuPDF."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pymupdf

from redactor.errors import InputFileError


@dataclass(frozen=True)
class PdfRawView:
    metadata_text: str
    objects: tuple[tuple[int, bytes, bool], ...]   # (xref, object source or decoded stream, is a content stream)
    structures: tuple[str, ...]              # hidden structures still present
    page_count: int


def raw_view(path: str) -> PdfRawView:
    try:
        doc = pymupdf.open(path)
    except Exception as exc:
        raise InputFileError(f"cannot open PDF ({exc})", path=path) from exc
    try:
        meta = " ".join(v for v in (doc.metadata or {}).values() if isinstance(v, str))
        meta += " " + (doc.get_xml_metadata() or "")
        return PdfRawView(meta, tuple(_objects(doc)), tuple(_structures(doc)), doc.page_count)
    finally:
        doc.close()


def _objects(doc: pymupdf.Document) -> Iterator[tuple[int, bytes, bool]]:
    """Every object; streams decoded.  Content streams (page contents, form
    XObjects) are flagged: their text is glyph codes, which the text-layer check reads."""
    contents = {x for page in doc for x in page.get_contents()}
    for xref in range(1, doc.xref_length()):
        try:
            source = doc.xref_object(xref, compressed=False)
            yield xref, source.encode("latin-1", "replace"), False
            if doc.xref_is_stream(xref) and not doc.xref_is_font(xref) and not doc.xref_is_image(xref):
                data = doc.xref_stream(xref)
                if data:
                    is_content = xref in contents or "/Subtype /Form" in source or "/Subtype/Form" in source
                    yield xref, data, is_content
        except (RuntimeError, ValueError):    # an object MuPDF cannot read is skipped (verification reads bytes)
            continue


def _structures(doc: pymupdf.Document) -> Iterator[str]:
    if doc.embfile_count():
        yield "embedded files"
    if any(True for page in doc for _ in page.annots()):
        yield "annotations"
    if any(True for page in doc for _ in page.widgets()):
        yield "form fields"
    cat = doc.pdf_catalog()
    for key in ("OpenAction", "AA", "Names", "Outlines", "StructTreeRoot", "AcroForm", "Metadata"):
        if doc.xref_get_key(cat, key)[0] != "null":
            yield f"catalog /{key}"


def iter_rendered_pages(path: str, dpi: float, pages: set[int] | None = None):
    """(page number, Raster, width, height) for OCR-based verification."""
    from redactor.ingest.images import render_page

    doc = pymupdf.open(path)
    try:
        for p in doc:
            if pages is not None and p.number + 1 not in pages:
                continue
            yield p.number + 1, render_page(p, dpi), p.rect.width, p.rect.height
    finally:
        doc.close()
