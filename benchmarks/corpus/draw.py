"""Drawing primitives for the synthetic corpus: text that records its ground truth,
tables, red round seals, handwritten-looking signatures, portraits and QR codes.

Fonts.  PyMuPDF ships one CJK glyph set (Droid Sans Fallback) but exposes it in
two very different ways, and the corpus uses both:

* ``china-s`` / ``china-ss``: a Type0 font *referenced by name* (BaseFont
  ``/Heiti``, Adobe-GB1 ordering, ``UniGB-UTF16-H``), not embedded.  Every
  glyph is 1 em wide, ASCII included, so Latin runs are drawn in Helvetica or
  Times next to it (as Word does with 宋体 + Times New Roman).
* ``droid``: the same glyphs *embedded* as a TrueType Type0 font with
  ``Identity-H`` (subset when the document is saved); proportional Latin.

``china-t`` / ``china-ts`` are the Traditional (CNS1 ``/Fangti``) variants;
they lack simplified characters (欧, 责, 话 ...) and are not used.

Every tagged piece of text is recorded with the position it was drawn at; when
the document is finished, ``DocBuilder`` reads the characters back with
``page.get_text("rawdict")`` and takes the ground-truth box from what was
actually drawn, failing loudly if the characters there are not the tagged text.
"""

from __future__ import annotations

import io
import math
import random
import unicodedata
import zlib
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Sequence

import numpy as np
import pymupdf
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from .font_subset import subset_opentype_fonts

FONT_REF = "china-s"      # referenced by name, not embedded (BaseFont /Heiti)
FONT_EMB = "droid"        # embedded Droid Sans Fallback
BLACK = (0, 0, 0)
SEAL_RED = (0.86, 0.1, 0.12)
FORM_BLUE = (0.05, 0.1, 0.45)


@lru_cache(maxsize=1)
def _droid() -> pymupdf.Font:
    return pymupdf.Font("cjk")


@lru_cache(maxsize=1)
def droid_buffer() -> bytes:
    return bytes(_droid().buffer)


@lru_cache(maxsize=16)
def pil_font(px: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(io.BytesIO(droid_buffer()), px)


_GLYPHS: list[Any] = []

# installed CJK fonts registered for drawing: PDF font name -> font file (see styles.cjk_fonts)
CUSTOM_FONTS: dict[str, str] = {}


def register_font(path: str) -> str:
    """A PDF font name for an installed font file (embedded, subset on save)."""
    for name, p in CUSTOM_FONTS.items():
        if p == path:
            return name
    name = f"cf{len(CUSTOM_FONTS)}"
    CUSTOM_FONTS[name] = path
    return name


@lru_cache(maxsize=8)
def _custom(name: str) -> pymupdf.Font:
    from .styles import font_face_bytes
    return pymupdf.Font(fontbuffer=font_face_bytes(CUSTOM_FONTS[name]))


def _prime_widths(doc: pymupdf.Document, xref: int) -> None:
    """Give the document the glyph-width table of the embedded CJK font for the whole BMP.

    ``insert_text`` otherwise rebuilds it (tens of thousands of lookups) every time a
    text uses a higher code point than before, in every document: most of the build time.
    """
    for info in doc.FontInfos:
        if info[0] == xref:
            glyphs = info[1].get("glyphs")
            if glyphs is not None and len(glyphs) >= 0x10000:
                return
            if not _GLYPHS:
                _GLYPHS.extend(doc._get_char_widths(xref, info[1]["name"], info[1]["ext"], -1, 0x10000, 0))
            info[1]["glyphs"] = list(_GLYPHS)
            return


def is_latin(c: str) -> bool:
    return ord(c) < 0x2000


_DASHES = str.maketrans({c: "-" for c in "\u2010\u2011\u2012\u2013\u2212"})
# the dot of a name written in words (阿拉坦•巴根): a GB-encoded font (china-s) writes • and ・ as ·
_DOTS = str.maketrans({c: "·" for c in "•・"})
_DOT_FALLBACK = "•・．"     # dots a font may lack (wqy-zenhei has no •): typeset as · instead


def _same_glyph(s: str) -> str:
    """Text as its glyphs show it: NFKC, dash-like characters as '-', middle dots as '·'."""
    return unicodedata.normalize("NFKC", s).translate(_DASHES).translate(_DOTS)


# --- ground truth records -------------------------------------------------------------

@dataclass(frozen=True)
class Tag:
    category: str                 # name|id_number|phone|employer|email|photo|qr_code|seal|signature
    owner: str                    # applicant|other
    form: str
    split_form: str | None = None # form used for the pieces if the text is broken across lines
    splittable: bool = False      # may the paragraph engine break it across lines?
    extra: tuple[tuple[str, Any], ...] = ()


def T(category: str, owner: str, form: str, *, splittable: bool = False, split_form: str | None = None,
      **extra: Any) -> Tag:
    assert owner in ("applicant", "other"), owner
    return Tag(category, owner, form, split_form, splittable, tuple(sorted(extra.items())))


@dataclass
class Instance:
    id: str
    category: str
    owner: str
    form: str
    page: int
    bbox: list[float]
    text: str
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        d = {"id": self.id, "category": self.category, "owner": self.owner, "form": self.form,
             "page": self.page, "bbox": [round(v, 2) for v in self.bbox], "text": self.text}
        d.update(self.extra)
        return d


@dataclass
class _PendingText:
    inst: Instance
    baseline: float
    x0: float
    x1: float
    size: float


Part = tuple[str, Tag | None]
Parts = str | Sequence[Part]


def as_parts(parts: Parts) -> list[Part]:
    return [(parts, None)] if isinstance(parts, str) else list(parts)


# --- documents -----------------------------------------------------------------------------

class DocBuilder:
    """A PyMuPDF document plus the ground truth of what is drawn on it."""

    def __init__(self, doc_type: str, rng: random.Random, prefix: str = "") -> None:
        self.doc_type = doc_type
        self.rng = rng
        self.doc = pymupdf.open()
        self.instances: list[Instance] = []
        self._pending: list[_PendingText] = []
        self._counter = 0
        self._group = 0
        self.prefix = prefix or doc_type
        self.page_kinds: dict[int, str] = {}
        self.sheets: list[Sheet] = []

    def new_page(self, width: float = 595.0, height: float = 842.0, cjk: str = FONT_REF, latin: str = "helv") -> Sheet:
        for sh in self.sheets:
            sh.flush()
        page = self.doc.new_page(width=width, height=height)
        if cjk == FONT_EMB or latin == FONT_EMB:
            xref = page.insert_font(fontname=FONT_EMB, fontbuffer=droid_buffer())
            _prime_widths(self.doc, xref)
        if cjk in CUSTOM_FONTS:
            from .styles import font_face_bytes
            page.insert_font(fontname=cjk, fontbuffer=font_face_bytes(CUSTOM_FONTS[cjk]))
        return Sheet(self, page, cjk, latin)

    def next_id(self) -> str:
        self._counter += 1
        return f"{self.prefix}-{self._counter:03d}"

    def next_group(self) -> str:
        self._group += 1
        return f"{self.prefix}-g{self._group:02d}"

    def add_region(self, page_no: int, rect: Sequence[float], tag: Tag, text: str = "") -> Instance:
        inst = Instance(self.next_id(), tag.category, tag.owner, tag.form, page_no, [float(v) for v in rect], text,
                        dict(tag.extra))
        self.instances.append(inst)
        return inst

    def _resolve(self) -> None:
        by_page: dict[int, list[_PendingText]] = {}
        for p in self._pending:
            by_page.setdefault(p.inst.page, []).append(p)
        for pno, pend in by_page.items():
            page = self.doc[pno - 1]
            chars = []
            for block in page.get_text("rawdict")["blocks"]:
                for line in block.get("lines", []):
                    for span in line["spans"]:
                        for ch in span["chars"]:
                            chars.append((ch["origin"][0], ch["origin"][1], ch["c"], ch["bbox"]))
            for p in pend:
                got = sorted((c for c in chars if abs(c[1] - p.baseline) < 0.6 and p.x0 - 0.4 <= c[0] < p.x1 - 0.4),
                             key=lambda c: c[0])
                # NFKC: some fonts' ToUnicode maps glyphs to CJK compatibility ideographs (北 -> U+F963)
                # and some map the hyphen-minus to U+2010
                want = _same_glyph("".join(p.inst.text.split()))
                have = _same_glyph("".join(c[2] for c in got if c[2].strip()))
                if have != want:
                    raise AssertionError(f"{self.doc_type} p{pno}: drew {want!r}, read back {have!r}")
                boxes = [c[3] for c in got if c[2].strip()]
                p.inst.bbox = [min(b[0] for b in boxes), min(b[1] for b in boxes),
                               max(b[2] for b in boxes), max(b[3] for b in boxes)]
        self._pending.clear()

    def finish(self) -> tuple[bytes, list[Instance]]:
        for sh in self.sheets:
            sh.flush()
        self._resolve()
        self.doc.set_metadata({"producer": "redactor synthetic corpus", "creator": "benchmarks.corpus",
                               "title": self.doc_type})
        self.doc.subset_fonts()
        subset_opentype_fonts(self.doc)     # what MuPDF cannot subset (installed Noto CJK)
        data = self.doc.tobytes(garbage=3, deflate=True, no_new_id=True)
        self.doc.close()
        return data, self.instances


class Sheet:
    """One page being drawn; coordinates in points, top-left origin."""

    def __init__(self, builder: DocBuilder, page: pymupdf.Page, cjk: str, latin: str) -> None:
        self.b = builder
        self._page = page
        self.no = page.number + 1
        self.cjk = cjk
        self.latin = latin
        self.width = page.rect.width
        self.height = page.rect.height
        self._shape: pymupdf.Shape | None = None
        builder.sheets.append(self)

    def _raw(self) -> pymupdf.Page:
        # inserting a page orphans earlier Page objects; fetch again when that happened
        if self._page.parent is None:
            self._page = self.b.doc[self.no - 1]
        return self._page

    @property
    def page(self) -> pymupdf.Page:
        """The page, with all batched text and lines written to it."""
        self.flush()
        return self._raw()

    def _sh(self) -> pymupdf.Shape:
        # text and lines are batched in one Shape per page (one content-stream edit instead of hundreds)
        if self._shape is None:
            self._shape = self._raw().new_shape()
        return self._shape

    def flush(self) -> None:
        if self._shape is not None:
            self._shape.commit()
            self._shape = None

    # -- fonts and metrics --
    def _runs(self, s: str, cjk: str, latin: str | None) -> list[tuple[str, str]]:
        """Split text into (run, fontname) by script (china-s needs Latin in a Latin font)."""
        if cjk != FONT_REF and latin is None:
            return [(s, cjk)]
        lat = latin or "helv"
        if cjk not in (FONT_REF, FONT_EMB):       # a Latin-only font for everything
            return [(s, cjk)]
        out: list[tuple[str, str]] = []
        for c in s:
            f = lat if is_latin(c) else cjk
            if out and out[-1][1] == f:
                out[-1] = (out[-1][0] + c, f)
            else:
                out.append((c, f))
        return out

    @staticmethod
    def run_width(run: str, font: str, size: float) -> float:
        if font == FONT_REF:
            return size * len(run)
        if font == FONT_EMB:
            return _droid().text_length(run, size)
        if font in CUSTOM_FONTS:
            return _custom(font).text_length(run, size)
        return pymupdf.get_text_length(run, fontname=font, fontsize=size)

    def width_of(self, s: str, size: float, cjk: str | None = None, latin: str | None = "") -> float:
        cjk = cjk or self.cjk
        latin = self.latin if latin == "" else latin
        return sum(self.run_width(r, f, size) for r, f in self._runs(s, cjk, latin))

    @staticmethod
    def _shown(parts: Parts, cjk: str) -> list[tuple[str, Tag | None]]:
        """The parts as the font can show them: a dot it lacks falls back to '·'."""
        out = as_parts(parts)
        if cjk not in CUSTOM_FONTS or not any(c in _DOT_FALLBACK for s, _ in out for c in s):
            return out
        font = _custom(cjk)
        return [("".join("·" if c in _DOT_FALLBACK and not font.has_glyph(ord(c)) else c for c in s), t)
                for s, t in out]

    # -- text --
    def text(self, x: float, y: float, parts: Parts, size: float = 10.5, color: Sequence[float] = BLACK,
             cjk: str | None = None, latin: str | None = "", align: str = "left", bold: bool = False,
             width: float | None = None) -> float:
        """Draw one line at baseline ``y``.  ``align`` is relative to ``x`` (left/center/right)
        or to ``[x, x+width]`` when ``width`` is given.  Returns the end x."""
        cjk = cjk or self.cjk
        latin = self.latin if latin == "" else latin
        parts = self._shown(parts, cjk)
        total = sum(self.width_of(s, size, cjk, latin) for s, _ in parts)
        if width is not None:
            x = {"left": x, "center": x + (width - total) / 2, "right": x + width - total}[align]
        elif align == "center":
            x -= total / 2
        elif align == "right":
            x -= total
        for s, tag in parts:
            x0 = x
            for run, font in self._runs(s, cjk, latin):
                if run.strip():
                    kw: dict[str, Any] = {}
                    if bold:
                        kw = {"render_mode": 2, "border_width": 0.04}
                    self._sh().insert_text((x, y), run, fontname=font, fontsize=size, color=color, **kw)
                x += self.run_width(run, font, size)
            if tag is not None and s.strip():
                self._pend(s, tag, x0, x, y, size)
        return x

    def _pend(self, s: str, tag: Tag, x0: float, x1: float, y: float, size: float,
              group: str | None = None, form: str | None = None) -> Instance:
        inst = Instance(self.b.next_id(), tag.category, tag.owner, form or tag.form, self.no, [x0, y - size, x1, y],
                        s.strip(), dict(tag.extra))
        if group:
            inst.extra["group"] = group
        self.b.instances.append(inst)
        self.b._pending.append(_PendingText(inst, y, x0, x1, size))
        return inst

    def fit_size(self, parts: Parts, max_width: float, size: float, min_size: float = 5.5,
                 cjk: str | None = None) -> float:
        w = sum(self.width_of(s, size, cjk) for s, _ in as_parts(parts))
        if w <= max_width:
            return size
        return max(min_size, size * max_width / w)

    def paragraph(self, x: float, y: float, width: float, parts: Parts, size: float = 10.5,
                  leading: float = 1.7, indent: int = 2, color: Sequence[float] = BLACK,
                  cjk: str | None = None, draw: bool = True) -> tuple[float, list[list[tuple[str, Tag | None, int]]]]:
        """Flow text into lines (CJK breaks anywhere, Latin tokens and unsplittable tags stay whole).

        Returns (y of the next line, lines) where each line is a list of (text, tag, part index).
        A tag with ``splittable`` broken across lines yields one instance per piece, linked by ``group``.
        """
        cjk = cjk or self.cjk
        parts = self._shown(parts, cjk)
        # tokens: (text, part index)
        tokens: list[tuple[str, int]] = []
        for i, (s, tag) in enumerate(parts):
            if tag is not None and not tag.splittable:
                tokens.append((s, i))
                continue
            buf = ""
            for c in s:
                if is_latin(c) and c != " ":
                    buf += c
                    continue
                if buf:
                    tokens.append((buf, i))
                    buf = ""
                tokens.append((c, i))
            if buf:
                tokens.append((buf, i))
        no_start = set("，。、；：！？）》”’」%")
        lines: list[list[tuple[str, int]]] = [[]]
        cur = size * indent
        for tok, i in tokens:
            w = self.width_of(tok, size, cjk)
            if cur + w > width + 0.01 and lines[-1]:
                carry: list[tuple[str, int]] = []
                if tok in no_start and len(lines[-1]) > 1:
                    # no punctuation at a line start: take the previous character along
                    carry = [lines[-1].pop()]
                lines.append(carry)
                cur = sum(self.width_of(t, size, cjk) for t, _ in carry)
                if tok == " " and not carry:
                    continue
            lines[-1].append((tok, i))
            cur += w
        # merge tokens of the same part per line
        merged: list[list[tuple[str, Tag | None, int]]] = []
        for ln in lines:
            m: list[tuple[str, Tag | None, int]] = []
            for tok, i in ln:
                if m and m[-1][2] == i:
                    m[-1] = (m[-1][0] + tok, m[-1][1], i)
                else:
                    m.append((tok, parts[i][1], i))
            merged.append(m)
        if not draw:
            return y + len(merged) * size * leading, merged
        # which parts were split?
        seen: dict[int, int] = {}
        for ln in merged:
            for _, _, i in ln:
                seen[i] = seen.get(i, 0) + 1
        groups = {i: self.b.next_group() for i, n in seen.items() if n > 1 and parts[i][1] is not None}
        for li, ln in enumerate(merged):
            xx = x + (size * indent if li == 0 else 0)
            for s, tag, i in ln:
                x0 = xx
                for run, font in self._runs(s, cjk, self.latin):
                    if run.strip():
                        self._sh().insert_text((xx, y), run, fontname=font, fontsize=size, color=color)
                    xx += self.run_width(run, font, size)
                if tag is not None and s.strip():
                    if i in groups:
                        self._pend(s, tag, x0, xx, y, size, group=groups[i], form=tag.split_form or tag.form)
                    else:
                        self._pend(s, tag, x0, xx, y, size)
            y += size * leading
        return y, merged

    def paragraph_with_split(self, x: float, y: float, width: float, before: Parts, filler: str,
                             after: Parts, split_index: int, split_at: int, **kw: Any) -> float:
        """Like ``paragraph`` for ``before + filler[:n] + after`` choosing n so that the part
        ``after[split_index]`` is broken across a line end after ``split_at`` characters."""
        before, after = as_parts(before), as_parts(after)
        for n in range(0, len(filler)):
            parts = before + [(filler[:n], None)] + after
            target = len(before) + 1 + split_index
            _, lines = self.paragraph(x, y, width, parts, draw=False, **kw)
            for ln in lines:
                if ln and ln[-1][2] == target and len(ln[-1][0]) == split_at and after[split_index][0] != ln[-1][0]:
                    return self.paragraph(x, y, width, parts, **kw)[0]
        return self.paragraph(x, y, width, before + after, **kw)[0]

    # -- cells and lines --
    def hline(self, x0: float, x1: float, y: float, width: float = 0.6, color: Sequence[float] = BLACK) -> None:
        sh = self._sh()
        sh.draw_line((x0, y), (x1, y))
        sh.finish(color=color, width=width)

    def rect(self, r: Sequence[float], width: float = 0.6, color: Sequence[float] | None = BLACK,
             fill: Sequence[float] | None = None) -> None:
        sh = self._sh()
        sh.draw_rect(pymupdf.Rect(r))
        sh.finish(color=color, fill=fill, width=width)

    def cell(self, r: Sequence[float], parts: Parts, size: float = 10.5, align: str = "center",
             border: bool = True, pad: float = 4.0, color: Sequence[float] = BLACK, cjk: str | None = None) -> None:
        r = pymupdf.Rect(r)
        if border:
            self.rect(r)
        if not as_parts(parts) or not "".join(s for s, _ in as_parts(parts)).strip():
            return
        size = self.fit_size(parts, r.width - 2 * pad, size, cjk=cjk)
        base = (r.y0 + r.y1) / 2 + 0.36 * size
        if align == "center":
            self.text(r.x0, base, parts, size, color=color, width=r.width, align="center", cjk=cjk)
        else:
            self.text(r.x0 + pad, base, parts, size, color=color, cjk=cjk)

    def label_cell(self, r: Sequence[float], lines: Sequence[str], size: float = 10.5, leading: float = 1.6) -> None:
        r = pymupdf.Rect(r)
        self.rect(r)
        total = size * leading * (len(lines) - 1)
        y = (r.y0 + r.y1) / 2 - total / 2 + 0.36 * size
        for ln in lines:
            self.text(r.x0, y, ln, size, width=r.width, align="center")
            y += size * leading

    def cell_lines(self, r: Sequence[float], lines: Sequence[Parts], size: float = 10.0, pad: float = 6.0,
                   leading: float = 1.6, border: bool = True, top: float | None = None) -> None:
        r = pymupdf.Rect(r)
        if border:
            self.rect(r)
        y = r.y0 + (top if top is not None else pad) + size
        for ln in lines:
            sz = self.fit_size(ln, r.width - 2 * pad, size)
            self.text(r.x0 + pad, y, ln, sz)
            y += size * leading

    # -- images and regions --
    def image(self, r: Sequence[float], data: bytes, tag: Tag | None = None, text: str = "",
              region: Sequence[float] | None = None, overlay: bool = True) -> Instance | None:
        self.page.insert_image(pymupdf.Rect(r), stream=data, overlay=overlay, keep_proportion=False)
        if tag is None:
            return None
        return self.b.add_region(self.no, region if region is not None else r, tag, text)

    def seal(self, cx: float, cy: float, diameter: float, org: str, tag: Tag, inner: str = "",
             code: str = "", rotate: float | None = None, color: tuple[int, int, int] | None = None) -> Instance:
        rng = self.b.rng
        png, frac = seal_png(org, inner, code, rng, rotate=rotate, color=color)
        side = diameter / frac
        r = (cx - side / 2, cy - side / 2, cx + side / 2, cy + side / 2)
        self.page.insert_image(pymupdf.Rect(r), stream=png, overlay=True)
        box = (cx - diameter / 2, cy - diameter / 2, cx + diameter / 2, cy + diameter / 2)
        inst = self.b.add_region(self.no, box, tag, org)
        return inst

    def seal_styled(self, cx: float, cy: float, diameter: float, org: str, tag: Tag, style: Any,
                    inner: str = "", rotate: float | None = None) -> Instance:
        """A seal of ``style`` (``styles.SealStyle``) whose ring is ``diameter`` wide; the truth box is
        the ring's extent and the instance records the design."""
        from .styles import seal_png_styled
        png, (fx, fy), (iw, ih) = seal_png_styled(org, inner, style, self.b.rng, rotate)
        img_w = diameter / fx
        img_h = img_w * ih / iw
        self.page.insert_image(pymupdf.Rect(cx - img_w / 2, cy - img_h / 2, cx + img_w / 2, cy + img_h / 2),
                               stream=png, overlay=True)
        hh = img_h * fy / 2
        tag = Tag(tag.category, tag.owner, tag.form, tag.split_form, tag.splittable,
                  tuple(sorted(tag.extra + (("design", style.label),))))
        return self.b.add_region(self.no, (cx - diameter / 2, cy - hh, cx + diameter / 2, cy + hh), tag, org)

    def signature_image(self, r: Sequence[float], tag: Tag, n_glyphs: int = 3, signer: str = "",
                        color: Sequence[float] = (0.08, 0.08, 0.25), background: bool = False) -> Instance:
        """A signature pasted as an image into ``r`` (a scan or tablet export, as in Word forms)."""
        from .styles import signature_png
        x0, y0, x1, y1 = r
        png, (bx0, by0, bx1, by1) = signature_png(self.b.rng, x1 - x0, y1 - y0, n_glyphs, tuple(color), background=background)
        box = (x0 + bx0, y0 + by0, x0 + bx1, y0 + by1)
        self.page.insert_image(pymupdf.Rect(box), stream=png, overlay=True, keep_proportion=False)
        return self.b.add_region(self.no, box, tag, signer)

    def signature(self, x: float, y: float, w: float, h: float, tag: Tag, n_glyphs: int = 3,
                  color: Sequence[float] = (0.08, 0.08, 0.25), signer: str = "") -> Instance:
        rng = self.b.rng
        strokes = signature_strokes(rng, x, y, w, h, n_glyphs)
        lw = rng.uniform(0.7, 1.3)
        if rng.random() < 0.7:
            shape = self.page.new_shape()
            for pts in strokes:
                shape.draw_polyline([pymupdf.Point(px, py) for px, py in pts])
            shape.finish(color=color, width=lw, closePath=False, lineCap=1, lineJoin=1)
            shape.commit()
        else:   # a pasted signature image
            self._signature_image(strokes, lw, color)
        xs = [p[0] for s in strokes for p in s]
        ys = [p[1] for s in strokes for p in s]
        box = (min(xs) - lw / 2, min(ys) - lw / 2, max(xs) + lw / 2, max(ys) + lw / 2)
        return self.b.add_region(self.no, box, tag, signer)

    def _signature_image(self, strokes: list[list[tuple[float, float]]], lw: float, color: Sequence[float]) -> None:
        xs = [p[0] for s in strokes for p in s]
        ys = [p[1] for s in strokes for p in s]
        x0, y0, x1, y1 = min(xs) - 2, min(ys) - 2, max(xs) + 2, max(ys) + 2
        k = 6.0   # px per point
        im = Image.new("RGBA", (int((x1 - x0) * k) + 1, int((y1 - y0) * k) + 1), (255, 255, 255, 0))
        d = ImageDraw.Draw(im)
        rgb = tuple(int(255 * c) for c in color)
        for s in strokes:
            d.line([((px - x0) * k, (py - y0) * k) for px, py in s], fill=rgb + (235,), width=max(1, int(lw * k)), joint="curve")
        buf = io.BytesIO()
        im.save(buf, "PNG")
        self.page.insert_image(pymupdf.Rect(x0, y0, x1, y1), stream=buf.getvalue(), overlay=True)


# --- seal ---------------------------------------------------------------------------------

@lru_cache(maxsize=64)
def _seal_mask(org: str, inner: str, code: str, px: int, ring_permille: int) -> np.ndarray:
    """The ink of a seal (ring, star, curved name, inner text) as an alpha mask; cached per organisation."""
    side = px
    c = side / 2
    R = side * 0.46
    im = Image.new("L", (side, side), 0)
    d = ImageDraw.Draw(im)
    ring = R * ring_permille / 1000
    d.ellipse([c - R, c - R, c + R, c + R], outline=255, width=max(2, int(ring)))
    rs, ri = R * 0.26, R * 0.26 * 0.382
    pts = []
    for k in range(10):
        a = -math.pi / 2 + k * math.pi / 5
        rr = rs if k % 2 == 0 else ri
        pts.append((c + rr * math.cos(a), c + rr * math.sin(a) - R * 0.02))
    d.polygon(pts, fill=255)
    # organisation name along the upper arc, left to right, clockwise
    n = len(org)
    span = min(250.0, max(170.0, 17.0 * n))
    r_text = R * 0.76
    ch_px = int(min(R * 0.27, 0.92 * r_text * math.radians(span) / max(n, 1)))
    font = pil_font(max(8, ch_px))
    for i, ch in enumerate(org):
        theta = -90 - span / 2 + span * (i + 0.5) / n
        t = math.radians(theta)
        gx, gy = c + r_text * math.cos(t), c + r_text * math.sin(t)
        g = Image.new("L", (ch_px * 2, ch_px * 2), 0)
        ImageDraw.Draw(g).text((ch_px, ch_px), ch, font=font, fill=255, anchor="mm")
        g = g.rotate(-(theta + 90), resample=Image.BICUBIC)
        im.paste(255, (int(gx - ch_px), int(gy - ch_px)), g)
    if inner:
        f2 = pil_font(max(8, int(R * 0.16)))
        d.text((c, c + R * 0.5), inner, font=f2, fill=255, anchor="mm")
    if code:
        f3 = pil_font(max(6, int(R * 0.08)))
        m = len(code)
        for i, ch in enumerate(code):
            theta = 90 + 50 - 100 * (i + 0.5) / m
            t = math.radians(theta)
            gx, gy = c + R * 0.86 * math.cos(t), c + R * 0.86 * math.sin(t)
            g = Image.new("L", (40, 40), 0)
            ImageDraw.Draw(g).text((20, 20), ch, font=f3, fill=255, anchor="mm")
            g = g.rotate(-(theta - 90), resample=Image.BICUBIC)
            im.paste(255, (int(gx - 20), int(gy - 20)), g)
    return np.asarray(im.filter(ImageFilter.GaussianBlur(0.6))).astype(np.float32) / 255.0


def seal_png(org: str, inner: str, code: str, rng: random.Random, px: int = 320, rotate: float | None = None,
             color: tuple[int, int, int] | None = None) -> tuple[bytes, float]:
    """A red round seal as an RGBA PNG; returns (png, diameter / image side)."""
    col = color or (rng.randint(200, 230), rng.randint(10, 45), rng.randint(20, 50))
    mask = _seal_mask(org, inner, code, px, rng.choice([40, 45, 50, 55]))
    # uneven ink: modulate alpha with smooth noise
    cells = px // 12 + 1
    noise = np.random.default_rng(rng.randrange(2**32)).random((cells, cells)).astype(np.float32)
    nz = np.asarray(Image.fromarray((noise * 255).astype(np.uint8)).resize((px, px), Image.BICUBIC)).astype(np.float32) / 255
    alpha = mask * np.clip(0.55 + 0.6 * nz, 0, 1) * rng.uniform(0.8, 0.95)
    rgba = np.empty((px, px, 4), np.uint8)
    rgba[..., :3] = col
    rgba[..., 3] = np.clip(alpha * 255, 0, 255).astype(np.uint8)
    out = Image.fromarray(rgba, "RGBA")
    if rotate is None:
        rotate = rng.uniform(-25, 25)
    out = out.rotate(rotate, resample=Image.BICUBIC)
    buf = io.BytesIO()
    out.save(buf, "PNG", compress_level=3)
    return buf.getvalue(), 0.92


# --- signature -------------------------------------------------------------------------------

def _bezier(p0, p1, p2, p3, n: int = 18) -> list[tuple[float, float]]:
    out = []
    for k in range(n + 1):
        t = k / n
        u = 1 - t
        out.append((u**3 * p0[0] + 3 * u * u * t * p1[0] + 3 * u * t * t * p2[0] + t**3 * p3[0],
                    u**3 * p0[1] + 3 * u * u * t * p1[1] + 3 * u * t * t * p2[1] + t**3 * p3[1]))
    return out


def signature_strokes(rng: random.Random, x: float, y: float, w: float, h: float, n_glyphs: int) -> list[list[tuple[float, float]]]:
    """Cursive-looking strokes inside (x, y, x+w, y+h): a few cubic curves per glyph, slanted."""
    strokes: list[list[tuple[float, float]]] = []
    gw = w / (n_glyphs + 0.4)
    slant = rng.uniform(0.15, 0.4)
    cy = y + h / 2

    def P(px: float, py: float) -> tuple[float, float]:
        return (px + (cy - py) * slant, py)

    for g in range(n_glyphs):
        gx0 = x + g * gw + rng.uniform(0, gw * 0.15)
        gx1 = gx0 + gw * rng.uniform(0.8, 1.05)
        for _ in range(rng.randint(2, 4)):
            pts = [(rng.uniform(gx0, gx1), rng.uniform(y + h * 0.1, y + h * 0.9)) for _ in range(4)]
            curve = _bezier(*[P(*p) for p in pts])
            strokes.append(curve)
    # a flourish underneath
    fx0, fx1 = x + rng.uniform(0, w * 0.2), x + w * rng.uniform(0.75, 0.95)
    strokes.append(_bezier(P(fx0, y + h * 0.8), P(fx0 + w * 0.3, y + h * 1.0), P(fx1 - w * 0.3, y + h * 0.55), P(fx1, y + h * 0.7)))
    # keep inside the box after slanting
    xs = [p[0] for s in strokes for p in s]
    ys = [p[1] for s in strokes for p in s]
    sx = w / max(1e-6, max(xs) - min(xs))
    sy = h / max(1e-6, max(ys) - min(ys))
    k = min(1.0, sx, sy)
    mx, my = min(xs), min(ys)
    return [[(x + (px - mx) * k, y + (py - my) * k) for px, py in s] for s in strokes]


# --- portrait and QR -------------------------------------------------------------------------

@dataclass(frozen=True)
class Sitter:
    """A sample photo shipped inside an installed package, and where its frontal face is (the Haar box, pixels)."""

    package: str
    path: str           # inside the package's directory
    face: tuple[int, int, int, int]
    lift: float = 0.0   # pixels the crop starts higher than hopper's framing would put it (a taller hairdo)


# The corpus's sitters: nothing is downloaded and no applicant's face is used.  Two people, lit, dressed and framed
# differently (a dark uniform on a studio backdrop; an orange suit against a grey one), so that a detector tuned to
# one face is caught on the other.
SITTERS = {
    "hopper": Sitter("matplotlib", "mpl-data/sample_data/grace_hopper.jpg", (145, 99, 384, 338)),
    "astronaut": Sitter("skimage", "data/astronaut.png", (177, 66, 274, 163), lift=26.0),
}
_REFERENCE_FACE_W = 239       # the crop below was drawn for hopper's face; other sitters are framed alike


@lru_cache(maxsize=None)
def _portrait_source(name: str) -> Image.Image:
    # locate the package's sample photo without importing the package (matplotlib takes half a second)
    import importlib.util
    from pathlib import Path
    sitter = SITTERS[name]
    spec = importlib.util.find_spec(sitter.package)
    for loc in (spec.submodule_search_locations or []) if spec else []:
        p = Path(loc) / sitter.path
        if p.is_file():
            return Image.open(p).convert("RGB")
    raise FileNotFoundError(f"{sitter.path} of the {sitter.package} package (install the test extra)")


def sitter_for(rng: random.Random) -> str:
    """Who sits for a portrait: picked from the generator's state without drawing from it, so adding a sitter
    changed no other draw of a seed (its layouts, people and values stay as they were)."""
    names = sorted(SITTERS)
    words = np.array(rng.getstate()[1], dtype=np.uint32)        # the Mersenne Twister's state and position
    return names[zlib.crc32(words.tobytes()) % len(names)]


def portrait_jpeg(rng: random.Random, width_px: int = 240, bg: tuple[int, int, int] | None = None,
                  sitter: str | None = None) -> bytes:
    """A 3:4 ID-style portrait (a package's sample photo, cropped around the face and tinted per person)."""
    name = sitter or sitter_for(rng)
    src = _portrait_source(name)
    sitter = SITTERS[name]
    fx0, fy0, fx1, _ = sitter.face
    s = (fx1 - fx0) / _REFERENCE_FACE_W
    W, H = src.size
    cw = int(512 * rng.uniform(0.62, 0.78) * s)
    ch = int(cw * 4 / 3)
    ch = min(ch, H - 10)
    cw = int(ch * 3 / 4)
    cx = (fx0 + fx1) / 2 - 8.5 * s
    x0 = int(cx - cw / 2 + rng.uniform(-20, 20) * s)
    x0 = max(0, min(W - cw, x0))
    y0 = max(0, min(H - ch, int(fy0 - 99 * s - sitter.lift + rng.uniform(0, 40) * s)))
    im = src.crop((x0, y0, x0 + cw, y0 + ch)).resize((width_px, width_px * 4 // 3), Image.LANCZOS)
    arr = np.asarray(im).astype(np.float32)
    arr = arr * rng.uniform(0.85, 1.12) + rng.uniform(-12, 12)
    tint = np.array([rng.uniform(0.95, 1.05) for _ in range(3)], dtype=np.float32)
    arr = np.clip(arr * tint, 0, 255).astype(np.uint8)
    buf = io.BytesIO()
    Image.fromarray(arr).save(buf, "JPEG", quality=88)
    return buf.getvalue()


def qr_png(payload: str, scale: int = 4) -> bytes:
    import zxingcpp
    bc = zxingcpp.create_barcode(payload, zxingcpp.BarcodeFormat.QRCode)
    arr = np.asarray(bc.to_image(scale=scale, add_quiet_zones=True))
    buf = io.BytesIO()
    Image.fromarray(arr).save(buf, "PNG", compress_level=6)
    return buf.getvalue()


def qr_quiet_fraction(payload: str) -> float:
    """Share of the image side taken by one quiet zone (the code itself starts after it)."""
    import zxingcpp
    bc = zxingcpp.create_barcode(payload, zxingcpp.BarcodeFormat.QRCode)
    with_q = np.asarray(bc.to_image(scale=1, add_quiet_zones=True)).shape[0]
    without = np.asarray(bc.to_image(scale=1, add_quiet_zones=False)).shape[0]
    return (with_q - without) / 2 / with_q


# --- figures (images that are not personal data) --------------------------------------------------

def chart_png(rng: random.Random, w: int = 640, h: int = 360) -> bytes:
    """A bar + line chart with axes, ticks and a legend (a paper's figure)."""
    im = Image.new("RGB", (w, h), (255, 255, 255))
    d = ImageDraw.Draw(im)
    x0, y0, x1, y1 = 60, 20, w - 20, h - 50
    d.line([(x0, y0), (x0, y1), (x1, y1)], fill=(0, 0, 0), width=2)
    n = rng.randint(5, 7)
    step = (x1 - x0) / n
    heights = [rng.uniform(0.25, 0.95) for _ in range(n)]
    for i, v in enumerate(heights):
        bx = x0 + step * i + step * 0.2
        d.rectangle([bx, y1 - v * (y1 - y0), bx + step * 0.5, y1], fill=(60, 110, 180), outline=(20, 40, 90))
        d.line([(x0 + step * (i + 0.45), y1), (x0 + step * (i + 0.45), y1 + 6)], fill=(0, 0, 0), width=1)
        d.text((x0 + step * (i + 0.35), y1 + 10), str(i + 1), fill=(0, 0, 0), font=pil_font(16))
    pts = [(x0 + step * (i + 0.45), y1 - (v * 0.8 + rng.uniform(0.0, 0.15)) * (y1 - y0)) for i, v in enumerate(heights)]
    d.line(pts, fill=(220, 110, 30), width=3)
    for px, py in pts:
        d.ellipse([px - 5, py - 5, px + 5, py + 5], outline=(220, 110, 30), width=2)
    for k in range(5):
        ty = y1 - k * (y1 - y0) / 4
        d.line([(x0 - 6, ty), (x0, ty)], fill=(0, 0, 0), width=1)
        d.text((x0 - 44, ty - 9), f"{k * 25}", fill=(0, 0, 0), font=pil_font(16))
    d.rectangle([x1 - 120, y0 + 6, x1 - 104, y0 + 18], fill=(60, 110, 180))
    d.line([(x1 - 120, y0 + 34), (x1 - 104, y0 + 34)], fill=(220, 110, 30), width=3)
    buf = io.BytesIO()
    im.save(buf, "PNG", compress_level=6)
    return buf.getvalue()


def micrograph_png(rng: random.Random, w: int = 560, h: int = 360) -> bytes:
    """A grey 'micrograph' of grains: a Voronoi tessellation with dark boundaries,
    per-grain grey levels, precipitates and noise, plus a white scale bar."""
    nr = np.random.default_rng(rng.randrange(1 << 30))
    n = nr.integers(40, 70)
    seeds = nr.uniform([0, 0], [w, h], size=(n, 2))
    yy, xx = np.mgrid[0:h:2, 0:w:2]
    d2 = (xx[..., None] - seeds[:, 0]) ** 2 + (yy[..., None] - seeds[:, 1]) ** 2
    order = np.argsort(d2, axis=-1)[..., :2]
    near = np.take_along_axis(d2, order, axis=-1)
    owner = order[..., 0]
    levels = nr.uniform(95, 200, size=n)
    img = levels[owner]
    img[np.sqrt(near[..., 1]) - np.sqrt(near[..., 0]) < 2.2] = 45.0          # grain boundaries
    img = np.kron(img, np.ones((2, 2)))[:h, :w]
    for _ in range(int(nr.integers(30, 60))):                                  # precipitates
        cx, cy, r = nr.uniform(0, w), nr.uniform(0, h), nr.uniform(1.5, 4)
        img[max(0, int(cy - r)):int(cy + r), max(0, int(cx - r)):int(cx + r)] = 30.0
    img = img + nr.normal(0, 8, img.shape)
    img[h - 30:h - 24, w - 130:w - 30] = 250.0                                 # scale bar
    arr = np.clip(img, 0, 255).astype(np.uint8)
    pil = Image.fromarray(arr, "L").filter(ImageFilter.GaussianBlur(0.8)).convert("RGB")
    buf = io.BytesIO()
    pil.save(buf, "JPEG", quality=88)
    return buf.getvalue()
