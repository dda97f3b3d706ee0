"""Strip hidden content that redaction boxes do not reach.

Info metadata, XMP (document, page and image level), EXIF/XMP/IPTC segments
inside embedded JPEGs, annotations and form fields, outlines, page labels,
embedded files, JavaScript and actions, links, thumbnails, optional-content
configuration, the structure tree and the ActualText/Alt copies of text in
content streams.  Returns the list of what was removed, for the audit.
"""

from __future__ import annotations

import logging
import re

import pymupdf

from redactor.hidden_text import hidden_span
from redactor.redact.actual_text import fold_actual_text
from redactor.redact.invisible_text import drop_invisible_shows

log = logging.getLogger(__name__)

_CATALOG_KEYS = ("Outlines", "PageLabels", "Names", "Dests", "OpenAction", "AA", "AcroForm", "Metadata",
                 "StructTreeRoot", "MarkInfo", "OCProperties", "PieceInfo", "Perms", "Threads", "SpiderInfo",
                 "Collection", "Legal", "URI")
_PAGE_KEYS = ("Annots", "AA", "Thumb", "Metadata", "PieceInfo", "StructParents", "B", "Tabs", "ID", "PZ", "SeparationInfo")

# /ActualText (...) or <...>, /Alt (...) or <...>, /E (...) (expansion text) inside marked-content dicts
_MC_TEXT = re.compile(rb"/(ActualText|Alt|E)\s*(\((?:\\.|[^\\()]|\((?:\\.|[^\\()])*\))*\)|<[0-9A-Fa-f\s]*>)")


def sanitize(doc: pymupdf.Document, hidden_text: bool = True) -> list[str]:
    """``hidden_text=False``: the caller knows no page draws hidden text (ingest read every span:
    ``ingest.pdf.hidden_span`` is scrub's own test), so scrub does not extract every page again to look."""
    removed: list[str] = []
    meta = doc.metadata or {}
    if any(v for k, v in meta.items() if k not in ("format", "encryption")):
        removed.append("info_metadata")
    if doc.get_xml_metadata():
        removed.append("xmp_metadata")
    annots = sum(1 for page in doc for _ in page.annots())
    widgets = sum(1 for page in doc for _ in page.widgets())
    if doc.get_toc(simple=True):
        removed.append("outlines")
    if doc.embfile_count():
        removed.append("embedded_files")

    # hidden (render mode 3) text first, the same spans scrub would take, without its quadratic cost
    hidden = remove_hidden_text(doc) if hidden_text else 0
    # PyMuPDF's scrub: metadata, XMP, JavaScript, links, attached/embedded files,
    # thumbnails, form field values and responses.
    # Its last step (javascript=True, xml_metadata=True: every object's /S, /Type and /Metadata, three
    # lookups an object, ~40 % of sanitizing a text page) is ``_scrub_objects``, which reads each object once.
    doc.scrub(attached_files=True, clean_pages=True, embedded_files=True, hidden_text=False, javascript=False,
              metadata=True, redactions=False, remove_links=True, reset_fields=True, reset_responses=True,
              thumbnails=True, xml_metadata=False)
    doc.del_xml_metadata()
    _scrub_objects(doc)
    removed.append("hidden_text_layer")
    log.debug("%d hidden text span(s) removed", hidden)

    for page in doc:
        for annot in list(page.annots()):
            page.delete_annot(annot)
        for widget in list(page.widgets()):
            page.delete_widget(widget)
    if annots:
        removed.append("annotations")
    if widgets:
        removed.append("form_fields")
    try:
        doc.set_toc([])
    except (RuntimeError, ValueError) as exc:   # a malformed outline tree; the catalog key goes below all the same
        log.info("outlines could not be emptied one by one (%s); the catalog's /Outlines is dropped", type(exc).__name__)
        removed.append("failed:outline_items")

    cat = doc.pdf_catalog()
    for key in _CATALOG_KEYS:
        if doc.xref_get_key(cat, key)[0] != "null":
            doc.xref_set_key(cat, key, "null")
            removed.append(f"catalog/{key}")
    for page in doc:
        for key in _PAGE_KEYS:
            if doc.xref_get_key(page.xref, key)[0] != "null":
                doc.xref_set_key(page.xref, key, "null")
                if key not in ("Annots", "Tabs"):
                    removed.append(f"page/{key}")
    fold_actual_text(doc)       # a glyph's one-character ActualText outlives the stripping, in its font's ToUnicode
    marked, objects, jpegs, failed = _strip_objects(doc)
    removed += [f"failed:{what}" for what in failed]
    if marked:
        removed.append("actualtext_alt")
    if objects:
        removed.append("object_metadata")
    if jpegs:
        removed.append("image_exif_xmp")
    doc.set_metadata({})
    return sorted(set(removed))


# Redaction annotations applied at once by ``remove_hidden_text``: PyMuPDF finds each new annotation's id and each
# annotation's replies by walking the page's annotations, so n at once cost n^2 (a scanned page whose invisible OCR
# layer is 650 spans: 5.5 CPU-s in ``Document.scrub``, 0.2 in batches of 64); the text removed is the same.
_HIDDEN_BATCH = 64


def remove_hidden_text(doc: pymupdf.Document) -> int:
    """Remove every span ``Document.scrub(hidden_text=True)`` removes (a ``GlyphLessFont`` span, a span of
    alpha 0, a span neither filled nor stroked: render mode 3), as scrub does it (a redaction of the span's box,
    images and line art as scrub leaves them), ``_HIDDEN_BATCH`` boxes at a time; then the invisible text MuPDF
    does not extract (``invisible_text``).  Returns how many spans and operators."""
    filled, stroked = pymupdf.mupdf.FZ_STEXT_FILLED, pymupdf.mupdf.FZ_STEXT_STROKED
    total = 0
    for page in doc:
        rects = []
        text = page.get_text("dict", flags=pymupdf.TEXT_PRESERVE_SPANS | pymupdf.TEXT_COLLECT_STYLES)
        for block in text.get("blocks", ()):
            if block.get("type") != 0:
                continue
            for line in block.get("lines", ()):
                for span in line.get("spans", ()):
                    if hidden_span(span, filled, stroked) and span.get("bbox"):
                        rect = pymupdf.Rect(span["bbox"])
                        if not (rect.is_empty or rect.is_infinite):
                            rects.append(rect)
        for i in range(0, len(rects), _HIDDEN_BATCH):
            for rect in rects[i:i + _HIDDEN_BATCH]:
                page.add_redact_annot(rect, cross_out=False)
            page.apply_redactions(images=0)
        total += len(rects) + _unseen_invisible_text(doc, page)
    return total


def _unseen_invisible_text(doc: pymupdf.Document, page: pymupdf.Page) -> int:
    """Invisible text MuPDF's extraction does not see (``invisible_text``), dropped from the page's content
    stream; how many text-showing operators went."""
    page.clean_contents()
    dropped = 0
    for xref in page.get_contents():
        got = drop_invisible_shows(doc.xref_stream(xref) or b"")
        if got is not None and got[1]:
            doc.update_stream(xref, got[0])
            dropped += got[1]
    if dropped:
        log.info("page %d: %d invisible text operator(s) MuPDF did not extract removed", page.number + 1, dropped)
    return dropped


def _scrub_objects(doc: pymupdf.Document) -> None:
    """PyMuPDF's ``Document.scrub`` object pass with ``javascript`` and ``xml_metadata`` (same steps, same
    order), looking up an object's keys only when its text names them: a /JavaScript action is emptied,
    a /Type /Metadata stream deleted, any other /Metadata reference dropped."""
    for xref in range(1, doc.xref_length()):
        obj = doc.xref_object(xref)
        if not obj:
            raise ValueError(f"bad xref {xref} - clean PDF before scrubbing")
        if "/JavaScript" in obj and doc.xref_get_key(xref, "S")[1] == "/JavaScript":
            doc.update_object(xref, "<</S/JavaScript/JS()>>")
            continue
        if "/Metadata" not in obj:
            continue
        if doc.xref_get_key(xref, "Type")[1] == "/Metadata":
            doc.update_object(xref, "<<>>")
            doc.update_stream(xref, b"deleted", new=True)
            continue
        if doc.xref_get_key(xref, "Metadata")[0] != "null":
            doc.xref_set_key(xref, "Metadata", "null")


def _strip_objects(doc: pymupdf.Document) -> tuple[bool, int, int, list[str]]:
    """ActualText/Alt copies of text (content streams and objects), /Metadata streams hanging off images,
    fonts or form XObjects, and EXIF/XMP/IPTC segments of JPEG images, in one pass over the objects:
    (whether an ActualText/Alt went, how many /Metadata references, how many JPEGs changed, the steps that could
    not run on some object -- the audit's ``sanitized`` lists them as ``failed:<step>``).

    Each object's text is read once; a key is looked up only when that text names it (a key's name is
    always printed in its object's text)."""
    changed = False
    for page in doc:
        page.clean_contents()
        for xref in page.get_contents():
            data = doc.xref_stream(xref)
            if data and _MC_TEXT.search(data):
                doc.update_stream(xref, _MC_TEXT.sub(b"", data))
                changed = True
    metadata = jpegs = 0
    failed: set[str] = set()
    for xref in range(1, doc.xref_length()):
        try:
            obj: str | None = doc.xref_object(xref, compressed=False)
        except (RuntimeError, ValueError):
            obj = None              # unreadable: only the lookups below decide, each on its own
        if obj is not None and ("/ActualText" in obj or "/Alt" in obj):
            for key in ("ActualText", "Alt"):
                if doc.xref_get_key(xref, key)[0] != "null":
                    doc.xref_set_key(xref, key, "null")
                    changed = True
        if obj is None or "/Metadata" in obj:
            n = _strip_metadata_key(doc, xref)
            metadata += max(n, 0)
            if n < 0:
                failed.add("object_metadata")
        if obj is None or ("/Image" in obj and "DCTDecode" in obj):
            n = _strip_jpeg_object(doc, xref)
            jpegs += max(n, 0)
            if n < 0 and obj is not None:       # (an unreadable object is no JPEG we know of)
                failed.add("image_exif_xmp")
    return changed, metadata, jpegs, sorted(failed)


def _strip_metadata_key(doc: pymupdf.Document, xref: int) -> int:
    """A /Metadata stream hanging off an image, a font or a form XObject: 1 removed, 0 none, -1 not readable."""
    try:
        if doc.xref_get_key(xref, "Metadata")[0] != "null":
            doc.xref_set_key(xref, "Metadata", "null")
            return 1
    except (RuntimeError, ValueError):
        return -1
    return 0


def strip_jpeg_segments(data: bytes) -> bytes:
    """Remove APP1 (EXIF/XMP), APP13 (IPTC) and COM segments from a JPEG, losslessly."""
    if not data.startswith(b"\xff\xd8"):
        return data
    out = bytearray(b"\xff\xd8")
    i = 2
    while i + 4 <= len(data):
        if data[i] != 0xFF:
            return data  # not a marker where one should be: leave the image alone
        marker = data[i + 1]
        if marker == 0xDA:  # start of scan: the rest is entropy-coded data
            out += data[i:]
            return bytes(out)
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
            out += data[i:i + 2]
            i += 2
            continue
        length = int.from_bytes(data[i + 2:i + 4], "big")
        seg = data[i:i + 2 + length]
        if marker not in (0xE1, 0xED, 0xFE):
            out += seg
        i += 2 + length
    return data


def _strip_jpeg_object(doc: pymupdf.Document, xref: int) -> int:
    """A JPEG image's EXIF/XMP/IPTC segments removed: 1 changed, 0 nothing to change, -1 not readable."""
    try:
        if doc.xref_get_key(xref, "Subtype")[1] != "/Image":
            return 0
        if "DCTDecode" not in doc.xref_get_key(xref, "Filter")[1]:
            return 0
        raw = doc.xref_stream_raw(xref)
    except (RuntimeError, ValueError):
        return -1
    clean = strip_jpeg_segments(raw)
    if clean != raw:
        # update_stream takes bytes for decoded data and drops /Filter: the JPEG bytes were then read as
        # raw pixels, and a figure whose JPEG carried a comment or EXIF came out black (an equipment photo
        # in a work summary).  The filter and its parameters are put back.
        keys = {k: doc.xref_get_key(xref, k) for k in ("Filter", "DecodeParms")}
        doc.update_stream(xref, clean, compress=False)
        for k, (kind, value) in keys.items():
            if kind != "null":
                doc.xref_set_key(xref, k, value)
        return 1
    return 0
