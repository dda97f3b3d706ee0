"""Glyphs leave a simple Type 1 program by editing its text and its one encrypted section, nothing else.

LibreOffice's Word export (the usual filled 申报表) embeds CJK text as Type 1 subsets of up to 256 glyphs.
``glyphs.drop_removed_glyphs`` maps the removed characters' codes to ``.notdef`` in the program's own
Encoding and drops every glyph no other code names.  fontTools did that by reading the whole font into
Python objects and writing it out again: about 1.5 CPU-s for a 30 kB subset, most of it decrypting and
encrypting byte by byte through function calls.  Here the program is edited where it stands (Adobe Type 1
Font Format, chapters 7-8): the Encoding's ``dup <code> /<name> put`` entries in the clear text, then the
eexec section (decrypted once, R = 55665) loses the ``/<name> <len> RD <bytes> ND`` entries of the dropped
glyphs, and is encrypted again.  Charstrings themselves are never decrypted: a kept glyph's bytes are
copied as they were.  Anything laid out otherwise (a standard encoding, a second eexec section, an entry
that does not parse) raises ``Type1LayoutError``; the caller then asks fontTools.
"""

from __future__ import annotations

import re

__all__ = ["Type1LayoutError", "without_glyphs"]

_EEXEC = b"currentfile eexec"
_CLOSE = b"currentfile closefile"
_ZEROS = re.compile(rb"(0[ \t\r\n]*){512}")
_HEX = re.compile(rb"[0-9A-Fa-f]{4}")
_ENCODING = re.compile(rb"/Encoding\s+(\d+)\s+array\b(.*?)\breadonly\s+def|/Encoding\s+(\d+)\s+array\b(.*?)\bdef", re.S)
_DUP = re.compile(rb"dup\s+(\d+)\s+/([^\s/\[\]{}()<>%]+)\s+put")
_SUBRS = re.compile(rb"/Subrs\s+(\d+)\s+array\s")
_SUBR = re.compile(rb"\s*dup\s+(\d+)\s+(\d+)\s+(\S+) ")
_CHARSTRINGS = re.compile(rb"/CharStrings\s+\d+\s+dict\s+dup\s+begin\s")
_GLYPH = re.compile(rb"\s*/([^\s/\[\]{}()<>%]+)\s+(\d+)\s+(\S+) ")
_TOKEN = re.compile(rb"\s*(\S+)")
_WHITE = b" \t\r\n"


class Type1LayoutError(ValueError):
    """The program is not laid out as this editor expects: use fontTools."""


def _decrypt(data: bytes, r: int) -> bytes:
    out = bytearray(len(data))
    for i, c in enumerate(data):
        out[i] = c ^ (r >> 8)
        r = ((c + r) * 52845 + 22719) & 0xFFFF
    return bytes(out)


def _encrypt(plain: bytes, r: int) -> bytes:
    out = bytearray(len(plain))
    for i, p in enumerate(plain):
        c = p ^ (r >> 8)
        out[i] = c
        r = ((c + r) * 52845 + 22719) & 0xFFFF
    return bytes(out)


def _encoding(clear: bytes) -> tuple[re.Match[bytes], dict[int, str]]:
    m = _ENCODING.search(clear)
    if m is None:
        raise Type1LayoutError("no explicit Encoding array (a standard encoding)")
    body = m.group(2) if m.group(2) is not None else m.group(4)
    return m, {int(code): name.decode("latin-1") for code, name in _DUP.findall(body)}


def _skip_binary_entries(plain: bytes, pos: int, count: int) -> int:
    """Past ``count`` Subrs entries (``dup i len RD <bytes> NP``) from ``pos``."""
    for _ in range(count):
        m = _SUBR.match(plain, pos)
        if m is None:
            break                   # fewer entries than the array holds: allowed
        pos = m.end() + int(m.group(2))
        t = _TOKEN.match(plain, pos)
        if t is None:
            raise Type1LayoutError("a Subrs entry runs past the section")
        pos = t.end()
    return pos


def _charstrings(plain: bytes) -> tuple[int, list[tuple[str, int, int]]]:
    """Where the CharStrings dictionary's entries begin, and each entry as (glyph name, start, end)."""
    pos = 0
    subrs = _SUBRS.search(plain)
    if subrs is not None:
        pos = _skip_binary_entries(plain, subrs.end(), int(subrs.group(1)))
    head = _CHARSTRINGS.search(plain, pos)
    if head is None:
        raise Type1LayoutError("no CharStrings dictionary")
    entries = []
    pos = head.end()
    while True:
        m = _GLYPH.match(plain, pos)
        if m is None:
            end = _TOKEN.match(plain, pos)
            if end is None or end.group(1) != b"end":
                raise Type1LayoutError("a CharStrings entry does not parse")
            return head.end(), entries
        stop = m.end() + int(m.group(2))
        t = _TOKEN.match(plain, stop)
        if stop > len(plain) or t is None:
            raise Type1LayoutError("a charstring runs past the section")
        entries.append((m.group(1).decode("latin-1"), m.start(), t.end()))
        pos = t.end()


def without_glyphs(program: bytes, unused: set[int]) -> bytes:
    """``program`` with codes ``unused`` naming ``.notdef`` and every glyph no remaining code names dropped
    (``.notdef`` stays) -- what ``glyphs._rewrite_type1`` made with fontTools, edited in place."""
    begin = program.find(_EEXEC)
    if begin < 0 or program.find(_EEXEC, begin + 1) >= 0:
        raise Type1LayoutError("not one eexec section")
    start = begin + len(_EEXEC)
    while start < len(program) and program[start] in _WHITE:
        start += 1
    clear = program[:start]
    enc, names = _encoding(clear)
    zeros = _ZEROS.search(program, start)
    if zeros is None:
        raise Type1LayoutError("no trailer of zeros")
    cipher = program[start:zeros.start()]
    hexed = _HEX.fullmatch(cipher[:4]) is not None
    if hexed:
        cipher = bytes.fromhex(cipher.decode("ascii"))       # whitespace between the digits is allowed
    plain = _decrypt(cipher, 55665)
    close = plain.find(_CLOSE)
    if close < 0:
        raise Type1LayoutError("the eexec section does not close")
    section_end = close + len(_CLOSE) + 1                    # and the one character after it, as written
    if section_end > len(plain):
        raise Type1LayoutError("the eexec section ends early")
    _, entries = _charstrings(plain[:section_end])
    kept = {n for c, n in names.items() if c not in unused} | {".notdef"}
    drop = [(s, e) for n, s, e in entries if n not in kept]
    gone = {c for c in unused if c in names}
    if not drop and not gone:
        return program
    pieces, pos = [], 0
    for s, e in drop:
        pieces.append(plain[pos:s])
        pos = e
    pieces.append(plain[pos:section_end])
    new_plain = b"".join(pieces)

    def notdef(m: re.Match[bytes]) -> bytes:
        return f"dup {m.group(1).decode()} /.notdef put".encode() if int(m.group(1)) in gone else m.group(0)

    body_group = 2 if enc.group(2) is not None else 4
    new_body = _DUP.sub(notdef, enc.group(body_group))
    new_clear = clear[:enc.start(body_group)] + new_body + clear[enc.end(body_group):]
    new_cipher = _encrypt(new_plain, 55665)
    if hexed:
        text = new_cipher.hex()
        new_cipher = "\n".join(text[i:i + 64] for i in range(0, len(text), 64)).encode() + b"\n"
        tail = program[zeros.start():]
    else:
        tail = program[start + section_end:]     # the clear text after the section: whitespace, zeros, cleartomark
    return new_clear + new_cipher + tail
