"""Finding needles in a run of located characters, across any line or cell break.

A haystack is a sequence of ``Unit`` (one source character and its box, if
any).  It is folded with ``fields.fold_needle_char`` into one string without
whitespace or separators, with a map from every folded character back to its
unit, so a value wrapped over two lines, split between table cells or OCR
lines, or spaced out, is still one substring; the hit's boxes come back from
the map.

Severity: a hit is a ``leak`` unless the words around it make it someone else's
value by the ownership module's boundary cues (``redactor.ownership.text_cues``:
李明 inside 李明华, 北京大学 inside 北京大学学报) -- ``review`` with the cue as its
reason, which the verdict then settles with the plan's own decision there
(``redactor.ownership.recheck.text_hit_decision``).  A Latin spelling glued to
more letters is no hit at all (He inside Hester).
"""

from __future__ import annotations

import re

from bisect import bisect_right
from itertools import accumulate
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from redactor.fields import Needle, fold_needle_char
from redactor.variants.text import alone_on_its_line
from redactor.ownership.text_cues import ORG_WINDOW, ROMANISED_NAME_CHARS, boundary_cue, latin_boundary_cue
from redactor.verify.fold import _FAST, fold, fold_slow  # noqa: F401  (_FAST: the reference of the fold tests)
from redactor.model import BBox, Category
from redactor.normalize import id_number_valid

__all__ = ["Unit", "Hit", "FoldedText", "find_needles", "find_in_string", "find_in_strings", "LEAK", "REVIEW"]

LEAK = "leak"
REVIEW = "review"

_ORG_WINDOW = ORG_WINDOW


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


def _after_spaced(units: Sequence[Unit], start: int, end: int, n: int) -> str:
    """A letter-spaced hit's next characters with its spacing taken out: a letter-spaced running head goes on past
    the employer's name with the same spacing, and policy reads its words without the spaces (``detect``'s
    publication title).  What those words make of the hit, ``ownership.text_cues`` says.  "" when the hit is not
    letter-spaced or the spacing does not go on."""
    inside = "".join(u.c for u in units[start:end])
    m = re.search(r"\S([ \t\u3000\xa0]+)\S", inside)     # along the line: a line break is no letter spacing
    if m is None:
        return ""
    gap, out, j = m.group(1), [], end
    while len(out) < n and "".join(u.c for u in units[j:j + len(gap)]) == gap and j + len(gap) < len(units) \
            and units[j + len(gap)].c.strip():
        out.append(units[j + len(gap)].c)
        j += len(gap) + 1
    return "".join(out)


def _spaced_name_goes_on(units: Sequence[Unit], start: int, end: int) -> bool:
    """A letter-spaced hit (韩 冰) whose spacing goes on over one or two more CJK characters, then a list's
    separator or the line's end (韩 冰 洁、王芳): one longer name laid out so, as detection judges it."""
    inside = "".join(u.c for u in units[start:end])
    m = re.search(r"\S([ \t\u3000\xa0]+)\S", inside)     # along the line: a line break is no letter spacing
    if m is None:
        return False
    rest = "".join(u.c for u in units[end:end + 3 * (len(m.group(1)) + 1) + 1])
    return re.match(f"(?:{re.escape(m.group(1))}[\u3400-\u9fff]){{1,2}}(?:[、，,；;]|\r?\n|$)", rest) is not None


def _before_on_row(units: Sequence[Unit], start: int, n: int = 16) -> str:
    """Up to ``n`` characters printed right before ``units[start]`` on its row, found by their boxes, whatever the
    order the units come in: a stamp over the middle of a name made OCR read one row as two lines
    (浙江杭州江干 | 某某某网络集团有限公司), which the engine's order need not put side by side.  Without boxes (a
    string), the characters before it in order, back to a line break."""
    first = units[start].bbox if start < len(units) else None
    if first is None:
        text = "".join(u.c for u in units[max(0, start - n):start])
        return re.split(r"[\r\n]", text)[-1]
    others = [u for u in units[:start] + list(units[start + 1:]) if u.bbox is not None and u.c.strip()]
    # a page scanned upside down: its rows run right to left in the page's space, what comes before lies right
    rtl = _runs_right_to_left(units, start)
    if rtl:
        before = sorted((u for u in others if u.bbox.x0 >= first.x1 - 0.25 * first.width
                         and _same_row(first, u.bbox, reach=float("inf"))), key=lambda u: u.bbox.x0)
    else:
        before = sorted((u for u in others if u.bbox.x1 <= first.x0 + 0.25 * first.width
                         and _same_row(u.bbox, first, reach=float("inf"))), key=lambda u: -u.bbox.x1)
    out: list[str] = []
    edge = first
    for u in before:
        if len(out) >= n or not (_same_row(edge, u.bbox) if rtl else _same_row(u.bbox, edge)):
            break
        out.append(u.c)
        edge = u.bbox
    return "".join(reversed(out))


def _runs_right_to_left(units: Sequence[Unit], start: int) -> bool:
    """The row at ``units[start]`` runs right to left in the page's space (an upside-down scan, which OCR reads
    turned upright): the next unit in reading order, on the same row, lies left of it."""
    a = units[start].bbox
    b = units[start + 1].bbox if start + 1 < len(units) else None
    if a is None or b is None or not units[start + 1].c.strip():
        return False
    h = min(a.height, b.height)
    return h > 0 and min(a.y1, b.y1) - max(a.y0, b.y0) > 0.5 * h and b.x0 < a.x0


def _same_row(left: BBox, right: BBox, reach: float | None = None) -> bool:
    """``left`` ends on ``right``'s row, no further left of it than ``reach`` (two of their heights)."""
    h = min(left.height, right.height)
    overlap = min(left.y1, right.y1) - max(left.y0, right.y0)
    gap = right.x0 - left.x1
    return h > 0 and overlap > 0.5 * h and gap <= (2 * max(left.height, right.height) if reach is None else reach)


def _severity(needle: Needle, units: Sequence[Unit], start: int, end: int, strict_digits: bool = False,
              own_names: Sequence[str] = ()) -> tuple[str, str] | None:
    """(severity, reason), or None when the hit is not a hit (a Latin spelling inside a longer word,
    digits inside a longer number).  On drawn text an 11+ digit value glued to a neighbouring table
    cell's digits still counts; in object bytes (``strict_digits``) it does not: runs of digits
    there (font programs, xref tables) would match a placeholder such as 000-0000-0000."""
    before = units[start - 1].c if start > 0 else ""
    after = units[end].c if end < len(units) else ""
    # a dotted name read with a comma is one name only as all its line holds
    if needle.kind == "dotted_comma_alone" and not alone_on_its_line(
            "".join((u.c or " ")[:1] for u in units), start, end):
        return None
    if needle.script in ("latin", "digits"):
        glue = str.isalpha if needle.script == "latin" else str.isdigit
        # a part of the ID number counts only cut off from other digits: inside a longer number it is another
        # person's who shares a region and birth date, or a sequence and check character
        if needle.script == "latin" or len(needle.key) < 11 or strict_digits or needle.kind == "id_part":
            if (before and before.isascii() and glue(before)) or (after and after.isascii() and glue(after)):
                return None
        if needle.script == "latin":
            # whose a romanised hit is, the row's words around it say (``text_cues.latin_boundary_cue``)
            latin = "".join(u.c for u in units[start:end])
            cue = latin_boundary_cue(needle.category.value, latin, _before_on_row(units, start, 3 * ROMANISED_NAME_CHARS),
                                     "".join(u.c for u in units[end:end + 24]), own_names)
            if cue:
                return REVIEW, cue
        return LEAK, "exact"
    # whose the hit is, by the words around it, the ownership module says (``text_cues.boundary_cue``)
    cat = needle.category.value
    tail = _after(units, end, _ORG_WINDOW)
    if cat == "employer" and not tail:
        tail = _after_spaced(units, start, end, _ORG_WINDOW)
    cue = boundary_cue(cat, needle.kind, len(needle.key), tail,
                       cat == "name" and _spaced_name_goes_on(units, start, end),
                       _before_on_row(units, start) if needle.kind == "employer_derived" or cat == "name" else "",
                       needle.key if cat == "name" else "")
    return (REVIEW, cue) if cue else (LEAK, "exact")


def find_needles(folded: FoldedText, needles: Iterable[Needle], misread: bool = False) -> list[Hit]:
    """Every occurrence of every needle (overlaps between categories kept).  ``misread`` (an OCR reading):
    a long employer name read with a character or two wrong is an occurrence too (``misread_at``)."""
    hay = folded.text
    out: list[Hit] = []
    needles = tuple(needles)
    own_names = _own_names(needles)
    for n in needles:
        if not n.key:
            continue
        i = hay.find(n.key)
        while i >= 0:
            start = folded.index[i]
            end = folded.index[i + len(n.key) - 1] + 1
            sev = _severity(n, folded.units, start, end, own_names=own_names)
            if sev is not None:
                out.append(Hit(n, _line_boxes(folded.units, start, end), sev[0], sev[1], start, end))
            i = hay.find(n.key, i + 1)
        if misread and n.category is Category.EMPLOYER and n.script == "cjk" and len(n.key) >= MISREAD_ONE:
            for i, wrong in misread_at(hay, n.key):
                start = folded.index[i]
                end = folded.index[i + len(n.key) - 1] + 1
                sev = _severity(n, folded.units, start, end)
                if sev is not None:
                    reason = sev[1] if sev[0] == REVIEW else f"read with {wrong} character(s) wrong"
                    out.append(Hit(n, _line_boxes(folded.units, start, end), sev[0], reason, start, end))
        if misread and n.category is Category.ID_NUMBER and n.script == "digits" and len(n.key) == ID_DIGITS:
            for i, size in misread_digits_at(hay, n.key):
                start = folded.index[i]
                end = folded.index[i + size - 1] + 1
                if _severity(n, folded.units, start, end, strict_digits=True) is not None:
                    out.append(Hit(n, _line_boxes(folded.units, start, end), LEAK, "read with a digit wrong or lost",
                                   start, end))
    return _drop_contained(out)


ID_DIGITS = 18


def misread_digits_at(hay: str, key: str) -> list[tuple[int, int]]:
    """(start, length) of each run of digits in ``hay`` that reads the ID number ``key`` with one digit wrong or
    one lost (a stamp's ink over it), and is no valid number itself: the check character catches every single
    wrong digit, so another person's number differs in two places at least.  An exact reading is not one."""
    out = []
    for m in _DIGIT_RUN.finditer(hay):
        run = m.group(0)
        if len(run) == len(key) and sum(a != b for a, b in zip(run, key)) == 1 and not id_number_valid(run.upper()):
            out.append((m.start(), len(run)))
        elif len(run) == len(key) - 1 and any(key[:k] + key[k + 1:] == run for k in range(len(key))):
            out.append((m.start(), len(run)))
    return out


_DIGIT_RUN = re.compile(r"[0-9x]+")


# An eroded or blurred scan's OCR reads a long name with a character wrong, or two apart in a longer one
# (包头钢铁集团有限责任公司 read 包头钢铁集图有限员任公司); two wrong side by side are
# another word, so another body (包头铝业集团), and a wrong numeral another branch (第一, 第二).
MISREAD_ONE = 8
MISREAD_TWO = 12
_NUMERALS = frozenset("〇零一二三四五六七八九十百千万两第0123456789")


def misread_at(hay: str, key: str) -> list[tuple[int, int]]:
    """(start, characters wrong) of each window of ``hay`` that reads ``key`` with one (keys of
    ``MISREAD_ONE`` characters or more) or two apart (``MISREAD_TWO`` or more) CJK characters wrong,
    neither a numeral.  An exact reading is not one."""
    n = len(key)
    most = 2 if n >= MISREAD_TWO else 1
    parts = most + 1
    cuts = [round(k * n / parts) for k in range(parts + 1)]
    starts: set[int] = set()
    for a, b in zip(cuts, cuts[1:]):          # with at most ``most`` wrong, one of ``most + 1`` parts reads right
        i = hay.find(key[a:b])
        while i >= 0:
            starts.add(i - a)
            i = hay.find(key[a:b], i + 1)
    out = []
    for i in sorted(starts):
        if i < 0 or i + n > len(hay):
            continue
        wrong = [k for k in range(n) if hay[i + k] != key[k]]
        if not 1 <= len(wrong) <= most or any(b - a == 1 for a, b in zip(wrong, wrong[1:])):
            continue
        if all(_is_cjk(key[k]) and _is_cjk(hay[i + k]) and key[k] not in _NUMERALS and hay[i + k] not in _NUMERALS
               for k in wrong):
            out.append((i, len(wrong)))
    return out


def _drop_contained(hits: list[Hit]) -> list[Hit]:
    """A hit inside a longer hit of the same category is the same finding (包钢 inside 包钢集团)."""
    hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
    kept: list[Hit] = []
    for h in hits:
        if any(k.needle.category is h.needle.category and k.start <= h.start and h.end <= k.end for k in kept):
            continue
        kept.append(h)
    return kept


_fold = fold                        # the names the unit tests know
_fold_slow = fold_slow


_COMMON_WORD_BEFORE = 6      # characters before a CJK name read for a common word it ends (text_cues.ends_a_common_word)


def _judge(n: Needle, hay: str, i: int, lo: int = 0, hi: int | None = None, own_names: Sequence[str] = ()
           ) -> Hit | None:
    """The hit of ``n`` at ``hay[i:]`` (a text that is ``hay[lo:hi]``), judged on the folded text around it
    (a romanised name on the words before it: ``ROMANISED_NAME_CHARS``)."""
    hi = len(hay) if hi is None else hi
    j = i + len(n.key)
    first = max(lo, i - (3 * ROMANISED_NAME_CHARS if n.script == "latin" else
                         _COMMON_WORD_BEFORE if n.category is Category.NAME else 1))
    units = [Unit(c) for c in hay[first:min(hi, j + _ORG_WINDOW)]]
    start = i - first
    sev = _severity(n, units, start, start + len(n.key), strict_digits=True, own_names=own_names)
    return None if sev is None else Hit(n, (), sev[0], sev[1], i - lo, j - lo)


def _own_names(needles: Iterable[Needle]) -> tuple[str, ...]:
    """The applicant's names in characters among ``needles`` (a romanised hit after one of them is theirs)."""
    return tuple(n.key for n in needles if n.category is Category.NAME and n.script == "cjk")


def find_in_string(text: str, needles: Iterable[Needle]) -> list[Hit]:
    """``find_needles`` for large unlocated text (PDF objects, streams): folded
    in one pass with C string methods, no boxes, context judged on the folded text."""
    hay = fold(text)
    out: list[Hit] = []
    needles = tuple(needles)
    own = _own_names(needles)
    for n in needles:
        if not n.key:
            continue
        i = hay.find(n.key)
        while i >= 0:
            hit = _judge(n, hay, i, own_names=own)
            if hit is not None:
                out.append(hit)
                break                         # one hit per needle and text is enough here
            i = hay.find(n.key, i + 1)
    return out


# Many small texts (the thousands of strings of a ToUnicode CMap) are searched as one: joined by "\x1f", a hard
# stop of the fold (``fold.HARD_STOPS``: folding is additive across it, and it stays) that is whitespace to
# ``_severity`` (a CJK word stops there, as at the end of a text) and neither a digit nor a letter (no glue).
_GLUE = "\x1f"


def find_in_strings(items: Sequence[tuple[str, Sequence[Needle]]]) -> list[list[Hit]]:
    """``[find_in_string(text, needles) for text, needles in items]``, the same hits, with one fold and one find
    per needle for all texts together instead of one per text (equal texts are searched once)."""
    index: dict[str, int] = {}                 # text -> its place among the distinct texts
    lists: dict[int, tuple[Sequence[Needle], frozenset[Needle]]] = {}       # id -> a needle list and its set
    uses: list[set[int]] = []                  # distinct text -> the needle lists it is searched for
    for text, needles in items:
        k = index.setdefault(text, len(uses))
        if k == len(uses):
            uses.append(set())
        if id(needles) not in lists:
            lists[id(needles)] = (needles, frozenset(n for n in needles if n.key))
        uses[k].add(id(needles))
    unions: dict[frozenset[int], frozenset[Needle]] = {}
    wanted = [unions.setdefault(frozenset(u), frozenset().union(*(lists[i][1] for i in u))) for u in uses]
    texts = list(index)
    found: list[dict[Needle, Hit]] = [{} for _ in texts]
    alone = {k for k, t in enumerate(texts) if _GLUE in t}
    if any(_GLUE in n.key for w in unions.values() for n in w):          # a key could span two joined texts
        alone = set(range(len(texts)))
    for k in alone:                            # a text holding the joiner is searched by itself
        _search_joined([texts[k]], [wanted[k]], [found[k]])
    groups: tuple[list[int], list[int]] = ([], [])          # Latin-1 texts (the byte-table fold), the others
    for k, t in enumerate(texts):
        if k not in alone:
            groups[not _latin1(t)].append(k)
    for group in groups:
        if group:
            _search_joined([texts[k] for k in group], [wanted[k] for k in group], [found[k] for k in group])
    out = []
    for text, needles in items:
        got = found[index[text]]
        out.append([got[n] for n in needles if n in got] if got else [])
    return out


def _latin1(text: str) -> bool:
    try:
        text.encode("latin-1")
    except UnicodeEncodeError:
        return False
    return True


def _search_joined(texts: list[str], wanted: list[frozenset[Needle]], found: list[dict[Needle, Hit]]) -> None:
    hay = fold(_GLUE.join(texts))
    starts = [0, *accumulate(len(part) + 1 for part in hay.split(_GLUE))][:-1] if len(texts) > 1 else [0]
    if len(starts) != len(texts):              # folding made or ate a joiner: cannot happen, never guess
        for k, t in enumerate(texts):
            found[k].update((h.needle, h) for h in find_in_string(t, list(wanted[k])))
        return
    ends = [s - 1 for s in starts[1:]] + [len(hay)]
    by_key: dict[str, list[Needle]] = {}
    every = frozenset().union(*set(wanted))
    own = _own_names(every)
    for n in every:
        by_key.setdefault(n.key, []).append(n)
    for key, same in by_key.items():                     # one find for the needles that share a key
        i = hay.find(key)
        while i >= 0:
            k = bisect_right(starts, i) - 1
            todo = [n for n in same if n in wanted[k] and n not in found[k]]
            for n in todo:
                hit = _judge(n, hay, i, starts[k], ends[k], own)
                if hit is not None:
                    found[k][n] = hit                    # one hit per needle and text
            if todo and all(n in found[k] for n in todo):
                i = hay.find(key, ends[k])               # nothing more to find in this text
            else:
                i = hay.find(key, i + 1)
