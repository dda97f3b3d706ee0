"""A tagged PDF's one-glyph ActualText becomes that glyph's ToUnicode entry before sanitising strips it.

Chromium prints CJK text with Type 3 fonts whose ToUnicode maps some glyphs to radicals (马 to U+2EE2 ⻢,
生 to U+2F63 ⽣) and wraps each such glyph in marked content whose ``/ActualText`` gives the ideograph; text
extraction reads the ActualText.  Sanitising strips every ActualText (one can hold a removed name), so the
output's text read ⻢萍敏 for a recommender 马萍敏: the same picture, but a name nobody can search or
copy any more, and one the scorer counted as destroyed.

So where marked content with an ActualText of one ideograph wraps exactly one code shown in a simple font
(one byte a code), and the font's ToUnicode gives that code a radical or a compatibility ideograph, the entry
becomes the ActualText's ideograph first.  Only what is still drawn is read (redaction has taken the removed
text out of the content streams), so nothing removed comes back, and a code given two different ActualTexts
is left alone.
"""

from __future__ import annotations

import re
from collections import defaultdict

import pymupdf

from redactor.tounicode import cmap_of, unicode_map

__all__ = ["fold_actual_text"]

_STRING = rb"<[0-9A-Fa-f\s]*>|\((?:\\.|[^\\()])*\)"
_TOKENS = re.compile(
    rb"/([^\s/<>\[\]()%{}]+)\s+[-+\d.]+\s+Tf"                 # 1: a font selected
    rb"|/ActualText\s*<([0-9A-Fa-f\s]*)>"                       # 2: an ActualText in hex (as Chromium writes it)
    rb"|\b(BDC|BMC|EMC)\b"                                      # 3: marked content opened or closed
    rb"|(" + _STRING + rb")\s*(?:Tj|'|\")"                      # 4: a string shown (MuPDF rewrites hex as literal)
    rb"|\[((?:" + _STRING + rb"|[^\]<(])*)\]\s*TJ")                # 5: strings shown with kerning
_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}


def _stand_in(text: str) -> bool:
    """What a font maps an ideograph to: a radical (Kangxi, or the supplement) or a compatibility ideograph."""
    return len(text) == 1 and (0x2E80 <= ord(text) <= 0x2FDF or 0xF900 <= ord(text) <= 0xFAFF)


def _ideograph(text: str) -> bool:
    return len(text) == 1 and (0x4E00 <= ord(text) <= 0x9FFF or 0x3400 <= ord(text) <= 0x4DBF)


def _hex_text(hexes: bytes) -> str:
    digits = re.sub(rb"\s", b"", hexes)
    if len(digits) % 4 or not digits.upper().startswith(b"FEFF"):
        return ""
    try:
        return bytes.fromhex(digits[4:].decode()).decode("utf-16-be")
    except (ValueError, UnicodeDecodeError):
        return ""


def _string_bytes(token: bytes) -> bytes:
    """The bytes of a PDF string token, hex (<65>) or literal ((e), with its escapes)."""
    if token.startswith(b"<"):
        digits = re.sub(rb"\s", b"", token[1:-1])
        return bytes.fromhex((digits + b"0" * (len(digits) % 2)).decode())
    body, out, i = token[1:-1], bytearray(), 0
    while i < len(body):
        c = body[i:i + 1]
        if c != b"\\":
            out += c
            i += 1
            continue
        octal = re.match(rb"[0-7]{1,3}", body[i + 1:i + 4])
        if octal:
            out.append(int(octal.group(), 8) & 0xFF)
            i += 1 + len(octal.group())
        else:
            nxt = body[i + 1:i + 2]
            out += _ESCAPES.get(nxt, b"" if nxt in (b"\n", b"\r") else nxt)
            i += 2
    return bytes(out)


def _restated(content: bytes) -> list[tuple[bytes, int, str]]:
    """(font resource name, code, ActualText) for each marked-content span that shows one one-byte code."""
    out: list[tuple[bytes, int, str]] = []
    font = b""
    pending = ""
    stack: list[tuple[str, list[tuple[bytes, bytes]]] | None] = []     # open spans: (ActualText, shows)
    for m in _TOKENS.finditer(content):
        name, actual, op, shown, kerned = m.groups()
        if name is not None:
            font = name
        elif actual is not None:
            pending = _hex_text(actual)
        elif op == b"BDC":
            stack.append((pending, []) if pending else None)
            pending = ""
        elif op == b"BMC":
            stack.append(None)
        elif op == b"EMC":
            frame = stack.pop() if stack else None
            if frame is not None:
                text, shows = frame
                if len(shows) == 1 and len(shows[0][1]) == 1:
                    out.append((shows[0][0], shows[0][1][0], text))
        elif shown is not None or kerned is not None:
            tokens = re.findall(_STRING, kerned) if kerned is not None else [shown]
            code = b"".join(_string_bytes(t) for t in tokens)
            for frame in stack:
                if frame is not None:
                    frame[1].append((font, code))
    return out


def fold_actual_text(doc: pymupdf.Document) -> int:
    """Set the ToUnicode entries that one-glyph ActualTexts correct (module docstring); how many were set."""
    seen: dict[tuple[int, int], set[str]] = defaultdict(set)
    for page in doc:
        fonts: dict[bytes, int] | None = None          # looked up only on a page that has an ActualText
        for xref in page.get_contents():
            data = doc.xref_stream(xref) or b""
            if b"/ActualText" not in data:
                continue
            if fonts is None:
                fonts = {f[4].encode(): f[0] for f in page.get_fonts(full=True) if f[0] and f[4]}
            for name, code, text in _restated(data):
                if name in fonts and _ideograph(text):
                    seen[(fonts[name], code)].add(text)
    by_font: dict[int, dict[int, str]] = defaultdict(dict)
    for (font, code), texts in seen.items():
        if len(texts) == 1:
            by_font[font][code] = next(iter(texts))
    changed = 0
    for font, fixes in by_font.items():
        kind, value = doc.xref_get_key(font, "ToUnicode")
        if kind != "xref":
            continue
        cmap_xref = int(value.split()[0])
        entries = unicode_map(doc.xref_stream(cmap_xref) or b"")
        if not entries or any(len(code) != 2 for code in entries):
            continue                        # not a one-byte simple font's map
        codes = {int(code, 16): text for code, text in entries.items()}
        wrong = {c: t for c, t in fixes.items() if _stand_in(codes.get(c, ""))}
        if wrong:
            codes.update(wrong)
            doc.update_stream(cmap_xref, cmap_of(codes, 1))
            changed += len(wrong)
    return changed
