"""Rendering paths: turn a born-digital PDF (plus its ground truth) into what
applicants really upload: scans, phone photos, scans with an OCR text layer,
digital pages with a pasted scan, and plain image files.

Ground truth follows the geometry: every page gets a 3x3 matrix mapping source
points to output coordinates; a box is transformed by its four corners and
replaced by the enclosing axis-aligned box, clipped to the output page.

Output coordinates:
* PDF outputs: PDF points, top-left origin, in the *unrotated* page space (the
  convention of ``redactor.model``); a page ``/Rotate`` attribute does not
  change them.
* image outputs: points at the DPI written into the file (``bbox``), plus the
  pixel box (``bbox_px``).

All randomness comes from the ``random.Random`` passed in; numpy generators are
seeded from it, so a seed gives byte-identical output.
"""

from __future__ import annotations

import copy
import io
import math
import random
from dataclasses import dataclass, field
from typing import Any, Callable, Sequence

import cv2
import numpy as np
import pymupdf
from PIL import Image

Mat = np.ndarray


@dataclass
class RenderedFile:
    suffix: str                    # appended to the document stem: ".scanned.pdf", ".phone_photo.p1.jpg", ...
    data: bytes
    media: str                     # pdf | png | jpg | tif
    path: str                      # the rendering path
    instances: list[dict[str, Any]]
    pages: list[dict[str, Any]]
    params: dict[str, Any] = field(default_factory=dict)


# --- geometry -----------------------------------------------------------------------------

def scale(sx: float, sy: float | None = None) -> Mat:
    return np.array([[sx, 0, 0], [0, sx if sy is None else sy, 0], [0, 0, 1]], dtype=np.float64)


def translate(dx: float, dy: float) -> Mat:
    return np.array([[1, 0, dx], [0, 1, dy], [0, 0, 1]], dtype=np.float64)


def affine3(m: np.ndarray) -> Mat:
    return np.vstack([np.asarray(m, dtype=np.float64), [0, 0, 1]])


def quarter_turn(k: int, w: float, h: float) -> Mat:
    """np.rot90(img, k) (counter-clockwise) as a matrix on continuous pixel coordinates."""
    k %= 4
    if k == 0:
        return np.eye(3)
    if k == 1:
        return np.array([[0, 1, 0], [-1, 0, w], [0, 0, 1]], dtype=np.float64)
    if k == 2:
        return np.array([[-1, 0, w], [0, -1, h], [0, 0, 1]], dtype=np.float64)
    return np.array([[0, -1, h], [1, 0, 0], [0, 0, 1]], dtype=np.float64)


def apply(H: Mat, x: float, y: float) -> tuple[float, float]:
    v = H @ np.array([x, y, 1.0])
    return float(v[0] / v[2]), float(v[1] / v[2])


def transform_bbox(bbox: Sequence[float], H: Mat, clip: tuple[float, float] | None = None) -> list[float] | None:
    x0, y0, x1, y1 = bbox
    pts = [apply(H, x, y) for x, y in ((x0, y0), (x1, y0), (x0, y1), (x1, y1))]
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    out = [min(xs), min(ys), max(xs), max(ys)]
    if clip is not None:
        w, h = clip
        out = [max(0.0, out[0]), max(0.0, out[1]), min(w, out[2]), min(h, out[3])]
        if out[2] <= out[0] or out[3] <= out[1]:
            return None
    return out


def transform_instances(instances: list[dict[str, Any]], page: int, H: Mat, clip: tuple[float, float],
                        out_page: int | None = None, extra: dict[str, Any] | None = None,
                        px: tuple[Mat, tuple[float, float]] | None = None) -> list[dict[str, Any]]:
    out = []
    for d in instances:
        if d["page"] != page:
            continue
        b = transform_bbox(d["bbox"], H, clip)
        if b is None:
            continue
        e = copy.deepcopy(d)
        e["bbox"] = [round(v, 2) for v in b]
        if out_page is not None:
            e["page"] = out_page
        if px is not None:
            bp = transform_bbox(d["bbox"], px[0], px[1])
            if bp is not None:
                e["bbox_px"] = [round(v, 1) for v in bp]
        if extra:
            e.update(extra)
        out.append(e)
    return out


# --- pixels -------------------------------------------------------------------------------

def raster(page: pymupdf.Page, dpi: float, clip: pymupdf.Rect | None = None) -> np.ndarray:
    pix = page.get_pixmap(dpi=dpi, clip=clip, alpha=False, colorspace=pymupdf.csRGB)
    return np.frombuffer(pix.samples, dtype=np.uint8).reshape(pix.height, pix.width, 3).copy()


def _np_rng(rng: random.Random) -> np.random.Generator:
    return np.random.default_rng(rng.randrange(2**63))


def rotate_small(arr: np.ndarray, angle: float, rng: random.Random, shift: float = 0.0,
                 fill: tuple[int, int, int] = (255, 255, 255)) -> tuple[np.ndarray, Mat]:
    h, w = arr.shape[:2]
    M = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    M[0, 2] += rng.uniform(-shift, shift)
    M[1, 2] += rng.uniform(-shift, shift)
    out = cv2.warpAffine(arr, M, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=fill)
    return out, affine3(M)


def degrade(arr: np.ndarray, rng: random.Random, *, noise: float = 5.0, blur: float = 0.5,
            paper: tuple[int, int, int] | None = None, gray: bool = False, speckles: int = 0) -> np.ndarray:
    g = _np_rng(rng)
    a = arr.astype(np.float32)
    if paper is None:
        paper = (rng.randint(238, 252), rng.randint(236, 250), rng.randint(226, 244))
    a = a * (np.array(paper, dtype=np.float32) / 255.0)
    a = (a - 128) * rng.uniform(0.9, 1.05) + 128 + rng.uniform(-6, 4)
    if blur > 0:
        a = cv2.GaussianBlur(a, (0, 0), blur)
    if noise > 0:
        a += g.normal(0, noise, a.shape).astype(np.float32)
    if speckles:
        h, w = a.shape[:2]
        ys, xs = g.integers(0, h, speckles), g.integers(0, w, speckles)
        a[ys, xs] = g.integers(0, 90, (speckles, 1))
    a = np.clip(a, 0, 255).astype(np.uint8)
    if gray:
        a = cv2.cvtColor(cv2.cvtColor(a, cv2.COLOR_RGB2GRAY), cv2.COLOR_GRAY2RGB)
    return a


def encode(arr: np.ndarray, fmt: str, quality: int = 80, dpi: float | None = None) -> bytes:
    im = Image.fromarray(arr)
    buf = io.BytesIO()
    kw: dict[str, Any] = {}
    if dpi:
        kw["dpi"] = (dpi, dpi)
    if fmt in ("jpg", "jpeg"):
        im.save(buf, "JPEG", quality=quality, **kw)
    elif fmt == "png":
        im.save(buf, "PNG", optimize=False, compress_level=6, **kw)
    else:
        raise ValueError(fmt)
    return buf.getvalue()


# --- paths ----------------------------------------------------------------------------------------

def _page_info(doc: pymupdf.Document, kind: str | dict[int, str]) -> list[dict[str, Any]]:
    out = []
    for p in doc:
        k = kind.get(p.number + 1, "born_digital") if isinstance(kind, dict) else kind
        box = p.cropbox          # unrotated, like the ground-truth boxes
        out.append({"page": p.number + 1, "width": round(box.width, 2), "height": round(box.height, 2),
                    "rotation": p.rotation, "kind": k})
    return out


def born_digital(pdf: bytes, instances: list[dict[str, Any]], rng: random.Random,
                 page_kinds: dict[int, str] | None = None) -> list[RenderedFile]:
    doc = pymupdf.open("pdf", pdf)
    pages = _page_info(doc, page_kinds or {})
    return [RenderedFile(".pdf", pdf, "pdf", "born_digital", copy.deepcopy(instances), pages, {})]


@dataclass
class _ScanPage:
    arr: np.ndarray
    H: Mat                   # source points -> output pixels
    s: float                 # output pixels per point


def _scan_pages(doc: pymupdf.Document, rng: random.Random, dpi: int, angle: float, quarter_turns: int,
                gray: bool, noise: float) -> list[_ScanPage]:
    out = []
    for page in doc:
        s = dpi / 72.0
        arr = raster(page, dpi)
        h, w = arr.shape[:2]
        H = scale(w / page.rect.width, h / page.rect.height)
        a = angle + rng.uniform(-0.3, 0.3)
        arr, M = rotate_small(arr, a, rng, shift=8 * s)
        H = M @ H
        if quarter_turns % 4:
            Q = quarter_turn(quarter_turns, w, h)
            arr = np.ascontiguousarray(np.rot90(arr, quarter_turns))
            H = Q @ H
        arr = degrade(arr, rng, noise=noise, blur=rng.uniform(0.3, 0.8), gray=gray, speckles=int(rng.uniform(0, 400)))
        out.append(_ScanPage(arr, H, s))
    return out


def _scan_params(rng: random.Random, dpi: int | None, angle: float | None, quarter_turns: int | None,
                 grayscale: bool | None, jpeg_quality: int | None) -> dict[str, Any]:
    return {
        "dpi": dpi or rng.choice([150, 200, 300]),
        "angle": round(angle if angle is not None else rng.uniform(-3.0, 3.0), 3),
        "quarter_turns": quarter_turns if quarter_turns is not None else (rng.choice([1, 2, 3]) if rng.random() < 0.2 else 0),
        "grayscale": grayscale if grayscale is not None else rng.random() < 0.2,
        "jpeg_quality": jpeg_quality or rng.randint(55, 85),
        "noise": round(rng.uniform(3, 9), 2),
    }


def scanned(pdf: bytes, instances: list[dict[str, Any]], rng: random.Random, dpi: int | None = None,
            angle: float | None = None, quarter_turns: int | None = None, page_rotation: int | str | None = None,
            grayscale: bool | None = None, jpeg_quality: int | None = None, _hidden: bool | str = False,
            _bitonal: tuple[str, int] | None = None) -> list[RenderedFile]:
    """Image-only PDF: rasterised, slightly rotated and shifted, noisy, JPEG-compressed (``_bitonal``: made
    1-bit instead, ``scanned_bw``).

    ``quarter_turns`` rotates the *content* counter-clockwise by 90° steps (a sheet scanned
    sideways); ``page_rotation`` sets the page's ``/Rotate`` (0/90/180/270, or ``"upright"``:
    the value that displays the turned content upright).  Truth stays in unrotated space.
    Unset parameters are drawn from ``rng``.
    """
    p = _scan_params(rng, dpi, angle, quarter_turns, grayscale, jpeg_quality)
    if page_rotation is None:
        page_rotation = rng.choice([0, "upright"]) if p["quarter_turns"] else 0
    if page_rotation == "upright":
        page_rotation = (90 * p["quarter_turns"]) % 360
    p["page_rotation"] = page_rotation
    src = pymupdf.open("pdf", pdf)
    pages = _scan_pages(src, rng, p["dpi"], p["angle"], p["quarter_turns"], p["grayscale"], p["noise"])
    out = pymupdf.open()
    truth: list[dict[str, Any]] = []
    kind = "scan_with_hidden_text" if _hidden else "scanned"
    for i, sp in enumerate(pages):
        h, w = sp.arr.shape[:2]
        sw, sh = src[i].rect.width, src[i].rect.height
        pw, ph = (sh, sw) if p["quarter_turns"] % 2 else (sw, sh)     # keep the page size exact
        page = out.new_page(width=pw, height=ph)
        stream = encode(sp.arr, "jpg", p["jpeg_quality"]) if _bitonal is None else encode_bitonal(sp.arr, *_bitonal)
        page.insert_image(page.rect, stream=stream, keep_proportion=False)
        Hp = scale(pw / w, ph / h) @ sp.H
        truth += transform_instances(instances, i + 1, Hp, (pw, ph))
        if _hidden == "ocrmypdf":
            _ocrmypdf_layer(src[i], page, Hp, rng)
        elif _hidden:
            _hidden_layer(src[i], page, Hp)
    for page in out:
        if page_rotation:
            page.set_rotation(page_rotation)
    info = _page_info(out, kind)
    if _hidden == "ocrmypdf":
        out.set_metadata({"producer": "GPL Ghostscript 10.0.0", "creator": "ocrmypdf 14.0.1 / Tesseract OCR-PDF 5.3.0"})
    data = out.tobytes(garbage=3, deflate=True, no_new_id=True)
    path = "scan_ocrmypdf" if _hidden == "ocrmypdf" else "scan_with_hidden_text" if _hidden else "scanned"
    if _bitonal is not None:
        path, p = "scanned_bw", {**p, "bitonal": _bitonal[0], "level": _bitonal[1]}
    return [RenderedFile(f".{path}.pdf", data, "pdf", path, truth, info, p)]


def scanned_bw(pdf: bytes, instances: list[dict[str, Any]], rng: random.Random, mode: str | None = None,
               level: int | None = None, **kw: Any) -> list[RenderedFile]:
    """A black-and-white scan (a copier's or a scanning app's 黑白 mode): ``scanned``, each page made 1 bit
    (CCITT G4) by a threshold at ``level`` grey or by Floyd-Steinberg dithering (``mode``).  A red seal
    turns black or vanishes with the threshold, a photo turns to blobs or dots, thin print erodes."""
    mode = mode or rng.choice(["threshold", "threshold", "dither"])
    level = level if level is not None else rng.randint(110, 160)
    kw.setdefault("dpi", rng.choice([150, 200, 200, 300]))
    kw.setdefault("grayscale", True)
    return scanned(pdf, instances, rng, _bitonal=(mode, level), **kw)


def encode_bitonal(arr: np.ndarray, mode: str, level: int) -> bytes:
    """A 1-bit CCITT G4 TIFF of ``arr``: grey thresholded at ``level``, or dithered."""
    grey = Image.fromarray(arr).convert("L")
    bw = grey.convert("1") if mode == "dither" else grey.point(lambda v: 255 if v >= level else 0).convert("1")
    buf = io.BytesIO()
    bw.save(buf, "TIFF", compression="group4")
    return buf.getvalue()


def _hidden_layer(src: pymupdf.Page, page: pymupdf.Page, H: Mat) -> None:
    """Invisible text (render mode 3) over the scan, each character where it is in the image.

    Characters are placed one by one (at the transformed origin, rotated with the scan and
    stretched to the transformed advance), so positions do not drift along long lines.
    """
    shape = page.new_shape()
    for block in src.get_text("rawdict")["blocks"]:
        for line in block.get("lines", []):
            for span in line["spans"]:
                size = span["size"]
                for ch in span["chars"]:
                    c = ch["c"]
                    if not c.strip():
                        continue
                    ox, oy = ch["origin"]
                    adv = ch["bbox"][2] - ch["bbox"][0]
                    ax, ay = apply(H, ox, oy)
                    bx, by = apply(H, ox + adv, oy)
                    L = math.hypot(bx - ax, by - ay)
                    latin = ord(c) < 0x2000
                    font = "helv" if latin else "china-s"
                    w0 = pymupdf.get_text_length(c, fontname=font, fontsize=size) if latin else size
                    if w0 <= 0 or L <= 0:
                        continue
                    theta = math.degrees(math.atan2(by - ay, bx - ax))
                    m = pymupdf.Matrix(L / w0, 0, 0, 1, 0, 0) * pymupdf.Matrix(-theta)
                    shape.insert_text((ax, ay), c, fontname=font, fontsize=size, render_mode=3,
                                      morph=(pymupdf.Point(ax, ay), m))
    shape.commit()


def _ocrmypdf_layer(src: pymupdf.Page, page: pymupdf.Page, H: Mat, rng: random.Random) -> None:
    """An OCRmyPDF / Tesseract-style invisible layer: one text object per *word* (a run without
    spaces), its font size taken from a jittered box height and stretched horizontally to a
    jittered box width, so boxes sit 0.5-2 pt off the ink and do not match glyph by glyph."""
    shape = page.new_shape()
    for block in src.get_text("rawdict")["blocks"]:
        for line in block.get("lines", []):
            dy = rng.uniform(-1.5, 1.5)
            for span in line["spans"]:
                words: list[list[dict[str, Any]]] = [[]]
                for ch in span["chars"]:
                    if ch["c"].strip():
                        words[-1].append(ch)
                    elif words[-1]:
                        words.append([])
                for w in words:
                    if not w:
                        continue
                    text = "".join(ch["c"] for ch in w)
                    ox, oy = w[0]["origin"]
                    ex = w[-1]["bbox"][2]
                    ax, ay = apply(H, ox + rng.uniform(-1.2, 1.2), oy + dy)
                    bx, by = apply(H, ex + rng.uniform(-1.5, 1.5), oy + dy)
                    L = math.hypot(bx - ax, by - ay)
                    size = span["size"] * rng.uniform(0.85, 1.12)
                    w0 = size * len(text)
                    if L <= 0 or w0 <= 0:
                        continue
                    theta = math.degrees(math.atan2(by - ay, bx - ax))
                    m = pymupdf.Matrix(L / w0, 0, 0, 1, 0, 0) * pymupdf.Matrix(-theta)
                    shape.insert_text((ax, ay), text, fontname="china-s", fontsize=size, render_mode=3,
                                      morph=(pymupdf.Point(ax, ay), m))
    shape.commit()


def scan_ocrmypdf(pdf: bytes, instances: list[dict[str, Any]], rng: random.Random, **kw: Any) -> list[RenderedFile]:
    """A scan with an OCRmyPDF-style invisible text layer (word boxes a little off, as Tesseract gives)."""
    kw.setdefault("quarter_turns", 0)
    return scanned(pdf, instances, rng, _hidden="ocrmypdf", **kw)


def scan_with_hidden_text(pdf: bytes, instances: list[dict[str, Any]], rng: random.Random, **kw: Any) -> list[RenderedFile]:
    """An image-only page plus an invisible (render mode 3) text layer at the right places, as OCR software writes."""
    kw.setdefault("quarter_turns", 0)
    return scanned(pdf, instances, rng, _hidden=True, **kw)


def phone_photo(pdf: bytes, instances: list[dict[str, Any]], rng: random.Random, fmt: str = "jpg",
                pages: Sequence[int] | None = None, dpi: int = 150, noise: float | None = None) -> list[RenderedFile]:
    """A phone photo of each page: perspective, uneven light, desk around the sheet; JPEG (or PNG).

    ``noise`` is the sensor noise sigma (default 3..7, drawn from ``rng``); keep it low for PNG.
    """
    src = pymupdf.open("pdf", pdf)
    files = []
    for page in src:
        pno = page.number + 1
        if pages is not None and pno not in pages:
            continue
        arr = raster(page, dpi)
        h, w = arr.shape[:2]
        H0 = scale(w / page.rect.width, h / page.rect.height)
        W, Hh = int(w * rng.uniform(1.12, 1.25)), int(h * rng.uniform(1.08, 1.18))
        mx, my = (W - w) / 2, (Hh - h) / 2
        j = 0.06 * w
        dst = np.float32([[mx + rng.uniform(-j, j), my + rng.uniform(-j, j)],
                          [mx + w + rng.uniform(-j, j), my + rng.uniform(-j, j)],
                          [mx + w + rng.uniform(-j, j), my + h + rng.uniform(-j, j)],
                          [mx + rng.uniform(-j, j), my + h + rng.uniform(-j, j)]])
        srcq = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
        P = cv2.getPerspectiveTransform(srcq, dst)
        g = _np_rng(rng)
        desk_col = np.array([rng.randint(60, 140), rng.randint(50, 120), rng.randint(40, 100)], dtype=np.float32)
        sigma = noise if noise is not None else rng.uniform(3, 7)
        desk = np.ones((Hh, W, 3), np.float32) * desk_col + g.normal(0, 1 + sigma, (Hh, W, 3)).astype(np.float32)
        warped = cv2.warpPerspective(arr, P, (W, Hh), flags=cv2.INTER_LINEAR, borderValue=(0, 0, 0)).astype(np.float32)
        mask = cv2.warpPerspective(np.ones((h, w), np.float32), P, (W, Hh), flags=cv2.INTER_LINEAR)[..., None]
        img = warped * mask + desk * (1 - mask)
        # uneven light: a tilted plane, a vignette and a soft shadow
        yy, xx = np.mgrid[0:Hh, 0:W].astype(np.float32)
        gx, gy = rng.uniform(-0.25, 0.25), rng.uniform(-0.25, 0.25)
        light = 1.0 + gx * (xx / W - 0.5) + gy * (yy / Hh - 0.5)
        r2 = ((xx / W - 0.5) ** 2 + (yy / Hh - 0.5) ** 2)
        light *= 1.0 - rng.uniform(0.15, 0.35) * r2 / 0.5
        sx, sy, sr = rng.uniform(0, W), rng.uniform(0, Hh), rng.uniform(0.2, 0.45) * W
        light *= 1.0 - rng.uniform(0.1, 0.3) * np.exp(-((xx - sx) ** 2 + (yy - sy) ** 2) / (2 * sr * sr))
        cast_ = np.array([rng.uniform(0.98, 1.06), rng.uniform(0.96, 1.02), rng.uniform(0.86, 0.98)], dtype=np.float32)
        img = img * light[..., None] * cast_
        img = cv2.GaussianBlur(img, (0, 0), rng.uniform(0.6, 1.3))
        img += g.normal(0, sigma, img.shape).astype(np.float32)
        img = np.clip(img, 0, 255).astype(np.uint8)
        Hpx = P @ H0
        k = 72.0 / dpi
        Hpt = scale(k) @ Hpx
        truth = transform_instances(instances, pno, Hpt, (W * k, Hh * k), out_page=1, px=(Hpx, (W, Hh)))
        q = rng.randint(78, 92)
        data = encode(img, fmt, q, dpi=dpi)
        info = [{"page": 1, "width": round(W * k, 2), "height": round(Hh * k, 2), "width_px": W, "height_px": Hh,
                 "dpi": dpi, "rotation": 0, "kind": "image"}]
        files.append(RenderedFile(f".phone_photo.p{pno}.{fmt}", data, fmt, "phone_photo", truth, info,
                                  {"dpi": dpi, "quality": q, "corners": [[round(float(v), 1) for v in c] for c in dst]}))
    return files


def paste_raster(page: pymupdf.Page, rect: Sequence[float], arr: np.ndarray, src_to_px: Mat,
                 instances: list[dict[str, Any]], src_page: int, rng: random.Random, max_angle: float = 1.5,
                 quality: int = 75) -> list[dict[str, Any]]:
    """Paste a degraded, slightly rotated image of ``arr`` into ``rect``; return the instances
    (given in source coordinates, mapped to pixels by ``src_to_px``) in page coordinates."""
    r = pymupdf.Rect(rect)
    h, w = arr.shape[:2]
    arr2, M = rotate_small(arr, rng.uniform(-max_angle, max_angle), rng, shift=0, fill=(250, 250, 248))
    arr2 = degrade(arr2, rng, noise=rng.uniform(2, 6), blur=rng.uniform(0.3, 0.7))
    page.insert_image(r, stream=encode(arr2, "jpg", quality), keep_proportion=False)
    to_page = translate(r.x0, r.y0) @ scale(r.width / w, r.height / h)
    H = to_page @ M @ src_to_px
    out = transform_instances(instances, src_page, H, (page.rect.width, page.rect.height), out_page=page.number + 1,
                              extra={"in_raster": True})
    # keep only what lies inside the pasted rectangle
    return [d for d in out if d["bbox"][0] < r.x1 and d["bbox"][2] > r.x0 and d["bbox"][1] < r.y1 and d["bbox"][3] > r.y0]


def paste_scan(page: pymupdf.Page, rect: Sequence[float], pdf: bytes, instances: list[dict[str, Any]],
               rng: random.Random, dpi: int = 200, max_angle: float = 1.5) -> list[dict[str, Any]]:
    """Paste page 1 of ``pdf`` as a scanned image into ``rect`` of ``page``."""
    src = pymupdf.open("pdf", pdf)
    arr = raster(src[0], dpi)
    h, w = arr.shape[:2]
    return paste_raster(page, rect, arr, scale(w / src[0].rect.width, h / src[0].rect.height), instances, 1, rng, max_angle)


def mixed(pdf: bytes, instances: list[dict[str, Any]], rng: random.Random, page_no: int | None = None,
          dpi: int = 200) -> list[RenderedFile]:
    """A digital page where one region (around the applicant's photo / ID / name) is a pasted scan.

    The vector content under the region is removed first, so that region exists only as pixels.
    """
    doc = pymupdf.open("pdf", pdf)
    own = [d for d in instances if d["owner"] == "applicant" and not d.get("in_raster")]
    if page_no is None:
        counts: dict[int, int] = {}
        for d in own:
            counts[d["page"]] = counts.get(d["page"], 0) + (3 if d["category"] in ("photo", "id_number") else 1)
        page_no = max(counts, key=lambda k: counts[k]) if counts else 1
    page = doc[page_no - 1]
    W, Hh = page.rect.width, page.rect.height
    anchors = [d for d in own if d["page"] == page_no and d["category"] in ("photo", "id_number", "qr_code")] or \
              [d for d in own if d["page"] == page_no] or [{"bbox": [W * 0.2, Hh * 0.2, W * 0.8, Hh * 0.4]}]
    a = rng.choice(anchors)["bbox"]
    band = rng.uniform(90, 160)
    cy = (a[1] + a[3]) / 2
    R = [36.0, max(20.0, cy - band / 2), W - 36.0, min(Hh - 20.0, cy + band / 2)]
    R = [min(R[0], a[0] - 4), min(R[1], a[1] - 4), max(R[2], a[2] + 4), max(R[3], a[3] + 4)]
    # grow the region until no instance, text line or image is cut by its border
    boxes = [d["bbox"] for d in instances if d["page"] == page_no]
    for block in page.get_text("dict")["blocks"]:
        if block.get("type") == 1:
            boxes.append(list(block["bbox"]))
        for line in block.get("lines", []):
            boxes.append(list(line["bbox"]))
    for _ in range(10):
        grown = False
        for b in boxes:
            inter = b[0] < R[2] and b[2] > R[0] and b[1] < R[3] and b[3] > R[1]
            inside = b[0] >= R[0] and b[2] <= R[2] and b[1] >= R[1] and b[3] <= R[3]
            if inter and not inside:
                R = [min(R[0], b[0] - 2), min(R[1], b[1] - 2), max(R[2], b[2] + 2), max(R[3], b[3] + 2)]
                grown = True
        if not grown:
            break
    R = [max(0.0, R[0]), max(0.0, R[1]), min(W, R[2]), min(Hh, R[3])]
    rect = pymupdf.Rect(R)
    arr = raster(page, dpi, clip=rect)
    h, w = arr.shape[:2]
    src_to_px = scale(w / rect.width, h / rect.height) @ translate(-rect.x0, -rect.y0)
    inside_ids = {d["id"] for d in instances if d["page"] == page_no and
                  d["bbox"][0] >= R[0] and d["bbox"][2] <= R[2] and d["bbox"][1] >= R[1] and d["bbox"][3] <= R[3]}
    page.add_redact_annot(rect)
    page.apply_redactions(images=pymupdf.PDF_REDACT_IMAGE_PIXELS, 
                          graphics=pymupdf.PDF_REDACT_LINE_ART_REMOVE_IF_COVERED, text=pymupdf.PDF_REDACT_TEXT_REMOVE)
    pasted = paste_raster(page, rect, arr, src_to_px, [d for d in instances if d["id"] in inside_ids], page_no, rng, 0.8)
    truth = [copy.deepcopy(d) for d in instances if d["id"] not in inside_ids] + pasted
    truth.sort(key=lambda d: (d["page"], d["id"]))
    kinds = {page_no: "mixed"}
    for d in instances:
        if d.get("in_raster"):
            kinds[d["page"]] = "mixed"
    data = doc.tobytes(garbage=3, deflate=True, no_new_id=True)
    out = pymupdf.open("pdf", data)
    return [RenderedFile(".mixed.pdf", data, "pdf", "mixed", truth, _page_info(out, kinds),
                         {"page": page_no, "region": [round(v, 2) for v in R], "dpi": dpi})]


def image_file(pdf: bytes, instances: list[dict[str, Any]], rng: random.Random, fmt: str | None = None,
               dpi: int | None = None) -> list[RenderedFile]:
    """Rasterised pages as image files: PNG/JPEG one file per page, TIFF one multi-page file."""
    fmt = fmt or rng.choice(["png", "jpg", "tif"])
    dpi = dpi or (rng.choice([150, 200, 300]) if fmt == "jpg" else rng.choice([150, 200]))
    src = pymupdf.open("pdf", pdf)
    frames: list[tuple[np.ndarray, Mat, int]] = []
    for page in src:
        arr = raster(page, dpi)
        h, w = arr.shape[:2]
        Hpx = scale(w / page.rect.width, h / page.rect.height)
        if fmt == "jpg":     # PNG and TIFF stay clean (an exported page; noise would make them huge)
            arr = degrade(arr, rng, noise=rng.uniform(1, 4), blur=0.3, paper=(252, 251, 248))
        frames.append((arr, Hpx, page.number + 1))
    k = 72.0 / dpi

    def info(arr: np.ndarray, n: int) -> dict[str, Any]:
        return {"page": n, "width": round(arr.shape[1] * k, 2), "height": round(arr.shape[0] * k, 2),
                "width_px": arr.shape[1], "height_px": arr.shape[0], "dpi": dpi, "rotation": 0, "kind": "image"}

    files = []
    if fmt == "tif":
        ims = [Image.fromarray(a) for a, _, _ in frames]
        buf = io.BytesIO()
        ims[0].save(buf, "TIFF", save_all=True, append_images=ims[1:], compression="tiff_deflate", dpi=(dpi, dpi))
        truth: list[dict[str, Any]] = []
        for a, Hpx, n in frames:
            truth += transform_instances(instances, n, scale(k) @ Hpx, (a.shape[1] * k, a.shape[0] * k),
                                         px=(Hpx, (a.shape[1], a.shape[0])))
        files.append(RenderedFile(".image_file.tif", buf.getvalue(), "tif", "image_file", truth,
                                  [info(a, n) for a, _, n in frames], {"dpi": dpi, "frames": len(frames)}))
        return files
    q = rng.randint(70, 90)
    for a, Hpx, n in frames:
        truth = transform_instances(instances, n, scale(k) @ Hpx, (a.shape[1] * k, a.shape[0] * k), out_page=1,
                                    px=(Hpx, (a.shape[1], a.shape[0])))
        files.append(RenderedFile(f".image_file.p{n}.{fmt}", encode(a, fmt, q, dpi=dpi), fmt, "image_file", truth,
                                  [info(a, 1)], {"dpi": dpi, "quality": q if fmt == "jpg" else None, "source_page": n}))
    return files


def outlined(pdf: bytes, instances: list[dict[str, Any]], rng: random.Random) -> list[RenderedFile]:
    """Text converted to curves (文字转曲, what CorelDRAW/Illustrator certificates and PDF flatteners
    deliver): every glyph a filled path, no text layer; pictures, rules and their order as they were.
    The outlines come from MuPDF's SVG rendering (text as paths) of the page's text alone, converted back
    to PDF and drawn under the rest of the page (print under a stamp stays under it)."""
    src = pymupdf.open("pdf", pdf)
    text_only = pymupdf.open("pdf", pdf)
    out = pymupdf.open("pdf", pdf)
    for pno in range(src.page_count):
        rotation = src[pno].rotation
        page = text_only[pno]
        page.set_rotation(0)
        page.add_redact_annot(page.rect, fill=False, cross_out=False)
        page.apply_redactions(images=pymupdf.PDF_REDACT_IMAGE_REMOVE, graphics=pymupdf.PDF_REDACT_LINE_ART_REMOVE_IF_TOUCHED,
                              text=pymupdf.PDF_REDACT_TEXT_NONE)
        glyphs = pymupdf.open("pdf", pymupdf.open("svg", page.get_svg_image(text_as_path=True).encode()).convert_to_pdf())
        target = out[pno]
        target.set_rotation(0)
        target.add_redact_annot(target.rect, fill=False, cross_out=False)
        target.apply_redactions(images=pymupdf.PDF_REDACT_IMAGE_NONE, graphics=pymupdf.PDF_REDACT_LINE_ART_NONE,
                                text=pymupdf.PDF_REDACT_TEXT_REMOVE)
        target.show_pdf_page(target.rect, glyphs, 0, overlay=False)
        target.set_rotation(rotation)
    pages = _page_info(out, "outlined")
    return [RenderedFile(".outlined.pdf", out.tobytes(garbage=3, deflate=True), "pdf", "outlined",
                         copy.deepcopy(instances), pages, {})]


def scanned_2up(pdf: bytes, instances: list[dict[str, Any]], rng: random.Random, **kw: Any) -> list[RenderedFile]:
    """Two pages on one sheet, side by side, scanned sideways (issue 49: a diploma and its degree certificate, or a
    certificate's two pages, copied onto one A4 landscape sheet and fed to the scanner turned): the document's
    first two pages (its first twice when it has one) scaled into the halves of a landscape sheet, then
    ``scanned`` with a quarter turn."""
    src = pymupdf.open("pdf", pdf)
    picks = [0, 1] if len(src) > 1 else [0, 0]
    sheet_w, sheet_h = 842.0, 595.0
    out = pymupdf.open()
    page = out.new_page(width=sheet_w, height=sheet_h)
    truth: list[dict[str, Any]] = []
    half = sheet_w / 2
    for slot, i in enumerate(picks):
        r = src[i].rect
        k = min((half - 24) / r.width, (sheet_h - 24) / r.height)
        x0 = slot * half + (half - r.width * k) / 2
        y0 = (sheet_h - r.height * k) / 2
        page.show_pdf_page(pymupdf.Rect(x0, y0, x0 + r.width * k, y0 + r.height * k), src, i)
        H = translate(x0, y0) @ scale(k)
        truth += transform_instances(instances, i + 1, H, (sheet_w, sheet_h), out_page=1, extra={"copy": slot})
    composed = out.tobytes(garbage=3, deflate=True, no_new_id=True)
    kw.setdefault("quarter_turns", rng.choice([1, 3]))
    kw.setdefault("grayscale", True)
    files = scanned(composed, truth, rng, **kw)
    return [RenderedFile(".scanned_2up.pdf", f.data, f.media, "scanned_2up", f.instances, f.pages,
                         {**f.params, "two_up": True}) for f in files]


PATHS: dict[str, Callable[..., list[RenderedFile]]] = {
    "born_digital": born_digital,
    "scanned": scanned,
    "phone_photo": phone_photo,
    "scan_with_hidden_text": scan_with_hidden_text,
    "mixed": mixed,
    "image_file": image_file,
    "scan_ocrmypdf": scan_ocrmypdf,
    "outlined": outlined,
    "scanned_bw": scanned_bw,          # last: a path added later leaves the others' documents as they were
    "scanned_2up": scanned_2up,
}


def render(path: str, pdf: bytes, instances: list[dict[str, Any]], rng: random.Random, **kw: Any) -> list[RenderedFile]:
    if path not in PATHS:
        raise ValueError(f"unknown rendering path {path!r}; known: {', '.join(PATHS)}")
    return PATHS[path](pdf, instances, rng, **kw)
