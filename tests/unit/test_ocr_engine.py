"""The OCR engine layer: RapidOCR adapter, OCR -> page characters, PaddleOCR stub.

Tests marked ``models`` run the ONNX models shipped in the rapidocr wheel on
small synthetic pages (PyMuPDF text in its built-in CJK font, rendered with
``render_page``); the true character boxes come from ``page.get_text('rawdict')``
of the same page, so the whole chain pixels -> points, page rotation included,
is checked.  Names and numbers are made up.
"""

from __future__ import annotations

import math
import sys

import numpy as np
import pymupdf
import pytest

from redactor.config import OcrConfig
from redactor.errors import MissingModelError
from redactor.ingest.images import render_page
from redactor.ingest.ocr import rapidocr_engine as re_mod
from redactor.ingest.ocr.merge import ocr_to_chars, reading_order
from redactor.model import BBox, Char, Raster, TextOrigin
from redactor.protocols import OcrEngine, OcrText

NAME = "王小明"                     # the textbook placeholder name


def fake_id() -> str:
    body = "11010519900307123"
    w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return body + "10X98765432"[sum(int(a) * b for a, b in zip(body, w)) % 11]


ID = fake_id()
LINES = [
    f"姓名：{NAME}  申报职称：副教授",
    f"身份证号：{ID}",
    "工作单位：某某大学计算机学院",
]


def make_page(rotation: int = 0) -> tuple[pymupdf.Document, pymupdf.Page]:
    doc = pymupdf.open()
    page = doc.new_page(width=420, height=170)
    y = 40.0
    for t in LINES:
        page.insert_text((30, y), t, fontname="china-s", fontsize=14)
        y += 40
    page.set_rotation(rotation)
    return doc, page


def true_chars(page: pymupdf.Page) -> list[tuple[str, BBox]]:
    d = page.get_text("rawdict")
    return [
        (c["c"], BBox(*c["bbox"]))
        for b in d["blocks"] for ln in b.get("lines", ()) for sp in ln["spans"] for c in sp["chars"]
    ]


def find_run(chars: list[tuple[str, BBox]], s: str) -> list[BBox]:
    text = "".join(c for c, _ in chars)
    i = text.index(s)
    return [b for _, b in chars[i:i + len(s)]]


def ocr_run(lines: list[OcrText], s: str) -> list[BBox]:
    for ln in lines:
        i = ln.text.find(s)
        if i >= 0:
            return list(ln.char_boxes[i:i + len(s)])
    raise AssertionError(f"{s!r} not read; got {[ln.text for ln in lines]}")


def iou(a: BBox, b: BBox) -> float:
    inter = a.intersection_area(b)
    return inter / (a.area + b.area - inter) if inter else 0.0


def assert_boxes_match(got: list[BBox], want: list[BBox], min_iou: float = 0.3) -> None:
    for g, w in zip(got, want, strict=True):
        cx, cy = g.center
        assert w.expanded(0.5).contains_point(cx, cy), f"OCR box {g.as_tuple()} centre not in true box {w.as_tuple()}"
        assert iou(g, w) >= min_iou, f"IoU {iou(g, w):.2f} of {g.as_tuple()} and {w.as_tuple()}"


def check_invariants(lines: list[OcrText]) -> None:
    for ln in lines:
        assert len(ln.text) == len(ln.char_boxes)
        for b in ln.char_boxes:
            assert b.width > 0 and b.height > 0


@pytest.fixture(scope="module")
def engine() -> re_mod.RapidOcrEngine:
    return re_mod.RapidOcrEngine(OcrConfig())


# -- the RapidOCR engine -----------------------------------------------------------------

@pytest.mark.models
def test_engine_satisfies_protocol(engine: re_mod.RapidOcrEngine) -> None:
    assert isinstance(engine, OcrEngine)
    assert engine.name == "rapidocr.v1"
    assert engine.det_model.parent == re_mod.rapidocr_model_dir()


@pytest.mark.models
@pytest.mark.parametrize("rotation", [0, 90, 180, 270])
def test_reads_name_and_id_with_true_char_boxes(engine: re_mod.RapidOcrEngine, rotation: int) -> None:
    doc, page = make_page(rotation)
    raster = render_page(page, 200)
    lines = engine.recognize(raster)
    check_invariants(lines)
    text = "\n".join(ln.text for ln in lines)
    assert NAME in text and ID in text
    # /Rotate r displays the text turned by r clockwise; the engine turns it back
    # by r counter-clockwise (what OcrStats.rotation counts)
    assert engine.last_stats.rotation == rotation
    truth = true_chars(page)
    assert_boxes_match(ocr_run(lines, NAME), find_run(truth, NAME))
    assert_boxes_match(ocr_run(lines, ID), find_run(truth, ID), min_iou=0.2)
    doc.close()


@pytest.mark.models
@pytest.mark.parametrize("rotation", [0, 180])
def test_upright_first_reading_is_the_probed_reading(engine: re_mod.RapidOcrEngine, rotation: int,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """An upright page is read once (no separate orientation probe); what comes back is exactly what the
    probe-first path reads, and an upside-down page is still turned."""
    doc, page = make_page(rotation)
    raster = render_page(page, 200)
    fast = engine.recognize(raster)
    fast_stats = engine.last_stats
    monkeypatch.setattr(re_mod.RapidOcrEngine, "_upright_reading", lambda self, img, boxes: None)
    probed = engine.recognize(raster)
    assert [(ln.text, ln.bbox, ln.char_boxes, ln.score) for ln in fast] == \
        [(ln.text, ln.bbox, ln.char_boxes, ln.score) for ln in probed]
    assert fast_stats.rotation == engine.last_stats.rotation == rotation
    if rotation == 0:
        assert list(fast_stats.probe_scores) == [0]       # accepted on the full reading: no window probe
    else:
        assert 180 in fast_stats.probe_scores              # the probe decided
    doc.close()


@pytest.mark.models
@pytest.mark.issue(14)
@pytest.mark.parametrize("turn", [0, 2])
def test_probe_does_not_read_a_short_line_twice(engine: re_mod.RapidOcrEngine, turn: int,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """A picture of a few short lines whose upright reading is unsure (handwriting, a small picture
    upside down) is probed; the probe takes the upright score of a line it would read whole from that
    reading: the same turn, scores and lines as reading it again, with fewer recognitions."""
    doc = pymupdf.open()
    page = doc.new_page(width=150, height=70)
    page.insert_text((12, 30), NAME, fontname="china-s", fontsize=16)
    page.insert_text((12, 55), "副教授", fontname="china-s", fontsize=16)
    raster = render_page(page, 150)
    raster = Raster(pixels=np.ascontiguousarray(np.rot90(raster.pixels, turn)), dpi=raster.dpi)
    counted: list[int] = []
    real = re_mod.RapidOcrEngine._rec_batch

    def counting(self, crops, *, word_info):
        counted.append(len(crops))
        return real(self, crops, word_info=word_info)

    monkeypatch.setattr(re_mod.RapidOcrEngine, "_rec_batch", counting)
    runs = []
    for reuse in (True, False):
        monkeypatch.setattr(engine, "_batch_of_one", reuse)
        counted.clear()
        lines = engine.recognize(raster)
        runs.append(([(ln.text, ln.bbox, ln.char_boxes, ln.score) for ln in lines], engine.last_stats.rotation,
                     engine.last_stats.probe_scores, sum(counted)))
    (got, rot, scores, reads), (want, rot0, scores0, reads0) = runs
    assert (got, rot, scores) == (want, rot0, scores0)
    assert rot == 90 * turn and NAME in "".join(t for t, *_ in got)
    if turn:                           # probed: the upright windows were not read again
        assert 180 in scores and reads < reads0
    doc.close()


def _skewed(raster: Raster, degrees: float) -> Raster:
    """The raster turned by ``degrees`` about its centre, as a skewed scan would be."""
    import cv2

    h, w = raster.pixels.shape[:2]
    m = cv2.getRotationMatrix2D((w / 2, h / 2), degrees, 1.0)        # original pixel -> skewed pixel
    pixels = cv2.warpAffine(raster.pixels, m, (w, h), borderValue=(255, 255, 255))
    inv = cv2.invertAffineTransform(m)                                # skewed pixel -> original pixel
    a, b, c, d, e, f = raster.to_points
    # to_points o inv
    ia, ib, ic = inv[0]
    id_, ie, if_ = inv[1]
    to_points = (a * ia + c * id_, b * ia + d * id_, a * ib + c * ie, b * ib + d * ie,
                 a * ic + c * if_ + e, b * ic + d * if_ + f)
    return Raster(pixels=pixels, to_points=to_points, dpi=raster.dpi)


@pytest.mark.models
def test_three_degree_skew(engine: re_mod.RapidOcrEngine) -> None:
    doc, page = make_page()
    raster = _skewed(render_page(page, 200), 3.0)
    lines = engine.recognize(raster)
    check_invariants(lines)
    truth = true_chars(page)
    # the enclosing box of a turned character is larger than the character
    assert_boxes_match(ocr_run(lines, NAME), find_run(truth, NAME), min_iou=0.25)
    assert ID in "".join(ln.text for ln in lines)
    assert_boxes_match(ocr_run(lines, ID), find_run(truth, ID), min_iou=0.1)
    doc.close()


@pytest.mark.models
def test_no_line_dropped_for_its_score(engine: re_mod.RapidOcrEngine, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every detected box with text comes back, whatever its recognition score."""
    doc, page = make_page()
    raster = render_page(page, 200)
    real = engine._rec_batch

    def low_scores(crops, *, word_info):
        texts, scores, infos, readers = real(crops, word_info=word_info)
        return texts, [s * 0.1 for s in scores], infos, readers

    monkeypatch.setattr(engine, "_rec_batch", low_scores)
    lines = engine.recognize(raster)
    st = engine.last_stats
    assert st.detected > 0 and st.returned + st.empty == st.detected
    assert st.returned == len(lines) >= len(LINES)
    assert all(ln.score < 0.1 for ln in lines)
    chars, records = ocr_to_chars(lines, (), low_conf=0.5)
    assert len(records) == len(lines) and all(r[4] for r in records)   # all flagged, none dropped
    doc.close()


@pytest.mark.models
def test_small_and_wide_rasters(engine: re_mod.RapidOcrEngine) -> None:
    """A seal-sized crop and a one-line strip go through the padding/upscaling paths."""
    doc = pymupdf.open()
    page = doc.new_page(width=260, height=24)
    page.insert_text((6, 17), NAME + "同志", fontname="china-s", fontsize=14)
    raster = render_page(page, 100)            # 361 x 33 px: upscaled and padded
    lines = engine.recognize(raster)
    check_invariants(lines)
    assert NAME in "".join(ln.text for ln in lines)
    assert_boxes_match(ocr_run(lines, NAME), find_run(true_chars(page), NAME))
    blank = Raster(pixels=np.full((50, 80, 3), 255, np.uint8))
    assert engine.recognize(blank) == []
    doc.close()


@pytest.mark.models
@pytest.mark.issue(14)
def test_read_strip_recognises_without_detection(engine: re_mod.RapidOcrEngine,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """An unrolled seal strip is one line by construction: ``read_strip`` trims the paper around
    it and recognises it without the detection network, boxes on the page's own points."""
    doc = pymupdf.open()
    page = doc.new_page(width=400, height=120)
    text = "包头市继续教育中心"              # an organisation name, as on a seal ring
    page.insert_text((40, 70), text, fontname="china-s", fontsize=22)
    raster = render_page(page, 150)          # the line sits in a wide margin of paper
    monkeypatch.setattr(engine, "_detect", lambda img: pytest.fail("detection ran on a strip"))
    line = engine.read_strip(raster)
    assert line.text == text and line.score > 0.9 and len(line.char_boxes) == len(text)
    assert_boxes_match(list(line.char_boxes), find_run(true_chars(page), text))
    blank = Raster(pixels=np.full((60, 300, 3), 255, np.uint8))
    assert engine.read_strip(blank).text == ""
    doc.close()


@pytest.mark.models
def test_no_download_on_construction(monkeypatch: pytest.MonkeyPatch) -> None:
    from rapidocr.utils import download_file

    calls: list[object] = []
    monkeypatch.setattr(download_file.DownloadFile, "run", classmethod(lambda cls, p: calls.append(p)))
    eng = re_mod.RapidOcrEngine(OcrConfig(use_angle_cls=True))
    assert calls == []
    assert eng._cls is not None


def test_missing_model_file_is_a_clear_error(tmp_path) -> None:
    with pytest.raises(MissingModelError, match="reinstall the rapidocr wheel"):
        re_mod.RapidOcrEngine(OcrConfig(), det_model=tmp_path / "nope.onnx")


def test_download_guard_refuses() -> None:
    from rapidocr.utils import download_file

    with re_mod._no_downloads():
        with pytest.raises(MissingModelError, match="offline"):
            download_file.DownloadFile.run(download_file.DownloadFileInput(file_url="https://x/y.onnx", save_path="/tmp/y", logger=None))  # type: ignore[arg-type]
    assert "run" in download_file.DownloadFile.__dict__     # restored


# -- geometry helpers (no models) --------------------------------------------------------

@pytest.mark.parametrize("k", [0, 1, 2, 3])
def test_rotation_round_trip(k: int) -> None:
    w, h = 300, 200
    img = np.zeros((h, w), np.uint8)
    img[20:30, 40:60] = 1                                     # a block at u 40..60, v 20..30
    rot = np.rot90(img, k)
    pts = np.array([[40, 20], [60, 30]], dtype=np.float32)
    fwd = re_mod._rot_forward(pts, k, w, h)
    ys, xs = np.nonzero(rot)
    assert math.isclose(fwd[:, 0].min(), xs.min(), abs_tol=1) and math.isclose(fwd[:, 0].max(), xs.max() + 1, abs_tol=1)
    assert math.isclose(fwd[:, 1].min(), ys.min(), abs_tol=1) and math.isclose(fwd[:, 1].max(), ys.max() + 1, abs_tol=1)
    assert np.allclose(re_mod._rot_inverse(fwd, k, w, h), pts)


def test_order_quad() -> None:
    q = np.array([[10, 12], [0, 10], [1, 0], [11, 2]], dtype=np.float32)
    tl, tr, br, bl = re_mod._order_quad(q)
    assert tuple(tl) == (1, 0) and tuple(tr) == (11, 2) and tuple(br) == (10, 12) and tuple(bl) == (0, 10)


def test_split_quad_is_proportional() -> None:
    quad = np.array([[0, 0], [30, 0], [30, 10], [0, 10]], dtype=np.float32)
    parts = re_mod.split_quad(quad, "中ab")
    assert len(parts) == 3
    widths = [p[1][0] - p[0][0] for p in parts]
    assert widths[0] > widths[1] and math.isclose(sum(widths), 30, abs_tol=1e-4)


def test_align_spaces_gives_gap_boxes() -> None:
    q = lambda x0, x1: np.array([[x0, 0], [x1, 0], [x1, 10], [x0, 10]], dtype=np.float32)  # noqa: E731
    out = re_mod._align_spaces("a b", [q(0, 5), q(10, 15)], q(0, 15))
    assert out is not None and len(out) == 3
    assert out[1][0][0] == 5 and out[1][1][0] == 10
    assert re_mod._align_spaces("ab", [q(0, 5)], q(0, 15)) is None


# -- merge: OCR lines -> page characters ---------------------------------------------------

def line(text: str, x0: float, y0: float, score: float = 0.9, w: float = 10, h: float = 12, dy: float = 0.0) -> OcrText:
    boxes = tuple(BBox(x0 + i * w, y0 + i * dy, x0 + (i + 1) * w, y0 + i * dy + h) for i in range(len(text)))
    return OcrText(text=text, char_boxes=boxes, bbox=BBox.enclosing(boxes), score=score)


def test_ocr_to_chars_offsets_separators_and_flags() -> None:
    lines = [line("第二行", 10, 50, 0.4), line("第一行", 10, 10, 0.95)]
    chars, records = ocr_to_chars(lines, (), low_conf=0.5)
    text = "".join(c.c for c in chars)
    assert text == "第一行\n第二行\n"
    assert [(s, e) for s, e, *_ in records] == [(0, 3), (4, 7)]
    assert records[0][3] == 0.95 and not records[0][4]
    assert records[1][3] == 0.4 and records[1][4]
    assert all(c.origin is TextOrigin.OCR for c in chars if c.c != "\n")
    assert chars[3] == Char("\n", None)
    assert chars[4].score == 0.4 and chars[4].bbox == lines[0].char_boxes[0]


def test_duplicates_of_visible_text_layer_are_dropped() -> None:
    ocr = line("王小明", 10, 10)
    layer = tuple(Char(c, b) for c, b in zip("王小明", ocr.char_boxes))
    chars, records = ocr_to_chars([ocr, line("图片里的字", 10, 60)], layer, 0.5)
    assert "".join(c.c for c in chars) == "图片里的字\n"
    assert len(records) == 1


def test_ocr_kept_over_garbled_or_hidden_layers() -> None:
    ocr = line("王小明", 10, 10)
    garbled = tuple(Char(c, b) for c, b in zip("\x01\x02\x03", ocr.char_boxes))
    assert "".join(c.c for c in ocr_to_chars([ocr], garbled, 0.5)[0]) == "王小明\n"
    hidden = tuple(Char(c, b, TextOrigin.HIDDEN_LAYER) for c, b in zip("王小明", ocr.char_boxes))
    assert "".join(c.c for c in ocr_to_chars([ocr], hidden, 0.5)[0]) == "王小明\n"
    elsewhere = tuple(Char(c, BBox(b.x0, b.y0 + 100, b.x1, b.y1 + 100)) for c, b in zip("王小明", ocr.char_boxes))
    assert "".join(c.c for c in ocr_to_chars([ocr], elsewhere, 0.5)[0]) == "王小明\n"


def test_partly_duplicated_line_is_kept() -> None:
    ocr = line("王小明的身份证号", 10, 10)
    layer = tuple(Char(c, b) for c, b in zip("王小明", ocr.char_boxes[:3]))
    assert "".join(c.c for c in ocr_to_chars([ocr], layer, 0.5)[0]) == "王小明的身份证号\n"


def test_reading_order_rows_and_columns() -> None:
    lines = [line("右", 200, 11), line("下", 10, 40), line("左", 10, 10)]
    assert [ln.text for ln in reading_order(lines)] == ["左", "右", "下"]


def test_reading_order_tolerates_skew() -> None:
    # 3 degrees: each long line drifts ~26 pt across the page, more than the line pitch
    slope = math.tan(math.radians(3))
    lines = []
    for row in range(4):
        lines.append(line("甲" * 30, 20, 20 + row * 18, w=16, dy=16 * slope))
        lines.append(line("乙" * 5, 520, 20 + row * 18 + 500 * slope, w=16, dy=16 * slope))
    order = reading_order(list(reversed(lines)))
    assert [ln.bbox.y0 for ln in order[::2]] == sorted(ln.bbox.y0 for ln in order[::2])
    assert [ln.text[0] for ln in order] == ["甲", "乙"] * 4


def test_reading_order_on_a_rotated_page() -> None:
    """/Rotate 90: visually horizontal lines run upwards in unrotated page space."""
    def vline(text: str, x0: float, y_start: float) -> OcrText:
        boxes = tuple(BBox(x0, y_start - (i + 1) * 10, x0 + 12, y_start - i * 10) for i in range(len(text)))
        return OcrText(text, boxes, BBox.enclosing(boxes), 0.9)

    # displayed top line is at the smallest x (the page is turned clockwise)
    lines = [vline("第二行文字", 40, 500), vline("第一行文字", 10, 500), vline("第三行文字", 70, 500)]
    assert [ln.text for ln in reading_order(lines)] == ["第一行文字", "第二行文字", "第三行文字"]


# -- PaddleOCR (not installed here) ---------------------------------------------------------

def test_paddle_engine_needs_a_model_dir() -> None:
    from redactor.ingest.ocr.paddleocr_engine import PaddleOcrEngine

    with pytest.raises(MissingModelError, match="model_dir"):
        PaddleOcrEngine(OcrConfig(engine="paddleocr.v1"))


def test_paddle_engine_reports_incomplete_models(tmp_path) -> None:
    from redactor.ingest.ocr.paddleocr_engine import PaddleOcrEngine

    (tmp_path / "det").mkdir()
    with pytest.raises(MissingModelError, match="rec/ needs"):
        PaddleOcrEngine(OcrConfig(engine="paddleocr.v1", model_dir=str(tmp_path)))


def test_paddle_engine_without_paddleocr_names_the_remedy(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    from redactor.ingest.ocr.paddleocr_engine import PaddleOcrEngine

    for part in ("det", "rec"):
        (tmp_path / part).mkdir()
        (tmp_path / part / "inference.pdiparams").write_bytes(b"")
        (tmp_path / part / "inference.pdmodel").write_bytes(b"")
    monkeypatch.setitem(sys.modules, "paddleocr", None)      # import fails even where it is installed
    with pytest.raises(MissingModelError, match=r"pip install 'redactor\[paddle\]'"):
        PaddleOcrEngine(OcrConfig(engine="paddleocr.v1", model_dir=str(tmp_path)))


def test_registry_names_resolve() -> None:
    from redactor.registry import OCR_ENGINES, resolve

    assert resolve(OCR_ENGINES, "rapidocr.v1", "OCR engine") is re_mod.RapidOcrEngine
    from redactor.ingest.ocr.paddleocr_engine import PaddleOcrEngine

    assert resolve(OCR_ENGINES, "paddleocr.v1", "OCR engine") is PaddleOcrEngine


@pytest.mark.models
def test_the_memory_arena_changes_no_reading(engine: re_mod.RapidOcrEngine) -> None:
    """``ocr.memory_arena`` only keeps ONNX Runtime's buffers between runs; the replay key leaves it out
    (``replay._NOT_IN_KEY``), so it must read every line, score and box exactly as without it."""
    from redactor.config import OcrConfig

    assert engine.cfg.memory_arena, "the default"
    without = re_mod.RapidOcrEngine(OcrConfig(rec_batch_num=1, memory_arena=False))

    def arenas(e: re_mod.RapidOcrEngine) -> list[bool]:
        return [x.session.session.get_session_options().enable_cpu_mem_arena for x in (e._det, e._rec)]

    assert arenas(engine) == [True, True] and arenas(without) == [False, False]     # the setting reaches ONNX Runtime
    for rotation in (0, 90):
        doc, page = make_page(rotation)
        raster = render_page(page, 200)
        assert engine.recognize(raster) == without.recognize(raster)
        doc.close()


@pytest.mark.models
def test_the_thread_count_changes_no_reading(engine: re_mod.RapidOcrEngine) -> None:
    """``ocr.intra_op_threads`` only spreads ONNX Runtime's work over cores (issue 52: a document alone uses
    every core); the replay key leaves it out (``replay._NOT_IN_KEY``), so two threads must read every line,
    score and box exactly as one."""
    from redactor.config import OcrConfig

    two = re_mod.RapidOcrEngine(OcrConfig(rec_batch_num=1, intra_op_threads=2))

    def threads(e: re_mod.RapidOcrEngine) -> list[int]:
        return [x.session.session.get_session_options().intra_op_num_threads for x in (e._det, e._rec)]

    assert threads(engine) == [1, 1] and threads(two) == [2, 2]      # the setting reaches ONNX Runtime
    for rotation in (0, 90):
        doc, page = make_page(rotation)
        raster = render_page(page, 200)
        assert engine.recognize(raster) == two.recognize(raster)
        doc.close()
