"""Second and third layouts of the dossier's material types, drawn with PyMuPDF.

The classic builders (``documents.py``) give every material one look; these give
the same materials the looks applicants really upload: 姓名 in a header table,
label-above-value cells, label-left / value-right key tables, photos of other
sizes inside table cells, signatures pasted as images next to 申请人签名 and other
people's signatures next to 审核人 / 负责人 / 推荐人, papers with two-column author
blocks, affiliations that wrap the employer's name over two lines and co-author
bios with their own portraits, certificates in portrait and landscape, ID-card
copies drawn as cards (to be scanned or photographed), installed CJK fonts, and
seals of other designs and inks (``styles.SealStyle``).  Every applicant value and
every decoy is tagged as in ``documents.py``; boxes are read back from the page.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Callable

from .documents import (
    ABSTRACT_CN, CARD_H, CARD_W, FILLER, TOPICS, YEAR, BuiltDoc, Tags, cn_date, fmt_id, fmt_landline, fmt_mobile,
)
from .draw import FONT_EMB, FONT_REF, FORM_BLUE, DocBuilder, Sheet, T, Tag, register_font
from .people import PARTNER_ORGS, Cast, Org, Person
from .styles import PHOTO_SIZES, SealStyle, pick_font, portrait_variant, random_seal_style

INK_BLUE = (0.1, 0.15, 0.55)
INK_BLACK = (0.08, 0.08, 0.12)


def _font(rng: random.Random) -> str:
    """An installed CJK font for the page's text (Droid when none is installed)."""
    f = pick_font(rng)
    return register_font(f[0]) if f else FONT_EMB


def font_file(font: str) -> str:
    """The file name of the font a page was drawn in (recorded in the truth's render parameters)."""
    from .draw import CUSTOM_FONTS
    return Path(CUSTOM_FONTS[font]).name if font in CUSTOM_FONTS else "DroidSansFallback (PyMuPDF)"


def _sig_tag(owner: str, role: str = "") -> Tag:
    if owner == "applicant":
        return T("signature", "applicant", "signature_image")
    return T("signature", "other", "signature_image", role=role)


def _employer_seal(s: Sheet, cx: float, cy: float, d: float, emp: Org, rng: random.Random,
                   style: SealStyle | None = None) -> None:
    style = style or random_seal_style(rng)
    s.seal_styled(cx, cy, d * (1.25 if style.shape == "oval" else 1.0), emp.official,
                  T("seal", "applicant", "seal_employer"), style, inner=emp.seal_inner)


def _other_seal(s: Sheet, cx: float, cy: float, d: float, org: Org | str, rng: random.Random, form: str = "seal_authority",
                inner: str = "") -> None:
    official = org if isinstance(org, str) else org.official
    style = random_seal_style(rng)
    s.seal_styled(cx, cy, d * (1.25 if style.shape == "oval" else 1.0), official, T("seal", "other", form), style,
                  inner=inner or ("" if isinstance(org, str) else org.seal_inner))


def _photo(s: Sheet, cell: tuple[float, float, float, float], size: str, rng: random.Random, tag: Tag,
           valign: str = "center") -> None:
    """A portrait of ID size ``size`` centred (or top-aligned) in ``cell``."""
    pw, ph = PHOTO_SIZES[size]
    k = min(1.0, (cell[2] - cell[0] - 4) / pw, (cell[3] - cell[1] - 4) / ph)
    pw, ph = pw * k, ph * k
    x0 = (cell[0] + cell[2] - pw) / 2
    y0 = (cell[1] + cell[3] - ph) / 2 if valign == "center" else cell[1] + 3
    data, look = portrait_variant(rng, 200 if size != "thumb" else 150)
    extra = dict(tag.extra)
    extra["photo_size"] = size
    extra["look"] = look
    s.image((x0, y0, x0 + pw, y0 + ph), data, T(tag.category, tag.owner, tag.form, **extra))


# ====================================================================================================
# 评审表, layout B: 姓名 in a header table, label-above-value cells, 1-inch photo in the top-right cell
# ====================================================================================================

def build_pingshen_biao_b(cast: Cast, rng: random.Random) -> BuiltDoc:
    a, tg = cast.applicant, Tags(cast)
    emp = a.employer
    font = _font(rng)
    b = DocBuilder("pingshen_biao_b", rng)
    s = b.new_page(cjk=font, latin=None)
    series = TOPICS[emp.kind][4]
    s.text(297.5, 58, f"{YEAR}年度{series}系列高级职称申报评审表", 17, align="center")
    s.text(545, 80, [("申报编号：", None), (a.application_no, None)], 8.5, align="right")
    # header table: 姓名 | value | 性别 | value | 出生年月 | value | photo (3 rows)
    x, y = 50.0, 90.0
    hr = 40.0
    cols = [50, 95, 185, 225, 275, 335, 420]
    photo_cell = (420.0, y, 545.0, y + 3 * hr)
    s.rect(photo_cell)
    _photo(s, photo_cell, rng.choice(["1inch", "small2inch"]), rng, T("photo", "applicant", "portrait_in_cell"))

    def above(r: tuple[float, float, float, float], label: str, parts, size: float = 10.5) -> None:
        """A label-above-value cell: small grey label at the top left, the value below."""
        s.rect(r)
        s.text(r[0] + 3, r[1] + 9, label, 6.5, color=(0.35, 0.35, 0.35))
        sz = s.fit_size(parts, r[2] - r[0] - 8, size)
        s.text(r[0] + 4, r[3] - 8, parts, sz)

    s.cell((cols[0], y, cols[1], y + hr), "姓名", 10.5)
    s.cell((cols[1], y, cols[2], y + hr), [(a.name, tg.name(a))], 13)
    s.cell((cols[2], y, cols[3], y + hr), "性别", 10.5)
    s.cell((cols[3], y, cols[4], y + hr), a.gender, 10.5)
    s.cell((cols[4], y, cols[5], y + hr), "出生年月", 9.5)
    s.cell((cols[5], y, cols[6], y + hr), a.birth_ym, 10.5)
    y += hr
    above((cols[0], y, cols[4], y + hr), "公民身份号码", [(a.id_number, tg.id("applicant", "id_plain"))], 11)
    phone_form = rng.choice(["phone_plain", "phone_dashed", "phone_spaced"])
    above((cols[4], y, cols[6], y + hr), "手机", [(fmt_mobile(a.mobile, phone_form), tg.phone("applicant", phone_form))], 10.5)
    y += hr
    above((cols[0], y, cols[6], y + hr), "工作单位（全称）", [(emp.official, tg.org(emp)), ("  " + a.department[0], None)], 11)
    y += hr
    above((50, y, 300, y + hr), "电子邮箱", [(a.email, tg.email("applicant"))], 10)
    above((300, y, 545, y + hr), "现专业技术职务 / 取得时间", f"{a.title}  {a.work_start.year + 7}.12", 10)
    y += hr
    above((50, y, 300, y + hr), "申报专业", a.major, 10.5)
    above((300, y, 545, y + hr), "申报资格", a.title_applied, 10.5)
    y += hr + 18
    # 工作经历 as a table with the employer in a narrow cell (wraps in two lines)
    s.text(50, y, "主要工作经历", 12)
    y += 8
    hc = [50, 150, 300, 430, 545]
    for i, hd in enumerate(["起止时间", "工作单位", "部门", "职务"]):
        s.cell((hc[i], y, hc[i + 1], y + 24), hd, 10)
    ws = a.work_start.year
    rows = [
        (f"{ws}.07—{ws + 7}.12", emp, a.department[0], "技术员"),
        (f"{ws + 7}.12—至今", emp, a.department[0], a.title),
    ]
    for span, org, dept, title in rows:
        y += 24
        h = 38.0
        s.cell((hc[0], y, hc[1], y + h), span, 9.5)
        s.rect((hc[1], y, hc[2], y + h))
        # the official name broken over two lines of a narrow cell
        name = org.official
        cut = max(2, min(len(name) - 2, len(name) // 2 + rng.randint(-1, 1)))
        g = b.next_group()
        for k, piece in enumerate((name[:cut], name[cut:])):
            s._pend(piece, T("employer", "applicant", "employer_official"), hc[1] + 5,
                    s.text(hc[1] + 5, y + 15 + k * 14, piece, 9.5), y + 15 + k * 14, 9.5, group=g, form="split_employer")
        s.cell((hc[2], y, hc[3], y + h), dept, 9.5)
        s.cell((hc[3], y, hc[4], y + h), title, 9.5)
        y += h - 24
    y += 24 + 22
    # recommenders with their signatures (images) in the table
    s.text(50, y, "推荐人", 12)
    y += 8
    rc = [50, 120, 250, 360, 545]
    for i, hd in enumerate(["姓名", "工作单位", "联系电话", "推荐人签名"]):
        s.cell((rc[i], y, rc[i + 1], y + 24), hd, 10)
    for r in cast.recommenders:
        y += 24
        h = 34.0
        s.cell((rc[0], y, rc[1], y + h), [(r.name, tg.name(r))], 10)
        s.cell((rc[1], y, rc[2], y + h), [(r.employer.official, tg.org(r.employer))], 9)
        s.cell((rc[2], y, rc[3], y + h), [(r.mobile, tg.phone("other", "phone_plain", role="recommender"))], 10)
        s.rect((rc[3], y, rc[4], y + h))
        s.signature_image((rc[3] + 20, y + 4, rc[3] + 110, y + h - 4), _sig_tag("other", "recommender"),
                          len(r.name), signer=r.name, color=INK_BLACK, background=rng.random() < 0.5)
        y += h - 24
    s.text(297.5, 812, [("政策咨询：", None), ("12333", tg.phone("other", "hotline", role="hotline"))], 9, align="center")

    # -- page 2: commitments and opinions as table rows with signature cells --
    s = b.new_page(cjk=font, latin=None)
    y = 60.0
    lc = [50, 130, 545]
    rows2 = [
        ("申报人\n承诺", "本人承诺所提交的材料真实有效，如有不实，愿承担相应责任。", "申请人签名", "applicant", a, None),
        ("所在部门\n意见", "该同志工作认真，业绩突出，同意推荐。", "负责人", "other", cast.colleagues[-1], "supervisor"),
        ("单位人事\n部门意见", "经审核，材料齐全，符合申报条件。", "审核人", "other", cast.reviewer, "reviewer"),
    ]
    for label, text, sig_label, owner, person, role in rows2:
        h = 120.0
        s.label_cell((lc[0], y, lc[1], y + h), label.split("\n"))
        s.rect((lc[1], y, lc[2], y + h))
        s.paragraph(lc[1] + 10, y + 24, 400, text, 10.5)
        # a small table at the bottom right: label cell | signature image cell | date cell
        sy = y + h - 40
        s.cell((300, sy, 370, sy + 32), sig_label, 9.5)
        s.rect((370, sy, 470, sy + 32))
        s.signature_image((378, sy + 3, 462, sy + 29), _sig_tag(owner, role or ""), len(person.name),
                          signer=person.name, color=INK_BLUE if rng.random() < 0.5 else INK_BLACK,
                          background=rng.random() < 0.4)
        s.cell((470, sy, 545, sy + 32), f"{YEAR}.6.{rng.randint(1, 28)}", 9)
        y += h
    # the employer's seal over its name and the date (overlapping text)
    h = 110.0
    s.label_cell((lc[0], y, lc[1], y + h), ["单位", "意见"])
    s.rect((lc[1], y, lc[2], y + h))
    s.text(140, y + 26, "同意推荐。", 10.5)
    s.text(330, y + 66, [(emp.official, tg.org(emp))], 10.5)
    s.text(360, y + 88, cn_date(YEAR, 6, rng.randint(10, 28)), 10.5)
    _employer_seal(s, 410 + rng.uniform(-20, 20), y + 62 + rng.uniform(-8, 8), 100, emp, rng)
    y += h
    h = 120.0
    s.label_cell((lc[0], y, lc[1], y + h), ["评审委员会", "意见"])
    s.rect((lc[1], y, lc[2], y + h))
    s.text(330, y + 80, [(cast.review_board, tg.org(cast.review_board))], 10)
    _other_seal(s, 400, y + 66, 96, cast.review_board, rng, "seal_review_board")
    pdf, inst = b.finish()
    return BuiltDoc("pingshen_biao_b", "专业技术职称评审表（表格式）", pdf, inst, meta={"font": font_file(font)})


# ====================================================================================================
# 送审表, layout C: label-left / value-right key table, 2-inch photo spanning rows on the right
# ====================================================================================================

def build_songshen_biao_c(cast: Cast, rng: random.Random) -> BuiltDoc:
    a, tg = cast.applicant, Tags(cast)
    emp = a.employer
    font = _font(rng)
    b = DocBuilder("songshen_biao_c", rng)
    s = b.new_page(cjk=font, latin=None)
    s.text(297.5, 64, "专业技术资格评审送审登记表", 18, align="center")
    s.text(50, 90, [("档案编号：", None), (cast.contract_numbers[0], tg.id("other", "decoy_invalid_checksum", role="archive_number"))],
           9.5)
    y, rh = 100.0, 28.0
    lx, vx, rx = 50.0, 140.0, 420.0
    items: list[tuple[str, list[tuple[str, Tag | None]]]] = [
        ("姓　　名", [(a.name, tg.name(a))]),
        ("曾 用 名", [(a.name_aliases[1], T("name", "applicant", "former_name"))] if len(a.name_aliases) > 1 else [("无", None)]),
        ("性　　别", [(a.gender, None)]),
        ("出生日期", [(f"{a.birth.year}年{a.birth.month}月{a.birth.day}日", None)]),
        ("证件号码", [(fmt_id(a.id_number, "id_spaced"), tg.id("applicant", "id_spaced"))]),
        ("工作单位", [(emp.short, tg.org(emp.short))]),
        ("移动电话", [(fmt_mobile(a.mobile, "phone_plus86"), tg.phone("applicant", "phone_plus86"))]),
        ("电子邮箱", [(a.emails[-1], tg.email("applicant"))]),
        ("申报资格", [(a.title_applied, None)]),
    ]
    for label, parts in items:
        s.cell((lx, y, vx, y + rh), label, 10.5)
        s.cell((vx, y, rx, y + rh), parts, 10.5, align="left")
        y += rh
    photo_cell = (rx, 100.0, 545.0, 100.0 + 6 * rh)
    s.rect(photo_cell)
    _photo(s, photo_cell, rng.choice(["2inch", "small2inch"]), rng, T("photo", "applicant", "portrait_in_cell"))
    s.cell((rx, 100 + 6 * rh, 545, y), "（粘贴近期免冠彩色照片）", 8)
    y += 20
    s.text(50, y, "代表作及合作者", 12)
    y += 8
    topic = TOPICS[emp.kind]
    hc = [50, 250, 380, 545]
    for i, hd in enumerate(["成果名称", "刊物 / 时间", "合作者（单位）"]):
        s.cell((hc[i], y, hc[i + 1], y + 24), hd, 10)
    for k, co in enumerate(cast.coauthors[:3]):
        y += 24
        h = 36.0
        s.cell((hc[0], y, hc[1], y + h), topic[0][: 10 + k] + ("研究" if k else ""), 9.5, align="left")
        s.cell((hc[1], y, hc[2], y + h), f"《{topic[2]}》{YEAR - 1 - k}", 9.5, align="left")
        s.rect((hc[2], y, hc[3], y + h))
        s.text(hc[2] + 5, y + 15, [(co.name, tg.name(co))], 9.5)
        s.text(hc[2] + 5, y + 29, [("（", None), (co.employer.official, tg.org(co.employer, shared=co.employer is emp)), ("）", None)],
               s.fit_size(f"（{co.employer.official}）", hc[3] - hc[2] - 10, 9))
        y += h - 24
    y += 24 + 24
    s.text(50, y, "送审单位意见", 12)
    y += 8
    box = (50, y, 545, y + 150)
    s.rect(box)
    auth = cast.authorities_by_name("包头市人力资源和社会保障局")
    s.text(62, y + 26, "材料已审核，同意送审。", 10.5)
    s.text(62, y + 70, "经办人", 10.5)
    s.signature_image((110, y + 50, 190, y + 78), _sig_tag("other", "clerk"), 2, color=INK_BLACK)
    s.text(62, y + 100, [("联系电话：", None), (fmt_landline(cast.authority_landline, "landline_paren"),
                                            tg.phone("other", "landline_paren", role="authority_office"))], 10.5)
    s.text(380, y + 100, [(auth.official, tg.org(auth))], 10.5, align="center")
    s.text(380, y + 124, f"{YEAR}年7月{rng.randint(1, 28)}日", 10.5, align="center")
    _other_seal(s, 380 + rng.uniform(-15, 15), y + 92, 100, auth, rng)
    y += 170
    s.text(50, y, "申报人确认", 12)
    y += 8
    s.cell((50, y, 160, y + 40), "申请人签名", 10.5)
    s.rect((160, y, 330, y + 40))
    s.signature_image((175, y + 5, 300, y + 35), _sig_tag("applicant"), len(a.name), signer=a.name,
                      color=INK_BLUE, background=rng.random() < 0.5)
    s.cell((330, y, 400, y + 40), "日期", 10.5)
    s.cell((400, y, 545, y + 40), f"{YEAR}年7月{rng.randint(1, 28)}日", 10)
    pdf, inst = b.finish()
    return BuiltDoc("songshen_biao_c", "评审送审登记表（键值表）", pdf, inst, meta={"font": font_file(font)})


# ====================================================================================================
# 论文首页, layout B: two-column author block, affiliations wrapping the employer, bios with portraits
# ====================================================================================================

def build_lunwen_b(cast: Cast, rng: random.Random) -> BuiltDoc:
    a, tg = cast.applicant, Tags(cast)
    emp = a.employer
    title_cn, title_en, journal, journal_en, _, keywords, clc = TOPICS[emp.kind]
    font = _font(rng)
    b = DocBuilder("lunwen_b", rng)
    s = b.new_page(cjk=font, latin=None)
    vol, no = rng.randint(30, 48), rng.randint(1, 12)
    s.text(50, 42, f"{journal}  {YEAR - 1}年第{no}期（第{vol}卷）", 9)
    s.text(545, 42, journal_en, 8.5, align="right")
    s.hline(50, 545, 50, 0.8)
    s.text(297.5, 92, title_cn, 16, align="center")
    # two columns of authors, each with a multi-line affiliation under the name
    authors: list[Person] = [cast.coauthors[1], cast.coauthors[0], cast.coauthors[2]]
    authors.insert(rng.randint(0, 2), a)
    col_x = [70.0, 320.0]
    y0 = 122.0
    for i, p in enumerate(authors):
        cx = col_x[i % 2]
        y = y0 + (i // 2) * 62
        s.text(cx, y, [(p.name, tg.name(p)), ("  ", None), (p.pinyin_upper, tg.name(p, "pinyin_name"))], 11)
        org = p.employer
        dept = a.department[0] if p is a else (org.departments[0][0] if org.departments else "")
        is_own = org is emp
        tag = (T("employer", "applicant", "employer_official", splittable=True, split_form="split_employer",
                 **({"shared": True} if not p is a else {}))
               if is_own else tg.org(org))
        prov = org.city or "呼和浩特"
        # a narrow affiliation column: the official name wraps within it
        s.paragraph(cx, y + 14, rng.uniform(120, 170), [(dept, None), (org.official, tag),
                                                         (f"，{prov} {org.postcode or '010000'}", None)],
                    8.5, leading=1.45, indent=0)
    y = y0 + 2 * 62 + 10
    s.text(60, y, "摘要：", 9.5)
    y = s.paragraph(95, y, 440, ABSTRACT_CN.format(topic=title_cn[:10]), 9, leading=1.6, indent=0)[0]
    s.text(60, y, f"关键词：{keywords}", 9)
    y += 15
    s.text(60, y, f"中图分类号：{clc}    文献标志码：A", 9)
    y += 26
    y = s.paragraph(60, y, 475, FILLER * 2, 9.5, leading=1.65)[0]
    # author bios at the foot, each with its own portrait (the applicant's must go, the others' stay)
    y = max(y + 10, 560.0)
    s.hline(50, 545, y, 0.5)
    y += 8
    s.text(50, y + 10, "作者简介", 10)
    y += 18
    bios = [a, next(p for p in authors if p is not a and p.employer is not emp),
            next(p for p in authors if p is not a and p is not cast.name_decoy)]
    seen: list[Person] = []
    for p in bios:
        if p in seen:
            continue
        seen.append(p)
        own = p is a
        _photo(s, (50, y, 98, y + 62), "thumb", rng,
               T("photo", "applicant", "bio_portrait") if own else T("photo", "other", "coauthor_portrait"), valign="top")
        role = "通信作者" if not own and rng.random() < 0.5 else "作者"
        deg = rng.choice(["博士", "硕士"])
        bio = [(p.name, tg.name(p)), (f"（{p.birth.year}—），{p.gender}，{deg}，{p.title or '工程师'}，", None),
               ("主要研究方向为" + TOPICS[emp.kind][5].split("；")[0] + f"。{role}E-mail：", None),
               (p.email, tg.email("applicant" if own else "other"))]
        s.paragraph(104, y + 8, 440, bio, 8.5, leading=1.5, indent=0)
        y += 70
    jp = f"https://www.example.org/{journal_en.split()[-1].lower()}/{YEAR - 1}/{no:02d}"
    from .draw import qr_png
    s.image((500, 780, 540, 820), qr_png(jp, 3), T("qr_code", "other", "qr_journal", payload=jp))
    pdf, inst = b.finish()
    return BuiltDoc("lunwen_b", "论文首页（双栏作者）", pdf, inst, meta={"font": font_file(font)})


# ====================================================================================================
# 荣誉证书 in portrait and 资格证书 in landscape, with other seal designs
# ====================================================================================================

def build_huojiang_portrait(cast: Cast, rng: random.Random) -> BuiltDoc:
    a, tg = cast.applicant, Tags(cast)
    emp = a.employer
    font = _font(rng)
    b = DocBuilder("huojiang_portrait", rng)
    s = b.new_page(cjk=font, latin=None)
    red = (0.7, 0.1, 0.1)
    s.rect((28, 28, 567, 814), 4, red)
    s.rect((38, 38, 557, 804), 1, red)
    s.text(297.5, 160, "荣誉证书", 40, align="center", color=red)
    auth = cast.authorities_by_name("包头市人民政府") if rng.random() < 0.5 else emp
    y = 260.0
    s.text(90, y, [(a.name, tg.name(a)), ("  同志：", None)], 18)
    y = s.paragraph(90, y + 44, 415, [("在", None), (f"{YEAR - 1}年度", None), ("工作中表现突出，被评为", None),
                                      ("优秀专业技术人才" if auth is emp else "科技创新先进个人", None),
                                      ("，特发此证，以资鼓励。", None)], 17, leading=2.0)[0]
    s.text(90, y + 30, [("工作单位：", None), (emp.official, tg.org(emp))], s.fit_size(f"工作单位：{emp.official}", 415, 14))
    s.text(400, 640, [(auth.official, tg.org(auth))], 15, align="center")
    s.text(400, 670, cn_date(YEAR - 1, 12, rng.randint(1, 28)), 14, align="center")
    if auth is emp:
        _employer_seal(s, 400 + rng.uniform(-15, 15), 640, 120, emp, rng)
    else:
        _other_seal(s, 400 + rng.uniform(-15, 15), 640, 120, auth, rng)
    s.text(297.5, 760, [("证书编号：", None), (cast.cert_numbers[1], None)], 10, align="center")
    pdf, inst = b.finish()
    return BuiltDoc("huojiang_portrait", "荣誉证书（竖版）", pdf, inst, meta={"font": font_file(font)})


def build_zige_landscape(cast: Cast, rng: random.Random) -> BuiltDoc:
    a, tg = cast.applicant, Tags(cast)
    emp = a.employer
    font = _font(rng)
    b = DocBuilder("zige_landscape", rng)
    s = b.new_page(842, 595, cjk=font, latin=None)
    s.rect((20, 20, 822, 575), 2, FORM_BLUE)
    s.text(421, 80, "专业技术资格证书", 28, align="center", color=FORM_BLUE)
    # 2-inch photo at the top left with the authority's steel seal over its corner
    px0, py0 = 70.0, 120.0
    pw, ph = PHOTO_SIZES["2inch"]
    s.rect((px0 - 2, py0 - 2, px0 + pw + 2, py0 + ph + 2), 0.6)
    data, look = portrait_variant(rng, 220)
    s.image((px0, py0, px0 + pw, py0 + ph), data, T("photo", "applicant", "portrait", photo_size="2inch", look=look))
    hrss = cast.authorities_by_name("内蒙古自治区人力资源和社会保障厅")
    _other_seal(s, px0 + pw, py0 + ph - 6, 76, hrss, rng, inner="")
    s.text(70, 300, "持证人签名", 10.5)
    s.signature_image((70, 308, 170, 340), _sig_tag("applicant"), len(a.name), signer=a.name, color=INK_BLUE)
    x, y = 260.0, 140.0
    rows: list[list[tuple[str, Tag | None]]] = [
        [("姓名  ", None), (a.name, tg.name(a))],
        [("身份证号  ", None), (fmt_id(a.id_number, "id_plain"), tg.id("applicant", "id_plain"))],
        [("工作单位  ", None), (emp.official, tg.org(emp))],
        [("资格名称  ", None), (a.title, None)],
        [("评审机构  ", None), (cast.review_board, tg.org(cast.review_board))],
        [("管理号  ", None), (cast.contract_numbers[1], tg.id("other", "decoy_invalid_checksum", role="management_number"))],
    ]
    for r in rows:
        s.text(x, y, r, s.fit_size(r, 520, 13))
        y += 34
    s.text(600, 480, [(hrss.official, tg.org(hrss))], 12, align="center")
    s.text(600, 504, f"{YEAR - 5}年12月", 12, align="center")
    _other_seal(s, 600 + rng.uniform(-10, 10), 474, 104, hrss, rng, inner="职称专用章")
    pdf, inst = b.finish()
    return BuiltDoc("zige_landscape", "专业技术资格证书（横版）", pdf, inst, meta={"font": font_file(font)})


# ====================================================================================================
# 成果应用证明: a partner organisation of the employer's city and legal form certifies that it applies
# the applicant's results, under its own seal (kept: its name differs from the employer's only in the
# distinctive word, 包头稀土（集团）有限责任公司 for 包头钢铁（集团）有限责任公司; issue #10)
# ====================================================================================================

def build_yingyong_zhengming(cast: Cast, rng: random.Random) -> BuiltDoc:
    a, tg = cast.applicant, Tags(cast)
    emp = a.employer
    partner = rng.choice(PARTNER_ORGS[emp.official])
    font = _font(rng)
    b = DocBuilder("yingyong_zhengming", rng)
    s = b.new_page(cjk=font, latin=None)
    s.text(297.5, 110, "成果应用证明", 24, align="center")
    topic = TOPICS[emp.kind][0]
    y = s.paragraph(80, 180, 435, [
        ("兹证明，", None), (emp.official, tg.org(emp)), (a.name, tg.name(a)), ("同志主持完成的“", None), (topic, None),
        ("”相关成果，自", None), (f"{YEAR - 2}年", None), ("起在", None), (partner.official, tg.org(partner)),
        ("推广应用，运行稳定，取得了良好的经济和社会效益。", None)], 13, leading=2.0)[0]
    s.paragraph(80, y + 20, 435, [("特此证明。", None)], 13)
    s.text(400, 560, [(partner.official, tg.org(partner))], s.fit_size(partner.official, 260, 13), align="center")
    s.text(400, 588, cn_date(YEAR, rng.randint(1, 5), rng.randint(1, 28)), 13, align="center")
    _other_seal(s, 400 + rng.uniform(-15, 15), 560 + rng.uniform(-8, 8), 112, partner, rng, "seal_partner")
    pdf, inst = b.finish()
    return BuiltDoc("yingyong_zhengming", "成果应用证明（合作单位盖章）", pdf, inst, meta={"font": font_file(font)})


# ====================================================================================================
# 在职证明 on the employer's letterhead, the letterhead converted to curves (文字转曲: the print shop's
# template) while the body is live text: the employer's name (and its English name) exist only as outlines,
# beside a text layer that names the applicant, an HR officer and the office line (kept)
# ====================================================================================================

LETTERHEAD_BOTTOM = 118.0


def build_zaizhi_zhengming(cast: Cast, rng: random.Random) -> BuiltDoc:
    a, tg = cast.applicant, Tags(cast)
    emp = a.employer
    font = _font(rng)
    b = DocBuilder("zaizhi_zhengming", rng)
    s = b.new_page(cjk=font, latin="helv")
    red = (0.75, 0.05, 0.05)
    s.text(297.5, 62, [(emp.official, tg.org(emp))], s.fit_size(emp.official, 470, 26), align="center", color=red)
    if emp.english:
        s.text(297.5, 90, [(emp.english, tg.org(emp.english))], s.fit_size(emp.english, 470, 11), align="center",
               color=red)
    s.hline(50, 545, 104, 2.0, red)
    s.hline(50, 545, 108, 0.6, red)
    s.text(297.5, 170, "在职证明", 22, align="center")
    hr_form = rng.choice(["landline", "landline_paren"])
    y = s.paragraph(80, 230, 435, [
        ("兹证明", None), (a.name, tg.name(a)), ("同志（身份证号：", None),
        (fmt_id(a.id_number, "id_plain"), tg.id("applicant", "id_plain")), ("）自", None),
        (f"{YEAR - rng.randint(8, 20)}年{rng.randint(1, 12)}月", None), ("起在我单位", None),
        (a.department[0] or "技术部", None), ("从事", None), (a.title or "专业技术", None),
        ("工作至今，现为我单位在职在编职工。", None)], 14, leading=2.0)[0]
    y = s.paragraph(80, y + 16, 435, [("特此证明。", None)], 14)[0]
    s.text(80, y + 50, [("经办人：", None), (cast.reviewer.name, tg.name(cast.reviewer)), ("（人事处）", None)], 12)
    s.text(80, y + 78, [("联系电话：", None), (fmt_landline(cast.hr_landline, hr_form),
                                             tg.phone("other", hr_form, role="employer_office"))], 12)
    s.text(420, 620, [("人事处", None)], 14, align="center")
    s.text(420, 648, cn_date(YEAR, rng.randint(1, 5), rng.randint(1, 28)), 13, align="center")
    _employer_seal(s, 420 + rng.uniform(-12, 12), 630 + rng.uniform(-8, 8), 116, emp, rng)
    pdf, inst = b.finish()
    pdf = letterhead_as_curves(pdf, LETTERHEAD_BOTTOM)
    for d in inst:
        if d.page == 1 and d.bbox[3] <= LETTERHEAD_BOTTOM:
            d.extra["in_raster"] = True          # drawn as outlines: only a reading of the pixels finds it
    return BuiltDoc("zaizhi_zhengming", "在职证明（单位信笺，抬头转曲）", pdf, inst, meta={"font": font_file(font)})


def letterhead_as_curves(pdf: bytes, bottom: float) -> bytes:
    """Page 1's text above ``bottom`` redrawn as filled outlines (MuPDF's SVG with text as paths, back to
    PDF, placed where it was); everything else on the page as it was."""
    import pymupdf

    head = pymupdf.open("pdf", pdf)
    band = pymupdf.Rect(0, 0, head[0].rect.width, bottom)
    page = head[0]
    page.add_redact_annot(pymupdf.Rect(0, bottom, page.rect.width, page.rect.height), fill=False, cross_out=False)
    page.apply_redactions(images=pymupdf.PDF_REDACT_IMAGE_REMOVE, graphics=pymupdf.PDF_REDACT_LINE_ART_REMOVE_IF_TOUCHED,
                          text=pymupdf.PDF_REDACT_TEXT_REMOVE)
    for d in page.get_drawings():               # only the letterhead's words: its rules stay vector rules
        page.add_redact_annot(d["rect"], fill=False, cross_out=False)
    page.apply_redactions(images=pymupdf.PDF_REDACT_IMAGE_NONE, graphics=pymupdf.PDF_REDACT_LINE_ART_REMOVE_IF_TOUCHED,
                          text=pymupdf.PDF_REDACT_TEXT_NONE)
    glyphs = pymupdf.open("pdf", pymupdf.open("svg", page.get_svg_image(text_as_path=True).encode()).convert_to_pdf())
    out = pymupdf.open("pdf", pdf)
    target = out[0]
    target.add_redact_annot(band, fill=False, cross_out=False)
    target.apply_redactions(images=pymupdf.PDF_REDACT_IMAGE_NONE, graphics=pymupdf.PDF_REDACT_LINE_ART_NONE,
                            text=pymupdf.PDF_REDACT_TEXT_REMOVE)
    target.show_pdf_page(target.rect, glyphs, 0, overlay=False)
    return out.tobytes(garbage=3, deflate=True, no_new_id=True)


# ====================================================================================================
# 身份证正反面 drawn as cards on an A4 sheet (to be scanned or photographed)
# ====================================================================================================

def build_id_card_sheet(cast: Cast, rng: random.Random) -> BuiltDoc:
    a, tg = cast.applicant, Tags(cast)
    b = DocBuilder("id_card_sheet", rng)
    s = b.new_page(cjk=FONT_REF, latin="helv")
    k = rng.uniform(1.3, 1.6)
    w, h = CARD_W * k, CARD_H * k
    x0 = (595 - w) / 2 + rng.uniform(-30, 30)
    lab = (0.2, 0.35, 0.55)
    # front: portrait on the right
    y0 = 110.0
    s.rect((x0, y0, x0 + w, y0 + h), 0.8, (0.6, 0.6, 0.6), fill=(0.92, 0.94, 0.96))

    def P(px: float, py: float) -> tuple[float, float]:
        return x0 + px * k, y0 + py * k

    for label, py, val, tag, sz in (("姓  名", 28, a.name, tg.name(a), 10), ("性  别", 46, a.gender, None, 8),
                                    ("出  生", 64, f"{a.birth.year} 年 {a.birth.month} 月 {a.birth.day} 日", None, 8)):
        s.text(*P(14, py), label, 7 * k, color=lab)
        s.text(*P(44, py), [(val, tag)], sz * k)
    s.text(*P(74, 46), "民  族", 7 * k, color=lab)
    s.text(*P(100, 46), "汉", 8 * k)
    s.text(*P(14, 82), "住  址", 7 * k, color=lab)
    s.text(*P(44, 82), f"{a.native_place}市{rng.choice(['钢铁大街', '民族东路', '少先路'])}{rng.randint(1, 99)}号", 7.5 * k)
    s.text(*P(14, 132), "公民身份号码", 7 * k, color=lab)
    s.text(*P(70, 132), [(a.id_number, tg.id("applicant", "id_plain"))], 10 * k)
    data, look = portrait_variant(rng, 180, rng.choice(["white_bg", "blue_bg", "plain"]))
    px0, py0 = P(160, 18)
    px1, py1 = P(230, 111)
    s.image((px0, py0, px1, py1), data, T("photo", "applicant", "id_card_portrait", look=look))
    # back: the national emblem (a red ring here) and the issuing authority
    y0 = 110.0 + h + 50
    s.rect((x0, y0, x0 + w, y0 + h), 0.8, (0.6, 0.6, 0.6), fill=(0.95, 0.96, 0.93))
    s.page.draw_circle(P(40, 42), 22 * k, color=(0.8, 0.2, 0.2), width=2)
    s.text(*P(160, 40), "中华人民共和国", 12 * k, align="center")
    s.text(*P(160, 72), "居 民 身 份 证", 16 * k, align="center")
    police = f"{a.native_place[3:] or '包头'}市公安局{rng.choice(['昆都仑区', '青山区', '东河区', '九原区'])}分局"
    s.text(*P(20, 115), "签发机关", 7 * k)
    s.text(*P(60, 115), [(police, T("employer", "other", "issuing_authority"))], 8 * k)
    s.text(*P(20, 135), "有效期限", 7 * k)
    y1 = rng.randint(2012, 2020)
    s.text(*P(60, 135), f"{y1}.0{rng.randint(1, 9)}.{rng.randint(10, 28)}-{y1 + 20}.0{rng.randint(1, 9)}.{rng.randint(10, 28)}", 8 * k)
    pdf, inst = b.finish()
    return BuiltDoc("id_card_sheet", "身份证正反面", pdf, inst)


BUILDERS: dict[str, Callable[[Cast, random.Random], BuiltDoc]] = {
    "pingshen_biao_b": build_pingshen_biao_b,
    "songshen_biao_c": build_songshen_biao_c,
    "lunwen_b": build_lunwen_b,
    "huojiang_portrait": build_huojiang_portrait,
    "zige_landscape": build_zige_landscape,
    "id_card_sheet": build_id_card_sheet,
    "yingyong_zhengming": build_yingyong_zhengming,
    "zaizhi_zhengming": build_zaizhi_zhengming,
}
DOC_TITLES = {
    "pingshen_biao_b": "评审表（表头姓名、标签在上）", "songshen_biao_c": "送审表（键值表）", "lunwen_b": "论文首页（双栏作者、作者照片）",
    "huojiang_portrait": "荣誉证书（竖版）", "zige_landscape": "资格证书（横版）", "id_card_sheet": "身份证正反面",
    "yingyong_zhengming": "成果应用证明（合作单位盖章）", "zaizhi_zhengming": "在职证明（单位信笺，抬头转曲）",
}
