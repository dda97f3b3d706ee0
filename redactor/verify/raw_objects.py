"""Channels for everything that is not drawn text: every object of every revision.

The file's bytes are scanned directly (no PDF library): every ``N G obj``
block, including earlier revisions kept by incremental updates and objects
packed in object streams; streams are decoded (Flate, ASCIIHex, ASCII85);
PDF strings are decoded (literal and hex, PDFDocEncoding/UTF-16/UTF-8),
names un-escaped (#xx), XML entities resolved, JPEG metadata segments (EXIF,
XMP, IPTC, ICC, comments) pulled out of image streams, even when the JPEG is
itself Flate-compressed, and embedded PDFs (attachments) scanned in turn.

Each hit is reported under the role of the object it sits in: annotation,
widget, outline, attachment, xmp, metadata, image_metadata, page_label, font,
history (a superseded revision), or pdf_object.

Chinese values are searched in UTF-16 only inside PDF strings and metadata
segments, never in binary data or content streams, where glyph codes and
pixels can equal a value's bytes by chance; drawn text is the text layer's job.
"""

from __future__ import annotations

import base64
import binascii
import html
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

from redactor.fields import Needle
from redactor.tounicode import unicode_map
from redactor.verify.font_program import font_program_texts
from redactor.model import Leak
from redactor.verify.hits import hits_to_leaks
from redactor.verify.search import find_in_strings

__all__ = ["object_leaks", "RawObject", "raw_objects"]

_OBJ = re.compile(rb"(?<![0-9])(\d{1,10})\s+(\d{1,5})\s+obj\b")
_STREAM = re.compile(rb"stream\r?\n")
_LITERAL = re.compile(rb"\((?:\\.|[^\\()]|\((?:\\.|[^\\()])*\))*\)", re.S)
_HEX = re.compile(rb"<([0-9A-Fa-f\s]{4,})>")
_HEX_LONG = re.compile(rb"<([0-9A-Fa-f\s]{5,})>")
_NAME = re.compile(rb"/[^\s/\[\]<>(){}%]*#[0-9A-Fa-f]{2}[^\s/\[\]<>(){}%]*")
_MAX_DEPTH = 3
_MAX_STREAM = 64 * 1024 * 1024


@dataclass(frozen=True)
class RawObject:
    number: int
    offset: int
    dictionary: bytes                 # the object's text before any stream
    stream: bytes | None              # decoded stream, or None
    superseded: bool = False          # an earlier revision of an object number


def _decode_stream(dictionary: bytes, data: bytes) -> bytes | None:
    filters = re.findall(rb"/(FlateDecode|Fl|ASCIIHexDecode|AHx|ASCII85Decode|A85|DCTDecode|DCT|LZWDecode|"
                         rb"JPXDecode|CCITTFaxDecode|JBIG2Decode|RunLengthDecode|Crypt)\b",
                         dictionary.split(b"/DecodeParms")[0])
    out = data
    for f in filters:
        try:
            if f in (b"FlateDecode", b"Fl"):
                d = zlib.decompressobj()
                out = d.decompress(out, _MAX_STREAM)
            elif f in (b"ASCIIHexDecode", b"AHx"):
                h = re.sub(rb"\s", b"", out).rstrip(b">")
                out = binascii.unhexlify(h + (b"0" if len(h) % 2 else b""))
            elif f in (b"ASCII85Decode", b"A85"):
                body = out.strip()
                body = body[2:] if body.startswith(b"<~") else body
                out = base64.a85decode(body.split(b"~>")[0] + b"~>", adobe=False) if b"~>" in body else base64.a85decode(body)
            else:
                break            # image codecs: the bytes stay as they are (JPEG segments are read below)
        except (zlib.error, ValueError, binascii.Error, TypeError, IndexError):   # a filter that does not decode
            return out if out is not data else None
    return out


def raw_objects(data: bytes) -> list[RawObject]:
    """Every indirect object in the file, in file order, with its stream decoded."""
    found: list[RawObject] = []
    starts = _object_headers(data)
    for k, m in enumerate(starts):
        begin = m.end()
        limit = starts[k + 1].start() if k + 1 < len(starts) else len(data)
        end = data.find(b"endobj", begin, limit)
        body = data[begin:end if end >= 0 else limit]
        s = _STREAM.search(body)
        stream = None
        dictionary = body
        if s is not None and b"<<" in body[:s.start()]:
            dictionary = body[:s.start()]
            raw_end = body.rfind(b"endstream")
            raw = body[s.end():raw_end if raw_end >= 0 else len(body)]
            stream = _decode_stream(dictionary, raw)
        found.append(RawObject(int(m.group(1)), m.start(), dictionary, stream))
    found += _object_stream_members(found)
    # the last definition of an object number is current; earlier ones are history
    last: dict[int, int] = {}
    for i, o in enumerate(found):
        if o.number not in last or o.offset >= found[last[o.number]].offset:
            last[o.number] = i
    current = [last.get(o.number) == i for i, o in enumerate(found)]
    referenced = _referenced(data, [o for o, c in zip(found, current) if c])
    return [RawObject(o.number, o.offset, o.dictionary, o.stream,
                      not c or (o.number not in referenced and not _STRUCTURAL.search(o.dictionary)))
            for o, c in zip(found, current)]


_RUN = b"0123456789 \t\n\r\f\v"          # what ``_OBJ`` may match before "obj": digits and \s


def _object_headers(data: bytes) -> list[re.Match[bytes]]:
    """``list(_OBJ.finditer(data))``, found from each ``b"obj"`` backwards instead of trying the regex at every
    byte (seconds on a file with a 25 MB font program).  A match is digits and whitespace ending in "obj", so it
    lies in the run of digits and whitespace before one "obj"; searching that run alone finds the same match."""
    out = []
    p = data.find(b"obj")
    while p >= 0:
        if p > 0 and data[p - 1] in b" \t\n\r\f\v":
            width = 64
            while True:
                lo = max(0, p - width)
                kept = len(data[lo:p].rstrip(_RUN))
                if kept or lo == 0:
                    break
                width *= 4
            m = _OBJ.search(data, lo + kept, min(len(data), p + 4))
            if m is not None:
                out.append(m)
        p = data.find(b"obj", p + 3)
    return out


_REF = re.compile(rb"(?<![0-9])(\d{1,10})\s+\d{1,5}\s+R\b")
_STRUCTURAL = re.compile(rb"/Type\s*/(XRef|ObjStm|Catalog)|/Linearized")


def _referenced(data: bytes, current: list[RawObject]) -> set[int]:
    """Object numbers some current object (or a trailer) points to; the rest are left-overs of earlier revisions."""
    refs: set[int] = set()
    for o in current:
        refs.update(int(m.group(1)) for m in _REF.finditer(o.dictionary))
        if o.stream is not None and _looks_textual(o.stream) and b" R" in o.stream:
            refs.update(int(m.group(1)) for m in _REF.finditer(o.stream))
    for m in re.finditer(rb"trailer", data):
        refs.update(int(r.group(1)) for r in _REF.finditer(data[m.end():m.end() + 4096]))
    return refs


def _object_stream_members(objs: list[RawObject]) -> list[RawObject]:
    out = []
    for o in objs:
        if o.stream is None or b"/ObjStm" not in o.dictionary:
            continue
        first = re.search(rb"/First\s+(\d+)", o.dictionary)
        count = re.search(rb"/N\s+(\d+)", o.dictionary)
        if not first or not count:
            continue
        head = o.stream[: int(first.group(1))].split()
        pairs = [(int(head[i]), int(head[i + 1])) for i in range(0, min(len(head) - 1, 2 * int(count.group(1))), 2)]
        base = int(first.group(1))
        for j, (num, off) in enumerate(pairs):
            stop = base + pairs[j + 1][1] if j + 1 < len(pairs) else len(o.stream)
            # members sort just after their container in file order
            out.append(RawObject(num, o.offset, o.stream[base + off:stop], None))
    return out


# --- roles -------------------------------------------------------------------

def _role(o: RawObject) -> str:
    d = o.dictionary
    if o.superseded:
        return "history"
    if re.search(rb"/Subtype\s*/Widget|/FT\s*/(Tx|Ch|Btn|Sig)", d):
        return "widget"
    if re.search(rb"/Type\s*/EmbeddedFile|/Type\s*/Filespec|/EF\s*<<|/EmbeddedFiles", d):
        return "attachment"
    if re.search(rb"/Type\s*/Annot|/Subtype\s*/(Text|FreeText|Link|Popup|Square|Circle|Highlight|Underline|"
                 rb"StrikeOut|Ink|Stamp|FileAttachment|Caret|Polygon|PolyLine|Line|Squiggly|Redact)\b", d):
        return "annotation"
    if re.search(rb"/Type\s*/Metadata|/Subtype\s*/XML", d):
        return "xmp"
    if re.search(rb"/Subtype\s*/Image", d):
        return "image_metadata"
    if re.search(rb"/PageLabels|/Nums\s*\[", d):
        return "page_label"
    if re.search(rb"/Type\s*/Outlines|/Title\b[^/]*(?=.*?/Parent)", d, re.S) or (b"/Parent" in d and b"/Title" in d):
        return "outline"
    if re.search(rb"/Type\s*/Font|/FontName|/BaseFont|/FontDescriptor|/CIDSystemInfo|/Type\s*/FontFile", d) \
            or (o.stream is not None and o.stream.lstrip()[:40].startswith(b"/CIDInit")):
        return "font"
    if re.search(rb"/Producer|/Creator\b|/Author|/CreationDate|/ModDate|/Keywords", d):
        return "metadata"
    if _is_content_stream(o):
        return "content_stream"
    return "pdf_object"


# --- texts of one object ---------------------------------------------------------

_PDFDOC = {0x18: "˘", 0x19: "ˇ", 0x1A: "ˆ", 0x1B: "˙", 0x1C: "˝", 0x1D: "˛", 0x1E: "˚", 0x1F: "˜"}
_ESC = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f", b"(": b"(", b")": b")", b"\\": b"\\"}


def _unescape_literal(s: bytes) -> bytes:
    out = bytearray()
    i = 0
    while i < len(s):
        c = s[i:i + 1]
        if c == b"\\" and i + 1 < len(s):
            n = s[i + 1:i + 2]
            if n in _ESC:
                out += _ESC[n]
                i += 2
                continue
            m = re.match(rb"[0-7]{1,3}", s[i + 1:i + 4])
            if m:
                out.append(int(m.group(0), 8) & 0xFF)
                i += 1 + len(m.group(0))
                continue
            if n in (b"\r", b"\n"):
                i += 2
                continue
            i += 1
            continue
        out += c
        i += 1
    return bytes(out)


def _string_texts(raw: bytes) -> Iterator[str]:
    """A PDF string's bytes in every plausible text encoding."""
    if raw[:2] in (b"\xfe\xff", b"\xff\xfe"):
        yield raw.decode("utf-16", "ignore")
        return
    if raw[:3] == b"\xef\xbb\xbf":
        yield raw[3:].decode("utf-8", "ignore")
        return
    yield "".join(_PDFDOC.get(b, chr(b)) for b in raw)
    try:
        yield raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if len(raw) >= 4 and len(raw) % 2 == 0:      # UTF-16BE without BOM (ToUnicode targets, some producers)
        yield raw.decode("utf-16-be", "ignore")


def _jpeg_segments(data: bytes) -> Iterator[bytes]:
    """Metadata segments (APPn, COM) of every JPEG inside ``data``."""
    start = data.find(b"\xff\xd8\xff")
    while start >= 0:
        i = start + 2
        while i + 4 <= len(data) and data[i] == 0xFF:
            marker = data[i + 1]
            if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
                i += 2
                continue
            if marker in (0xDA, 0xD9):          # start of scan: pixel data follows
                break
            length = int.from_bytes(data[i + 2:i + 4], "big")
            if 0xE0 <= marker <= 0xEF or marker == 0xFE:
                yield data[i + 4:i + 2 + length]
            i += 2 + length
        start = data.find(b"\xff\xd8\xff", i)


def _metadata_texts(seg: bytes) -> Iterator[str]:
    yield seg.decode("latin-1")
    yield seg.decode("utf-8", "ignore")
    yield seg.decode("utf-16-le", "ignore")      # EXIF XP* tags
    yield seg.decode("utf-16-be", "ignore")
    yield seg[1:].decode("utf-16-le", "ignore")
    yield seg[1:].decode("utf-16-be", "ignore")


def _is_content_stream(o: RawObject) -> bool:
    d = o.dictionary
    if re.search(rb"/Subtype\s*/Form", d):
        return True
    s = o.stream or b""
    return bool(re.search(rb"\bBT\b", s[:4096])) and bool(re.search(rb"\b(Tj|TJ|Tf)\b", s[:8192]))


def _object_texts(o: RawObject, shortest_latin: int) -> Iterator[tuple[str, bool]]:
    """(text, may hold CJK values) of one object; ``shortest_latin``: the length of the shortest ASCII value
    searched for."""
    for part in (o.dictionary, o.stream or b""):
        if not part:
            continue
        is_stream = part is o.stream
        binary = is_stream and not _looks_textual(part)
        content = is_stream and _is_content_stream(o)
        if binary and _FONT_PROGRAM.search(o.dictionary):
            texts = font_program_texts(part)
            if texts is not None:
                yield from texts
                continue
        yield part.decode("latin-1"), False
        if not binary:
            yield part.decode("utf-8", "ignore"), not content
            for m in _LITERAL.finditer(part):
                for t in _string_texts(_unescape_literal(m.group(0)[1:-1])):
                    yield t, not content
            codes = _cmap_targets(part) if is_stream and shortest_latin > 2 else None
            if codes is not None:
                yield codes, True
            # a CMap's codes and targets of 1-2 bytes: their text is in ``codes``
            for m in (_HEX if codes is None else _HEX_LONG).finditer(part):
                h = re.sub(rb"\s", b"", m.group(1))
                if len(h) % 2:
                    h += b"0"
                for t in _string_texts(binascii.unhexlify(h)):
                    yield t, not content
            for m in _NAME.finditer(part):
                name = re.sub(rb"#([0-9A-Fa-f]{2})", lambda x: bytes([int(x.group(1), 16)]), m.group(0))
                yield name.decode("utf-8", "ignore"), True
            if b"&#" in part or b"&amp;" in part:
                yield html.unescape(part.decode("utf-8", "ignore")), True
        else:
            yield part.decode("utf-8", "ignore"), True    # UTF-8 needs 3 matching bytes per character
        for seg in _jpeg_segments(part):
            for t in _metadata_texts(seg):
                yield t, True


_FONT_PROGRAM = re.compile(rb"/Length1\b|/Subtype\s*/(Type1C|CIDFontType0C|OpenType)\b")


def _cmap_targets(stream: bytes) -> str | None:
    """Every target text of a ToUnicode CMap, joined by the search's hard stop; None for other streams.

    A font embedded whole maps ~45 000 codes, each one a 2-byte token: decoding each token three ways cost
    ~0.5 CPU-s a document.  A token of 1-2 bytes reads as at most 2 Latin-1 characters or one UTF-16
    character, so it can only spell a value as a CMap target, and every target is here, once."""
    if b"begincmap" not in stream[:4096] or b"beginbf" not in stream:
        return None
    try:
        return "\x1f".join(unicode_map(stream).values())
    except ValueError:
        return None


def _looks_textual(data: bytes) -> bool:
    head = data[:2048]
    if not head:
        return True
    printable = sum(1 for b in head if 32 <= b < 127 or b in (9, 10, 13))
    return printable / len(head) > 0.85


def object_leaks(data: bytes, needles: tuple[Needle, ...], depth: int = 0, prefix: str = "",
                 objects: list[RawObject] | None = None) -> list[Leak]:
    """Leaks in every object of the PDF bytes ``data`` (an attachment's PDF is scanned in turn); ``objects``:
    ``raw_objects(data)`` when the caller has them already."""
    ascii_needles = tuple(n for n in needles if n.key.isascii())
    shortest_latin = min((len(n.key) for n in ascii_needles if n.key), default=1 << 30)
    leaks: list[Leak] = []
    objs = objects if objects is not None else raw_objects(data)
    fonts = _font_maps(objs)
    for o in objs:
        role = _role(o)
        reported: set[str] = set()
        texts = [(text, needles if cjk_ok else ascii_needles) for text, cjk_ok in _object_texts(o, shortest_latin)]
        if fonts and o.stream is not None and role in ("content_stream", "history") and _is_content_stream(o):
            texts += [(text, needles) for text in _shown_texts(o.stream, fonts)]
        for hits in find_in_strings(texts):
            for h in hits:
                cat = h.needle.category.value
                if cat in reported:
                    continue
                reported.add(cat)
                channel = "attachment" if prefix else role
                detail = f"{prefix}object {o.number}" + (f" ({role})" if channel != role else "")
                leaks += [lk for lk in hits_to_leaks([h], channel, None, detail)]
        if depth < _MAX_DEPTH and o.stream and o.stream.lstrip()[:5] == b"%PDF-":
            leaks += object_leaks(o.stream, needles, depth + 1, prefix=f"embedded PDF in object {o.number}: ")
    return _no_boxes(leaks)


# --- text a content stream shows, through its fonts' ToUnicode maps ---------------------------------------------

_FONT_DICT = re.compile(rb"/Font\s*<<(.*?)>>", re.S)
_FONT_ENTRY = re.compile(rb"/([^\s/<>\[\]()]+)\s+(\d+)\s+\d+\s+R")
_TO_UNICODE = re.compile(rb"/ToUnicode\s+(\d+)\s+\d+\s+R")
_DESCENDANTS = re.compile(rb"/DescendantFonts\s*\[?\s*(\d+)\s+\d+\s+R")
_SHOW = re.compile(rb"/([^\s/<>\[\]()]+)\s+[-\d.]+\s+Tf|(\[(?:[^\]\\]|\\.)*\])\s*TJ|"
                   rb"(\((?:\\.|[^\\()]|\((?:\\.|[^\\()])*\))*\)|<[0-9A-Fa-f\s]*>)\s*(?:Tj|'|\")")
_STRING = re.compile(rb"\((?:\\.|[^\\()]|\((?:\\.|[^\\()])*\))*\)|<[0-9A-Fa-f\s]*>")


def _font_maps(objects: list[RawObject]) -> dict[bytes, list[dict[str, str]]]:
    """Font resource name -> the ToUnicode maps of the fonts some revision's resources give that name (a name
    may stand for several fonts across pages and revisions; each is tried).  A font drawn by glyph ids (a CID
    font, Identity-H) shows no text in its content stream: only its ToUnicode map says what it spells."""
    by_number: dict[int, RawObject] = {}
    for o in objects:
        by_number.setdefault(o.number, o)
        if not o.superseded:
            by_number[o.number] = o
    names: dict[bytes, set[int]] = {}
    for o in objects:
        for block in _FONT_DICT.finditer(o.dictionary + (o.stream or b"" if o.stream and _looks_textual(o.stream) else b"")):
            for m in _FONT_ENTRY.finditer(block.group(1)):
                names.setdefault(m.group(1), set()).add(int(m.group(2)))
    out: dict[bytes, list[dict[str, str]]] = {}
    for name, numbers in names.items():
        for n in numbers:
            font = by_number.get(n)
            if font is None:
                continue
            ref = _TO_UNICODE.search(font.dictionary)
            if ref is None:
                desc = _DESCENDANTS.search(font.dictionary)
                font = by_number.get(int(desc.group(1))) if desc else None
                ref = _TO_UNICODE.search(font.dictionary) if font is not None else None
            cmap = by_number.get(int(ref.group(1))) if ref is not None else None
            if cmap is not None and cmap.stream:
                table = unicode_map(cmap.stream)
                if table:
                    out.setdefault(name, []).append(table)
    return out


def _shown_texts(stream: bytes, fonts: dict[bytes, list[dict[str, str]]]) -> list[str]:
    """The text a content stream shows (``Tj``, ``TJ``, ``'``, ``"``), each run decoded through the ToUnicode map
    of every font its ``Tf`` name may stand for; one text per map, the runs of a ``BT`` joined."""
    if not _looks_textual(stream) or b"Tf" not in stream:
        return []
    current: list[dict[str, str]] = []
    runs: dict[int, list[str]] = {}
    for m in _SHOW.finditer(stream):
        if m.group(1) is not None:
            current = fonts.get(m.group(1), [])
            continue
        strings = _STRING.findall(m.group(2)) if m.group(2) is not None else [m.group(3)]
        raw = b"".join(_string_bytes(s) for s in strings)
        for i, table in enumerate(current):
            runs.setdefault(id(table), []).append(_decode_codes(raw, table))
    return ["".join(parts) for parts in runs.values() if parts]


def _string_bytes(s: bytes) -> bytes:
    if s.startswith(b"<"):
        h = re.sub(rb"\s", b"", s[1:-1])
        return binascii.unhexlify(h + (b"0" if len(h) % 2 else b""))
    return _unescape_literal(s[1:-1])


def _decode_codes(raw: bytes, table: dict[str, str]) -> str:
    """``raw`` read as the map's codes (two bytes when its codes are four hex digits, else one)."""
    width = 2 if any(len(k) >= 4 for k in list(table)[:8]) else 1
    out = []
    for i in range(0, len(raw) - width + 1, width):
        out.append(table.get(raw[i:i + width].hex().upper(), ""))
    return "".join(out)


def _no_boxes(leaks: list[Leak]) -> list[Leak]:
    """Object hits have no place on a page; drop the (meaningless) string-position boxes."""
    from dataclasses import replace

    return [replace(lk, bbox=None, boxes=()) for lk in leaks]
