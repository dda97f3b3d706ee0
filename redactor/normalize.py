"""Character folding and value normalisation shared by detect, policy and verify.

Folding is one character in, at most one character out, so a folded string can
be mapped back to offsets in ``page.text`` (see ``fold_with_map``).
"""

from __future__ import annotations

import datetime as _dt
import functools
import re
import unicodedata

# GB 11643-1999: weights and check characters of the 18-digit resident ID.
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"

# Characters that OCR, typesetting or users insert inside a value.
IGNORABLE = frozenset(" \t\n\r\u3000\u00a0\u200b\u2009\u202f")
_DASHES = frozenset("-‐‑‒–—―－﹣")
_BRACKETS = {"（": "(", "）": ")", "【": "[", "】": "]", "〔": "(", "〕": ")"}


# Code points that fonts map ordinary ideographs to: compatibility ideographs
# (梁 as U+F97A in a Noto CJK text layer), Kangxi and supplementary radicals (⼀ for 一).
_CJK_ALIASES = ((0xF900, 0xFAFF), (0x2F800, 0x2FA1F), (0x2F00, 0x2FDF), (0x2E80, 0x2EFF))


def unalias_cjk(c: str) -> str:
    """One character with a CJK compatibility or radical form (年 as U+F98E, ⼀ for 一) turned into the unified
    ideograph it stands for; every other character as it is."""
    o = ord(c)
    if any(lo <= o <= hi for lo, hi in _CJK_ALIASES):
        n = unicodedata.normalize("NFKC", c)
        return n if len(n) == 1 else c
    return c


@functools.lru_cache(maxsize=1 << 16)     # a pure function of one character, called per glyph of every page
def fold_char(c: str) -> str:
    """Fold one character for comparison: full-width -> ASCII, CJK compatibility and
    radical forms -> the unified ideograph, lower case."""
    o = ord(c)
    if any(lo <= o <= hi for lo, hi in _CJK_ALIASES):
        return unalias_cjk(c)
    if 0xFF01 <= o <= 0xFF5E:
        c = chr(o - 0xFEE0)
    elif c in _BRACKETS:
        c = _BRACKETS[c]
    elif c in _DASHES:
        c = "-"
    elif c in IGNORABLE:
        return " "
    return c.lower()


def fold(text: str) -> str:
    return "".join(fold_char(c) for c in text)


def fold_with_map(text: str, drop: frozenset[str] = IGNORABLE) -> tuple[str, list[int]]:
    """Fold ``text`` dropping ``drop`` characters; return folded text and, for
    each folded character, its offset in ``text``."""
    out: list[str] = []
    idx: list[int] = []
    for i, c in enumerate(text):
        if c in drop:
            continue
        f = fold_char(c)
        if f == " " and " " in drop:
            continue
        out.append(f)
        idx.append(i)
    return "".join(out), idx


def compact(text: str) -> str:
    """Folded text without spaces, separators or dashes: the comparison key."""
    return "".join(ch for ch in fold(text) if ch not in " -_.")


def digits_only(text: str) -> str:
    return "".join(ch for ch in fold(text) if ch.isdigit() or ch == "x")


# --- resident ID numbers ---------------------------------------------------------

def id_check_char(first17: str) -> str:
    total = sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS))
    return _ID_CHECK[total % 11]


def normalize_id(text: str) -> str:
    """Digits only (spaces, hyphens, full-width forms removed), a trailing x upper-cased."""
    return "".join(ch for ch in fold(text) if ch.isdigit() or ch == "x").upper()


def _valid_date(yyyymmdd: str) -> bool:
    try:
        d = _dt.date(int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:8]))
    except ValueError:
        return False
    return 1900 <= d.year <= _dt.date.today().year


def id_number_valid(text: str) -> bool:
    """18-digit with a correct GB 11643 check character, or 15-digit legacy with a valid date."""
    n = normalize_id(text)
    if len(n) == 18:
        return n[:17].isdigit() and _valid_date(n[6:14]) and id_check_char(n[:17]) == n[17]
    if len(n) == 15:
        return n.isdigit() and _valid_date("19" + n[6:12])
    return False


def id_forms(id_number: str) -> tuple[str, ...]:
    """The normalised forms of the applicant's ID to look for: 18-digit and, if
    derivable, the legacy 15-digit number issued before 1999."""
    n = normalize_id(id_number)
    forms = [n]
    if len(n) == 18 and n[6:8] == "19":
        forms.append(n[:6] + n[8:17])
    return tuple(forms)


ID_PART_HEAD = 14      # digits of an 18-digit ID a cut reading keeps from its start: region and birth date
ID_PART_TAIL = 12      # ... from its end: birth date, sequence and check character


def id_parts(id_number: str) -> tuple[str, ...]:
    """The parts of the applicant's 18-digit ID that identify them when the rest is hidden (a stamp over the
    number's start or end, a cell cut off): its first ``ID_PART_HEAD`` digits (region and birth date) and its last
    ``ID_PART_TAIL`` (birth date, sequence, check character).  The tail is the applicant's alone; the head is
    shared only with someone of the same county born the same day, taken as theirs where it stands cut off."""
    n = normalize_id(id_number)
    return (n[:ID_PART_HEAD], n[-ID_PART_TAIL:]) if len(n) == 18 else ()


# --- phones -------------------------------------------------------------------------

_MOBILE_RE = re.compile(r"^1[3-9]\d{9}$")


def normalize_phone(text: str) -> str:
    """Digits only, without +86/0086 country prefixes: '+86 150-2345-1527' -> '15023451527'."""
    d = "".join(ch for ch in fold(text) if ch.isdigit())
    if d.startswith("0086"):
        d = d[4:]
    elif d.startswith("86") and len(d) == 13 and d[2] == "1":
        d = d[2:]
    return d


def phone_valid(text: str) -> bool:
    d = normalize_phone(text)
    if _MOBILE_RE.match(d):
        return True
    # landline: area code 0XX / 0XXX, then 7-8 digits, optional extension
    return d.startswith("0") and 10 <= len(d) <= 16


# --- e-mail -------------------------------------------------------------------------

# The top-level domain is letters (or an IDN's xn--): a number glued to the address by a text layer that
# joins a table cell's lines ("huangbin@139.com" + "0472-8633255") is not part of the domain.
EMAIL_RE = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.(?:xn--[A-Za-z0-9\-]+|[A-Za-z]{2,})")


def normalize_email(text: str) -> str:
    return fold(text).strip().replace(" ", "")


# --- CJK ----------------------------------------------------------------------------

def is_cjk(c: str) -> bool:
    o = ord(c)
    return 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0x20000 <= o <= 0x2FFFF or 0xF900 <= o <= 0xFAFF
