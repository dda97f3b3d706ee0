"""Image inputs -> working PDF, and PDF pages -> rasters.

``image_to_pdf`` turns a png/jpg/tif(f) into a PDF with one page per image
frame (multi-page TIFF gives several pages).  EXIF orientation is applied, so
the page shows the image the way a viewer does; EXIF, XMP, IPTC, ICC and
comments are not carried over.  The page size comes from the image's own DPI
when it has a plausible one, else from the configured fallback, so a 300-DPI A4
scan becomes an A4 page.

``render_page`` renders a page to RGB pixels with the affine transform from
pixels to the page space used by text extraction and redaction (the
*unrotated* page, top-left origin).  PyMuPDF renders the page as displayed,
i.e. rotated by ``/Rotate``; ``page.derotation_matrix`` undoes that.
"""

from __future__ import annotations

import contextlib
import io
import logging
import warnings
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import pymupdf

from redactor.errors import InputFileError
from redactor.model import BBox, ImagePlacement, Raster

log = logging.getLogger(__name__)

# A declared DPI is believed when it lies in this range and the page it implies
# is no longer than this (A3 is 16.5 in): phones and screenshots often declare
# 72 or 96 DPI for pixels that were never measured.
DPI_RANGE = (50.0, 2400.0)
MAX_PLAUSIBLE_SIDE_IN = 17.0
MAX_PAGE_SIDE_PT = 14400.0           # the PDF format's own limit (200 in)
MAX_FRAMES = 2000
# zlib effort for the working copy's pixels (MuPDF's 0..100; 0 is its default): a 200-DPI grey page is
# compressed in ~0.12 CPU-s instead of ~0.6, ~3 % larger; lossless either way
WORKING_COPY_COMPRESSION_EFFORT = 50

# JPEG markers kept when a JPEG is embedded as it is: everything that is not
# an application segment or a comment, plus APP0 (JFIF) and APP14 (Adobe,
# needed to decode CMYK/YCCK correctly).  APP1 (EXIF, XMP), APP2 (ICC, FlashPix),
# APP13 (IPTC/Photoshop), other APPn and COM are dropped.
_KEEP_APP = {0xE0, 0xEE}


def image_to_pdf(path: str, out_pdf: str, dpi_fallback: float, max_pixels: int) -> int:
    """Write ``out_pdf`` with one page per frame of the image at ``path``; return the page count."""
    try:
        from PIL import Image, ImageOps
    except ImportError as exc:  # pragma: no cover - pillow is a hard dependency
        raise InputFileError("Pillow is not installed; run `pip install -e .`", path=path) from exc

    doc = pymupdf.open()
    pages = 0
    try:
        with _pil_limit(max_pixels), _open_image(path, max_pixels) as im:
            n_frames = int(getattr(im, "n_frames", 1) or 1)
            if im.format == "MPO":       # phone JPEGs: the extra frames are previews/depth maps
                n_frames = 1
            if n_frames > MAX_FRAMES:
                raise InputFileError(f"image has {n_frames} frames, more than {MAX_FRAMES}; split it", path=path)
            for index in range(n_frames):
                where = f" (frame {index + 1} of {n_frames})" if n_frames > 1 else ""
                try:
                    im.seek(index)
                except EOFError as exc:
                    raise InputFileError(f"image is truncated: frame {index + 1} of {n_frames} is missing", path=path) from exc
                w, h = im.size
                _check_size(path, w, h, max_pixels, where)
                try:
                    im.load()
                except Exception as exc:
                    raise InputFileError(f"image data is truncated or corrupt{where} ({_short(exc)})", path=path) from exc
                dpi = _dpi(im.info, dpi_fallback, (w, h))
                data, w, h = _frame_source(im, Image, ImageOps, path, where)
                if w != im.size[0] or h != im.size[1]:
                    dpi = (dpi[1], dpi[0])      # the orientation turned the frame a quarter
                w_pt, h_pt = w / dpi[0] * 72.0, h / dpi[1] * 72.0
                if max(w_pt, h_pt) > MAX_PAGE_SIDE_PT:
                    f = MAX_PAGE_SIDE_PT / max(w_pt, h_pt)
                    w_pt, h_pt = w_pt * f, h_pt * f
                w_pt, h_pt = max(w_pt, 1.0), max(h_pt, 1.0)
                page = doc.new_page(width=w_pt, height=h_pt)
                try:
                    source = {"pixmap": data} if isinstance(data, pymupdf.Pixmap) else {"stream": data}
                    page.insert_image(page.rect, keep_proportion=False, **source)
                except Exception as exc:
                    raise InputFileError(f"image data cannot be embedded{where} ({_short(exc)})", path=path) from exc
                pages += 1
        if pages == 0:
            raise InputFileError("image has no frames", path=path)
        doc.set_metadata({})
        with contextlib.suppress(Exception):
            doc.del_xml_metadata()
        Path(out_pdf).parent.mkdir(parents=True, exist_ok=True)
        doc.save(out_pdf, garbage=3, deflate=True, compression_effort=WORKING_COPY_COMPRESSION_EFFORT)
    finally:
        doc.close()
    return pages


def render_page(page: pymupdf.Page, dpi: float, *, max_pixels: int = 80_000_000) -> Raster:
    """Render ``page`` to an H x W x 3 uint8 RGB array at ``dpi``.

    ``Raster.to_points`` maps pixel (u, v) to the unrotated page space of
    ``page.get_text()`` and redaction annotations, whatever ``page.rotation``.
    Pages so large that the rendering would exceed ``max_pixels`` are rendered
    at a lower DPI (``Raster.dpi`` says which).
    """
    rect = page.rect
    area_in = max(rect.width, 1.0) * max(rect.height, 1.0) / (72.0 * 72.0)
    if area_in * dpi * dpi > max_pixels:
        new_dpi = float((max_pixels / area_in) ** 0.5)
        log.warning("page %d rendered at %.0f DPI instead of %.0f (too large)", page.number + 1, new_dpi, dpi)
        dpi = new_dpi
    s = dpi / 72.0
    pix = page.get_pixmap(matrix=pymupdf.Matrix(s, s), colorspace=pymupdf.csRGB, alpha=False)
    buf = np.frombuffer(pix.samples_mv, dtype=np.uint8)
    arr = buf.reshape(pix.height, pix.stride)[:, : pix.width * pix.n].reshape(pix.height, pix.width, pix.n)
    pixels = np.array(arr[:, :, :3], dtype=np.uint8, order="C", copy=True)   # the pixmap's memory goes with it
    # pixel -> rotated (displayed) page point -> unrotated page point
    m = pymupdf.Matrix(1.0 / s, 0, 0, 1.0 / s, pix.x / s, pix.y / s) * page.derotation_matrix
    return Raster(pixels=pixels, to_points=(m.a, m.b, m.c, m.d, m.e, m.f), dpi=dpi)


def resample(raster: Raster, dpi: float) -> Raster:
    """The same rendering at a lower ``dpi`` (area averaging): rendering the page
    a second time costs a full decode of its scan."""
    import cv2

    h, w = raster.pixels.shape[:2]
    nw, nh = max(1, round(w * dpi / raster.dpi)), max(1, round(h * dpi / raster.dpi))
    pixels = cv2.resize(raster.pixels, (nw, nh), interpolation=cv2.INTER_AREA)
    fx, fy = nw / w, nh / h
    a, b, c, d, e, f = raster.to_points
    return Raster(pixels=pixels, to_points=(a / fx, b / fx, c / fy, d / fy, e, f), dpi=dpi)


def transparent_pictures(page: pymupdf.Page, images: tuple[ImagePlacement, ...], dpi: float,
                         sides_pt: tuple[float, float], most: int) -> tuple[ImagePlacement, ...]:
    """``images`` with ``own`` set on each picture that has its own transparency (an /SMask: an electronic
    seal or signature placed over the page) and whose shorter and longer sides lie within ``sides_pt``: the
    picture alone, on white, at ``dpi``, mapped to the page's points.  On a certificate's patterned ground
    the page's rendering mixes the stamp's ink with the pattern; the picture alone shows the stamp as it
    was made.  Placed upright and unflipped only (else, and beyond ``most`` a page, as it was)."""
    doc = page.parent
    wanted = [k for k, im in enumerate(images)
              if im.xref and sides_pt[0] <= min(im.bbox.width, im.bbox.height)
              and max(im.bbox.width, im.bbox.height) <= sides_pt[1]
              and doc.xref_get_key(im.xref, "SMask")[0] == "xref"][:max(0, most)]
    if not wanted or page.rotation:
        return images
    upright = {info["xref"]: info for info in page.get_image_info(xrefs=True)
               if abs(info["transform"][1]) < 1e-6 and abs(info["transform"][2]) < 1e-6
               and info["transform"][0] > 0 and info["transform"][3] > 0}
    out = list(images)
    for k in wanted:
        im = images[k]
        info = upright.get(im.xref)
        if info is None:
            continue
        try:
            pixels = _on_white(doc, im.xref, im.bbox, dpi)
        except (RuntimeError, ValueError) as exc:      # an image MuPDF cannot decode alone: left as it is
            log.debug("picture xref %d not rendered alone (%s)", im.xref, _short(exc))
            continue
        h, w = pixels.shape[:2]
        out[k] = replace(im, own=Raster(pixels=pixels, to_points=(im.bbox.width / w, 0.0, 0.0, im.bbox.height / h,
                                                                  im.bbox.x0, im.bbox.y0), dpi=dpi))
    return tuple(out)


def _on_white(doc: pymupdf.Document, xref: int, box: BBox, dpi: float) -> np.ndarray:
    """The image ``xref`` through its soft mask over white paper, resized to ``box`` at ``dpi``: RGB uint8."""
    import cv2

    base = pymupdf.Pixmap(doc, xref)
    if base.alpha:
        base = pymupdf.Pixmap(base, 0)
    if base.colorspace is None or base.colorspace.n != 3:
        base = pymupdf.Pixmap(pymupdf.csRGB, base)
    rgb = np.frombuffer(base.samples, np.uint8).reshape(base.height, base.width, 3).astype(np.float32)
    mask = pymupdf.Pixmap(doc, int(doc.xref_get_key(xref, "SMask")[1].split()[0]))
    if mask.n != 1:
        mask = pymupdf.Pixmap(pymupdf.csGRAY, mask)
    alpha = np.frombuffer(mask.samples, np.uint8).reshape(mask.height, mask.width).astype(np.float32) / 255.0
    if alpha.shape != rgb.shape[:2]:
        alpha = cv2.resize(alpha, (rgb.shape[1], rgb.shape[0]), interpolation=cv2.INTER_LINEAR)
    out = rgb * alpha[:, :, None] + 255.0 * (1.0 - alpha[:, :, None])
    w, h = max(1, round(box.width * dpi / 72.0)), max(1, round(box.height * dpi / 72.0))
    out = cv2.resize(out, (w, h), interpolation=cv2.INTER_AREA if w < rgb.shape[1] else cv2.INTER_CUBIC)
    return np.ascontiguousarray(np.clip(out, 0, 255).astype(np.uint8))


# -- helpers ------------------------------------------------------------------------

@contextlib.contextmanager
def _pil_limit(max_pixels: int) -> Iterator[None]:
    """Let Pillow's decompression-bomb guard fire at our limit, not its own."""
    from PIL import Image

    old = Image.MAX_IMAGE_PIXELS
    Image.MAX_IMAGE_PIXELS = max_pixels
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            yield
    finally:
        Image.MAX_IMAGE_PIXELS = old


@contextlib.contextmanager
def _open_image(path: str, max_pixels: int) -> Iterator[Any]:
    from PIL import Image, UnidentifiedImageError

    try:
        im = Image.open(path)
    except FileNotFoundError as exc:
        raise InputFileError("file not found", path=path) from exc
    except Image.DecompressionBombError as exc:
        raise InputFileError(
            f"image is absurdly large ({_short(exc)}); the limit is ingest.max_image_pixels={max_pixels}",
            path=path,
        ) from exc
    except UnidentifiedImageError as exc:
        raise InputFileError("not a readable image (unknown format or corrupt header)", path=path) from exc
    except Exception as exc:
        raise InputFileError(f"image cannot be opened ({_short(exc)})", path=path) from exc
    try:
        yield im
    finally:
        im.close()


def _check_size(path: str, w: int, h: int, max_pixels: int, where: str) -> None:
    if w < 1 or h < 1:
        raise InputFileError(f"image has an empty size {w}x{h}{where}", path=path)
    if w * h > max_pixels:
        raise InputFileError(
            f"image is absurdly large: {w}x{h} = {w * h / 1e6:.0f} megapixels{where}, above "
            f"ingest.max_image_pixels={max_pixels / 1e6:.0f} megapixels",
            path=path,
        )


def _dpi(info: dict[str, Any], fallback: float, size: tuple[int, int]) -> tuple[float, float]:
    """The image's own DPI when present and plausible, else the fallback."""
    raw = info.get("dpi")
    try:
        dx, dy = (float(raw[0]), float(raw[1])) if raw else (0.0, 0.0)
    except (TypeError, ValueError, IndexError, ZeroDivisionError):
        dx = dy = 0.0
    lo, hi = DPI_RANGE
    if lo <= dx <= hi and lo <= dy <= hi and max(size[0] / dx, size[1] / dy) <= MAX_PLAUSIBLE_SIDE_IN:
        return dx, dy
    if raw:
        log.info("declared DPI %s ignored (implausible for %dx%d px); using %.0f", raw, size[0], size[1], fallback)
    return float(fallback), float(fallback)


def _frame_source(im: Any, Image: Any, ImageOps: Any, path: str, where: str) -> tuple[bytes | pymupdf.Pixmap, int, int]:
    """The current frame as PyMuPDF embeds it, metadata-free (a JPEG's own bytes, grey or RGB pixels, or a
    1-bit PNG), and its size after orientation."""
    orientation = _orientation(im)
    if im.format in ("JPEG", "MPO") and im.tell() == 0 and orientation in (0, 1) and im.mode in ("L", "RGB"):
        with contextlib.suppress(Exception):
            stripped = strip_jpeg_metadata(Path(path).read_bytes())
            return stripped, im.size[0], im.size[1]
    frame = im
    if orientation not in (0, 1):
        try:
            frame = ImageOps.exif_transpose(im)
        except Exception as exc:
            log.warning("EXIF orientation could not be applied (%s)", _short(exc))   # no file name in logs
            frame = im
    frame = _normalise_mode(frame, Image)
    if frame.mode in ("L", "RGB"):      # the pixels themselves: no PNG to encode here and decode again in MuPDF
        cs = pymupdf.csGRAY if frame.mode == "L" else pymupdf.csRGB
        return pymupdf.Pixmap(cs, frame.size[0], frame.size[1], frame.tobytes(), False), frame.size[0], frame.size[1]
    clean = Image.frombytes(frame.mode, frame.size, frame.tobytes())   # no info, no EXIF, no ICC
    out = io.BytesIO()
    try:
        clean.save(out, format="PNG", compress_level=3)
    except Exception as exc:
        raise InputFileError(f"image frame cannot be converted{where} ({_short(exc)})", path=path) from exc
    return out.getvalue(), clean.size[0], clean.size[1]


def _orientation(im: Any) -> int:
    try:
        return int(im.getexif().get(0x0112, 1) or 1)
    except (OSError, ValueError, TypeError, SyntaxError):   # Pillow's errors for a broken EXIF block: upright
        return 1


def _normalise_mode(im: Any, Image: Any) -> Any:
    """1-bit, 8-bit grey or 8-bit RGB; transparency composited on white."""
    mode = im.mode
    if mode in ("1", "L", "RGB"):
        return im
    if mode in ("I;16", "I;16L", "I;16B", "I;16N", "I", "F"):
        a = np.asarray(im, dtype=np.float64)
        hi = 65535.0 if mode.startswith("I;16") else max(float(a.max()), 1.0)
        if mode in ("I", "F") and float(a.max()) <= 255.0:
            hi = 255.0
        a = np.clip(a / hi * 255.0, 0, 255).astype(np.uint8)
        return Image.fromarray(a, mode="L")
    if mode == "P" and "transparency" in im.info:
        im = im.convert("RGBA")
        mode = "RGBA"
    if mode in ("RGBA", "LA", "PA", "RGBa", "La"):
        rgba = im.convert("RGBA")
        bg = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(bg, rgba).convert("RGB")
    if mode == "P":
        pal = im.convert("RGB")
        return pal
    return im.convert("RGB")          # CMYK, YCbCr, LAB, HSV ...


def strip_jpeg_metadata(data: bytes) -> bytes:
    """Drop EXIF/XMP/ICC/IPTC/comment segments from a JPEG without re-encoding it.

    Everything after the first EOI (e.g. the preview images of an MPO file,
    each with its own EXIF) is dropped too.
    """
    if data[:2] != b"\xff\xd8":
        raise ValueError("not a JPEG")
    out = bytearray(b"\xff\xd8")
    i, n = 2, len(data)
    while i < n:
        if data[i] != 0xFF:
            raise ValueError("bad JPEG marker")
        while i < n and data[i] == 0xFF:      # fill bytes
            i += 1
        if i >= n:
            raise ValueError("JPEG ends inside a marker")
        marker = data[i]
        i += 1
        if marker == 0xD9:                     # EOI
            out += b"\xff\xd9"
            return bytes(out)
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:
            out += bytes((0xFF, marker))
            continue
        if i + 2 > n:
            raise ValueError("JPEG ends inside a segment header")
        length = int.from_bytes(data[i:i + 2], "big")
        if length < 2 or i + length > n:
            raise ValueError("JPEG segment runs past the end of the file")
        segment = data[i:i + length]
        i += length
        if marker == 0xDA:                     # start of scan: copy entropy-coded data up to the next marker
            out += b"\xff\xda" + segment
            j = i
            while True:
                j = data.find(b"\xff", j)
                if j < 0 or j + 1 >= n:
                    raise ValueError("JPEG scan data is truncated")
                nxt = data[j + 1]
                if nxt == 0x00 or 0xD0 <= nxt <= 0xD7 or nxt == 0xFF:
                    j += 1 if nxt == 0xFF else 2
                    continue
                break
            out += data[i:j]
            i = j
            continue
        if (0xE0 <= marker <= 0xEF and marker not in _KEEP_APP) or marker == 0xFE:
            continue
        out += bytes((0xFF, marker)) + segment
    raise ValueError("JPEG has no end marker")


def _short(exc: BaseException) -> str:
    msg = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {msg[:160]}" if msg else type(exc).__name__
