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
- ``seals``: the employer's name must not be readable on a stamp, and no unread stamp may
  sit at the employer's place (over the employer's removed name, in the applicant's
  unit's 单位意见 / 盖章 row);
- ``signatures``: no pen strokes in a picture beside the applicant's signature label;
- the file name, and the text export (``verify_text``).

A page showing only text and rules (no image, no vector drawing that could be
a code, face or stamp, no annotation) is not rendered: the text layer and the
objects are all it can show.  Every other page is rendered once and the
raster shared by the barcode, face, OCR and seal channels.

The pipeline's gate passes ``prior`` (``proof.Prior``): the input it redacted
and ingest's OCR reading.  Where ``proof`` shows that the output's pixels
outside the painted boxes are the input's, that reading is searched with
verify's own needles instead of OCRing the same pixels again, and only the
boxes' neighbourhoods are OCRed; where the proof fails the page is read in
full.  Sound because the needles and search stay verify's own and every pixel
that changed is read again; what it gives up is a second OCR opinion on pixels
ingest already read.  ``redactor verify`` has no reference and reads every page.

Each finding is a ``Leak`` (channel, category, page, bbox; never a value) of
severity ``leak`` (fails) or ``review`` (reported: probably someone else's).
The pipeline's gate and ``redactor verify`` both call ``verify_pdf``.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

from redactor.fields import Needle, applicant_forms, profile_needles
from redactor.model import ApplicantProfile, BBox, Leak, VerificationReport
from redactor.protocols import OcrEngine
from redactor.verify.barcodes import barcode_leaks
from redactor.verify.dotted_names import dotted_name_misreads
from redactor.verify.faces import Ties, face_leaks
from redactor.verify.hits import dedupe, hits_to_leaks
from redactor.verify.ocr_pass import ocr_leaks, ocr_scope, recognise, vector_art_is_review
from redactor.verify.pdfium_reader import open_pdf, read_pages, render_page
from redactor.verify.pictures import text_pictures
from redactor.verify.proof import Prior, PriorPage, gate_reading
from redactor.verify.font_glyphs import glyph_set_leaks
from redactor.verify.raw_objects import object_leaks, raw_objects
from redactor.verify.search import REVIEW, FoldedText, find_needles
from redactor.verify.seals import seal_leaks, text_rows
from redactor.verify.signatures import signature_labels, signature_leaks
from redactor.verify.signatures_scan import scan_signature_leaks
from redactor.verify.under_paint import hidden_under_paint
from redactor.verify.text_layer import needle_possible, text_layer_leaks

log = logging.getLogger(__name__)

__all__ = ["verify_pdf", "verify_text", "scrub_text", "needles_for", "VerifyOptions", "Prior", "PriorPage", "Ties"]

Boxes = Mapping[int, tuple[BBox, ...]]


def needles_for(profile: ApplicantProfile) -> tuple[Needle, ...]:
    return profile_needles(profile, applicant_forms) + dotted_name_misreads(profile)


class VerifyOptions:
    """How hard to look: ``ocr_every_page`` (the CLI) or only pages that show images."""

    def __init__(self, dpi: float = 150.0, ocr_every_page: bool = False) -> None:
        self.dpi = dpi
        self.ocr_every_page = ocr_every_page


def verify_pdf(
    pdf_path: str,
    profile: ApplicantProfile,
    ocr: OcrEngine | None = None,
    options: VerifyOptions | None = None,
    removed: Boxes | None = None,
    kept: Boxes | None = None,
    file_name: str | None = None,
    prior: Prior | None = None,
    employer: Boxes | None = None,
    ties: Ties | None = None,
) -> VerificationReport:
    """Search ``pdf_path`` for the profile's values on every channel.

    ``removed``: page -> boxes the plan redacted (faces must not show there).
    ``kept``: page -> boxes of text policy kept as someone else's; a hit there
    is ``review``.  ``employer``: page -> boxes the plan removed as the employer
    (an unread stamp over one is at the employer's place).  ``ties``: the text that says whose a
    portrait beside it is (the applicant's removed name and contacts, other people's kept names).  ``file_name``: the name the output will be released under
    (default: the file's own name).  ``prior`` (the pipeline's gate only): the
    input that was redacted and ingest's OCR of it; where ``proof`` shows the
    output's pixels outside the painted boxes are the input's, ingest's reading
    is searched there instead of OCRing those pixels again (not with
    ``ocr_every_page``: ``redactor verify`` always reads every page itself)."""
    opts = options or VerifyOptions()
    t0 = time.perf_counter()
    needles = needles_for(profile)
    removed = removed or {}
    leaks: list[Leak] = []
    checks = ["text_layer", "pdf_objects", "font_glyphs", "vector", "under_paint", "file_name", "barcode", "face",
              "signature"]
    clock = _Clock()
    with clock("file_name"):
        leaks += verify_text(file_name if file_name is not None else Path(pdf_path).name, profile, "file_name",
                             needles)
    with clock("pdf_objects"):
        data = Path(pdf_path).read_bytes()
        objects = raw_objects(data)
        leaks += object_leaks(data, needles, objects=objects)
        del data
    if ocr is not None:
        checks += ["ocr", "seal"]
    ocr_pages: list[tuple[int, str]] = []
    with open_pdf(pdf_path) as pdf, _open_input(prior) as before:
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
        for page in pages:
            scope = ocr_scope(page, opts.ocr_every_page) if ocr is not None else False
            pictures = bool(page.images or page.art or page.annotations)
            if scope is False and not pictures:
                continue          # text and rules only: no pixels beyond the text layer (read above)
            with clock("render"):
                shown = pdf[page.number - 1]        # open to the end: ``under_paint`` reuses its decoded images
                raster = render_page(shown, opts.dpi)       # once, shared by every channel below
            changed: tuple[BBox, ...] | None = None       # None: anything may differ from the input
            lines: list | None = None                # None: this page was not OCRed
            if ocr is not None and scope is not False:
                skipped: tuple[BBox, ...] = ()
                read_page = page
                if isinstance(scope, tuple) and page.images:
                    with clock("picture_kind"):     # seals, portraits, codes, blanks hold no text to OCR
                        texty = text_pictures(raster, page)
                    if len(texty) < len(page.images):
                        skipped = tuple(b for b in page.images if b not in texty)
                        read_page = replace(page, images=texty)
                        scope = ocr_scope(read_page, False)
                with clock("ocr"):
                    if scope is False:
                        lines, how = [], "skipped: no picture can hold text"
                    elif opts.ocr_every_page:
                        lines, how = recognise(ocr, raster, scope), "read: every page"
                    else:
                        lines, how, changed = gate_reading(ocr, raster, read_page, scope, prior, before, clock)
                    found = ocr_leaks(lines, page.number, needles)
                    leaks += vector_art_is_review(found, page)
                if changed is not None:
                    changed += skipped      # not read: the face channel looks at them as at any unread picture
                ocr_pages.append((page.number, how))
            if pictures:
                with clock("barcode"):
                    leaks += barcode_leaks(raster, page.number, needles, page.images,
                                           None if scope is None else page.art)
                with clock("face"):
                    leaks += face_leaks(raster, page.number, tuple(removed.get(page.number, ())),
                                        page.images if changed is None else _within(page.images, changed),
                                        ties, page.images, page.one_bit)
                with clock("signature"):
                    leaks += signature_leaks(raster, page)
                    if lines is not None and not signature_labels(page):     # a scan: labels read by OCR
                        leaks += scan_signature_leaks(raster, page.number, lines, page.one_bit,
                                                      _input_print(prior, page.number))
                if ocr is not None:
                    with clock("seal"):
                        rows = text_rows([(c.c, c.bbox) for c in page.chars], lines or ())
                        leaks += seal_leaks(raster, page.number, needles, ocr,
                                            (employer or {}).get(page.number, ()), rows)
            if page.painted_over:       # last: it takes the painted shapes off ``shown``
                with clock("under_paint"):
                    leaks += hidden_under_paint(shown, page.number, opts.dpi, ocr, needles)
            shown.close()
    leaks = dedupe(_kept_mark_is_review(_kept_is_review(leaks, kept or {}), prior.kept_marks if prior else {}))
    failures = [lk for lk in leaks if lk.severity == "leak"]
    seconds = time.perf_counter() - t0
    log.info("verification: %d leak(s), %d to review, %.2f s", len(failures), len(leaks) - len(failures), seconds)
    if "proof" in clock.seconds:      # spent inside "ocr": shown apart, not counted twice
        clock.seconds["ocr"] -= clock.seconds["proof"]
    return VerificationReport(passed=not failures, leaks=tuple(leaks), checks=tuple(checks), seconds=round(seconds, 3),
                              channel_seconds=tuple((k, round(v, 3)) for k, v in clock.seconds.items()),
                              ocr_pages=tuple(ocr_pages))


def _within(images: tuple[BBox, ...], regions: tuple[BBox, ...]) -> tuple[BBox, ...]:
    """The parts of ``images`` inside ``regions`` (on a proven page, the only pixels that differ from the input)."""
    out = []
    for img in images:
        for r in regions:
            x0, y0, x1, y1 = max(img.x0, r.x0), max(img.y0, r.y0), min(img.x1, r.x1), min(img.y1, r.y1)
            if x1 > x0 and y1 > y0:
                out.append(BBox(x0, y0, x1, y1))
    return tuple(out)


@contextmanager
def _open_input(prior: Prior | None) -> Iterator[Any]:
    if prior is None:
        yield None
        return
    with open_pdf(prior.input_pdf) as pdf:
        yield pdf


class _Clock:
    """Seconds per channel of one verification."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

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


# the gate's channels that find a mark, and the category of mark each names
_MARK_CHANNELS = {"signature": "signature", "face": "photo", "seal": "seal"}


def _input_print(prior: Prior | None, page: int) -> tuple[BBox, ...]:
    """Character boxes ingest's OCR read surely on the input page (print; ``signatures_scan.PRINT_MIN_SCORE``)."""
    from redactor.verify.signatures_scan import PRINT_MIN_SCORE

    reading = prior.pages.get(page) if prior is not None else None
    if reading is None:
        return ()
    return tuple(b for ln in reading.lines if ln.score >= PRINT_MIN_SCORE for b in ln.char_boxes)


def _kept_mark_is_review(leaks: list[Leak], kept_marks: Mapping[int, tuple[tuple[str, BBox], ...]]) -> list[Leak]:
    """A mark the gate found (pen strokes, a face, a stamp) lying mostly inside a mark policy kept as someone
    else's is reported for review, not failed: the gate and policy disagree on what or whose the mark is,
    and a repair would paint what policy kept.  (A pale purple stamp above 持证人签名 was read by the
    signature channel as pen strokes, and a repair painted the issuer's stamp; on a scanned Word form the
    channel took a reviewer's kept signature for the applicant's, the repairs chased it across the row and
    the document was refused.)  Policy decides whose mark it is; where the two disagree, a person looks.
    One claim stays a leak: the seal channel reading the employer's name in a seal policy kept -- that is
    the seal's own text, evidence policy did not have."""
    out = []
    for lk in leaks:
        kind = _MARK_CHANNELS.get(lk.where)
        if kind and lk.severity == "leak" and lk.bbox is not None:
            inside = [c for c, b in kept_marks.get(lk.page or 0, ())
                      if not (c == kind == "seal") and b.intersection_area(lk.bbox) > 0.5 * max(lk.bbox.area, 1e-6)]
            if inside:
                lk = replace(lk, severity=REVIEW, detail=(lk.detail + "; " if lk.detail else "")
                             + f"inside a {inside[0]} policy kept as someone else's")
        out.append(lk)
    return out


def _kept_is_review(leaks: list[Leak], kept: Boxes) -> list[Leak]:
    """A hit where policy decided "someone else's" is reported for review, with that reason."""
    out = []
    for lk in leaks:
        if lk.severity == "leak" and lk.bbox is not None and lk.page in kept and lk.where in ("text_layer", "ocr"):
            if any(k.intersection_area(lk.bbox) > 0.5 * max(lk.bbox.area, 1e-6) for k in kept[lk.page]):
                lk = replace(lk, severity=REVIEW, detail=(lk.detail + "; " if lk.detail else "")
                             + "policy kept this span as someone else's")
        out.append(lk)
    return out
