"""Verification: re-read the output as a stranger would, and fail closed.

Independent of detection: its needles come from the profile alone
(``redactor.fields``), it reads the PDF with another engine (PDFium) and
the raw bytes, and it does not use detection's matcher, page reader or OCR
routing.  Channels, one module each:

- ``text_layer``: every character, visible or not, in stream and reading order;
- ``raw_objects``: every object of every revision, decoded streams, strings,
  names, image metadata, attachments (annotation, widget, outline, xmp, ...);
- ``vector``: no shape drawn like a glyph under a box painted over it (text drawn as outlines,
  boxed over: ``pdfium_reader``);
- ``under_paint``: no value in an image's pixels under an opaque box painted over it (a box drawn
  on top of a scan), read with the box taken away;
- ``ocr_pass``: OCR of every page that shows an image or unreadable glyphs, or draws its text as
  outlines
  (or of every page); of a page's pictures only those that can hold text
  (``pictures``: not a seal, portrait, code or blank by the output's own pixels);
- ``barcodes``: QR/barcodes on pages that show pictures must not decode to a profile value;
- ``faces``: no face inside a box the plan removed;
- ``pictures_whole``: a portrait removed leaves no part of its picture past its box (``picture``);
- ``picture_ring``: where the picture has no edges of its own (a scan, a photo, a pasted card), no ring of the
  photo round a removed portrait's box (``picture``);
- ``revisions``: the file as it was before each incremental update shows none of the applicant's text;
- ``geometry``: the page's frame, from which every box is measured, is the size of its rendering;
- ``seals``: the employer's name must not be readable on a stamp, and no unread stamp may
  sit at the employer's place (over the employer's removed name, in the applicant's
  unit's 单位意见 / 盖章 row);
- ``signatures``: no pen strokes in a picture beside the applicant's signature label;
- the file name, and the text export (``verify_text``).

A page showing only text and rules (no image, no vector drawing that could be
a code, face or stamp, no annotation) is not rendered: the text layer and the
objects are all it can show.  Every other page is rendered once and the
raster shared by the barcode, face, OCR and seal channels.

The pipeline's gate and ``redactor verify`` read the same output the same way:
neither has the input or ingest's reading of it (the check's eyes are its own:
PDFium, its own OCR at ``verify.ocr_dpi``, its own mark searches), so the same
output and the same records give the same verdict.

Each finding is a ``Leak`` (channel, category, page, bbox; never a value) of
severity ``leak`` (fails) or ``review`` (reported: probably someone else's).
The pipeline's gate and ``redactor verify`` both call ``verify_pdf``.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from redactor.fields import Needle, applicant_forms, profile_needles
from redactor.config import PictureRingConfig, PictureWholeConfig
from redactor.model import Action, ApplicantProfile, BBox, Category, Decision, Leak, VerificationReport
from redactor.ownership.recheck import label_signature_decision, pen_hit_decision, text_hit_decision
from redactor.ownership.records import with_print
from redactor.ownership.structure import Carry, PageStructure, TextRun, carry_of, read_page, runs_from_chars
from redactor.protocols import OcrEngine, PageMap, in_order
from redactor.verify.barcodes import barcode_leaks
from redactor.verify.dotted_names import dotted_name_misreads
from redactor.verify.faces import face_leaks
from redactor.verify.hits import dedupe, hits_to_leaks
from redactor.verify.ocr_pass import ocr_leaks, ocr_scope, read_scope, vector_art_is_review
from redactor.verify.pdfium_reader import PDFIUM, PdfiumPage, frame_mismatch, open_pdf, read_pages, render_page
from redactor.verify.pictures import text_pictures
from redactor.verify.picture_ring import ring_leaks
from redactor.verify.pictures_whole import own_pictures, picture_leaks, removed_portraits
from redactor.verify.font_glyphs import glyph_set_leaks
from redactor.verify.raw_objects import object_leaks, raw_objects
from redactor.verify.revisions import revision_leaks
from redactor.verify.search import REVIEW, FoldedText, find_needles
from redactor.verify.seals import seal_leaks, text_rows
from redactor.verify.signatures import signature_labels, signature_leaks
from redactor.verify.signatures_scan import scan_signature_leaks
from redactor.verify.under_paint import hidden_under_paint
from redactor.verify.text_layer import needle_possible, text_layer_leaks

log = logging.getLogger(__name__)

__all__ = ["verify_pdf", "verify_text", "scrub_text", "needles_for", "VerifyOptions", "page_structure"]

Boxes = Mapping[int, tuple[BBox, ...]]


def needles_for(profile: ApplicantProfile) -> tuple[Needle, ...]:
    return profile_needles(profile, applicant_forms) + dotted_name_misreads(profile)


class VerifyOptions:
    """How hard to look: ``ocr_every_page`` (the CLI) or only pages that show images.  ``pages``: how the pages
    that show pixels are looked at (``PageMap``: one after another, or several at once on threads the caller
    lends); the verdict is the same either way."""

    def __init__(self, dpi: float = 150.0, ocr_every_page: bool = False, pages: PageMap = in_order,
                 unreadable_seal: str = "on_forms", picture_ring: PictureRingConfig | None = None,
                 picture_whole: PictureWholeConfig | None = None) -> None:
        self.dpi = dpi
        self.ocr_every_page = ocr_every_page
        self.pages = pages
        self.unreadable_seal = unreadable_seal      # ``policy.unreadable_seal``: the plan's setting, the check's too
        self.picture_ring = picture_ring or PictureRingConfig()     # ``verify.picture_ring``
        self.picture_whole = picture_whole or PictureWholeConfig()  # ``verify.picture_whole``


def verify_pdf(
    pdf_path: str,
    profile: ApplicantProfile,
    ocr: OcrEngine | None = None,
    options: VerifyOptions | None = None,
    records: Sequence[Decision] = (),
    file_name: str | None = None,
) -> VerificationReport:
    """Search ``pdf_path`` for the profile's values on every channel.

    ``records``: the plan's decisions as the audit records them (``redactor.ownership.records``: the pipeline's
    gate from its plan, ``redactor verify`` from the audit beside the output) -- where things were removed,
    whose text stayed.  Whose a mark this check finds is (a stamp, a face, pen strokes) and whether a value it
    reads is someone else's are asked of the ownership decisions with them (``redactor.ownership.recheck``);
    the same output and the same records give the same verdict wherever this runs.  ``file_name``: the name the
    output will be released under (default: the file's own name)."""
    opts = options or VerifyOptions()
    t0 = time.perf_counter()
    needles = needles_for(profile)
    leaks: list[Leak] = []
    checks = ["text_layer", "pdf_objects", "font_glyphs", "vector", "under_paint", "file_name", "barcode", "face",
              "signature", "revisions"]
    clock = _Clock()
    with clock("file_name"):
        leaks += verify_text(file_name if file_name is not None else Path(pdf_path).name, profile, "file_name",
                             needles)
    with clock("pdf_objects"):
        data = Path(pdf_path).read_bytes()
        objects = raw_objects(data)
        leaks += object_leaks(data, needles, objects=objects)
    with clock("revisions"):
        leaks += revision_leaks(data, needles)
        del data
    if ocr is not None:
        checks += ["ocr", "seal"]
    ocr_pages: list[tuple[int, str]] = []
    carry: Carry | None = None          # a block that runs on from the page before (推荐人(二) over a page break),
                                        # a contract's parties named so far
    with open_pdf(pdf_path) as pdf:
        with clock("text_layer"):
            # characters located only where a needle could be or something else reads them (pictures)
            pages = read_pages(pdf, None if opts.ocr_every_page else needle_possible(needles))
            for page in pages:
                leaks += text_layer_leaks(page, needles)
        with clock("font_glyphs"):
            leaks += glyph_set_leaks(objects, {ch.c for page in pages for ch in page.chars}, profile)
            del objects
        leaks += [Leak(where="vector", category="name", page=page.number, bbox=b, boxes=(b,),
                       detail="a shape drawn like a glyph lies under a box painted over it (what it spells is "
                              "not read): a box drawn on top")
                  for page in pages for b in page.under_paint]
        shown: list[_ShownPage] = []
        for page in pages:
            rows = text_rows([(c.c, c.bbox) for c in page.chars])
            before = carry
            carry = carry_of(page_structure(page, rows, before)) if page.located else (
                Carry(None, before.parties) if before is not None else None)
            scope = ocr_scope(page, opts.ocr_every_page) if ocr is not None else False
            pictures = bool(page.images or page.art or page.annotations)
            if scope is False and not pictures:
                continue          # text and rules only: no pixels beyond the text layer (read above)
            shown.append(_ShownPage(page, before, scope, pictures))
        look = _Look(pdf, PDFIUM, ocr, opts, needles, records, profile.employers,
                     _removed_boxes(records), _removed_boxes(records, "employer", text_only=True), _mark_boxes(records),
                     removed_portraits(records), _removed_boxes(records, "signature"))
        # every page showing pixels looked at by itself (several at once where the caller lends threads): the
        # results are taken in page order, so the verdict does not depend on how the pages were run
        for seen in opts.pages(look.page, shown):
            leaks += seen.leaks
            if seen.how is not None:
                ocr_pages.append((seen.number, seen.how))
            clock.add(seen.seconds)
    leaks = dedupe(_settle_pen_strokes(_settle_text_hits(leaks, records), records))
    failures = [lk for lk in leaks if lk.severity == "leak"]
    seconds = time.perf_counter() - t0
    log.info("verification: %d leak(s), %d to review, %.2f s", len(failures),
             sum(lk.severity == "review" for lk in leaks), seconds)
    return VerificationReport(passed=not failures, leaks=tuple(leaks), checks=tuple(checks), seconds=round(seconds, 3),
                              channel_seconds=tuple((k, round(v, 3)) for k, v in clock.seconds.items()),
                              ocr_pages=tuple(ocr_pages))


@dataclass(frozen=True)
class _ShownPage:
    """A page that shows pixels (pictures, drawings, annotations, or text only OCR can read), with what the
    text layer pass worked out for it: the block running on from the page before, the OCR scope."""

    page: PdfiumPage
    before: Carry | None
    scope: tuple[BBox, ...] | bool | None     # ``ocr_scope``: False not OCRed, None the whole page, or regions
    pictures: bool


@dataclass(frozen=True)
class _Seen:
    """What looking at one page found: its leaks in channel order, how OCR read it (None: not OCRed), and the
    seconds each channel took there."""

    number: int
    leaks: list[Leak]
    how: str | None
    seconds: dict[str, float]


@dataclass(frozen=True)
class _Look:
    """Everything a page's look needs besides the page: the open output (PDFium is not safe to call from two
    threads at once, so every call into it holds ``pdfium``: ``pdfium_reader.PDFIUM``), the check's own reader,
    and the plan's records."""

    pdf: object
    pdfium: threading.Lock
    ocr: OcrEngine | None
    opts: VerifyOptions
    needles: tuple[Needle, ...]
    records: Sequence[Decision]
    employers: Sequence[str]
    removed: Boxes
    employer_paint: Boxes
    not_pen: Boxes
    portraits: Boxes
    signed: Boxes               # boxes the plan removed signatures with

    def page(self, todo: _ShownPage) -> _Seen:
        """Render the page once and run every pixel channel on it (OCR, codes, faces, pen strokes, stamps, under
        paint).  Reads nothing another page's look writes."""
        page, scope, ocr, opts, records = todo.page, todo.scope, self.ocr, self.opts, self.records
        clock = _Clock()
        leaks: list[Leak] = []
        how: str | None = None
        with clock("render"), self.pdfium:
            shown = self.pdf[page.number - 1]        # open to the end: ``under_paint`` reuses its decoded images
            raster = render_page(shown, opts.dpi)       # once, shared by every channel below
        try:
            off = frame_mismatch(page, raster)
            if off:
                # every box of this page (text, pictures, stamps) is measured from the page's frame, every pixel
                # from its rendering: where the two disagree, no place the check finds or proves is the place
                # it looks at, and nothing about this page can be proven
                leaks.append(Leak(where="geometry", category="page", page=page.number,
                                  detail=f"the page's frame and its rendering disagree by {off:.1f} pt: "
                                         "no place on it can be checked"))
            lines: list | None = None                # None: this page was not OCRed
            if ocr is not None and scope is not False:
                read_page_ = page
                if isinstance(scope, tuple) and page.images:
                    with clock("picture_kind"):     # seals, portraits, codes, blanks hold no text to OCR
                        texty = text_pictures(raster, page)
                    if len(texty) < len(page.images):
                        read_page_ = replace(page, images=texty)
                        scope = ocr_scope(read_page_, False)
                with clock("ocr"):
                    if scope is False:
                        lines, how = [], "skipped: no picture can hold text"
                    else:
                        lines = read_scope(ocr, raster, scope)
                        how = "read: every page" if opts.ocr_every_page else (
                            "read: the page" if scope is None else "read: its pictures")
                    found = ocr_leaks(lines, page.number, self.needles)
                    leaks += vector_art_is_review(found, page)
            rows = text_rows([(c.c, c.bbox) for c in page.chars], lines or ())
            if todo.pictures:
                structure = page_structure(page, rows, todo.before)
                marks = with_print(records, {page.number: rows})
                with clock("barcode"):
                    leaks += barcode_leaks(raster, page.number, self.needles, page.images,
                                           None if scope is None else page.art)
                with clock("face"):
                    leaks += face_leaks(raster, page.number, tuple(self.removed.get(page.number, ())), page.images,
                                        marks, structure, page.one_bit)
                    portraits = self.portraits.get(page.number, ())
                    area = page.width * page.height
                    leaks += picture_leaks(raster, page.number, page.images, portraits, area, opts.picture_whole)
                    leaks += ring_leaks(raster, page.number, portraits,
                                        own_pictures(page.images, portraits, area, opts.picture_whole),
                                        self.removed.get(page.number, ()), opts.picture_ring)
                with clock("signature"):
                    leaks += signature_leaks(raster, page, structure, self.not_pen.get(page.number, ()))
                    if lines is not None and not signature_labels(page, structure):   # a scan: labels read by OCR
                        leaks += scan_signature_leaks(raster, page.number, lines, page.one_bit, structure,
                                                      self.not_pen.get(page.number, ()),
                                                      self.signed.get(page.number, ()))
                if ocr is not None:
                    with clock("seal"):
                        leaks += seal_leaks(raster, page.number, ocr, self.employers, marks, structure,
                                            self.employer_paint.get(page.number, ()), opts.unreadable_seal)
            if page.painted_over:       # last: it takes the painted shapes off ``shown``
                with clock("under_paint"), self.pdfium:
                    leaks += hidden_under_paint(shown, page.number, opts.dpi, ocr, self.needles)
        finally:
            with self.pdfium:
                shown.close()
        return _Seen(page.number, leaks, how, clock.seconds)


def page_structure(page: PdfiumPage, rows: Sequence[tuple[str, Sequence[BBox | None]]],
                   carry: Carry | None = None) -> PageStructure:
    """The output page's structure, read from its own print (text layer and OCR lines) by the ownership module:
    the labels, blocks and subject its decisions look at (``carry``: the block running on from the page before)."""
    runs: list[TextRun] = []
    for text, boxes in rows:
        runs += runs_from_chars(("\n" if c in "\r\n" else c, b) for c, b in zip(text, boxes))
    return read_page(runs, page.number, page.width, page.height, carry)


_NOT_PEN = ("PORTRAIT", "PHOTO_SLOT", "FACE", "SEAL", "QR_CODE", "BARCODE")


def _mark_boxes(records: Sequence[Decision]) -> dict[int, tuple[BBox, ...]]:
    """page -> boxes of the marks the plan found to be a portrait, a stamp or a code (kept or removed)."""
    out: dict[int, list[BBox]] = {}
    for d in records:
        if d.finding.entity_type in _NOT_PEN:
            out.setdefault(d.finding.page, []).extend(d.finding.boxes)
    return {p: tuple(b) for p, b in out.items()}


def _removed_boxes(records: Sequence[Decision], category: str | None = None,
                   text_only: bool = False) -> dict[int, tuple[BBox, ...]]:
    """page -> boxes the plan removed (of ``category`` only; text only): faces must not show there, and a stamp
    cut by one is one stamp."""
    out: dict[int, list[BBox]] = {}
    for d in records:
        f = d.finding
        if d.action is not Action.REDACT or (category and (f.category is None or f.category.value != category)):
            continue
        if text_only and f.is_region:
            continue
        out.setdefault(f.page, []).extend(f.boxes)
        if f.category is Category.PHOTO and len(f.boxes) > 1:
            out[f.page].append(BBox.enclosing(f.boxes))     # a photo cut around a kept seal: all of it
    return {p: tuple(b) for p, b in out.items()}


def _settle_text_hits(leaks: list[Leak], records: Sequence[Decision]) -> list[Leak]:
    """Every hit of the applicant's value in the output's text or OCR, settled by the ownership decision
    (``recheck.text_hit_decision``): the plan's own boundary decision there, else the words around it.  The
    applicant's is a ``leak``; someone else's is listed as ``kept`` with why -- never left as a maybe."""
    out = []
    for lk in leaks:
        if lk.where in ("text_layer", "ocr") and lk.page is not None and lk.boxes:
            cue = lk.detail.split("; ")[0] if lk.severity == "review" else None
            mine, why = text_hit_decision(lk.page, lk.boxes, lk.category, cue, records)
            lk = replace(lk, severity="leak" if mine else "kept",
                         detail=(lk.detail + "; " if lk.detail else "") + why)
        out.append(lk)
    return out


def _settle_pen_strokes(leaks: list[Leak], records: Sequence[Decision]) -> list[Leak]:
    """Pen strokes the check read beside the applicant's signature label, settled by the plan's decision on that
    signature (``recheck.pen_hit_decision``): one the plan kept as someone else's (a recommender's, by the block
    its label is printed in) is listed as ``kept`` with the plan's rule; anything else stays a leak."""
    out = []
    for lk in leaks:
        if lk.where == "signature" and lk.page is not None and lk.bbox is not None and lk.severity == "leak":
            d = pen_hit_decision(lk.page, lk.bbox, records)
            if d is not None and d.action is Action.KEEP:
                # the check reads the applicant's label beside strokes the plan kept (as someone else's, or as
                # undecided): the two readings disagree -- asked about, never passed in silence
                lk = replace(lk, severity="review", plan_rule=d.rule, plan_bbox=_enclosing(d.finding.boxes),
                             detail=f"{lk.detail}; the plan kept it: {d.rule}")
            elif d is not None:
                lk = replace(lk, detail=f"{lk.detail}; the decision there: {d.rule} ({d.reason})")
            elif lk.label_box is not None and (elsewhere := label_signature_decision(
                    lk.page, lk.label_box, records)) is not None:
                # the plan found this label's signature at another place: the check's strokes are a leak, and
                # the audit names where the plan had put that signature
                lk = replace(lk, plan_rule=elsewhere.rule, plan_bbox=_enclosing(elsewhere.finding.boxes),
                             detail=f"{lk.detail}; the plan placed this label's signature elsewhere "
                                    f"({elsewhere.rule})")
        out.append(lk)
    return out


def _enclosing(boxes: Sequence[BBox]) -> BBox:
    return BBox(min(b.x0 for b in boxes), min(b.y0 for b in boxes), max(b.x1 for b in boxes),
                max(b.y1 for b in boxes))


class _Clock:
    """Seconds per channel of one verification."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    def add(self, seconds: Mapping[str, float]) -> None:
        for k, v in seconds.items():
            self.seconds[k] = self.seconds.get(k, 0.0) + v

    @contextmanager
    def __call__(self, channel: str) -> Iterator[None]:
        t = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[channel] = self.seconds.get(channel, 0.0) + time.perf_counter() - t


def verify_text(text: str, profile: ApplicantProfile, channel: str = "export_text",
                needles: tuple[Needle, ...] | None = None) -> list[Leak]:
    """Leaks in a plain text (the text export, a file name)."""
    if not text:
        return []
    return hits_to_leaks(find_needles(FoldedText.of_string(text), needles or needles_for(profile)), channel, None)


def scrub_text(text: str, profile: ApplicantProfile, labels: Mapping[str, str]) -> tuple[str, list[Leak]]:
    """The text with every value found replaced by its category label (``[姓名]``),
    and what was replaced.  Review hits (someone else's name) are kept as they are."""
    folded = FoldedText.of_string(text)
    hits = [h for h in find_needles(folded, needles_for(profile)) if h.severity != REVIEW]
    spans: list[tuple[int, int, str]] = []
    for h in sorted(hits, key=lambda h: (h.start, -h.end)):
        if spans and h.start < spans[-1][1]:
            if h.end > spans[-1][1]:
                spans[-1] = (spans[-1][0], h.end, spans[-1][2])
            continue
        spans.append((h.start, h.end, h.needle.category.value))
    out = text
    for start, end, cat in reversed(spans):
        out = out[:start] + f"[{labels.get(cat, cat)}]" + out[end:]
    return out, hits_to_leaks(hits, "export_text", None)
