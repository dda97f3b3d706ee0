"""Region detectors on synthetic PyMuPDF pages (born-digital and scan-like).

Everything is drawn here: a form page with an ID photo in a 照片 cell, a QR code
holding a fake application number, a red seal with its organisation name on
the arc, and two bezier signatures; a page of dense Chinese text with a chart;
a group photo.  No real personal data (grace_hopper.jpg ships with matplotlib).
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable
from dataclasses import dataclass, field, replace

import numpy as np
import pymupdf
import pytest

from redactor.model import BBox, Char, ImagePlacement, Page, PageKind, Raster, TextOrigin
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


class _RapidAdapter:
    """Test-local RapidOCR adapter, used when the project's engine is not there."""

    name = "rapidocr.test"

    def __init__(self) -> None:
        from rapidocr import RapidOCR

        self._engine = RapidOCR(params={"Global.log_level": "error", "Global.use_cls": False,
                                        "EngineConfig.onnxruntime.intra_op_num_threads": 2})

    def recognize(self, raster: Raster) -> list[OcrText]:
        out = self._engine(np.ascontiguousarray(raster.pixels))
        if out.txts is None:
            return []
        res = []
        for txt, score, quad in zip(out.txts, out.scores, out.boxes):
            us, vs = [p[0] for p in quad], [p[1] for p in quad]
            bb = raster.point_box(min(us), min(vs), max(us), max(vs))
            step = bb.width / max(len(txt), 1)
            boxes = tuple(BBox(bb.x0 + i * step, bb.y0, bb.x0 + (i + 1) * step, bb.y1) for i in range(len(txt)))
            res.append(OcrText(txt, boxes, bb, float(score)))
        return res


@pytest.fixture(scope="module")
def rapid_ocr():
    pytest.importorskip("rapidocr")
    try:
        from redactor.config import OcrConfig
        from redactor.ingest.ocr.rapidocr_engine import RapidOcrEngine

        return RapidOcrEngine(OcrConfig())
    except ImportError:
        return _RapidAdapter()


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


# --- fixtures ---------------------------------------------------------------------

@pytest.fixture(scope="module")
def form():
    data, truth = build_form_pdf()
    return page_from_pdf(data, 150), truth


@pytest.fixture(scope="module")
def form_scan(form):
    page, truth = form
    scan, move = scan_of(page, angle_deg=0.7)
    moved = Truth(photo=move(truth.photo), photo_label=move(truth.photo_label), qr=move(truth.qr),
                  seal=move(truth.seal), signatures={k: move(v) for k, v in truth.signatures.items()})
    return scan, moved


@pytest.fixture(scope="module")
def text_page():
    data, truth = build_text_chart_pdf()
    return page_from_pdf(data, 150), truth


@pytest.fixture(scope="module")
def group():
    data, truth = build_group_pdf()
    return page_from_pdf(data, 150), truth


@pytest.fixture(scope="module")
def misc():
    data, truth, extra = build_misc_pdf()
    return page_from_pdf(data, 150), truth, extra


# --- interface ----------------------------------------------------------------------

def test_registry_builds_every_detector_with_defaults():
    from redactor.detect.regions.base import RegionDetector
    from redactor.registry import REGION_DETECTORS, resolve

    for name in REGION_DETECTORS:
        det = resolve(REGION_DETECTORS, name, "region detector")()
        assert det.name == name
        assert isinstance(det, RegionDetector)


def test_pages_without_raster_give_nothing(form):
    from redactor.detect.regions.portrait import PortraitDetector
    from redactor.detect.regions.qrcode import QrCodeDetector
    from redactor.detect.regions.seal import SealDetector
    from redactor.detect.regions.signature import SignatureDetector

    page, _ = form
    bare = replace(page, raster=None)
    for det in (PortraitDetector(), QrCodeDetector(), SealDetector(), SignatureDetector()):
        assert det.detect(bare, None) == []


def test_findings_are_regions_with_page_boxes(form):
    from redactor.detect.regions.qrcode import QrCodeDetector
    from redactor.detect.regions.seal import SealDetector

    page, _ = form
    for f in QrCodeDetector().detect(page, None) + SealDetector().detect(page, None):
        assert f.is_region and f.start is None and f.end is None
        assert f.page == page.number and 0.0 <= f.score <= 1.0
        (b,) = f.boxes
        assert 0 <= b.x0 < b.x1 <= page.width and 0 <= b.y0 < b.y1 <= page.height


# --- portrait -----------------------------------------------------------------------

def test_id_photo_is_the_whole_embedded_image(form):
    from redactor.detect.regions.portrait import PortraitDetector

    page, truth = form
    found = PortraitDetector().detect(page, None)
    assert len(found) == 1
    f = found[0]
    assert f.entity_type == "PORTRAIT" and f.recognizer == "portrait.v1"
    assert f.explain("kind") == "id_photo" and f.explain("faces") == 1 and f.explain("cue") == "embedded_image"
    assert iou(f.boxes[0], truth.photo) > 0.95


def test_scanned_id_photo_uses_the_layout(form_scan):
    from redactor.detect.regions.portrait import PortraitDetector

    page, truth = form_scan
    found = PortraitDetector().detect(page, None)          # the full-page scan image is no photo
    assert len(found) == 1
    f = found[0]
    assert f.entity_type == "PORTRAIT" and f.explain("cue") == "photo_label" and f.explain("kind") == "id_photo"
    assert covered(truth.photo, f.boxes[0]) > 0.95
    assert f.boxes[0].area < 2.0 * truth.photo.area


def test_group_photo_gives_one_face_per_person(group):
    from redactor.detect.regions.portrait import PortraitDetector

    page, truth = group
    found = PortraitDetector().detect(page, None)
    assert len(found) == 2
    assert {f.entity_type for f in found} == {"FACE"}
    assert all(f.explain("kind") == "group_face" and f.explain("faces") == 2 for f in found)
    assert all(covered(f.boxes[0], truth.group) > 0.99 for f in found)
    left, right = sorted(found, key=lambda f: f.boxes[0].x0)
    assert left.boxes[0].x1 <= right.boxes[0].x0 + 1         # one box per face, not the whole photo


def test_grey_photo_without_label_and_its_scan(misc):
    from redactor.detect.regions.portrait import PortraitDetector

    page, truth, _ = misc
    (f,) = PortraitDetector().detect(page, None)
    assert f.entity_type == "PORTRAIT" and f.explain("cue") == "embedded_image"
    assert iou(f.boxes[0], truth.photo) > 0.95
    scan, move = scan_of(page, angle_deg=-0.5, seed=3)
    (g,) = PortraitDetector().detect(scan, None)
    assert g.explain("cue") == "face_box"
    assert covered(move(truth.photo), g.boxes[0]) > 0.8


@pytest.mark.issue(14)
def test_scan_face_search_only_around_solid_patches(misc, form_scan):
    """On a scan the cascade runs only around solid non-paper patches: the photo is searched, the
    text is not, and what is found is what a search of the whole page finds."""
    from redactor.detect.regions.base import px_per_pt, to_gray
    from redactor.detect.regions.portrait import PortraitDetector, solid_patches

    page, truth, _ = misc
    grey_scan, move = scan_of(page, angle_deg=-0.5, seed=3)
    for scan, photo in ((grey_scan, move(truth.photo)), (form_scan[0], form_scan[1].photo)):
        gray = to_gray(scan.raster.pixels)
        det = PortraitDetector()
        min_px = max(det.min_face_px, int(round(det.min_face_pt * px_per_pt(scan.raster))))
        rects = solid_patches(gray, min_px)
        assert rects is not None and rects
        boxes = [scan.raster.point_box(*r) for r in rects]
        assert any(covered(photo, b) > 0.99 for b in boxes)                 # the photo is searched
        searched = sum((r[2] - r[0]) * (r[3] - r[1]) for r in rects) / gray.size
        assert searched < 0.35                                              # most of the page is not
        whole = PortraitDetector()
        whole._search_regions = lambda *a, **k: None                        # the old whole-page search
        got = [f.boxes[0] for f in det.detect(scan, None)]
        want = [f.boxes[0] for f in whole.detect(scan, None)]
        assert len(got) == len(want) == 1 and iou(got[0], want[0]) > 0.95
    blank = np.full((2339, 1654), 250, np.uint8)
    assert solid_patches(blank, 44) == []                                   # no patch: nothing to search
    lines = blank.copy()
    for y in range(200, 2200, 60):                                          # text-like rows of thin strokes
        lines[y:y + 24, 150:1500:9] = 20
    assert solid_patches(lines, 44) == []


@pytest.mark.parametrize("dpi", [100, 200])
def test_text_charts_and_micrographs_have_no_faces(dpi):
    from redactor.detect.regions.portrait import PortraitDetector

    page = page_from_pdf(build_text_chart_pdf()[0], dpi)
    assert PortraitDetector(min_neighbors=3).detect(page, None) == []


# --- QR codes and barcodes -------------------------------------------------------------

def test_qr_code_payload_is_decoded_on_a_form(form, form_scan):
    from redactor.detect.regions.qrcode import QrCodeDetector

    for page, truth in (form, form_scan):
        (f,) = QrCodeDetector().detect(page, None)
        assert f.entity_type == "QR_CODE" and f.text == APPLICATION_NO
        assert f.explain("symbology") == "QRCode" and f.explain("decoded") is True and f.explain("on_form") is True
        assert covered(truth.qr, f.boxes[0]) == 1.0          # every module (the quiet zone is blank)
        assert f.boxes[0].area < 1.6 * truth.qr.area
        assert no_values_in_explanation(f, APPLICATION_NO)


def test_barcode_off_form_with_its_digits(group):
    """The digits printed under the bars repeat the payload: they are inside the box."""
    from redactor.detect.regions.qrcode import QrCodeDetector

    page, truth = group
    (f,) = QrCodeDetector().detect(page, None)
    assert f.entity_type == "BARCODE" and f.text == BARCODE_NO
    assert f.explain("symbology") == "Code128" and f.explain("on_form") is False
    assert covered(truth.barcode, f.boxes[0]) == 1.0


def test_undecodable_qr_is_still_located(misc):
    from redactor.detect.regions.qrcode import QrCodeDetector

    page, truth, _ = misc
    (f,) = QrCodeDetector().detect(page, None)
    assert f.entity_type == "QR_CODE" and f.explain("decoded") is False and f.text == ""
    assert covered(truth.qr, f.boxes[0]) == 1.0


def test_no_codes_on_text_and_charts(text_page):
    from redactor.detect.regions.qrcode import QrCodeDetector

    assert QrCodeDetector().detect(text_page[0], None) == []


# --- seals ------------------------------------------------------------------------------

def _red_extent(page: Page, near: BBox) -> BBox:
    """Box of the red pixels around a seal, in points (the ground truth for 'fully inside')."""
    from redactor.detect.regions.seal import red_mask

    s = page.raster.to_points[0]
    m = red_mask(page.raster.pixels)
    u0, v0, u1, v1 = (int(near.x0 / s), int(near.y0 / s), int(near.x1 / s), int(near.y1 / s))
    ys, xs = np.nonzero(m[v0:v1, u0:u1])
    return BBox((u0 + xs.min()) * s, (v0 + ys.min()) * s, (u0 + xs.max() + 1) * s, (v0 + ys.max() + 1) * s)


def test_seal_over_text_is_found_and_red_ink_is_inside(form, form_scan):
    from redactor.detect.regions.seal import SealDetector

    for page, truth in (form, form_scan):
        (f,) = SealDetector().detect(page, None)
        assert f.entity_type == "SEAL" and f.explain("shape") == "round"
        assert f.explain("readable") is False and f.text == "" and f.explain("ocr_score") == 0.0
        red = _red_extent(page, truth.seal.expanded(15))
        assert covered(red, f.boxes[0]) == 1.0
        assert f.boxes[0].area < 1.3 * red.area


def test_seal_text_goes_through_the_ocr_engine(form):
    from redactor.detect.regions.seal import SealDetector

    page, _ = form
    fake = FakeOcr("示例单位", 0.93)
    (f,) = SealDetector().detect(page, fake)
    assert fake.calls >= 1
    assert "示例单位" in f.text and f.explain("readable") is True and f.explain("ocr_score") > 0.9
    assert no_values_in_explanation(f, "示例单位")


def test_red_headings_rules_and_markers_are_no_seals(text_page):
    from redactor.detect.regions.seal import SealDetector

    assert SealDetector().detect(text_page[0], None) == []


def test_oval_and_tilted_seals(misc):
    from redactor.detect.regions.seal import SealDetector

    page, _, extra = misc
    found = SealDetector().detect(page, None)
    assert len(found) == 2
    by_shape = {f.explain("shape"): f for f in found}
    assert set(by_shape) == {"round", "oval"}
    assert covered(extra["tilted"], by_shape["round"].boxes[0]) > 0.98
    assert covered(extra["oval"], by_shape["oval"].boxes[0]) > 0.98


@pytest.mark.models
def test_seal_text_is_read_with_rapidocr(form, form_scan, misc, rapid_ocr):
    from redactor.detect.regions.seal import SealDetector

    det = SealDetector()
    (f,) = det.detect(form[0], rapid_ocr)
    assert SEAL_TEXT in f.text and f.explain("readable") is True
    (g,) = det.detect(form_scan[0], rapid_ocr)
    assert g.explain("readable") is True
    assert sum(ch in g.text for ch in SEAL_TEXT) >= 0.7 * len(SEAL_TEXT)
    by_shape = {s.explain("shape"): s for s in det.detect(misc[0], rapid_ocr)}
    assert "示例市第二中学" in by_shape["round"].text            # stamped at 70 degrees
    assert "示例有限责任公司" in by_shape["oval"].text


def _greyscale(page: Page) -> Page:
    import cv2

    assert page.raster is not None
    g = cv2.cvtColor(page.raster.pixels, cv2.COLOR_RGB2GRAY)
    return replace(page, raster=replace(page.raster, pixels=np.ascontiguousarray(np.stack([g] * 3, axis=-1))))


@pytest.mark.issue(4)
def test_seal_on_a_greyscale_scan_is_found_by_its_ring(form_scan):
    """A greyscale scan turns the red seal into a grey ring: found by its shape."""
    from redactor.detect.regions.seal import SealDetector

    page, truth = form_scan
    (f,) = SealDetector().detect(_greyscale(page), None)
    assert f.explain("ink") == "grey" and f.explain("shape") == "round"
    assert covered(truth.seal, f.boxes[0]) > 0.95
    assert f.boxes[0].area < 1.6 * truth.seal.area


@pytest.mark.issue(4)
def test_greyscale_text_tables_and_charts_have_no_seals(text_page, group, misc):
    from redactor.detect.regions.seal import SealDetector

    for page in (text_page[0], group[0]):
        found = SealDetector().detect(_greyscale(page), None)
        assert found == [], [(f.boxes[0], dict(f.explanation)) for f in found]
    # on the misc page the round seal stamped at 70 degrees is found in grey too, and nothing else
    found = SealDetector().detect(_greyscale(misc[0]), None)
    extra = misc[2]
    assert any(covered(extra["tilted"], f.boxes[0]) > 0.95 for f in found)
    assert all(covered(f.boxes[0], extra["tilted"].expanded(10)) > 0.8
               or covered(f.boxes[0], extra["oval"].expanded(10)) > 0.8 for f in found), \
        [(f.boxes[0], dict(f.explanation)) for f in found]


@pytest.mark.models
@pytest.mark.issue(4)
def test_greyscale_seal_text_is_read(form_scan, rapid_ocr):
    from redactor.detect.regions.seal import SealDetector

    (f,) = SealDetector().detect(_greyscale(form_scan[0]), rapid_ocr)
    assert sum(ch in f.text for ch in SEAL_TEXT) >= 0.7 * len(SEAL_TEXT), f.text


# --- signatures ------------------------------------------------------------------------------

def _by_label(found):
    return {f.explain("label"): f for f in found}


def test_both_signatures_with_their_labels(form, form_scan):
    from redactor.detect.regions.signature import SignatureDetector

    for page, truth in (form, form_scan):
        found = _by_label(SignatureDetector().detect(page, None))
        assert set(found) == {"申报人签字", "审核人"}
        for label, f in found.items():
            assert f.entity_type == "SIGNATURE" and f.recognizer == "signature.v1"
            assert iou(f.boxes[0], truth.signatures[label]) > 0.6
            assert 0 < f.explain("label_distance_pt") < 40


def test_signature_layouts_and_non_signatures(misc):
    from redactor.detect.regions.signature import SignatureDetector

    page, truth, _ = misc
    found = _by_label(SignatureDetector().detect(page, None))
    assert set(found) == set(truth.signatures)        # not 审批人 (empty), not 申请人 (a chart)
    for label, f in found.items():
        assert iou(f.boxes[0], truth.signatures[label]) > 0.6, label


def test_no_signature_without_a_label(text_page, group):
    from redactor.detect.regions.signature import SignatureDetector

    assert SignatureDetector().detect(text_page[0], None) == []
    assert SignatureDetector().detect(group[0], None) == []


def test_ocr_reading_a_signature_does_not_hide_it(form_scan):
    """OCR often 'reads' handwriting; low-confidence OCR characters there are not print."""
    from redactor.detect.regions.signature import SignatureDetector

    page, truth = form_scan
    b = truth.signatures["申报人签字"]
    fake = (Char("张", BBox(b.x0, b.y0, b.x0 + b.width / 2, b.y1), TextOrigin.OCR, 0.62),
            Char("三", BBox(b.x0 + b.width / 2, b.y0, b.x1, b.y1), TextOrigin.OCR, 0.62),
            Char("\n", None, TextOrigin.OCR))
    page = replace(page, text=page.text + "张三\n", chars=page.chars + fake)
    found = _by_label(SignatureDetector().detect(page, None))
    assert iou(found["申报人签字"].boxes[0], b) > 0.6


def test_labels_come_from_ocr_when_the_page_has_no_text(form):
    from redactor.detect.regions.signature import SignatureDetector

    page, truth = form

    class LabelOcr:
        name = "labels.fake"

        def recognize(self, raster):
            out = []
            for word in ("申报人签字：", "审核人："):
                start = page.text.index(word)
                boxes = tuple(c.bbox for c in page.chars[start:start + len(word)])
                out.append(OcrText(word, boxes, BBox.enclosing(list(boxes)), 0.99))
            return out

    bare = replace(page, text="", chars=())
    found = _by_label(SignatureDetector().detect(bare, LabelOcr()))
    assert set(found) == {"申报人签字", "审核人"}


def test_blank_noise_and_grey_rasters_do_not_break_detectors():
    from redactor.detect.regions.portrait import PortraitDetector
    from redactor.detect.regions.qrcode import QrCodeDetector
    from redactor.detect.regions.seal import SealDetector
    from redactor.detect.regions.signature import SignatureDetector

    rng = np.random.default_rng(0)
    rasters = [np.full((300, 200, 3), 255, np.uint8), rng.integers(0, 256, (300, 200, 3), dtype=np.uint8),
               rng.integers(0, 256, (300, 200), dtype=np.uint8), np.zeros((4, 4, 3), np.uint8)]
    for px in rasters:
        h, w = px.shape[:2]
        page = Page(number=1, width=w * 72 / 150, height=h * 72 / 150, text="申报人签字：", chars=tuple(
            Char(c, BBox(5 + 10 * i, 5, 15 + 10 * i, 15)) for i, c in enumerate("申报人签字：")),
            raster=Raster(pixels=px, to_points=(72 / 150, 0, 0, 72 / 150, 0, 0), dpi=150))
        for det in (PortraitDetector(), QrCodeDetector(), SealDetector(), SignatureDetector()):
            found = det.detect(page, FakeOcr("x"))
            assert isinstance(found, list)
            if px.ndim == 3 and px.std() == 0:
                # nothing on a blank page but the signature label's "no ink here" marker (removes nothing)
                assert [f for f in found if f.explain("ink") != "none"] == []
