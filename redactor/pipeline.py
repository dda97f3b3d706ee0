"""The pipeline: ingest -> detect -> policy -> redact -> verify -> audit.

The only module that imports every stage.  ``Pipeline`` holds the models (LAC,
OCR, region detectors) and is built once per worker process; ``run`` is then a
function of its inputs.  Outputs are written only after verification passes,
and both files appear together or not at all.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from redactor.audit import AuditInputs, ValueHasher, build_audit, write_audit
from redactor.audit.export import redacted_text
from redactor.audit.html import render_html
from redactor.config import RedactorConfig
from redactor.context import RunContext, document_id_for
from redactor.detect import Detector
from redactor.errors import OcrEngineError, RedactorError, VerificationFailedError
from redactor.ingest import load_document
from redactor.ingest.triage import classify
from redactor.models_manifest import check as check_model
from redactor.model import ApplicantProfile, BBox, Document, Finding, PageKind, RedactionPlan, VerificationReport
from redactor.policy import decide, infer_profile
from redactor.policy.naming import allocate_stems
from redactor.protocols import OcrEngine
from redactor.redact import apply_plan
from redactor.registry import OCR_ENGINES, resolve
from redactor.verify import verify_pdf

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
    def __init__(self, cfg: RedactorConfig, *, ocr: OcrEngine | None = None, regions: bool = True) -> None:
        self.cfg = cfg
        self.detector = Detector(cfg, regions=regions)
        self._ocr = ocr
        self.hasher = ValueHasher(cfg.audit.key_env)

    @property
    def ocr(self) -> OcrEngine | None:
        """The OCR engine, loaded on first use (born-digital runs never pay for it)."""
        if self._ocr is None and self.cfg.ocr.enabled:
            cls = resolve(OCR_ENGINES, self.cfg.ocr.engine, "OCR engine")
            try:
                self._ocr = cls(self.cfg.ocr)
            except RedactorError:
                raise
            except Exception as exc:
                raise OcrEngineError(f"cannot start OCR engine {self.cfg.ocr.engine}: {exc}") from exc
        return self._ocr

    def model_hashes(self) -> dict[str, str]:
        """SHA256 (first 16 hex) of every model this run used, checked against the manifest."""
        out = {"lac_encoder": check_model("lac_encoder")[:16], "spacy_pipeline": self.cfg.detect.nlp_model}
        if self._ocr is not None and self._ocr.name.startswith("rapidocr"):
            out["ocr_engine"] = self._ocr.name
            for mid in ("ppocr_det", "ppocr_rec"):
                out[mid] = check_model(mid)[:16]
        return out

    # --- stages -------------------------------------------------------------------

    def analyze(self, path: str, profile: ApplicantProfile, ctx: RunContext) -> Analysis:
        doc = load_document(path, ctx, _LazyOcr(self), rasters=bool(self.detector.regions))
        findings = self.detector.detect(doc, profile, _LazyOcr(self) if self.cfg.ocr.enabled else None)
        plan = decide(findings, profile, self.cfg.policy, source=Path(path).name)
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
        classify(path)   # a missing or unsupported file is an input error, before anything else
        with tempfile.TemporaryDirectory(prefix="redactor-", dir=work_root) as work:
            ctx = RunContext(self.cfg, work, document_id_for(path))
            a = self.analyze(path, profile, ctx)
            t1 = time.perf_counter()
            tmp_pdf = ctx.get_path("redacted.pdf")
            result = apply_plan(a.plan, a.document.working_pdf, tmp_pdf, self.cfg.redact)
            t2 = time.perf_counter()
            report = self.verify(tmp_pdf, profile, ctx, ocr_pages=_ocr_pages(a.document, self.cfg.ocr.min_image_area_ratio))
            t3 = time.perf_counter()
            if not report.passed and self.cfg.verify.fail_closed:
                where = ", ".join(sorted({f"{lk.category} in {lk.where}" for lk in report.leaks}))
                raise VerificationFailedError(f"output still contains the applicant's data ({where}); not released",
                                              path=path)
            info = AuditInputs(
                display_name=stem + Path(path).suffix.lower(),
                renamed=tuple(renamed),
                output_name=f"{stem}.redacted.pdf",
                profile_source=source.kind,
                profile_fields=_profile_fields(profile),
                inferred_from=source.inferred_from,
                config_digest=self.cfg.digest(),
                models=self.model_hashes(),
            )
            audit = build_audit(a.document, a.plan, result, report, info, self.hasher)
            extras: dict[str, str] = {}
            if self.cfg.audit.html:
                extras["audit.html"] = render_html(audit)
            if self.cfg.audit.export_text:
                extras["redacted.txt"] = redacted_text(a.document, a.plan)
            out_pdf, out_json = _publish(tmp_pdf, audit, out_dir, stem, extras)
        return Outcome(
            input=path, ok=True, output_pdf=out_pdf, audit_json=out_json,
            redactions=audit["summary"]["redactions"], kept=audit["summary"]["kept"],
            needs_review=audit["summary"]["needs_review"], pages=audit["pages"],
            seconds={"analyze": round(t1 - t0, 3), "redact": round(t2 - t1, 3), "verify": round(t3 - t2, 3)},
        )

    def verify(self, pdf: str, profile: ApplicantProfile, ctx: RunContext,
               ocr_pages: dict[int, tuple[BBox, ...] | None] | None = None,
               use_ocr: bool | None = None) -> VerificationReport:
        use_ocr = self.cfg.verify.ocr if use_ocr is None else use_ocr
        ocr = None
        if use_ocr and (ocr_pages is None or ocr_pages):
            ocr = self.ocr
        return verify_pdf(pdf, profile, ctx, self.detector, ocr, ocr_pages)

    def infer(self, paths: list[str]) -> tuple[ApplicantProfile, ProfileSource]:
        """Profile from the labelled fields of the application forms among ``paths``."""
        pages = []
        stems = allocate_stems(paths, None)
        errors = []
        for p in paths:
            try:
                classify(p)
                with tempfile.TemporaryDirectory(prefix="redactor-infer-") as work:
                    ctx = RunContext(self.cfg, work, document_id_for(p))
                    doc = load_document(p, ctx, _LazyOcr(self), rasters=False)
            except RedactorError as exc:
                errors.append(exc)
                continue
            for page in doc.pages:
                findings = self.detector.text.analyze_page(page)
                pages.append((stems[p][0], page.text, findings))
        profile, ev = infer_profile(pages)
        display, _ = allocate_stems([ev.document], profile)[ev.document]
        return profile, ProfileSource("inferred", {"document": display, "page": ev.page, "fields": list(ev.fields)})


class _LazyOcr:
    """Hands ingest an OCR engine that loads only if a page needs OCR."""

    name = "lazy"

    def __init__(self, pipeline: Pipeline) -> None:
        self._p = pipeline

    def recognize(self, raster):  # noqa: ANN001
        engine = self._p.ocr
        if engine is None:
            raise OcrEngineError("a page needs OCR but ocr.enabled is false in the config")
        return engine.recognize(raster)


def _ocr_pages(doc: Document, min_ratio: float) -> dict[int, tuple[BBox, ...] | None]:
    """Pages (and, on mixed pages, the image regions) that verification re-OCRs."""
    out: dict[int, tuple[BBox, ...] | None] = {}
    for p in doc.pages:
        if p.kind is PageKind.MIXED:
            area = p.width * p.height
            out[p.number] = tuple(im.bbox for im in p.images if area and im.bbox.area / area >= min_ratio) or None
        elif p.kind is not PageKind.BORN_DIGITAL:
            out[p.number] = None
    return out


def _profile_fields(profile: ApplicantProfile) -> tuple[str, ...]:
    out = ["name"]
    for f in ("id_number", "phones", "employers", "name_aliases", "emails"):
        if getattr(profile, f):
            out.append(f)
    return tuple(out)


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

