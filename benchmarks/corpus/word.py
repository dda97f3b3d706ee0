"""Word -> PDF forms, as applicants export them: python-docx writes a .docx form (tables,
a portrait in a table cell, signatures and seals pasted as pictures) and LibreOffice
(``soffice --headless --convert-to pdf``) converts it with whatever fonts the machine has.

The ground truth is read back from the converted PDF: every tagged value is searched
among the page's characters (whitespace ignored, so a value LibreOffice wraps inside a
narrow cell becomes one instance per line, joined by ``group``), every picture is found
by its pixel size (each picture gets a distinct one).  When LibreOffice is missing the
builders raise ``WordUnavailable`` and the generator skips these documents with a note.
"""

from __future__ import annotations

import io
import random
import shutil
import subprocess
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import numpy as np
import pymupdf

from .documents import TOPICS, YEAR, BuiltDoc, Tags, fmt_id, fmt_mobile
from .draw import Instance, T, Tag, qr_png
from .people import Cast
from .styles import cjk_fonts, portrait_variant, random_seal_style, seal_png_styled, signature_png


WORD_UNAVAILABLE_NOTE = ("LibreOffice (soffice) is not installed, so the Word-exported forms are skipped; "
                         "`apt-get install -y libreoffice-writer-nogui` (or `make bench-deps`) adds them")


class WordUnavailable(RuntimeError):
    """LibreOffice is not installed: the Word-exported documents cannot be made."""


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(docx: bytes, timeout: float = 240) -> bytes:
    exe = soffice()
    if exe is None:
        raise WordUnavailable("LibreOffice (soffice) is not installed; apt-get install -y libreoffice-writer-nogui")
    with tempfile.TemporaryDirectory(prefix="corpus-docx-") as tmp:
        src = Path(tmp) / "form.docx"
        src.write_bytes(docx)
        # a private profile per call: parallel conversions do not share (and lock) one
        cmd = [exe, f"-env:UserInstallation=file://{tmp}/profile", "--headless", "--norestore", "--nologo",
               "--convert-to", "pdf", "--outdir", tmp, str(src)]
        subprocess.run(cmd, capture_output=True, timeout=timeout, check=False, env={"HOME": tmp, "PATH": "/usr/bin:/bin"})
        out = src.with_suffix(".pdf")
        if not out.is_file():
            raise RuntimeError("LibreOffice produced no PDF")
        return out.read_bytes()


# --- recording what goes into the .docx ------------------------------------------------------

@dataclass
class _Pic:
    data: bytes
    size: tuple[int, int]              # pixels, unique in the document
    tag: Tag | None
    text: str = ""


class FormWriter:
    """A python-docx document plus the tagged values and pictures put into it."""

    def __init__(self, rng: random.Random, east_asian_font: str) -> None:
        from docx import Document
        from docx.oxml.ns import qn
        from docx.shared import Pt

        self.rng = rng
        self.doc = Document()
        st = self.doc.styles["Normal"]
        st.font.size = Pt(10.5)
        st.font.name = "Times New Roman"
        st.element.rPr.rFonts.set(qn("w:eastAsia"), east_asian_font)
        sec = self.doc.sections[0]
        from docx.shared import Cm
        sec.page_width, sec.page_height = Cm(21.0), Cm(29.7)
        sec.left_margin = sec.right_margin = Cm(2.0)
        sec.top_margin = sec.bottom_margin = Cm(2.0)
        self.values: list[tuple[str, Tag]] = []
        self.pics: list[_Pic] = []
        self._sizes: set[tuple[int, int]] = set()

    def _unique(self, w: int, h: int) -> tuple[int, int]:
        while (w, h) in self._sizes:
            w += 1
        self._sizes.add((w, h))
        return w, h

    def put(self, cell: Any, parts: list[tuple[str, Tag | None]] | str, size: float | None = None,
            center: bool = False) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Pt
        p = cell.paragraphs[0] if hasattr(cell, "paragraphs") else cell
        if center:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        for text, tag in ([(parts, None)] if isinstance(parts, str) else parts):
            run = p.add_run(text)
            if size:
                run.font.size = Pt(size)
            if tag is not None:
                self.values.append((text, tag))

    def picture(self, cell: Any, png: bytes, width_pt: float, tag: Tag | None, text: str = "",
                px: tuple[int, int] | None = None, crop: bool = False) -> None:
        """A picture inline in ``cell`` (resized to a unique pixel size so it can be found again;
        ``crop``: cut a transparent image to its ink, so that the picture's box is the truth box)."""
        from PIL import Image
        from docx.shared import Pt
        im = Image.open(io.BytesIO(png))
        if crop and im.mode == "RGBA":
            bb = im.getchannel("A").point(lambda v: 255 if v > 24 else 0).getbbox()
            if bb:
                im = im.crop(bb)
        w, h = px or im.size
        limit = int(width_pt / 72 * 250)      # below LibreOffice's 300 DPI downsampling
        if w > limit:
            w, h = limit, max(1, round(h * limit / w))
        w, h = self._unique(w, h)
        if (w, h) != im.size:
            im = im.resize((w, h), Image.LANCZOS)
        buf = io.BytesIO()
        fmt = "PNG" if im.mode in ("RGBA", "LA", "P") or png[:4] == b"\x89PNG" else "JPEG"
        im.save(buf, fmt, **({"quality": 90} if fmt == "JPEG" else {}))
        p = cell.paragraphs[0] if hasattr(cell, "paragraphs") else cell
        p.add_run().add_picture(io.BytesIO(buf.getvalue()), width=Pt(width_pt))
        self.pics.append(_Pic(buf.getvalue(), (w, h), tag, text))

    def tobytes(self) -> bytes:
        buf = io.BytesIO()
        self.doc.save(buf)
        return buf.getvalue()


def _squash(s: str) -> str:
    return "".join(s.split())


def _nfkc_char(c: str) -> str:
    """A character as NFKC writes it, where that is one character (a Kangxi radical ⼯ -> 工)."""
    n = unicodedata.normalize("NFKC", c)
    return n if len(n) == 1 else c


def _shown_part(pdf: bytes, pno: int, xref: int, rect: pymupdf.Rect) -> pymupdf.Rect:
    """The part of a picture's placement ``rect`` the page shows: a picture wider than its table cell is
    clipped to the cell (LibreOffice), and the placement's truth box then ran 17 pt past the photo onto
    blank paper, which no redaction needs to cover (seed 151).  Found as the pixels that change when the
    picture turns from black to white."""
    shots = []
    for level in (0, 255):
        doc = pymupdf.open("pdf", pdf)
        image = doc.extract_image(xref)
        blank = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, image["width"], image["height"]), False)
        blank.set_rect(blank.irect, (level, level, level))
        doc[pno].replace_image(xref, pixmap=blank)
        pix = doc[pno].get_pixmap(clip=rect, dpi=72)
        shots.append(np.frombuffer(pix.samples, np.uint8).reshape(pix.h, pix.w, pix.n))
        origin = (pix.x, pix.y)
        doc.close()
    ys, xs = np.nonzero((np.abs(shots[0].astype(np.int16) - shots[1]) > 64).any(axis=2))
    if xs.size == 0:
        return rect
    u, v = origin
    shown = pymupdf.Rect(u + xs.min(), v + ys.min(), u + xs.max() + 1, v + ys.max() + 1) & rect
    # a pixel's rounding is no clip: only a side cut by more than 2 pt moves
    return pymupdf.Rect(*(s if abs(s - r) > 2 else r for s, r in zip(shown, rect)))


def locate(pdf: bytes, fw: FormWriter, prefix: str, nfkc: bool = False) -> list[Instance]:
    """Ground truth of the converted PDF: every occurrence of every tagged value, every picture.  ``nfkc``:
    characters are compared after NFKC (Chromium maps some characters to Kangxi radicals)."""
    doc = pymupdf.open("pdf", pdf)
    out: list[Instance] = []
    n = 0
    groups = 0

    def add(page_no: int, bbox: list[float], tag: Tag, text: str, form: str | None = None,
            extra: dict[str, Any] | None = None) -> None:
        nonlocal n
        n += 1
        e = dict(tag.extra)
        e.update(extra or {})
        out.append(Instance(f"{prefix}-{n:03d}", tag.category, tag.owner, form or tag.form, page_no, bbox, text, e))

    # longest values first: a shorter value inside a longer one's occurrence belongs to the longer one
    values = sorted({(t, tag) for t, tag in fw.values if _squash(t)}, key=lambda v: -len(_squash(v[0])))
    found = {v: 0 for v in values}
    for page in doc:
        chars = [(ch["c"], ch["bbox"], li) for li, ln in enumerate(
            ln for b in page.get_text("rawdict")["blocks"] for ln in b.get("lines", []))
            for sp in ln["spans"] for ch in sp["chars"] if ch["c"].strip()]
        seq = "".join(_nfkc_char(c) if nfkc else c for c, _, _ in chars)
        used = [False] * len(chars)
        for text, tag in values:
            key = "".join(_nfkc_char(c) for c in _squash(text)) if nfkc else _squash(text)
            start = 0
            while True:
                i = seq.find(key, start)
                if i < 0:
                    break
                start = i + 1
                if any(used[i:i + len(key)]):
                    continue
                for k in range(i, i + len(key)):
                    used[k] = True
                found[(text, tag)] += 1
                # one box per line the value runs over
                pieces: dict[int, list[Any]] = {}
                for c, bb, li in chars[i:i + len(key)]:
                    pieces.setdefault(li, []).append((c, bb))
                group = None
                if len(pieces) > 1:
                    groups += 1
                    group = f"{prefix}-g{groups:02d}"
                for li, cs in pieces.items():
                    bb = [min(b[0] for _, b in cs), min(b[1] for _, b in cs), max(b[2] for _, b in cs),
                          max(b[3] for _, b in cs)]
                    piece = "".join(c for c, _ in cs)
                    if group:
                        add(page.number + 1, bb, tag, piece, form=tag.split_form or f"split_{tag.category}",
                            extra={"group": group})
                    else:
                        add(page.number + 1, bb, tag, piece)
        # pictures by their pixel size
        for info in page.get_images(full=True):
            xref, w, h = info[0], info[2], info[3]
            for pic in fw.pics:
                if pic.tag is not None and pic.size == (w, h):
                    for r in page.get_image_rects(xref):
                        r = _shown_part(pdf, page.number, xref, r)
                        add(page.number + 1, [r.x0, r.y0, r.x1, r.y1], pic.tag, pic.text)
                    pic.tag = Tag(pic.tag.category, pic.tag.owner, pic.tag.form, extra=pic.tag.extra + (("_found", 1),))
    missing = [t for (t, _), k in found.items() if k == 0]
    lost = [p.tag.form for p in fw.pics if p.tag is not None and ("_found", 1) not in p.tag.extra]
    if missing or lost:
        raise AssertionError(f"{prefix}: values not found in the converted PDF {missing}, pictures not found {lost}")
    for inst in out:
        inst.extra.pop("_found", None)
    return out


# ====================================================================================================
# 职称申报表 as a Word form
# ====================================================================================================

def _signature(fw: FormWriter, cell: Any, rng: random.Random, w: float, h: float, n: int,
               color: tuple[float, float, float], tag: Tag, signer: str, background: bool = False) -> None:
    """A signature picture cut to its ink in ``cell`` (its box is then the signature's)."""
    png, (x0, _, x1, _) = signature_png(rng, w, h, n, color, background=background)
    fw.picture(cell, png, x1 - x0, tag, signer)


def _merge(table: Any, r0: int, c0: int, r1: int, c1: int) -> Any:
    return table.cell(r0, c0).merge(table.cell(r1, c1))


def _table(fw: FormWriter, rows: int, cols: int, widths_cm: list[float]) -> Any:
    from docx.shared import Cm
    t = fw.doc.add_table(rows=rows, cols=cols)
    t.style = "Table Grid"
    for row in t.rows:
        for k, c in enumerate(row.cells):
            c.width = Cm(widths_cm[k])
    return t


def build_word_shenbao(cast: Cast, rng: random.Random) -> BuiltDoc:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    if soffice() is None:
        raise WordUnavailable("LibreOffice (soffice) is not installed")
    a, tg = cast.applicant, Tags(cast)
    emp = a.employer
    fonts = [f for _, f in cjk_fonts()] or ["Droid Sans Fallback"]
    font = rng.choice(fonts)
    fw = FormWriter(rng, font)
    doc = fw.doc
    h = doc.add_paragraph()
    h.alignment = WD_ALIGN_PARAGRAPH.CENTER
    r = h.add_run(f"{YEAR}年度专业技术职务任职资格申报表")
    r.font.size = Pt(16)
    r.bold = True
    doc.add_paragraph(f"申报系列：{TOPICS[emp.kind][4]}      申报资格：{a.title_applied}")
    # basic data with the photo in a merged cell at the right
    t = _table(fw, 6, 5, [2.4, 4.0, 2.4, 4.0, 3.7])
    photo = _merge(t, 0, 4, 3, 4)
    pw = rng.choice([72.0, 85.0, 99.0])                 # 1 inch, between, 2 inch wide
    data, look = portrait_variant(rng, int(pw * 2.6))
    fw.picture(photo, data, pw, T("photo", "applicant", "portrait_word", look=look))
    fw.put(t.cell(0, 0), "姓  名")
    fw.put(t.cell(0, 1), [(a.name, tg.name(a))])
    fw.put(t.cell(0, 2), "性  别")
    fw.put(t.cell(0, 3), a.gender)
    fw.put(t.cell(1, 0), "出生年月")
    fw.put(t.cell(1, 1), a.birth_ym)
    fw.put(t.cell(1, 2), "参加工作")
    fw.put(t.cell(1, 3), f"{a.work_start.year}.07")
    fw.put(t.cell(2, 0), "身份证号")
    fw.put(_merge(t, 2, 1, 2, 3), [(fmt_id(a.id_number, "id_plain"), tg.id("applicant", "id_plain"))])
    fw.put(t.cell(3, 0), "工作单位")
    fw.put(_merge(t, 3, 1, 3, 3), [(emp.official, tg.org(emp)), (" " + a.department[0], None)])
    phone_form = rng.choice(["phone_dashed", "phone_plain", "phone_spaced"])
    fw.put(t.cell(4, 0), "手机号码")
    fw.put(t.cell(4, 1), [(fmt_mobile(a.mobile, phone_form), tg.phone("applicant", phone_form))])
    fw.put(t.cell(4, 2), "电子邮箱")
    fw.put(_merge(t, 4, 3, 4, 4), [(a.email, tg.email("applicant"))])
    fw.put(t.cell(5, 0), "现任职务")
    fw.put(t.cell(5, 1), a.title)
    fw.put(t.cell(5, 2), "单位电话")
    fw.put(_merge(t, 5, 3, 5, 4), [(cast.hr_landline, tg.phone("other", "landline", role="employer_office"))])
    doc.add_paragraph()
    doc.add_paragraph("主要工作经历")
    ws = a.work_start.year
    t2 = _table(fw, 3, 3, [4.0, 8.5, 4.0])
    for k, hd in enumerate(["起止年月", "工作单位及部门", "职务"]):
        fw.put(t2.cell(0, k), hd)
    fw.put(t2.cell(1, 0), f"{ws}.07—{ws + 7}.12")
    fw.put(t2.cell(1, 1), [(emp.official, tg.org(emp)), (a.department[0], None)])
    fw.put(t2.cell(1, 2), "技术员")
    fw.put(t2.cell(2, 0), f"{ws + 7}.12—至今")
    fw.put(t2.cell(2, 1), [(emp.short, tg.org(emp.short)), (a.department[0], None)])
    fw.put(t2.cell(2, 2), a.title)
    doc.add_paragraph()
    doc.add_paragraph("推荐人")
    t3 = _table(fw, 1 + len(cast.recommenders), 4, [2.6, 6.0, 3.6, 4.3])
    for k, hd in enumerate(["姓名", "工作单位", "联系电话", "推荐人签名"]):
        fw.put(t3.cell(0, k), hd)
    for i, rec in enumerate(cast.recommenders):
        fw.put(t3.cell(i + 1, 0), [(rec.name, tg.name(rec))])
        fw.put(t3.cell(i + 1, 1), [(rec.employer.official, tg.org(rec.employer))])
        fw.put(t3.cell(i + 1, 2), [(rec.mobile, tg.phone("other", "phone_plain", role="recommender"))])
        _signature(fw, t3.cell(i + 1, 3), rng, 80, 26, len(rec.name), (0.05, 0.05, 0.1),
                   T("signature", "other", "signature_word", role="recommender"), rec.name, rng.random() < 0.5)
    doc.add_paragraph()
    # signatures and the employer's seal
    t4 = _table(fw, 3, 4, [3.2, 5.0, 3.2, 5.1])
    fw.put(t4.cell(0, 0), "申请人签名")
    _signature(fw, t4.cell(0, 1), rng, 90, 30, len(a.name), (0.05, 0.1, 0.4), T("signature", "applicant", "signature_word"),
               a.name, rng.random() < 0.5)
    fw.put(t4.cell(0, 2), "日期")
    fw.put(t4.cell(0, 3), f"{YEAR}年6月{rng.randint(1, 28)}日")
    boss = cast.colleagues[-1]
    fw.put(t4.cell(1, 0), "审核人")
    _signature(fw, t4.cell(1, 1), rng, 80, 26, 3, (0.05, 0.05, 0.1), T("signature", "other", "signature_word", role="reviewer"),
               cast.reviewer.name)
    fw.put(t4.cell(1, 2), "负责人")
    _signature(fw, t4.cell(1, 3), rng, 80, 26, len(boss.name), (0.05, 0.05, 0.1),
               T("signature", "other", "signature_word", role="supervisor"), boss.name)
    fw.put(t4.cell(2, 0), "单位意见")
    cell = _merge(t4, 2, 1, 2, 3)
    fw.put(cell, [("同意推荐。", None), ("（", None), (emp.short, tg.org(emp.short)), ("盖章）", None)])
    style = random_seal_style(rng, allow_faint=False)
    seal, _, (sw, sh) = seal_png_styled(emp.official, emp.seal_inner, style, rng, rotate=rng.uniform(-15, 15), px=300)
    p = cell.add_paragraph()
    fw.picture(p, seal, 100, T("seal", "applicant", "seal_employer_word", design=style.label), emp.official,
               crop=True)
    # a QR code of the form system: not personal
    payload = f"https://zc.example.gov.cn/form/{rng.randrange(10**8):08d}"
    doc.add_paragraph()
    fw.picture(doc.add_paragraph(), qr_png(payload, 4), 56, T("qr_code", "other", "qr_system", payload=payload))
    docx = fw.tobytes()
    pdf = docx_to_pdf(docx)
    inst = locate(pdf, fw, "word_shenbao")
    return BuiltDoc("word_shenbao", "职称申报表（Word 导出）", pdf, inst, meta={"docx": docx, "font": font})


BUILDERS: dict[str, Callable[[Cast, random.Random], BuiltDoc]] = {"word_shenbao": build_word_shenbao}
DOC_TITLES = {"word_shenbao": "职称申报表（Word 导出）"}
