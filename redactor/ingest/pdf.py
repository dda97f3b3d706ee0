"""PDF -> page model: text with per-character boxes, images, hidden-content inventory.

The input is copied into a *working PDF* first (annotations and form fields
baked into page content, so their visible text is extracted and redacted like
any other text).  Every later stage operates on that working PDF, so the
coordinates of this page model are the coordinates the redaction stage uses.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import pymupdf

from redactor.config import RedactorConfig
from redactor.errors import EncryptedPdfError, InputFileError
from redactor.hidden_text import hidden_span as shared_hidden_span
from redactor.ingest.images import WORKING_COPY_COMPRESSION_EFFORT
from redactor.model import BBox, Char, HiddenContent, ImagePlacement, TextOrigin, text_char

log = logging.getLogger(__name__)

# No TEXT_MEDIABOX_CLIP: characters partly or wholly off the page are still text
# an extractor can read, so they must be in the page model too.
_FLAGS = (pymupdf.TEXTFLAGS_RAWDICT | pymupdf.TEXT_PRESERVE_WHITESPACE) & ~pymupdf.TEXT_PRESERVE_IMAGES & ~pymupdf.TEXT_MEDIABOX_CLIP
_GARBAGE = {"\ufffd"}


def open_pdf(path: str, cfg: RedactorConfig) -> pymupdf.Document:
    """Open and validate; every rejection names the reason."""
    try:
        doc = pymupdf.open(path, filetype="pdf")
    except Exception as exc:  # MuPDF raises several types for broken files
        raise InputFileError(f"corrupt PDF, cannot be opened ({_short(exc)})", path=path) from exc
    if doc.needs_pass:
        doc.close()
        raise EncryptedPdfError(path)
    if doc.page_count == 0:
        doc.close()
        raise InputFileError("PDF has no pages", path=path)
    if doc.page_count > cfg.ingest.max_pages:
        n = doc.page_count
        doc.close()
        raise InputFileError(
            f"PDF has {n} pages, more than ingest.max_pages={cfg.ingest.max_pages}; split it or raise the limit",
            path=path,
        )
    limit = cfg.ingest.max_page_side_pt
    for i in range(doc.page_count):
        try:
            r = doc[i].rect
        except Exception as exc:
            doc.close()
            raise InputFileError(f"page {i + 1} cannot be read ({_short(exc)})", path=path) from exc
        if r.width > limit or r.height > limit or r.width < 1 or r.height < 1:
            doc.close()
            raise InputFileError(
                f"page {i + 1} has an absurd size {r.width:.0f}x{r.height:.0f} pt (limit {limit:.0f} pt)",
                path=path,
            )
    return doc


def inventory(doc: pymupdf.Document) -> HiddenContent:
    """What hidden content the input carries (reported in the audit's `sanitized`)."""
    meta = doc.metadata or {}
    keys = tuple(sorted(k for k, v in meta.items() if v and k not in ("format", "encryption")))
    annots = widgets = 0
    for page in doc:
        annots += sum(1 for _ in page.annots())
        widgets += sum(1 for _ in page.widgets())
    cat = doc.pdf_catalog()
    has = lambda key: doc.xref_get_key(cat, key)[0] != "null"  # noqa: E731
    js = has("OpenAction") or has("AA") or _names_has(doc, cat, "JavaScript")
    try:
        labels = bool(doc.get_page_labels())
    except Exception:
        labels = False
    return HiddenContent(
        info_metadata_keys=keys,
        has_xmp=bool(doc.get_xml_metadata()),
        annotations=annots,
        form_fields=widgets,
        embedded_files=doc.embfile_count(),
        javascript=js,
        outlines=len(doc.get_toc(simple=True)),
        page_labels=labels,
        optional_content=bool(doc.get_ocgs()),
        structure_tree=has("StructTreeRoot"),
    )


def _names_has(doc: pymupdf.Document, cat: int, key: str) -> bool:
    kind, val = doc.xref_get_key(cat, "Names")
    if kind == "null":
        return False
    if kind == "xref":
        return doc.xref_get_key(int(val.split()[0]), key)[0] != "null"
    return f"/{key}" in val


def make_working_pdf(doc: pymupdf.Document, out_path: str) -> None:
    """Bake annotations and widgets into content, switch every optional-content
    layer on, then write a clean full copy.

    Text in a layer that is OFF is invisible to extraction; the output drops the
    layer configuration, which would make it visible unredacted.  So every layer
    is turned on here, and its text is detected and redacted like any other.
    """
    if doc.is_encrypted:  # owner-password only: opened without a password
        doc.authenticate("")
    ocgs = list(doc.get_ocgs() or {})
    if ocgs:
        doc.set_layer(-1, on=ocgs, off=[])
    try:
        doc.bake(annots=True, widgets=True)
    except Exception as exc:  # baking is best effort; redaction strips annotations anyway
        log.warning("could not bake annotations: %s", _short(exc))
    doc.save(out_path, garbage=1, deflate=True, compression_effort=WORKING_COPY_COMPRESSION_EFFORT)


def page_chars(page: pymupdf.Page) -> tuple[str, list[Char]]:
    """Text and per-character boxes in reading order, separators without boxes (``read_text_layer``)."""
    text, chars, _ = read_text_layer(page)
    return text, chars


def read_text_layer(page: pymupdf.Page) -> tuple[str, list[Char], bool]:
    """Text and per-character boxes in reading order, separators without boxes, and whether any
    text on the page is drawn hidden (``hidden_span``: what redaction's scrub removes as a hidden layer).

    Blocks that continue the previous line (table cells of one row) are joined
    with a space, so "姓名 | 王某某" reads as one line, as a person reads it.
    """
    return _text_layer(page.get_text("rawdict", flags=_FLAGS, sort=True))


def read_page_layers(page: pymupdf.Page) -> tuple[str, list[Char], bool, tuple[ImagePlacement, ...]]:
    """``read_text_layer`` and ``image_placements`` of a page, from one MuPDF text page where the page
    draws no image.

    Both build a text page (the costly part: the page's content interpreted); one built with images
    preserved tells whether there are any.  Without an image block its text is the same as without
    the flag, so its rawdict is read; with images, the text is read without them (image blocks would
    cut text blocks) and the image boxes come from the text page already built."""
    tp = page.get_textpage(flags=_FLAGS | pymupdf.TEXT_PRESERVE_IMAGES)
    infos = tp.extractIMGINFO()
    if infos:
        del tp
        text, chars, hides = read_text_layer(page)
        return text, chars, hides, image_placements(page, infos)
    text, chars, hides = _text_layer(tp.extractRAWDICT(cb=page.cropbox, sort=True))
    return text, chars, hides, ()


def _text_layer(raw: dict[str, Any]) -> tuple[str, list[Char], bool]:
    chars: list[Char] = []
    add = chars.append
    hides = False
    last_line: BBox | None = None
    layer, hidden_layer = TextOrigin.TEXT_LAYER, TextOrigin.HIDDEN_LAYER
    for block in raw.get("blocks", []):
        if block.get("type", 0) != 0:
            continue
        for line in block.get("lines", []):
            lbox = _bbox(line["bbox"])
            if chars and chars[-1] is _NEWLINE and last_line is not None and _same_row(last_line, lbox):
                chars[-1] = _SPACE
            prev_x1: float | None = None
            for span in line.get("spans", []):
                hides = hides or hidden_span(span)
                origin = hidden_layer if span.get("alpha", 255) == 0 else layer
                gap = 0.6 * float(span.get("size") or 10.0)
                for ch in span.get("chars", []):
                    c = ch.get("c", "")
                    if not c or c in _GARBAGE:
                        continue
                    x0, y0, x1, y1 = ch["bbox"]
                    if x1 < x0:
                        x0, x1 = x1, x0
                    if y1 < y0:
                        y0, y1 = y1, y0
                    if prev_x1 is not None and x0 - prev_x1 > gap and c.strip():
                        add(_SPACE)   # a visible gap (table cells, columns)
                    add(text_char(c, float(x0), float(y0), float(x1), float(y1), origin))
                    prev_x1 = x1
            if chars and chars[-1].c != "\n":
                add(_NEWLINE)
            last_line = lbox
    while chars and chars[-1] is _NEWLINE:
        chars.pop()
    return "".join([ch.c for ch in chars]), chars, hides


# The separators ingest inserts (no box): shared, like any other frozen value.
_SPACE = Char(" ", None)
_NEWLINE = Char("\n", None)


_FILLED = getattr(pymupdf.mupdf, "FZ_STEXT_FILLED", None)
_STROKED = getattr(pymupdf.mupdf, "FZ_STEXT_STROKED", None)


def hidden_span(span: dict[str, Any]) -> bool:
    """PyMuPDF's test for hidden text (``redactor.hidden_text``)."""
    return shared_hidden_span(span, _FILLED, _STROKED)


def _same_row(a: BBox, b: BBox) -> bool:
    overlap = min(a.y1, b.y1) - max(a.y0, b.y0)
    return overlap > 0.6 * min(a.height, b.height) and b.x0 >= a.x1 - 1


def _bbox(b: Any) -> BBox:
    x0, y0, x1, y1 = b
    if x1 < x0:
        x0, x1 = x1, x0
    if y1 < y0:
        y0, y1 = y1, y0
    return BBox(float(x0), float(y0), float(x1), float(y1))


def image_placements(page: pymupdf.Page, infos: list[dict[str, Any]] | None = None) -> tuple[ImagePlacement, ...]:
    """``infos``: ``page.get_image_info()`` when the caller has it already."""
    xrefs = {img[0] for img in page.get_images()}
    if infos is None:
        infos = page.get_image_info()
    if len(xrefs) == 1 and len(infos) == 1:
        # One image drawn once (a scan): it is that xref.  Matching placements to
        # xrefs otherwise decodes and hashes each image twice (~0.1 s a scan).
        infos = [dict(infos[0], xref=next(iter(xrefs)))]
    elif infos:
        infos = page.get_image_info(xrefs=True)
    out = []
    unrotated = page.rect * page.derotation_matrix      # image boxes are unrotated; page.rect is not
    for info in infos:
        x0, y0, x1, y1 = info["bbox"]
        r = pymupdf.Rect(x0, y0, x1, y1) & unrotated
        if r.is_empty:
            continue
        out.append(ImagePlacement(
            bbox=BBox(r.x0, r.y0, r.x1, r.y1),
            xref=info.get("xref") or None,
            width_px=int(info.get("width", 0)),
            height_px=int(info.get("height", 0)),
        ))
    return tuple(out)


def text_untrusted(text: str, chars: list[Char]) -> bool:
    """A text layer of mostly private-use or unmapped glyphs is not trustworthy.  ``text``: the
    characters' text (``"".join(c.c for c in chars)``); a page with no such glyph is not counted."""
    if not any(_untrusted_glyph(c) for c in set(text) if c.strip()):
        return False
    visible = [c.c for c in chars if c.bbox is not None and c.c.strip()]
    if not visible:
        return False
    bad = sum(1 for c in visible if _untrusted_glyph(c))
    return bad / len(visible) > 0.1


def _untrusted_glyph(c: str) -> bool:
    return 0xE000 <= ord(c) <= 0xF8FF or ord(c) < 32


def iter_pages(doc: pymupdf.Document) -> Iterator[pymupdf.Page]:
    for i in range(doc.page_count):
        yield doc[i]


def _short(exc: BaseException) -> str:
    msg = " ".join(str(exc).split()) or type(exc).__name__
    return msg[:160]
