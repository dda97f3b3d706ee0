"""Verification: re-read the output as a stranger would, and fail closed.

Independent of what the redaction stage believes it did, the output PDF is
re-opened and searched for the applicant's values:

- text layer: the page model is rebuilt from the output and the applicant-value
  recogniser (same boundary rules as detection, so 李明华 is not a leak of 李明)
  runs over it;
- metadata and XMP;
- every PDF object and decoded stream, for ASCII values (ID, phones, e-mail,
  pinyin) and UTF-16 encodings of Chinese values (annotation contents, outlines,
  form values hide there);
- OCR of the rendered pages, when an OCR engine is given.
"""

from __future__ import annotations

import logging
import re

from redactor.context import RunContext
from redactor.detect import Detector
from redactor.ingest import read_pdf_pages
from redactor.ingest.inspect import PdfRawView, iter_rendered_pages, raw_view
from redactor.model import ApplicantProfile, BBox, Category, Leak, Page, VerificationReport
from redactor.normalize import compact, id_forms, normalize_email, normalize_phone
from redactor.protocols import OcrEngine
from redactor.variants import applicant_forms

log = logging.getLogger(__name__)

__all__ = ["verify_pdf"]

APPLICANT = "applicant_value.v1"


def verify_pdf(
    pdf_path: str,
    profile: ApplicantProfile,
    ctx: RunContext,
    detector: Detector,
    ocr: OcrEngine | None = None,
    ocr_pages: dict[int, tuple[BBox, ...] | None] | None = None,
) -> VerificationReport:
    """``ocr_pages``: 1-based page -> regions to re-OCR (None: the whole page); None: every whole page."""
    leaks: list[Leak] = []
    checks: list[str] = []
    exact, fuzzy = detector.applicant_recognizers(profile)

    pages = read_pdf_pages(pdf_path, ctx, None, rasters=False)
    checks.append("text_layer")
    for page in pages:
        leaks += _text_leaks(page, detector, exact, "text_layer")

    view = raw_view(pdf_path)
    checks.append("metadata")
    leaks += _metadata_leaks(view, profile)
    checks.append("pdf_objects")
    leaks += _object_leaks(view, profile)
    checks.append("hidden_structures")
    leaks += [Leak(where="hidden_content", category="structure", detail=f"{s} present") for s in view.structures]
    if ocr is not None:
        from redactor.ingest.ocr.merge import ocr_to_chars

        checks.append("ocr")
        wanted = set(ocr_pages) if ocr_pages is not None else None
        for number, raster, width, height in iter_rendered_pages(pdf_path, ctx.config.verify.ocr_dpi, wanted):
            regions = (ocr_pages or {}).get(number)
            parts = [raster] if not regions else [p for p in (raster.crop(b, pad=2.0) for b in regions) if p is not None]
            lines = [line for part in parts for line in ocr.recognize(part)]
            chars, _ = ocr_to_chars(lines, (), 0.0)
            text = "".join(c.c for c in chars)
            ocr_page = Page(number=number, width=width, height=height, text=text, chars=tuple(chars))
            leaks += _text_leaks(ocr_page, detector, fuzzy, "ocr")
    return VerificationReport(passed=not leaks, leaks=tuple(leaks), checks=tuple(checks))


def _text_leaks(page: Page, detector: Detector, recognizer, where: str) -> list[Leak]:
    if recognizer is None or not page.text.strip():
        return []
    out = []
    for res in detector.text.analyze_text(page.text, [recognizer]):
        meta = res.recognition_metadata or {}
        if meta.get("recognizer_name") != APPLICANT or meta.get("boundary") or meta.get("needs_evidence"):
            continue
        cat = _category(res.entity_type)
        out.append(Leak(where=where, category=cat, page=page.number, detail=f"form {meta.get('form_kind')}"))
    return out


def _category(entity_type: str) -> str:
    return {
        "PERSON": Category.NAME.value, "ORGANIZATION": Category.EMPLOYER.value, "CN_RESIDENT_ID": Category.ID_NUMBER.value,
        "CN_MOBILE": Category.PHONE.value, "EMAIL_ADDRESS": Category.EMAIL.value,
    }.get(entity_type, entity_type.lower())


def _needles(profile: ApplicantProfile) -> list[tuple[str, re.Pattern[bytes], bool]]:
    """Byte patterns for values as they would sit in PDF objects: (category,
    pattern, also search content streams).  Chinese values are not searched in
    content streams: there text is glyph codes (CIDs), which by chance can equal
    a value's UTF-16 bytes; the text-layer check reads content streams properly."""
    out: list[tuple[str, re.Pattern[bytes], bool]] = []

    def digits(cat: str, value: str) -> None:
        if value:
            out.append((cat, re.compile(rb"(?<![0-9])" + re.escape(value.encode()) + rb"(?![0-9])", re.I), True))

    for v in id_forms(profile.id_number) if profile.id_number else ():
        digits(Category.ID_NUMBER.value, v)
    for p in profile.phones:
        digits(Category.PHONE.value, normalize_phone(p))
    for e in profile.emails:
        out.append((Category.EMAIL.value, re.compile(re.escape(normalize_email(e).encode()), re.I), True))
    cjk_values = [(Category.NAME.value, profile.name)] + [(Category.NAME.value, a) for a in profile.name_aliases]
    cjk_values += [(Category.EMPLOYER.value, e) for e in profile.employers]
    for cat, v in cjk_values:
        v = compact(v)
        if not v:
            continue
        u16 = v.encode("utf-16-be")
        out.append((cat, re.compile(re.escape(u16)), False))
        out.append((cat, re.compile(re.escape(u16.hex().encode()), re.I), False))
        out.append((cat, re.compile(re.escape(v.encode("utf-8").hex().encode()), re.I), False))   # e.g. page labels
        if len(v) >= 3 or not v.isascii():
            out.append((cat, re.compile(re.escape(v.encode("utf-8"))), False))
    for f in applicant_forms(profile):
        if f.script == "latin" and not f.needs_evidence and f.category is Category.NAME and len(f.text) >= 6:
            out.append((Category.NAME.value, re.compile(rb"(?<![A-Za-z])" + re.escape(f.text.encode()) + rb"(?![A-Za-z])", re.I), True))
    return out


def _metadata_leaks(view: PdfRawView, profile: ApplicantProfile) -> list[Leak]:
    folded = compact(view.metadata_text)
    out = []
    for cat, value in _plain_values(profile):
        if value and value in folded:
            out.append(Leak(where="metadata", category=cat, detail="value in Info/XMP metadata"))
    return out


def _plain_values(profile: ApplicantProfile) -> list[tuple[str, str]]:
    vals = [(Category.NAME.value, compact(profile.name))] + [(Category.NAME.value, compact(a)) for a in profile.name_aliases]
    vals += [(Category.ID_NUMBER.value, i.lower()) for i in (id_forms(profile.id_number) if profile.id_number else ())]
    vals += [(Category.PHONE.value, normalize_phone(p)) for p in profile.phones]
    vals += [(Category.EMAIL.value, compact(e)) for e in profile.emails]
    vals += [(Category.EMPLOYER.value, compact(e)) for e in profile.employers]
    return vals


def _object_leaks(view: PdfRawView, profile: ApplicantProfile) -> list[Leak]:
    needles = _needles(profile)
    out: list[Leak] = []
    seen: set[str] = set()
    for xref, blob, is_content in view.objects:
        for cat, pat, in_content in needles:
            if is_content and not in_content:
                continue
            if cat not in seen and pat.search(blob):
                seen.add(cat)
                out.append(Leak(where="pdf_object", category=cat, detail=f"object {xref}"))
    return out
