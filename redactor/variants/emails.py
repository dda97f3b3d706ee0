"""Forms of the applicant's e-mail addresses, and the pinyin local parts their name gives."""

from __future__ import annotations

from redactor.model import ApplicantProfile, Category
from redactor.normalize import normalize_email
from redactor.variants.types import ValueForm


def email_forms(profile: ApplicantProfile, name_forms: list[ValueForm]) -> list[ValueForm]:
    out = [ValueForm(Category.EMAIL, "emails", "email", normalize_email(e), "latin") for e in profile.emails]
    locals_: list[str] = []
    for f in name_forms:
        if f.kind == "pinyin_name":
            local = "".join(p.split(":", 1)[1].replace("|", "") for p in f.parts)
            if local not in locals_:
                locals_.append(local)
    out += [ValueForm(Category.EMAIL, "name", "email_pinyin_local", loc, "latin") for loc in locals_]
    return out

