"""Font programs and ToUnicode CMaps in the object scan (issue 14: a font embedded whole cost seconds).

- the text a font program can carry (its ``name`` table in UTF-16BE, its CFF strings) is found, in TrueType,
  OpenType-CFF and bare CFF programs built here with fontTools;
- outline bytes are not text: a value's bytes by chance inside the glyph data are not reported;
- a program that does not parse is scanned whole, as before;
- a CMap's short tokens are read through its targets: the same hits as reading every token.
Synthetic people only.
"""

from __future__ import annotations

import io
import random
import zlib

import pytest
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.t2CharStringPen import T2CharStringPen
from fontTools.pens.ttGlyphPen import TTGlyphPen

from redactor.fields import profile_needles
from redactor.model import ApplicantProfile
from redactor.tounicode import unicode_map
from redactor.verify.font_glyphs import _fewest_codes
from redactor.verify.raw_objects import RawObject, _object_texts, object_leaks
from redactor.verify.search import find_in_strings

PROFILE = ApplicantProfile(name="芙莉莲", id_number="110101199003071234", phones=("13912345678",),
                           employers=("北方魔法大学",))
NEEDLES = profile_needles(PROFILE)
ASCII = tuple(n for n in NEEDLES if n.key.isascii())


def _names(designer: str, notice: str) -> dict[str, str]:
    return {"familyName": "Synthetic Song", "styleName": "Regular", "designer": designer, "copyright": notice}


def _truetype(designer: str = "Type Office", notice: str = "(c) nobody", outline_bytes: int = 0) -> bytes:
    fb = FontBuilder(1000, isTTF=True)
    order = [".notdef", "A"] + [f"g{k}" for k in range(outline_bytes // 8)]
    fb.setupGlyphOrder(order)
    fb.setupCharacterMap({0x41: "A"})
    glyphs = {}
    for k, name in enumerate(order):
        pen = TTGlyphPen(None)
        pen.moveTo((0, 0))
        pen.lineTo((500 + k % 97, 0))
        pen.lineTo((250, 700 + k % 89))
        pen.closePath()
        glyphs[name] = pen.glyph()
    fb.setupGlyf(glyphs)
    fb.setupHorizontalMetrics({g: (600, 0) for g in order})
    fb.setupHorizontalHeader(ascent=800, descent=-200)
    fb.setupNameTable(_names(designer, notice))
    fb.setupOS2()
    fb.setupPost()
    buf = io.BytesIO()
    fb.save(buf)
    return buf.getvalue()


def _opentype_cff(notice: str = "(c) nobody", designer: str = "Type Office") -> bytes:
    fb = FontBuilder(1000, isTTF=False)
    fb.setupGlyphOrder([".notdef", "A"])
    fb.setupCharacterMap({0x41: "A"})
    strings = {}
    for name in (".notdef", "A"):
        pen = T2CharStringPen(600, None)
        pen.moveTo((0, 0))
        pen.lineTo((500, 0))
        pen.lineTo((250, 700))
        pen.closePath()
        strings[name] = pen.getCharString()
    fb.setupCFF("SyntheticSong-Regular", {"FullName": "Synthetic Song", "Notice": notice}, strings, {})
    fb.setupHorizontalMetrics({".notdef": (600, 0), "A": (600, 0)})
    fb.setupHorizontalHeader(ascent=800, descent=-200)
    fb.setupNameTable(_names(designer, "(c) nobody"))
    fb.setupOS2()
    fb.setupPost()
    buf = io.BytesIO()
    fb.save(buf)
    return buf.getvalue()


def _bare_cff(otf: bytes) -> bytes:
    from fontTools.ttLib import TTFont

    return TTFont(io.BytesIO(otf)).reader["CFF "]


def _pdf(*objects: bytes) -> bytes:
    return (b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 3 0 R >>\nendobj\n" + b"".join(objects)
            + b"trailer\n<< /Root 1 0 R /Refs [2 0 R 3 0 R] >>\n%%EOF\n")


def _font_file(dictionary: bytes, program: bytes) -> bytes:
    packed = zlib.compress(program)
    return (b"2 0 obj\n<< %s /Length %d /Filter /FlateDecode >>\nstream\n" % (dictionary, len(packed))
            + packed + b"\nendstream\nendobj\n")


def _categories(data: bytes) -> set[str]:
    return {lk.category for lk in object_leaks(data, NEEDLES)}


@pytest.mark.issue(14)
def test_a_name_in_a_truetype_name_table_is_found_in_utf16():
    program = _truetype(designer="芙莉莲")
    assert "芙莉莲".encode("utf-16-be") in program and "芙莉莲".encode() not in program
    assert _categories(_pdf(_font_file(b"/Length1 %d" % len(program), program))) == {"name"}
    clean = _truetype()
    assert not _categories(_pdf(_font_file(b"/Length1 %d" % len(clean), clean)))


@pytest.mark.issue(14)
def test_values_in_cff_strings_are_found_in_opentype_and_bare_cff():
    otf = _opentype_cff(notice="Cert 110101199003071234 Tel 13912345678")
    assert _categories(_pdf(_font_file(b"/Subtype /OpenType", otf))) == {"id_number", "phone"}
    cff = _bare_cff(otf)
    assert cff[:1] == b"\x01"
    assert _categories(_pdf(_font_file(b"/Subtype /Type1C", cff))) == {"id_number", "phone"}
    assert not _categories(_pdf(_font_file(b"/Subtype /OpenType", _opentype_cff())))
    assert _categories(_pdf(_font_file(b"/Subtype /OpenType", _opentype_cff(designer="芙莉莲")))) == {"name"}


@pytest.mark.issue(14)
def test_outline_bytes_are_not_text():
    program = bytearray(_truetype(outline_bytes=40_000))
    start = program.find(b"glyf")
    offset = int.from_bytes(program[start + 8:start + 12], "big")
    program[offset + 5000:offset + 5011] = b"13912345678"       # a phone's digits by chance in the outlines
    data = _pdf(_font_file(b"/Length1 %d" % len(program), bytes(program)))
    assert not _categories(data)
    # the same bytes in a stream that is not a font program are still a leak
    assert _categories(_pdf(_font_file(b"/Type /XObject /Subtype /Image", bytes(program)))) == {"phone"}


@pytest.mark.issue(14)
def test_bytes_outside_every_table_are_scanned():
    program = _truetype(outline_bytes=8000) + b" Tel 13912345678 "
    assert _categories(_pdf(_font_file(b"/Length1 %d" % len(program), program))) == {"phone"}


@pytest.mark.issue(14)
def test_a_program_that_does_not_parse_is_scanned_whole():
    program = bytearray(_truetype(outline_bytes=8000))
    start = program.find(b"glyf")
    program[start + 12:start + 16] = (len(program) * 2).to_bytes(4, "big")      # glyf runs past the end
    program += b" Tel 13912345678 "
    assert _categories(_pdf(_font_file(b"/Length1 %d" % len(program), bytes(program)))) == {"phone"}
    broken_cff = b"\x01\x00\x04\x04" + b"\xff\xff\x04" + b"110101199003071234"
    assert _categories(_pdf(_font_file(b"/Subtype /CIDFontType0C", broken_cff))) == {"id_number"}


def _random_cmap(rng: random.Random) -> bytes:
    pieces = ["芙", "莉", "莲", "芙莉莲", "北方魔法大学", "13912345678", "A", "莉莲", "\u337f", "x1"]
    chars, ranges = [], []
    for _ in range(rng.randrange(1, 60)):
        code = rng.randrange(0, 0xFFFF)
        target = "".join(rng.choice(pieces) for _ in range(rng.randrange(1, 3)))
        chars.append(f"<{code:04X}> <{target.encode('utf-16-be').hex().upper()}>")
    for _ in range(rng.randrange(0, 4)):
        lo = rng.randrange(0, 0xFF00)
        start = rng.choice(["82D9", "0041", "8389 8389"])
        ranges.append(f"<{lo:04X}> <{lo + rng.randrange(40):04X}> <{start}>")
        if rng.random() < 0.5:
            ranges.append(f"<{lo:04X}> <{lo + 2:04X}> [<82D9> <8389> <{'芙莉莲'.encode('utf-16-be').hex()}>]")
    body = (f"{len(chars)} beginbfchar\n" + "\n".join(chars) + "\nendbfchar\n"
            + f"{len(ranges)} beginbfrange\n" + "\n".join(ranges) + "\nendbfrange\n")
    return ("/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n1 begincodespacerange\n<0000> <FFFF>\n"
            "endcodespacerange\n" + body + "endcmap end end\n").encode()


@pytest.mark.issue(14)
def test_a_cmap_read_through_its_targets_gives_the_hits_of_every_token():
    rng = random.Random(1414)
    for _ in range(300):
        cmap = _random_cmap(rng)
        obj = RawObject(6, 0, b"<< /Length 1 >>", cmap)
        every_token = [(t, NEEDLES if cjk else ASCII) for t, cjk in _object_texts(obj, 0)]
        through_targets = [(t, NEEDLES if cjk else ASCII) for t, cjk in _object_texts(obj, 3)]
        assert len(through_targets) < len(every_token)

        def found(items):
            return {(h.needle.category, h.needle.key) for hits in find_in_strings(items) for h in hits}

        assert found(through_targets) == found(every_token)
        assert _fewest_codes(cmap) <= len(unicode_map(cmap))
