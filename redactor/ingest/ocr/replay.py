"""Replayed OCR: an engine's recorded readings, looked up by the exact raster they were made from.

Tests and benchmarks read the same pixels again and again; the engine's answer to them is fixed by the
pixels, the raster's place on the page and the engine's own version and settings.  ``ReplayOcrEngine``
keeps each answer in a small gzip'd JSON file named after the SHA-256 of all of those, returns it when the
same question comes again, and asks the real engine (loaded only then) when it does not -- so a replayed
run gives exactly the answers a live run gives, on any CPU, and a changed raster or engine is simply read
again.  Files are written once, atomically, so worker processes and Ray actors can share a folder.

For the test suite only (issue 50): a recording is a page's text, written to disk outside the output folder and
never wiped -- an applicant's data.  ``ocr.replay_dir`` or the ``REDACTOR_OCR_REPLAY`` environment variable select
it only where ``REDACTOR_TEST_MODE=1`` says the process is a test run (``tests/conftest.py`` sets both, for itself and
every CLI, batch or web subprocess); anywhere else ``redact``, ``batch``, ``serve`` and ``verify`` refuse to start
(``refuse_outside_tests``: one line, exit 4), and nothing is written.  With ``REDACTOR_OCR_REPLAY_STRICT=1``
(``make test``, so CI) a reading that was never recorded fails the test instead of running the engine and recording
it: ``make record-ocr`` records what a change needs, to be committed with it.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import threading
from collections.abc import Callable, Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np

from redactor.model import BBox, Raster
from redactor.protocols import OcrEngine, OcrText

ENV = "REDACTOR_OCR_REPLAY"
TEST_FLAG = "REDACTOR_TEST_MODE"            # "1": this process is the test suite's
STRICT = "REDACTOR_OCR_REPLAY_STRICT"       # "1": a reading never recorded fails instead of being read live


def replay_folder(configured: str | None) -> str | None:
    """Where recorded readings are, for a test run (``configured``: ``ocr.replay_dir``; else the environment's);
    None outside the test suite or when none is set.  (``refuse_outside_tests`` has stopped a run that sets one
    without the test flag.)"""
    if os.environ.get(TEST_FLAG) != "1":
        return None
    return configured or os.environ.get(ENV) or None


def refuse_outside_tests(configured: str | None) -> None:
    """Raise ``ConfigError`` when recorded OCR is asked for (``ocr.replay_dir`` or ``REDACTOR_OCR_REPLAY``) outside
    the test suite: it would write every page's text to a folder that is never wiped."""
    from redactor.errors import ConfigError

    asked = configured or os.environ.get(ENV)
    if asked and os.environ.get(TEST_FLAG) != "1":
        what = "ocr.replay_dir is set in the config" if configured else f"{ENV} is set in the environment"
        raise ConfigError(f"{what}: recorded OCR is for the test suite only (it writes the pages' text to disk); "
                          f"unset it (or set {TEST_FLAG}=1 in a test run)")
_PACKAGES = ("rapidocr", "onnxruntime", "paddleocr")
# Each engine's reading revision: raised with a change of its code that reads the same pixels with the same
# settings differently (2: ``rapidocr.v1``'s stamp pass finds rings on the paper made white; 3: a faint box's
# skew is its print's), so that readings recorded before are never replayed for it (``make record-ocr`` records
# them again; the old folder is deleted).
READING_REVISIONS = {"rapidocr.v1": 3}


def engine_fingerprint(name: str, settings: dict[str, Any]) -> str:
    """What an engine's answer depends on besides the raster: its name, its reading's revision
    (``READING_REVISIONS``), settings and package versions."""
    versions: dict[str, Any] = {"reading_revision": READING_REVISIONS.get(name, 0)}
    for pkg in _PACKAGES:
        try:
            versions[pkg] = metadata.version(pkg)
        except metadata.PackageNotFoundError:
            continue
    blob = json.dumps({"engine": name, "settings": settings, "versions": versions}, sort_keys=True)
    return hashlib.sha256(blob.encode()).hexdigest()[:16]


def raster_key(method: str, rasters: Sequence[Raster]) -> str:
    """SHA-256 of the method and every raster's pixels, shape, type and page geometry."""
    h = hashlib.sha256(method.encode())
    for r in rasters:
        px = np.ascontiguousarray(r.pixels)
        h.update(repr((px.shape, str(px.dtype), tuple(r.to_points), r.dpi)).encode())
        h.update(px.tobytes())
    return h.hexdigest()


def _box(b: BBox) -> list[float]:
    return [float(b.x0), float(b.y0), float(b.x1), float(b.y1)]     # repr of a float reads back exactly


def _line_out(t: OcrText) -> dict[str, Any]:
    out: dict[str, Any] = {"text": t.text, "boxes": [_box(b) for b in t.char_boxes], "bbox": _box(t.bbox),
                           "score": float(t.score)}
    if t.reader:
        out["reader"] = t.reader
    if t.split_boxes:
        out["split_boxes"] = True
    return out


def _line_in(d: dict[str, Any]) -> OcrText:
    return OcrText(d["text"], tuple(BBox(*b) for b in d["boxes"]), BBox(*d["bbox"]), d["score"], d.get("reader", ""),
                   bool(d.get("split_boxes", False)))


def replayed(make_engine: Callable[[], OcrEngine], folder: str | Path, ocr_cfg: Any) -> ReplayOcrEngine:
    """The engine ``make_engine`` builds for ``ocr_cfg`` (an ``OcrConfig``), answering from ``folder`` first."""
    settings = ocr_cfg.model_dump(exclude={"replay_dir", "enabled", "dpi", *_NOT_IN_KEY})
    return ReplayOcrEngine(make_engine, folder, ocr_cfg.engine, settings)


# settings that change only a watched reading (the cascade's), which is kept under its watch's own key
# (``ReplayOcrEngine.watching``): an unwatched reading is the full model's whatever they say; and settings that
# change how the engine computes, never what it reads (``memory_arena``, ``intra_op_threads``:
# tests/unit/test_ocr_engine.py; ``reading_memo``: the pipeline's, not the engine's)
_NOT_IN_KEY = frozenset({"rec_cascade", "cascade_min_score", "memory_arena", "intra_op_threads", "reading_memo"})


class ReplayOcrEngine:
    """``OcrEngine`` (and ``LineReader``) answering from recordings, the real engine on a miss."""

    def __init__(self, make_engine: Callable[[], OcrEngine], folder: str | Path, name: str,
                 settings: dict[str, Any]) -> None:
        self.name = name
        self.folder = Path(folder) / engine_fingerprint(name, settings)
        self._make = make_engine
        self._engine: OcrEngine | None = None
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    @property
    def engine(self) -> OcrEngine:
        with self._lock:
            if self._engine is None:
                self._engine = self._make()
            return self._engine

    def watching(self, watch: Any) -> ReplayOcrEngine:
        """The engine's reading for one applicant (``RapidOcrEngine.watching``), replayed under its own key:
        the same raster read under another watch can read otherwise.  Engines that do not watch read as
        they do (the same recordings)."""
        def make() -> OcrEngine:
            live = getattr(self.engine, "watching", None)
            return live(watch) if live is not None else self.engine

        view = ReplayOcrEngine(make, self.folder.parent, self.name, {})
        view.folder = self.folder / f"watch-{watch.fingerprint}"        # the engine loads on a miss only
        return view

    def __getattr__(self, attr: str) -> Any:
        # anything else (``last_stats``, ``load_seconds``) is the real engine's
        if attr.startswith("_"):
            raise AttributeError(attr)
        return getattr(self.engine, attr)

    # --- the engine's calls ----------------------------------------------------------------

    def recognize(self, raster: Raster) -> list[OcrText]:
        return self._lines("recognize", [raster], lambda: self.engine.recognize(raster))

    def recognize_upright(self, raster: Raster) -> list[OcrText]:
        def live() -> list[OcrText]:
            fn = getattr(self.engine, "recognize_upright", None)
            return list(fn(raster) if fn is not None else self.engine.recognize(raster))
        return self._lines("recognize_upright", [raster], live)

    def read_lines(self, rasters: Sequence[Raster]) -> list[OcrText]:
        return self._lines("read_lines", list(rasters), lambda: self.engine.read_lines(rasters))  # type: ignore[attr-defined]

    def read_strip(self, raster: Raster) -> OcrText:
        return self._lines("read_strip", [raster], lambda: [self.engine.read_strip(raster)])[0]  # type: ignore[attr-defined]

    # --- the store ---------------------------------------------------------------------

    def _lines(self, method: str, rasters: list[Raster], live: Callable[[], list[OcrText]]) -> list[OcrText]:
        key = raster_key(method, rasters)
        path = self.folder / key[:2] / f"{key}.json.gz"
        if path.is_file():
            try:
                lines = [_line_in(d) for d in json.loads(gzip.decompress(path.read_bytes()))]
                self.hits += 1
                return lines
            except (OSError, ValueError, KeyError, TypeError):
                pass          # a damaged recording is read again
        if os.environ.get(STRICT) == "1":
            from redactor.errors import OcrEngineError

            raise OcrEngineError(f"no recorded OCR reading for this raster ({method}, {key[:12]}): strict replay "
                                 "(make test) reads only recordings; run `make record-ocr` and commit tests/ocr_replay")
        lines = list(live())
        self.misses += 1
        self._record(path, lines)
        return lines

    @staticmethod
    def _record(path: Path, lines: list[OcrText]) -> None:
        data = gzip.compress(json.dumps([_line_out(t) for t in lines], ensure_ascii=False).encode(), mtime=0)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}")
            tmp.write_bytes(data)
            os.replace(tmp, path)
        except OSError:
            pass              # a read-only checkout replays what it has and reads the rest live
