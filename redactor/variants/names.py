"""Forms of the applicant's name and name aliases: as written, traditional characters, pinyin."""

from __future__ import annotations

from redactor.model import ApplicantProfile, Category
from redactor.variants.pinyin import pinyin_name_forms
from redactor.variants.text import script_of, script_variants
from redactor.variants.types import ValueForm


def name_forms(profile: ApplicantProfile) -> list[ValueForm]:
    out: list[ValueForm] = []
    name = "".join(profile.name.split())
    entries = [("name", name, "chinese_name")] + [
        ("name_aliases", "".join(a.split()) if script_of(a) == "cjk" else " ".join(a.split()), "alias")
        for a in profile.name_aliases
    ]
    for field, value, kind in entries:
        if not value:
            continue
        script = script_of(value)
        out.append(ValueForm(Category.NAME, field, kind, value, script))
        if script == "cjk":
            for trad in script_variants(value):
                out.append(ValueForm(Category.NAME, field, "traditional_name", trad, "cjk"))
            have = {(f.kind, f.parts) for f in out}
            out.extend(f for f in pinyin_name_forms(value, field) if (f.kind, f.parts) not in have)
    return out

