"""Invisible text MuPDF does not see: the text-showing operators of a content stream drawn in render mode 3.

A scan's invisible OCR layer written with CJK compatibility ideographs (李 as U+F9E1 through a UTF-16 CMap of
a font that is not embedded) has glyphs MuPDF's text extraction leaves out: its redaction, which removes the
characters it extracts, leaves them, and PDFium reads them (NFKC: the applicant's name).  Here the content
stream itself is read: a ``BT ... ET`` block whose every text-showing operator (``Tj``, ``TJ``, ``'``, ``"``)
runs in render mode 3 (invisible; ``Tr`` is tracked through ``q``/``Q``) loses those operators with their
operands; everything else -- state, positions, visible text -- stays byte for byte.  A block that shows any
visible text is left whole (removing the invisible part would move the visible glyphs after it).  A stream
with an inline image (binary data a tokenizer cannot skip safely) is left as it is.
"""

from __future__ import annotations

import re

__all__ = ["drop_invisible_shows"]

_SHOWS = {b"Tj", b"TJ", b"'", b'"'}
_INVISIBLE = 3
# one token: a comment, a literal string (nesting handled below), a hex string, a dictionary bracket, an array
# bracket, a name, a number, an operator
_TOKEN = re.compile(rb"%[^\r\n]*|\(|<<|>>|<[0-9A-Fa-f\s]*>|\[|\]|/[^\s()<>\[\]{}/%]*|[+-]?(?:\d+\.?\d*|\.\d+)"
                    rb"|[^\s()<>\[\]{}/%]+")
_SPACE = re.compile(rb"\s+")


def _string_end(data: bytes, i: int) -> int:
    """The offset after the literal string starting at ``data[i] == '('``."""
    depth = 0
    n = len(data)
    while i < n:
        c = data[i]
        if c == 0x5C:                   # backslash: the next byte is escaped
            i += 2
            continue
        if c == 0x28:
            depth += 1
        elif c == 0x29:
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    raise ValueError("unterminated string")


def _tokens(data: bytes):  # noqa: ANN202 - an iterator of (start, end, token)
    i, n = 0, len(data)
    while i < n:
        m = _SPACE.match(data, i)
        if m:
            i = m.end()
            continue
        if data[i] == 0x28:
            j = _string_end(data, i)
            yield i, j, b"("
            i = j
            continue
        m = _TOKEN.match(data, i)
        if not m or m.end() == i:
            raise ValueError(f"unreadable byte at {i}")
        yield i, m.end(), m.group(0)
        i = m.end()


def drop_invisible_shows(data: bytes) -> tuple[bytes, int] | None:
    """``data`` without the text-showing operators of its wholly invisible ``BT ... ET`` blocks, and how many
    went; None when the stream cannot be read safely (an inline image, a syntax it does not know)."""
    try:
        toks = list(_tokens(data))
    except ValueError:
        return None
    tr, saved = 0, []
    operand_start: int | None = None
    in_text = False
    block: list[tuple[int, int, bool]] = []        # (start, end, invisible) of each show in the open block
    cuts: list[tuple[int, int]] = []
    for start, end, tok in toks:
        if tok.startswith(b"%"):
            continue
        is_operand = tok[:1] in b"(<[]/+-.0123456789" or tok in (b"true", b"false", b"null", b">>")
        if is_operand:
            if operand_start is None:
                operand_start = start
            continue
        op = tok
        if op in (b"BI", b"ID", b"EI"):
            return None
        if op == b"q":
            saved.append(tr)
        elif op == b"Q":
            tr = saved.pop() if saved else 0
        elif op == b"Tr":
            try:
                tr = int(float(data[operand_start:start].split()[-1])) if operand_start is not None else tr
            except (ValueError, IndexError):
                return None
        elif op == b"BT":
            in_text, block = True, []
        elif op == b"ET":
            if in_text and block and all(inv for _, _, inv in block):
                cuts += [(s, e) for s, e, _ in block]
            in_text, block = False, []
        elif op in _SHOWS and in_text:
            block.append((operand_start if operand_start is not None else start, end, tr == _INVISIBLE))
        operand_start = None
    if not cuts:
        return data, 0
    out, last = [], 0
    for s, e in cuts:
        out += [data[last:s], b" "]             # a space where the operator was: no two tokens run together
        last = e
    out.append(data[last:])
    return b"".join(out), len(cuts)
