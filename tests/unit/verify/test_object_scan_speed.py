"""The object scan made faster (issue 14) finds exactly what it found before.

- object headers are found from each ``obj`` backwards: the same matches as the regex over every byte;
- an object's texts are searched as one (one fold, one find per needle): the same hits as text by text;
- the fold: the byte table for Latin-1 text, ``fold_slow`` for the rest, the same string;
- planted values (a phone in a big binary stream, a name in a UTF-16BE font-name string, objects behind long
  whitespace) are still found and reported under their object.  Synthetic people only.
"""

from __future__ import annotations

import random
import sys
import unicodedata
import zlib

import pytest

from redactor.fields import SEPARATORS, profile_needles
from redactor.model import ApplicantProfile
from redactor.verify.fold import _JOIN, _MARK, HARD_STOPS, fold, fold_latin1, fold_slow
from redactor.verify.raw_objects import _OBJ, _object_headers, object_leaks
from redactor.verify.search import _GLUE, find_in_string, find_in_strings

PROFILE = ApplicantProfile(name="芙莉莲", id_number="110101199003071234", phones=("13912345678",),
                           employers=("北方魔法大学",))
NEEDLES = profile_needles(PROFILE)
ASCII = tuple(n for n in NEEDLES if n.key.isascii())


def _spans(found) -> list[tuple[int, int, tuple]]:
    return [(m.start(), m.end(), m.groups()) for m in found]


@pytest.mark.issue(14)
def test_object_headers_are_the_regex_matches():
    cases = [b"1 0 obj", b"x1 0 obj", b"12 0 obj\n<<>>", b" " * 1000 + b"5 0 obj", b"5" + b" " * 100_000 + b"0 obj",
             b"1 0 5 0 obj", b"1 0 objx 2 0 obj", b"obj", b" obj", b"1 0 obj1 0 obj", b"01234567890 0 obj",
             b"1 123456 obj", b"3 4\t\r\nobj", b"a 1\n0 obj", b"\n" * 300 + b"1 0 obj", b"7 0 obj_", b"7 0 obj/"]
    rng = random.Random(14)
    alphabet = b"0123456789  \n\tobj<>/x"
    cases += [bytes(rng.choice(alphabet) for _ in range(rng.randrange(200))) for _ in range(3000)]
    for data in cases:
        assert _spans(_object_headers(data)) == _spans(_OBJ.finditer(data)), data[:80]


def _compositions() -> set[str]:
    """Every character that is one side of a canonical composition (NFC joins it with a neighbour)."""
    out: set[str] = set()
    for y in range(sys.maxunicode + 1):
        d = unicodedata.decomposition(chr(y))
        if d and not d.startswith("<"):
            pair = "".join(chr(int(x, 16)) for x in d.split())
            if len(pair) == 2 and unicodedata.normalize("NFC", pair) == chr(y):
                out.update(pair)
    return out


@pytest.mark.issue(14)
def test_hard_stops_are_derived_from_the_unicode_tables():
    joins = _compositions()
    derived = ""
    for i in range(256):
        c = chr(i)
        if unicodedata.normalize("NFKC", c) != c or c.lower() != c or unicodedata.combining(c) or c in joins:
            continue
        if ("AΣ" + c + "B").lower()[1] != "ς":      # c is cased or case-ignorable: final sigma reads through it
            continue
        derived += c
    assert HARD_STOPS == derived
    # the joiner of islands comes out of no other character's fold; the gaps' marker out of no other Latin-1 one
    assert not [i for i in range(sys.maxunicode + 1) if i != ord(_JOIN) and _JOIN in fold_slow(chr(i))]
    # the joiner of small texts searched together (``search._GLUE``): a hard stop that no other fold makes
    assert _GLUE in HARD_STOPS and _GLUE.isspace() and not _GLUE.isalnum()
    assert not [i for i in range(sys.maxunicode + 1) if i != ord(_GLUE) and _GLUE in fold_slow(chr(i))]
    assert [i for i in range(256) if _MARK in fold_slow(chr(i))] == [ord(_MARK)]


def _long(rng: random.Random, pool: list[str]) -> str:
    """Over 4096 characters (the island fold's size) of mostly Latin-1 with the pool's pieces among it."""
    latin = [chr(i) for i in range(256)]
    size = rng.randrange(4100, 6000)
    return "".join(rng.choice(pool) if rng.random() < 0.2 else rng.choice(latin) for _ in range(size))


_EDGE = ["e\u0301", "A\u0308\u0323", "¨\u0323", "<\u0338", "=\u0338", "１２３", "㈱", "①", "ﬁ", "Σ", "aΣ", "aΣ.",
         "ΑΣ'Β", "Σ:", "'Σ", "×", "ⅹ", "Ⅹ", "\u3000", "－", "¼", "µ", "\x1f", "\x00", "?", "İ", "ß", "ǅ", "\u0301",
         "가", "\u1100\u1161\u11a8", "\u1161", "\U0001d6ba", "\u2140", "ᾳ", "\u0345", "\uff9e", "·"]
_POOL = [chr(i) for i in range(0x3100)] + sorted(SEPARATORS) + _EDGE


@pytest.mark.issue(14)
@pytest.mark.parametrize("extra", ["'", "<", "a", "."])
def test_a_wrong_hard_stop_is_caught(extra, monkeypatch):
    """The comparison has teeth: a character across which folding is not additive, taken for a hard stop, shows."""
    from redactor.verify import fold as module

    stops = module.HARD_STOPS + extra
    monkeypatch.setattr(module, "_STOP", bytes(1 if chr(i) in stops and chr(i) != "?" else 0 for i in range(256)))
    rng = random.Random(5)
    assert any(fold(t) != fold_slow(t) for t in (_long(rng, _POOL) for _ in range(300)))


@pytest.mark.issue(14)
def test_fold_equals_fold_slow_on_adversarial_text():
    rng = random.Random(1414)
    pool = _POOL
    for _ in range(300):
        text = _long(rng, pool)
        assert fold(text) == fold_slow(text)
    for _ in range(2000):
        text = "".join(rng.choice(pool) for _ in range(rng.randrange(60)))
        latin = bytes(rng.randrange(256) for _ in range(rng.randrange(300)))
        assert fold(text) == fold_slow(text), repr(text)
        assert fold_latin1(latin) == fold_slow(latin.decode("latin-1")), latin
    # a font program read as UTF-8: islands everywhere
    noise = bytes(rng.randrange(256) for _ in range(400_000)).decode("utf-8", "ignore")
    assert fold(noise) == fold_slow(noise)


@pytest.mark.issue(14)
def test_texts_searched_together_give_the_hits_of_each_text_alone():
    rng = random.Random(7)
    pieces = ["13912345678", "139 1234 5678", "0139123456789", "110101199003071234", "芙莉莲", "芙莉莲华",
              "芙 莉 莲", "北方魔法大学", "北方魔法大学学报", "\x1f", "x", " ", "1", "(", "㈱", "１３９１２３４５６７８",
              "fuliliàn"]
    for _ in range(400):
        items = []
        for _ in range(rng.randrange(1, 30)):
            text = "".join(rng.choice(pieces) for _ in range(rng.randrange(6)))
            items.append((text, NEEDLES if rng.random() < 0.5 else ASCII))
        if items and rng.random() < 0.3:
            items.append(items[0])                               # the same text twice
        assert find_in_strings(items) == [find_in_string(t, ns) for t, ns in items]


def _pdf(*objects: bytes) -> bytes:
    return b"%PDF-1.7\n" + b"".join(objects) + b"trailer\n<< /Root 1 0 R /Refs [2 0 R 3 0 R 4 0 R 5 0 R] >>\n%%EOF\n"


def _stream(number: int, dictionary: bytes, body: bytes, lead: bytes = b"") -> bytes:
    packed = zlib.compress(body)
    return (lead + b"%d 0 obj\n<< %s /Length %d /Filter /FlateDecode >>\nstream\n" % (number, dictionary, len(packed))
            + packed + b"\nendstream\nendobj\n")


def _where(leaks) -> set[tuple[str, str]]:
    return {(lk.where, lk.category) for lk in leaks}


@pytest.mark.issue(14)
def test_values_planted_in_a_big_binary_stream_are_found():
    rng = random.Random(3)
    noise = bytes(rng.randrange(256) for _ in range(3_000_000))
    font = noise[:1_000_000] + b"13912345678" + noise[1_000_000:2_000_000] + "芙莉莲".encode() + noise[2_000_000:]
    catalog = b"1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
    leaks = object_leaks(_pdf(catalog, _stream(2, b"/Length1 3000020 /Subtype /OpenType", font)), NEEDLES)
    assert {("pdf_object", "phone"), ("pdf_object", "name")} <= _where(leaks)
    assert all("object 2" in lk.detail for lk in leaks)
    clean = object_leaks(_pdf(catalog, _stream(2, b"/Length1 3000000 /Subtype /OpenType", noise)), NEEDLES)
    assert not [lk for lk in clean if lk.category in ("phone", "name", "id_number")]


@pytest.mark.issue(14)
def test_a_name_in_a_utf16be_font_name_string_is_found():
    name = "<FEFF" + "芙莉莲".encode("utf-16-be").hex().upper() + ">"
    descriptor = b"3 0 obj\n<< /Type /FontDescriptor /FontName /ABCDEF+Song /Style << /Panose %s >> >>\nendobj\n"
    leaks = object_leaks(_pdf(descriptor % name.encode()), NEEDLES)
    assert ("font", "name") in _where(leaks)
    assert not object_leaks(_pdf(descriptor % b"<FEFF00410042>"), NEEDLES)


@pytest.mark.issue(14)
def test_objects_behind_long_whitespace_are_scanned():
    lead = b" " * 5000 + b"\n" * 3000
    first = lead + b"4 0 obj\n<< /Subtype /Text /Type /Annot /Contents (ID 110101199003071234) >>\nendobj\n"
    second = _stream(5, b"/Type /XObject /Subtype /Form", b"BT (Tel 139-1234-5678) Tj ET", lead=b"\t" * 70_000)
    leaks = object_leaks(_pdf(first, second), NEEDLES)
    assert ("annotation", "id_number") in _where(leaks)
    assert ("content_stream", "phone") in _where(leaks)
    assert [lk.detail.split(";")[0] for lk in leaks if lk.category == "phone"] == ["object 5"]
