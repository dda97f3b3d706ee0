"""ToUnicode CMaps: which text each character code of a PDF font stands for.

Shared by redaction (it drops the glyphs of removed characters from a font's
subset) and verification (it checks no font subset still lists the
applicant's name); neither stage imports the other.
"""

from __future__ import annotations

import re

__all__ = ["unicode_map", "cmap_of"]

_BLOCK = re.compile(rb"begin(bfchar|bfrange)(.*?)end\1", re.S)
_TOKEN = re.compile(rb"<([0-9A-Fa-f\s]*)>|(\[)|(\])")


_SPACE = re.compile(rb"\s")


def _digits(hexes: bytes) -> bytes:
    return _SPACE.sub(b"", hexes) if _SPACE.search(hexes) else hexes


def _text(hexes: bytes) -> str:
    """UTF-16BE text; a target whose digits are not whole UTF-16 units (MuPDF writes ``<1f100>``) is read as
    one code point."""
    digits = _digits(hexes).decode()
    if len(digits) == 4:                # one UTF-16 unit, by far the most common target (a whole font maps ~45 000)
        value = int(digits, 16)
        if not 0xD800 <= value <= 0xDFFF:
            return chr(value)
    if len(digits) % 4:
        value = int(digits or "0", 16)
        return chr(value) if 0 < value <= 0x10FFFF else ""
    return bytes.fromhex(digits).decode("utf-16-be", "replace")


def unicode_map(cmap: bytes) -> dict[str, str]:
    """Code (upper-case hex, as many digits as the CMap writes) -> text, from every ``bfchar`` and
    ``bfrange`` block (ranges with a start value or an array of values)."""
    out: dict[str, str] = {}
    for kind, body in _BLOCK.findall(cmap):
        tokens: list[bytes | list[bytes]] = []
        array: list[bytes] | None = None
        for hexes, opening, closing in _TOKEN.findall(body):
            if opening:
                array = []
            elif closing:
                tokens.append(array or [])
                array = None
            elif array is not None:
                array.append(hexes)
            else:
                tokens.append(_digits(hexes))
        step = 2 if kind == b"bfchar" else 3
        for i in range(0, len(tokens) - step + 1, step):
            group = tokens[i:i + step]
            if kind == b"bfchar":
                code, target = group
                if isinstance(code, bytes) and isinstance(target, bytes):
                    out[code.decode().upper()] = _text(target)
                continue
            lo, hi, target = group
            if isinstance(target, bytes) and not target:
                continue
            if not isinstance(lo, bytes) or not isinstance(hi, bytes) or not lo or len(lo) != len(hi):
                continue
            width, first, last = len(lo), int(lo, 16), int(hi, 16)
            for k, code in enumerate(range(first, min(last, first + 65535) + 1)):
                if isinstance(target, list):
                    if k >= len(target):
                        break
                    text = _text(target[k])
                else:
                    start = _text(target)
                    text = start[:-1] + chr(ord(start[-1]) + k) if start else ""
                out[f"{code:0{width}X}"] = text
    return out


def cmap_of(codes: dict[int, str], code_bytes: int) -> bytes:
    """A ToUnicode CMap mapping ``codes`` (code -> text) of ``code_bytes`` bytes each, as bfchar entries."""
    digits = 2 * code_bytes
    entries = [f"<{c:0{digits}X}> <{t.encode('utf-16-be').hex().upper()}>" for c, t in sorted(codes.items())]
    blocks = [f"{len(entries[i:i + 100])} beginbfchar\n" + "\n".join(entries[i:i + 100]) + "\nendbfchar"
              for i in range(0, len(entries), 100)]
    space = f"<{0:0{digits}X}> <{(1 << (8 * code_bytes)) - 1:0{digits}X}>"
    return ("/CIDInit/ProcSet findresource begin\n12 dict begin\nbegincmap\n"
            "/CIDSystemInfo<<\n/Registry (Adobe)\n/Ordering (UCS)\n/Supplement 0\n>> def\n"
            "/CMapName/Adobe-Identity-UCS def\n/CMapType 2 def\n"
            f"1 begincodespacerange\n{space}\nendcodespacerange\n" + "\n".join(blocks) +
            "\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n").encode()
