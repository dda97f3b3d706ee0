"""Which text lines a cheap first reading is not enough for: the ones that could hold the applicant's data.

The OCR cascade (``ocr.rec_cascade``) reads every line with a small, fast recogniser (PP-OCRv6 tiny, a
fifth of the full model's cost a line) and reads again, with the full model, only the lines where a
misread character could be a leak: a line showing one of the applicant's own characters (their name,
its aliases, the distinctive part of their employer's names), a run of digits long enough for an ID
or a phone number, Latin letters of their pinyin, e-mail or English employer, or a reading the tiny
model itself doubts.  So are the lines that decide whose mark it is: a form label of
``configs/roles.yaml`` (推荐人签名, 单位意见, 照片), even misread in one character of a word of three or
more (tiny read 推荐人签名 on a thresholded scan as 推停人签名 at 0.955, and the recommender's signature was
taken for the applicant's).  Everything else -- prose, headings, other people's rows -- keeps the tiny
model's reading, which only detection of *other* people's data and the layout use.

A ``Watch`` is built from the profile (``watch_for``) once per document; it holds no value, only
character sets and short lower-case Latin pieces, and it is hashed into the OCR replay key."""

from __future__ import annotations

import functools
import hashlib
import re
from dataclasses import dataclass

from redactor.model import ApplicantProfile
from redactor.ownership.lexicon import lexicon
from redactor.variants.organisations import derived_english_names, distinctive_core
from redactor.variants.pinyin import pinyin_name_forms

_DIGITS = re.compile(r"\d{6,}|\d[\d\s\-]{8,}\d")
_LATIN_WORD = re.compile(r"[a-z]{3,}")
_COMMON = frozenset({"com", "net", "org", "edu", "gov", "www", "http", "https", "mail"})   # in every address


@dataclass(frozen=True)
class Watch:
    """``chars``: CJK characters of the applicant's values; ``latin``: lower-case pieces (3+ letters) of their
    pinyin, e-mail and English employer names; ``min_score``: a first reading below it is read again."""

    chars: frozenset[str]
    latin: frozenset[str]
    min_score: float = 0.9
    labels: LabelWords | None = None

    def needs_second_reading(self, text: str, score: float) -> bool:
        if score < self.min_score:
            return True
        if any(c in self.chars for c in text):
            return True
        if _DIGITS.search(text) or "@" in text:
            return True
        low = text.lower()
        if any(w in low for w in self.latin):
            return True
        return self.labels is not None and self.labels.near(text)

    @property
    def fingerprint(self) -> str:
        """A hash of the watch (the replay key: the same raster read under another watch reads otherwise)."""
        blob = "|".join(sorted(self.chars)) + "#" + "|".join(sorted(self.latin)) + f"#{self.min_score}"
        if self.labels is not None:
            blob += "#" + "|".join(self.labels.words)
        return hashlib.sha256(blob.encode()).hexdigest()[:12]


@dataclass(frozen=True)
class LabelWords:
    """Form labels, found in a reading as they are or, for a word of three or more characters, with one
    character read wrong (a role misread keeps the rest of its word: 推停人, 律核人)."""

    words: tuple[str, ...]

    @functools.cached_property
    def _short(self) -> tuple[str, ...]:
        return tuple(w for w in self.words if len(w) < 3)

    @functools.cached_property
    def _keys(self) -> dict[int, frozenset[str]]:
        """Per word length, every word with one of its characters replaced by a wildcard -- not the last of a
        three-character word, whose first two are a word of their own (申请书 is no 申请人, 承诺所 no 承诺人)."""
        keys: dict[int, set[str]] = {}
        for w in self.words:
            if len(w) >= 3:
                places = range(len(w) - 1) if len(w) == 3 else range(len(w))
                keys.setdefault(len(w), set()).update(w[:i] + "\0" + w[i + 1:] for i in places)
        return {n: frozenset(k) for n, k in keys.items()}

    def near(self, text: str) -> bool:
        if any(w in text for w in self._short):
            return True
        for n, keys in self._keys.items():
            for start in range(len(text) - n + 1):
                window = text[start:start + n]
                if any(window[:i] + "\0" + window[i + 1:] in keys for i in range(n)):
                    return True
        return False


@functools.cache
def form_labels() -> LabelWords:
    """The form words of the role lexicon's ``grammar.ocr_watch`` (configs/roles.yaml) that say whose signature,
    seal or photo is beside them: the signature verbs and the roles that label alone, the seal places and the
    photo cells.  Built once per process (the lexicon is immutable), so its wildcard keys are too."""
    return LabelWords(tuple(sorted(set(lexicon().grammar.ocr_watch))))


def watch_for(profile: ApplicantProfile, min_score: float = 0.9) -> Watch:
    """The watch for one applicant's documents."""
    names = [profile.name, *profile.name_aliases]
    chars = {c for n in names for c in n if _cjk(c)}
    for e in profile.employers:
        core = distinctive_core(e) if any(_cjk(c) for c in e) else ""
        chars |= {c for c in core if _cjk(c)}
    latin: set[str] = set()
    for n in names:
        forms = [f.text for f in pinyin_name_forms(n, "name")] if any(_cjk(c) for c in n) else [n]
        for v in forms:
            latin |= set(_LATIN_WORD.findall(v.lower()))
    english = [x for e in profile.employers for x in (derived_english_names(e) if any(_cjk(c) for c in e) else [e])]
    for e in (*profile.emails, *english):
        latin |= set(_LATIN_WORD.findall(e.lower()))
    return Watch(frozenset(chars), frozenset(latin - _COMMON), min_score, form_labels())


def _cjk(c: str) -> bool:
    return "\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff"
