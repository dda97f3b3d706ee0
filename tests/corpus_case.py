"""One file the corpus generator makes, redacted by the pipeline and judged against the generator's truth
(the regression tests of single benchmark failures: a seed, an applicant, a rendering path, a document)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from redactor.config import profile_from_mapping


def corpus_file(seed: int, applicant: int, path: str, doc_type: str) -> tuple[Any, dict]:
    """(the generated file, with ``data`` and ``instances``; the applicant's profile as a mapping)."""
    from benchmarks.corpus import generate_dossier

    dossier = generate_dossier(seed, applicant, paths=(path,), doc_types=[doc_type], name_in_filename=False)
    return next(f for f in dossier.files if f.path == path), dossier.profile


def redact_corpus_file(pipeline: Any, tmp_path: Path, seed: int, applicant: int, path: str, doc_type: str
                       ) -> tuple[Any, dict, Any]:
    """(the generated file, the audit, the outcome) of running ``pipeline`` on it."""
    f, profile = corpus_file(seed, applicant, path, doc_type)
    src = tmp_path / f"input{Path(f.name).suffix}"
    src.write_bytes(f.data)
    outcome = pipeline.run(str(src), profile_from_mapping(profile), str(tmp_path / "out"), "input")
    return f, json.loads(Path(outcome.audit_json).read_text(encoding="utf-8")), outcome


def covered(box: list[float] | tuple[float, ...], boxes: list) -> float:
    """The share of ``box`` (points) under the union of ``boxes``, on a 1 pt grid."""
    x0, y0, x1, y1 = box
    points = [(x0 + i + 0.5, y0 + j + 0.5) for i in range(max(1, int(x1 - x0))) for j in range(max(1, int(y1 - y0)))]
    return sum(any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes) for x, y in points) / len(points)


def boxes_at(boxes: list, truth: list[float] | tuple[float, ...], centre_pt: float = 8.0) -> list:
    """The found ``boxes`` (points) that are the mark in ``truth``: centred within ``centre_pt`` of it and 0.8-1.4
    times its width."""
    x0, y0, x1, y1 = truth
    return [b for b in boxes if abs((b.x0 + b.x1) / 2 - (x0 + x1) / 2) < centre_pt
            and abs((b.y0 + b.y1) / 2 - (y0 + y1) / 2) < centre_pt and 0.8 * (x1 - x0) < b.width < 1.4 * (x1 - x0)]



def marks_and_boxes(f: Any, audit: dict, categories: tuple[str, ...]) -> tuple[list, list, list, list]:
    """(the applicant's marks, the removed boxes, the others' marks, the kept boxes) of ``categories`` in the
    generated file ``f``'s truth and its ``audit``."""
    mine = [i for i in f.instances if i["category"] in categories and i["owner"] == "applicant"]
    others = [i for i in f.instances if i["category"] in categories and i["owner"] != "applicant"]
    removed = [r["bbox"] for r in audit["redactions"] if r["category"] in categories]
    kept = [k["bbox"] for k in audit["kept"] if k["category"] in categories]
    return mine, removed, others, kept
