"""Forms of the applicant's employers: official, aliases, traditional, derived, English."""

from __future__ import annotations

from collections.abc import Sequence

from redactor.model import Category
from redactor.normalize import fold
from redactor.variants.organisations import derived_employer_names, derived_english_names
from redactor.variants.text import cjk_key, script_of, script_variants
from redactor.variants.types import ValueForm


def employer_forms(field: str, values: Sequence[str], earlier: Sequence[ValueForm]) -> list[ValueForm]:
    """The official name (first value), aliases, their traditional spellings, derived and English names."""
    out: list[ValueForm] = []
    seen: set[tuple[str, str]] = set()

    def add(kind: str, text: str, script: str, rank: int) -> None:
        key = (script, cjk_key(text) if script == "cjk" else " ".join(fold(text).split()))
        if key in seen:
            return
        seen.add(key)
        out.append(ValueForm(Category.EMPLOYER, field, kind, text, script, False, rank))

    entries = [e.strip() for e in values if e.strip()]
    for i, e in enumerate(entries):
        script = script_of(e)
        if script == "latin":
            add("employer_english", " ".join(e.split()), "latin", 0 if i == 0 else 1)
        else:
            add("employer_official" if i == 0 else "employer_alias", e, script, 0 if i == 0 else 1)
    # traditional forms, then derived (weaker) forms
    for i, e in enumerate(entries):
        if script_of(e) == "cjk":
            for trad in script_variants(e):
                add("traditional_employer", trad, "cjk", 0 if i == 0 else 1)
    for e in entries:
        script = script_of(e)
        if script == "cjk":
            for d in derived_employer_names(e):
                add("employer_derived", d, "cjk", 2)
                for trad in script_variants(d):
                    add("employer_derived", trad, "cjk", 2)
        elif script == "latin":
            for d in derived_english_names(e):
                add("employer_english", d, "latin", 2)
    return out

