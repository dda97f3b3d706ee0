"""Synthetic pages for the region tests, drawn in code: a form with an ID photo in a 照片 cell, a QR code holding a
fake application number, a red seal with its organisation's name on the arc, bezier signatures, a page of dense
text with a chart, a group photo; their scans; a fixed-text OCR stand-in; assertion helpers.  No real personal
data (grace_hopper.jpg ships with matplotlib).  Used by tests/unit/test_regions.py and every test that draws a
page of its own."""

from __future__ import annotations

import io
import math
from collections.abc import Callable
from dataclasses import dataclass, field, replace

import numpy as np
import pymupdf

from redactor.model import BBox, Char, ImagePlacement, OcrLine, Page, PageKind, Raster, TextOrigin
from redactor.protocols import OcrText

RED = (0.85, 0.08, 0.1)
INK = (0.05, 0.1, 0.45)
FONT = "china-s"

APPLICATION_NO = "SBH-2024-110105-000123"      # fake
SEAL_TEXT = "北京市示例科技研究院"                  # fake organisation
BARCODE_NO = "2024000987654"


# --- synthetic pages -------------------------------------------------------

@dataclass
class Truth:
    photo: BBox | None = None
    photo_label: BBox | None = None
    group: BBox | None = None
    qr: BBox | None = None
    barcode: BBox | None = None
    seal: BBox | None = None
    signatures: dict[str, BBox] = field(default_factory=dict)
    chart: BBox | None = None
    figures: list[BBox] = field(default_factory=list)


def _png(arr: np.ndarray) -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.fromarray(arr).save(buf, format="PNG")
    return buf.getvalue()


def _hopper_path() -> str:
    import matplotlib.cbook as cbook

    return str(cbook.get_sample_data("grace_hopper.jpg", asfileobj=False))


def _hopper() -> np.ndarray:
    from PIL import Image

    return np.asarray(Image.open(_hopper_path()).convert("RGB"))


def _rect(b: pymupdf.Rect) -> BBox:
    return BBox(b.x0, b.y0, b.x1, b.y1)


def _ink_box(img: np.ndarray, r: pymupdf.Rect) -> BBox:
    """The dark part of ``img`` (e.g. a code without its quiet zone) once placed in ``r``."""
    ys, xs = np.nonzero(img < 128)
    sx, sy = r.width / img.shape[1], r.height / img.shape[0]
    return BBox(r.x0 + xs.min() * sx, r.y0 + ys.min() * sy, r.x0 + (xs.max() + 1) * sx, r.y0 + (ys.max() + 1) * sy)


def draw_text(page: pymupdf.Page, x: float, y: float, text: str, size: float = 11, color=(0, 0, 0)) -> None:
    page.insert_text((x, y), text, fontname=FONT, fontsize=size, color=color)


def draw_seal(page: pymupdf.Page, center: tuple[float, float], radius: float, text: str,
              color=RED, opacity: float = 0.9, ry: float | None = None, turn: float = 0.0,
              bottom: str = "专用章") -> BBox:
    """A round (or, with ``ry``, oval) seal: ring, star, name along the upper arc.

    ``turn`` rotates the whole stamp (degrees, clockwise) as a tilted stamp would be.
    """
    cx, cy = center
    rx = radius
    ry = radius if ry is None else ry
    ring_w = min(rx, ry) * 0.06
    t = math.radians(turn)

    def place(dx: float, dy: float) -> tuple[float, float]:
        return (cx + dx * math.cos(t) - dy * math.sin(t), cy + dx * math.sin(t) + dy * math.cos(t))

    ring = [place((rx - ring_w / 2) * math.cos(a), (ry - ring_w / 2) * math.sin(a))
            for a in np.linspace(0, 2 * math.pi, 121)]
    page.draw_polyline(ring, color=color, width=ring_w, stroke_opacity=opacity, closePath=True)
    star_r = min(rx, ry)
    pts = []
    for k in range(10):
        r = star_r * (0.27 if k % 2 == 0 else 0.11)
        a = -math.pi / 2 + k * math.pi / 5
        pts.append(place(r * math.cos(a), r * math.sin(a)))
    page.draw_polyline(pts + [pts[0]], color=color, fill=color, width=0.1,
                       stroke_opacity=opacity, fill_opacity=opacity, closePath=True)
    # characters along the arc, clockwise from lower left; tops point outwards
    size = min(rx, ry) * 0.24
    n = len(text)
    span = 250.0 if ry == rx else 220.0
    for i, ch in enumerate(text):
        phi = math.radians(-span / 2 + span * (i + 0.5) / n)   # 0 = twelve o'clock, clockwise
        off = min(rx, ry) * 0.26                     # text at a constant offset inside the ring
        dx, dy = (rx - off) * math.sin(phi), -(ry - off) * math.cos(phi)
        ccx, ccy = place(dx, dy)
        rot = math.atan2((ry - off) * math.sin(phi), (rx - off) * math.cos(phi)) + t
        # baseline-left of a glyph centred on (ccx, ccy), then rotated
        ox, oy = -size / 2, size * 0.38
        px = ccx + ox * math.cos(rot) - oy * math.sin(rot)
        py = ccy + ox * math.sin(rot) + oy * math.cos(rot)
        page.insert_text((px, py), ch, fontname=FONT, fontsize=size, color=color,
                         fill_opacity=opacity, stroke_opacity=opacity,
                         morph=(pymupdf.Point(px, py), pymupdf.Matrix(-math.degrees(rot))))
    if bottom:
        bs = size * 0.75
        bx, by = place(-bs * len(bottom) / 2, ry * 0.55)
        page.insert_text((bx, by), bottom, fontname=FONT, fontsize=bs, color=color, fill_opacity=opacity,
                         morph=(pymupdf.Point(bx, by), pymupdf.Matrix(-turn)))
    ex = math.sqrt((rx * math.cos(t)) ** 2 + (ry * math.sin(t)) ** 2)
    ey = math.sqrt((rx * math.sin(t)) ** 2 + (ry * math.cos(t)) ** 2)
    return BBox(cx - ex, cy - ey, cx + ex, cy + ey)


def draw_signature(page: pymupdf.Page, x: float, y: float, w: float = 80, h: float = 26,
                   seed: int = 1, color=INK, glyphs: int = 3) -> BBox:
    """A cursive-looking signature: a few loopy bezier 'glyphs' and a flourish in (x, y, w, h)."""
    rng = np.random.default_rng(seed)
    shape = page.new_shape()
    gw = (w - 6) / glyphs
    for g in range(glyphs):
        gx = x + 3 + g * gw
        prev = pymupdf.Point(gx + gw * rng.uniform(0.0, 0.3), y + h * rng.uniform(0.1, 0.5))
        for _ in range(4):
            end = pymupdf.Point(gx + gw * rng.uniform(0.1, 0.95), y + h * rng.uniform(0.1, 0.9))
            c1 = pymupdf.Point(gx + gw * rng.uniform(-0.1, 1.1), y + h * rng.uniform(0.0, 1.0))
            c2 = pymupdf.Point(gx + gw * rng.uniform(-0.1, 1.1), y + h * rng.uniform(0.0, 1.0))
            shape.draw_bezier(prev, c1, c2, end)
            prev = end
    # a flourish underneath
    shape.draw_bezier(pymupdf.Point(x + 4, y + h * 0.8), pymupdf.Point(x + w * 0.3, y + h * 1.0),
                      pymupdf.Point(x + w * 0.7, y + h * 0.65), pymupdf.Point(x + w - 2, y + h * 0.75))
    shape.finish(color=color, width=1.2, closePath=False, lineCap=1, lineJoin=1)
    shape.commit()
    return BBox(x, y, x + w, y + h)


def draw_chart(page: pymupdf.Page, x: float, y: float, w: float, h: float) -> BBox:
    """A bar+line chart drawn with vector lines and a few labels."""
    page.draw_line((x + 20, y + h - 15), (x + w, y + h - 15), color=(0, 0, 0), width=0.8)
    page.draw_line((x + 20, y), (x + 20, y + h - 15), color=(0, 0, 0), width=0.8)
    vals = [0.3, 0.55, 0.42, 0.8, 0.66, 0.9]
    bw = (w - 40) / len(vals)
    pts = []
    for i, v in enumerate(vals):
        bx = x + 28 + i * bw
        top = y + (h - 15) * (1 - v)
        page.draw_rect(pymupdf.Rect(bx, top, bx + bw * 0.6, y + h - 15), color=(0.2, 0.3, 0.6),
                       fill=(0.55, 0.65, 0.85), width=0.5)
        pts.append((bx + bw * 0.3, top - 8))
        draw_text(page, bx, y + h - 3, f"{2018 + i}", size=7)
    page.draw_polyline(pts, color=(0.8, 0.3, 0.1), width=1.2)
    for k in range(5):
        gy = y + (h - 15) * k / 5
        page.draw_line((x + 17, gy), (x + 20, gy), color=(0, 0, 0), width=0.5)
    draw_text(page, x + 30, y - 4, "图1 年度项目经费与论文数量", size=8)
    return BBox(x, y - 12, x + w, y + h)


def _matplotlib_chart_png() -> bytes:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(4, 3), dpi=100)
    t = np.linspace(0, 10, 200)
    ax.plot(t, np.sin(t), t, np.cos(t) * 0.5)
    ax.bar(np.arange(1, 10), np.abs(np.sin(np.arange(1, 10))) * 0.8, alpha=0.4)
    ax.set_title("figure 2")
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    plt.close(fig)
    return buf.getvalue()


def _micrograph_png() -> bytes:
    """A 'micrograph': the terrain sample rendered with a colour map."""
    import matplotlib
    import matplotlib.cbook as cbook

    dem = cbook.get_sample_data("jacksboro_fault_dem.npz")
    z = np.asarray(dem["elevation"], dtype=float)
    z = (z - z.min()) / (np.ptp(z) or 1)
    rgba = matplotlib.colormaps["gist_earth"](z)
    return _png((rgba[:, :, :3] * 255).astype(np.uint8))


DENSE = ("申报人自参加工作以来，始终坚持以科研为中心，主持完成省部级课题三项，参与国家自然科学基金项目两项，"
         "在核心期刊发表学术论文十二篇，其中第一作者八篇，获得实用新型专利授权四项。在设备研发、工艺改进"
         "和质量控制方面积累了较为丰富的经验，多次承担重点实验室的仪器调试与维护工作，并指导青年技术人员"
         "开展课题研究。任现职以来年度考核均为合格以上，其中两年为优秀。")


def build_form_pdf() -> tuple[bytes, Truth]:
    """A 评审表 page: photo in a 照片 cell, QR code, seal over text, two signatures."""
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    t = Truth()
    draw_text(page, 150, 60, "专业技术职务任职资格评审表", size=18)
    # table: rows of label | value, photo cell on the right
    x0, x1, y = 50, 545, 90
    rows = [("姓名", "张三"), ("性别", "男"), ("出生年月", "1980年1月"), ("工作单位", "示例大学附属医院"),
            ("现任职务", "副主任医师"), ("申报资格", "主任医师")]
    for i, (k, v) in enumerate(rows):
        ry = y + i * 24
        page.draw_rect(pymupdf.Rect(x0, ry, 440, ry + 24), color=(0, 0, 0), width=0.6)
        page.draw_line((130, ry), (130, ry + 24), color=(0, 0, 0), width=0.6)
        draw_text(page, x0 + 6, ry + 16, k)
        draw_text(page, 136, ry + 16, v)
    # photo cell: label above the pasted photo (3:4)
    page.draw_rect(pymupdf.Rect(440, y, x1, y + 144), color=(0, 0, 0), width=0.6)
    draw_text(page, 478, y + 14, "照片", size=10)
    t.photo_label = BBox(478, y + 4, 498, y + 16)
    photo = pymupdf.Rect(455, y + 22, 530, y + 122)
    page.insert_image(photo, filename=_hopper_path(), keep_proportion=False)
    t.photo = _rect(photo)
    # paragraph
    ty = 260
    for k in range(0, len(DENSE), 38):
        draw_text(page, x0, ty, DENSE[k:k + 38], size=11)
        ty += 17
    # QR code with the (fake) application number, bottom right of the header
    qr = np.asarray(__import__("zxingcpp").create_barcode(
        APPLICATION_NO, __import__("zxingcpp").BarcodeFormat.QRCode).to_image(scale=6))
    qr_rect = pymupdf.Rect(470, 380, 540, 450)
    page.insert_image(qr_rect, stream=_png(qr))
    t.qr = _ink_box(qr, qr_rect)
    draw_text(page, 468, 462, "一人一码", size=9)
    # signatures
    draw_text(page, x0, 520, "本人承诺以上内容真实有效。", size=11)
    draw_text(page, x0, 560, "申报人签字：", size=11)
    t.signatures["申报人签字"] = draw_signature(page, 122, 541, seed=3)
    draw_text(page, 300, 560, "日期：2024年5月10日", size=11)
    # unit opinion with a seal stamped over the text
    draw_text(page, x0, 620, "单位意见：", size=11)
    draw_text(page, x0 + 20, 645, "经审核，该同志申报材料真实，同意推荐申报主任医师资格。", size=11)
    draw_text(page, x0 + 20, 665, "（单位盖章）", size=11)
    draw_text(page, 330, 760, "审核人：", size=11)
    t.signatures["审核人"] = draw_signature(page, 378, 740, w=70, seed=11)
    t.seal = draw_seal(page, (380, 660), 52, SEAL_TEXT)
    draw_text(page, 330, 790, "2024年5月12日", size=11)
    return doc.tobytes(), t


def build_text_chart_pdf() -> tuple[bytes, Truth]:
    """Dense Chinese text, a vector chart, a matplotlib chart image and a 'micrograph'."""
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    t = Truth()
    y = 50
    for rep in range(2):
        for k in range(0, len(DENSE), 40):
            draw_text(page, 40, y, DENSE[k:k + 40], size=12)
            y += 18
    t.chart = draw_chart(page, 60, 330, 250, 160)
    # red things that are not seals: a red heading, a red rule, a red chart marker
    draw_text(page, 330, 300, "重要提示：请如实填写", size=16, color=RED)
    page.draw_line((330, 306), (545, 306), color=RED, width=1.5)
    page.draw_circle((300, 330), 6, color=RED, width=1)
    r1 = pymupdf.Rect(330, 320, 550, 485)
    page.insert_image(r1, stream=_matplotlib_chart_png())
    r2 = pymupdf.Rect(60, 520, 260, 700)
    page.insert_image(r2, stream=_micrograph_png())
    t.figures = [_rect(r1), _rect(r2)]
    y = 730
    for k in range(0, len(DENSE) // 2, 40):
        draw_text(page, 40, y, DENSE[k:k + 40], size=10.5)
        y += 16
    return doc.tobytes(), t


def build_group_pdf() -> tuple[bytes, Truth]:
    """A group photo (two people side by side in one image) with a caption."""
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    h = _hopper()
    group = np.concatenate([h, h[:, ::-1]], axis=1)
    r = pymupdf.Rect(100, 150, 460, 360)
    page.insert_image(r, stream=_png(group), keep_proportion=False)
    draw_text(page, 150, 380, "图3 课题组成员合影（2023年）", size=11)
    barcode = np.asarray(__import__("zxingcpp").create_barcode(
        BARCODE_NO, __import__("zxingcpp").BarcodeFormat.Code128).to_image(scale=3, add_hrt=True))
    br = pymupdf.Rect(100, 450, 100 + barcode.shape[1] * 0.6, 450 + barcode.shape[0] * 0.6)
    page.insert_image(br, stream=_png(barcode))
    return doc.tobytes(), Truth(group=_rect(r), barcode=_ink_box(barcode, br))


# --- PDF -> Page (a test-local stand-in for ingest) ----------------------------

def lines_page(lines: list[tuple[str, float, float]], number: int = 1, width: float = 595,
               height: float = 842, pitch: float = 10.0) -> Page:
    """A page of text only: one line per (text, x, y), each character ``pitch`` points wide and high."""
    text, chars = [], []
    for s, x, y in lines:
        for i, ch in enumerate(s):
            text.append(ch)
            chars.append(Char(ch, BBox(x + pitch * i, y, x + pitch * (i + 1), y + pitch)))
        text.append("\n")
        chars.append(Char("\n", None))
    return Page(number=number, width=width, height=height, text="".join(text), chars=tuple(chars))


def page_from_pdf(data: bytes, dpi: float = 150.0, number: int = 1) -> Page:
    doc = pymupdf.open(stream=data, filetype="pdf")
    p = doc[0]
    text: list[str] = []
    chars: list[Char] = []
    raw = p.get_text("rawdict")
    for block in raw["blocks"]:
        for line in block.get("lines", []):
            for span in line["spans"]:
                for ch in span["chars"]:
                    x0, y0, x1, y1 = ch["bbox"]
                    text.append(ch["c"])
                    chars.append(Char(ch["c"], BBox(x0, y0, max(x0, x1), max(y0, y1))))
            text.append("\n")
            chars.append(Char("\n", None))
    images = tuple(
        ImagePlacement(BBox(*info["bbox"]), xref=info.get("xref"), width_px=info["width"], height_px=info["height"])
        for info in p.get_image_info(xrefs=True)
    )
    pix = p.get_pixmap(dpi=int(dpi), alpha=False)
    px = np.frombuffer(pix.samples, np.uint8).reshape(pix.h, pix.w, pix.n)[:, :, :3].copy()
    raster = Raster(pixels=px, to_points=(72 / dpi, 0, 0, 72 / dpi, 0, 0), dpi=dpi)
    return Page(number=number, width=p.rect.width, height=p.rect.height, text="".join(text),
                chars=tuple(chars), images=images, raster=raster)


def ocr_lines_page(lines: list[tuple[float, float, str]], char_w: float, line_h: float) -> Page:
    """A scanned page whose OCR read ``lines`` (x0, top, text) in the order given (OCR's row order: columns
    interleaved), each character ``char_w`` wide and ``line_h`` high; no raster."""
    chars: list[Char] = []
    ocr: list[OcrLine] = []
    for n, (x0, y, text) in enumerate(lines):
        start = len(chars)
        for i, c in enumerate(text):
            chars.append(Char(c, BBox(x0 + char_w * i, y, x0 + char_w * (i + 1), y + line_h), TextOrigin.OCR, 0.98))
        ocr.append(OcrLine(start, len(chars), BBox(x0, y, x0 + char_w * len(text), y + line_h), 0.98))
        if n < len(lines) - 1:
            chars.append(Char("\n", None))
    return Page(number=1, width=595, height=842, text="".join(c.c for c in chars), chars=tuple(chars),
                kind=PageKind.SCANNED, ocr_lines=tuple(ocr))


def scan_of(page: Page, angle_deg: float = 0.7, seed: int = 0,
            jpeg_quality: int = 55) -> tuple[Page, Callable[[BBox], BBox]]:
    """The page as a slightly rotated, noisy, JPEG-compressed scan.

    Returns the scanned page (one full-page image, chars re-labelled as OCR
    output at their rotated positions) and a function mapping truth boxes.
    """
    import cv2
    from PIL import Image

    assert page.raster is not None
    px = page.raster.pixels
    h, w = px.shape[:2]
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle_deg, 1.0)
    rot = cv2.warpAffine(px, m, (w, h), flags=cv2.INTER_LINEAR, borderValue=(255, 255, 255))
    rng = np.random.default_rng(seed)
    noisy = rot.astype(np.float32) * 0.93 + 8 + rng.normal(0, 6, rot.shape)
    noisy = np.clip(noisy, 0, 255).astype(np.uint8)
    buf = io.BytesIO()
    Image.fromarray(noisy).save(buf, format="JPEG", quality=jpeg_quality)
    scanned = np.asarray(Image.open(io.BytesIO(buf.getvalue())).convert("RGB")).copy()
    s = page.raster.to_points[0]           # points per pixel

    def move(b: BBox) -> BBox:
        pts = np.array([[b.x0, b.y0], [b.x1, b.y0], [b.x0, b.y1], [b.x1, b.y1]]) / s
        q = pts @ m[:, :2].T + m[:, 2]
        q = q * s
        return BBox(q[:, 0].min(), q[:, 1].min(), q[:, 0].max(), q[:, 1].max())

    chars = tuple(Char(c.c, None if c.bbox is None else move(c.bbox), TextOrigin.OCR, 0.95) for c in page.chars)
    full = ImagePlacement(BBox(0, 0, page.width, page.height), xref=99, width_px=w, height_px=h)
    raster = Raster(pixels=scanned, to_points=page.raster.to_points, dpi=page.raster.dpi)
    return replace(page, chars=chars, kind=PageKind.SCANNED, images=(full,), raster=raster), move


# --- OCR engines for the tests ---------------------------------------------------

class FakeOcr:
    """Returns fixed text for any image; records how often it was called."""

    name = "fake.v1"

    def __init__(self, text: str = "", score: float = 0.9) -> None:
        self.text, self.score, self.calls = text, score, 0

    def recognize(self, raster: Raster) -> list[OcrText]:
        self.calls += 1
        if not self.text:
            return []
        h, w = raster.pixels.shape[:2]
        b = raster.point_box(0, 0, w, h)
        step = b.width / len(self.text)
        boxes = tuple(BBox(b.x0 + i * step, b.y0, b.x0 + (i + 1) * step, b.y1) for i in range(len(self.text)))
        return [OcrText(self.text, boxes, b, self.score)]


# --- helpers for assertions ------------------------------------------------------

def iou(a: BBox, b: BBox) -> float:
    inter = a.intersection_area(b)
    return inter / (a.area + b.area - inter) if inter else 0.0


def covered(truth: BBox, box: BBox) -> float:
    """Share of ``truth`` inside ``box``."""
    return truth.intersection_area(box) / truth.area


def no_values_in_explanation(f, *values: str) -> bool:
    flat = repr(f.explanation)
    return all(v not in flat for v in values if v)


def damaged_qr() -> np.ndarray:
    """A QR code whose data area is overwritten: finder patterns intact, not decodable."""
    import zxingcpp

    b = zxingcpp.create_barcode("SBH-2024-110105-000999", zxingcpp.BarcodeFormat.QRCode, ec_level="L")
    m = np.asarray(b.to_image(scale=1, add_quiet_zones=False)).copy()
    n = m.shape[0]
    rng = np.random.default_rng(5)
    m[9:, 9:] = (rng.integers(0, 2, (n - 9, n - 9)) * 255).astype(np.uint8)
    return np.kron(np.pad(m, 2, constant_values=255), np.ones((4, 4), np.uint8))


def build_misc_pdf() -> tuple[bytes, Truth, dict]:
    """Harder cases: grey photo without label, tilted and oval seals, an undecodable QR,
    signatures on an underline / in a table cell / below the label, a chart next to a label."""
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    t = Truth()
    extra: dict = {}
    grey = np.asarray(__import__("PIL.Image", fromlist=["Image"]).open(_hopper_path()).convert("L"))
    r = pymupdf.Rect(420, 40, 520, 157)
    page.insert_image(r, stream=_png(grey), keep_proportion=False)
    t.photo = _rect(r)
    extra["tilted"] = draw_seal(page, (120, 120), 50, "示例市第二中学", turn=70)
    extra["oval"] = draw_seal(page, (300, 110), 62, "示例有限责任公司", ry=40, bottom="财务专用章")
    qr = pymupdf.Rect(470, 200, 540, 270)
    img = damaged_qr()
    page.insert_image(qr, stream=_png(img))
    t.qr = _ink_box(img, qr)
    draw_text(page, 50, 320, "承诺人（签名）：", 11)
    page.draw_line((140, 323), (300, 323), color=(0, 0, 0), width=0.7)
    t.signatures["承诺人（签名）"] = draw_signature(page, 150, 300, w=90, h=28, seed=5)
    page.draw_rect(pymupdf.Rect(50, 370, 545, 420), color=(0, 0, 0), width=0.7)
    page.draw_line((160, 370), (160, 420), color=(0, 0, 0), width=0.7)
    page.draw_line((350, 370), (350, 420), color=(0, 0, 0), width=0.7)
    draw_text(page, 60, 400, "推荐人签字", 11)
    draw_text(page, 360, 400, "职称：教授", 11)
    t.signatures["推荐人签字"] = draw_signature(page, 190, 380, w=90, h=30, seed=7)
    draw_text(page, 50, 470, "负责人签名：", 11)
    t.signatures["负责人签名"] = draw_signature(page, 60, 480, w=80, h=26, seed=9)
    draw_text(page, 320, 470, "审批人：", 11)                       # empty: nothing to find
    draw_text(page, 50, 600, "申请人：", 11)                         # a chart, not a signature
    page.insert_image(pymupdf.Rect(110, 560, 260, 650), stream=_matplotlib_chart_png())
    draw_text(page, 50, 700, "申报人自参加工作以来一直从事临床工作。", 11)
    return doc.tobytes(), t, extra
