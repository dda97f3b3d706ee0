"""A dotted name as OCR reads it: 特木尔·孟和 read 特木尔。孟和.

Names of Mongolian, Uyghur or foreign origin join their parts with a middle dot (·, ．, •).  The
needles drop the dot (``fields.SEPARATORS``), so any dot-like separator matches; but OCR often reads
the small dot as the ideographic full stop 。, which is no separator, and the name passed the gate
on a scan.  These needles put 。 between the parts.  A comma or 、 between them is taken
before a birth year in brackets, as an author's bio gives it (特木尔，孟和（1977—）), and where the parts
and the comma are all their line holds (a table's 姓名 cell read as a line: ``dotted_comma_alone``, which
``search`` takes only so, as detection does: ``variants.text.alone_on_its_line``): "特木尔，孟和" with more
names in an author list is two people.
"""

from __future__ import annotations

from redactor.fields import Needle, needle_key
from redactor.model import ApplicantProfile, Category
from redactor.normalize import is_cjk
from redactor.variants.text import MIDDLE_DOTS

__all__ = ["dotted_name_misreads"]

_MISREAD = "。"
_COMMAS = "，、"
_CENTURIES = ("（19", "（20")       # the bio's birth year: 特木尔，孟和（1977—）


def dotted_name_misreads(profile: ApplicantProfile) -> tuple[Needle, ...]:
    out = []
    for value in (profile.name, *profile.name_aliases):
        parts = [needle_key(p) for p in (value or "").translate(MIDDLE_DOTS).split("·")]
        if len(parts) > 1 and all(p and all(is_cjk(c) for c in p) for p in parts):
            out.append(Needle(_MISREAD.join(parts), Category.NAME, "name", "dotted_misread", "cjk"))
            out += [Needle(needle_key(comma.join(parts) + year), Category.NAME, "name", "dotted_comma_bio", "cjk")
                    for comma in _COMMAS for year in _CENTURIES]
            out += [Needle(needle_key(comma.join(parts)), Category.NAME, "name", "dotted_comma_alone", "cjk")
                    for comma in _COMMAS]
    return tuple(out)
