"""Ingest: an input file -> ``Document`` (page model plus a working PDF).

Per page it decides whether the text layer can be trusted or the page must be
OCRed (see ``route_page``); OCR characters are merged into the same page model,
so recognisers and policy never know where text came from.
"""

from __future__ import annotations

import functools
import logging
from dataclasses import replace
from pathlib import Path

import pymupdf

from redactor.context import RunContext
from redactor.errors import Cancelled, InputFileError
from redactor.ingest import pdf as pdfmod
from redactor.ingest.drawings import paths_need_pixels, read_paths
from redactor.ingest.garbled import garbled_regions
from redactor.ingest.outlined_text import outline_words, outlined_paths
from redactor.ingest.packed_raster import PackedRaster
from redactor.picture_kind import blank_page
from redactor.ingest.triage import check_pdf_tail, classify
from redactor.model import BBox, Char, Document, OcrLine, Page, PageKind, Raster, TextOrigin
from redactor.protocols import OcrEngine, PageProgress

log = logging.getLogger(__name__)

__all__ = ["load_document", "route_page", "read_pdf_pages"]


def load_document(path: str, ctx: RunContext, ocr: OcrEngine | None = None, *, rasters: bool = True,
                  progress: PageProgress | None = None) -> Document:
    """Validate ``path``, build the working PDF in ``ctx.work_dir`` and read its pages."""
    kind = classify(path)
    working = ctx.get_path("working.pdf")
    cfg = ctx.config
    if kind == "pdf":
        check_pdf_tail(path)
        src = pdfmod.open_pdf(path, cfg)
        try:
            hidden = pdfmod.inventory(src)
            pdfmod.make_working_pdf(src, working)
        finally:
            src.close()
    else:
        from redactor.ingest.images import image_to_pdf

        image_to_pdf(path, working, cfg.ingest.image_dpi_fallback, cfg.ingest.max_image_pixels)
        hidden = pdfmod.HiddenContent()
    pages = read_pdf_pages(working, ctx, ocr, rasters=rasters, force_ocr=(kind == "image"), source=path,
                           progress=progress)
    return Document(
        source=str(path),
        working_pdf=working,
        input_kind=kind,
        pages=pages,
        input_sha256=ctx.document_id,
        hidden=hidden,
    )


def read_pdf_pages(
    pdf_path: str,
    ctx: RunContext,
    ocr: OcrEngine | None,
    *,
    rasters: bool = True,
    force_ocr: bool = False,
    source: str | None = None,
    progress: PageProgress | None = None,
) -> tuple[Page, ...]:
    """Read every page of a PDF into the page model (also used by verification)."""
    try:
        doc = pymupdf.open(pdf_path)
    except Exception as exc:
        raise InputFileError(f"cannot open PDF ({exc})", path=source or pdf_path) from exc
    pages: list[Page] = []
    try:
        for page in pdfmod.iter_pages(doc):
            if pages and pages[-1].raster is not None:
                # another page follows: the previous rendering waits compressed for detection (the
                # last page's does not wait, so a one-page upload never pays for compressing its scan)
                pages[-1] = replace(pages[-1], raster=PackedRaster(pages[-1].raster))
            pages.append(_read_page(page, ctx, ocr, rasters=rasters, force_ocr=force_ocr))
            if progress is not None:
                progress("read", len(pages), doc.page_count)
    except (InputFileError, Cancelled):
        raise
    except Exception as exc:
        raise InputFileError(f"page {len(pages) + 1} cannot be read ({pdfmod._short(exc)})", path=source or pdf_path) from exc
    finally:
        doc.close()
    return tuple(pages)


def route_page(chars: list[Char], images: tuple, page_area: float, min_chars: int, min_image_ratio: float,
               untrusted: bool, force_ocr: bool, garbled: bool = False) -> PageKind:
    """Which text sources a page needs.

    - a trustworthy visible text layer and no large images: born-digital, no OCR
    - hidden (render mode 3) text over images: a scan with an OCR layer -> OCR too
    - large images: OCR them (scanned page, or mixed page with pasted scans)
    - text-layer runs with a broken Unicode mapping (``garbled``): OCR those runs (mixed)
    """
    image_area = sum(im.bbox.area for im in images)
    big_images = page_area > 0 and image_area / page_area >= min_image_ratio
    if not force_ocr and not big_images:      # the common page: no need to count its characters
        return PageKind.SCANNED if untrusted else PageKind.MIXED if garbled else PageKind.BORN_DIGITAL
    visible = hidden = 0
    for c in chars:
        if c.bbox is not None and c.c.strip():
            if c.origin is TextOrigin.TEXT_LAYER:
                visible += 1
            elif c.origin is TextOrigin.HIDDEN_LAYER:
                hidden += 1
    if force_ocr:
        return PageKind.SCAN_WITH_HIDDEN_TEXT if hidden else PageKind.SCANNED
    if hidden and big_images:
        return PageKind.SCAN_WITH_HIDDEN_TEXT
    if untrusted:
        return PageKind.SCANNED
    if big_images:
        return PageKind.MIXED if visible >= min_chars else PageKind.SCANNED
    if garbled:
        return PageKind.MIXED
    return PageKind.BORN_DIGITAL


def _read_page(page: pymupdf.Page, ctx: RunContext, ocr: OcrEngine | None, *, rasters: bool, force_ocr: bool) -> Page:
    cfg = ctx.config
    text, chars, hides_text, images = pdfmod.read_page_layers(page)
    rect = page.rect
    garbled = garbled_regions(chars, text=text)
    # a page of (almost) no characters whose paths look like glyphs draws its text as outlines: read as a scan
    paths = functools.cache(lambda: read_paths(page))     # the page's vector paths, read once for every test
    outlined = not images and _few_visible(chars, cfg.ocr.text_layer_min_chars) and outlined_paths(paths())
    # words drawn as outlines beside the text layer (a letterhead's employer name): OCRed as regions, as garbled runs
    unread = garbled + (() if outlined or force_ocr else outline_words(page, chars, paths() or []))
    kind = route_page(
        chars, images, rect.width * rect.height, cfg.ocr.text_layer_min_chars,
        cfg.ocr.min_image_area_ratio, pdfmod.text_untrusted(text, chars), force_ocr or outlined, bool(unread),
    )
    regions = ocr_regions(kind, images, unread, rect.width * rect.height, cfg.ocr.min_image_area_ratio)
    raster = None
    ocr_lines: list[OcrLine] = []
    # a born-digital page of text and rules has nothing for the region detectors: not rendered
    rasters = rasters and (kind is not PageKind.BORN_DIGITAL or bool(images) or paths_need_pixels(paths()))
    if kind is not PageKind.BORN_DIGITAL and not cfg.ocr.enabled:
        log.warning("page %d is %s but ocr.enabled is false: text in its pixels is not searched", page.number + 1, kind.value)
    # ocr=None: a caller that wants the text layer only (verification re-reads text separately from OCR)
    need_ocr = kind is not PageKind.BORN_DIGITAL and cfg.ocr.enabled and ocr is not None
    if need_ocr or rasters:
        from redactor.ingest.images import render_page

        if need_ocr:
            assert ocr is not None
            ocr_raster = render_page(page, cfg.ocr.dpi)
            from redactor.ingest.ocr.merge import ocr_to_chars

            if regions is not None:
                regions = _pictures_with_text(ocr_raster, regions, images, chars)
            elif blank_page(ocr_raster.pixels):
                # nothing inked: no text to read, no region to find (0.3 s of OCR and detectors saved)
                log.debug("page %d is blank: not OCRed", page.number + 1)
                regions, rasters = (), False
            recognized = []
            for part in ocr_parts(ocr_raster, regions):
                recognized.extend(ocr.recognize(part))
            new_chars, lines = ocr_to_chars(recognized, tuple(chars), cfg.ocr.low_confidence)
            if new_chars:
                base = len(chars)
                if chars and chars[-1].c != "\n":
                    chars.append(Char("\n", None))
                    base += 1
                chars.extend(new_chars)
                ocr_lines = [OcrLine(base + s, base + e, b, sc, low, rd, split)
                             for (s, e, b, sc, low, rd, split) in lines]
            if not rasters:
                pass
            elif ocr_raster.dpi < cfg.ingest.raster_dpi + 1:     # the same, or a huge page rendered lower
                raster = ocr_raster
            elif ocr_raster.dpi > cfg.ingest.raster_dpi:
                from redactor.ingest.images import resample

                raster = resample(ocr_raster, cfg.ingest.raster_dpi)
        if rasters and raster is None:
            raster = render_page(page, cfg.ingest.raster_dpi)
        if rasters and images and cfg.ingest.transparent_pictures and kind is not PageKind.SCANNED:
            from redactor.ingest.images import transparent_pictures

            images = transparent_pictures(page, images, cfg.ingest.raster_dpi, cfg.ingest.transparent_picture_pt,
                                          cfg.ingest.transparent_pictures_max)
    unrotated = page.cropbox   # boxes live in the unrotated page space; so do width and height
    return Page(
        number=page.number + 1,
        width=unrotated.width,
        height=unrotated.height,
        text=text if len(chars) == len(text) else "".join(c.c for c in chars),   # OCR may have added chars
        chars=tuple(chars),
        kind=kind,
        rotation=page.rotation,
        images=images,
        ocr_lines=tuple(ocr_lines),
        raster=raster,
        hides_text=hides_text,
    )


def _few_visible(chars: list[Char], least: int) -> bool:
    """Fewer than ``least`` visible text-layer characters."""
    seen = 0
    for c in chars:
        if c.bbox is not None and c.origin is TextOrigin.TEXT_LAYER and c.c.strip():
            seen += 1
            if seen >= least:
                return False
    return True


def ocr_regions(kind: PageKind, images: tuple, garbled: tuple[BBox, ...], page_area: float,
                min_ratio: float) -> tuple[BBox, ...] | None:
    """What to OCR: None for the whole page (scans); on a page whose text layer is
    trustworthy, only the large images (a pasted ID-card scan, a certificate) and
    the text-layer runs whose Unicode mapping is broken."""
    if kind is not PageKind.MIXED:
        return None
    big = [im.bbox for im in images if page_area and im.bbox.area / page_area >= min_ratio]
    return tuple(big) + tuple(garbled)


def _pictures_with_text(raster: Raster, regions: tuple[BBox, ...], images: tuple, chars: list[Char]) -> tuple[BBox, ...]:
    """``regions`` without the pictures that cannot hold text (seals, ID photos, codes, blanks:
    see ``picture_kind``); other regions (garbled text runs) stay."""
    from redactor.picture_kind import classify_picture

    pictures = {im.bbox for im in images}
    keep = []
    for box in regions:
        if box in pictures:
            part = raster.crop(box)
            if part is not None:
                kind = classify_picture(_print_painted_out(part, chars))
                if not kind.needs_ocr:
                    log.debug("picture %s is a %s: not OCRed", box.as_tuple(), kind.value)
                    continue
        keep.append(box)
    return tuple(keep)


def _print_painted_out(part: Raster, chars: list[Char]):  # noqa: ANN202 - numpy array
    """The crop's pixels with the text layer's characters over it painted white (red ink under them kept)."""
    from redactor.picture_kind import print_painted_out

    return print_painted_out(part, (c.bbox for c in chars
                                    if c.bbox is not None and c.origin is TextOrigin.TEXT_LAYER and c.c.strip()))


def ocr_parts(raster: Raster, regions: tuple[BBox, ...] | None) -> list[Raster]:
    if regions is None:
        return [raster]
    parts = []
    for box in regions:
        part = raster.crop(box, pad=2.0)
        if part is not None:
            parts.append(part)
    return parts


def supported_input(path: str | Path) -> bool:
    from redactor.ingest.triage import IMAGE_SUFFIXES, PDF_SUFFIXES

    return Path(path).suffix.lower() in PDF_SUFFIXES | IMAGE_SUFFIXES
