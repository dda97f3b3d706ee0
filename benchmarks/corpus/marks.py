"""Documents whose marks are placed the way real producers place them (issue 80), drawn with PyMuPDF.

Each puts a mark or a value where the page's machinery, not its look, is new:

- ``thesis_declaration``: a thesis's cover and its 学位论文原创性声明 / 学位论文版权使用授权书 page as xelatex
  (xdvipdfmx) writes them: the pages carry no /MediaBox of their own, they inherit the one on the /Pages node; the
  author's signatures are PNG images placed by a transform beside 学位论文作者签名： and 作者签名：, the
  supervisor's beside 导师签名： (kept); the author's name in the cover's title block goes;
- ``acroform_certificate``: a 专业技术资格证书 built as an AcroForm (text fields 姓名, 身份证号, 工作单位, 专业技术资格,
  a push button in the 照片 slot whose appearance is the portrait), filled with the holder's values, then flattened
  (``Document.bake``): the values and the photo live in form XObjects the widgets left behind; the issuing
  authority's seal (kept) is stamped partly over the holder's lines;
- ``id_card_copy_pale``: an ID card's front and back copied onto one A4 sheet, the front's portrait on a pale ground
  close to the card's own (a face box covers the face, not the photo); the back's 签发机关 (a public security
  bureau) stays.  ``--subset marks`` also sends it through the ``scanned`` path;
- ``labor_contract``: a 劳动合同书 naming 甲方（用人单位） (the applicant's employer: goes) and 乙方（劳动者） (the
  applicant: name, ID, phone go) on page 1; its signature block on page 2: 甲方（盖章） under the employer's seal
  (goes), 法定代表人（签字） another person's signature (stays), 乙方（签字） the applicant's (goes);
- ``cert_stamped_over_holder``: a 会员证书 or 继续教育证书 whose issuer stamps over the holder's NAME line (the seal
  stays, the name under it goes), with the holder's 工作单位 two lines below (goes);
- ``pingshen_opinions``: a 专业技术职务任职资格评审表's last page, three opinion cells: 单位推荐意见 (the employer's
  opinion naming the applicant, the employer by its short name and a partner or prefix-sharing organisation (kept),
  the employer's round red seal over （单位盖章） and the date: goes; now and then its inner text a department that the
  cell also prints), 主管部门意见 (an authority's seal: stays) and 评审委员会意见 (the review board's seal and its
  chair's signature: stay); the cells' printed words share characters with the employer's ring text (class 4);
- ``diploma_pair``: a 毕业证书 and a 学位证书 copied onto one A4 sheet (one above the other, or side by side on a
  landscape sheet), each with the holder's portrait (goes whole), name and ID (go), the university's name and seal
  and the president's name (or facsimile signature) (stay).  ``--subset marks`` also sends it through ``scanned``;
- ``diploma_turned``: one landscape 毕业证书 or 学位证书 turned a quarter on an A4 portrait page (its content rotated,
  as a landscape certificate scanned sideways); the same marks as ``diploma_pair``.  Also sent through ``scanned``.

A new random stream per type (``catalog.build``): these types are their own subset (``benchmarks.run --subset
marks``), and no subset's plan names them (``catalog.MARKS`` is not among ``VARIETY``).  (``generate_dossier(...,
variety=True)`` without a plan -- ``--full``, ``benchmarks.dossier`` -- draws every builder that is not in ``STRUCTURE``
or ``WORDS``; it needs the same exclusion for ``MARKS`` in ``generate.py``.)  Synthetic people only;
portraits from the packaged sitters (``styles.portrait_variant``), seals and signatures from the corpus's helpers.
"""

from __future__ import annotations

import dataclasses
import io
import random
import re
from typing import Callable

import numpy as np
import pymupdf
from PIL import Image

from .documents import TOPICS, YEAR, BuiltDoc, Tags, cn_date, fmt_id, fmt_mobile
from .draw import DocBuilder, Instance, Sheet, T, Tag
from .layouts import INK_BLACK, INK_BLUE, _employer_seal, _font, _other_seal, _photo, _sig_tag, font_file
from .people import AUTHORITIES, DECOY_ORGS, EMPLOYERS, OTHER_ORGS, PARTNER_ORGS, Cast, Org, make_person
from .render import quarter_turn, transform_bbox
from .styles import PHOTO_SIZES, portrait_variant, random_seal_style

__all__ = ["BUILDERS", "DOC_TITLES", "move_mediabox_to_pages"]

A4_TEX = (595.276, 841.89)       # xdvipdfmx's A4 (the TeX point rounded as dvipdfmx writes it)


def _taken(cast: Cast) -> set[str]:
    """Names a new person must not get: the applicant's and every decoy's."""
    return {cast.applicant.name, *(p.name for p in cast.everyone_else)}


def _org_named(official: str) -> Org:
    for o in [*OTHER_ORGS, *AUTHORITIES, *(o for v in EMPLOYERS.values() for o in v)]:
        if o.official == official:
            return o
    return Org(official, kind="university")


def _sig_slot(s: Sheet, x: float, y: float, label: str, tag: Tag, signer: str, size: float = 12.0,
              w: float = 80.0, h: float = 30.0, color=INK_BLACK, background: bool = False) -> float:  # noqa: ANN001
    """``label`` at baseline ``y`` and a signature image right after it; returns the signature's right edge."""
    end = s.text(x, y, label, size)
    s.signature_image((end + 4, y - h + 8, end + 4 + w, y + 8), tag, max(2, len(signer)), signer=signer,
                      color=color, background=background)
    return end + 4 + w


# ====================================================================================================
# 1. 学位论文 cover + 原创性声明 / 版权使用授权书, as xelatex writes them
# ====================================================================================================

def move_mediabox_to_pages(pdf: bytes, producer: str = "xdvipdfmx (20230313)",
                           creator: str = "LaTeX with hyperref") -> bytes:
    """The document with every page's /MediaBox removed from the page dictionary and put on the /Pages root
    (where xdvipdfmx writes it, so every page inherits it), and a TeX producer in the info dictionary."""
    doc = pymupdf.open("pdf", pdf)
    root = int(doc.xref_get_key(doc.pdf_catalog(), "Pages")[1].split()[0])
    boxes = {doc.xref_get_key(p.xref, "MediaBox")[1] for p in doc}
    if len(boxes) != 1:
        raise ValueError(f"pages of different sizes: {sorted(boxes)}")
    doc.xref_set_key(root, "MediaBox", boxes.pop())
    for p in doc:
        src = doc.xref_object(p.xref, compressed=True)
        doc.update_object(p.xref, re.sub(r"/MediaBox\s*\[[^\]]*\]", "", src))
    doc.set_metadata({"producer": producer, "creator": creator, "title": "", "author": ""})
    return doc.tobytes(garbage=3, deflate=True, no_new_id=True)


def _degree(education: str) -> str:
    return {"博士研究生": "博士", "硕士研究生": "硕士"}.get(education, "学士")


def build_thesis_declaration(cast: Cast, rng: random.Random) -> BuiltDoc:
    a, tg = cast.applicant, Tags(cast)
    school = _org_named(a.education[1])
    supervisor = make_person(rng, school, role="supervisor", title="教授", taken=_taken(cast))
    degree = _degree(a.education[0])
    grad = a.work_start.year
    title_cn, _, _, _, _, _, clc = TOPICS[a.employer.kind]
    font = _font(rng)
    b = DocBuilder("thesis_declaration", rng)
    W, H = A4_TEX
    # -- the cover (中文封面) --
    s = b.new_page(W, H, cjk=font, latin=None)
    s.text(90, 90, f"分类号：{clc}", 10.5)
    s.text(90, 108, "U D C：" + rng.choice(["621", "669", "004", "61", "63"]), 10.5)
    s.text(W - 90, 90, "密级：公开", 10.5, align="right")
    s.text(W - 90, 108, f"学校代码：{rng.randint(10100, 14999)}", 10.5, align="right")
    s.text(W / 2, 200, [(school.official, tg.org(school))], 26, align="center")
    s.text(W / 2, 250, f"{degree}学位论文", 22, align="center")
    s.text(W / 2, 350, title_cn, s.fit_size(title_cn, W - 200, 18), align="center")
    rows: list[tuple[str, list[tuple[str, Tag | None]]]] = [
        ("作者姓名", [(a.name, tg.name(a))]),
        ("指导教师", [(supervisor.name, tg.name(supervisor)), (f"  {supervisor.title}", None)]),
        ("学科专业", [(a.major, None)]),
        ("培养单位", [(school.official, tg.org(school))]),
        ("答辩日期", [(f"{grad}年{rng.randint(5, 6)}月", None)]),
    ]
    y = 520.0
    for label, val in rows:
        s.text(180, y, label + "：", 14)
        s.hline(262, 440, y + 4, 0.5)
        s.text(262, y, val, s.fit_size(val, 176, 14), width=178, align="center")
        y += 34
    s.text(W / 2, 760, f"{grad}年{rng.randint(5, 6)}月", 14, align="center")
    # -- the declaration page --
    s = b.new_page(W, H, cjk=font, latin=None)
    x0, width = 90.0, W - 180
    s.text(W / 2, 110, "学位论文原创性声明", 18, align="center")
    y = s.paragraph(x0, 150, width, "本人郑重声明：所呈交的学位论文，是本人在导师的指导下，独立进行研究工作所取得的成果。除文中已经"
                    "注明引用的内容外，本论文不含任何其他个人或集体已经发表或撰写过的作品成果。对本文的研究做出重要贡献的"
                    "个人和集体，均已在文中以明确方式标明。本人完全意识到本声明的法律结果由本人承担。", 12, leading=1.9)[0]
    y += 30
    _sig_slot(s, x0 + 40, y, "学位论文作者签名：", _sig_tag("applicant"), a.name,
              color=rng.choice([INK_BLACK, INK_BLUE]), background=rng.random() < 0.3)
    s.text(x0 + width, y, f"日期：{grad}年{rng.randint(5, 6)}月{rng.randint(1, 28)}日", 12, align="right")
    y += 90
    s.text(W / 2, y, "学位论文版权使用授权书", 18, align="center")
    y = s.paragraph(x0, y + 40, width, [
        ("本学位论文作者完全了解", None), (school.official, tg.org(school)),
        ("有关保留、使用学位论文的规定，同意学校保留并向国家有关部门或机构送交论文的复印件和电子版，允许论文被查阅和借阅。"
         "本人授权", None), (school.official, tg.org(school)),
        ("可以将本学位论文的全部或部分内容编入有关数据库进行检索，可以采用影印、缩印或扫描等复制手段保存和汇编本学位论文。", None)],
        12, leading=1.9)[0]
    y = s.paragraph(x0, y, width, "（保密的学位论文在解密后适用本授权书）", 12, leading=1.9)[0]
    y += 40
    _sig_slot(s, x0, y, "作者签名：", _sig_tag("applicant"), a.name, color=rng.choice([INK_BLACK, INK_BLUE]))
    _sig_slot(s, x0 + width / 2 + 10, y, "导师签名：", _sig_tag("other", "supervisor"), supervisor.name,
              color=rng.choice([INK_BLACK, INK_BLUE]), background=rng.random() < 0.3)
    y += 34
    day = f"{grad}年{rng.randint(5, 6)}月{rng.randint(1, 28)}日"
    s.text(x0, y, f"日期：{day}", 12)
    s.text(x0 + width / 2 + 10, y, f"日期：{day}", 12)
    s.text(W / 2, H - 60, "I", 10.5, align="center")
    pdf, inst = b.finish()
    return BuiltDoc("thesis_declaration", DOC_TITLES["thesis_declaration"], move_mediabox_to_pages(pdf), inst,
                    meta={"font": font_file(font)})


# ====================================================================================================
# 2. 专业技术资格证书 as an AcroForm, filled and flattened
# ====================================================================================================

def _reopen(b: DocBuilder) -> None:
    """Save and reopen the builder's document (after ``bake``, MuPDF's loaded pages still list the widgets'
    text beside the baked copy); the sheets draw on the reopened pages."""
    for sh in b.sheets:
        sh.flush()
    b.doc = pymupdf.open("pdf", b.doc.tobytes())
    for sh in b.sheets:
        sh._page = b.doc[sh.no - 1]


def _text_field(page: pymupdf.Page, name: str, rect: tuple[float, float, float, float], value: str,
                size: float) -> None:
    w = pymupdf.Widget()
    w.field_type = pymupdf.PDF_WIDGET_TYPE_TEXT
    w.field_name = name
    w.field_value = value
    w.rect = pymupdf.Rect(rect)
    # MuPDF writes a value in Helv when it is ASCII, in its CJK font (Song, UniGB-UTF16-H, not embedded) when GB
    # encodes it, and lays out the rest (full-width brackets) in an embedded Droid Sans; a single-line field puts
    # that last kind under its bottom edge, so the fields are multi-line (top-aligned) as form designers often set
    w.text_font = "Helv"
    w.text_fontsize = size
    w.field_flags = pymupdf.PDF_TX_FIELD_IS_MULTILINE
    w.border_width = 0
    page.add_widget(w)


def _photo_button(doc: pymupdf.Document, page: pymupdf.Page, rect: tuple[float, float, float, float],
                  jpeg: bytes) -> None:
    """A push button named 照片 whose normal appearance draws ``jpeg`` over its whole rectangle (as a form
    designer's image button does)."""
    w = pymupdf.Widget()
    w.field_type = pymupdf.PDF_WIDGET_TYPE_BUTTON
    w.field_name = "照片"
    w.field_flags = pymupdf.PDF_BTN_FIELD_IS_PUSHBUTTON
    w.rect = pymupdf.Rect(rect)
    annot = page.add_widget(w)
    wx = annot.xref
    tmp = doc.new_page()                        # a page only to get the image into the file
    img = tmp.insert_image(pymupdf.Rect(0, 0, 10, 10), stream=jpeg)
    doc.delete_page(tmp.number)
    pw, ph = rect[2] - rect[0], rect[3] - rect[1]
    ap = doc.get_new_xref()
    doc.update_object(ap, f"<< /Type /XObject /Subtype /Form /BBox [0 0 {pw:.2f} {ph:.2f}] "
                          f"/Resources << /XObject << /Im0 {img} 0 R >> >> >>")
    doc.update_stream(ap, f"q {pw:.2f} 0 0 {ph:.2f} 0 0 cm /Im0 Do Q".encode())
    doc.xref_set_key(wx, "AP", f"<< /N {ap} 0 R >>")
    doc.xref_set_key(wx, "MK", f"<< /TP 1 /I {ap} 0 R >>")


def _read_back(page: pymupdf.Page, rect: tuple[float, float, float, float], value: str) -> list[float]:
    """The box of ``value`` as the flattened page shows it inside ``rect`` (fails loudly when it is not there)."""
    chars = [ch for bl in page.get_text("rawdict", clip=pymupdf.Rect(rect))["blocks"] for ln in bl.get("lines", [])
             for sp in ln["spans"] for ch in sp["chars"] if ch["c"].strip()]
    have = "".join(ch["c"] for ch in chars)
    want = "".join(value.split())
    if have != want:
        raise AssertionError(f"acroform_certificate: filled {want!r}, read back {have!r}")
    return [min(c["bbox"][0] for c in chars), min(c["bbox"][1] for c in chars),
            max(c["bbox"][2] for c in chars), max(c["bbox"][3] for c in chars)]


def build_acroform_certificate(cast: Cast, rng: random.Random) -> BuiltDoc:
    a, tg = cast.applicant, Tags(cast)
    emp = a.employer
    issuer = cast.authorities_by_name("内蒙古自治区人力资源和社会保障厅")
    font = _font(rng)
    b = DocBuilder("acroform_certificate", rng)
    s = b.new_page(cjk=font, latin=None)
    blue = (0.1, 0.2, 0.5)
    s.rect((36, 36, 559, 806), 2.5, blue)
    s.rect((44, 44, 551, 798), 0.6, blue)
    s.text(297.5, 120, "专业技术资格证书", 28, align="center", color=blue)
    s.text(297.5, 150, "Certificate of Professional and Technical Qualification", 10, align="center", color=blue)
    # the 照片 slot: a frame with its label, covered by the button's portrait
    pw, ph = PHOTO_SIZES["1inch"]
    slot = (405.0, 190.0, 405.0 + pw, 190.0 + ph)
    s.rect((slot[0] - 3, slot[1] - 3, slot[2] + 3, slot[3] + 3), 0.6, blue)
    s.text((slot[0] + slot[2]) / 2, (slot[1] + slot[3]) / 2 + 5, "照片", 12, align="center", color=(0.6, 0.6, 0.7))
    x_lab, x_val, x_end = 80.0, 170.0, 390.0
    y = 210.0
    fields: list[tuple[str, str, str, Tag | None, float]] = [
        ("姓　　名", "姓名", a.name, tg.name(a), x_end),
        ("性　　别", "性别", a.gender, None, x_end),
        ("出生年月", "出生年月", f"{a.birth.year}.{a.birth.month:02d}", None, x_end),
        ("身份证号", "身份证号", fmt_id(a.id_number, "id_plain"), tg.id("applicant", "id_plain"), x_end),
        ("工作单位", "工作单位", emp.official, tg.org(emp), 520.0),
        ("专业技术资格", "专业技术资格", a.title_applied, None, 520.0),
        ("专　　业", "专业", a.major, None, 520.0),
    ]
    placed: list[tuple[tuple[float, float, float, float], str, Tag | None]] = []
    for label, *_, end in fields:
        s.text(x_lab, y, label + "：", 12)
        s.hline(x_val, end, y + 5, 0.5, blue)
        y += 36
    y_issuer = y + 20
    s.text(x_lab, y_issuer, [("评审组织：", None), (cast.review_board, tg.org(cast.review_board))],
           s.fit_size("评审组织：" + cast.review_board, 440, 12))
    s.text(x_lab, y_issuer + 36, [("管 理 号：", None), (cast.cert_numbers[0], None)], 12)
    s.text(x_lab, y_issuer + 72, f"批准文号：内人社职字〔{YEAR - 3}〕{rng.randint(10, 99)}号", 12)
    s.text(400, 700, [("发证机关：", None), (issuer.official, tg.org(issuer))],
           s.fit_size("发证机关：" + issuer.official, 300, 12), align="center")
    s.text(400, 726, f"发证日期：{cn_date(YEAR - 3, 12, rng.randint(1, 28))}", 12, align="center")
    page = s.page
    y = 210.0
    for _, name, value, tag, end in fields:
        wide = pymupdf.get_text_length(value, "helv", 12) if value.isascii() else 12 * len(value)
        size = 12.0 if wide < end - x_val - 10 else 10.5
        rect = (x_val + 2, y - 17, end - 2, y + 5)
        _text_field(page, name, rect, value, size)
        placed.append((rect, value, tag))
        y += 36
    portrait, look = portrait_variant(rng, 200, rng.choice(["blue_bg", "white_bg", "red_bg"]))
    _photo_button(b.doc, page, slot, portrait)
    b.doc.bake()
    _reopen(b)
    page = s.page
    for rect, value, tag in placed:
        if tag is not None:
            b.add_region(1, _read_back(page, rect, value), tag, value)
    b.add_region(1, slot, T("photo", "applicant", "portrait_form_button", photo_size="1inch", look=look))
    # the issuing authority stamps after printing: partly over the holder's unit and qualification lines
    _other_seal(s, 385 + rng.uniform(-15, 15), 210 + 4 * 36 + 18 + rng.uniform(-8, 8), 112, issuer, rng,
                inner="职称专用章")
    pdf, inst = b.finish()
    return BuiltDoc("acroform_certificate", DOC_TITLES["acroform_certificate"], pdf, inst,
                    meta={"font": font_file(font)})


# ====================================================================================================
# 3. 身份证复印件: front and back on one A4, the portrait's ground as pale as the card's
# ====================================================================================================

CARD_W, CARD_H = 242.65, 153.07      # 85.6 mm x 54 mm
FRONT_GROUND = (0.925, 0.945, 0.965)


def pale_portrait(rng: random.Random, ground: tuple[float, float, float] = FRONT_GROUND) -> bytes:
    """A white-ground portrait (``styles.portrait_variant``) tinted so that its ground is the card's: the photo has
    no edge on the card, only the face and shoulders stand out."""
    data, _ = portrait_variant(rng, 200, "white_bg")
    arr = np.asarray(Image.open(io.BytesIO(data)).convert("RGB")).astype(np.float32)
    arr = arr * (np.array(ground, np.float32) * 255.0 / 250.0)      # the white ground (250) becomes the card's
    buf = io.BytesIO()
    Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8)).save(buf, "JPEG", quality=rng.randint(82, 92))
    return buf.getvalue()


def build_id_card_copy_pale(cast: Cast, rng: random.Random) -> BuiltDoc:
    a, tg = cast.applicant, Tags(cast)
    b = DocBuilder("id_card_copy_pale", rng)
    s = b.new_page(cjk="china-s", latin="helv")
    s.text(297.5, 70, "居民身份证复印件", 18, align="center")
    k = rng.uniform(1.45, 1.6)
    w, h = CARD_W * k, CARD_H * k
    x0 = (595 - w) / 2 + rng.uniform(-20, 20)
    lab = (0.25, 0.4, 0.6)

    def P(px: float, py: float, y0: float) -> tuple[float, float]:
        return x0 + px * k, y0 + py * k

    # front: pale card ground with faint guilloche lines, the portrait on the right, its ground the card's
    y0 = 100.0
    s.rect((x0, y0, x0 + w, y0 + h), 0.6, (0.7, 0.72, 0.75), fill=FRONT_GROUND)
    for i in range(6):
        yy = y0 + h * (0.2 + 0.13 * i)
        s.hline(x0 + 6, x0 + w - 6, yy, 0.3, (0.86, 0.89, 0.93))
    rows = (("姓  名", 28, [(a.name, tg.name(a))], 10), ("性  别", 46, a.gender, 8),
            ("出  生", 64, f"{a.birth.year}  年  {a.birth.month}  月  {a.birth.day}  日", 8))
    for label, py, val, sz in rows:
        s.text(*P(14, py, y0), label, 7 * k, color=lab)
        s.text(*P(44, py, y0), val, sz * k)
    s.text(*P(84, 46, y0), "民  族", 7 * k, color=lab)
    s.text(*P(110, 46, y0), "汉", 8 * k)
    s.text(*P(14, 82, y0), "住  址", 7 * k, color=lab)
    addr = f"{a.native_place}市{rng.choice(['钢铁大街', '民族东路', '少先路', '阿尔丁大街'])}{rng.randint(1, 99)}号"
    s.text(*P(44, 82, y0), addr, 7.5 * k)
    s.text(*P(44, 94, y0), f"{rng.randint(1, 30)}栋{rng.randint(1, 6)}单元{rng.randint(101, 1802)}号", 7.5 * k)
    s.text(*P(14, 132, y0), "公民身份号码", 7 * k, color=lab)
    s.text(*P(70, 132, y0), [(a.id_number, tg.id("applicant", "id_plain"))], 10 * k)
    px0, py0 = P(158, 16, y0)
    px1, py1 = P(232, 114, y0)
    s.image((px0, py0, px1, py1), pale_portrait(rng), T("photo", "applicant", "id_card_portrait", look="pale_ground"))
    # back: the national emblem (a red ring here), 中华人民共和国 居民身份证, the issuing bureau and the validity
    y0 = 100.0 + h + 46
    s.rect((x0, y0, x0 + w, y0 + h), 0.6, (0.7, 0.72, 0.75), fill=(0.95, 0.96, 0.93))
    s.page.draw_circle(P(38, 40, y0), 20 * k, color=(0.8, 0.2, 0.2), width=2)
    s.text(*P(150, 40, y0), "中华人民共和国", 12 * k, align="center")
    s.text(*P(150, 72, y0), "居 民 身 份 证", 16 * k, align="center")
    police = f"{a.native_place[3:] or '包头'}市公安局{rng.choice(['昆都仑区', '青山区', '东河区', '九原区', '新城区'])}分局"
    s.text(*P(20, 115, y0), "签发机关", 7 * k)
    s.text(*P(60, 115, y0), [(police, T("employer", "other", "issuing_authority"))], 8 * k)
    s.text(*P(20, 135, y0), "有效期限", 7 * k)
    y1 = rng.randint(2012, 2020)
    m1, d1 = rng.randint(1, 9), rng.randint(10, 28)
    s.text(*P(60, 135, y0), f"{y1}.0{m1}.{d1}-{y1 + 20}.0{m1}.{d1}", 8 * k)
    # the applicant's note and signature under the copy
    y = y0 + h + 50
    s.text(297.5, y, "此复印件与原件一致，仅供职称申报使用，再复印无效。", 12, align="center")
    y += 40
    end = _sig_slot(s, 280, y, "本人签字：", _sig_tag("applicant"), a.name, size=11, w=70, h=26,
                    color=rng.choice([INK_BLACK, INK_BLUE]))
    s.text(end + 12, y, cn_date(YEAR, rng.randint(1, 5), rng.randint(1, 28)), 11)
    pdf, inst = b.finish()
    return BuiltDoc("id_card_copy_pale", DOC_TITLES["id_card_copy_pale"], pdf, inst)


# ====================================================================================================
# 4. 劳动合同书: the parties on page 1, the signature block on page 2
# ====================================================================================================

CLAUSES_1 = [
    ("一、合同期限", "甲乙双方选择以下第一种形式确定本合同期限：无固定期限劳动合同，自{start}起履行。"),
    ("二、工作内容和工作地点", "乙方同意根据甲方工作需要，在{dept}从事{title}岗位工作。工作地点为{city}市。乙方应按照甲方的"
                      "要求，按时完成规定的工作数量，达到规定的质量标准。"),
    ("三、工作时间和休息休假", "甲方安排乙方执行标准工时制度，即每日工作不超过八小时，每周工作不超过四十小时。甲方为乙方"
                      "提供必要的劳动条件，保证乙方依法享有法定节假日、年休假、婚假、产假等假期。"),
    ("四、劳动报酬", "甲方按月以货币形式支付乙方工资，每月{pay}日前足额发放，不得克扣或者无故拖欠。乙方在试用期满后的工资"
               "按甲方工资分配制度确定，并随甲方经济效益和乙方岗位变化相应调整。"),
]
CLAUSES_2 = [
    ("五、社会保险和福利待遇", "甲乙双方按国家和地方有关规定参加社会保险，甲方为乙方办理有关社会保险手续，并承担相应社会"
                      "保险义务。乙方患病或非因工负伤的医疗待遇按国家有关规定执行。"),
    ("六、劳动保护、劳动条件和职业危害防护", "甲方按国家有关规定为乙方提供劳动安全卫生条件和必要的劳动防护用品，对乙方进行"
                             "安全生产教育和职业技能培训。"),
    ("七、劳动合同的变更、解除和终止", "经甲乙双方协商一致，可以变更本合同。本合同的解除和终止，按《中华人民共和国劳动合同法》"
                          "的有关规定执行。"),
    ("八、其他", "本合同未尽事宜，按国家和地方有关规定执行。本合同一式两份，甲乙双方各执一份，经甲乙双方签字（盖章）后生效。"),
]


def build_labor_contract(cast: Cast, rng: random.Random) -> BuiltDoc:
    a, tg = cast.applicant, Tags(cast)
    emp = a.employer
    legal = make_person(rng, emp, role="legal_representative", title="董事长" if emp.kind == "enterprise" else "院长",
                        taken=_taken(cast))
    font = _font(rng)
    b = DocBuilder("labor_contract", rng)
    s = b.new_page(cjk=font, latin=None)
    x0, width = 72.0, 451.0
    s.text(523, 60, [("编号：", None), (cast.contract_numbers[1], tg.id("other", "decoy_invalid_checksum",
                                                                        role="contract_number"))], 10, align="right")
    s.text(297.5, 120, "劳 动 合 同 书", 26, align="center")
    y = 175.0
    size = 12.0
    phone_form = rng.choice(["phone_plain", "phone_dashed"])
    parties: list[list[tuple[str, Tag | None]]] = [
        [("甲方（用人单位）：", None), (emp.official, tg.org(emp))],
        [("法定代表人（主要负责人）：", None), (legal.name, tg.name(legal))],
        [("住　　所：", None), (emp.address or f"内蒙古{emp.city}市", None)],
        [("乙方（劳动者）：", None), (a.name, tg.name(a))],
        [(f"性　　别：{a.gender}　　　出生日期：{a.birth.year}年{a.birth.month}月{a.birth.day}日", None)],
        [("居民身份证号码：", None), (fmt_id(a.id_number, "id_plain"), tg.id("applicant", "id_plain"))],
        [("联系电话：", None), (fmt_mobile(a.mobile, phone_form), tg.phone("applicant", phone_form))],
        [("户籍地址：", None), (f"{a.native_place}市", None)],
    ]
    for i, line in enumerate(parties):
        s.text(x0, y, line, s.fit_size(line, width, size))
        y += 26 if i != 2 else 40
    y += 8
    y = s.paragraph(x0, y, width, "根据《中华人民共和国劳动法》《中华人民共和国劳动合同法》等法律法规的规定，甲乙双方遵循合法、"
                    "公平、平等自愿、协商一致、诚实信用的原则，签订本合同，共同遵守本合同所列条款。", size, leading=1.8)[0] + 6
    start = f"{YEAR - 3}年{rng.randint(1, 12)}月1日"
    fill = {"start": start, "dept": a.department[0] or "技术部", "title": a.title or "专业技术", "city": emp.city,
            "pay": rng.choice([10, 15, 20])}
    for head, body in CLAUSES_1:
        s.text(x0, y, head, 12.5)
        y = s.paragraph(x0, y + 22, width, body.format(**fill), size, leading=1.8)[0] + 6
    s.text(297.5, 812, "第 1 页 共 2 页", 9, align="center")
    # -- page 2: the remaining clauses and the signature block --
    s = b.new_page(cjk=font, latin=None)
    y = 80.0
    for head, body in CLAUSES_2:
        s.text(x0, y, head, 12.5)
        y = s.paragraph(x0, y + 22, width, body, size, leading=1.8)[0] + 6
    y += 50
    s.text(x0, y, "甲方（盖章）", 12)
    s.text(320, y, "乙方（签字）：", 12)
    # the applicant signs beside 乙方（签字）
    s.signature_image((406, y - 24, 496, y + 8), _sig_tag("applicant"), max(2, len(a.name)), signer=a.name,
                      color=rng.choice([INK_BLACK, INK_BLUE]), background=rng.random() < 0.3)
    y2 = y + 70
    end = s.text(x0, y2, "法定代表人（签字）：", 12)
    s.signature_image((end + 4, y2 - 24, end + 90, y2 + 8), _sig_tag("other", "legal_representative"),
                      max(2, len(legal.name)), signer=legal.name, color=INK_BLACK, background=rng.random() < 0.3)
    date = cn_date(YEAR - 3, rng.randint(1, 12), rng.randint(1, 28))
    s.text(x0, y2 + 50, date, 12)
    s.text(320, y2 + 50, date, 12)
    # the employer's seal over 甲方（盖章） and the space under it
    _employer_seal(s, x0 + 70 + rng.uniform(-10, 15), y + 20 + rng.uniform(-8, 8), 110, emp, rng)
    s.text(297.5, 812, "第 2 页 共 2 页", 9, align="center")
    pdf, inst = b.finish()
    return BuiltDoc("labor_contract", DOC_TITLES["labor_contract"], pdf, inst, meta={"font": font_file(font)})


# ====================================================================================================
# 5. 会员证书 / 继续教育证书: the issuer's seal over the holder's NAME line, the unit two lines below
# ====================================================================================================

SOCIETIES = {
    "enterprise": "内蒙古自治区金属学会", "university": "内蒙古自治区机械工程学会", "hospital": "内蒙古自治区医学会",
    "institute": "内蒙古自治区农学会", "school": "内蒙古自治区教育学会",
}


def build_cert_stamped_over_holder(cast: Cast, rng: random.Random) -> BuiltDoc:
    a, tg = cast.applicant, Tags(cast)
    emp = a.employer
    membership = rng.random() < 0.5
    font = _font(rng)
    b = DocBuilder("cert_stamped_over_holder", rng)
    s = b.new_page(842.0, 595.0, cjk=font, latin=None)
    frame = (0.6, 0.45, 0.15) if membership else (0.15, 0.35, 0.55)
    s.rect((28, 28, 814, 567), 3, frame)
    s.rect((38, 38, 804, 557), 0.8, frame)
    if membership:
        issuer: Org | str = SOCIETIES[emp.kind]
        s.text(421, 105, "会 员 证 书", 30, align="center", color=frame)
        x = 330.0
        _photo(s, (90.0, 150.0, 240.0, 320.0), "1inch", rng, T("photo", "applicant", "portrait_in_cell"))
    else:
        issuer = cast.authorities_by_name("包头市继续教育中心")
        s.text(421, 105, "专业技术人员继续教育证书", 28, align="center", color=frame)
        x = 180.0
    issuer_name = issuer if isinstance(issuer, str) else issuer.official
    y = 180.0
    name_y = y
    rows: list[list[tuple[str, Tag | None]]] = [
        [("姓　　名：", None), (a.name, tg.name(a))],
        [(f"性　　别：{a.gender}　　　出生年月：{a.birth.year}年{a.birth.month}月", None)],
        [("工作单位：", None), (emp.official, tg.org(emp))],
        [("证书编号：", None), (cast.cert_numbers[1], None)],
    ]
    if membership:
        rows.insert(3, [(f"会员类别：个人会员　　　入会时间：{YEAR - rng.randint(2, 8)}年", None)])
    else:
        rows.insert(3, [(f"学习内容：{a.major}专业科目　　　学时：{rng.choice([72, 90, 96])}学时", None)])
    for r in rows:
        s.text(x, y, r, s.fit_size(r, 760 - x, 15))
        y += 40
    body = (f"经审核，该同志符合{issuer_name}章程规定的会员条件，准予入会。" if membership else
            f"该同志于{YEAR - 1}年度完成专业技术人员继续教育规定学时，经考核合格，特发此证。")
    s.paragraph(x, y + 6, 760 - x, [(body, None)], 13, leading=1.8, indent=2)
    s.text(640, 480, [(issuer_name, tg.org(issuer_name))], s.fit_size(issuer_name, 280, 13), align="center")
    s.text(640, 506, cn_date(YEAR - 1, rng.randint(1, 12), rng.randint(1, 28)), 12, align="center")
    # the issuer stamps over the holder's NAME line (the seal stays, the name under it goes)
    name_x = x + s.width_of("姓　　名：", 15)
    _other_seal(s, name_x + rng.uniform(10, 40), name_y - 6 + rng.uniform(-5, 5), 96, issuer, rng,
                "seal_society" if membership else "seal_authority")
    pdf, inst = b.finish()
    return BuiltDoc("cert_stamped_over_holder", DOC_TITLES["cert_stamped_over_holder"], pdf, inst,
                    meta={"font": font_file(font)})


# ====================================================================================================
# 6. 评审表, its last page: the applicant's unit's opinion and seal beside other bodies' (class 4)
# ====================================================================================================

# the office that handles 职称 at each kind of employer (printed in the unit's cell, now and then the seal's inner text)
HR_OFFICE = {"enterprise": "人力资源部", "university": "人事处", "hospital": "人事科", "institute": "人事处",
             "school": "办公室"}
SUPERVISORS = ("包头市人力资源和社会保障局", "内蒙古自治区科学技术厅", "包头市人民政府")


def _stamp(s: Sheet, cx: float, cy: float, d: float, official: str, tag: Tag, rng: random.Random,
           inner: str = "", round_red: bool = False) -> Instance:
    """A seal of ``official`` centred at (cx, cy), ring ``d`` wide (an oval one wider); ``round_red``: a round seal
    in red ink at full strength (the form a unit's seal on a 评审表 takes)."""
    style = random_seal_style(rng)
    if round_red:
        style = dataclasses.replace(style, shape="round", ink="red", strength=rng.uniform(0.8, 1.0), partial=0.0)
    return s.seal_styled(cx, cy, d * (1.25 if style.shape == "oval" else 1.0), official, tag, style, inner=inner)


def _lookalike(cast: Cast, rng: random.Random) -> Org:
    """An organisation whose name shares words with the employer's (the city, 集团, 有限责任公司, a prefix): a
    partner or a prefix-sharing body (kept)."""
    emp = cast.applicant.employer
    pool = [*PARTNER_ORGS.get(emp.official, []), *DECOY_ORGS.get(emp.official, [])]
    return rng.choice(pool) if pool else OTHER_ORGS[0]


def build_pingshen_opinions(cast: Cast, rng: random.Random) -> BuiltDoc:
    a, tg = cast.applicant, Tags(cast)
    emp = a.employer
    partner = _lookalike(cast, rng)
    supervisor = cast.authorities_by_name(rng.choice(SUPERVISORS))
    office = HR_OFFICE.get(emp.kind, "人事处")
    taken = _taken(cast)
    head = make_person(rng, emp, role="unit_head", title="总经理" if emp.kind == "enterprise" else "院长", taken=taken)
    chair = make_person(rng, rng.choice(OTHER_ORGS), role="board_chair", title="教授", taken=taken)
    title_cn = TOPICS[emp.kind][0]
    font = _font(rng)
    b = DocBuilder("pingshen_opinions", rng)
    s = b.new_page(cjk=font, latin=None)
    s.text(297.5, 58, "专业技术职务任职资格评审表", 17, align="center")
    s.text(545, 80, "第 4 页", 9, align="right")
    lx, rx, xr = 50.0, 112.0, 545.0
    px, pw = rx + 10, xr - rx - 20                   # the cells' text column
    # -- 单位推荐意见: the applicant's unit; its seal goes --
    y = 90.0
    body: list[tuple[str, Tag | None]] = [
        (a.name, tg.name(a)), (f"同志于{a.work_start.year}年参加工作，现在", None), (emp.short, tg.org(emp.short)),
        (f"{a.department[0] or office}从事{a.major}工作，任{a.title or '专业技术'}。该同志政治立场坚定，业务基础扎实，"
         f"主持完成的“{title_cn}”项目与", None), (partner.official, tg.org(partner)),
        ("合作实施，成果已在生产中推广应用。经", None), (emp.short, tg.org(emp.short)),
        (f"职称推荐委员会评议，并在本单位公示五个工作日无异议，同意推荐其申报{a.title_applied}任职资格。", None)]
    yb = s.paragraph(px, y + 26, pw, body, 10.5, leading=1.85)[0]
    # the unit's office and its head at the bottom left; （单位盖章） and the date at the bottom right
    label_y = yb + 14
    date_y = label_y + 28
    h = date_y + 22 - y
    s.label_cell((lx, y, rx, y + h), ["单位", "推荐", "意见"])
    s.rect((rx, y, xr, y + h))
    s.text(px, label_y, f"经办部门：{office}", 10.5)
    end = s.text(px, date_y, "单位负责人（签字）：", 10.5)
    s.signature_image((end + 4, date_y - 22, end + 84, date_y + 6), _sig_tag("other", "unit_head"),
                      max(2, len(head.name)), signer=head.name, color=rng.choice([INK_BLACK, INK_BLUE]),
                      background=rng.random() < 0.3)
    s.text(430, label_y, "（单位盖章）", 10.5, align="center")
    s.text(430, date_y, cn_date(YEAR, 6, rng.randint(10, 28)), 10.5, align="center")
    # the seal over （单位盖章）, the date and the paragraph's last lines (the partner's and the unit's names); now and
    # then its inner text is the office the cell prints (经办部门)
    inner = office if rng.random() < 0.5 else emp.seal_inner
    _stamp(s, 430 + rng.uniform(-18, 18), label_y - 2 + rng.uniform(-6, 6), 110, emp.official,
           T("seal", "applicant", "seal_employer", cell="unit_opinion"), rng, inner=inner, round_red=True)
    # -- 主管部门意见: another body's; its seal stays --
    y += h
    h = 180.0
    s.label_cell((lx, y, rx, y + h), ["主管", "部门", "意见"])
    s.rect((rx, y, xr, y + h))
    s.paragraph(px, y + 26, pw, f"经审核，该同志申报材料真实齐全，符合申报{a.title_applied}任职资格条件，同意推荐上报。", 10.5,
                leading=1.85)
    s.text(430, y + h - 78, [(supervisor.official, tg.org(supervisor))], s.fit_size(supervisor.official, 220, 10.5),
           align="center")
    s.text(430, y + h - 50, "（主管部门盖章）", 10.5, align="center")
    s.text(430, y + h - 22, cn_date(YEAR, 7, rng.randint(1, 28)), 10.5, align="center")
    _stamp(s, 430 + rng.uniform(-15, 15), y + h - 62 + rng.uniform(-6, 6), 104, supervisor.official,
           T("seal", "other", "seal_authority", cell="supervisor_opinion"), rng, inner=supervisor.seal_inner)
    # -- 评审委员会意见: the review board's; its seal and its chair's signature stay --
    y += h
    h = 250.0
    s.label_cell((lx, y, rx, y + h), ["评审", "委员会", "意见"])
    s.rect((rx, y, xr, y + h))
    n = rng.choice([21, 23, 25])
    came = n - rng.randint(0, 3)
    yes = came - rng.randint(0, 3)
    no = rng.randint(0, came - yes)
    s.paragraph(px, y + 26, pw, [
        ("经", None), (cast.review_board, tg.org(cast.review_board)),
        (f"{YEAR}年{rng.randint(8, 10)}月评审，应到评委{n}人，实到{came}人。表决结果：同意{yes}票，不同意{no}票，"
         f"弃权{came - yes - no}票。", None)], 10.5, leading=1.85)
    s.text(px, y + 120, f"评审结论：通过，具备{a.title_applied}任职资格。", 10.5)
    low = y + h - 22
    end = s.text(px, low, "主任委员（签字）：", 10.5)
    s.signature_image((end + 4, low - 22, end + 84, low + 6), _sig_tag("other", "board_chair"),
                      max(2, len(chair.name)), signer=chair.name, color=rng.choice([INK_BLACK, INK_BLUE]))
    s.text(430, low - 28, "（评审委员会盖章）", 10.5, align="center")
    s.text(430, low, cn_date(YEAR, rng.randint(10, 11), rng.randint(1, 28)), 10.5, align="center")
    _stamp(s, 430 + rng.uniform(-15, 15), low - 34 + rng.uniform(-6, 6), 108, cast.review_board,
           T("seal", "other", "seal_review_board", cell="review_board_opinion"), rng)
    pdf, inst = b.finish()
    return BuiltDoc("pingshen_opinions", DOC_TITLES["pingshen_opinions"], pdf, inst, meta={"font": font_file(font)})


# ====================================================================================================
# 7. 毕业证书 and 学位证书: two to a sheet, or one turned a quarter on the page (class 6)
# ====================================================================================================

CERT_W, CERT_H = 480.0, 340.0        # a certificate's design units (landscape)
DISCIPLINE = {"enterprise": "工学", "university": "工学", "hospital": "医学", "institute": "农学", "school": "理学"}
YEARS = {"大学本科": 4, "硕士研究生": 3, "博士研究生": 4}


class _Holder:
    """What both certificates of one holder share: the school, its president, the portrait, the dates."""

    def __init__(self, cast: Cast, rng: random.Random) -> None:
        a = cast.applicant
        self.school = _org_named(a.education[1])
        self.president = make_person(rng, self.school, role="president", title="校长", taken=_taken(cast))
        self.level = a.education[0] or "大学本科"
        self.grad = a.work_start.year
        self.start = self.grad - YEARS.get(self.level, 4)
        self.day = rng.randint(20, 30)
        self.portrait, self.look = portrait_variant(rng, 200, rng.choice(["blue_bg", "white_bg", "red_bg", "plain"]))
        self.numbers = {k: f"{rng.randint(10000, 14999)}{self.grad}{rng.randrange(10**7):07d}" for k in ("毕业证书", "学位证书")}


def _certificate(s: Sheet, kind: str, x0: float, y0: float, k: float, cast: Cast, hd: _Holder,
                 rng: random.Random) -> None:
    """A landscape 毕业证书 or 学位证书 of ``CERT_W`` x ``CERT_H`` units drawn at (x0, y0), ``k`` points a unit."""
    a, tg = cast.applicant, Tags(cast)

    def P(ux: float, uy: float) -> tuple[float, float]:
        return x0 + ux * k, y0 + uy * k

    frame = (0.55, 0.12, 0.1) if kind == "毕业证书" else (0.45, 0.3, 0.1)
    s.rect((*P(0, 0), *P(CERT_W, CERT_H)), 2.2 * k, frame, fill=(0.99, 0.97, 0.93))
    s.rect((*P(9, 9), *P(CERT_W - 9, CERT_H - 9)), 0.7 * k, frame)
    s.text(*P(CERT_W / 2, 50), " ".join(kind), 22 * k, align="center", color=frame)
    # the holder's photo, top left (goes whole)
    ph = (*P(30, 78), *P(102, 178))
    s.rect((ph[0] - 1.5 * k, ph[1] - 1.5 * k, ph[2] + 1.5 * k, ph[3] + 1.5 * k), 0.5 * k, (0.6, 0.6, 0.6))
    s.image(ph, hd.portrait, T("photo", "applicant", "diploma_portrait", certificate=kind, look=hd.look,
                                 photo_size="diploma"))
    x, w = P(124, 0)[0], (CERT_W - 124 - 30) * k
    born = f"{a.birth.year}年{a.birth.month}月{a.birth.day}日生"
    if kind == "毕业证书":
        study = "本科" if hd.level == "大学本科" else hd.level
        body: list[tuple[str, Tag | None]] = [
            ("学生", None), (a.name, tg.name(a)),
            (f"，性别{a.gender}，{born}，于{hd.start}年9月至{hd.grad}年7月在本校{a.major}专业{YEARS.get(hd.level, 4)}"
             f"年制{study}学习，修完教学计划规定的全部课程，成绩合格，准予毕业。", None)]
    else:
        body = [(a.name, tg.name(a)),
                (f"，{a.gender}，{born}。在", None), (hd.school.official, tg.org(hd.school)),
                (f"{a.major}专业完成了{hd.level}的学习计划，业已通过论文答辩，成绩合格。根据《中华人民共和国学位条例》"
                 f"的规定，授予{DISCIPLINE.get(a.employer.kind, '工学')}{_degree(hd.level)}学位。", None)]
    yy = s.paragraph(x, P(0, 92)[1], w, body, 10.5 * k, leading=1.9, indent=2)[0]
    s.text(x, yy + 4 * k, [("身份证号：", None), (fmt_id(a.id_number, "id_plain"), tg.id("applicant", "id_plain"))],
           10 * k)
    s.text(*P(30, 300), f"证书编号：{hd.numbers[kind]}", 8 * k)
    # the university's name, its president and the date at the bottom right; its seal over them (all stay)
    cx = 350.0
    if kind == "毕业证书":
        s.text(*P(cx, 246), [("校　　名：", None), (hd.school.official, tg.org(hd.school))],
               s.fit_size("校　　名：" + hd.school.official, 200 * k, 10.5 * k), align="center")
        s.text(*P(cx, 270), [("校（院）长：", None), (hd.president.name, tg.name(hd.president))], 10.5 * k,
               align="center")
    else:
        s.text(*P(cx, 246), [(hd.school.official, tg.org(hd.school))],
               s.fit_size(hd.school.official, 200 * k, 10.5 * k), align="center")
        end = s.text(*P(cx - 70, 272), "学位评定委员会主席：", 9.5 * k)
        s.signature_image((end + 3 * k, P(0, 254)[1], end + 66 * k, P(0, 278)[1]), _sig_tag("other", "president"),
                          max(2, len(hd.president.name)), signer=hd.president.name, color=INK_BLACK)
    s.text(*P(cx, 296), cn_date(hd.grad, 7 if kind == "毕业证书" else 6, hd.day), 10.5 * k, align="center")
    _other_seal(s, *P(cx + rng.uniform(-20, 20), 262 + rng.uniform(-8, 8)), 92 * k, hd.school, rng,
                "seal_university")


def build_diploma_pair(cast: Cast, rng: random.Random) -> BuiltDoc:
    hd = _Holder(cast, rng)
    font = _font(rng)
    b = DocBuilder("diploma_pair", rng)
    stacked = rng.random() < 0.65
    if stacked:             # one above the other on A4 portrait
        s = b.new_page(595.0, 842.0, cjk=font, latin=None)
        k = 515.0 / CERT_W
        spots = [(40.0 + rng.uniform(-6, 6), 40.0 + rng.uniform(-4, 4)),
                 (40.0 + rng.uniform(-6, 6), 40.0 + CERT_H * k + 30 + rng.uniform(-4, 4))]
    else:                   # side by side on A4 landscape
        s = b.new_page(842.0, 595.0, cjk=font, latin=None)
        k = 395.0 / CERT_W
        spots = [(20.0 + rng.uniform(0, 6), 150.0 + rng.uniform(-20, 20)),
                 (427.0 + rng.uniform(0, 6), 150.0 + rng.uniform(-20, 20))]
    for kind, (x0, y0) in zip(("毕业证书", "学位证书"), spots):
        _certificate(s, kind, x0, y0, k, cast, hd, rng)
    pdf, inst = b.finish()
    return BuiltDoc("diploma_pair", DOC_TITLES["diploma_pair"], pdf, inst,
                    meta={"font": font_file(font), "layout": "stacked" if stacked else "side_by_side"})


def turn_onto_portrait(pdf: bytes, instances: list[Instance], quarter: int) -> tuple[bytes, list[Instance]]:
    """A landscape one-page document laid a quarter turn onto an A4 portrait page (``quarter`` 1: counter-clockwise,
    3: clockwise), its truth moved with it (the page's content is turned; the page has no /Rotate)."""
    src = pymupdf.open("pdf", pdf)
    w, h = src[0].rect.width, src[0].rect.height
    out = pymupdf.open()
    page = out.new_page(width=h, height=w)
    page.show_pdf_page(page.rect, src, 0, rotate=90 if quarter == 1 else -90)
    H = quarter_turn(quarter, w, h)
    moved = [dataclasses.replace(i, bbox=transform_bbox(i.bbox, H), extra=dict(i.extra)) for i in instances]
    out.set_metadata(src.metadata)
    return out.tobytes(garbage=3, deflate=True, no_new_id=True), moved


def build_diploma_turned(cast: Cast, rng: random.Random) -> BuiltDoc:
    hd = _Holder(cast, rng)
    font = _font(rng)
    b = DocBuilder("diploma_turned", rng)
    s = b.new_page(842.0, 595.0, cjk=font, latin=None)
    kind = rng.choice(["毕业证书", "学位证书"])
    k = 780.0 / CERT_W
    _certificate(s, kind, 31.0 + rng.uniform(-8, 8), (595.0 - CERT_H * k) / 2 + rng.uniform(-6, 6), k, cast, hd, rng)
    pdf, inst = b.finish()
    quarter = rng.choice([1, 3])
    pdf, inst = turn_onto_portrait(pdf, inst, quarter)
    return BuiltDoc("diploma_turned", DOC_TITLES["diploma_turned"], pdf, inst,
                    meta={"font": font_file(font), "certificate": kind, "quarter_turns": quarter})


BUILDERS: dict[str, Callable[[Cast, random.Random], BuiltDoc]] = {
    "thesis_declaration": build_thesis_declaration,
    "acroform_certificate": build_acroform_certificate,
    "id_card_copy_pale": build_id_card_copy_pale,
    "labor_contract": build_labor_contract,
    "cert_stamped_over_holder": build_cert_stamped_over_holder,
    "pingshen_opinions": build_pingshen_opinions,
    "diploma_pair": build_diploma_pair,
    "diploma_turned": build_diploma_turned,
}
DOC_TITLES = {
    "thesis_declaration": "学位论文封面及原创性声明（xelatex，页面尺寸继承自页树）",
    "acroform_certificate": "专业技术资格证书（表单域填写后扁平化）",
    "id_card_copy_pale": "身份证复印件（正反面同页，浅底证件照）",
    "labor_contract": "劳动合同书（双方在第一页，签字盖章在第二页）",
    "cert_stamped_over_holder": "会员证书/继续教育证书（印章压在姓名行上）",
    "pingshen_opinions": "专业技术职务任职资格评审表末页（单位推荐意见、主管部门意见、评审委员会意见各自盖章）",
    "diploma_pair": "毕业证书与学位证书（同页复印，各有证件照）",
    "diploma_turned": "毕业证书/学位证书（横版证书侧转置于A4纵向页）",
}
