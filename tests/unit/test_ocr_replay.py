"""Replayed OCR (``redactor/ingest/ocr/replay.py``): the engine's own answer, exactly, for the same raster only."""

from __future__ import annotations

import numpy as np
import pytest

from redactor.config import OcrConfig
from redactor.ingest.ocr.replay import PERTURB, STRICT, replayed
from redactor.model import BBox, Raster
from redactor.protocols import OcrText, read_strip


class _Engine:
    """Reads every raster as one line whose text says how often it was called; boxes with awkward floats."""

    name = "rapidocr.v1"

    def __init__(self) -> None:
        self.calls = 0

    def recognize(self, raster: Raster) -> list[OcrText]:
        self.calls += 1
        h, w = raster.pixels.shape[:2]
        box = raster.point_box(0, 0, w / 3, h / 7)
        text = f"第{self.calls}行"
        return [OcrText(text, tuple(BBox(box.x0 + i / 3, box.y0, box.x1, box.y1) for i in range(len(text))), box,
                        float(np.float32(0.1234567)))]

    def read_lines(self, rasters):  # noqa: ANN001, ANN201
        return [self.recognize(r)[0] for r in rasters]

    def read_strip(self, raster: Raster) -> OcrText:
        return self.recognize(raster)[0]


@pytest.fixture(autouse=True)
def _recording_allowed(monkeypatch):
    """These tests record into their own folder: the strict mode of ``make test`` (a miss fails) is for the suite's
    recordings, not for the engine's own tests of what a miss does."""
    monkeypatch.delenv(STRICT, raising=False)
    monkeypatch.delenv(PERTURB, raising=False)        # these tests say themselves which rasters are a level off


def _raster(value: int = 255, shift: float = 0.0) -> Raster:
    return Raster(pixels=np.full((30, 90, 3), value, np.uint8), to_points=(0.36, 0, 0, 0.36, shift, 0), dpi=200.0)


def test_a_recorded_reading_is_replayed_exactly_without_the_engine(tmp_path):
    first, second = _Engine(), _Engine()
    live = replayed(lambda: first, tmp_path, OcrConfig()).recognize(_raster())
    again_engine = replayed(lambda: second, tmp_path, OcrConfig())
    again = again_engine.recognize(_raster())
    assert again == live                       # every float, every box, the score: read back exactly
    assert first.calls == 1 and second.calls == 0
    assert again_engine.hits == 1 and again_engine.misses == 0


def test_another_picture_place_method_or_engine_setting_is_read_live(tmp_path):
    engine = _Engine()
    replay = replayed(lambda: engine, tmp_path, OcrConfig())
    replay.recognize(_raster())
    replay.recognize(_raster(value=200))               # other pixels
    replay.recognize(_raster(shift=5.0))               # the same pixels elsewhere on the page
    replay.recognize_upright(_raster())                 # another question about the same pixels
    assert engine.calls == 4
    other = _Engine()
    replayed(lambda: other, tmp_path, OcrConfig(det_limit_side_len=960)).recognize(_raster())
    assert other.calls == 1


def _page_like(seed: int = 0) -> Raster:
    """A raster with print on it: dark strokes on paper, as a rendered line of text is."""
    rng = np.random.default_rng(seed)
    px = np.full((60, 400, 3), 250, np.uint8)
    for x in rng.integers(0, 380, 40):
        px[15:45, x:x + 6] = 20
    return Raster(pixels=px, to_points=(0.36, 0, 0, 0.36, 0, 0), dpi=200.0)


def test_a_rendering_a_grey_level_off_replays_the_same_reading(tmp_path, monkeypatch):
    """Another CPU's rendering differs by a grey level here and there: the same reading, the engine never asked
    (issue 81).  So does the suite's own test mode, every raster one level off."""
    engine = _Engine()
    first = replayed(lambda: engine, tmp_path, OcrConfig()).recognize(_page_like())
    off = _page_like()
    px = off.pixels.astype(int)
    px[::3, ::2] += np.where(px[::3, ::2] > 128, -1, 1)             # one level, on a sixth of the pixels
    px[30, 10:16] = 120                                              # and one glyph edge anti-aliased otherwise
    again = replayed(lambda: _Engine(), tmp_path, OcrConfig())
    assert again.recognize(Raster(pixels=px.astype(np.uint8), to_points=off.to_points, dpi=off.dpi)) == first
    monkeypatch.setenv(PERTURB, "1")
    assert replayed(lambda: _Engine(), tmp_path, OcrConfig()).recognize(_page_like()) == first
    assert engine.calls == 1
    monkeypatch.delenv(PERTURB)
    replayed(lambda: engine, tmp_path, OcrConfig()).recognize(_page_like(seed=1))    # other print: read live
    assert engine.calls == 2


def test_a_recording_of_the_first_format_replays_and_is_kept_in_the_second(tmp_path):
    """Recordings made before the thumbnails (the exact pixels' digest alone) replay as they are, and are written
    again in today's format, so a perturbed rendering finds them from then on."""
    import gzip
    import json

    from redactor.ingest.ocr.replay import _line_out, raster_key

    line = OcrText("旧的读数", (BBox(1, 2, 3, 4),) * 4, BBox(1, 2, 13, 4), 0.9)
    folder = replayed(_Engine, tmp_path, OcrConfig()).folder
    key = raster_key("recognize", [_page_like()])
    (folder / key[:2]).mkdir(parents=True)
    (folder / key[:2] / f"{key}.json.gz").write_bytes(gzip.compress(json.dumps([_line_out(line)]).encode()))

    def refuse():  # noqa: ANN202
        raise AssertionError("loaded")

    assert replayed(refuse, tmp_path, OcrConfig()).recognize(_page_like()) == [line]
    assert len(list(folder.rglob("*.json.gz"))) == 2                  # the same reading, in the second format too
    (folder / key[:2] / f"{key}.json.gz").unlink()
    assert replayed(refuse, tmp_path, OcrConfig()).recognize(_page_like()) == [line]


def test_line_reading_and_strips_replay_too(tmp_path):
    engine = _Engine()
    replay = replayed(lambda: engine, tmp_path, OcrConfig())
    lines = replay.read_lines([_raster(), _raster(value=10)])
    strip = read_strip(replay, _raster(value=20))
    assert replayed(lambda: _Engine(), tmp_path, OcrConfig()).read_lines([_raster(), _raster(value=10)]) == lines
    assert read_strip(replayed(lambda: _Engine(), tmp_path, OcrConfig()), _raster(value=20)) == strip
    assert engine.calls == 3


def test_the_engine_is_not_loaded_until_a_miss(tmp_path):
    def refuse():  # noqa: ANN202
        raise AssertionError("loaded")

    engine = _Engine()
    replayed(lambda: engine, tmp_path, OcrConfig()).recognize(_raster())
    assert replayed(refuse, tmp_path, OcrConfig()).recognize(_raster())[0].text == "第1行"


def test_a_damaged_recording_is_read_again(tmp_path):
    engine = _Engine()
    replayed(lambda: engine, tmp_path, OcrConfig()).recognize(_raster())
    for f in tmp_path.rglob("*.json.gz"):
        f.write_bytes(b"not gzip")
    assert replayed(lambda: engine, tmp_path, OcrConfig()).recognize(_raster())[0].text == "第2行"


def test_strict_mode_fails_on_a_reading_never_recorded_and_writes_nothing(tmp_path, monkeypatch):
    """``make test`` runs strict: a miss is an error naming ``make record-ocr``, the engine is never asked and
    nothing is recorded; a recorded reading still replays."""
    from redactor.errors import OcrEngineError

    engine = _Engine()
    replayed(lambda: engine, tmp_path, OcrConfig()).recognize(_raster())      # recorded while allowed
    monkeypatch.setenv(STRICT, "1")
    strict_engine = _Engine()
    strict = replayed(lambda: strict_engine, tmp_path, OcrConfig())
    assert strict.recognize(_raster()) and strict_engine.calls == 0
    before = sorted(p.name for p in tmp_path.rglob("*") if p.is_file())
    with pytest.raises(OcrEngineError, match="record-ocr"):
        strict.recognize(_raster(value=200))
    assert strict_engine.calls == 0
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == before


class _SplitEngine(_Engine):
    """Its lines' character boxes split from the line's box in proportion (PaddleOCR's, RapidOCR's fallback)."""

    def recognize(self, raster: Raster) -> list[OcrText]:
        return [OcrText(ln.text, ln.char_boxes, ln.bbox, ln.score, split_boxes=True) for ln in super().recognize(raster)]


def test_a_lines_split_boxes_are_replayed_as_split(tmp_path):
    """Boxes split in proportion say nothing of where a character was lost (``detect.dropped_chars``): replayed as
    measured, they would make the applicant's name with a lost character another person's."""
    live = replayed(_SplitEngine, tmp_path, OcrConfig()).recognize(_raster())
    again = replayed(_SplitEngine, tmp_path, OcrConfig()).recognize(_raster())
    assert live[0].split_boxes and again == live
    measured = replayed(_Engine, tmp_path / "m", OcrConfig())
    assert not measured.recognize(_raster())[0].split_boxes
    assert not replayed(_Engine, tmp_path / "m", OcrConfig()).recognize(_raster())[0].split_boxes
