"""Forms of the applicant's e-mail addresses, and the pinyin local parts their name gives."""

from __future__ import annotations

from collections.abc import Sequence

from redactor.model import Category
from redactor.normalize import normalize_email
from redactor.variants.types import ValueForm


def email_forms(field: str, values: Sequence[str], earlier: Sequence[ValueForm]) -> list[ValueForm]:
    """Each address (normalised), and every full pinyin spelling of the name built ``earlier``
    as a possible local part (recorded as the name's form: it is the name that leaks)."""
    out = [ValueForm(Category.EMAIL, field, "email", normalize_email(e), "latin") for e in values]
    locals_: list[str] = []
    for f in earlier:
        if f.kind == "pinyin_name":
            local = "".join(p.split(":", 1)[1].replace("|", "") for p in f.parts)
            if local not in locals_:
                locals_.append(local)
    out += [ValueForm(Category.EMAIL, "name", "email_pinyin_local", loc, "latin") for loc in locals_]
    return out

