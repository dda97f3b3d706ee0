"""The pipeline: ingest -> detect -> policy -> redact -> verify -> audit.

The only module that imports every stage.  ``Pipeline`` holds the models (LAC,
OCR, region detectors) and is built once per worker process; ``run`` is then a
function of its inputs.  Outputs are written only after verification passes,
and both files appear together or not at all.
"""

from __future__ import annotations

import copy
import logging
import os
import shutil
import tempfile
import threading
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from redactor.audit import AuditInputs, ValueHasher, build_audit, write_audit
from redactor.audit.export import LABELS, redacted_text
from redactor.audit.html import render_html
from redactor.config import RedactorConfig
from redactor.context import RunContext, document_id_for
from redactor.detect import Detector, english_employer_names
from redactor.errors import OcrEngineError, RedactorError, VerificationFailedError
from redactor.ingest import load_document
from redactor.ingest.mupdf_messages import keep_mupdf_messages_off_stderr, log_mupdf_messages
from redactor.ingest.ocr.replay import refuse_outside_tests, replay_folder, replayed
from redactor.ingest.ocr.watch import watch_for
from redactor.ingest.triage import classify
from redactor.models_manifest import check as check_model
from redactor.normalize import compact
from redactor.fields import FIELDS, present_fields
from redactor.model import (
    Action, ApplicantProfile, BBox, Decision, Document, Finding, Leak, Page, RedactionPlan, TextOrigin,
    VerificationReport,
)
from redactor.policy import decide, infer_profile
from redactor.policy.naming import allocate_stems
from redactor.ownership.structure import PageStructure, read_document, runs_from_chars
from redactor.protocols import OcrEngine, OcrText, PageMap, PageProgress, in_order, read_strip, recognize_upright
from redactor.redact import apply_plan
from redactor.registry import OCR_ENGINES, resolve
from redactor.ownership.records import from_plan
from redactor.verify import VerifyOptions, scrub_text, verify_pdf

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ProfileSource:
    kind: str = "file"                         # "file" or "inferred"
    inferred_from: dict[str, Any] | None = None


@dataclass(frozen=True)
class Outcome:
    """What one input produced (picklable, no PII)."""

    input: str
    ok: bool
    output_pdf: str = ""
    audit_json: str = ""
    error: str = ""                            # one line, names the file
    exit_code: int = 0
    redactions: int = 0
    kept: int = 0
    needs_review: int = 0
    pages: int = 0
    seconds: dict[str, float] = field(default_factory=dict)


@dataclass
class Analysis:
    """Everything up to the plan, for `explain` and tests."""

    document: Document
    findings: list[Finding]
    plan: RedactionPlan


class Pipeline:
    """``cores``: the CPU cores this worker may use (default: every core the process may run on); with
    ``ocr.intra_op_threads`` 0 the OCR sessions run that many threads, so one document alone on a machine
    (a single ``redact``, the web app's worker) uses every core, and each of N batch workers its share."""

    def __init__(self, cfg: RedactorConfig, *, ocr: OcrEngine | None = None, regions: bool = True,
                 cores: int | None = None) -> None:
        refuse_outside_tests(cfg.ocr.replay_dir)     # recorded OCR writes pages' text to disk: tests only
        self.cfg = cfg
        self.cores = max(1, cores or available_cores())
        self.detector = Detector(cfg, regions=regions)
        self._ocr = ocr
        self._ocr_given = ocr is not None    # an engine handed in (the test suite's) serves every core count
        # what each reader read, by the exact pixels, for the applicant of the last document (``Readings``):
        # detection's through ``_LazyOcr``, the final check's own in ``verify`` -- never one for the other
        self._readings = {"detect": Readings(cfg.ocr.reading_memo), "verify": Readings(cfg.ocr.reading_memo)}
        self.hasher = ValueHasher(cfg.audit.key_env)
        self._starting = threading.Lock()    # the OCR engine is started once, whichever page thread asks first
        self._page_pool: ThreadPoolExecutor | None = None
        self._page_threads = 0               # the page pool's size
        keep_mupdf_messages_off_stderr()     # MuPDF's recoverable errors go to the log, per document

    @property
    def ocr(self) -> OcrEngine | None:
        """The OCR engine, loaded on first use (born-digital runs never pay for it)."""
        if self._ocr is None and self.cfg.ocr.enabled:
            with self._starting:
                if self._ocr is None:
                    replay = replay_folder(self.cfg.ocr.replay_dir)     # the test suite's recordings, only in tests
                    self._ocr = replayed(self._start_ocr, replay, self.cfg.ocr) if replay else self._start_ocr()
        return self._ocr

    def pages(self, threads: int) -> PageMap:
        """How a stage works through a document's pages: ``threads`` at once (0: this worker's cores), on
        threads this pipeline keeps (each keeps its own per-thread models), or one after another.  Every
        stage's result is taken in page order, so no decision depends on it."""
        n = threads or self.cores
        if n <= 1:
            return in_order
        if self._page_pool is None or self._page_threads != n:
            self.close()
            self._page_pool = ThreadPoolExecutor(max_workers=n, thread_name_prefix="redactor-page")
            self._page_threads = n
        pool = self._page_pool

        def run(work, items):  # noqa: ANN001, ANN202
            return list(pool.map(work, items)) if len(items) > 1 else [work(x) for x in items]
        return run

    def on_cores(self, cores: int) -> "Pipeline":
        """This pipeline on ``cores`` cores: the same detector, readings and key, its own page threads and, where
        the number differs, its own OCR sessions of that many threads (loaded on first use).  The web app's
        worker runs a job alone on every core this way while its own pipeline keeps its share beside worker
        processes.  Only one of the two may run at a time; the thread count changes how fast, never what is
        read (the engines compute each output alike on any number of threads), so no decision changes."""
        cores = max(1, cores)
        if cores == self.cores:
            return self
        twin = copy.copy(self)
        twin.cores = cores
        threads_fixed = self._ocr_given or self.cfg.ocr.intra_op_threads != 0
        twin._ocr = self.ocr if threads_fixed else None     # the same sessions serve both: loaded once, here
        twin._starting = threading.Lock()
        twin._page_pool, twin._page_threads = None, 0
        return twin

    def close(self) -> None:
        """Let the page threads go (a worker that is done; the test suite)."""
        if self._page_pool is not None:
            self._page_pool.shutdown(wait=True)
            self._page_pool, self._page_threads = None, 0

    def watched_ocr(self, profile: ApplicantProfile | None) -> OcrEngine | None:
        """The OCR engine reading for ``profile``'s applicant: with ``ocr.rec_cascade`` the cheap recogniser
        reads every line and the full one the lines that could hold the applicant's data
        (``ingest.ocr.watch``); otherwise, or with no profile, the engine itself."""
        engine = self.ocr
        if engine is None or profile is None or not self.cfg.ocr.rec_cascade:
            return engine
        watching = getattr(engine, "watching", None)
        return watching(watch_for(profile, self.cfg.ocr.cascade_min_score)) if watching is not None else engine

    def forget_readings(self) -> None:
        """Drop every remembered reading (the web app, when a job ends or is deleted)."""
        for r in self._readings.values():
            r.forget()

    def _start_ocr(self) -> OcrEngine:
        cls = resolve(OCR_ENGINES, self.cfg.ocr.engine, "OCR engine")
        ocr_cfg = self.cfg.ocr
        if ocr_cfg.intra_op_threads == 0:           # the worker's share of the cores
            ocr_cfg = ocr_cfg.model_copy(update={"intra_op_threads": self.cores})
        try:
            return cls(ocr_cfg)
        except RedactorError:
            raise
        except Exception as exc:
            raise OcrEngineError(f"cannot start OCR engine {self.cfg.ocr.engine}: {exc}") from exc

    def model_hashes(self) -> dict[str, str]:
        """SHA256 (first 16 hex) of every model this run used, checked against the manifest."""
        out = {"lac_encoder": check_model("lac_encoder")[:16], "spacy_pipeline": self.cfg.detect.nlp_model}
        if self._ocr is not None and self._ocr.name.startswith("rapidocr"):
            out["ocr_engine"] = self._ocr.name
            for mid in ("ppocr_det", "ppocr_rec") + (("ppocr_rec_tiny",) if self.cfg.ocr.rec_cascade else ()):
                out[mid] = check_model(mid)[:16]
        if "portrait.v1" in self.cfg.detect.regions:
            out["centerface"] = check_model("centerface")[:16]
        return out

    # --- stages -------------------------------------------------------------------

    def analyze(self, path: str, profile: ApplicantProfile, ctx: RunContext,
                progress: PageProgress | None = None) -> Analysis:
        """Read, detect and decide; ``progress`` hears of every page read and every page searched."""
        ocr = _LazyOcr(self, profile)   # loads the engine only if a page needs it; remembers for this applicant
        doc = load_document(path, ctx, ocr, rasters=bool(self.detector.regions), progress=progress)
        findings = self.detector.detect(doc, profile, ocr if self.cfg.ocr.enabled else None, progress=progress,
                                        pages=self.pages(self.cfg.detect.page_threads))
        plan = decide(findings, profile, self.cfg.policy, source=Path(path).name, pages=page_structures(doc))
        return Analysis(doc, findings, plan)

    def run(
        self,
        path: str,
        profile: ApplicantProfile,
        out_dir: str,
        stem: str,
        renamed: list[str] | tuple[str, ...] = (),
        source: ProfileSource = ProfileSource(),
        work_root: str | None = None,
    ) -> Outcome:
        """Redact one input into ``out_dir/stem.redacted.pdf`` + ``stem.audit.json``.

        Working files go to a private folder under ``work_root`` (a batch's ``OUT/.work``), else
        under the system's temporary folder; it is removed when the document is done."""
        import time

        t0 = time.perf_counter()
        try:
            classify(path)   # a missing or unsupported file is an input error, before anything else
            with tempfile.TemporaryDirectory(prefix="redactor-", dir=work_root) as work:
                ctx = RunContext(self.cfg, work, document_id_for(path))
                a = self.analyze(path, profile, ctx)
                t1 = time.perf_counter()
                outcome = self.release(a, a.plan, profile, ctx, out_dir, stem, renamed, source)
        finally:
            log_mupdf_messages()
        return replace(outcome, seconds={"analyze": round(t1 - t0, 3), **outcome.seconds})

    def release(
        self,
        a: Analysis,
        plan: RedactionPlan,
        profile: ApplicantProfile,
        ctx: RunContext,
        out_dir: str,
        stem: str,
        renamed: list[str] | tuple[str, ...] = (),
        source: ProfileSource = ProfileSource(),
    ) -> Outcome:
        """Apply ``plan`` (the analysis' own, or one edited by a reviewer) to the working PDF, verify, publish.

        Kept apart from ``analyze`` so that the web app re-applies an edited plan
        to the original without reading and detecting again.
        """
        import time

        path = a.document.source
        t1 = time.perf_counter()
        tmp_pdf = ctx.get_path("redacted.pdf")
        plan, result, report, repairs = self._redact_verified(a, plan, profile, tmp_pdf, f"{stem}.redacted.pdf", path)
        t2 = time.perf_counter()
        info = AuditInputs(
            display_name=stem + Path(path).suffix.lower(),
            renamed=tuple(renamed),
            output_name=f"{stem}.redacted.pdf",
            profile_source=source.kind,
            profile_fields=present_fields(profile),
            inferred_from=source.inferred_from,
            config_digest=self.cfg.digest(),
            models=self.model_hashes(),
        )
        extras: dict[str, str] = {}
        if self.cfg.audit.export_text:
            text, masked = scrub_text(redacted_text(a.document, plan), profile, LABELS)
            extras["redacted.txt"] = text
            repairs += [_repair_entry(lk) for lk in masked]
        audit = build_audit(a.document, plan, result, report, info, self.hasher, repairs=tuple(repairs))
        if self.cfg.audit.html:
            extras["audit.html"] = render_html(audit)
        out_pdf, out_json = _publish(tmp_pdf, audit, out_dir, stem, extras)
        log_mupdf_messages()        # the web app releases without ``run``
        return Outcome(
            input=path, ok=True, output_pdf=out_pdf, audit_json=out_json,
            redactions=audit["summary"]["redactions"], kept=audit["summary"]["kept"],
            needs_review=audit["summary"]["needs_review"], pages=audit["pages"],
            seconds={"redact": round(t2 - t1 - report.seconds, 3), "verify": round(report.seconds, 3)},
        )

    def verify(self, pdf: str, profile: ApplicantProfile, *, every_page: bool = False, use_ocr: bool | None = None,
               records: tuple[Decision, ...] = (), file_name: str | None = None) -> VerificationReport:
        """The final check: the pipeline's gate and ``redactor verify`` both call this, with the plan's decisions
        as the audit records them (``records``: ``ownership.records.from_plan`` here, ``from_audit`` there), so
        the same output gets the same verdict from both.  ``every_page``: OCR every page, text-only ones too."""
        use_ocr = self.cfg.verify.ocr if use_ocr is None else use_ocr
        engine = self.watched_ocr(profile) if use_ocr else None
        if engine is not None:       # its own reader's readings: identical pixels read once across documents
            engine = _Remembered(engine, self._readings["verify"].of(_applicant_key(profile)))
        return verify_pdf(pdf, profile, engine,
                          VerifyOptions(self.cfg.verify.ocr_dpi, every_page, self.pages(self.cfg.verify.page_threads),
                                        self.cfg.policy.unreadable_seal, self.cfg.verify.picture_ring,
                                        self.cfg.verify.picture_whole),
                          records, file_name)

    def _redact_verified(self, a: Analysis, plan: RedactionPlan, profile: ApplicantProfile, tmp_pdf: str,
                         out_name: str, path: str) -> tuple[RedactionPlan, Any, VerificationReport, list[dict[str, Any]]]:
        """Redact, verify; where verification found a value at a place, redact there too and verify again
        (at most ``verify.repair_rounds`` times).  Refuses when a leak has no place or a repair did not hold."""
        repairs: list[dict[str, Any]] = []
        hidden_text = any(p.hides_text for p in a.document.pages)
        chars = text_boxes(a.document, self.cfg.ocr.low_confidence)      # the same input every round
        for round_ in range(self.cfg.verify.repair_rounds + 1):
            result = apply_plan(plan, a.document.working_pdf, tmp_pdf, self.cfg.redact,
                                hidden_text=hidden_text, chars=chars)
            report = self.verify(tmp_pdf, profile, records=from_plan(plan, result.unpainted), file_name=out_name)
            if report.passed:
                break
            fixable = [lk for lk in report.failures if lk.page and lk.boxes and not _undone_here(lk, plan)]
            if round_ == self.cfg.verify.repair_rounds or not fixable:
                break       # leaks without a place (objects) go with the drawn text they copy, or refuse
            plan = _overruled(plan, [_repair_decision(lk) for lk in fixable])
            repairs += [_repair_entry(lk) for lk in fixable]
            log.info("verification found %d value(s) with a place; repair round %d", len(fixable), round_ + 1)
        if not report.passed and self.cfg.verify.fail_closed:
            where = ", ".join(sorted({f"{lk.category} in {lk.where}" for lk in report.failures}))
            raise VerificationFailedError(f"output still contains the applicant's data ({where}); not released",
                                          path=path)
        return plan, result, report, repairs

    def infer(self, paths: list[str], work_root: str | None = None) -> tuple[ApplicantProfile, ProfileSource]:
        """Profile from the labelled fields of the application forms among ``paths``
        (working copies under ``work_root``, else the system's temporary folder)."""
        pages = []
        read: list[Page] = []
        stems = allocate_stems(paths, None)
        errors = []
        for p in paths:
            try:
                classify(p)
                with tempfile.TemporaryDirectory(prefix="redactor-infer-", dir=work_root) as work:
                    ctx = RunContext(self.cfg, work, document_id_for(p))
                    doc = load_document(p, ctx, _LazyOcr(self), rasters=False)
            except RedactorError as exc:
                errors.append(exc)
                continue
            for page in doc.pages:
                findings = self.detector.text.analyze_page(page)
                pages.append((stems[p][0], page.text, findings))
                read.append(page)
        profile, ev = infer_profile(pages)
        profile = replace(profile, employers=profile.employers + self._english_employers(read, profile),
                          name_aliases=profile.name_aliases + self._english_names(read, profile))
        display, _ = allocate_stems([ev.document], profile)[ev.document]
        return profile, ProfileSource("inferred", {"document": display, "page": ev.page, "fields": list(ev.fields)})


    def _english_names(self, pages: list[Page], profile: ApplicantProfile) -> tuple[str, ...]:
        """The applicant's name as the documents print it in Latin letters (WANG Shujun, Shujun Wang: the pinyin forms
        the exact recogniser derives from the name), not yet in ``profile``: offered with the profile read from a
        评审表 so the applicant sees, and confirms, that their English name goes too."""
        exact, _ = self.detector.applicant_recognizers(profile)
        if exact is None or not profile.name:
            return ()
        known = {" ".join(n.split()).lower() for n in (profile.name, *profile.name_aliases)}
        found: list[str] = []
        for page in pages:
            for m in exact.matches(page.text):
                if m.form.field == "name" and m.form.kind == "pinyin_name":
                    text = " ".join(page.text[m.start:m.end].split())
                    if text.lower() not in known and text.lower() not in (f.lower() for f in found):
                        found.append(text)
        return tuple(found)

    def _english_employers(self, pages: list[Page], profile: ApplicantProfile) -> tuple[str, ...]:
        """The employer's English names the documents tie to its Chinese names (a bilingual letterhead, a
        paper's numbered affiliations: ``detect.english_employer_names``), not yet in ``profile``."""
        exact, _ = self.detector.applicant_recognizers(profile)
        if exact is None or not profile.employers:
            return ()
        found: list[str] = []
        for page in pages:
            spans = [(m.start, m.end) for m in exact.matches(page.text) if m.form.field == "employers"]
            if spans:
                found += english_employer_names(page, spans)
        known = {compact(e).lower() for e in profile.employers}
        return tuple(dict.fromkeys(f for f in found if compact(f).lower() not in known))


class Readings:
    """What one reader read, keyed by the exact pixels and their page geometry, for one applicant at a time.

    The engines are deterministic, so a remembered reading is the reading: a picture or a seal drawn
    identically on several pages or in several documents of a dossier (the same embedded image at the same
    size) is read once.  In memory only, at most ``size`` readings (the oldest go first); a reading for
    another applicant (the OCR cascade reads with the applicant's values in mind) drops them all."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._applicant: bytes | None = None
        self._read: OrderedDict[tuple[str, bytes], Any] = OrderedDict()
        self._lock = threading.Lock()

    def of(self, applicant: bytes) -> "Readings":
        with self._lock:
            if applicant != self._applicant:
                self._read.clear()
                self._applicant = applicant
        return self

    def forget(self) -> None:
        with self._lock:
            self._read.clear()
            self._applicant = None

    def once(self, how: str, raster: Any, read: Any) -> Any:
        if self.size <= 0:
            return read(raster)
        key = (how, _raster_key(raster))
        with self._lock:         # pages looked at on two threads: the memo's order is kept under one lock
            if key in self._read:
                self._read.move_to_end(key)
                return self._read[key]
        got = read(raster)       # outside the lock: two threads reading the same pixels read the same
        with self._lock:
            self._read[key] = got
            while len(self._read) > self.size:
                self._read.popitem(last=False)
        return got


def _applicant_key(profile: ApplicantProfile | None) -> bytes:
    """Which applicant a reading was made for (the profile's values, hashed; never stored)."""
    import hashlib

    return hashlib.blake2b(repr(profile).encode(), digest_size=16).digest()


class _Remembered:
    """``engine`` with its readings remembered in ``readings`` (the final check's own reader:
    ``Pipeline.verify``): ``recognize``, and ``recognize_upright`` and ``read_strip`` where the engine has
    them (the protocol's helpers fall back as they would on the engine itself)."""

    def __init__(self, engine: OcrEngine, readings: Readings) -> None:
        self._engine = engine
        self._readings = readings
        self.name = getattr(engine, "name", "ocr")
        for how in ("recognize_upright", "read_strip"):
            fn = getattr(engine, how, None)
            if fn is not None:
                setattr(self, how, self._remembered(how, (lambda r, f=fn: list(f(r))) if how == "recognize_upright" else fn))

    def _remembered(self, how: str, fn: Any) -> Any:
        def read(raster):  # noqa: ANN001, ANN202
            got = self._readings.once(how, raster, fn)
            return list(got) if isinstance(got, list) else got
        return read

    def recognize(self, raster):  # noqa: ANN001
        return list(self._readings.once("recognize", raster, lambda r: list(self._engine.recognize(r))))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._engine, name)


def _strip(engine: OcrEngine, raster: Any) -> OcrText:
    lines = read_strip(engine, raster)
    return lines[0] if lines else OcrText("", (), BBox(0, 0, 0, 0), 0.0)


class _LazyOcr:
    """Hands ingest and detection an OCR engine that loads only if a page needs OCR.

    One per document (``Pipeline.analyze``); what it reads is remembered in the pipeline's detection
    ``Readings`` for this applicant.  Verification never sees those (``Pipeline.verify`` reads with the
    engine itself and remembers in its own: its reading stays independent of detection's)."""

    name = "lazy"

    def __init__(self, pipeline: Pipeline, profile: ApplicantProfile | None = None) -> None:
        self._p = pipeline
        self._profile = profile
        self._applicant = _applicant_key(profile)

    def _engine(self) -> OcrEngine:
        engine = self._p.watched_ocr(self._profile)
        if engine is None:
            raise OcrEngineError("a page needs OCR but ocr.enabled is false in the config")
        return engine

    def _once(self, how: str, raster: Any, read: Any) -> Any:
        readings = self._p._readings["detect"].of(self._applicant)
        return readings.once(how, raster, lambda r: read(self._engine(), r))

    def recognize(self, raster):  # noqa: ANN001
        return list(self._once("recognize", raster, lambda e, r: list(e.recognize(r))))

    def recognize_upright(self, raster):  # noqa: ANN001
        return list(self._once("upright", raster, recognize_upright))

    def read_strip(self, raster):  # noqa: ANN001
        return self._once("strip", raster, _strip)


def available_cores() -> int:
    """The CPU cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _raster_key(raster: Any) -> bytes:
    """The exact pixels (shape, type, bytes) and their pixel-to-point transform, hashed."""
    import hashlib

    import numpy as np

    px = np.ascontiguousarray(raster.pixels)
    h = hashlib.blake2b(digest_size=20)
    h.update(repr((px.shape, px.dtype.str, tuple(raster.to_points), raster.dpi)).encode())
    h.update(memoryview(px).cast("B"))
    return h.digest()


_REPAIR_ENTITY = {
    **{f.category.value: f.box_entity for f in FIELDS},
    "photo": "FACE", "qr_code": "QR_CODE", "seal": "SEAL", "signature": "SIGNATURE",
}
_REGION_CHANNELS = {"barcode": "QR_CODE", "seal": "SEAL", "face": "FACE", "signature": "SIGNATURE",
                    "picture": "PORTRAIT"}
# boxes measured on the pixels or the objects (verify/seals.py, barcodes.py, faces.py; signatures.py and
# pictures_whole.py: the picture's placement, signatures_scan.py: the pen strokes' group, already grown by the gap
# that joins them)
_TIGHT_CHANNELS = frozenset({"seal", "barcode", "face", "signature", "picture"})


def _repair_decision(lk: Leak) -> Decision:
    """Redact where verification found a value: a region over the leak's boxes, padded.  OCR boxes are loose
    (15 % of a line's height); a stamp's or a code's box is its ink, measured on the pixels, and 15 % of a
    seal's height (~18 pt) reached the next table row: a reviewer's signature under an upside-down scan's
    employer seal was blacked out with it, and 15 % of a tall group of pen strokes (28 pt) reached over the
    printed labels beside it.  Those get half a point, as any box."""
    entity = _REGION_CHANNELS.get(lk.where) or _REPAIR_ENTITY.get(lk.category, "PERSON")
    # OCR's boxes are loose; a stamp's, a code's or a face's box is measured on the pixels (a face's, the
    # cascade's, already reaches past brow and chin)
    if lk.where in _TIGHT_CHANNELS:
        boxes = tuple(b.expanded(0.5) for b in lk.boxes)
    else:
        boxes = tuple(b.expanded(0.5 + 0.15 * b.height) for b in lk.boxes)
    finding = Finding(page=lk.page or 1, entity_type=entity, boxes=boxes, recognizer="verify_repair.v1", score=1.0,
                      explanation=(("source", "repair"), ("channel", lk.where)))
    return Decision(finding, Action.REDACT, f"repair.{lk.where}",
                    f"verification found the applicant's {lk.category} here ({lk.where}); repaired",
                    needs_review=True)


def _overruled(plan: RedactionPlan, repairs: list[Decision]) -> RedactionPlan:
    """``plan`` with the repairs added.  A seal, photo, signature or code policy had kept and a repair now
    removes is no longer listed as kept (the web app showed it blue, "kept", over the black box): the repair
    says that policy had kept it and why, and both go to review -- where the gate and policy disagree on whose
    mark it is, a person looks."""
    kept_regions = [d for d in plan.decisions if d.action is Action.KEEP and d.finding.is_region]
    overruled: dict[int, Decision] = {}
    out_repairs = []
    for r in repairs:
        hit = next((d for d in kept_regions if d.finding.page == r.finding.page
                    and any(_mostly_over(a, b) for a in r.finding.boxes for b in d.finding.boxes)), None)
        if hit is not None:
            overruled[id(hit)] = hit
            r = replace(r, reason=f"{r.reason}; policy had kept it ({hit.rule}: {hit.reason})")
        out_repairs.append(r)
    kept = tuple(d for d in plan.decisions if id(d) not in overruled)
    return replace(plan, decisions=kept + tuple(out_repairs))


def _mostly_over(a: BBox, b: BBox) -> bool:
    """``a`` and ``b`` share half of the smaller's area."""
    ix = min(a.x1, b.x1) - max(a.x0, b.x0)
    iy = min(a.y1, b.y1) - max(a.y0, b.y0)
    return ix > 0 and iy > 0 and ix * iy >= 0.5 * min(a.area, b.area)


def _undone_here(lk: Leak, plan: RedactionPlan) -> bool:
    """A person undid the removal at this place (the web app's ``manual.undo``): verification
    reports the value, but repair does not overrule them."""
    for d in plan.decisions:
        if d.rule.startswith("manual.undo") and d.finding.page == lk.page:
            for a in d.finding.boxes:
                for b in lk.boxes:
                    if min(a.x1, b.x1) > max(a.x0, b.x0) and min(a.y1, b.y1) > max(a.y0, b.y0):
                        return True
    return False


def _repair_entry(lk: Leak) -> dict[str, Any]:
    """Where the check repaired; where the plan had placed the same thing elsewhere (a signature beside the same
    label), that place and rule too: the disagreement the audit names."""
    return {"page": lk.page, "category": lk.category, "channel": lk.where,
            "bbox": [round(v, 2) for v in lk.bbox.as_tuple()] if lk.bbox else None,
            **({"disagreement": lk.as_dict()["disagreement"]} if lk.plan_rule else {})}


def text_boxes(doc: Document, low_confidence: float) -> dict[int, tuple[BBox, ...]]:
    """Each page's character boxes as ingest read them (text layer, hidden layer, OCR), by page number: the
    text a padded box of the plan stays clear of (``redact.apply_plan``).  Not OCR's readings under
    ``low_confidence`` (``ocr.low_confidence``): a signature's strokes read as 可 are no line of text."""
    return {p.number: tuple(c.bbox for c in p.chars if c.bbox is not None and c.c.strip()
                            and (c.origin is not TextOrigin.OCR or c.score >= low_confidence)) for p in doc.pages}


def page_structures(doc: Document) -> dict[int, PageStructure]:
    """Each page's structure (labels, blocks, subject, issuer) read from its text: one reading for every
    decision on whose a mark is."""
    return read_document([(p.number, p.width, p.height, runs_from_chars((c.c, c.bbox) for c in p.chars))
                          for p in doc.pages])


def _publish(tmp_pdf: str, audit: dict[str, Any], out_dir: str, stem: str,
             extras: dict[str, str] | None = None) -> tuple[str, str]:
    """Move all outputs into place together; nothing partial is left on failure."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    final_pdf = out / f"{stem}.redacted.pdf"
    final_json = out / f"{stem}.audit.json"
    staged: list[tuple[Path, Path]] = []
    try:
        part = out / f".{stem}.redacted.pdf.part"
        shutil.copyfile(tmp_pdf, part)
        staged.append((part, final_pdf))
        part = out / f".{stem}.audit.json.part"
        write_audit(audit, part)
        staged.append((part, final_json))
        for suffix, content in (extras or {}).items():
            part = out / f".{stem}.{suffix}.part"
            part.write_text(content, encoding="utf-8")
            staged.append((part, out / f"{stem}.{suffix}"))
        for part, final in staged:
            os.replace(part, final)
    except BaseException:
        for part, final in staged:
            part.unlink(missing_ok=True)
            final.unlink(missing_ok=True)
        raise
    return str(final_pdf), str(final_json)

