"""Interfaces that cross stage boundaries without importing a stage.

The OCR engine lives in ``ingest`` but the seal reader in ``detect`` and the
re-OCR in ``verify`` need it too; they receive an object satisfying
``OcrEngine`` from the pipeline instead of importing ingest.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Protocol, Sequence, TypeVar, runtime_checkable

from redactor.model import BBox, Raster


@dataclass(frozen=True)
class OcrText:
    """One recognised line. ``char_boxes[i]`` is the box of ``text[i]`` in points."""

    text: str
    char_boxes: tuple[BBox, ...]
    bbox: BBox
    score: float
    reader: str = ""            # the recogniser that read it (a models/manifest.yaml id); "" = the engine's one
    split_boxes: bool = False   # char_boxes split from the line's box in proportion, not measured (CTC columns)

    def __post_init__(self) -> None:
        if len(self.text) != len(self.char_boxes):
            raise ValueError("OcrText needs one box per character")


@runtime_checkable
class OcrEngine(Protocol):
    """Recognise text in a page rendering; boxes come back in page points."""

    name: str

    def recognize(self, raster: Raster) -> list[OcrText]: ...


@runtime_checkable
class LineReader(Protocol):
    """An engine that can also recognise text lines whose place is known (recognition only):
    one ``OcrText`` per upright line image, in order, with an empty text where nothing was read."""

    def read_lines(self, rasters: list[Raster]) -> list[OcrText]: ...


def recognize_upright(ocr: OcrEngine, raster: Raster) -> list[OcrText]:
    """``ocr.recognize`` for an image known to be upright: engines that offer ``recognize_upright``
    skip their orientation probe; others recognise as usual."""
    fn = getattr(ocr, "recognize_upright", None)
    return list(fn(raster) if fn is not None else ocr.recognize(raster))


def read_strip(ocr: OcrEngine, raster: Raster, confident: float | None = None) -> list[OcrText]:
    """The text of an image that holds one upright line by construction (an unrolled seal ring):
    engines that offer ``read_strip`` recognise it without their detection network (about a quarter
    of the CPU); others recognise it as ``recognize_upright`` does.  With ``confident``, a strip read
    so with a score under it or fewer than 2 characters (stray ink around the text: the line is not
    where the strip says) is read again with detection.  Lines with text only."""
    fn = getattr(ocr, "read_strip", None)
    if fn is not None:
        line = fn(raster)
        text = line.text.strip()
        if confident is None or (len(text) >= 2 and line.score >= confident):
            return [line] if text else []
    return [t for t in recognize_upright(ocr, raster) if t.text.strip()]


class PageProgress(Protocol):
    """Told after each page of a stage ("read": ingest and OCR, "detect": recognisers and region detectors),
    so a caller watching one document (the web app's progress bar) can say which page is being worked on.
    It may raise ``redactor.errors.Cancelled`` to stop the run there (every stage lets it through)."""

    def __call__(self, stage: str, done: int, total: int) -> None: ...


_T = TypeVar("_T")
_R = TypeVar("_R")


class PageMap(Protocol):
    """Runs ``work`` on every item (a page's inputs) and returns the results in the items' order, whether it
    works them one after another (``in_order``) or several at once (the pipeline's page threads, where one
    document has the machine to itself).  ``work`` must not depend on the order: a page's result is the same
    either way, so nothing any stage decides depends on how the pages were run."""

    def __call__(self, work: Callable[[_T], _R], items: Sequence[_T]) -> list[_R]: ...


def in_order(work: Callable[[_T], _R], items: Sequence[_T]) -> list[_R]:
    """``PageMap`` one item after another (a batch worker's share of one core; tests)."""
    return [work(x) for x in items]


class ProgressBar(Protocol):
    """Updated only by the parent process (CLI: rich; tests: NullProgressBar)."""

    def __enter__(self) -> ProgressBar: ...
    def __exit__(self, *exc: object) -> None: ...
    def advance(self, n: int = 1) -> None: ...


class NullProgressBar:
    def __init__(self, total: int = 0, desc: str = "", unit: str = "") -> None:
        self.total = total

    def __enter__(self) -> NullProgressBar:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def advance(self, n: int = 1) -> None:
        return None
