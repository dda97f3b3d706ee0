"""The applicant's profile fields: ONE table, the single source for every stage.

Each ``ProfileField`` row says, for one key of the PROFILE file (and attribute of
``ApplicantProfile``):

- how the value is checked and stored (``redactor.config``, the batch manifest, the web form);
- its audit ``category`` and the entity types a box or a match of it is recorded as;
- how a value is normalised into its comparison keys (policy: is a candidate the applicant's?);
- which surface forms ``redactor.variants`` builds from it (detection, file names);
- which needles verification searches for.

Everything else (``ProfileModel``, ``must_vanish``, ``ProfileKeys``, the manifest
columns, the web form, the audit's ``fields``) is derived from ``FIELDS``.  Adding a
field (护照号, 家庭住址) means a row here, a form builder, a recogniser and tests:
see docs/fields.md.

Needles are written in the verifier's folded alphabet (``needle_key``): NFKC,
lower case, no whitespace, no separators (``-_.·()`` and their full-width and
dash variants), ``×``/``ⅹ`` as ``x``.  Haystacks are folded the same way, so a
value split over lines, cells or OCR lines, or written ``+86 139-2648-1357``,
is one contiguous substring.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from redactor.model import ApplicantProfile, Category
from redactor.normalize import (
    EMAIL_RE,
    compact,
    id_forms,
    id_number_valid,
    normalize_email,
    normalize_id,
    normalize_phone,
    phone_valid,
)
from redactor.variants import (
    FormBuilder,
    ValueForm,
    alias_forms,
    email_forms,
    employer_forms,
    id_number_forms,
    name_forms,
    phone_forms,
)

__all__ = [
    "ProfileField", "FIELDS", "SEPARATORS", "FIELD_BY_NAME", "CATEGORY_LABELS", "field_values", "present_fields",
    "applicant_forms", "profile_keys", "owning_field", "needle_key", "fold_needle_char", "Needle", "profile_needles",
]

# Characters a value may be split or decorated with; dropped from needles and haystacks alike.
SEPARATORS = frozenset(
    " \t\n\r\f\v\u3000\u00a0\u200b\u200c\u200d\u2009\u202f\ufeff"
    "-‐‑‒–—―－﹣_.．·•・‧∙･()（）[]【】〔〕"
)
_X_LIKE = {"×": "x", "ⅹ": "x", "Ⅹ": "x"}


@functools.lru_cache(maxsize=1 << 16)     # a pure function of one character, called per glyph of every page
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


def _one(normalise: Callable[[str], str]) -> Callable[[str], tuple[str, ...]]:
    return lambda v: (normalise(v),)


def _spaceless(v: str) -> str:
    return "".join(v.split())


@dataclass(frozen=True)
class ProfileField:
    """One field of the profile: where its values live and how every stage treats them."""

    name: str                                     # key of the PROFILE file, attribute of ApplicantProfile
    category: Category                            # audit category of its values
    multi: bool                                   # a list of values (True) or one value
    # -- checked and stored (redactor.config) --
    check: Callable[[str], bool]                  # is a cleaned value acceptable?
    invalid: str                                  # the error when not ({n}: 1-based position in a list)
    clean: Callable[[str], str] = str.strip       # the value as written, tidied
    store: Callable[[str], str] = str             # the value as ApplicantProfile holds it
    required: bool = False
    description: str = ""
    # -- matched (policy) --
    normalise: Callable[[str], str] = compact     # a candidate's text -> its comparison key
    keys: Callable[[str], tuple[str, ...]] = _one(compact)   # a profile value -> its comparison keys
    owner: str = ""                               # field named when a candidate equals a value ("": this one)
    # -- detected --
    forms: FormBuilder | None = None              # surface forms (redactor.variants)
    match_entity: str = ""                        # entity type recognisers report its values as
    box_entity: str = ""                          # entity type a box of it is recorded as (manual box, repair)
    form_labels: tuple[str, ...] = ()             # labels before it on an application form (profile inference)
    # -- verified --
    needles: Callable[[str], tuple[str, ...]] = lambda v: (needle_key(v),)   # needle_key alphabet
    min_needle: int = 2                           # shorter needles are not searched (too common)

    def validate(self, value: str | list[str]) -> str | list[str]:
        """The cleaned value(s), or ValueError naming the problem (never the value)."""
        if not self.multi:
            cleaned = self.clean(value)                      # type: ignore[arg-type]
            if not self.check(cleaned):
                raise ValueError(self.invalid)
            return cleaned
        out = [self.clean(v) for v in value]
        for n, v in enumerate(out, 1):
            if not self.check(v):
                raise ValueError(self.invalid.format(n=n))
        return out


FIELDS: tuple[ProfileField, ...] = (
    ProfileField(
        "name", Category.NAME, False, check=lambda v: len(v) >= 2, invalid="name must have at least two characters",
        clean=_spaceless, required=True, forms=name_forms, match_entity="PERSON", box_entity="PERSON",
        form_labels=("姓名", "申报人", "申请人")),
    ProfileField(
        "name_aliases", Category.NAME, True, check=bool, invalid="entries must not be empty", owner="name",
        forms=alias_forms, match_entity="PERSON", box_entity="PERSON"),
    ProfileField(
        "id_number", Category.ID_NUMBER, False, check=lambda v: not v or id_number_valid(v),
        invalid="id_number fails the GB 11643-1999 check digit (or is not 15/18 digits)",
        normalise=normalize_id, keys=id_forms, forms=id_number_forms,
        match_entity="CN_RESIDENT_ID", box_entity="CN_RESIDENT_ID", form_labels=("身份证号", "身份证", "公民身份号码", "证件号码"),
        needles=_id_needles, min_needle=15),
    ProfileField(
        "phones", Category.PHONE, True, check=phone_valid,
        invalid="phone #{n} is not a mobile (11 digits, 1[3-9]…) or landline (0…)", store=normalize_phone,
        normalise=normalize_phone, keys=_one(normalize_phone), forms=phone_forms,
        match_entity="CN_MOBILE", box_entity="CN_MOBILE", form_labels=("联系电话", "手机", "移动电话"),
        needles=_phone_needles, min_needle=7),
    ProfileField(
        "employers", Category.EMPLOYER, True, check=bool, invalid="entries must not be empty",
        description="official full name first, then aliases", forms=employer_forms,
        match_entity="ORGANIZATION", box_entity="EMPLOYER", form_labels=("工作单位", "所在单位", "单位名称", "申报单位")),
    ProfileField(
        "emails", Category.EMAIL, True, check=lambda v: EMAIL_RE.fullmatch(v) is not None,
        invalid="email #{n} is not an e-mail address", normalise=normalize_email, keys=_one(normalize_email),
        forms=email_forms, match_entity="EMAIL_ADDRESS", box_entity="EMAIL_ADDRESS",
        form_labels=("电子邮箱", "邮箱", "E-mail", "Email"), min_needle=5),
)
FIELD_BY_NAME: dict[str, ProfileField] = {f.name: f for f in FIELDS}

# Every audit category (the fields' and the regions') with the label a box or a text export shows.
CATEGORY_LABELS: dict[Category, str] = {
    Category.NAME: "姓名", Category.ID_NUMBER: "身份证号", Category.PHONE: "电话", Category.EMPLOYER: "工作单位",
    Category.EMAIL: "邮箱", Category.PHOTO: "照片", Category.QR_CODE: "二维码", Category.SEAL: "印章",
    Category.SIGNATURE: "签名",
}


def field_values(profile: ApplicantProfile, field: ProfileField) -> tuple[str, ...]:
    raw = getattr(profile, field.name)
    values = raw if field.multi else ((raw,) if raw else ())
    return tuple(v for v in values if v and v.strip())


def present_fields(profile: ApplicantProfile) -> tuple[str, ...]:
    """Names of the fields the profile fills, in table order (for the audit; no values)."""
    return tuple(f.name for f in FIELDS if field_values(profile, f))


def applicant_forms(profile: ApplicantProfile) -> tuple[ValueForm, ...]:
    """Every form in which the applicant's own values may appear (each field's builder, in table order)."""
    forms: list[ValueForm] = []
    for f in FIELDS:
        if f.forms is not None:
            forms += f.forms(f.name, field_values(profile, f), tuple(forms))
    return tuple(dict.fromkeys(forms))


def profile_keys(profile: ApplicantProfile) -> dict[str, frozenset[str]]:
    """Field name -> the comparison keys of its values."""
    return {f.name: frozenset(k for v in field_values(profile, f) for k in f.keys(v)) for f in FIELDS}


def owning_field(text: str, keys: dict[str, frozenset[str]]) -> str | None:
    """Which field's value ``text`` equals once normalised (``keys`` from ``profile_keys``), if any."""
    if not text:
        return None
    for f in FIELDS:
        own = keys.get(f.name)
        if own and f.normalise(text) in own:
            return f.owner or f.name
    return None


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
