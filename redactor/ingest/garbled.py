"""Text-layer runs whose Unicode mapping is wrong: read them with OCR instead.

Some PDFs (LaTeX with CJK fonts lacking a usable ToUnicode map is the usual
cause) draw correct glyphs but map them to unrelated code points: an author
line ``大维`` extracts as ``▙㢞`` or ``ġǊԶʚ``.  Such runs look like a text layer
and would be trusted, yet the applicant's name in them cannot be matched.  A run
is *garbled* when most of a line's non-ASCII characters come from scripts a
Chinese dossier does not use (Hangul, Cyrillic, Armenian, Georgian, Glagolitic,
CJK extension A, block elements…).  Ingest OCRs the boxes of those runs, like a
pasted scan, and the OCR characters join the page model.
"""

from __future__ import annotations

import functools
import unicodedata

from redactor.model import BBox, Char

# Blocks that ordinary Chinese, English and scientific text use.
_PLAUSIBLE = (
    (0x0020, 0x024F),   # ASCII, Latin-1, Latin Extended-A/B (pinyin tones, European names)
    (0x02B0, 0x02FF),   # spacing modifier letters (ˊ ˇ ˋ)
    (0x0370, 0x03FF),   # Greek (α, β, μ)
    (0x1E00, 0x1EFF),   # Latin Extended Additional
    (0x2000, 0x23FF),   # punctuation, super/subscripts, currency, letterlike, number forms, arrows, maths, technical
    (0x2460, 0x249B),   # ① ⑴ ⒈
    (0x2500, 0x257F),   # box drawing
    (0x25A0, 0x27BF),   # geometric shapes, misc symbols, dingbats (■ ● ★ ✓)
    (0x2E80, 0x2FDF),   # CJK and Kangxi radicals (some fonts map ideographs there; folding undoes it)
    (0x3000, 0x303F),   # CJK punctuation
    (0x30FB, 0x30FB),   # ・
    (0x3200, 0x33FF),   # enclosed CJK, compatibility (㈠ ㎡)
    (0x4E00, 0x9FFF),   # CJK unified ideographs
    (0xF900, 0xFAFF),   # CJK compatibility ideographs
    (0xFE30, 0xFE4F),   # CJK compatibility forms
    (0xFF00, 0xFFEF),   # full-width forms
)

MIN_GARBLED = 2          # characters: one odd symbol is not a broken font
GARBLED_SHARE = 0.5      # of a line's non-ASCII characters
_JOIN_GAP = 3.0          # run boxes closer than this many character heights are one region


@functools.lru_cache(maxsize=1 << 16)     # a pure function of one character, asked for every glyph of every page
def plausible(c: str) -> bool:
    o = ord(c)
    return any(lo <= o <= hi for lo, hi in _PLAUSIBLE)


@functools.lru_cache(maxsize=1 << 16)
def _neutral(c: str) -> bool:
    return not c.strip() or unicodedata.category(c).startswith("M")


@functools.lru_cache(maxsize=1 << 16)
def _counted(c: str) -> bool:
    """A character whose script is judged: non-ASCII and not a space or a combining mark."""
    return ord(c) > 0x7E and not _neutral(c)


def garbled_regions(chars: tuple[Char, ...] | list[Char], pad: float = 1.5, text: str | None = None) -> tuple[BBox, ...]:
    """Boxes (PDF points) around the garbled runs of each line.  ``text``: the characters' text
    (``"".join(c.c for c in chars)``), to skip the lines of a page none of whose characters is suspect."""
    if text is not None and not any(_suspect(c) for c in set(text)):
        return ()
    out: list[BBox] = []
    line: list[Char] = []
    for ch in list(chars) + [Char("\n", None)]:
        if ch.bbox is None and ch.c == "\n":
            out.extend(_line_regions(line, pad))
            line = []
        elif ch.bbox is not None:
            line.append(ch)
    return tuple(out)


def _suspect(c: str) -> bool:
    return _counted(c) and not plausible(c)


def _line_regions(line: list[Char], pad: float) -> list[BBox]:
    non_ascii = [c for c in line if _counted(c.c)]
    bad = [c for c in non_ascii if not plausible(c.c)]
    if len(bad) < MIN_GARBLED or len(bad) < GARBLED_SHARE * len(non_ascii):
        return []
    regions: list[BBox] = []
    current: BBox | None = None
    for c in bad:
        b = c.bbox
        assert b is not None
        if current is not None and b.x0 - current.x1 <= _JOIN_GAP * max(b.height, 1.0) \
                and min(b.y1, current.y1) - max(b.y0, current.y0) > 0:
            current = current.union(b)
        else:
            if current is not None:
                regions.append(current)
            current = b
    if current is not None:
        regions.append(current)
    return [BBox(r.x0 - pad, r.y0 - pad, r.x1 + pad, r.y1 + pad) for r in regions]
