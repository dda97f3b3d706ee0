"""The ``font`` channel's glyph sets: a font subset that still lists the applicant's name.

A producer embeds only the characters a document prints.  When every character
of the applicant's Chinese name is still in one font subset's ToUnicode map
although some of them are drawn nowhere in the output, the subset remembers
the removed name: its few hundred characters can be listed by anyone who opens
the file.  Reported as ``review`` (the glyph set hints at the name, it does not
spell it); a font embedded whole (more than ``MAX_SUBSET_CODES`` codes) says
nothing and is skipped.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from redactor.model import ApplicantProfile, Leak
from redactor.tounicode import unicode_map
from redactor.verify.raw_objects import RawObject

__all__ = ["glyph_set_leaks", "MAX_SUBSET_CODES"]

MAX_SUBSET_CODES = 5000


def _han(text: str) -> set[str]:
    return {unicodedata.normalize("NFKC", c) for c in text if "\u3400" <= unicodedata.normalize("NFKC", c) <= "\u9fff"}


def _fewest_codes(cmap: bytes) -> int:
    """A lower bound on the codes a CMap maps: every ``bfchar`` entry is 2 hex tokens and every ``bfrange``
    entry at most 3 (an array's tokens each map one code), besides at most 100 codespace ranges."""
    tokens = cmap.count(b"<") - 2 * cmap.count(b"<<")
    return (tokens - 2 * 100) // 3


def glyph_set_leaks(objects: Iterable[RawObject], drawn: set[str], profile: ApplicantProfile) -> list[Leak]:
    """One ``review`` leak per name (or alias) some of whose Han characters no page of the output draws while
    a font subset's ToUnicode map still lists them, and whose every other character a page draws or a subset
    lists: together, the glyph sets still spell the name's characters.  The subsets are taken together:
    Chrome prints a page's CJK text as many Type 3 fonts of a few glyphs each, and a Word export may split
    a name over a regular and a bold subset."""
    names = [n for n in (profile.name, *profile.name_aliases) if len(_han(n)) >= 2]
    if not names:
        return []
    drawn = {unicodedata.normalize("NFKC", c) for c in drawn}
    mapped: dict[str, list[int]] = {}           # a Han character -> the subsets' CMap objects listing it
    for o in objects:
        if o.superseded or o.stream is None or b"begincmap" not in o.stream[:4096] or b"beginbf" not in o.stream:
            continue
        if _fewest_codes(o.stream) > MAX_SUBSET_CODES:
            continue                # a whole font's map: not parsed at all (0.2 CPU-s)
        try:
            codes = unicode_map(o.stream)
        except ValueError:          # a malformed CMap: nothing to list
            continue
        if not codes or len(codes) > MAX_SUBSET_CODES:
            continue
        for c in _han("".join(codes.values())):
            mapped.setdefault(c, []).append(o.number)
    leaks = []
    for n in names:
        han = _han(n)
        remnant = {c for c in han - drawn if c in mapped}
        if remnant and han <= drawn | mapped.keys():
            where = sorted({x for c in remnant for x in mapped[c]})
            leaks.append(Leak(where="font", category="name", severity="review",
                              detail=f"object {', '.join(map(str, where[:5]))}: font subsets still map every "
                                     "character of the name not drawn on a page"))
    return leaks
