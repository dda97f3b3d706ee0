"""The forms of the applicant's values and their matches (no personal value in any repr)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from redactor.model import Category

__all__ = ["ValueForm", "FormMatch", "FormBuilder"]


@dataclass(frozen=True)
class ValueForm:
    category: Category           # NAME, EMPLOYER, ID_NUMBER, PHONE, EMAIL
    field: str                   # profile field it came from
    kind: str                    # see docs/policy_forms.md
    text: str                    # a representative surface form (docs/tests), not the audit
    script: str                  # "cjk" | "latin" | "digits"
    needs_evidence: bool = False # initials-only forms: removed only next to other evidence
    rank: int = 0                # employer forms: 0 official, 1 alias, 2 derived
    # Matching structure (not part of the contract; do not log):
    #  latin name forms: tokens, e.g. ("wang", "shu|jun") — "|" separates syllables
    #  of one word; initials are single letters.  Digits forms: ("area", "local")
    #  for landlines.  Empty for everything else.
    parts: tuple[str, ...] = ()

    def __repr__(self) -> str:  # keep values out of accidental logs
        return f"ValueForm({self.category.value}, {self.field}, {self.kind}, rank={self.rank})"


@dataclass(frozen=True)
class FormMatch:
    start: int                   # offsets into the ORIGINAL text given to find_forms
    end: int
    form: ValueForm
    score: float                 # 1.0 exact; lower for fuzzy
    fuzzy: str | None = None     # reason category, never a value



# The surface-form builder of one profile field (``redactor.fields``): (field name, the
# profile's values of that field, the forms built for the fields before it) -> its forms.
FormBuilder = Callable[[str, Sequence[str], Sequence[ValueForm]], list[ValueForm]]
