"""Issues #14 and #52: ingest and detection read identical pixels once (``pipeline._LazyOcr`` over the
worker's ``Readings``), and so does the final check with its own reader.

The memo is keyed by the exact pixels and their page geometry: a seal embedded as the same image on
two pages is unrolled and OCRed once, a raster differing in one pixel or placed elsewhere is read
again; another document of the same applicant (a dossier) finds what the worker read, another
applicant's finds nothing, and ``forget_readings`` drops it all.  The final check never finds
detection's readings: it reads with its own."""

from __future__ import annotations

import numpy as np
import pymupdf

from redactor.config import load_config, profile_from_mapping
from redactor.model import BBox, Raster
from redactor.pipeline import Pipeline, _LazyOcr
from redactor.protocols import OcrText
from tests.pages import FONT, draw_seal

EMPLOYER = "示例市第一人民医院"


class _Counting:
    name = "counting"

    def __init__(self) -> None:
        self.calls: list[tuple[int, int]] = []

    def recognize(self, raster: Raster) -> list[OcrText]:
        self.calls.append(raster.pixels.shape[:2])
        h, w = raster.pixels.shape[:2]
        box = raster.point_box(0, 0, w, h)
        return [OcrText(EMPLOYER, (box,) * len(EMPLOYER), box, 0.95)]


def _raster(value: int = 255, shift: float = 0.0) -> Raster:
    px = np.full((40, 120, 3), value, np.uint8)
    return Raster(pixels=px, to_points=(0.5, 0, 0, 0.5, shift, 0), dpi=144.0)


def test_identical_pixels_are_read_once_a_changed_pixel_or_place_again():
    engine = _Counting()
    pipe = Pipeline(load_config(), ocr=engine, regions=False)
    lazy = _LazyOcr(pipe)
    a = lazy.recognize(_raster())
    assert lazy.recognize(_raster()) == a and len(engine.calls) == 1
    changed = _raster()
    changed.pixels[3, 7, 0] = 254
    lazy.recognize(changed)
    assert len(engine.calls) == 2
    moved = lazy.recognize(_raster(shift=100.0))          # same pixels elsewhere on the page: other boxes
    assert len(engine.calls) == 3 and moved[0].bbox.x0 == a[0].bbox.x0 + 100.0
    _LazyOcr(pipe).recognize(_raster())                    # another document of the same applicant: remembered
    assert len(engine.calls) == 3
    other = profile_from_mapping({"name": "李四光", "employers": ["另一市第二中学"]})
    _LazyOcr(pipe, other).recognize(_raster())             # another applicant's: read again
    assert len(engine.calls) == 4
    _LazyOcr(pipe, other).recognize(_raster())
    assert len(engine.calls) == 4
    pipe.forget_readings()
    _LazyOcr(pipe, other).recognize(_raster())
    assert len(engine.calls) == 5


def test_the_final_check_reads_with_its_own_reader_and_remembers_its_own(tmp_path):
    """The gate never gets detection's readings; its own reading of unchanged pixels is shared between two
    outputs of one applicant, and still finds the employer's name on them."""
    png = _seal_png()
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    page.insert_text((60, 80), "证明材料", fontname=FONT, fontsize=14)
    page.insert_image(pymupdf.Rect(320, 180, 460, 320), stream=png)
    pdf = tmp_path / "seal.pdf"
    doc.save(pdf)
    engine = _Counting()
    pipe = Pipeline(load_config(), ocr=engine)
    profile = profile_from_mapping({"name": "张三丰", "employers": [EMPLOYER]})
    lazy = _LazyOcr(pipe, profile)
    lazy.recognize(_raster())
    before = len(engine.calls)
    first = pipe.verify(str(pdf), profile)
    gate_reads = len(engine.calls) - before
    assert gate_reads >= 1                                  # the gate read for itself
    assert not first.passed and any(lk.category == "employer" for lk in first.failures)
    second = pipe.verify(str(pdf), profile)
    assert len(engine.calls) - before == gate_reads         # its own readings, remembered
    assert [(lk.category, lk.where, lk.page) for lk in second.failures] == \
        [(lk.category, lk.where, lk.page) for lk in first.failures]
    pipe.forget_readings()
    pipe.verify(str(pdf), profile)
    assert len(engine.calls) - before == 2 * gate_reads


def _seal_png() -> bytes:
    src = pymupdf.open()
    p = src.new_page(width=140, height=140)
    draw_seal(p, (70, 70), 60, EMPLOYER)
    return p.get_pixmap(dpi=200).tobytes("png")


def test_a_seal_image_on_two_pages_is_ocred_once(tmp_path):
    png = _seal_png()
    doc = pymupdf.open()
    for i in range(2):
        page = doc.new_page(width=595, height=842)
        page.insert_text((60, 80), f"工作单位证明 第{i + 1}页", fontname=FONT, fontsize=14)
        page.insert_image(pymupdf.Rect(320, 180, 460, 320), stream=png)
    path = tmp_path / "two.pdf"
    doc.save(path)
    one = tmp_path / "one.pdf"
    single = pymupdf.open(path)
    single.select([0])
    single.save(one)

    def detect(pdf) -> tuple[_Counting, list]:  # noqa: ANN001
        from redactor.context import RunContext

        engine = _Counting()
        pipe = Pipeline(load_config(), ocr=engine)
        profile = profile_from_mapping({"name": "张三丰", "employers": [EMPLOYER]})
        work = tmp_path / f"w-{pdf.stem}"
        work.mkdir()
        a = pipe.analyze(str(pdf), profile, RunContext(pipe.cfg, str(work), "d"))
        return engine, [f for f in a.findings if f.entity_type == "SEAL"]

    e1, seals1 = detect(one)
    e2, seals2 = detect(path)
    assert len(seals1) == 1 and len(seals2) == 2
    assert seals2[0].text == seals2[1].text == seals1[0].text and EMPLOYER in seals1[0].text
    # each page's rendering differs (its page number) and is read; page 2's seal is not read again
    pages = (2339, 1653)
    assert e1.calls.count(pages) == 1 and e2.calls.count(pages) == 2
    seal_reads = [c for c in e1.calls if c != pages]
    assert seal_reads and [c for c in e2.calls if c != pages] == seal_reads
