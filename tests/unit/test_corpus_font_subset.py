"""The corpus embeds installed CJK fonts as real producers do: the glyphs its pages draw and a ToUnicode
map of just those (issue #14: whole 20 MB Noto fonts made every picture page of the speed probe cost
font loading that no user's document has)."""

from __future__ import annotations

import io
import random
import re
from pathlib import Path

import pymupdf
import pytest

from benchmarks.corpus.draw import DocBuilder, register_font

NOTO = Path("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc")
TEXT = "专业技术职务任职资格评审表"


def test_an_installed_font_is_embedded_as_the_glyphs_drawn(tmp_path) -> None:
    if not NOTO.is_file():
        pytest.skip("fonts-noto-cjk is not installed (make install-test installs it)")
    from fontTools.ttLib import TTFont

    builder = DocBuilder("font_test", random.Random(0))
    sheet = builder.new_page(cjk=register_font(str(NOTO)))
    sheet.text(72, 100, TEXT, size=14)
    data, _ = builder.finish()
    with pymupdf.open("pdf", data) as doc:
        assert doc[0].get_text().strip() == TEXT
        program = next(x for x in range(1, doc.xref_length()) if doc.xref_get_key(x, "Subtype")[1] == "/OpenType")
        font = TTFont(io.BytesIO(doc.xref_stream(program)))
        tounicode = next(x for x in range(1, doc.xref_length()) if doc.xref_get_key(x, "ToUnicode")[0] == "xref")
        cmap = doc.xref_stream(int(doc.xref_get_key(tounicode, "ToUnicode")[1].split()[0]))
    assert len(data) < 1_000_000                      # the whole face is 16 MB
    charstrings = font["CFF "].cff.topDictIndex[0].CharStrings
    drawing = 0
    for name in font.getGlyphOrder():
        glyph = charstrings[name]
        glyph.decompile()
        drawing += any(isinstance(op, str) and op != "endchar" for op in glyph.program)
    assert drawing == len(set(TEXT)) + 1             # the characters drawn and .notdef
    entries = re.findall(rb"<([0-9A-F]{4})> <([0-9A-F]{4})>", cmap.split(b"endcodespacerange")[1])
    assert sorted(chr(int(u, 16)) for _, u in entries) == sorted(set(TEXT))      # one entry per character
