"""Folding, script and character-set helpers shared by form building and matching."""

from __future__ import annotations

import functools

from redactor.normalize import IGNORABLE, fold, fold_with_map, is_cjk

BRACKET_CHARS = frozenset("()（）[]【】〔〕")
CJK_DROP = IGNORABLE | BRACKET_CHARS
# the dot of a name written in words (阿拉坦·巴根) as fonts draw it and OCR reads it (。 too: 特木尔。孟和)
# what a name written in words joins its parts with, as typed, typeset or OCR-read (a hyphen or en dash for the
# small dot, 其木格-朝鲁); the final check's needles drop all of them (``fields.SEPARATORS``)
MIDDLE_DOTS = str.maketrans({c: "·" for c in "•・‧∙･.．。-‐‑‒–－﹣"})


def script_of(s: str) -> str:
    if any(is_cjk(c) for c in s):
        return "cjk"
    if any(c.isascii() and c.isalpha() for c in fold(s)):
        return "latin"
    return "digits"


def fold_1to1(text: str) -> str:
    """``fold`` guaranteed one character per character (offsets are shared)."""
    return "".join(map(_fold_one, text))


@functools.lru_cache(maxsize=1 << 16)     # a pure function of one character, asked for every character of a page
def _fold_one(c: str) -> str:
    f = fold(c)
    return f if len(f) == 1 else c


def fold_map(text: str, drop: frozenset[str]) -> tuple[str, list[int]]:
    """``normalize.fold_with_map``: one output character per kept input character."""
    return fold_with_map(text, drop)


def cjk_key(s: str) -> str:
    """The comparison key of a CJK form: folded, no whitespace, no brackets."""
    folded, _ = fold_map(s, CJK_DROP)
    return folded.translate(MIDDLE_DOTS)


def script_variants(s: str) -> list[str]:
    """Traditional (s2t, s2tw, s2hk) and simplified (t2s) spellings of ``s``,
    without ``s`` itself.  Empty if no converter is installed."""
    out: list[str] = []
    for conv in _converters():
        try:
            v = conv(s)
        except (ValueError, KeyError, TypeError):  # pragma: no cover - a converter failure must not break detection
            continue
        if v and v != s and v not in out:
            out.append(v)
    return out


@functools.lru_cache(maxsize=1)
def _converters() -> tuple:
    """opencc-purepy (pure Python, MIT, dictionaries inside the wheel)."""
    try:
        from opencc_purepy import OpenCC  # type: ignore[import-not-found]
    except ImportError:  # pragma: no cover - declared dependency
        return ()
    return tuple(OpenCC(cfg).convert for cfg in ("s2t", "s2tw", "s2hk", "t2s"))


def cjk_len(s: str) -> int:
    return sum(1 for c in s if is_cjk(c))


def alone_on_its_line(text: str, s: int, e: int) -> bool:
    """``text[s:e]`` is all its line holds (blanks aside): a cell's value read as a line of its own.  Detection
    (``matching``) and the gate (``verify.search``) ask it of a dotted name read with a comma."""
    before = text.rfind("\n", 0, s) + 1
    after = text.find("\n", e)
    return not text[before:s].strip() and not text[e:len(text) if after < 0 else after].strip()
