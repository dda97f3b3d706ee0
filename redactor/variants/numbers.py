"""Forms of the applicant's numbers: ID number (18 and 15 digits), phones (mobile, landline with and without area code)."""

from __future__ import annotations

import re

from collections.abc import Sequence

from redactor.model import Category
from redactor.normalize import id_forms, id_parts, normalize_id, normalize_phone
from redactor.variants.types import ValueForm


def phone_forms(field: str, values: Sequence[str], earlier: Sequence[ValueForm]) -> list[ValueForm]:
    """A mobile as its 11 digits; a landline with its area code and, needing evidence, without."""
    out: list[ValueForm] = []
    for p in values:
        d = normalize_phone(p)
        if not d:
            continue
        if re.fullmatch(r"1[3-9]\d{9}", d):
            out.append(ValueForm(Category.PHONE, field, "mobile", d, "digits"))
        elif d.startswith("0"):
            alen = 3 if d[:2] in ("01", "02") else 4
            area, local = d[:alen], d[alen:]
            out.append(ValueForm(Category.PHONE, field, "landline", f"{area}-{local}", "digits",
                                 False, 0, (area, local)))
            if len(local) >= 7:
                out.append(ValueForm(Category.PHONE, field, "landline_local", local, "digits",
                                     True, 0, ("", local)))
        else:
            out.append(ValueForm(Category.PHONE, field, "phone_other", d, "digits"))
    return out



def id_number_forms(field: str, values: Sequence[str], earlier: Sequence[ValueForm]) -> list[ValueForm]:
    """The 18-digit number and, when derivable, the legacy 15-digit one; and the parts of the 18-digit number a
    cut reading keeps (``normalize.id_parts``: 1502071976020 9… under a stamp read only 197602098325)."""
    return [ValueForm(Category.ID_NUMBER, field, "id_18" if len(n) == 18 else "id_15", n, "digits")
            for v in values if v for n in id_forms(v)] + [
        ValueForm(Category.ID_NUMBER, field, "id_part", n, "digits", parts=_lead(v, n))
        for v in values if v for n in id_parts(v)]


def _lead(value: str, part: str) -> tuple[str, ...]:
    """For the tail of the number, the digits before it (``parts``): where a stamp hid only the first few, OCR of a
    scan reads the last twelve digits with some of the six before them.  None for the head."""
    n = normalize_id(value)
    return (n[: -len(part)],) if len(n) == 18 and n.endswith(part) and not n.startswith(part) else ()
