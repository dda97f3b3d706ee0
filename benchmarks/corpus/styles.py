"""Variety for the synthetic corpus: seal designs and inks, installed CJK fonts, portrait sizes.

The classic documents (``documents.py``) keep their one look; the layouts of
``layouts.py`` draw their seals, fonts and photos from here so that the corpus is
not one generator's world.  Fonts come from a **pinned list** (``CORPUS_FONTS``), never
from whatever fontconfig happens to list: the same seed must make the same document on
every machine, or a test checks another document than the one it was written for.
``REDACTOR_CORPUS_FONTS`` picks the set: ``test`` (default; fonts-noto-cjk, installed by
``make install-test``) or ``wide`` (adds fonts-wqy-zenhei and fonts-arphic-ukai/uming,
installed by ``make bench-deps``: the benchmark's other looks).
"""

from __future__ import annotations

import io
import math
import os
import random
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

# --- inks -----------------------------------------------------------------------------------------

INKS: dict[str, tuple[tuple[int, int], tuple[int, int], tuple[int, int]]] = {
    # (R range, G range, B range) of the stamp-pad ink
    "red": ((200, 230), (10, 45), (20, 50)),
    "dark_red": ((150, 180), (15, 35), (25, 45)),
    "orange_red": ((225, 245), (60, 95), (30, 55)),
    "blue": ((25, 60), (50, 90), (150, 200)),
    "purple": ((100, 135), (35, 65), (130, 170)),
}


@dataclass(frozen=True)
class SealStyle:
    """One seal design: shape, rings, star, arc of the name, ink, strength of the impression."""

    shape: str = "round"          # round | oval
    rings: int = 1                # 1 | 2 (a thin inner ring)
    star: bool = True
    span: float = 0.0             # degrees of the name's arc; 0: from the name's length
    ink: str = "red"
    strength: float = 1.0         # alpha multiplier; < 0.6 is a faint impression
    partial: float = 0.0          # 0..0.8: one side of the impression fades out (uneven pressure)
    font: str = ""                # a font file (TTF/TTC) for the glyphs; "" = Droid

    @property
    def label(self) -> str:
        parts = [self.shape, f"{self.rings}ring", "star" if self.star else "nostar", self.ink]
        if self.strength < 0.6:
            parts.append("faint")
        if self.partial > 0:
            parts.append("partial")
        return "_".join(parts)


def random_seal_style(rng: random.Random, *, ink: str | None = None, allow_faint: bool = True) -> SealStyle:
    shape = rng.choice(["round", "round", "oval"])
    fonts = cjk_fonts()
    return SealStyle(
        shape=shape,
        rings=rng.choice([1, 2]),
        star=rng.random() < 0.65 if shape == "round" else rng.random() < 0.3,
        span=rng.choice([0.0, 200.0, 240.0, 280.0]),
        ink=ink or rng.choice(["red", "red", "dark_red", "orange_red", "blue", "purple"]),
        strength=rng.uniform(0.42, 0.55) if allow_faint and rng.random() < 0.25 else rng.uniform(0.8, 1.0),
        partial=rng.uniform(0.4, 0.75) if allow_faint and rng.random() < 0.25 else 0.0,
        font=rng.choice(fonts)[0] if fonts and rng.random() < 0.6 else "",
    )


@lru_cache(maxsize=32)
def _font(path: str, px: int) -> ImageFont.FreeTypeFont:
    if not path:
        from .draw import pil_font
        return pil_font(px)
    return ImageFont.truetype(path, px, index=0)


def _glyph(ch: str, font: ImageFont.FreeTypeFont, size: int, angle: float, sx: float = 1.0) -> Image.Image:
    g = Image.new("L", (size * 2, size * 2), 0)
    ImageDraw.Draw(g).text((size, size), ch, font=font, fill=255, anchor="mm")
    if sx != 1.0:
        g = g.resize((max(1, int(size * 2 * sx)), size * 2), Image.BICUBIC)
    return g.rotate(angle, resample=Image.BICUBIC, expand=False)


def seal_mask_styled(org: str, inner: str, style: SealStyle, px: int = 360) -> np.ndarray:
    """Alpha mask (H x W, 0..1) of a seal of ``style``: an ellipse (oval: 1.5 : 1) with the name
    along the upper arc, glyphs upright to the curve, optional star, inner ring and text."""
    oval = style.shape == "oval"
    W = px
    H = int(px / 1.5) if oval else px
    cx, cy = W / 2, H / 2
    ax, ay = W * 0.46, H * 0.46
    im = Image.new("L", (W, H), 0)
    d = ImageDraw.Draw(im)
    ring = max(3, int(min(ax, ay) * 0.05))
    d.ellipse([cx - ax, cy - ay, cx + ax, cy + ay], outline=255, width=ring)
    if style.rings == 2:
        k = 0.9
        d.ellipse([cx - ax * k, cy - ay * k, cx + ax * k, cy + ay * k], outline=255, width=max(1, ring // 3))
    if style.star:
        rs = min(ax, ay) * 0.26
        pts = []
        for i in range(10):
            a = -math.pi / 2 + i * math.pi / 5
            rr = rs if i % 2 == 0 else rs * 0.382
            pts.append((cx + rr * math.cos(a), cy + rr * math.sin(a) - ay * 0.02))
        d.polygon(pts, fill=255)
    n = max(1, len(org))
    span = style.span or min(250.0, max(170.0, 17.0 * n))
    if oval:
        span = min(span, 220.0)
    kr = 0.74 if style.rings == 1 else 0.68
    rx, ry = ax * kr, ay * kr
    arc_len = 0.5 * (rx + ry) * math.radians(span)
    ch_px = int(min(min(ax, ay) * 0.3, 0.92 * arc_len / n))
    font = _font(style.font, max(8, ch_px))
    for i, ch in enumerate(org):
        theta = math.radians(-90 - span / 2 + span * (i + 0.5) / n)
        gx, gy = cx + rx * math.cos(theta), cy + ry * math.sin(theta)
        # the normal of the ellipse at this point: glyphs stand on the curve
        nx, ny = math.cos(theta) / rx, math.sin(theta) / ry
        ang = math.degrees(math.atan2(ny, nx)) + 90
        g = _glyph(ch, font, ch_px, -ang, sx=0.8 if oval else 1.0)
        im.paste(255, (int(gx - g.width / 2), int(gy - g.height / 2)), g)
    if inner:
        f2 = _font(style.font, max(8, int(min(ax, ay) * (0.2 if oval else 0.16))))
        d.text((cx, cy + ay * (0.45 if style.star else 0.15)), inner, font=f2, fill=255, anchor="mm")
    return np.asarray(im.filter(ImageFilter.GaussianBlur(0.7))).astype(np.float32) / 255.0


def seal_png_styled(org: str, inner: str, style: SealStyle, rng: random.Random, rotate: float | None = None,
                    px: int = 360) -> tuple[bytes, tuple[float, float], tuple[float, float]]:
    """An RGBA PNG of the seal; returns (png, (ring width / image width, ring height / image height),
    (image width / image height))."""
    mask = seal_mask_styled(org, inner, style, px)
    H, W = mask.shape
    lo = INKS[style.ink]
    col = tuple(rng.randint(*lo[k]) for k in range(3))
    cells = max(W, H) // 12 + 1
    noise = np.random.default_rng(rng.randrange(2**32)).random((cells, cells)).astype(np.float32)
    nz = np.asarray(Image.fromarray((noise * 255).astype(np.uint8)).resize((W, H), Image.BICUBIC)).astype(np.float32) / 255
    alpha = mask * np.clip(0.55 + 0.6 * nz, 0, 1) * rng.uniform(0.85, 0.97) * style.strength
    if style.partial > 0:
        ang = rng.uniform(0, 2 * math.pi)
        yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
        t = ((xx - W / 2) * math.cos(ang) + (yy - H / 2) * math.sin(ang)) / (max(W, H) / 2)   # -1 .. 1
        alpha *= np.clip(1.0 - style.partial * (t + 1) / 2 * 1.3, 0.05, 1.0)
    rgba = np.empty((H, W, 4), np.uint8)
    rgba[..., :3] = col
    rgba[..., 3] = np.clip(alpha * 255, 0, 255).astype(np.uint8)
    out = Image.fromarray(rgba, "RGBA")
    if rotate is None:
        rotate = rng.uniform(-20, 20)
    out = out.rotate(rotate, resample=Image.BICUBIC, expand=True)
    # the ring's extent after the rotation (the truth box)
    a, b = W * 0.46, H * 0.46
    t = math.radians(rotate)
    ext_x = math.sqrt((a * math.cos(t)) ** 2 + (b * math.sin(t)) ** 2)
    ext_y = math.sqrt((a * math.sin(t)) ** 2 + (b * math.cos(t)) ** 2)
    buf = io.BytesIO()
    out.save(buf, "PNG", compress_level=3)
    return buf.getvalue(), (2 * ext_x / out.width, 2 * ext_y / out.height), (out.width, out.height)


# --- fonts -------------------------------------------------------------------------------------------

_NOTO = "/usr/share/fonts/opentype/noto/"
# (file, family) in the order a seed's choices index them.  The families are the names Word (LibreOffice) and
# the web layouts (Chromium) ask fontconfig for; the test set is the corpus every test was written against.
CORPUS_FONTS: dict[str, tuple[tuple[str, str], ...]] = {
    "test": (
        (_NOTO + "NotoSansCJK-Bold.ttc", "Noto Sans CJK TC"),
        (_NOTO + "NotoSansCJK-Regular.ttc", "Noto Sans Mono CJK JP"),
        (_NOTO + "NotoSerifCJK-Bold.ttc", "Noto Serif CJK JP"),
        (_NOTO + "NotoSerifCJK-Regular.ttc", "Noto Serif CJK HK"),
    ),
}
CORPUS_FONTS["wide"] = CORPUS_FONTS["test"] + (
    ("/usr/share/fonts/truetype/arphic/ukai.ttc", "AR PL UKai CN"),
    ("/usr/share/fonts/truetype/arphic/uming.ttc", "AR PL UMing CN"),
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", "WenQuanYi Zen Hei"),
)


class CorpusFontsMissing(RuntimeError):
    """A pinned font is not installed: the corpus would be another one, so nothing is generated."""


def cjk_fonts(font_set: str | None = None) -> list[tuple[str, str]]:
    """[(file, family)] of the pinned CJK font set (``REDACTOR_CORPUS_FONTS``: test | wide), all installed."""
    name = font_set or os.environ.get("REDACTOR_CORPUS_FONTS", "test")
    return list(_installed(name))


@lru_cache(maxsize=4)
def _installed(name: str) -> tuple[tuple[str, str], ...]:
    if name not in CORPUS_FONTS:
        raise CorpusFontsMissing(f"REDACTOR_CORPUS_FONTS={name!r}: use one of {', '.join(CORPUS_FONTS)}")
    fonts = CORPUS_FONTS[name]
    missing = [path for path, _ in fonts if not Path(path).is_file()]
    if missing:
        hint = "make install-test" if name == "test" else "make bench-deps"
        raise CorpusFontsMissing(f"the corpus's {name} fonts are not installed ({', '.join(missing)}); run {hint}")
    return fonts


@lru_cache(maxsize=8)
def font_face_bytes(path: str) -> bytes:
    """The first face of a font file as TTF/OTF bytes (PyMuPDF embeds face 0 of a collection anyway)."""
    data = Path(path).read_bytes()
    if data[:4] == b"ttcf":
        from fontTools.ttLib import TTCollection
        buf = io.BytesIO()
        TTCollection(io.BytesIO(data)).fonts[0].save(buf)
        return buf.getvalue()
    return data


def pick_font(rng: random.Random) -> tuple[str, str] | None:
    fonts = cjk_fonts()
    return rng.choice(fonts) if fonts else None


# --- portraits -----------------------------------------------------------------------------------------

# (width, height) in points of the common ID photo sizes: 1 inch 25 x 35 mm, small 2 inch 33 x 48 mm,
# 2 inch 35 x 49 mm, and a résumé thumbnail
PHOTO_SIZES = {"1inch": (70.9, 99.2), "small2inch": (93.5, 136.1), "2inch": (99.2, 138.9), "thumb": (56.0, 75.0)}


def portrait_variant(rng: random.Random, width_px: int = 240, style: str | None = None) -> tuple[bytes, str]:
    """A portrait in one of several looks: colour on white / blue / red ID backgrounds, greyscale,
    mirrored (other persons look a little different).  Returns (jpeg, style)."""
    from .draw import portrait_jpeg
    style = style or rng.choice(["plain", "blue_bg", "red_bg", "white_bg", "grey", "mirrored"])
    data = portrait_jpeg(rng, width_px)
    im = Image.open(io.BytesIO(data)).convert("RGB")
    arr = np.asarray(im).astype(np.float32)
    if style in ("blue_bg", "red_bg", "white_bg"):
        bg = {"blue_bg": (67, 142, 219), "red_bg": (200, 30, 40), "white_bg": (250, 250, 250)}[style]
        h, w = arr.shape[:2]
        yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
        # keep an ellipse around the head and shoulders, background elsewhere
        m = (((xx - w / 2) / (w * 0.42)) ** 2 + ((yy - h * 0.55) / (h * 0.55)) ** 2) < 1.0
        m |= yy > h * 0.78
        m = cv2_blur(m.astype(np.float32), 3.0)[..., None]
        arr = arr * m + np.array(bg, np.float32) * (1 - m)
    elif style == "grey":
        g = arr.mean(axis=2, keepdims=True)
        arr = np.repeat(g, 3, axis=2)
    elif style == "mirrored":
        arr = arr[:, ::-1]
    buf = io.BytesIO()
    Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8)).save(buf, "JPEG", quality=rng.randint(80, 92))
    return buf.getvalue(), style


def cv2_blur(a: np.ndarray, sigma: float) -> np.ndarray:
    import cv2
    return cv2.GaussianBlur(a, (0, 0), sigma)


def signature_png(rng: random.Random, w_pt: float, h_pt: float, n_glyphs: int, color: tuple[float, float, float],
                  k: float = 5.0, background: bool = False) -> tuple[bytes, tuple[float, float, float, float]]:
    """A handwritten signature as an image (a scan or a tablet export), as pasted into forms:
    transparent PNG, or a white/grey background when ``background``.  The image is cut to its ink
    (plus 1 pt), so that the picture's box is the signature's; returns (png, the picture's box in
    points inside the ``w_pt`` x ``h_pt`` slot)."""
    from .draw import signature_strokes
    strokes = signature_strokes(rng, 2, 2, w_pt - 4, h_pt - 4, n_glyphs)
    W, H = int(w_pt * k), int(h_pt * k)
    bgc = (255, 255, 255, 0) if not background else (rng.randint(236, 250),) * 3 + (255,)
    im = Image.new("RGBA", (W, H), bgc)
    d = ImageDraw.Draw(im)
    rgb = tuple(int(255 * c) for c in color)
    lw = max(2, int(rng.uniform(0.8, 1.4) * k))
    for s in strokes:
        d.line([(px * k, py * k) for px, py in s], fill=rgb + (240,), width=lw, joint="curve")
    xs = [p[0] for s in strokes for p in s]
    ys = [p[1] for s in strokes for p in s]
    m = 1.0 + lw / k / 2
    x0, y0 = max(0.0, min(xs) - m), max(0.0, min(ys) - m)
    x1, y1 = min(w_pt, max(xs) + m), min(h_pt, max(ys) + m)
    im = im.crop((int(x0 * k), int(y0 * k), int(x1 * k), int(y1 * k)))
    box = (int(x0 * k) / k, int(y0 * k) / k, int(x1 * k) / k, int(y1 * k) / k)
    buf = io.BytesIO()
    if background:
        im.convert("RGB").save(buf, "PNG")
    else:
        im.save(buf, "PNG")
    return buf.getvalue(), box


__all__ = ["CORPUS_FONTS", "INKS", "PHOTO_SIZES", "CorpusFontsMissing", "SealStyle", "cjk_fonts", "font_face_bytes", "pick_font", "portrait_variant",
           "random_seal_style", "seal_mask_styled", "seal_png_styled", "signature_png"]
