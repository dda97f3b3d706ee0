"""Folding large unlocated text (PDF object bytes) exactly as ``fold_slow`` does, fast.

``fold_slow``: NFKC, lower case, "×" -> x, separators dropped -- the same as
``fields.fold_needle_char`` applied to every character, with C-speed string
methods.  On tens of megabytes (a font program decoded as UTF-8) even that is
seconds, so:

- Latin-1 text is folded with ``bytes.translate``: NFKC, lower() and the
  separators act on each Latin-1 character alone, so a table of the 256 folds
  gives the same string (the few folds that are not one Latin-1 character,
  ¼ -> 1⁄4, µ -> μ, ¨ -> a combining mark, are replaced afterwards).
- Other text goes to ``fold_slow`` whole.  (Folding only the non-Latin-1
  islands, cut at characters across which the fold is additive, was exact but
  no faster on a 13 M-character UTF-8 reading of a font program: issue 14.)
"""

from __future__ import annotations

import re
import unicodedata

from redactor.fields import SEPARATORS

__all__ = ["fold", "fold_latin1", "fold_slow"]

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
# longest expansion first: "1⁄4" while the string is still one byte a character
_EXPAND = dict(sorted(((chr(i), f) for i, f in enumerate(_LATIN) if f and (len(f) != 1 or ord(f) >= 256)),
                      key=lambda kv: -len(kv[1])))


def fold_latin1(raw: bytes) -> str:
    """The fold of ``raw.decode("latin-1")``."""
    out = raw.translate(_TABLE, _DELETE).decode("latin-1")
    for c, f in _EXPAND.items():
        if c in out:
            out = out.replace(c, f)
    return out


def fold(text: str) -> str:
    """``fold_slow(text)``, the same string: with the byte table when the text is Latin-1."""
    try:
        raw = text.encode("latin-1")
    except UnicodeEncodeError:
        return fold_slow(text)
    return fold_latin1(raw)
