"""Detection: Document (+ applicant profile) -> candidate Findings.

Text recognisers (presidio) run over each page's text; region detectors
(portrait, QR code, seal, signature) over each page's rendering.  Both produce
the same ``Finding`` type.  Detection never decides whose data a candidate is:
that is the policy stage's job.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import replace

from redactor.config import RedactorConfig
from redactor.model import ApplicantProfile, Document, Finding, Page, PageKind, Raster, TextOrigin
from redactor.protocols import OcrEngine, PageMap, PageProgress, in_order
from redactor.registry import REGION_DETECTORS, resolve
from redactor.detect.ner_scope import key_spans
from redactor.detect.portraits_off_codes import portraits_off_codes
from redactor.detect.signatures_off_photos import signatures_off_photos, signatures_off_seals
from redactor.detect.stacked_lines import wrapped_values
from redactor.detect.under_stamps import ids_under_stamps, values_under_stamps

log = logging.getLogger(__name__)

__all__ = ["Detector"]


class Detector:
    """Holds the loaded models; build one per worker process and reuse it."""

    def __init__(self, cfg: RedactorConfig, *, regions: bool = True) -> None:
        from redactor.detect.analyzer import TextAnalyzer

        self.cfg = cfg
        self.text = TextAnalyzer(cfg.detect)
        from redactor.detect.regions.params import build_detector

        built = [
            build_detector(resolve(REGION_DETECTORS, n, "region detector"), n, cfg.detect.region_params.get(n))
            for n in cfg.detect.regions
        ] if regions else []
        # the signature detector tells stamp ink from pen ink with the seal detector as configured
        seal = next((d for d in built if d.name == "seal.v1"), None)
        self.regions = [d.with_seal_detector(seal) if hasattr(d, "with_seal_detector") else d for d in built]

    def applicant_recognizers(self, profile: ApplicantProfile | None):
        """(exact, fuzzy) recognisers of the applicant's own values, or (None, None)."""
        if profile is None:
            return None, None
        from redactor.detect.recognizers.applicant_value_recognizer import ApplicantValueRecognizer
        from redactor.fields import applicant_forms

        forms = applicant_forms(profile)
        return ApplicantValueRecognizer(forms=forms), ApplicantValueRecognizer(forms=forms, fuzzy=True)

    def detect(self, doc: Document, profile: ApplicantProfile | None, ocr: OcrEngine | None = None,
               progress: PageProgress | None = None, pages: PageMap = in_order) -> list[Finding]:
        """Candidate findings of every page: the region searches first, page by page through ``pages`` (one
        after another, or several pages at once on threads the caller lends: each page's marks depend on that
        page alone), then the text recognisers in page order."""
        exact, fuzzy = self.applicant_recognizers(profile)
        keys = _ner_keys(profile)
        findings: list[Finding] = []
        form_pages = _form_pages(doc.pages)
        searched = _Searched(progress, len(doc.pages))
        marks = pages(lambda page: searched(self._regions(page, ocr, page.number in form_pages)), doc.pages)
        for page, regions in zip(doc.pages, marks):
            # OCR characters join only pages routed to OCR (ingest): a born-digital page has none
            has_ocr = page.kind is not PageKind.BORN_DIGITAL and any(c.origin is TextOrigin.OCR for c in page.chars)
            own = (fuzzy if has_ocr else exact) if exact is not None else None
            ner_spans = None          # LAC over the whole page
            if own is not None and self.cfg.detect.ner_scope == "applicant" \
                    and not any(f.entity_type in _TIED_TO_NAMES for f in regions):
                ner_spans = own.spans(page.text) + key_spans(page.text, keys)
            page_findings = self.text.analyze_page(page, [own] if own is not None else [], ner_spans)
            if exact is not None and (has_ocr or page.kind is PageKind.SCAN_WITH_HIDDEN_TEXT):
                # a value wrapped over two lines of a table cell, not adjacent in OCR order
                # (or in an invisible OCR layer's extraction order)
                page_findings += wrapped_values(page, exact.forms, fuzzy=True)
            if regions:      # the applicant's unit read up to a stamp pressed over the rest of it
                page_findings += values_under_stamps(page, regions, profile,
                                                     min_chars=self.cfg.detect.under_stamp_min_chars,
                                                     reach=self.cfg.detect.under_stamp_reach)
                page_findings += ids_under_stamps(page, regions, profile, reach=self.cfg.detect.under_stamp_reach,
                                                  digit_advance=self.cfg.detect.under_stamp_id_digit_advance)
            findings.extend(_with_affiliations(page, page_findings))
            findings.extend(regions)
            if progress is not None:
                progress("detect", len(doc.pages), len(doc.pages))     # between pages: a cancelled job stops
        log.info("%d candidate findings on %d pages", len(findings), len(doc.pages))
        return findings

    def _regions(self, page: Page, ocr: OcrEngine | None, on_form: bool) -> list[Finding]:
        """The marks the region detectors find on one page (none on a page not rendered)."""
        if page.raster is None or not self.regions:
            return []
        from redactor.detect.regions.planes import PagePlanes

        pixel_page = _unpacked(page)     # decompressed once, shared by every detector
        planes = PagePlanes(pixel_page)  # its grey, HSV and upright planes, each made once for them all
        regions: list[Finding] = []
        for det in self.regions:
            # a detector that takes the page's shared planes gets them; others are called as before
            found = det.detect(pixel_page, ocr, planes=planes) if _takes_planes(det) else det.detect(pixel_page, ocr)
            regions.extend(_mark_form(f, on_form) for f in found)
        return signatures_off_seals(signatures_off_photos(portraits_off_codes(regions)))


class _Searched:
    """Tells ``progress`` of each page whose marks were searched, in the order they finish (pages searched on
    two threads finish out of order; the count is what the progress bar shows)."""

    def __init__(self, progress: PageProgress | None, total: int) -> None:
        self._progress = progress
        self._total = total
        self._done = 0
        self._lock = threading.Lock()

    def __call__(self, regions: list[Finding]) -> list[Finding]:
        if self._progress is not None:
            with self._lock:
                self._done += 1
                done = self._done
            self._progress("detect", done, self._total)
        return regions


# Regions whose owner policy decides by the names beside them (policy.photo_owner): on their
# page LAC reads everything, so that other people's names are there to tie them to.
_TIED_TO_NAMES = frozenset({"PORTRAIT", "PHOTO_SLOT", "QR_CODE", "BARCODE"})


def _ner_keys(profile: ApplicantProfile | None) -> tuple[str, ...]:
    """The compacted names and employers of the profile: an NER span equal to one is the applicant's
    (policy's ``generic_text``), so a chunk that holds one is read by LAC (``ner_scope``)."""
    if profile is None:
        return ()
    from redactor.fields import profile_keys

    k = profile_keys(profile)
    return tuple(sorted(k["name"] | k["name_aliases"] | k["employers"]))


def _takes_planes(det: object) -> bool:
    import inspect

    try:
        return "planes" in inspect.signature(det.detect).parameters      # type: ignore[attr-defined]
    except (TypeError, ValueError):
        return False


def _unpacked(page: Page) -> Page:
    """The page with its rendering as a plain array (ingest keeps it compressed until now)."""
    r = page.raster
    assert r is not None
    return replace(page, raster=Raster(pixels=r.pixels, to_points=r.to_points, dpi=r.dpi))


# Titles of application forms: a seal on one of these is the employer's (certificates carry the issuer's).
FORM_TITLES = ("评审表", "申报表", "送审表", "考核表", "登记表", "推荐表", "呈报表", "审批表")


# Words of a page that is no longer the form (a certificate or a paper appended to it).
_NOT_FORM = ("证书编号", "特发此证", "兹证明", "兹授予", "荣誉证书", "获奖证书", "资格证书", "合格证书", "聘书",
             "毕业证书", "学位证书", "摘要", "关键词", "Abstract", "DOI", "专利号", "合同编号")
_FORM_MAX_PAGES = 10     # a 评审表 is a few pages; a dossier goes on to other material


def _form_pages(pages) -> set[int]:
    """Pages of an application form: a page whose top carries a form title (评审表…)
    and the pages after it -- a 评审表's seal is on its last page, which has no
    title -- until a page that reads like a certificate or a paper, at most
    ``_FORM_MAX_PAGES`` in all."""
    out: set[int] = set()
    left = 0
    for page in pages:
        if _form_title_on_top(page):
            left = _FORM_MAX_PAGES
        elif left and any(w in page.text for w in _NOT_FORM):
            left = 0
        if left:
            out.add(page.number)
            left -= 1
    return out


def _form_title_on_top(page: Page) -> bool:
    """A form title in the top third of the page (a mention such as 详见推荐表 in
    running text further down is no title); pages without boxes or turned by
    /Rotate (boxes are in the unturned space): anywhere."""
    for t in FORM_TITLES:
        i = page.text.find(t)
        while i >= 0:
            boxes = [c.bbox for c in page.chars[i:i + len(t)] if c.bbox is not None]
            if not boxes or page.rotation % 360 or min(b.y0 for b in boxes) <= page.height / 3:
                return True
            i = page.text.find(t, i + 1)
    return False


def _mark_form(f: Finding, on_form: bool) -> Finding:
    if f.entity_type == "SEAL" and f.explain("on_form") is None:
        return replace(f, explanation=f.explanation + (("on_form", on_form),))
    return f


def _with_affiliations(page: Page, findings: list[Finding]) -> list[Finding]:
    """Attach author markers (王淑珺¹) to the applicant's name matches and, when
    there are any or the applicant's employer is on the page, add the page's
    numbered affiliation segments."""
    from redactor.detect.affiliations import affiliation_segments, author_markers
    from redactor.detect.author_bio import bio_details
    from redactor.detect.letterhead import english_twins

    out: list[Finding] = []
    marked = False
    for f in findings:
        if (f.recognizer == "applicant_value.v1" and f.entity_type == "PERSON" and f.start is not None
                and not f.explain("boundary")):
            out.extend(bio_details(page, f))
            markers = author_markers(page, f.start, f.end)
            if markers:
                f = replace(f, explanation=f.explanation + (("affiliation_markers", ",".join(markers)),))
                marked = True
        out.append(f)
    employers = [f for f in findings if f.recognizer == "applicant_value.v1" and f.entity_type == "ORGANIZATION"
                 and f.start is not None and f.end is not None and not f.explain("boundary")]
    employer_spans = [(f.start, f.end) for f in employers]
    # a bilingual letterhead: the name again in English, beside a name that stands on its own line (a name
    # wrapped over two lines, ``stacked_lines``, stands on neither)
    out.extend(english_twins(page, [(f.start, f.end) for f in employers if not f.explain("wrapped_lines")]))
    if marked:
        out.extend(affiliation_segments(page, employer_spans))
    elif employer_spans:
        # no marker read (OCR drops raised digits): only an English segment numbered like a
        # Chinese one that names the employer matters; numbered lists elsewhere are not affiliations
        out.extend(_twin_segments(affiliation_segments(page, employer_spans)))
    return out


def english_employer_names(page: Page, employer_spans: list[tuple[int, int]]) -> list[str]:
    """The employer's name in English that ``page`` ties to its Chinese name at ``employer_spans``: the line
    beside it on a bilingual letterhead (``letterhead``), or the English affiliation numbered like the Chinese
    one that names it (``affiliations``).  For a profile read from the forms: the applicant confirms them."""
    from redactor.detect.affiliations import affiliation_segments
    from redactor.detect.letterhead import english_twins

    out = [" ".join(f.text.split()) for f in english_twins(page, employer_spans)]
    segments = _twin_segments(affiliation_segments(page, employer_spans))
    mine = {f.explain("marker") for f in segments if f.explain("part") == "line" and f.explain("script") == "cjk"
            and f.explain("names_employer")}
    out += [" ".join(f.text.split()) for f in segments if f.explain("part") == "organisation"
            and f.explain("marker") in mine]
    return [t.rstrip("，,;； ") for t in out if t]


def _twin_segments(segments: list[Finding]) -> list[Finding]:
    """A paper's affiliation list given twice, in Chinese then in English, with the
    same numbers: the segments of that pair of lists (empty when there is none --
    a numbered CV list and a reference list are not one)."""
    lines = [f for f in segments if f.explain("part", "line") == "line"]
    cjk = {f.explain("marker"): f for f in lines if f.explain("script") == "cjk"}
    latin = {f.explain("marker"): f for f in lines if f.explain("script") == "latin"}
    if len(cjk) != len([f for f in lines if f.explain("script") == "cjk"]) or set(cjk) != set(latin):
        return []
    if not any(f.explain("names_employer") for f in cjk.values()):
        return []
    if max(f.start or 0 for f in cjk.values()) > min(f.start or 0 for f in latin.values()):
        return []
    return segments
