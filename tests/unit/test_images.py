"""Image inputs -> working PDF, and page rendering with the pixel -> point transform."""

from __future__ import annotations

import io

import numpy as np
import pymupdf
import pytest
from PIL import Image

from redactor.errors import InputFileError
from redactor.ingest.images import image_to_pdf, render_page, strip_jpeg_metadata

RED = (255, 0, 0)


def marked(w: int = 200, h: int = 300) -> np.ndarray:
    """White image with a red block in its top-left corner (rows 10..40, cols 10..60)."""
    a = np.full((h, w, 3), 255, np.uint8)
    a[10:40, 10:60] = RED
    return a


def red_box(pixels: np.ndarray) -> tuple[int, int, int, int]:
    ys, xs = np.nonzero((pixels[:, :, 0] > 200) & (pixels[:, :, 1] < 80) & (pixels[:, :, 2] < 80))
    return int(xs.min()), int(ys.min()), int(xs.max()) + 1, int(ys.max()) + 1


def exif(orientation: int | None = None, **tags: str) -> bytes:
    e = Image.Exif()
    if orientation is not None:
        e[0x0112] = orientation
    e[0x010F] = tags.get("make", "PrivateCameraMaker")
    e[0x8298] = tags.get("copyright", "Owner Secret Name")
    return e.tobytes()


def pdf_bytes(path) -> bytes:
    return open(path, "rb").read()


def test_jpeg_exif_orientation_applied_and_metadata_stripped(tmp_path) -> None:
    src = tmp_path / "photo.jpg"
    Image.fromarray(marked()).save(src, exif=exif(6), dpi=(100, 100), comment=b"secret comment")
    out = tmp_path / "o.pdf"
    assert image_to_pdf(str(src), str(out), 300, 10**8) == 1
    with pymupdf.open(out) as doc:
        page = doc[0]
        # 200x300 px turned a quarter clockwise -> 300x200 px at 100 DPI
        assert (round(page.rect.width), round(page.rect.height)) == (216, 144)
        pix = render_page(page, 100).pixels
        x0, y0, x1, y1 = red_box(pix)
        assert x0 > 200 and y0 < 20          # top-left corner moved to the top-right
        assert not doc.metadata.get("producer") and not doc.get_xml_metadata()
    raw = pdf_bytes(out)
    for secret in (b"PrivateCameraMaker", b"Owner Secret Name", b"secret comment", b"Exif"):
        assert secret not in raw


def test_upright_jpeg_embedded_without_recompression(tmp_path) -> None:
    src = tmp_path / "scan.jpg"
    Image.fromarray(marked()).save(src, exif=exif(1), dpi=(150, 150), quality=90)
    out = tmp_path / "o.pdf"
    image_to_pdf(str(src), str(out), 300, 10**8)
    with pymupdf.open(out) as doc:
        page = doc[0]
        assert (round(page.rect.width), round(page.rect.height)) == (96, 144)
        xref = page.get_images()[0][0]
        assert doc.xref_get_key(xref, "Filter")[1] == "/DCTDecode"
        embedded = doc.xref_stream_raw(xref)
    assert b"Exif" not in embedded and b"PrivateCameraMaker" not in embedded
    assert Image.open(io.BytesIO(embedded)).size == (200, 300)


def test_strip_jpeg_metadata_keeps_pixels() -> None:
    buf = io.BytesIO()
    Image.fromarray(marked()).save(buf, format="JPEG", exif=exif(3), comment=b"c0mment", progressive=True)
    stripped = strip_jpeg_metadata(buf.getvalue() + b"\xff\xd8trailing preview with Exif")
    assert b"c0mment" not in stripped and b"Exif" not in stripped and stripped.endswith(b"\xff\xd9")
    a = np.asarray(Image.open(io.BytesIO(buf.getvalue())).convert("RGB"))
    b = np.asarray(Image.open(io.BytesIO(stripped)).convert("RGB"))
    assert np.array_equal(a, b)
    with pytest.raises(ValueError):
        strip_jpeg_metadata(b"not a jpeg")


@pytest.mark.parametrize(
    "dpi, fallback, expect",
    [
        ((300, 300), 200, (72.0, 96.0)),         # declared DPI is used
        (None, 200, (108.0, 144.0)),             # none declared: the fallback
        ((72, 72), 300, (72.0, 96.0)),           # 72 DPI but a 4 in page: plausible, used
        ((1, 1), 300, (72.0, 96.0)),             # absurd DPI: the fallback
    ],
)
def test_page_size_from_dpi(tmp_path, dpi, fallback, expect) -> None:
    src = tmp_path / "a.png"
    w, h = (300, 400) if dpi != (72, 72) else (300, 400)
    img = Image.fromarray(marked(w, h))
    img.save(src, dpi=dpi) if dpi else img.save(src)
    out = tmp_path / "o.pdf"
    image_to_pdf(str(src), str(out), fallback, 10**8)
    with pymupdf.open(out) as doc:
        r = doc[0].rect
        if dpi == (72, 72):
            expect = (300.0, 400.0)
        assert (round(r.width, 1), round(r.height, 1)) == expect


def test_implausible_phone_dpi_falls_back(tmp_path) -> None:
    src = tmp_path / "phone.png"
    Image.new("L", (4000, 3000), 255).save(src, dpi=(72, 72))      # would be a 55-inch page
    out = tmp_path / "o.pdf"
    image_to_pdf(str(src), str(out), 300, 10**8)
    with pymupdf.open(out) as doc:
        r = doc[0].rect
        assert (round(r.width), round(r.height)) == (960, 720)


def test_multipage_tiff_gives_one_page_per_frame(tmp_path) -> None:
    src = tmp_path / "scan.tiff"
    frames = [Image.fromarray(np.full((110, 85), v, np.uint8)) for v in (0, 128, 255)]
    frames[0].save(src, save_all=True, append_images=frames[1:], dpi=(100, 100))
    out = tmp_path / "o.pdf"
    assert image_to_pdf(str(src), str(out), 300, 10**8) == 3
    with pymupdf.open(out) as doc:
        assert doc.page_count == 3
        means = [render_page(p, 50).pixels.mean() for p in doc]
    assert means[0] < 10 and 100 < means[1] < 150 and means[2] > 245


def test_bilevel_16bit_and_transparent_images(tmp_path) -> None:
    one = tmp_path / "fax.tif"
    Image.fromarray(np.eye(64, dtype=bool)).save(one, compression="group4")
    deep = tmp_path / "deep.png"
    Image.fromarray((np.arange(64 * 64).reshape(64, 64) * 16).astype(np.uint16)).save(deep)
    alpha = tmp_path / "alpha.png"
    Image.new("RGBA", (64, 64), (0, 0, 0, 0)).save(alpha)
    for src in (one, deep, alpha):
        out = tmp_path / (src.stem + ".pdf")
        assert image_to_pdf(str(src), str(out), 300, 10**8) == 1
    with pymupdf.open(tmp_path / "alpha.pdf") as doc:
        assert render_page(doc[0], 300).pixels.min() > 240      # transparent -> white, not black
    with pymupdf.open(tmp_path / "deep.pdf") as doc:
        assert render_page(doc[0], 300).pixels.max() > 200      # 16-bit scaled, not clipped


def test_truncated_jpeg_is_rejected(tmp_path) -> None:
    buf = io.BytesIO()
    Image.fromarray(marked()).save(buf, format="JPEG")
    src = tmp_path / "cut.jpg"
    src.write_bytes(buf.getvalue()[: len(buf.getvalue()) // 2])
    with pytest.raises(InputFileError, match="truncated") as ei:
        image_to_pdf(str(src), str(tmp_path / "o.pdf"), 300, 10**8)
    assert ei.value.path == str(src)
    assert "\n" not in ei.value.one_line()


def test_corrupt_png_is_rejected(tmp_path) -> None:
    src = tmp_path / "bad.png"
    src.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 40)
    with pytest.raises(InputFileError) as ei:
        image_to_pdf(str(src), str(tmp_path / "o.pdf"), 300, 10**8)
    assert ei.value.path == str(src)


def test_not_an_image_is_rejected(tmp_path) -> None:
    src = tmp_path / "x.png"
    src.write_bytes(b"hello, not an image")
    with pytest.raises(InputFileError, match="not a readable image"):
        image_to_pdf(str(src), str(tmp_path / "o.pdf"), 300, 10**8)


@pytest.mark.parametrize("limit", [1_000_000, 3_000_000])
def test_absurdly_large_image_is_rejected(tmp_path, limit: int) -> None:
    src = tmp_path / "huge.png"
    Image.new("1", (2000, 2000)).save(src)         # 4 megapixels, tiny file
    with pytest.raises(InputFileError, match="absurdly large"):
        image_to_pdf(str(src), str(tmp_path / "o.pdf"), 300, limit)
    assert Image.MAX_IMAGE_PIXELS != limit         # Pillow's global is restored


# -- render_page -----------------------------------------------------------------------------

@pytest.mark.parametrize("rotation", [0, 90, 180, 270])
@pytest.mark.parametrize("cropped", [False, True])
def test_render_page_maps_pixels_to_unrotated_points(rotation: int, cropped: bool) -> None:
    doc = pymupdf.open()
    page = doc.new_page(width=300, height=400)
    target = pymupdf.Rect(60, 80, 100, 100)
    page.draw_rect(target, color=RED, fill=(1, 0, 0), width=0)
    if cropped:
        page.set_cropbox(pymupdf.Rect(20, 30, 280, 390))
    page.set_rotation(rotation)
    # the reference: where text extraction / redaction place the rect (cropbox-relative, unrotated)
    want = target - (20, 30, 20, 30) if cropped else target
    raster = render_page(page, 144)
    shown = page.rect
    assert raster.pixels.shape[:2] == (round(shown.height * 2), round(shown.width * 2))
    got = raster.point_box(*red_box(raster.pixels))
    for g, w in zip(got.as_tuple(), tuple(want)):
        assert abs(g - w) <= 1.0, (got, want)
    doc.close()


def test_render_page_matches_text_extraction_on_rotated_page() -> None:
    doc = pymupdf.open()
    page = doc.new_page(width=300, height=200)
    page.insert_text((40, 60), "王小明", fontname="china-s", fontsize=20)
    page.set_rotation(90)
    chars = [c for b in page.get_text("rawdict")["blocks"] for ln in b["lines"] for s in ln["spans"] for c in s["chars"]]
    raster = render_page(page, 144)
    dark = raster.pixels.min(axis=2) < 128
    ys, xs = np.nonzero(dark)
    ink = raster.point_box(xs.min(), ys.min(), xs.max() + 1, ys.max() + 1)
    text_box = pymupdf.Rect(chars[0]["bbox"]) | pymupdf.Rect(chars[-1]["bbox"])
    # the glyph ink lies inside the extracted character boxes (in unrotated space)
    assert text_box.x0 - 1 <= ink.x0 and ink.x1 <= text_box.x1 + 1
    assert text_box.y0 - 1 <= ink.y0 and ink.y1 <= text_box.y1 + 1
    doc.close()


def test_render_page_caps_pixels() -> None:
    doc = pymupdf.open()
    page = doc.new_page(width=2000, height=2000)
    raster = render_page(page, 300, max_pixels=1_000_000)
    h, w = raster.pixels.shape[:2]
    assert h * w <= 1_010_000 and raster.dpi < 300
    a, b, c, d, e, f = raster.to_points
    assert abs(a * w - 2000) < 2 and abs(d * h - 2000) < 2
    doc.close()


@pytest.mark.parametrize("mode", ["L", "RGB"])
def test_grey_and_colour_scans_embedded_pixel_for_pixel_and_compressed(tmp_path, mode: str) -> None:
    """PNG/TIFF scans go in as their pixels (no PNG encoded only to be decoded again), still losslessly and
    still compressed: the working copy of a 200-DPI page must not be stored raw."""
    rng = np.random.default_rng(3)
    grey = np.full((400, 300), 235, np.uint8)
    grey[rng.integers(0, 400, 3000), rng.integers(0, 300, 3000)] = 30          # ink specks
    pixels = grey if mode == "L" else np.dstack([grey, grey, np.flipud(grey)])
    src = tmp_path / f"scan_{mode}.tif"
    Image.fromarray(pixels, mode).save(src, dpi=(200, 200))
    out = tmp_path / "o.pdf"
    assert image_to_pdf(str(src), str(out), 300, 10**8) == 1
    with pymupdf.open(out) as doc:
        xref = doc[0].get_images(full=True)[0][0]
        assert doc.xref_get_key(xref, "Filter") == ("name", "/FlateDecode")
        assert len(doc.xref_stream_raw(xref)) < pixels.nbytes / 3
        embedded = pymupdf.Pixmap(doc, xref)
        assert (embedded.width, embedded.height, embedded.n) == (300, 400, 1 if mode == "L" else 3)
        assert np.array_equal(np.frombuffer(embedded.samples, np.uint8).reshape(pixels.shape), pixels)
