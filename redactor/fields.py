"""The applicant's profile fields: ONE table, the single source for every stage.

Each ``ProfileField`` says which attribute of ``ApplicantProfile`` it reads,
which audit category its values belong to, how a value is normalised into its
comparison key, and which needles verification searches for.  Adding a field
(护照号, 家庭住址) means a row here, a recogniser and tests.

Needles are written in the verifier's folded alphabet (``needle_key``): NFKC,
lower case, no whitespace, no separators (``-_.·()`` and their full-width and
dash variants), ``×``/``ⅹ`` as ``x``.  Haystacks are folded the same way, so a
value split over lines, cells or OCR lines, or written ``+86 139-2648-1357``,
is one contiguous substring.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from redactor.model import ApplicantProfile, Category
from redactor.normalize import compact, id_forms, normalize_email, normalize_phone

__all__ = [
    "ProfileField", "FIELDS", "SEPARATORS", "FIELD_BY_NAME", "field_values", "present_fields", "needle_key", "fold_needle_char",
    "Needle", "profile_needles",
]

# Characters a value may be split or decorated with; dropped from needles and haystacks alike.
SEPARATORS = frozenset(
    " \t\n\r\f\v\u3000\u00a0\u200b\u200c\u200d\u2009\u202f\ufeff"
    "-‐‑‒–—―－﹣_.．·•・‧∙･()（）[]【】〔〕"
)
_X_LIKE = {"×": "x", "ⅹ": "x", "Ⅹ": "x"}


def fold_needle_char(c: str) -> str:
    """One source character -> its folded form ('' when it is a separator).

    NFKC (full-width and compatibility forms), then lower case; may return
    more than one character (ligatures), never a separator."""
    if c in SEPARATORS:
        return ""
    c = _X_LIKE.get(c, c)
    out = []
    for ch in unicodedata.normalize("NFKC", c).lower():
        ch = _X_LIKE.get(ch, ch)
        if ch not in SEPARATORS and not ch.isspace():
            out.append(ch)
    return "".join(out)


def needle_key(text: str) -> str:
    return "".join(fold_needle_char(c) for c in text)


def _phone_needles(value: str) -> tuple[str, ...]:
    d = normalize_phone(value)
    if d.startswith("0") and len(d) >= 10:          # landline: with and without its area code
        alen = 3 if d[:2] in ("01", "02") else 4
        return (d, d[alen:]) if len(d) - alen >= 7 else (d,)
    return (d,)


def _id_needles(value: str) -> tuple[str, ...]:
    return tuple(needle_key(f) for f in id_forms(value))


@dataclass(frozen=True)
class ProfileField:
    """One field of the profile: where its values live and how they are compared."""

    name: str                                     # attribute of ApplicantProfile (and of the PROFILE file)
    category: Category                            # audit category of its values
    multi: bool                                   # a list of values (True) or one value
    normalise: Callable[[str], str]               # comparison key, shared with policy
    needles: Callable[[str], tuple[str, ...]]     # verification needles (needle_key alphabet)
    min_needle: int = 2                           # shorter needles are not searched (too common)


FIELDS: tuple[ProfileField, ...] = (
    ProfileField("name", Category.NAME, False, compact, lambda v: (needle_key(v),)),
    ProfileField("name_aliases", Category.NAME, True, compact, lambda v: (needle_key(v),)),
    ProfileField("id_number", Category.ID_NUMBER, False, lambda v: id_forms(v)[0] if v else "", _id_needles, 15),
    ProfileField("phones", Category.PHONE, True, normalize_phone, _phone_needles, 7),
    ProfileField("employers", Category.EMPLOYER, True, compact, lambda v: (needle_key(v),)),
    ProfileField("emails", Category.EMAIL, True, normalize_email, lambda v: (needle_key(v),), 5),
)
FIELD_BY_NAME: dict[str, ProfileField] = {f.name: f for f in FIELDS}


def field_values(profile: ApplicantProfile, field: ProfileField) -> tuple[str, ...]:
    raw = getattr(profile, field.name)
    values = raw if field.multi else ((raw,) if raw else ())
    return tuple(v for v in values if v and v.strip())


def present_fields(profile: ApplicantProfile) -> tuple[str, ...]:
    """Names of the fields the profile fills, in table order (for the audit; no values)."""
    return tuple(f.name for f in FIELDS if field_values(profile, f))


@dataclass(frozen=True)
class Needle:
    """A folded string whose presence is a leak of ``category``.  Never logged."""

    key: str = ""
    category: Category = Category.NAME
    field: str = ""
    kind: str = ""          # "value" (the profile's own string) or a surface-form kind
    script: str = ""        # "cjk" | "latin" | "digits"

    def __repr__(self) -> str:   # keep values out of accidental logs
        return f"Needle({self.category.value}, {self.field}, {self.kind}, len={len(self.key)})"


def _script(key: str) -> str:
    if any(unicodedata.category(c) == "Lo" for c in key):
        return "cjk"
    return "digits" if key.replace("x", "").isdigit() else "latin"


def profile_needles(profile: ApplicantProfile, surface_forms: Callable[[ApplicantProfile], tuple] | None = None
                    ) -> tuple[Needle, ...]:
    """Every needle of the profile: the values themselves (per the table), and,
    when ``surface_forms`` is given (``variants.applicant_forms``), their
    traditional-character and full pinyin spellings and English employer names.
    Forms that need extra evidence (initials, bare surnames) are not needles."""
    out: dict[tuple[str, Category], Needle] = {}

    def add(key: str, cat: Category, field: str, kind: str, minimum: int) -> None:
        if len(key) >= minimum and (key, cat) not in out:
            out[(key, cat)] = Needle(key, cat, field, kind, _script(key))

    for f in FIELDS:
        for v in field_values(profile, f):
            for key in f.needles(v):
                add(key, f.category, f.name, "value", f.min_needle)
    if surface_forms is not None:
        for form in surface_forms(profile):
            if form.needs_evidence or form.kind in ("email_pinyin_local", "landline_local"):
                continue
            key = needle_key(form.text)
            minimum = 2 if form.script == "cjk" else 6       # "Li Si" is too common in Latin text
            add(key, form.category, form.field, form.kind, minimum)
    return tuple(out.values())
