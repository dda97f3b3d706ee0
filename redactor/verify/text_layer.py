"""Channel ``text_layer``: every character PDFium extracts, visible or not.

Searched in content-stream order (a value drawn as separate text objects is
still one run), in reading order (lines top to bottom, left to right: a value
whose characters were drawn out of order), and line by line with the line
stacked right under each (a value wrapped inside one column of a two-column
block, when the layer was written row by row across both columns, as an OCR
layer often is: 材料学院内蒙古科技大 | 内蒙古大学 / 学，包头 | 呼和浩特).  Invisible text
(render mode 3, e.g. an OCR layer) and text under a drawn box are text like
any other: a black rectangle is not redaction.
"""

from __future__ import annotations

from collections.abc import Callable

from redactor.fields import Needle, fold_needle_char
from redactor.model import BBox, Leak
from redactor.verify.pdfium_reader import PdfiumPage, TextChar
from redactor.verify.search import FoldedText, Unit, find_needles
from redactor.verify.hits import hits_to_leaks

__all__ = ["text_layer_leaks", "needle_possible"]


def _reading_order(chars: tuple[TextChar, ...]) -> list[TextChar]:
    """Lines top to bottom (a character joins the line whose centre is within half its height), each left to right."""
    located = sorted((c for c in chars if c.bbox is not None), key=lambda c: c.bbox.center[1])  # type: ignore[union-attr]
    lines: list[list[TextChar]] = []
    centre = 0.0
    for c in located:
        y, h = c.bbox.center[1], max(c.bbox.height, 1.0)  # type: ignore[union-attr]
        if lines and abs(y - centre) <= 0.5 * h:
            lines[-1].append(c)
            centre += (y - centre) / len(lines[-1])
        else:
            lines.append([c])
            centre = y
    out: list[TextChar] = []
    for line in lines:
        out += sorted(line, key=lambda c: c.bbox.x0)  # type: ignore[union-attr]
        out.append(TextChar("\n", None))
    return out


def _runs(chars: tuple[TextChar, ...]) -> list[list[TextChar]]:
    """Reading-order lines cut into runs where the gap to the next character exceeds 1.5 character heights."""
    runs: list[list[TextChar]] = []
    cur: list[TextChar] = []
    for c in _reading_order(chars):
        if c.bbox is None:
            if cur:
                runs.append(cur)
            cur = []
            continue
        if cur:
            prev = cur[-1].bbox
            assert prev is not None
            if c.bbox.x0 - prev.x1 > 1.5 * max(prev.height, c.bbox.height, 1.0):
                runs.append(cur)
                cur = []
        cur.append(c)
    if cur:
        runs.append(cur)
    return runs


def _stacked(chars: tuple[TextChar, ...]) -> list[list[TextChar]]:
    """Each run followed by the run stacked right under it (left edges within a line
    height, the gap under a line height, overlapping across)."""
    runs = _runs(chars)
    boxes = [BBox.enclosing([c.bbox for c in r if c.bbox is not None]) for r in runs]
    out: list[list[TextChar]] = []
    for i, a in enumerate(boxes):
        h = max(a.height, 1.0)
        best, gap_best = None, None
        for j, b in enumerate(boxes):
            gap = b.y0 - a.y1
            if j == i or not -0.3 * h <= gap <= h or abs(b.x0 - a.x0) > h or min(a.x1, b.x1) <= max(a.x0, b.x0):
                continue
            if gap_best is None or gap < gap_best:
                best, gap_best = j, gap
        if best is not None:
            out.append(runs[i] + [TextChar("\n", None)] + runs[best])
    return out


def text_layer_leaks(page: PdfiumPage, needles: tuple[Needle, ...]) -> list[Leak]:
    if not page.located:
        return []     # the reader's ``needle_possible`` test: no needle can be in this page's characters
    leaks: list[Leak] = []
    for order in [list(page.chars), _reading_order(page.chars)] + _stacked(page.chars):
        units = [Unit(c.c, c.bbox) for c in order]
        hits = find_needles(FoldedText(units), needles)
        for h in hits:
            invisible = any(isinstance(order[i], TextChar) and order[i].invisible for i in range(h.start, h.end))
            leaks += hits_to_leaks([h], "text_layer", page.number, "invisible text" if invisible else "")
    return leaks


def needle_possible(needles: tuple[Needle, ...]) -> Callable[[str], bool]:
    """A test of a page's text: could any needle be found in it, in any order of its characters?

    Both searches above look for a needle's folded key as a substring of the page's folded
    characters (content order, reading order): neither can find one unless every character
    of the key is among them.  A page that fails the test for every needle has no hit, so the
    reader need not locate its characters (``pdfium_reader.read_pages``)."""
    keys = [frozenset(n.key) for n in needles if n.key]

    def test(text: str) -> bool:
        folded: set[str] = set()
        for c in set(text):
            folded.update(fold_needle_char(c))
        return any(k <= folded for k in keys)

    return test
