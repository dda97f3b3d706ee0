"""Independent readers of a PDF, for scoring redaction outputs against ground truth.

Nothing here trusts the redactor's own page model or verification: every file is
opened fresh with PyMuPDF and read the way a stranger would read it.

* **text layer**: ``page.get_text("rawdict")`` characters with their boxes
  (visible and invisible text alike), in unrotated page space;
* **metadata**: the document information dictionary, XMP, annotation and form
  field contents, outline titles and embedded-file names (anything a viewer
  shows outside the page);
* **OCR** of the rendered page, with RapidOCR (``RapidOcrEngine``, one instance per
  process, at the pipeline's OCR resolution) — results are cached by pixel hash,
  so an unchanged page is recognised once;
* **pixels** of the rendered page, for region checks: fraction of a box painted in
  the redaction fill colour, the pixel standard deviation inside it, QR/barcode
  decoding with zxing-cpp and Haar face detection with OpenCV.

All boxes are ``[x0, y0, x1, y1]`` in PDF points, top-left origin, unrotated page
space (the convention of the ground truth and of the audit).
"""

from __future__ import annotations

import hashlib
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

import numpy as np
import pymupdf

from redactor.normalize import compact, digits_only, normalize_phone

Box = Sequence[float]

# Characters whose centre lies within the truth box grown by this many points count.
TEXT_MARGIN_PT = 3.0
# OCR character boxes are less exact: grow by a few points plus a share of the box height
# sideways, but only a little vertically (the next line of small print is close).
OCR_MARGIN_X = (3.0, 0.3)
OCR_MARGIN_Y = (1.0, 0.15)
DEFAULT_OCR_DPI = 200.0
PIXEL_DPI = 100.0
# A pixel is "fill" when every channel is within this of the redaction fill colour.
FILL_TOLERANCE = 40


# --- per-process singletons --------------------------------------------------------------------

_ENGINE: Any = None
_FACE: Any = None
OCR_STATS = {"calls": 0, "seconds": 0.0, "cpu": 0.0, "cache_hits": 0}


def ocr_engine() -> Any:
    """The process's RapidOCR engine (loaded once)."""
    global _ENGINE
    if _ENGINE is None:
        from redactor.config import load_config
        from redactor.ingest.ocr.rapidocr_engine import RapidOcrEngine

        _ENGINE = RapidOcrEngine(load_config().ocr)
    return _ENGINE


def face_detector() -> Any:
    global _FACE
    if _FACE is None:
        import cv2

        _FACE = cv2.CascadeClassifier(str(Path(cv2.data.haarcascades) / "haarcascade_frontalface_default.xml"))
    return _FACE


_OCR_CACHE: dict[str, list[tuple[str, tuple[tuple[float, float, float, float], ...]]]] = {}
_OCR_CACHE_MAX = 64
# Optional on-disk cache (``--rescore`` reads it; a normal run only writes it, so that
# its raw-OCR timings are real).
_DISK: dict[str, Any] = {"dir": None, "read": False}


def configure_ocr_cache(directory: str | Path | None, read: bool = False) -> None:
    _DISK["dir"] = Path(directory) if directory else None
    _DISK["read"] = read
    if _DISK["dir"] is not None:
        _DISK["dir"].mkdir(parents=True, exist_ok=True)


def _disk_path(key: str) -> Path | None:
    if _DISK["dir"] is None:
        return None
    return _DISK["dir"] / (hashlib.sha1(key.encode()).hexdigest() + ".json")


# --- value keys ------------------------------------------------------------------------------------

# The dot of a name written in words (阿拉坦·巴根) as forms type it and OCR reads it: not part of the
# key, so that 阿拉坦•巴根 on a form, 阿拉坦.巴根 from OCR and the profile's 阿拉坦·巴根 compare equal
# (``compact`` already drops ``.``, ``．`` and spaces).
# 。 and the commas: OCR reads the small dot so (seed 113's 特木尔。孟和; 特木尔，孟和 in a bio).  Stricter than
# the redactor, which takes a comma for the dot only before a birth year: the scorer would rather see a
# list of two people as the name than miss the name (rescoring seeds 113, 127, 131 found no such list)
NAME_DOTS = dict.fromkeys(map(ord, "·•・‧∙･。，、,"))


def value_key(category: str, text: str, form: str = "") -> str:
    """The comparison key of a value: digits only for IDs and phones, else ``compact``
    (after NFKC, so that a CJK compatibility ideograph or Kangxi radical in a text layer
    reads as the character it shows)."""
    text = unicodedata.normalize("NFKC", text)
    if category == "id_number":
        return digits_only(text)
    if category == "phone":
        d = normalize_phone(text)
        return d if len(d) >= 5 else digits_only(text)
    if category == "name":
        text = text.translate(NAME_DOTS)
    return compact(text)


def text_key(category: str, text: str) -> str:
    """The same normalisation applied to extracted text."""
    text = unicodedata.normalize("NFKC", text)
    if category in ("id_number", "phone"):
        return digits_only(text)
    if category == "name":
        text = text.translate(NAME_DOTS)
    return compact(text)


# --- geometry helpers ----------------------------------------------------------------------------

def grow(b: Box, dx: float, dy: float | None = None) -> tuple[float, float, float, float]:
    dy = dx if dy is None else dy
    return (b[0] - dx, b[1] - dy, b[2] + dx, b[3] + dy)


def centre_in(c: Box, b: Box) -> bool:
    x, y = (c[0] + c[2]) / 2, (c[1] + c[3]) / 2
    return b[0] <= x <= b[2] and b[1] <= y <= b[3]


def area(b: Box) -> float:
    return max(0.0, b[2] - b[0]) * max(0.0, b[3] - b[1])


def intersection(a: Box, b: Box) -> float:
    return area((max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3])))


def covered_fraction(target: Box, boxes: Sequence[Box], step: float = 0.5) -> float:
    """Share of ``target`` covered by the union of ``boxes`` (grid sampling, ``step`` points)."""
    if area(target) <= 0 or not boxes:
        return 0.0
    rel = [b for b in boxes if intersection(target, b) > 0]
    if not rel:
        return 0.0
    x0, y0, x1, y1 = target
    nx = max(1, int(np.ceil((x1 - x0) / step)))
    ny = max(1, int(np.ceil((y1 - y0) / step)))
    xs = x0 + (np.arange(nx) + 0.5) * (x1 - x0) / nx
    ys = y0 + (np.arange(ny) + 0.5) * (y1 - y0) / ny
    mask = np.zeros((ny, nx), dtype=bool)
    for b in rel:
        cx = (xs >= b[0]) & (xs <= b[2])
        cy = (ys >= b[1]) & (ys <= b[3])
        mask |= cy[:, None] & cx[None, :]
    return float(mask.mean())


# --- readouts --------------------------------------------------------------------------------------

@dataclass
class PageReadout:
    number: int                                     # 1-based
    width: float                                    # unrotated
    height: float
    chars: list[tuple[str, tuple[float, float, float, float]]]
    _doc: "PdfReadout" = field(repr=False, default=None)  # type: ignore[assignment]
    _ocr: list[tuple[str, tuple[tuple[float, float, float, float], ...]]] | None = field(default=None, repr=False)
    _pixels: dict[float, tuple[np.ndarray, np.ndarray]] = field(default_factory=dict, repr=False)

    # text layer ---------------------------------------------------------------------------------
    def text_near(self, bbox: Box, margin: float = TEXT_MARGIN_PT, sideways: float = 0.0) -> str:
        """Text-layer characters whose centre lies in ``bbox`` grown by ``margin`` (and by
        ``sideways`` times the box's width left and right)."""
        g = grow(bbox, margin)
        if sideways:
            dx = sideways * (bbox[2] - bbox[0])
            g = (g[0] - dx, g[1], g[2] + dx, g[3])
        return "".join(c for c, b in self.chars if centre_in(b, g))

    # OCR ------------------------------------------------------------------------------------------
    def ocr(self) -> list[tuple[str, tuple[tuple[float, float, float, float], ...]]]:
        """OCR lines as (text, per-character boxes), cached by the rendering's pixel hash."""
        if self._ocr is None:
            pixels, raster = self._doc.render_raster(self.number, self._doc.ocr_dpi)
            key = hashlib.sha1(pixels.tobytes()).hexdigest() + f":{pixels.shape}:{raster.to_points}"
            hit = _OCR_CACHE.get(key)
            disk = _disk_path(key)
            if hit is None and disk is not None and _DISK["read"] and disk.is_file():
                import json

                hit = [(t, tuple(tuple(b) for b in bs)) for t, bs in json.loads(disk.read_text(encoding="utf-8"))]
            if hit is not None:
                OCR_STATS["cache_hits"] += 1
                self._ocr = hit
            else:
                t, c = time.perf_counter(), time.process_time()
                lines = ocr_engine().recognize(raster)
                self._doc.ocr_seconds += time.perf_counter() - t
                OCR_STATS["calls"] += 1
                OCR_STATS["seconds"] += time.perf_counter() - t
                OCR_STATS["cpu"] += time.process_time() - c
                out = [(ln.text, tuple(tuple(b.as_tuple()) for b in ln.char_boxes)) for ln in lines]
                if len(_OCR_CACHE) >= _OCR_CACHE_MAX:
                    _OCR_CACHE.pop(next(iter(_OCR_CACHE)))
                _OCR_CACHE[key] = out
                if disk is not None:
                    import json

                    disk.write_text(json.dumps(out, ensure_ascii=False), encoding="utf-8")
                self._ocr = out
        return self._ocr

    def ocr_near(self, bbox: Box) -> str:
        h = bbox[3] - bbox[1]
        g = grow(bbox, OCR_MARGIN_X[0] + OCR_MARGIN_X[1] * h, OCR_MARGIN_Y[0] + OCR_MARGIN_Y[1] * h)
        parts = []
        for text, boxes in self.ocr():
            s = "".join(ch for ch, b in zip(text, boxes) if centre_in(b, g))
            if s:
                parts.append(s)
        return "\n".join(parts)

    # pixels ---------------------------------------------------------------------------------------
    def crop(self, bbox: Box, dpi: float = PIXEL_DPI, pad_pt: float = 0.0) -> np.ndarray:
        """The pixels of ``bbox`` (page points) in a rendering at ``dpi`` (H x W x 3 RGB)."""
        pixels, raster = self._doc.render_raster(self.number, dpi)
        inv = _inverse(raster.to_points)
        b = grow(bbox, pad_pt)
        us, vs = [], []
        for x, y in ((b[0], b[1]), (b[2], b[1]), (b[0], b[3]), (b[2], b[3])):
            u, v = _apply(inv, x, y)
            us.append(u)
            vs.append(v)
        h, w = pixels.shape[:2]
        u0, u1 = int(np.clip(np.floor(min(us)), 0, w)), int(np.clip(np.ceil(max(us)), 0, w))
        v0, v1 = int(np.clip(np.floor(min(vs)), 0, h)), int(np.clip(np.ceil(max(vs)), 0, h))
        return pixels[v0:v1, u0:u1]

    def fill_mask(self, bbox: Box, fill: Sequence[int] = (0, 0, 0), dpi: float = PIXEL_DPI) -> np.ndarray:
        """Pixels of the box painted solidly in the fill colour (a 3x3 opening drops thin strokes of text)."""
        import cv2

        c = self.crop(bbox, dpi)
        if c.size == 0:
            return np.zeros((0, 0), dtype=bool)
        d = np.abs(c.astype(np.int16) - np.array(fill, dtype=np.int16)[None, None, :]).max(axis=2)
        m = (d <= FILL_TOLERANCE).astype(np.uint8)
        m = cv2.morphologyEx(m, cv2.MORPH_OPEN, np.ones((3, 3), np.uint8), borderType=cv2.BORDER_REPLICATE)
        return m.astype(bool)

    def fill_fraction(self, bbox: Box, fill: Sequence[int] = (0, 0, 0), dpi: float = PIXEL_DPI) -> float:
        """Share of the box's pixels painted solidly in the redaction fill colour."""
        m = self.fill_mask(bbox, fill, dpi)
        return float(m.mean()) if m.size else 0.0

    def pixel_std(self, bbox: Box, dpi: float = PIXEL_DPI) -> float:
        c = self.crop(bbox, dpi)
        return float(c.astype(np.float32).std()) if c.size else 0.0

    def decode_codes(self, bbox: Box, dpi: float = 200.0) -> list[str]:
        """zxing-cpp inside the box (padded by a quiet zone)."""
        import zxingcpp

        c = self.crop(bbox, dpi, pad_pt=6.0)
        if c.size == 0 or min(c.shape[:2]) < 12:
            return []
        try:
            res = zxingcpp.read_barcodes(np.ascontiguousarray(c))
        except Exception:
            return []
        return [r.text for r in res if r.text]

    def faces(self, bbox: Box, dpi: float = 150.0) -> int:
        """Haar frontal faces found inside the box."""
        import cv2

        c = self.crop(bbox, dpi, pad_pt=4.0)
        if c.size == 0 or min(c.shape[:2]) < 24:
            return 0
        g = cv2.cvtColor(np.ascontiguousarray(c), cv2.COLOR_RGB2GRAY)
        g = cv2.equalizeHist(g)
        m = max(20, int(min(g.shape[:2]) * 0.25))
        found = face_detector().detectMultiScale(g, scaleFactor=1.1, minNeighbors=4, minSize=(m, m))
        return int(len(found))


class PdfReadout:
    """A fresh, independent reading of one PDF (kept open until ``close``)."""

    def __init__(self, path: str | Path, ocr_dpi: float = DEFAULT_OCR_DPI) -> None:
        self.path = str(path)
        self.ocr_dpi = ocr_dpi
        self.ocr_seconds = 0.0
        self.doc = pymupdf.open(self.path)
        self.pages: list[PageReadout] = []
        for p in self.doc:
            box = p.cropbox
            chars = [(ch["c"], tuple(ch["bbox"]))
                     for b in p.get_text("rawdict")["blocks"] for ln in b.get("lines", [])
                     for sp in ln["spans"] for ch in sp["chars"] if ch["c"].strip()]
            self.pages.append(PageReadout(p.number + 1, box.width, box.height, chars, self))
        self.metadata_text = _metadata_text(self.doc)
        self._rasters: dict[tuple[int, float], tuple[np.ndarray, Any]] = {}

    def page(self, number: int) -> PageReadout | None:
        return self.pages[number - 1] if 1 <= number <= len(self.pages) else None

    def render_raster(self, number: int, dpi: float) -> tuple[np.ndarray, Any]:
        key = (number, float(dpi))
        if key not in self._rasters:
            from redactor.ingest.images import render_page

            r = render_page(self.doc[number - 1], dpi)
            if len(self._rasters) > 6:
                self._rasters.pop(next(iter(self._rasters)))
            self._rasters[key] = (r.pixels, r)
        return self._rasters[key]

    def in_metadata(self, category: str, text: str) -> bool:
        key = value_key(category, text)
        if len(key) < 2:
            return False
        if category in ("id_number", "phone"):
            return any(key in digits_only(part) for part in self.metadata_text.split("\x00"))
        return key in text_key(category, self.metadata_text)

    def close(self) -> None:
        self._rasters.clear()
        self.doc.close()

    def __enter__(self) -> PdfReadout:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _metadata_text(doc: pymupdf.Document) -> str:
    """Everything shown outside the page content, joined with NUL separators."""
    parts: list[str] = []
    for v in (doc.metadata or {}).values():
        if isinstance(v, str) and v:
            parts.append(v)
    try:
        parts.append(doc.get_xml_metadata() or "")
    except Exception:
        pass
    try:
        for item in doc.get_toc(simple=True):
            parts.append(str(item[1]))
    except Exception:
        pass
    try:
        for i in range(doc.embfile_count()):
            info = doc.embfile_info(i)
            parts += [str(info.get("name", "")), str(info.get("filename", "")), str(info.get("desc", ""))]
    except Exception:
        pass
    for page in doc:
        try:
            for a in page.annots():
                info = a.info or {}
                parts += [str(info.get("content", "")), str(info.get("title", "")), str(info.get("subject", ""))]
            for w in page.widgets():
                parts += [str(w.field_value or ""), str(w.field_name or "")]
        except Exception:
            continue
    return "\x00".join(p for p in parts if p)


def _inverse(m: Sequence[float]) -> tuple[float, float, float, float, float, float]:
    """Inverse of the affine (a, b, c, d, e, f): x = a*u + c*v + e, y = b*u + d*v + f."""
    a, b, c, d, e, f = m
    det = a * d - b * c
    ia, ib, ic, id_ = d / det, -b / det, -c / det, a / det
    ie = -(ia * e + ic * f)
    if_ = -(ib * e + id_ * f)
    return (ia, ib, ic, id_, ie, if_)


def _apply(m: Sequence[float], x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = m
    return a * x + c * y + e, b * x + d * y + f


def newly_filled(after: np.ndarray, before: np.ndarray | None) -> float:
    """Share of the box's pixels that were not fill-coloured before and are now.

    A QR code or a bold title is partly black already; only what the redaction
    painted counts.  Without a matching ``before`` mask, the plain fill share.
    """
    if after.size == 0:
        return 0.0
    if before is None or before.shape != after.shape:
        return float(after.mean())
    free = ~before
    if free.mean() < 0.05:          # the box was (almost) solid fill colour already
        return float(after.mean())
    return float((after & free).sum() / free.sum())


INK_BELOW = 200          # a pixel whose darkest channel is under this is ink, not paper
PAPER_FROM = 230         # ... whose darkest channel is at least this is paper
CHANGED_BY = 40          # levels in some channel: a pixel the redaction changed (JPEG re-encoding stays under it)
COLOURED_BY = 60         # spread between channels: stamp-pad or pen colour, not print's black or grey


def newly_blank(after: np.ndarray, before: np.ndarray | None, fill: Sequence[int] | None = (0, 0, 0)) -> float:
    """Share of a mark's ink that the output shows as paper or as a box: a seal or signature picture removed
    whole, with no box painted where print the plan keeps lies under it (``redact.spare_print_under_marks``),
    and the box of a removed value crossing it (the employer's printed name across the stamp).  The mark's ink
    is the input's ink that changed, and coloured ink that did not (a stamp left in place); print kept under the
    mark is ink that did not change and is not coloured.  ``fill`` None: paper alone counts.  0 when nothing
    changed."""
    if before is None or after.size == 0 or before.shape != after.shape:
        return 0.0
    a, b = after.astype(np.int16), before.astype(np.int16)
    ink_in = b.min(axis=2) < INK_BELOW
    changed = np.abs(a - b).max(axis=2) > CHANGED_BY
    coloured = (b.max(axis=2) - b.min(axis=2)) > COLOURED_BY
    mark = ink_in & (changed | coloured)
    n = int(mark.sum())
    gone = changed & (a.min(axis=2) >= PAPER_FROM)
    if fill is not None:
        gone |= changed & (np.abs(a - np.array(fill, dtype=np.int16)[None, None, :]).max(axis=2) <= FILL_TOLERANCE)
    return float((mark & gone).sum() / n) if n else 0.0


def image_as_pdf(path: str | Path, out_pdf: str | Path) -> str:
    """An image input as the PDF the pipeline works on (page size from the image's DPI)."""
    from redactor.config import load_config
    from redactor.ingest.images import image_to_pdf

    cfg = load_config()
    image_to_pdf(str(path), str(out_pdf), cfg.ingest.image_dpi_fallback, cfg.ingest.max_image_pixels)
    return str(out_pdf)


def rss_mb() -> float:
    """Current resident set size of this process in MiB."""
    try:
        for row in Path("/proc/self/status").read_text().splitlines():
            if row.startswith("VmRSS:"):
                return int(row.split()[1]) / 1024.0
    except OSError:
        pass
    return 0.0


def reset_peak_rss() -> bool:
    """Reset this process's peak RSS (Linux: ``5`` > /proc/self/clear_refs); False where unsupported."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


def peak_rss_mb() -> float:
    """Peak resident set size of this process in MiB (VmHWM; ru_maxrss as a fallback)."""
    try:
        for row in Path("/proc/self/status").read_text().splitlines():
            if row.startswith("VmHWM:"):
                return int(row.split()[1]) / 1024.0
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
