"""Folding large unlocated text (PDF object bytes) exactly as ``fold_slow`` does, fast.

``fold_slow``: NFKC, lower case, "×" -> x, separators dropped -- the same as
``fields.fold_needle_char`` applied to every character, with C-speed string
methods.  On tens of megabytes (a font program decoded as UTF-8) even that is
seconds, so:

- Latin-1 text is folded with ``bytes.translate``: NFKC, lower() and the
  separators act on each Latin-1 character alone, so a table of the 256 folds
  gives the same string (the few folds that are not one Latin-1 character,
  ¼ -> 1⁄4, µ -> μ, ¨ -> a combining mark, are replaced afterwards).
- Other text is cut at *hard stops* (``HARD_STOPS``): Latin-1 characters
  that NFKC leaves alone and that compose with nothing, neither cased nor
  case-ignorable (so lower()'s final-sigma rule reads one as it reads the end
  of a string) -- digits, most punctuation, controls.  Folding is additive
  across a hard stop, so each maximal run of other characters that holds a
  character the table cannot fold (an *island*: a CJK word, letters with a
  combining mark) is folded with ``fold_slow``, all islands in one call, and
  the rest, Latin-1, with the table.  ``tests/unit/verify/test_object_scan_speed.py``
  derives the hard stops from the Unicode tables and compares with ``fold_slow``.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from itertools import chain

import numpy as np

from redactor.fields import SEPARATORS

__all__ = ["fold", "fold_latin1", "fold_slow", "HARD_STOPS"]

_FAST = str.maketrans({**{c: None for c in SEPARATORS}, "×": "x", "ⅹ": "x"})

_SEPARATOR_RUN = re.compile("[" + "".join(re.escape(c) for c in sorted(SEPARATORS - {"×", "ⅹ"})) + "]+")


def fold_slow(text: str) -> str:
    """NFKC, lower case, "×" -> x, separators dropped (``_FAST``), with C-speed string methods and one regex."""
    out = unicodedata.normalize("NFKC", text).lower()
    if "×" in out or "ⅹ" in out:
        out = out.replace("×", "x").replace("ⅹ", "x")
    return _SEPARATOR_RUN.sub("", out)


_LATIN = [fold_slow(chr(i)) for i in range(256)]
_TABLE = bytes(ord(f) if len(f) == 1 and ord(f) < 256 else i for i, f in enumerate(_LATIN))
_DELETE = bytes(i for i, f in enumerate(_LATIN) if f == "")
_EXPAND = {chr(i): f for i, f in enumerate(_LATIN) if f and (len(f) != 1 or ord(f) >= 256)}


# one character for one byte (µ -> μ, ¨ -> a combining mark, decoded in the same pass), then the longer ones
_DECODE = "".join(_EXPAND[chr(i)] if len(_EXPAND.get(chr(i), "")) == 1 else chr(i) for i in range(256))
_LONGER = {c: f for c, f in _EXPAND.items() if len(f) > 1}


def fold_latin1(raw: bytes) -> str:
    """The fold of ``raw.decode("latin-1")``."""
    out = codecs.charmap_decode(raw.translate(_TABLE, _DELETE), "strict", _DECODE)[0]
    for c, f in _LONGER.items():
        if c in out:
            out = out.replace(c, f)
    return out


# Latin-1 characters with NFKC(c) == c == c.lower(), combining class 0, in no canonical composition, neither cased
# nor case-ignorable (the unit test derives the set from the Unicode tables).
HARD_STOPS = ("".join(map(chr, range(0x00, 0x21))) + '!"#$%&()*+,-/0123456789;?@[\\]_{|}~'
              + "".join(map(chr, range(0x7F, 0xA0))) + "¡¢£¤¥¦§©«¬®°±¶»¿×÷")
_MARK = "?"          # a text's characters one byte each: what Latin-1 cannot hold becomes "?" (no hard stop here)
_STOP = bytes(1 if chr(i) in HARD_STOPS and chr(i) != _MARK else 0 for i in range(256))
_SEED = bytes(1 if chr(i) == _MARK or chr(i) in _EXPAND else 0 for i in range(256))   # what makes an island
_JOIN = "\x00"      # a hard stop, so never inside an island, and no fold of an island makes one


def fold(text: str) -> str:
    """``fold_slow(text)``, the same string, faster on large mostly-Latin text."""
    try:
        return fold_latin1(text.encode("latin-1"))
    except UnicodeEncodeError:
        pass
    if len(text) < 4096:
        return fold_slow(text)
    one = text.encode("latin-1", "replace")
    stop = np.frombuffer(one.translate(_STOP), dtype=np.bool_)
    other = ~stop
    starts = np.flatnonzero(other[1:] & stop[:-1]) + 1          # runs of characters that are no hard stop
    ends = np.flatnonzero(stop[1:] & other[:-1]) + 1
    if other[0]:
        starts = np.concatenate(([0], starts))
    if other[-1]:
        ends = np.concatenate((ends, [len(one)]))
    seeds = np.flatnonzero(np.frombuffer(one.translate(_SEED), dtype=np.bool_))
    island = np.zeros(len(starts), dtype=bool)
    island[np.searchsorted(starts, seeds, side="right") - 1] = True
    starts, ends = starts[island], ends[island]
    inside = np.zeros(len(one) + 1, dtype=np.int8)
    inside[starts] = 1
    inside[ends] -= 1
    keep = np.cumsum(inside[:-1], dtype=np.int8) == 0
    keep[starts] = True
    rest = np.frombuffer(one, dtype=np.uint8).copy()
    rest[starts] = ord(_MARK)                  # each island leaves one "?" in the rest, which holds no other
    gaps = rest[keep].tobytes().translate(_TABLE, _DELETE).decode("latin-1").split(_MARK)
    a, b = starts.tolist(), ends.tolist()
    islands = fold_slow(_JOIN.join([text[i:j] for i, j in zip(a, b)])).split(_JOIN)
    if len(islands) != len(a) or len(gaps) != len(a) + 1:
        return fold_slow(text)                 # cannot happen (the unit test proves the hard stops); never guess
    return "".join(chain.from_iterable(zip(gaps, islands))) + gaps[-1]
