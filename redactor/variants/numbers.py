"""Forms of the applicant's numbers: ID number (18 and 15 digits), phones (mobile, landline with and without area code)."""

from __future__ import annotations

import re

from redactor.model import ApplicantProfile, Category
from redactor.normalize import id_forms, normalize_phone
from redactor.variants.types import ValueForm


def phone_forms(profile: ApplicantProfile) -> list[ValueForm]:
    out: list[ValueForm] = []
    for p in profile.phones:
        d = normalize_phone(p)
        if not d:
            continue
        if re.fullmatch(r"1[3-9]\d{9}", d):
            out.append(ValueForm(Category.PHONE, "phones", "mobile", d, "digits"))
        elif d.startswith("0"):
            alen = 3 if d[:2] in ("01", "02") else 4
            area, local = d[:alen], d[alen:]
            out.append(ValueForm(Category.PHONE, "phones", "landline", f"{area}-{local}", "digits",
                                 False, 0, (area, local)))
            if len(local) >= 7:
                out.append(ValueForm(Category.PHONE, "phones", "landline_local", local, "digits",
                                     True, 0, ("", local)))
        else:
            out.append(ValueForm(Category.PHONE, "phones", "phone_other", d, "digits"))
    return out



def id_number_forms(profile: ApplicantProfile) -> list[ValueForm]:
    if not profile.id_number:
        return []
    return [ValueForm(Category.ID_NUMBER, "id_number", "id_18" if len(n) == 18 else "id_15", n, "digits")
            for n in id_forms(profile.id_number)]
