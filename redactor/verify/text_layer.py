"""Channel ``text_layer``: every character PDFium extracts, visible or not.

Searched twice: in content-stream order (a value drawn as separate text
objects is still one run) and in reading order (lines top to bottom, left to
right: a value whose characters were drawn out of order).  Invisible text
(render mode 3, e.g. an OCR layer) and text under a drawn box are text like
any other: a black rectangle is not redaction.
"""

from __future__ import annotations

from collections.abc import Callable

from redactor.fields import Needle, fold_needle_char
from redactor.model import Leak
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


def text_layer_leaks(page: PdfiumPage, needles: tuple[Needle, ...]) -> list[Leak]:
    if not page.located:
        return []     # the reader's ``needle_possible`` test: no needle can be in this page's characters
    leaks: list[Leak] = []
    for order in (list(page.chars), _reading_order(page.chars)):
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
