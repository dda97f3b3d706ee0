"""Finding needles in a run of located characters, across any line or cell break.

A haystack is a sequence of ``Unit`` (one source character and its box, if
any).  It is folded with ``fields.fold_needle_char`` into one string without
whitespace or separators, with a map from every folded character back to its
unit, so a value wrapped over two lines, split between table cells or OCR
lines, or spaced out, is still one substring; the hit's boxes come back from
the map.

Severity: a hit is a ``leak`` unless its context says it is probably someone
else's value (``review`` with a reason, never passed silently):
- a Chinese name glued to more CJK characters (李明 inside 李明华);
- an employer name followed, in the same run of CJK characters, by the name
  of another institution or publication (北京大学学报, 某某学院);
- a Latin spelling glued to more letters is no hit at all (He inside Hester).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import re
import unicodedata

from redactor.fields import SEPARATORS, Needle, fold_needle_char
from redactor.model import BBox, Category

__all__ = ["Unit", "Hit", "FoldedText", "find_needles", "find_in_string", "LEAK", "REVIEW"]

LEAK = "leak"
REVIEW = "review"

# Characters that commonly follow a name in running text or forms (titles,
# particles, the next label); a name followed directly by any other CJK
# character may be the start of a longer name.
_AFTER_NAME = frozenset(
    "教老先女同博的在是和与及等为于从对将把被向给说也都已曾主副院工研讲高签本申性男出民身电手联年月日"
    "、，。；：！？）》」』】…—"
)
# A run of CJK characters after an employer name that makes it another
# institution or a publication/document title, not the employer itself.
_LONGER_ORG = (
    "学报", "学院", "大学", "附属", "附中", "附小", "出版社", "杂志", "期刊", "论文", "研究院", "研究所",
    "医院", "中学", "小学", "分校", "校区", "学位", "模板",
)
_ORG_WINDOW = 8


@dataclass(frozen=True, slots=True)
class Unit:
    c: str
    bbox: BBox | None = None


@dataclass(frozen=True)
class Hit:
    needle: Needle
    boxes: tuple[BBox, ...]          # one per line run of the hit
    severity: str
    reason: str                      # why (no value)
    start: int                       # unit indices
    end: int

    @property
    def bbox(self) -> BBox | None:
        return BBox.enclosing(self.boxes) if self.boxes else None


class FoldedText:
    """``units`` folded into one separator-free string with a map back."""

    def __init__(self, units: Sequence[Unit]) -> None:
        self.units = units
        chars: list[str] = []
        index: list[int] = []
        for i, u in enumerate(units):
            for f in fold_needle_char(u.c):
                chars.append(f)
                index.append(i)
        self.text = "".join(chars)
        self.index = index

    @classmethod
    def of_string(cls, text: str) -> FoldedText:
        return cls([Unit(c) for c in text])


def _is_cjk(c: str) -> bool:
    o = ord(c)
    return 0x3400 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0x20000 <= o <= 0x2FFFF


def _line_boxes(units: Sequence[Unit], start: int, end: int) -> tuple[BBox, ...]:
    out: list[BBox] = []
    current: BBox | None = None
    for u in units[start:end]:
        b = u.bbox
        if b is None or not u.c.strip():
            continue
        if current is not None:
            overlap = min(current.y1, b.y1) - max(current.y0, b.y0)
            if overlap > 0.4 * min(current.height, b.height) and b.x0 - current.x1 < 3 * max(b.height, 1.0):
                current = current.union(b)
                continue
            out.append(current)
        current = b
    if current is not None:
        out.append(current)
    return tuple(out)


def _after(units: Sequence[Unit], end: int, n: int) -> str:
    """Up to ``n`` characters right after ``end`` with no whitespace in between."""
    out = []
    for u in units[end:end + n]:
        if not u.c.strip():
            break
        out.append(u.c)
    return "".join(out)


def _severity(needle: Needle, units: Sequence[Unit], start: int, end: int, strict_digits: bool = False
              ) -> tuple[str, str] | None:
    """(severity, reason), or None when the hit is not a hit (a Latin spelling inside a longer word,
    digits inside a longer number).  On drawn text an 11+ digit value glued to a neighbouring table
    cell's digits still counts; in object bytes (``strict_digits``) it does not: runs of digits
    there (font programs, xref tables) would match a placeholder such as 000-0000-0000."""
    before = units[start - 1].c if start > 0 else ""
    after = units[end].c if end < len(units) else ""
    if needle.script in ("latin", "digits"):
        glue = str.isalpha if needle.script == "latin" else str.isdigit
        if needle.script == "latin" or len(needle.key) < 11 or strict_digits:
            if (before and before.isascii() and glue(before)) or (after and after.isascii() and glue(after)):
                return None
        return LEAK, "exact"
    tail = _after(units, end, _ORG_WINDOW)
    if needle.category is Category.NAME and tail and _is_cjk(tail[0]) and tail[0] not in _AFTER_NAME:
        if any(tail.startswith(w) for w in _LONGER_ORG) or len(needle.key) <= 3:
            return REVIEW, "inside a longer CJK word (another person's name or an institution)"
    if needle.category is Category.EMPLOYER and tail and _is_cjk(tail[0]):
        if any(w in tail for w in _LONGER_ORG):
            return REVIEW, "inside a longer institution or publication name"
    return LEAK, "exact"


def find_needles(folded: FoldedText, needles: Iterable[Needle]) -> list[Hit]:
    """Every occurrence of every needle (overlaps between categories kept)."""
    hay = folded.text
    out: list[Hit] = []
    for n in needles:
        if not n.key:
            continue
        i = hay.find(n.key)
        while i >= 0:
            start = folded.index[i]
            end = folded.index[i + len(n.key) - 1] + 1
            sev = _severity(n, folded.units, start, end)
            if sev is not None:
                out.append(Hit(n, _line_boxes(folded.units, start, end), sev[0], sev[1], start, end))
            i = hay.find(n.key, i + 1)
    return _drop_contained(out)


def _drop_contained(hits: list[Hit]) -> list[Hit]:
    """A hit inside a longer hit of the same category is the same finding (包钢 inside 包钢集团)."""
    hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
    kept: list[Hit] = []
    for h in hits:
        if any(k.needle.category is h.needle.category and k.start <= h.start and h.end <= k.end for k in kept):
            continue
        kept.append(h)
    return kept


_FAST = str.maketrans({**{c: None for c in SEPARATORS}, "×": "x", "ⅹ": "x"})


_SEPARATOR_RUN = re.compile("[" + "".join(re.escape(c) for c in sorted(SEPARATORS - {"×", "ⅹ"})) + "]+")


def _fold_slow(text: str) -> str:
    """NFKC, lower case, "×" -> x, separators dropped (``_FAST``), with C-speed string methods and one regex."""
    out = unicodedata.normalize("NFKC", text).lower()
    if "×" in out or "ⅹ" in out:
        out = out.replace("×", "x").replace("ⅹ", "x")
    return _SEPARATOR_RUN.sub("", out)


# Latin-1 text (PDF object bytes decoded one byte per character, most of them image and font data) is folded
# with bytes.translate: NFKC, lower() and _FAST act on each Latin-1 character alone (none composes with its
# neighbour), so a table of the 256 folds gives the same string as ``_fold_slow``, 20-50 times faster.  The
# few characters whose fold is not one Latin-1 character (¼ -> 1⁄4, µ -> μ, ¨ -> a combining mark) are kept by
# the table and replaced afterwards.
_LATIN = [_fold_slow(chr(i)) for i in range(256)]
_TABLE = bytes(ord(f) if len(f) == 1 and ord(f) < 256 else i for i, f in enumerate(_LATIN))
_DELETE = bytes(i for i, f in enumerate(_LATIN) if f == "")
_EXPAND = {chr(i): f for i, f in enumerate(_LATIN) if f and (len(f) != 1 or ord(f) >= 256)}


def _fold(text: str) -> str:
    try:
        raw = text.encode("latin-1")
    except UnicodeEncodeError:
        return _fold_slow(text)
    out = raw.translate(_TABLE, _DELETE).decode("latin-1")
    for c, f in _EXPAND.items():
        if c in out:
            out = out.replace(c, f)
    return out


def find_in_string(text: str, needles: Iterable[Needle]) -> list[Hit]:
    """``find_needles`` for large unlocated text (PDF objects, streams): folded
    in one pass with C string methods, no boxes, context judged on the folded text."""
    hay = _fold(text)
    units = None
    out: list[Hit] = []
    for n in needles:
        if not n.key:
            continue
        i = hay.find(n.key)
        while i >= 0:
            j = i + len(n.key)
            window = hay[max(0, i - 1):j + _ORG_WINDOW]
            units = [Unit(c) for c in window]
            start = 1 if i > 0 else 0
            sev = _severity(n, units, start, start + len(n.key), strict_digits=True)
            if sev is not None:
                out.append(Hit(n, (), sev[0], sev[1], i, j))
                break                         # one hit per needle and text is enough here
            i = hay.find(n.key, i + 1)
    return out
