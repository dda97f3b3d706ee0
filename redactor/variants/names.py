"""Forms of the applicant's name and name aliases: as written, traditional characters, pinyin."""

from __future__ import annotations

from collections.abc import Sequence

from redactor.model import Category
from redactor.variants.pinyin import pinyin_name_forms
from redactor.variants.text import MIDDLE_DOTS, script_of, script_variants
from redactor.variants.types import ValueForm


def name_forms(field: str, values: Sequence[str], earlier: Sequence[ValueForm]) -> list[ValueForm]:
    """The applicant's name as written (spaces dropped), in traditional characters and in pinyin."""
    return _person_forms(field, ["".join(v.split()) for v in values], "chinese_name", earlier)


def alias_forms(field: str, values: Sequence[str], earlier: Sequence[ValueForm]) -> list[ValueForm]:
    """Other names of the applicant: CJK without spaces, Latin with single spaces; then as ``name_forms``."""
    cleaned = ["".join(a.split()) if script_of(a) == "cjk" else " ".join(a.split()) for a in values]
    return _person_forms(field, cleaned, "alias", earlier)


def _person_forms(field: str, values: list[str], kind: str, earlier: Sequence[ValueForm]) -> list[ValueForm]:
    """A pinyin spelling already produced (by the name, for an alias) is not produced again."""
    out: list[ValueForm] = []
    for value in values:
        if not value:
            continue
        script = script_of(value)
        out.append(ValueForm(Category.NAME, field, kind, value, script))
        undotted = value.translate(MIDDLE_DOTS).replace("·", "")
        if script == "cjk" and undotted != value:      # 阿拉坦·巴根 is also written 阿拉坦巴根
            out.append(ValueForm(Category.NAME, field, kind, undotted, script))
        if script == "cjk":
            for trad in script_variants(value):
                out.append(ValueForm(Category.NAME, field, "traditional_name", trad, "cjk"))
            have = {(f.kind, f.parts) for f in (*earlier, *out)}
            out.extend(f for f in pinyin_name_forms(value, field) if (f.kind, f.parts) not in have)
    return out
