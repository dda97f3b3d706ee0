"""Where LAC runs: the text chunks that hold a candidate of the applicant's data.

LAC (a BiGRU-CRF, ~0.1 CPU-s for a dense page with spaCy around it) is the
costliest part of detecting text, and on most pages of a dossier it has nothing
to decide.  What its output is used for:

* the boundary checks of ``applicant_value`` (李明 inside 李明华, 包头钢铁 inside
  包头钢铁职业技术学院): they read LAC's words around a match of the applicant's
  forms;
* ``generic_text`` in policy: an NER span that equals one of the applicant's
  names or employers once compacted is removed (``own.*.generic``);
* whose photo or personal code it is (``photo_owner``): the nearest other
  person's name in the picture's band;
* the audit's list of other people's names that were kept.

So the chunks that need it are those with a match of the applicant's forms, or
with one of the applicant's name or employer keys in their compacted text (every
span that could equal a key lies inside such a chunk: compacting is one
character at a time, so a span's compact form is a substring of its chunk's).
The detector runs LAC on the whole page where a photo or a code was found (their
owner is decided by the names beside them), and ``detect.ner_scope: page`` keeps
the old behaviour everywhere (every other person's name listed as kept).

LAC is run on the same chunks (``nlp._chunks``: lines packed up to 512
characters) as on a whole page, so a chunk's words and entities are the same as
a whole-page run gives there.  The artifacts handed to presidio are built here
instead of by ``SpacyNlpEngine.process_text``: the recognisers read only the
entities and ``tokens.user_data["lac_words"]``; lemmas and keywords (presidio's
own context enhancer, which ``CnContextEnhancer`` replaces) are not computed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from redactor.detect.nlp import _chunks
from redactor.normalize import fold_char

__all__ = ["LacArtifacts", "NerSpan", "lac_artifacts", "key_spans", "KEPT_LABELS"]

# LAC's labels (nlp.LAC_LABELS values) that the analyzer reports; LOCATION and DATE_TIME are ignored
# (analyzer.LacSpacyNlpEngine's labels_to_ignore), as presidio's SpacyNlpEngine did.
KEPT_LABELS = frozenset({"PERSON", "ORGANIZATION"})
_COMPACT_DROP = frozenset(" -_.")     # normalize.compact drops these after folding


@dataclass(frozen=True, slots=True)
class NerSpan:
    """An entity, with the attributes of a spaCy ``Span`` the recognisers read."""

    label_: str
    text: str
    start_char: int
    end_char: int


@dataclass
class _Tokens:
    user_data: dict[str, Any] = field(default_factory=dict)


class LacArtifacts:
    """What presidio's ``NlpArtifacts`` gives the recognisers: entities, scores, LAC's words."""

    def __init__(self, entities: list[NerSpan], words: list[tuple[int, int, str]], score: float = 0.85) -> None:
        self.entities = entities
        self.scores = [score] * len(entities)
        self.tokens = _Tokens({"lac_words": words})
        self.tokens_indices: list[int] = []
        self.lemmas: list[str] = []
        self.keywords: list[str] = []
        self.nlp_engine = None


def lac_artifacts(nlp: Any, text: str, spans: Sequence[tuple[int, int]] | None = None) -> LacArtifacts:
    """LAC's words and PERSON/ORGANIZATION entities on the chunks of ``text`` that overlap ``spans``
    (every chunk when ``spans`` is None), with offsets in ``text``."""
    entities: list[NerSpan] = []
    words: list[tuple[int, int, str]] = []
    for base, chunk in _chunks(text):
        if not chunk.strip():
            continue
        end = base + len(chunk)
        if spans is not None and not any(s < end and e > base for s, e in spans):
            continue
        doc = nlp(chunk)
        words += [(base + s, base + e, t) for s, e, t in doc.user_data.get("lac_words", [])]
        entities += [NerSpan(ent.label_, ent.text, base + ent.start_char, base + ent.end_char)
                     for ent in doc.ents if ent.label_ in KEPT_LABELS]
    return LacArtifacts(entities, words)


def key_spans(text: str, keys: Iterable[str]) -> list[tuple[int, int]]:
    """Spans of ``text`` whose compacted form (``normalize.compact``) is one of ``keys``."""
    present: set[str] = set()
    for c in set(text):
        present.update(fold_char(c))
    # a key none of whose occurrences can be here (a character of it is missing) is not searched
    keys = [k for k in keys if len(k) >= 2 and set(k) <= present]
    if not keys:
        return []
    out_chars: list[str] = []
    idx: list[int] = []
    for i, c in enumerate(text):
        f = fold_char(c)
        for ch in f:
            if ch not in _COMPACT_DROP:
                out_chars.append(ch)
                idx.append(i)
    folded = "".join(out_chars)
    spans: list[tuple[int, int]] = []
    for k in keys:
        j = folded.find(k)
        while j >= 0:
            spans.append((idx[j], idx[j + len(k) - 1] + 1))
            j = folded.find(k, j + 1)
    return spans
