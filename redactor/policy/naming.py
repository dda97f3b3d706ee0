"""Output file names that never carry the applicant's data.

``王淑珺-论文.pdf`` -> ``姓名-论文.redacted.pdf``: every form of an applicant
value in the input's stem is replaced by its category label.
"""

from __future__ import annotations

from pathlib import Path

from redactor.fields import CATEGORY_LABELS, FIELDS, applicant_forms
from redactor.model import ApplicantProfile
from redactor.variants import find_forms

LABELS = {f.category: CATEGORY_LABELS[f.category] for f in FIELDS}


def safe_stem(path: str | Path, profile: ApplicantProfile | None) -> tuple[str, list[str]]:
    """(stem without applicant data, categories that were replaced)."""
    stem = Path(path).stem
    if profile is None:
        return stem, []
    matches = [m for m in find_forms(stem, applicant_forms(profile)) if not m.form.needs_evidence]
    replaced: list[str] = []
    for m in sorted(matches, key=lambda m: m.start, reverse=True):
        stem = stem[:m.start] + LABELS.get(m.form.category, "已脱敏") + stem[m.end:]
        replaced.append(m.form.category.value)
    return stem, sorted(set(replaced))


def allocate_stems(paths: list[str], profile: ApplicantProfile | None) -> dict[str, tuple[str, list[str]]]:
    """Unique safe stems for a batch (two inputs may sanitise to the same name)."""
    taken: set[str] = set()
    out: dict[str, tuple[str, list[str]]] = {}
    for p in paths:
        stem, replaced = safe_stem(p, profile)
        base, n = stem, 2
        while stem.lower() in taken:
            stem = f"{base}-{n}"
            n += 1
        taken.add(stem.lower())
        out[p] = (stem, replaced)
    return out
