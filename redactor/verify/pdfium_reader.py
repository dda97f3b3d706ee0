"""Reading the output with PDFium, a different engine from the MuPDF that wrote it.

Why a second engine: verification exists to catch what redaction got wrong.
If the same library both wrote and re-read the output, a quirk of that
library (a glyph it does not map, text it will not extract, an object it
does not render) would hide a leak from both.  So verification re-reads with
PDFium (``pypdfium2``, the engine of Chrome's viewer) and scans the raw bytes
itself (``raw_objects``); only ingest and redact use PyMuPDF.

Coordinates follow ``redactor.model``: points, unrotated page, top-left
origin of the crop box.
"""

from __future__ import annotations

import ctypes
import functools
import math
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from redactor.errors import InputFileError
from redactor.glyph_shapes import glyph_shaped, word_boxes
from redactor.model import BBox, Raster

__all__ = ["PdfiumPage", "TextChar", "frame_mismatch", "open_pdf", "page_frame", "read_pages", "render", "render_page", "render_region"]

# PDFium is one library per process and not safe to call from two threads at once: every call into it from a
# page thread holds this (the final check's pages looked at on two threads, ``verify._Look``)
PDFIUM = threading.Lock()

FONT_PATHS_ENV = "REDACTOR_PDFIUM_FONT_PATHS"
_PINNED: list[Any] = []        # the font path buffers PDFium was given: alive for as long as the library is


def pin_font_paths(paths: list[str]) -> None:
    """Initialise PDFium again with ``paths`` as the only folders its font mapper scans.  PDFium substitutes a
    font the document does not embed (or lacks a glyph in) from the machine's fonts, which it finds by scanning
    the system's font folders itself (not through fontconfig): the same output rendered on a machine with other
    fonts installed (fonts-wqy-*, fonts-arphic-*) gave the final check other pixels.  The test suite pins the fonts
    it installs (``REDACTOR_PDFIUM_FONT_PATHS``, ``tests/conftest.py``); outside it PDFium scans as it does.  Must
    run before any document is opened (at this module's import)."""
    bufs = [ctypes.create_string_buffer(p.encode()) for p in paths]
    char_p = ctypes.POINTER(ctypes.c_char)
    arr = (char_p * (len(bufs) + 1))(*[ctypes.cast(b, char_p) for b in bufs], None)
    config = pdfium_c.FPDF_LIBRARY_CONFIG(version=2, m_pIsolate=None, m_v8EmbedderSlot=0)
    config.m_pUserFontPaths = ctypes.cast(arr, type(config.m_pUserFontPaths))
    with PDFIUM:
        pdfium_c.FPDF_DestroyLibrary()
        pdfium_c.FPDF_InitLibraryWithConfig(config)
    _PINNED[:] = [bufs, arr]


if os.environ.get(FONT_PATHS_ENV):
    pin_font_paths([p for p in os.environ[FONT_PATHS_ENV].split(os.pathsep) if p])

_INVISIBLE = 3          # text render mode "neither fill nor stroke"


@dataclass(frozen=True, slots=True)
class TextChar:
    c: str
    bbox: BBox | None
    invisible: bool = False
    unmapped: bool = False


@dataclass(frozen=True)
class PdfiumPage:
    number: int                                  # 1-based
    width: float
    height: float
    rotation: int
    chars: tuple[TextChar, ...]                  # content-stream order, as PDFium extracts them
    images: tuple[BBox, ...]                     # every image drawn on the page (any size)
    unmapped_glyphs: int = 0                     # glyphs with no Unicode: only OCR can read them
    art: tuple[BBox, ...] = ()                   # vector drawings that could be a QR code, a picture or a stamp
    annotations: int = 0                         # annotations left on the page (drawn by ``render``)
    located: bool = True                         # False: chars without boxes, no needle can be in them (read_pages)
    _left: float = field(default=0.0, repr=False)
    _top: float = field(default=0.0, repr=False)
    outlines: tuple[BBox, ...] = ()              # paths shaped like glyph outlines (text drawn as vectors)
    under_paint: tuple[BBox, ...] = ()           # of them, those under an opaque box drawn after them
    painted_over: bool = False                   # an opaque box is painted over an image
    one_bit: tuple[BBox, ...] = ()               # images of one bit a pixel: a black-and-white scan's page

    @functools.cached_property
    def outline_words(self) -> tuple[BBox, ...]:
        """The words this page draws as outlines beside its text (``glyph_shapes.word_boxes``), worked out once
        however many times the OCR scope and the proof ask."""
        if len(self.outlines) < 2:
            return ()
        text = [c.bbox for c in self.chars if c.bbox is not None and not c.invisible and c.c.strip()]
        return tuple(word_boxes(self.outlines, text))


@contextmanager
def open_pdf(path: str) -> Iterator[Any]:
    try:
        pdf = pdfium.PdfDocument(path)
    except Exception as exc:
        raise InputFileError(f"cannot open PDF ({exc})", path=path) from exc
    try:
        yield pdf
    finally:
        pdf.close()


def _box(left: float, bottom: float, right: float, top: float, x0: float, y_top: float) -> BBox | None:
    if right <= left and top <= bottom:
        return None
    xa, xb = sorted((left - x0, right - x0))
    ya, yb = sorted((y_top - top, y_top - bottom))
    return BBox(xa, ya, xb, yb)


def page_frame(page: Any) -> tuple[float, float, float, float]:
    """(left, bottom, right, top) of the page's visible box (its crop box within its media box) in PDF
    coordinates: the frame every box of this module is measured from.  Not ``get_cropbox``: PDFium's
    ``FPDFPage_GetCropBox``/``GetMediaBox`` read only the page's own dictionary, so a box the page inherits
    from its ``/Pages`` node (xdvipdfmx, LaTeX's PDFs) reads as US Letter and every box on an A4 page lands
    50 pt off -- a repair painted on the text above a signature image (realdocs3 R32).
    ``FPDF_GetPageBoundingBox`` follows the inheritance, as the renderer does."""
    try:
        return tuple(float(v) for v in page.get_bbox())          # type: ignore[return-value]
    except pdfium.PdfiumError:
        return tuple(float(v) for v in page.get_cropbox())       # type: ignore[return-value]


def page_bounds(obj: Any) -> tuple[float, float, float, float]:
    """(left, bottom, right, top) of a page object in the page's PDF coordinates.  PDFium gives an object
    inside a form XObject its bounds in the form's own space: each enclosing form's matrix carries them
    to the page (a picture placed by a form, as ``show_pdf_page`` and imposition tools place whole pages,
    is otherwise looked for where it is not)."""
    left, bottom, right, top = obj.get_bounds()
    form = obj.container
    if form is None:
        return left, bottom, right, top
    pts = [(left, bottom), (right, bottom), (right, top), (left, top)]
    while form is not None:
        m = form.get_matrix()
        pts = [(m.a * x + m.c * y + m.e, m.b * x + m.d * y + m.f) for x, y in pts]
        form = form.container
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    return min(xs), min(ys), max(xs), max(ys)


def _read_page(pdf: Any, index: int, boxes_needed: Callable[[str], bool] | None = None) -> PdfiumPage:
    """One page's characters (with boxes and render mode), pictures and annotation count.

    ``boxes_needed`` (the text of the page -> bool): when it says no and the page shows no picture,
    no vector art, no annotation and no unmapped glyph, the characters are kept without their boxes
    (the costly part: a box and a render mode a character).  Verification passes a test that no
    needle can be in the page in any order (``text_layer.needle_possible``): then nothing reads the
    boxes of such a page (no hit to place, no pixels to check)."""
    page = pdf[index]
    try:
        left, bottom, right, top = page_frame(page)
        textpage = page.get_textpage()
        raw = textpage.raw
        codes: list[tuple[int, str, bool]] = []
        unmapped = 0
        pending_high = 0
        get_unicode, map_error = pdfium_c.FPDFText_GetUnicode, pdfium_c.FPDFText_HasUnicodeMapError
        for i in range(textpage.count_chars()):
            code = get_unicode(raw, i)
            if 0xD800 <= code <= 0xDBFF:          # surrogate pair: join with the next unit
                pending_high = code
                continue
            if pending_high and 0xDC00 <= code <= 0xDFFF:
                code = 0x10000 + ((pending_high - 0xD800) << 10) + (code - 0xDC00)
            pending_high = 0
            bad = bool(map_error(raw, i))
            unmapped += bad
            codes.append((i, chr(code) if code else "\ufffd", bad))
        images, art, outlines, under_paint, painted_over, one_bit = _pictures(page, left, top)
        annots = int(pdfium_c.FPDFPage_GetAnnotCount(page.raw))
        located = boxes_needed is None or bool(images or art or annots or unmapped) \
            or boxes_needed("".join(c for _, c, _ in codes))
        if located:
            chars = _located(raw, codes, left, top)
        else:
            chars = [_unlocated(c, bad) for _, c, bad in codes]
        textpage.close()
        return PdfiumPage(index + 1, right - left, top - bottom, page.get_rotation(), tuple(chars), tuple(images),
                          unmapped, tuple(art), annots, located, left, top, tuple(outlines), tuple(under_paint),
                          painted_over, tuple(one_bit))
    finally:
        page.close()


@functools.lru_cache(maxsize=1 << 14)
def _unlocated(c: str, unmapped: bool) -> TextChar:
    """A character kept without its box: one shared (frozen) object per character and flag, as a page
    repeats its characters (~1 500 objects a page built once each cost ~4 ms)."""
    return TextChar(c, None, False, unmapped)


def _located(raw: Any, codes: list[tuple[int, str, bool]], x0: float, y_top: float) -> list[TextChar]:
    """TextChars with their boxes (PDFium's tight char box) and whether they are drawn invisibly."""
    lft, rgt, bot, tp = ctypes.c_double(), ctypes.c_double(), ctypes.c_double(), ctypes.c_double()
    refs = (ctypes.byref(lft), ctypes.byref(rgt), ctypes.byref(bot), ctypes.byref(tp))
    get_box = pdfium_c.FPDFText_GetCharBox
    get_obj = getattr(pdfium_c, "FPDFText_GetTextObject", None)
    get_mode = getattr(pdfium_c, "FPDFTextObj_GetTextRenderMode", None)    # older PDFium builds: no mode
    out: list[TextChar] = []
    for i, c, bad in codes:
        bbox = None
        if c.strip():
            if not get_box(raw, i, *refs):
                raise pdfium.PdfiumError("Failed to get charbox.")
            bbox = _box(lft.value, bot.value, rgt.value, tp.value, x0, y_top)
        invisible = False
        if get_obj is not None and get_mode is not None:
            obj = get_obj(raw, i)
            invisible = bool(obj) and int(get_mode(obj)) == _INVISIBLE
        out.append(TextChar(c, bbox, invisible, bad))
    return out


_ART_PT = 15.0          # a QR code, a portrait or a stamp is at least this wide and high
_MODULES = 50           # this many small filled shapes together may be a QR code drawn module by module


def _pictures(page: Any, left: float, top: float) -> tuple[list[BBox], list[BBox], list[BBox], list[BBox], bool]:
    """(every image, every vector drawing that could show a code, a face or a stamp, every path shaped like a
    glyph's outline (``glyph_shapes``: a page that draws its text as outlines), the glyph-like paths that lie
    under an opaque quadrilateral drawn after them (a box painted over outlined text), whether such a
    quadrilateral is painted over an image (``under_paint`` looks beneath it)).

    A drawing counts when it is at least ``_ART_PT`` both ways and filled with a
    colour other than white, or drawn in a saturated colour (stamp-pad ink); small
    filled shapes count together when there are ``_MODULES`` of them (a QR code
    drawn one module at a time).  Table rules and cell borders (thin, or grey
    strokes) do not count: a page with text and rules only is not rendered for the
    barcode, face and seal channels."""
    images: list[BBox] = []
    one_bit: list[BBox] = []
    art: list[BBox] = []
    small: list[BBox] = []
    outlines: list[BBox] = []
    under_paint: list[BBox] = []
    painted_over = False
    fill_mode, stroke = ctypes.c_int(0), ctypes.c_int(0)
    rgba = [ctypes.c_uint(0) for _ in range(4)]
    for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE, pdfium_c.FPDF_PAGEOBJ_PATH), max_depth=8):
        b = _box(*page_bounds(obj), left, top)
        if b is None:
            continue
        if obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            if b.area > 0:
                images.append(b)
                if _one_bit(obj):
                    one_bit.append(b)
            continue
        pdfium_c.FPDFPath_GetDrawMode(obj.raw, ctypes.byref(fill_mode), ctypes.byref(stroke))
        fill = _colour(pdfium_c.FPDFPageObj_GetFillColor, obj.raw, rgba) if fill_mode.value else None
        opaque = fill is not None and rgba[3].value == 255
        line = _colour(pdfium_c.FPDFPageObj_GetStrokeColor, obj.raw, rgba) if stroke.value else None
        if fill is not None:
            edges, curved = _segments(obj.raw)
            if glyph_shaped(True, b.width, b.height, edges, curved):
                outlines.append(b)
            elif paint_quad(b, opaque, edges, curved):
                under_paint += [o for o in outlines if o.intersection_area(b) >= _UNDER_PAINT * o.area > 0]
                painted_over = painted_over or any(covers_image(b, im) for im in images)
        if b.width >= _ART_PT and b.height >= _ART_PT:
            if (fill is not None and min(fill) < 235) or any(c is not None and max(c) - min(c) >= 60 for c in (fill, line)):
                art.append(b)
        elif fill is not None and min(fill) < 235 and b.width > 0.3 and b.height > 0.3:
            small.append(b)
    if len(small) >= _MODULES:
        art.append(BBox.enclosing(small))
    return images, art, outlines, list(dict.fromkeys(under_paint)), painted_over, one_bit


def _one_bit(obj) -> bool:  # noqa: ANN001 - a pypdfium2 image object
    """An image of one bit a pixel (a black-and-white scan, CCITT or JBIG2 or Flate), read from its
    dictionary: nothing is decoded."""
    try:
        return int(obj.get_metadata().bits_per_pixel) == 1
    except (pdfium.PdfiumError, AttributeError, ValueError):   # pragma: no cover - PDFium cannot describe it
        return False


_UNDER_PAINT = 0.25     # a glyph-like path with this share of its box under a later opaque quadrilateral


def _segments(raw: Any) -> tuple[int, bool]:
    """(segments of a path object, whether one is a Bézier curve).  The curve is looked for only in paths
    of fewer than 8 segments: a longer one is glyph-shaped (``glyph_shapes``) and no quadrilateral either
    way, and a page of vector art has thousands of paths."""
    n = max(0, pdfium_c.FPDFPath_CountSegments(raw))
    curved = n < 8 and any(pdfium_c.FPDFPathSegment_GetType(pdfium_c.FPDFPath_GetPathSegment(raw, i))
                           == pdfium_c.FPDF_SEGMENT_BEZIERTO for i in range(n))
    return n, curved


PAINT_MIN_PT = 3.0      # a painted box is at least this wide and high
_COVERS = 0.5           # a painted box with this share of its area over an image covers that image


def paint_quad(b: BBox, opaque: bool, edges: int, curved: bool) -> bool:
    """An opaque filled quadrilateral (at most 5 straight segments) of box ``b``: what paints a box."""
    return opaque and edges <= 5 and not curved and b.width >= PAINT_MIN_PT and b.height >= PAINT_MIN_PT


def covers_image(b: BBox, image: BBox) -> bool:
    return b.intersection_area(image) >= _COVERS * b.area


def opaque_fill(raw: Any) -> bool:
    """Whether a path object is filled with a fully opaque colour."""
    fill_mode, stroke = ctypes.c_int(0), ctypes.c_int(0)
    rgba = [ctypes.c_uint(0) for _ in range(4)]
    pdfium_c.FPDFPath_GetDrawMode(raw, ctypes.byref(fill_mode), ctypes.byref(stroke))
    return bool(fill_mode.value) and _colour(pdfium_c.FPDFPageObj_GetFillColor, raw, rgba) is not None \
        and rgba[3].value == 255


def _colour(getter: Any, raw: Any, rgba: list[ctypes.c_uint]) -> tuple[int, int, int] | None:
    if not getter(raw, *(ctypes.byref(c) for c in rgba)) or rgba[3].value == 0:
        return None
    return (rgba[0].value, rgba[1].value, rgba[2].value)


def read_pages(pdf: Any, boxes_needed: Callable[[str], bool] | None = None) -> list[PdfiumPage]:
    return [_read_page(pdf, i, boxes_needed) for i in range(len(pdf))]


def render_region(page: Any, dpi: float, box: BBox, **flags: Any) -> Raster:
    """The part of an open page under ``box`` (top-left points of the unrotated page) as an RGB Raster whose
    ``to_points`` still maps into page points: PDFium rasterises only that part, so looking under a few small
    boxes costs a fraction of a whole page.  ``flags`` go to ``PdfPage.render`` (``draw_annots``...)."""
    scale = dpi / 72.0
    rotation = (360 - page.get_rotation()) % 360
    w, h = page.get_width(), page.get_height()      # as rendered: the unrotated page once turned back
    if rotation in (90, 270):
        w, h = h, w
    x0, y0 = max(0.0, box.x0), max(0.0, box.y0)
    x1, y1 = min(w, box.x1), min(h, box.y1)
    # whole pixels cut from each side, never into the box (PDFium rounds a crop up to whole pixels:
    # a hair under each count keeps its rounding from adding one)
    cut = [max(0, math.floor(v * scale)) for v in (x0, h - y1, w - x1, y0)]
    bitmap = page.render(scale=scale, rotation=rotation, crop=tuple(max(0.0, (n - 1e-6) / scale) for n in cut),
                         **flags)
    s = 1.0 / scale
    return Raster(pixels=_rgb(bitmap), to_points=(s, 0.0, 0.0, s, cut[0] * s, cut[3] * s), dpi=dpi)


def _rgb(bitmap: Any) -> Any:
    import numpy as np

    pixels = bitmap.to_numpy()
    if pixels.ndim == 2:
        pixels = np.stack([pixels] * 3, axis=-1)
    elif pixels.shape[2] == 4:
        pixels = pixels[:, :, :3]
    mode = bitmap.mode if hasattr(bitmap, "mode") else "BGR"
    if str(mode).upper().startswith("BGR"):
        pixels = pixels[:, :, ::-1]
    return pixels.copy()


def render(pdf: Any, number: int, dpi: float) -> Raster:
    """Page ``number`` (1-based) as an RGB Raster, unrotated, with annotations and form fields drawn."""
    page = pdf[number - 1]
    try:
        return render_page(page, dpi)
    finally:
        page.close()


FRAME_SLACK_PT = 1.0     # a rendering's size may differ from the frame's by its rounding to whole pixels and this


def frame_mismatch(page: PdfiumPage, raster: Raster) -> float:
    """How far (points) the rendering of ``page`` is from the size of the frame its boxes are measured in
    (``page_frame``), past a pixel's rounding and ``FRAME_SLACK_PT``; 0.0 when they agree.  The proof that a
    box this module gives and the pixels at that box are the same place of the page."""
    h_px, w_px = raster.pixels.shape[:2]
    px = 72.0 / raster.dpi
    off = max(abs(w_px * px - page.width), abs(h_px * px - page.height)) - px     # both unrotated
    return round(off, 2) if off > FRAME_SLACK_PT else 0.0


def render_page(page: Any, dpi: float) -> Raster:
    """``render`` of a page the caller holds open: PDFium keeps the images it decoded with the page object, so
    a later ``render_region`` of the same object does not decode a scan again (~0.08 s a page)."""
    bitmap = page.render(scale=dpi / 72.0, rotation=(360 - page.get_rotation()) % 360, draw_annots=True,
                         may_draw_forms=True)
    s = 72.0 / dpi
    return Raster(pixels=_rgb(bitmap), to_points=(s, 0.0, 0.0, s, 0.0, 0.0), dpi=dpi)

