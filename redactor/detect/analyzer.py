"""Presidio AnalyzerEngine for Chinese, built once per worker process.

Recognisers come from ``configs/recognizers.yaml`` (presidio's format) and the
versioned names in ``redactor.registry``.  The NLP engine is our saved spaCy
``zh`` pipeline whose NER is LAC; context words use ``CnContextEnhancer``.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml
from presidio_analyzer import AnalyzerEngine, EntityRecognizer, Pattern, PatternRecognizer, RecognizerRegistry, RecognizerResult
from presidio_analyzer.nlp_engine import NerModelConfiguration, SpacyNlpEngine

from redactor.config import DetectConfig, packaged_config_path
from redactor.detect.context import CnContextEnhancer
from redactor.detect.dropped_chars import no_room_for_dropped
from redactor.detect.ner_scope import lac_artifacts
from redactor.detect.nlp import load_nlp
from redactor.errors import ConfigError
from redactor.model import Finding, Page, TextOrigin
from redactor.registry import RECOGNIZERS, resolve

log = logging.getLogger(__name__)

LANG = "zh"
_ENTITY_MAP = {"PERSON": "PERSON", "ORGANIZATION": "ORGANIZATION", "LOCATION": "LOCATION", "DATE_TIME": "DATE_TIME"}


class LacSpacyNlpEngine(SpacyNlpEngine):
    """SpacyNlpEngine that loads our pipeline from models/ (never downloads)."""

    def __init__(self, model: str) -> None:
        super().__init__(
            models=[{"lang_code": LANG, "model_name": model}],
            ner_model_configuration=NerModelConfiguration(
                model_to_presidio_entity_mapping=_ENTITY_MAP, labels_to_ignore=["LOCATION", "DATE_TIME"],
                low_score_entity_names=[],
            ),
        )
        self._model = model

    def load(self) -> None:
        self.nlp = {LANG: load_nlp(self._model)}


def load_recognizers(path_or_name: str) -> list[EntityRecognizer]:
    """Read recognizers.yaml; unknown names and bad entries fail loudly."""
    path = Path(path_or_name)
    if not path.is_file():
        path = packaged_config_path(path_or_name)
    if not path.is_file():
        raise ConfigError("recognizers file not found", path=str(path))
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise ConfigError(f"recognizers file is not valid YAML ({exc})", path=str(path)) from exc
    out: list[EntityRecognizer] = []
    for i, entry in enumerate(data.get("recognizers", [])):
        if not isinstance(entry, dict) or "name" not in entry:
            raise ConfigError(f"recognizers[{i}] needs a name", path=str(path))
        if not entry.get("enabled", True):
            continue
        kind = entry.get("type", "predefined")
        if kind == "predefined":
            cls = resolve(RECOGNIZERS, entry["name"], "recognizer")
            kwargs: dict[str, Any] = {}
            if "context" in entry:
                kwargs["context"] = list(entry["context"])
            out.append(cls(**kwargs))
        elif kind == "custom":
            try:
                patterns = [Pattern(p["name"], p["regex"], float(p["score"])) for p in entry["patterns"]]
                out.append(PatternRecognizer(
                    supported_entity=entry["supported_entity"], name=entry["name"], patterns=patterns,
                    context=entry.get("context"), supported_language=LANG,
                ))
            except (KeyError, TypeError) as exc:
                raise ConfigError(f"custom recognizer {entry['name']!r} needs supported_entity and patterns "
                                  f"with name/regex/score ({exc})", path=str(path)) from exc
        else:
            raise ConfigError(f"recognizers[{i}] has unknown type {kind!r}; valid: predefined, custom", path=str(path))
    return out


class TextAnalyzer:
    """Presidio analysis of a page's text -> Findings with boxes (by offset)."""

    def __init__(self, cfg: DetectConfig) -> None:
        self.dropped_char_room = cfg.dropped_char_room
        self.dropped_char_margin = cfg.dropped_char_margin
        nlp_engine = LacSpacyNlpEngine(cfg.nlp_model)
        nlp_engine.load()
        self.nlp_engine = nlp_engine
        registry = RecognizerRegistry(recognizers=load_recognizers(cfg.recognizers_file), supported_languages=[LANG])
        self.engine = AnalyzerEngine(
            registry=registry, nlp_engine=nlp_engine, supported_languages=[LANG],
            context_aware_enhancer=CnContextEnhancer(window=cfg.context_window, boost=cfg.context_boost),
        )

    def analyze_text(self, text: str, ad_hoc: list[EntityRecognizer] | None = None,
                     ner_spans: Sequence[tuple[int, int]] | None = None) -> list[RecognizerResult]:
        """Every recogniser over ``text``; LAC only on the chunks overlapping ``ner_spans``
        (on all of ``text`` when None; see ``ner_scope``)."""
        if not text.strip():
            return []
        artifacts = lac_artifacts(self.nlp_engine.nlp[LANG], text, ner_spans)
        results = self.engine.analyze(text=text, language=LANG, ad_hoc_recognizers=ad_hoc or None,
                                      nlp_artifacts=artifacts, score_threshold=0.0)  # type: ignore[arg-type]
        return results + _dropped_as_duplicates(results, text, ad_hoc or [], artifacts)

    def analyze_page(self, page: Page, ad_hoc: list[EntityRecognizer] | None = None,
                     ner_spans: Sequence[tuple[int, int]] | None = None) -> list[Finding]:
        findings = []
        for res in self.analyze_text(page.text, ad_hoc, ner_spans):
            f = to_finding(page, res, self.dropped_char_room, self.dropped_char_margin)
            if f is not None:
                findings.append(f)
        return findings


def _dropped_as_duplicates(results: list[RecognizerResult], text: str, ad_hoc: list[EntityRecognizer],
                           artifacts: Any) -> list[RecognizerResult]:
    """The ad hoc recognisers' results (the applicant's own values) that Presidio dropped.

    Presidio drops a result that another of the same entity type contains with an equal or higher score:
    an OCR-tolerant match of the applicant's employer (score 0.65) inside the organisation LAC read around
    it (0.85) vanished, and the employer stayed (a black-and-white scan's 包头制铁…公司).  A match
    of the applicant's value is no one's duplicate: what Presidio dropped is put back (each recogniser
    remembers its matches of the page's text, so asking again costs nothing).  A match the recogniser
    itself judged part of a longer name (``boundary``) stays dropped, as before: put back, it made the
    policy keep an employer on a certificate as "someone else's", where it had been left to the
    gate, which removes it."""
    have = {(r.entity_type, r.start, r.end, _recognizer_of(r)) for r in results}
    out = []
    for rec in ad_hoc:
        for r in rec.analyze(text, rec.supported_entities, artifacts):
            if (r.recognition_metadata or {}).get("boundary"):
                continue      # judged part of another body's or person's name: dropped, as it always was
            if (r.entity_type, r.start, r.end, _recognizer_of(r)) not in have:
                out.append(r)
    return out


def _recognizer_of(r: RecognizerResult) -> str:
    return str((r.recognition_metadata or {}).get(RecognizerResult.RECOGNIZER_NAME_KEY, ""))


def to_finding(page: Page, res: RecognizerResult,
               dropped_char_room: float = DetectConfig.model_fields["dropped_char_room"].default,
               dropped_char_margin: float = DetectConfig.model_fields["dropped_char_margin"].default) -> Finding | None:
    """``res`` as a Finding with its boxes; None for an OCR-tolerant match on a text layer or across columns.
    A reading of the applicant's name with a character dropped where the page shows no room for one is
    another person's whole name (``detect.dropped_chars``; ``dropped_char_room``, ``dropped_char_margin``:
    ``DetectConfig``)."""
    meta = dict(res.recognition_metadata or {})
    fuzzy = meta.get("fuzzy")
    span_chars = page.chars[res.start:res.end]
    if fuzzy and all(c.origin is not TextOrigin.OCR for c in span_chars if c.bbox is not None):
        return None   # fuzzy matching is for OCR text only; a text layer is exact
    if fuzzy and _jumps_a_column(span_chars):
        return None
    if meta.get("dropped_between") and not meta.get("boundary") and no_room_for_dropped(
            page, res.start, res.end, meta["dropped_between"], dropped_char_room, dropped_char_margin):
        meta.update(boundary="other_whole_name", boundary_evidence="no_room_for_dropped_char")
    boxes = page.boxes_for_span(res.start, res.end)
    if not boxes:
        return None
    expl: list[tuple[str, Any]] = []
    ae = res.analysis_explanation
    if ae is not None:
        if ae.pattern_name:
            expl.append(("pattern", ae.pattern_name))
        expl.append(("original_score", round(float(ae.original_score), 3)))
        if ae.supportive_context_word:
            expl.append(("context_word", ae.supportive_context_word))
        if ae.validation_result is not None:
            expl.append(("checksum", bool(ae.validation_result)))
    for key in ("form_kind", "profile_field", "needs_evidence", "rank", "boundary", "boundary_evidence", "fuzzy", "label"):
        if meta.get(key) is not None:
            expl.append((key, meta[key]))
    origins = {c.origin.value for c in span_chars if c.bbox is not None}
    expl.append(("source", "+".join(sorted(origins)) or "text_layer"))
    low = [ln for ln in page.ocr_lines if ln.low_confidence and ln.start < res.end and res.start < ln.end]
    if low:
        expl.append(("low_confidence_ocr", True))
    return Finding(
        page=page.number,
        entity_type=res.entity_type,
        boxes=boxes,
        recognizer=str(meta.get(RecognizerResult.RECOGNIZER_NAME_KEY, "unknown")),
        score=round(float(res.score), 3),
        text=page.text[res.start:res.end],
        start=res.start,
        end=res.end,
        explanation=tuple(expl),
    )


_COLUMN_GAP = 3.0           # a gap between two characters of one line this many character heights wide parts columns


def _jumps_a_column(chars) -> bool:
    """Two characters side by side on a line with a column's gap between them.  OCR reads two columns'
    lines as one: 包头钢铁（集团）有限责任公 | 东北大学 (a co-author's affiliation in the next column), and an
    OCR-tolerant match took 东 for the wrapped 司 and removed it (decoys lost)."""
    boxed = [c.bbox for c in chars if c.bbox is not None]
    for a, b in zip(boxed, boxed[1:]):
        same_line = min(a.y1, b.y1) - max(a.y0, b.y0) > 0.5 * min(a.height, b.height)
        if same_line and b.x0 - a.x1 > _COLUMN_GAP * max(a.height, b.height, 1.0):
            return True
    return False
