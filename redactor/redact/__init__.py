"""Redaction: RedactionPlan + working PDF -> redacted, sanitised PDF.

True redaction with PyMuPDF: text under a box is removed from the content
stream, image pixels under a box are destroyed (the original image object is
replaced and garbage-collected by a full save), vector art fully inside a region
box goes too.  A box never blurs or masks partially: it is solid.
"""

from __future__ import annotations

import hashlib
import logging
from collections import defaultdict
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np
import pymupdf

from redactor.config import RedactConfig
from redactor.errors import RedactorError
from redactor.model import Action, BBox, Decision, RedactionPlan, RedactionResult
from redactor.normalize import compact
from redactor.redact import jpeg
from redactor.redact.fonts import FONT_STEPS, clean_fonts
from redactor.redact.moved import Glyph, moved_glyphs
from redactor.redact.outlines import outline_under_boxes
from redactor.redact.sanitize import sanitize

log = logging.getLogger(__name__)

__all__ = ["apply_plan", "redaction_rects"]

OCR_VERTICAL_PAD = 0.05     # share of an OCR box's height added above and below (the detector's box is already loose)
GLYPH_BAND_DPI = 288         # rendering of a removed OCR line across a kept stamp, to find its glyphs' band
GLYPH_BAND_MARGIN = 0.05     # share of the glyphs' height added above and below their band (at least 1 pt)
GLYPH_INK_MAX_GREY = 128     # a pixel of print: darker than this (0-255) ...
GLYPH_INK_RED_MIN = 35       # ... and not a stamp's red: red above green and blue by less than this
OCR_BOX_LOOSE = 0.2         # share of an OCR line box's height above and below its ink (the detector grows a box by
#                             ~40 % of the ink height on each side: 0.4 / 1.8): where the next line's characters reach
#                             into the box, it gives way this far, no further


def redaction_rects(d: Decision) -> list[BBox]:
    """The rectangles to redact for one decision.

    Text-layer spans are inset (PyMuPDF removes every character whose box
    overlaps the rectangle, and line boxes of tight leading overlap), OCR and
    hidden-layer spans are padded (their pixels must be covered entirely).
    Our own OCR boxes are padded less above and below: the text detector
    already grows each line's box by about 40 % of the ink height on both
    sides, and more would reach into the line above (a co-author's name).
    Regions are used as given.
    """
    f = d.finding
    if f.is_region:
        return list(f.boxes)
    source = str(f.explain("source", "text_layer"))
    out = []
    for b in f.boxes:
        if source == "text_layer":
            dx = min(0.5, 0.1 * b.width)
            dy = 0.2 * b.height
            out.append(BBox(b.x0 + dx, b.y0 + dy, b.x1 - dx, b.y1 - dy))
        else:
            pad = 0.15 * b.height
            vpad = OCR_VERTICAL_PAD * b.height if source == "ocr" else pad
            out.append(BBox(b.x0 - pad, b.y0 - vpad, b.x1 + pad, b.y1 + vpad))
    return out


def apply_plan(plan: RedactionPlan, working_pdf: str, out_pdf: str, cfg: RedactConfig,
               hidden_text: bool = True, chars: Mapping[int, Sequence[BBox]] | None = None) -> RedactionResult:
    """Redact ``plan`` on ``working_pdf`` into ``out_pdf``, then sanitize.  ``hidden_text=False``: ingest
    found no hidden text in ``working_pdf`` (``Page.hides_text``), so sanitize need not search for it.
    ``chars``: each page's character boxes as ingest read them (text layer, hidden layer, OCR; by page number),
    the next lines' text a padded box stays clear of (``_clear_of_next_lines``); without them, the PDF's own."""
    by_page: dict[int, list[tuple[BBox, str, bool]]] = defaultdict(list)
    marks: dict[int, list[tuple[BBox, str]]] = defaultdict(list)      # seals and signatures that may spare print
    read_by_ocr = _values_read_by_ocr(plan)
    padded: dict[int, list[tuple[int, BBox, float]]] = defaultdict(list)   # (index in by_page, unpadded box, give)
    read_lines: dict[int, list[list[tuple[int, BBox]]]] = defaultdict(list)  # per OCR removal: (index, unpadded box)
    kept_stamps = _kept_stamps(plan)
    unpainted: list[int] = []
    for i, d in enumerate(plan.redactions):
        cat = d.finding.category.value if d.finding.category else "name"
        text_only = _hidden_copy_of_ocr_value(d, read_by_ocr)
        if text_only:
            unpainted.append(i)
        pads = _pads_between_lines(d) and cfg.pad_stops_at_next_line
        give = OCR_BOX_LOOSE if str(d.finding.explain("source", "")) == "ocr" else 0.0
        line: list[tuple[int, BBox]] = []
        for r, inner in zip(redaction_rects(d), d.finding.boxes if pads else [None] * len(d.finding.boxes)):
            if cfg.spare_print_under_marks and d.finding.is_region and cat in _MARKS_OVER_PRINT:
                marks[d.finding.page].append((r, cat))
            else:
                if inner is not None:
                    padded[d.finding.page].append((len(by_page[d.finding.page]), inner, give))
                    line.append((len(by_page[d.finding.page]), inner))
                by_page[d.finding.page].append((r, cat, text_only))
        stamps = kept_stamps.get(d.finding.page, ())
        if give and line and not text_only and cfg.glyph_band_under_kept_stamps \
                and any(b.intersection_area(r) > 0 for b in stamps for r in d.finding.boxes):
            read_lines[d.finding.page].append(line)

    doc = pymupdf.open(working_pdf)
    applied = 0
    flattened: list[tuple[int, list[pymupdf.Rect]]] = []
    no_text_lost: list[int] = []
    sanitized: list[str] = []
    final = doc
    try:
        outside_crop = False
        for page in doc:
            # plan boxes are in unrotated page space; ``page.rect`` is the displayed (rotated) one
            unrotated = page.rect * page.derotation_matrix
            if padded.get(page.number + 1) and not page.rotation:
                known = None if chars is None else chars.get(page.number + 1, ())
                by_page[page.number + 1] = _clear_of_next_lines(
                    _pdf_chars(page) if known is None else known, by_page[page.number + 1], padded[page.number + 1])
            if read_lines.get(page.number + 1) and not page.rotation:
                by_page[page.number + 1] = _to_glyph_band(page, by_page[page.number + 1], read_lines[page.number + 1])
            wanted, spared = _spare_print(page, unrotated, by_page.get(page.number + 1, []),
                                          marks.get(page.number + 1, []))
            before = _glyph_positions(page) if wanted or spared else None
            images_before = {img[0]: img[8] for img in page.get_images(full=True)}
            placed: list[pymupdf.Rect] = []
            solid: list[pymupdf.Rect] = []
            if spared:
                # a mark over print the plan keeps: its pixels and the drawings it covers go, the print stays
                for r in spared:
                    page.add_redact_annot(r, fill=False, cross_out=False)
                    applied += 1
                page.apply_redactions(images=pymupdf.PDF_REDACT_IMAGE_PIXELS,
                                      graphics=pymupdf.PDF_REDACT_LINE_ART_REMOVE_IF_COVERED,
                                      text=pymupdf.PDF_REDACT_TEXT_NONE)
            # first the invisible copies (text only, no box, pixels untouched), then the solid boxes
            for text_only in (True, False):
                batch = [(r, c) for r, c, t in wanted if t is text_only]
                if not batch:
                    continue
                for rect, cat in batch:
                    r = pymupdf.Rect(*rect.as_tuple()) & unrotated
                    if r.is_empty:
                        continue
                    placed.append(r)
                    if text_only:
                        page.add_redact_annot(r, fill=False, cross_out=False)
                    else:
                        solid.append(r)
                        page.add_redact_annot(r, **_box_style(cfg, cat, r))
                    applied += 1
                page.apply_redactions(
                    images=pymupdf.PDF_REDACT_IMAGE_NONE if text_only else pymupdf.PDF_REDACT_IMAGE_PIXELS,
                    graphics=pymupdf.PDF_REDACT_LINE_ART_NONE if text_only else pymupdf.PDF_REDACT_LINE_ART_REMOVE_IF_COVERED,
                    text=pymupdf.PDF_REDACT_TEXT_REMOVE,
                )
            if before is not None:
                if moved_glyphs(before, _glyph_positions(page), placed):
                    log.warning("page %d: text removal moved surviving glyphs; page flattened to an image",
                                page.number + 1)
                    flattened.append((page.number, solid + spared))     # (a flattened page's marks: solid boxes)
                    continue
            if outline_under_boxes(page, solid):
                log.warning("page %d: text drawn as outlines stays under a box; page flattened to an image",
                            page.number + 1)
                flattened.append((page.number, solid + spared))
                if not before:
                    no_text_lost.append(page.number)      # all its text was outlines: the image loses no text layer
                continue
            if before is not None:
                _recompress_rewritten(doc, page, images_before, cfg.jpeg_quality)
            outside_crop |= _strip_outside_cropbox(page)
        for pno, placed in flattened:
            _flatten_page(doc, working_pdf, pno, placed, cfg.flatten_dpi)
            sanitized.append(f"page_{pno + 1}_flattened")
        sanitized = sanitize(doc, hidden_text=hidden_text) + sanitized
        if outside_crop:
            sanitized.append("content_outside_cropbox")
        if cfg.subset_fonts:
            final, font_steps = clean_fonts(doc)
            sanitized += font_steps
        Path(out_pdf).parent.mkdir(parents=True, exist_ok=True)
        try:
            _save(final, out_pdf, cfg)
        except Exception as exc:
            if final is doc:
                raise
            # the font programs rewritten by clean_fonts are the only difference: save the document without
            # them (verification's font_glyphs check reviews what they still hold)
            log.warning("the output with removed glyphs dropped could not be saved (%s); saved with its fonts "
                        "as they were", type(exc).__name__)
            sanitized = [s for s in sanitized if s not in FONT_STEPS]
            final.close()
            final = doc
            sanitized += clean_fonts(doc, rewrite_programs=False)[1]
            _save(doc, out_pdf, cfg)
    except RedactorError:
        raise
    finally:
        if final is not doc:
            final.close()
        doc.close()
    return RedactionResult(
        output_pdf=out_pdf,
        input_sha256="",
        output_sha256=_sha256(out_pdf),
        sanitized=tuple(sorted(set(sanitized))),
        boxes_applied=applied,
        flattened_pages=tuple(pno + 1 for pno, _ in flattened),
        text_layer_lost=tuple(pno + 1 for pno, _ in flattened if pno not in no_text_lost),
        unpainted=tuple(unpainted),
    )


def _pads_between_lines(d: Decision) -> bool:
    """The decision's rectangles are its text boxes padded (OCR's and a hidden OCR layer's spans): the padding
    may be held back where it would reach the next line's text."""
    f = d.finding
    return not f.is_region and str(f.explain("source", "text_layer")) != "text_layer" and len(f.boxes) > 0


def _pdf_chars(page: pymupdf.Page) -> list[BBox]:
    return [BBox(*ch["bbox"]) for b in page.get_text("rawdict")["blocks"] for ln in b.get("lines", ())
            for sp in ln.get("spans", ()) for ch in sp.get("chars", ()) if ch["c"].strip()]


def _clear_of_next_lines(marks: Sequence[BBox], wanted: list[tuple[BBox, str, bool]],
                         padded: list[tuple[int, BBox, float]]) -> list[tuple[BBox, str, bool]]:
    """``wanted`` with each padded rectangle (``padded``: its index, its unpadded box, the share of that box's
    height it may give way) held back from the text above and below it: the padding covers the space between
    lines, never the next line's characters (a co-author's pinyin name right above the applicant's unit in a
    paper's author block, whose descenders an OCR box took).  Where the next line's characters reach into the
    unpadded box itself, it gives way to them by at most ``give`` of its height: an OCR line box reaches that
    far past its ink (``OCR_BOX_LOOSE``); a hidden layer's box is its glyphs' and gives nothing.  ``marks``: the
    page's character boxes (each where it is on a skewed scan, not its line's upright box); those across the
    rectangle whose middle lies above or below the unpadded box are the next lines'.  The final check reads the
    output: glyphs of a removed value left outside its box are found there and repaired."""
    out = list(wanted)
    for i, inner, give in padded:
        r, cat, text_only = out[i]
        y0, y1 = r.y0, r.y1
        top, bottom = inner.y0 + give * inner.height, inner.y1 - give * inner.height
        for c in marks:
            if c.x1 <= r.x0 or c.x0 >= r.x1 or c.y1 <= r.y0 or c.y0 >= r.y1:
                continue                        # beside the rectangle, or out of its reach
            mid = (c.y0 + c.y1) / 2
            if mid < inner.y0:                  # the line above
                y0 = max(y0, min(c.y1, top))
            elif mid > inner.y1:                # the line below
                y1 = min(y1, max(c.y0, bottom))
        if y0 < y1 and (y0, y1) != (r.y0, r.y1):
            out[i] = (BBox(r.x0, y0, r.x1, y1), cat, text_only)
    return out


def _kept_stamps(plan: RedactionPlan) -> dict[int, list[BBox]]:
    """page -> boxes of the seals the plan keeps (another body's, the issuer's)."""
    out: dict[int, list[BBox]] = defaultdict(list)
    for d in plan.kept:
        if d.finding.is_region and d.finding.entity_type == "SEAL":
            out[d.finding.page].extend(d.finding.boxes)
    return out


def _to_glyph_band(page: pymupdf.Page, wanted: list[tuple[BBox, str, bool]],
                   lines: list[list[tuple[int, BBox]]]) -> list[tuple[BBox, str, bool]]:
    """``wanted`` with the rectangles of each removed OCR line that crosses a kept stamp (``lines``: per removal,
    its rectangles' indexes and unpadded boxes) held to its glyphs' band: the rows of print (dark, not the stamp's
    red) inside its OCR boxes, plus ``GLYPH_BAND_MARGIN``.  OCR's text detector grows a line's box by about 40 % of
    the ink height above and below; across an issuer's stamp that growth is the stamp's ink, and two removed holder
    lines painted over half of it.  One band for the whole line (a box per character as tall as its glyph would
    draw the characters' outlines); a line on a grey scan, whose stamp is as dark as its print, keeps its boxes, as
    does a removal over more than one line (a box whose middle lies outside its flattest box's rows).  The final
    check reads the output: print left outside the band is found there and repaired."""
    out = list(wanted)
    zoom = GLYPH_BAND_DPI / 72.0
    for line in lines:
        inner = [b for _, b in line]
        low = min(inner, key=lambda b: b.height)
        if any(not low.y0 <= (b.y0 + b.y1) / 2 <= low.y1 for b in inner):
            continue                        # not one line of characters
        whole = BBox.enclosing(inner)
        clip = pymupdf.Rect(*whole.as_tuple()) & page.rect
        if clip.is_empty:
            continue
        pix = page.get_pixmap(matrix=pymupdf.Matrix(zoom, zoom), clip=clip, colorspace=pymupdf.csRGB, alpha=False)
        rgb = np.frombuffer(pix.samples, np.uint8).reshape(pix.height, pix.width, 3).astype(np.int32)
        grey = (rgb[:, :, 0] * 299 + rgb[:, :, 1] * 587 + rgb[:, :, 2] * 114) // 1000
        red = rgb[:, :, 0] - np.maximum(rgb[:, :, 1], rgb[:, :, 2]) >= GLYPH_INK_RED_MIN
        ink = (grey < GLYPH_INK_MAX_GREY) & ~red
        rows = np.nonzero(ink.sum(axis=1) >= max(2, int(0.01 * pix.width)))[0]
        if rows.size == 0:
            continue
        y0 = clip.y0 + rows[0] * clip.height / pix.height
        y1 = clip.y0 + (rows[-1] + 1) * clip.height / pix.height
        m = max(1.0, GLYPH_BAND_MARGIN * (y1 - y0))
        for i, _ in line:
            r, cat, text_only = out[i]
            top, bottom = max(r.y0, y0 - m), min(r.y1, y1 + m)
            if top < bottom:
                out[i] = (BBox(r.x0, top, r.x1, bottom), cat, text_only)
    return out


def _save(doc: pymupdf.Document, out_pdf: str, cfg: RedactConfig) -> None:
    doc.save(out_pdf, garbage=4, deflate=True, clean=True, incremental=False, compression_effort=cfg.compression_effort)


_MARKS_OVER_PRINT = frozenset({"seal", "signature"})     # marks stamped or written across a form's print
_OWN_PICTURE_PAD_PT = 3.0       # a picture within this of a mark's box is the mark's own (its box is the ink's, padded)


def _spare_print(page: pymupdf.Page, unrotated: pymupdf.Rect, wanted: list[tuple[BBox, str, bool]],
                 marks: list[tuple[BBox, str]]) -> tuple[list[tuple[BBox, str, bool]], list[pymupdf.Rect]]:
    """(the page's boxes, with the marks that cover no kept print among the solid ones; the marks' rectangles
    that do).  A removed seal or signature that is a picture of its own (an electronic seal, a pasted stamp or
    signature: no other picture under its box) and whose box holds visible print no other box removes (the unit
    head's name and 年 月 日 under the employer's stamp) keeps that print: its pictures are removed whole, the
    drawings its box covers go, and no box is painted over the print.  Text the plan removes under it has its
    own boxes; the gate reads the output as always.  A mark on a scan or over a background picture, or drawn as
    vector art (its text may be glyphs), keeps its solid box."""
    if not marks:
        return wanted, []
    removing = [pymupdf.Rect(*r.as_tuple()) for r, _, text_only in wanted if not text_only]
    shown = _visible_glyph_boxes(page)
    pictures = [pymupdf.Rect(info["bbox"]) for info in page.get_image_info()]
    out = list(wanted)
    spared: list[pymupdf.Rect] = []
    for rect, cat in marks:
        r = pymupdf.Rect(*rect.as_tuple()) & unrotated
        if r.is_empty:
            continue
        near = r + (-_OWN_PICTURE_PAD_PT, -_OWN_PICTURE_PAD_PT, _OWN_PICTURE_PAD_PT, _OWN_PICTURE_PAD_PT)
        own = [p for p in pictures if near.contains(p) and not p.is_empty]
        others = [p for p in pictures if p.intersects(r) and not near.contains(p)]
        kept_print = any(r.contains(c) and not any(x.contains(c) for x in removing) for c in shown)
        if kept_print and own and not others:
            for p in own:               # the mark's own pictures go whole
                r |= p
            spared.append(r)
        else:
            out.append((rect, cat, False))
    return out, spared


def _visible_glyph_boxes(page: pymupdf.Page) -> list[pymupdf.Point]:
    """The centres of the page's shown glyphs (not render mode 3, not fully transparent), unrotated space."""
    out = []
    for span in page.get_texttrace():
        if span.get("type") == 3 or span.get("opacity", 1) == 0:
            continue
        for ch in span["chars"]:
            x0, y0, x1, y1 = ch[3]
            if x1 > x0 and y1 > y0:
                out.append(pymupdf.Point((x0 + x1) / 2, (y0 + y1) / 2))
    return out


def _box_style(cfg: RedactConfig, cat: str, r: pymupdf.Rect) -> dict:
    kwargs: dict = {"fill": cfg.fill, "cross_out": False}
    if cfg.label:
        kwargs.update(text=f"[{cfg.labels.get(cat, cat)}]", fontname="china-s",
                      fontsize=max(5.0, min(10.0, r.height * 0.85)), text_color=_contrast(cfg.fill))
    return kwargs


OcrReadings = dict[tuple[int, str, str], list[BBox]]


def _values_read_by_ocr(plan: RedactionPlan) -> OcrReadings:
    """Where our own OCR read each redacted value: (page, field, value) -> its line boxes."""
    out: OcrReadings = defaultdict(list)
    for d in plan.redactions:
        f = d.finding
        if not f.is_region and "ocr" in str(f.explain("source", "")):
            out[(f.page, d.profile_field or "", compact(f.text))].extend(f.boxes)
    return out


def _hidden_copy_of_ocr_value(d: Decision, read_by_ocr: OcrReadings) -> bool:
    """An invisible OCR layer's copy of a value that our OCR also read at the same place.

    Another tool's OCR layer (Tesseract through OCRmyPDF) places its words only
    roughly over the pixels: a box at the hidden copy's position would blank
    whatever is printed there, often a co-author.  The copy's text is removed
    without a box; the pixels go under the box of our own OCR reading -- so
    every line of the copy must have such a reading beside it.  A reading of
    the same value elsewhere on the page (a paper's second affiliation) boxes
    nothing here, and the copy is boxed itself.
    """
    f = d.finding
    if f.is_region or str(f.explain("source", "")) != "hidden_layer":
        return False
    if f.explain("text_only"):     # policy: the copy lies on another person's name our OCR read
        return True
    ours = read_by_ocr.get((f.page, d.profile_field or "", compact(f.text)), ())
    return bool(ours) and all(any(_same_place(h, o) for o in ours) for h in f.boxes)


def _same_place(hidden: BBox, ours: BBox) -> bool:
    """Two readings of one printed line: within a line height of each other, up, down and sideways."""
    line = max(hidden.height, ours.height, 1.0)
    dy = max(0.0, max(hidden.y0, ours.y0) - min(hidden.y1, ours.y1))
    dx = max(0.0, max(hidden.x0, ours.x0) - min(hidden.x1, ours.x1))
    return dy <= line and dx <= line


def _glyph_positions(page: pymupdf.Page) -> list[Glyph]:
    return [(ch[0], ch[2][0], ch[2][1]) for span in page.get_texttrace() for ch in span["chars"]]


def _flatten_page(doc: pymupdf.Document, working_pdf: str, pno: int, boxes: list[pymupdf.Rect], dpi: int) -> None:
    """The fallback when text removal moved surviving glyphs: the page becomes an
    image of the original with the boxes painted into its pixels (no text layer, so
    nothing under a box survives and nothing else moves)."""
    with pymupdf.open(working_pdf) as src:
        spage = src[pno]
        rotation = spage.rotation
        spage.set_rotation(0)           # render in the unrotated space the boxes are in; the copy keeps /Rotate
        pix = spage.get_pixmap(dpi=dpi)
        m = pymupdf.Matrix(dpi / 72, dpi / 72)
        for b in boxes:
            r = (pymupdf.Rect(b) * m).irect
            pix.set_rect(r & pix.irect, (0, 0, 0))
        width, height = spage.rect.width, spage.rect.height
    doc.delete_page(pno)
    page = doc.new_page(pno, width=width, height=height)
    page.insert_image(page.rect, pixmap=pix)
    page.set_rotation(rotation)


def _recompress_rewritten(doc: pymupdf.Document, page: pymupdf.Page, before: dict[int, str], quality: int) -> None:
    """MuPDF stores an image whose pixels it blanked losslessly (Flate): a 300 KB
    JPEG scan would come back as 6 MB.  Images that redaction rewrote go back to
    JPEG when the page's images were JPEG, with the tables of the JPEG they replace
    (same size, no longer on the page) so untouched blocks keep their pixels
    (``redact/jpeg.py``); the blanked areas stay uniform."""
    if "DCTDecode" not in before.values():
        return
    on_page = {img[0] for img in page.get_images(full=True)}
    sources = [x for x, f in before.items() if f == "DCTDecode" and x not in on_page]
    for img in page.get_images(full=True):
        xref, smask, filt = img[0], img[1], img[8]
        if xref in before or smask or filt == "DCTDecode":
            continue
        try:
            pix = pymupdf.Pixmap(doc, xref)
            data = jpeg.encode(pix, quality, _source_like(doc, sources, pix))
        except Exception as exc:  # keep the lossless image rather than fail
            log.warning("could not re-encode image %d as JPEG: %s", xref, exc)
            continue
        if len(data) < len(doc.xref_stream_raw(xref)):
            page.replace_image(xref, stream=data)


def _source_like(doc: pymupdf.Document, sources: list[int], pix: pymupdf.Pixmap) -> dict | None:
    """The header tables of the replaced JPEG with the pixmap's size (None: none, or several differ)."""
    found = []
    for x in sources:
        try:
            t = jpeg.source_tables(doc.xref_stream_raw(x))
        except Exception:  # the object went with the redaction: fixed quality
            t = None
        if t is not None and t["size"] == (pix.width, pix.height):
            found.append(t)
    if not found or any(t["qtables"] != found[0]["qtables"] or t["subsampling"] != found[0]["subsampling"]
                        for t in found[1:]):
        return None
    return found[0]


def _strip_outside_cropbox(page: pymupdf.Page) -> bool:
    """Content outside the crop box is invisible but extractable: remove it.

    Runs after the plan's boxes are applied (their coordinates are relative to
    the crop box).  ``page.cropbox`` is unrotated, top-left, relative to the
    media box; the media box itself is left alone so no coordinate moves.
    """
    mb, cb = page.mediabox, page.cropbox
    keep = pymupdf.Rect(cb.x0 - mb.x0, cb.y0 - mb.y0, cb.x1 - mb.x0, cb.y1 - mb.y0)
    full = pymupdf.Rect(0, 0, mb.width, mb.height)
    if keep.contains(full):
        return False
    rotation = page.rotation
    page.set_rotation(0)
    page.set_cropbox(mb)
    strips = [pymupdf.Rect(full.x0, full.y0, full.x1, keep.y0), pymupdf.Rect(full.x0, keep.y1, full.x1, full.y1),
              pymupdf.Rect(full.x0, keep.y0, keep.x0, keep.y1), pymupdf.Rect(keep.x1, keep.y0, full.x1, keep.y1)]
    for r in strips:
        if r.width > 0.1 and r.height > 0.1:
            page.add_redact_annot(r, fill=False)
    page.apply_redactions(images=pymupdf.PDF_REDACT_IMAGE_PIXELS, graphics=pymupdf.PDF_REDACT_LINE_ART_REMOVE_IF_COVERED,
                          text=pymupdf.PDF_REDACT_TEXT_REMOVE)
    page.set_cropbox(cb)
    page.set_rotation(rotation)
    return True


def _contrast(fill: tuple[float, float, float]) -> tuple[float, float, float]:
    return (1.0, 1.0, 1.0) if sum(fill) < 1.5 else (0.0, 0.0, 0.0)


def _sha256(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()
