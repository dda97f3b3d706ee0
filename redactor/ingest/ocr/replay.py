"""Replayed OCR: an engine's recorded readings, looked up by the raster they were made from.

Tests and benchmarks read the same pixels again and again; the engine's answer to them is fixed by the
pixels, the raster's place on the page and the engine's own version and settings.  ``ReplayOcrEngine``
keeps each answer in a small gzip'd JSON file, returns it when the same question comes again, and asks the
real engine (loaded only then) when it does not -- so a changed raster or engine is simply read again.

Which question is "the same" (issue 81): the method, the rasters' geometry (shape, type, pixel-to-point
transform, resolution) exactly, and the pixels *nearly*.  A rendering on another CPU or build (LibreOffice's
layout, MuPDF's anti-aliasing, OpenCV's dispatch) can differ from the recorded one by a grey level here and
there; keyed by the SHA-256 of the exact pixels, one flipped bit made a strict test fail on another machine.
Each recording keeps a thumbnail of its pixels (``THUMB_PX`` a side at most, area-averaged grey); a question
whose geometry matches is answered by the recording whose thumbnail is within ``NEAR_MEAN``/``NEAR_MAX``
grey levels of its own, the nearest first.  A real change of what a raster shows (a painted box, another
crop, other text) moves a thumbnail by tens of levels and is read again.  The exact digest still names the
file and is tried first.  ``REDACTOR_OCR_REPLAY_PERTURB=1`` shifts every raster by one grey level before it
is looked up (a test of the suite itself: every recording must still be found).

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
PERTURB = "REDACTOR_OCR_REPLAY_PERTURB"     # "1": every raster one grey level off before it is looked up

THUMB_PX = 48           # a thumbnail's longest side at most (pixels): a page's cell is ~40 px, a strip's one or two
NEAR_MEAN = 2.0         # grey levels: the mean difference of two thumbnails of the same raster, at most
NEAR_MAX = 24.0         # grey levels: their largest difference at most (a glyph's edge rendered otherwise)
FORMAT = 2              # 2: {"rasters": [geometry and thumbnail], "lines": [...]}; 1: the lines alone


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


def geometry_key(method: str, rasters: Sequence[Raster]) -> str:
    """What a reading's question is besides its pixels: the method and each raster's shape, type, pixel-to-point
    transform and resolution (a recording is replayed for a question of the same geometry only)."""
    parts = [(tuple(np.shape(r.pixels)), str(np.asarray(r.pixels).dtype), tuple(round(float(v), 6) for v in r.to_points),
              round(float(r.dpi), 6)) for r in rasters]
    return hashlib.sha256(repr((method, parts)).encode()).hexdigest()[:24]


def thumbnail(pixels: Any) -> np.ndarray:
    """The raster's grey levels averaged over cells (``THUMB_PX`` a side at most), as float32."""
    import cv2

    px = np.asarray(pixels)
    grey = px.astype(np.float32).mean(axis=2) if px.ndim == 3 else px.astype(np.float32)
    h, w = grey.shape[:2]
    th, tw = max(1, min(h, THUMB_PX)), max(1, min(w, THUMB_PX))
    if (th, tw) == (h, w):
        return grey
    return cv2.resize(grey, (tw, th), interpolation=cv2.INTER_AREA)


def _distance(a: Sequence[np.ndarray], b: Sequence[np.ndarray]) -> float | None:
    """The largest mean difference of two rasters' thumbnails (grey levels), or None when one of them differs by
    more than ``NEAR_MAX`` anywhere or ``NEAR_MEAN`` on average (another raster)."""
    worst = 0.0
    for x, y in zip(a, b):
        if x.shape != y.shape:
            return None
        d = np.abs(x - y)
        mean = float(d.mean()) if d.size else 0.0
        if mean > NEAR_MEAN or (d.size and float(d.max()) > NEAR_MAX):
            return None
        worst = max(worst, mean)
    return worst


def _perturbed(rasters: Sequence[Raster]) -> list[Raster]:
    """``rasters`` one grey level off (up, down where a pixel is white): what another CPU's rendering may be."""
    out = []
    for r in rasters:
        px = np.asarray(r.pixels).astype(np.int16)
        px = np.where(px >= 255, px - 1, px + 1).astype(np.asarray(r.pixels).dtype)
        out.append(Raster(pixels=px, to_points=r.to_points, dpi=r.dpi))
    return out


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
        if os.environ.get(PERTURB) == "1":
            rasters = _perturbed(rasters)
        key = raster_key(method, rasters)
        geometry = geometry_key(method, rasters)
        path = self.folder / geometry[:2] / geometry / f"{key}.json.gz"
        found = _read(path)
        if found is None:
            legacy = self.folder / key[:2] / f"{key}.json.gz"          # format 1: by the exact pixels alone
            found = _read(legacy)
            if found is not None:
                self._record(path, found, rasters)                    # kept in today's format from now on
        if found is None:
            found = self._nearest(path.parent, rasters)
        if found is not None:
            self.hits += 1
            return found
        if os.environ.get(STRICT) == "1":
            from redactor.errors import OcrEngineError

            raise OcrEngineError(f"no recorded OCR reading for this raster ({method}, {geometry[:12]}): strict replay "
                                 "(make test) reads only recordings; run `make record-ocr` and commit tests/ocr_replay")
        lines = list(live())
        self.misses += 1
        self._record(path, lines, rasters)
        return lines

    def _nearest(self, folder: Path, rasters: list[Raster]) -> list[OcrText] | None:
        """The reading recorded for the raster of this geometry whose thumbnail is nearest this one's, within
        ``NEAR_MEAN``/``NEAR_MAX``; None when none is."""
        if not folder.is_dir():
            return None
        mine = [thumbnail(r.pixels) for r in rasters]
        best: tuple[float, list[OcrText]] | None = None
        for f in sorted(folder.glob("*.json.gz")):
            data = _load(f)
            if data is None or not isinstance(data, dict):
                continue
            try:
                theirs = [np.asarray(t["thumb"], np.float32) for t in data["rasters"]]
                d = _distance(mine, theirs)
                if d is not None and (best is None or d < best[0]):
                    best = (d, [_line_in(x) for x in data["lines"]])
            except (KeyError, TypeError, ValueError):
                continue
        return best[1] if best is not None else None

    @staticmethod
    def _record(path: Path, lines: list[OcrText], rasters: Sequence[Raster]) -> None:
        record = {"format": FORMAT,
                  "rasters": [{"thumb": np.rint(thumbnail(r.pixels)).astype(int).tolist()} for r in rasters],
                  "lines": [_line_out(t) for t in lines]}
        data = gzip.compress(json.dumps(record, ensure_ascii=False).encode(), mtime=0)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}")
            tmp.write_bytes(data)
            os.replace(tmp, path)
        except OSError:
            pass              # a read-only checkout replays what it has and reads the rest live


def _load(path: Path) -> Any:
    """A recording's JSON, or None when there is none or it is damaged (then it is read again)."""
    if not path.is_file():
        return None
    try:
        return json.loads(gzip.decompress(path.read_bytes()))
    except (OSError, ValueError):
        return None


def _read(path: Path) -> list[OcrText] | None:
    """The lines of the recording at ``path`` (either format), or None."""
    data = _load(path)
    if data is None:
        return None
    try:
        return [_line_in(d) for d in (data["lines"] if isinstance(data, dict) else data)]
    except (KeyError, TypeError, ValueError):
        return None
