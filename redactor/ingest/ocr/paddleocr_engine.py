"""Optional PaddleOCR engine for sites that keep PaddleOCR inference models on disk.

Select it with ``ocr.engine: paddleocr.v1`` and ``ocr.model_dir: /path``; the
directory holds one sub-directory per model, each an exported PaddleOCR
inference model::

    model_dir/det/   inference.pdiparams + inference.pdmodel (2.x) or inference.json (3.x)
    model_dir/rec/   same

Nothing is ever downloaded: the paths are checked before PaddleOCR is
constructed (PaddleOCR fetches missing models by itself, so an incomplete
directory is an error here).  ``paddleocr`` is imported lazily; install it with
``pip install 'redactor[paddle]'``.

PaddleOCR returns line boxes only, so per-character boxes are a proportional
split of each line quadrilateral (CJK characters count as one advance,
Latin letters and digits as about half).  Pages are read as they are rendered;
no orientation correction is attempted.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

import numpy as np

from redactor.config import OcrConfig
from redactor.errors import MissingModelError, OcrEngineError
from redactor.model import BBox, Raster
from redactor.protocols import OcrText

log = logging.getLogger(__name__)

_PARAMS = "inference.pdiparams"
_GRAPHS = ("inference.pdmodel", "inference.json")
_REMEDY = "or use the bundled engine (ocr.engine: rapidocr.v1)"


def check_model_dir(model_dir: str | None) -> dict[str, Path]:
    """The det/rec model directories, or MissingModelError naming what is missing."""
    if not model_dir:
        raise MissingModelError(
            "the paddleocr.v1 engine needs ocr.model_dir: a directory with det/ and rec/ PaddleOCR "
            f"inference models (nothing is downloaded); set it in the config {_REMEDY}",
        )
    root = Path(model_dir).expanduser()
    if not root.is_dir():
        raise MissingModelError(f"ocr.model_dir does not exist or is not a directory; {_REMEDY}", path=str(root))
    found: dict[str, Path] = {}
    problems: list[str] = []
    for part in ("det", "rec"):
        d = root / part
        if not (d / _PARAMS).is_file() or not any((d / g).is_file() for g in _GRAPHS):
            problems.append(f"{part}/ needs {_PARAMS} and one of {', '.join(_GRAPHS)}")
        else:
            found[part] = d
    if problems:
        raise MissingModelError(
            "PaddleOCR models incomplete: " + "; ".join(problems)
            + f"; copy the exported inference models there {_REMEDY}",
            path=str(root),
        )
    return found


class PaddleOcrEngine:
    """``OcrEngine`` over a locally installed PaddleOCR (2.x or 3.x)."""

    name = "paddleocr.v1"

    def __init__(self, cfg: OcrConfig | None = None) -> None:
        self.cfg = cfg or OcrConfig()
        self.dirs = check_model_dir(self.cfg.model_dir)
        # PaddleX (PaddleOCR 3.x) checks model hosts on import unless told not to.
        os.environ.setdefault("PADDLE_PDX_DISABLE_MODEL_SOURCE_CHECK", "True")
        try:
            import paddleocr
        except ImportError as exc:
            raise MissingModelError(
                "the paddleocr.v1 engine needs the paddleocr package, which is not installed; "
                f"run `pip install 'redactor[paddle]'` (plus paddlepaddle) {_REMEDY}",
            ) from exc
        version = str(getattr(paddleocr, "__version__", "2"))
        self._v3 = version.split(".")[0].isdigit() and int(version.split(".")[0]) >= 3
        try:
            self._ocr = self._build(paddleocr)
        except Exception as exc:
            raise OcrEngineError(f"PaddleOCR could not be initialised ({type(exc).__name__}: {exc})") from exc

    def _build(self, paddleocr: Any) -> Any:
        c = self.cfg
        threads = c.intra_op_threads or os.cpu_count() or 1
        if self._v3:
            return paddleocr.PaddleOCR(
                text_detection_model_dir=str(self.dirs["det"]),
                text_recognition_model_dir=str(self.dirs["rec"]),
                use_doc_orientation_classify=False,
                use_doc_unwarping=False,
                use_textline_orientation=bool(c.use_angle_cls),
                text_det_limit_side_len=int(c.det_limit_side_len),
                text_det_limit_type="max",
                text_rec_score_thresh=0.0,
                text_recognition_batch_size=int(c.rec_batch_num),
                cpu_threads=threads,
            )
        return paddleocr.PaddleOCR(
            det_model_dir=str(self.dirs["det"]),
            rec_model_dir=str(self.dirs["rec"]),
            use_angle_cls=False,
            lang="ch",
            show_log=False,
            det_limit_side_len=int(c.det_limit_side_len),
            det_limit_type="max",
            rec_batch_num=int(c.rec_batch_num),
            drop_score=0.0,
            cpu_threads=threads,
        )

    def recognize(self, raster: Raster) -> list[OcrText]:
        from redactor.ingest.ocr.rapidocr_engine import _as_bgr, _order_quad, split_quad

        img = _as_bgr(raster.pixels)
        try:
            lines = self._run(img)
        except Exception as exc:
            raise OcrEngineError(f"PaddleOCR failed ({type(exc).__name__}: {exc})") from exc
        h, w = img.shape[:2]
        out: list[OcrText] = []
        for quad, text, score in lines:
            if not text:
                continue
            q = _order_quad(np.asarray(quad, dtype=np.float32).reshape(-1, 2)[:4])
            boxes = tuple(_box(raster, cq, w, h) for cq in split_quad(q, text))
            out.append(OcrText(text=text, char_boxes=boxes, bbox=_box(raster, q, w, h), score=float(score),
                               split_boxes=True))
        return out

    def _run(self, img: np.ndarray) -> list[tuple[Any, str, float]]:
        if self._v3:
            res = self._ocr.predict(img)
            if not res:
                return []
            r = res[0]
            get = r.get if hasattr(r, "get") else (lambda k, d=None: getattr(r, k, d))
            return list(zip(get("rec_polys", []), get("rec_texts", []), get("rec_scores", [])))
        res = self._ocr.ocr(img, cls=False)
        page = res[0] if res else None
        return [(item[0], str(item[1][0]), float(item[1][1])) for item in (page or [])]


def _box(raster: Raster, quad: np.ndarray, w: int, h: int) -> BBox:
    q = np.asarray(quad, dtype=np.float64).reshape(-1, 2)
    u0, u1 = float(np.clip(q[:, 0].min(), 0, w)), float(np.clip(q[:, 0].max(), 0, w))
    v0, v1 = float(np.clip(q[:, 1].min(), 0, h)), float(np.clip(q[:, 1].max(), 0, h))
    return raster.point_box(u0, v0, max(u0, u1), max(v0, v1))
