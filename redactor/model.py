"""The data every stage exchanges: frozen, picklable, stdlib-only.

Coordinate convention (one system, everywhere after ingest): PDF points in the
page space PyMuPDF uses for text extraction and redaction annotations, i.e. the
*unrotated* page with a top-left origin, x to the right, y downwards.  Only the
ingest stage (PyMuPDF text, OCR adapter) converts anything into this system.

Text invariant: ``page.text[i]`` is drawn at ``page.chars[i].bbox``.  Separators
the ingest stage inserts (line breaks, cell gaps) are characters with no box.
Detectors return offsets into ``page.text``; boxes are found by slicing
``page.chars``, never by searching for a string again.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class BBox:
    """Axis-aligned box in PDF points, top-left origin (x0 <= x1, y0 <= y1)."""

    x0: float
    y0: float
    x1: float
    y1: float

    def __post_init__(self) -> None:
        if self.x1 < self.x0 or self.y1 < self.y0:
            raise ValueError(f"inverted BBox {self.as_tuple()}: need x0<=x1 and y0<=y1")

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    @property
    def area(self) -> float:
        return self.width * self.height

    @property
    def center(self) -> tuple[float, float]:
        return ((self.x0 + self.x1) / 2, (self.y0 + self.y1) / 2)

    def as_tuple(self) -> tuple[float, float, float, float]:
        return (self.x0, self.y0, self.x1, self.y1)

    def union(self, other: BBox) -> BBox:
        return BBox(
            min(self.x0, other.x0), min(self.y0, other.y0),
            max(self.x1, other.x1), max(self.y1, other.y1),
        )

    def intersection_area(self, other: BBox) -> float:
        w = min(self.x1, other.x1) - max(self.x0, other.x0)
        h = min(self.y1, other.y1) - max(self.y0, other.y0)
        return w * h if w > 0 and h > 0 else 0.0

    def contains_point(self, x: float, y: float) -> bool:
        return self.x0 <= x <= self.x1 and self.y0 <= y <= self.y1

    def expanded(self, dx: float, dy: float | None = None) -> BBox:
        dy = dx if dy is None else dy
        return BBox(self.x0 - dx, self.y0 - dy, self.x1 + dx, self.y1 + dy)

    @staticmethod
    def enclosing(boxes: list[BBox] | tuple[BBox, ...]) -> BBox:
        if not boxes:
            raise ValueError("BBox.enclosing needs at least one box")
        out = boxes[0]
        for b in boxes[1:]:
            out = out.union(b)
        return out


class TextOrigin(str, enum.Enum):
    """Where a character came from; redaction and audit treat all alike."""

    TEXT_LAYER = "text_layer"        # visible text drawn by the PDF
    HIDDEN_LAYER = "hidden_layer"    # invisible text (render mode 3), e.g. an OCR layer on a scan
    OCR = "ocr"                      # recognised from pixels by the OCR engine


@dataclass(frozen=True, slots=True)
class Char:
    """One character of ``Page.text``; ``bbox`` is None for inserted separators."""

    c: str
    bbox: BBox | None
    origin: TextOrigin = TextOrigin.TEXT_LAYER
    score: float = 1.0               # OCR confidence of the line; 1.0 for text layers


# Ingest builds one Char and one BBox per glyph (~1 500 a dense page): the dataclass ``__init__``s
# (a frozen ``__setattr__`` per field, ``__post_init__``'s check) were a third of a text page's ingest.
# ``text_char`` builds the very same objects by setting their slots directly.
_new = object.__new__
_BOX_X0, _BOX_Y0, _BOX_X1, _BOX_Y1 = (getattr(BBox, f).__set__ for f in ("x0", "y0", "x1", "y1"))
_CHAR_C, _CHAR_BBOX, _CHAR_ORIGIN, _CHAR_SCORE = (getattr(Char, f).__set__ for f in ("c", "bbox", "origin", "score"))


def text_char(c: str, x0: float, y0: float, x1: float, y1: float, origin: TextOrigin) -> Char:
    """``Char(c, BBox(x0, y0, x1, y1), origin)`` without the dataclass constructors (ingest's hot path).
    The caller guarantees an upright box (x0 <= x1, y0 <= y1): ``BBox``'s check is not run."""
    box = _new(BBox)
    _BOX_X0(box, x0)
    _BOX_Y0(box, y0)
    _BOX_X1(box, x1)
    _BOX_Y1(box, y1)
    ch = _new(Char)
    _CHAR_C(ch, c)
    _CHAR_BBOX(ch, box)
    _CHAR_ORIGIN(ch, origin)
    _CHAR_SCORE(ch, 1.0)
    return ch


@dataclass(frozen=True, slots=True)
class OcrLine:
    """One OCR text line, kept for the audit and for low-confidence bookkeeping."""

    start: int                       # offsets into Page.text
    end: int
    bbox: BBox
    score: float
    low_confidence: bool = False
    reader: str = ""                 # the recogniser that read it (OcrText.reader; "" = the engine's one)
    split_boxes: bool = False        # its characters' boxes split from the line's in proportion (OcrText.split_boxes)


@dataclass(frozen=True, slots=True)
class ImagePlacement:
    """An image drawn on the page (born-digital PDFs); pixels live in ``Page.raster``.  ``own``: a picture
    with its own transparency rendered alone on white, mapped to the page's points (``ingest.images.
    transparent_pictures``): what it shows without the page under it."""

    bbox: BBox
    xref: int | None = None
    width_px: int = 0
    height_px: int = 0
    own: Raster | None = None


@dataclass(frozen=True)
class Raster:
    """A rendering of the page.  ``to_points`` maps pixel (u, v) to page points.

    ``to_points`` is an affine transform ``(a, b, c, d, e, f)``:
    x = a*u + c*v + e, y = b*u + d*v + f.  It absorbs page rotation.
    """

    pixels: Any = field(compare=False, repr=False)   # numpy uint8 array, H x W x 3, RGB
    to_points: tuple[float, float, float, float, float, float] = (1, 0, 0, 1, 0, 0)
    dpi: float = 72.0

    def point_box(self, u0: float, v0: float, u1: float, v1: float) -> BBox:
        """Pixel rectangle -> enclosing point box (handles rotation)."""
        a, b, c, d, e, f = self.to_points
        xs, ys = [], []
        for u, v in ((u0, v0), (u1, v0), (u0, v1), (u1, v1)):
            xs.append(a * u + c * v + e)
            ys.append(b * u + d * v + f)
        return BBox(min(xs), min(ys), max(xs), max(ys))

    def to_pixels(self, x: float, y: float) -> tuple[float, float]:
        """Inverse of ``to_points``."""
        a, b, c, d, e, f = self.to_points
        det = a * d - b * c
        u = (d * (x - e) - c * (y - f)) / det
        v = (-b * (x - e) + a * (y - f)) / det
        return u, v

    def crop(self, box: BBox, pad: float = 0.0) -> Raster | None:
        """The part of the rendering under ``box`` (points), as its own Raster
        whose ``to_points`` still maps into page points.  None if empty."""
        pts = [self.to_pixels(x, y) for x in (box.x0 - pad, box.x1 + pad) for y in (box.y0 - pad, box.y1 + pad)]
        h, w = self.pixels.shape[:2]
        u0 = max(0, int(min(p[0] for p in pts)))
        v0 = max(0, int(min(p[1] for p in pts)))
        u1 = min(w, int(max(p[0] for p in pts)) + 1)
        v1 = min(h, int(max(p[1] for p in pts)) + 1)
        if u1 - u0 < 8 or v1 - v0 < 8:
            return None
        a, b, c, d, e, f = self.to_points
        shifted = (a, b, c, d, e + a * u0 + c * v0, f + b * u0 + d * v0)
        return Raster(pixels=self.pixels[v0:v1, u0:u1], to_points=shifted, dpi=self.dpi)

    def turned(self, k: int) -> Raster:
        """The rendering turned by ``k`` quarter turns (``np.rot90``, counter-clockwise).  Only the pixels
        turn: ``to_points`` is composed with the turn, so boxes read in the turned pixels still map to
        page points."""
        import numpy as np

        k %= 4
        if k == 0:
            return self
        px = np.asarray(self.pixels)
        h, w = px.shape[:2]
        a, b, c, d, e, f = self.to_points
        if k == 1:      # old (u, v) = (W - v', u')
            tp = (c, d, -a, -b, a * w + e, b * w + f)
        elif k == 3:    # old (u, v) = (v', H - u')
            tp = (-c, -d, a, b, c * h + e, d * h + f)
        else:           # old (u, v) = (W - u', H - v')
            tp = (-a, -b, -c, -d, a * w + c * h + e, b * w + d * h + f)
        return Raster(pixels=np.ascontiguousarray(np.rot90(px, k)), to_points=tp, dpi=self.dpi)


class PageKind(str, enum.Enum):
    BORN_DIGITAL = "born_digital"    # trustworthy text layer, no OCR
    SCANNED = "scanned"              # image only, OCR
    SCAN_WITH_HIDDEN_TEXT = "scan_with_hidden_text"   # OCR + hidden layer both searched
    MIXED = "mixed"                  # vector text plus pasted images that were OCRed


@dataclass(frozen=True)
class Page:
    number: int                      # 1-based
    width: float                     # points
    height: float
    text: str
    chars: tuple[Char, ...]
    kind: PageKind = PageKind.BORN_DIGITAL
    rotation: int = 0
    images: tuple[ImagePlacement, ...] = ()
    ocr_lines: tuple[OcrLine, ...] = ()
    raster: Raster | None = field(default=None, compare=False, repr=False)
    # text drawn hidden in the PDF (an OCR layer, render mode 3, zero alpha): redaction's scrub removes
    # it; True when not known (redaction then looks for it itself)
    hides_text: bool = True

    def __post_init__(self) -> None:
        if len(self.text) != len(self.chars):
            raise ValueError(
                f"page {self.number}: text has {len(self.text)} characters but "
                f"{len(self.chars)} boxes; ingest must keep them aligned"
            )

    def boxes_for_span(self, start: int, end: int) -> tuple[BBox, ...]:
        """The boxes of text[start:end] merged into one box per line run.

        An OCR line read off a tilted scan climbs or falls from one character
        to the next; one upright box around all of it would reach into the
        line above or below (a co-author's name over the applicant's
        employer).  Such a run is cut into steps, each no taller than its
        tallest character plus ``TILT_STEP``.
        """
        out: list[BBox] = []
        current: BBox | None = None
        tallest = 0.0
        for ch in self.chars[start:end]:
            if ch.bbox is None or not ch.c.strip():
                continue
            b = ch.bbox
            same = current is not None and _same_line(current, b)
            if same and not (ch.origin is TextOrigin.OCR and _steps_off(current, b, tallest)):
                current = current.union(b)
                tallest = max(tallest, b.height)
            else:
                if current is not None:
                    out.append(current)
                    if same:     # the next step starts where this one ends: no gap between them
                        b = BBox(min(b.x0, current.x1), b.y0, max(b.x1, current.x1), b.y1)
                current, tallest = b, b.height
        if current is not None:
            out.append(current)
        return tuple(out)


TILT_STEP = 0.06      # share of the character height a tilted OCR run may climb before a new box starts


def _steps_off(run: BBox, b: BBox, tallest: float) -> bool:
    grown = max(run.y1, b.y1) - min(run.y0, b.y0)
    return grown > (1 + TILT_STEP) * max(tallest, b.height)


def _same_line(a: BBox, b: BBox) -> bool:
    overlap = min(a.y1, b.y1) - max(a.y0, b.y0)
    return overlap > 0.5 * min(a.height, b.height) and b.x0 >= a.x0 - 1 and b.x0 - a.x1 < 3 * max(b.height, 1)


@dataclass(frozen=True)
class HiddenContent:
    """Inventory of non-visible content found at ingest; reported in the audit."""

    info_metadata_keys: tuple[str, ...] = ()
    has_xmp: bool = False
    annotations: int = 0
    form_fields: int = 0
    embedded_files: int = 0
    javascript: bool = False
    outlines: int = 0
    page_labels: bool = False
    optional_content: bool = False
    structure_tree: bool = False


@dataclass(frozen=True)
class Document:
    """What ingest hands on: pages plus the normalised PDF later stages operate on."""

    source: str                      # the user's input path (never modified)
    working_pdf: str                 # normalised PDF in the run's work dir
    input_kind: str                  # "pdf" or "image"
    pages: tuple[Page, ...]
    input_sha256: str
    hidden: HiddenContent = HiddenContent()


# --- detection -------------------------------------------------------------

class Category(str, enum.Enum):
    """Audit categories (the contract); entity types map onto these."""

    NAME = "name"
    ID_NUMBER = "id_number"
    PHONE = "phone"
    EMPLOYER = "employer"
    EMAIL = "email"
    PHOTO = "photo"
    QR_CODE = "qr_code"
    SEAL = "seal"
    SIGNATURE = "signature"


# Presidio-style entity types produced by recognizers and region detectors.
ENTITY_CATEGORY: dict[str, Category] = {
    "PERSON": Category.NAME,
    "CN_RESIDENT_ID": Category.ID_NUMBER,
    "CN_MOBILE": Category.PHONE,
    "CN_LANDLINE": Category.PHONE,
    "ORGANIZATION": Category.EMPLOYER,
    "EMPLOYER": Category.EMPLOYER,
    "AFFILIATION": Category.EMPLOYER,    # a numbered affiliation line on a paper
    "EMPLOYER_TWIN": Category.EMPLOYER,  # the employer's English name beside its Chinese one (a letterhead)
    "PERSONAL_DETAIL": Category.NAME,    # birth year / birthplace in the applicant's 作者简介 line
    "EMAIL_ADDRESS": Category.EMAIL,
    "PORTRAIT": Category.PHOTO,
    "FACE": Category.PHOTO,
    "PHOTO_SLOT": Category.PHOTO,        # a picture in a photo's place, no face found
    "FIGURE": Category.PHOTO,            # a picture with a figure number under or over it (图2): the text's evidence
    "QR_CODE": Category.QR_CODE,
    "BARCODE": Category.QR_CODE,
    "SEAL": Category.SEAL,
    "SIGNATURE": Category.SIGNATURE,
}


@dataclass(frozen=True)
class Finding:
    """A candidate from any detector: a text span, or a region with boxes only.

    ``text`` is the matched value (or a decoded QR payload / seal text) and is
    held in memory only; the audit never writes it.
    """

    page: int                        # 1-based
    entity_type: str
    boxes: tuple[BBox, ...]
    recognizer: str                  # versioned name, e.g. "cn_resident_id.v1"
    score: float
    text: str = field(default="", repr=False)
    start: int | None = None         # span in page.text, None for regions
    end: int | None = None
    explanation: tuple[tuple[str, Any], ...] = ()   # (key, value) pairs, no PII

    @property
    def category(self) -> Category | None:
        return ENTITY_CATEGORY.get(self.entity_type)

    @property
    def is_region(self) -> bool:
        return self.start is None

    def explain(self, key: str, default: Any = None) -> Any:
        for k, v in self.explanation:
            if k == key:
                return v
        return default


@dataclass(frozen=True)
class ApplicantProfile:
    """The applicant whose data must go (validated by ``redactor.config``)."""

    name: str
    id_number: str = ""
    phones: tuple[str, ...] = ()
    employers: tuple[str, ...] = ()   # official full name first, then aliases
    name_aliases: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()


# --- policy ------------------------------------------------------------------

class Action(str, enum.Enum):
    REDACT = "redact"
    KEEP = "keep"


@dataclass(frozen=True)
class Decision:
    finding: Finding
    action: Action
    rule: str                        # rule id, e.g. "own.id_number"
    reason: str                      # human-readable, no PII
    profile_field: str | None = None # which profile field matched
    needs_review: bool = False
    # what decided a mark's owner, as labels and numbers (never a name): for a seal, how many characters of
    # its reading the employer's best name and the best other printed organisation explain
    evidence: tuple[tuple[str, Any], ...] = ()


@dataclass(frozen=True)
class RedactionPlan:
    source: str
    decisions: tuple[Decision, ...]
    must_vanish: tuple[tuple[str, str], ...] = field(default=(), repr=False)  # (category, normalised value)

    @property
    def redactions(self) -> tuple[Decision, ...]:
        return tuple(d for d in self.decisions if d.action is Action.REDACT)

    @property
    def kept(self) -> tuple[Decision, ...]:
        return tuple(d for d in self.decisions if d.action is Action.KEEP)


# --- redaction, verification, audit --------------------------------------

@dataclass(frozen=True)
class RedactionResult:
    output_pdf: str
    input_sha256: str
    output_sha256: str
    sanitized: tuple[str, ...]       # what hidden content was stripped
    boxes_applied: int
    flattened_pages: tuple[int, ...] = ()   # 1-based pages released as images (text removal moved glyphs, or
    #                                         text drawn as outlines lay under a box)
    text_layer_lost: tuple[int, ...] = ()   # ... of them, those that had a text layer (the rest drew all text as outlines)
    unpainted: tuple[int, ...] = ()         # indexes into ``plan.redactions`` removed as text only: no box, pixels kept


@dataclass(frozen=True)
class Leak:
    """Where verification found one of the applicant's values; never the value.

    ``where`` is the channel: text_layer, ocr, barcode, face, seal, annotation,
    widget, outline, attachment, xmp, metadata, image_metadata, page_label,
    font, history, pdf_object, file_name, export_text.  ``severity`` is
    "leak" (fails the gate), "review" (a person looks: a mark nothing ties to
    anyone) or "kept" (the applicant's value read where the ownership decision
    says it is someone else's -- 李明 inside 李明华 -- listed with that reason).  ``bbox``/``boxes``: PDF points, top-left
    origin, when the channel knows the place."""

    where: str
    category: str
    page: int | None = None
    detail: str = ""                 # never the value
    bbox: BBox | None = None
    boxes: tuple[BBox, ...] = ()
    severity: str = "leak"
    label_box: BBox | None = None    # the label the check read the finding beside (a signature's), when it has one
    # where the check and the plan disagree on this place: the plan's rule and box there (the plan kept a signature
    # the check reads beside the applicant's label; the plan placed that label's signature elsewhere)
    plan_rule: str = ""
    plan_bbox: BBox | None = None

    @property
    def channel(self) -> str:
        return self.where

    def as_dict(self) -> dict[str, Any]:
        out = {
            "channel": self.where, "category": self.category, "page": self.page,
            "bbox": [round(v, 2) for v in self.bbox.as_tuple()] if self.bbox else None,
            "severity": self.severity, "detail": self.detail,
        }
        if self.plan_rule:
            out["disagreement"] = {"plan_rule": self.plan_rule, "plan_bbox": _rounded(self.plan_bbox)}
        return out


def _rounded(b: BBox | None) -> list[float] | None:
    return [round(v, 2) for v in b.as_tuple()] if b is not None else None


@dataclass(frozen=True)
class VerificationReport:
    passed: bool
    leaks: tuple[Leak, ...]
    checks: tuple[str, ...]
    seconds: float = 0.0
    channel_seconds: tuple[tuple[str, float], ...] = ()   # where the time went (benchmarks/verify_cost.py)
    ocr_pages: tuple[tuple[int, str], ...] = ()   # (page, "read: why" or "skipped: why") for every page OCR covered

    @property
    def failures(self) -> tuple[Leak, ...]:
        """The findings that fail the gate (severity "leak")."""
        return tuple(lk for lk in self.leaks if lk.severity == "leak")

    @property
    def reviews(self) -> tuple[Leak, ...]:
        return tuple(lk for lk in self.leaks if lk.severity == "review")

    @property
    def decided(self) -> tuple[Leak, ...]:
        """Values read where the ownership decision says they are someone else's (severity "kept")."""
        return tuple(lk for lk in self.leaks if lk.severity == "kept")
