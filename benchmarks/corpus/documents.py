"""Born-digital builders for the material types of a 职称 dossier, with ground truth.

Each builder takes a ``Cast`` and a ``random.Random`` and returns a ``BuiltDoc``:
the PDF bytes and the list of ground-truth instances (applicant's data to remove
and other people's data to keep), every box read back from the drawn page.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any, Callable

from .draw import (
    FONT_EMB, FONT_REF, FORM_BLUE, DocBuilder, Instance, Sheet, T, Tag, chart_png, micrograph_png, portrait_jpeg,
    qr_png, qr_quiet_fraction,
)
from .people import TITLES, Cast, Org, Person

YEAR = 2024
CN_DIGITS = "〇一二三四五六七八九"


@dataclass
class BuiltDoc:
    doc_type: str
    title: str
    pdf: bytes
    instances: list[Instance]
    page_kinds: dict[int, str] = field(default_factory=dict)   # page -> born_digital | mixed
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def instance_dicts(self) -> list[dict[str, Any]]:
        return [i.to_dict() for i in self.instances]


# --- value formats -----------------------------------------------------------------------

def fullwidth(s: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else ("\u3000" if c == " " else c) for c in s)


def fmt_mobile(m: str, style: str) -> str:
    a, b, c = m[:3], m[3:7], m[7:]
    return {
        "phone_plain": m, "phone_dashed": f"{a}-{b}-{c}", "phone_spaced": f"{a} {b} {c}",
        "phone_plus86": f"+86 {a} {b} {c}", "phone_plus86_compact": f"+86{m}", "phone_0086": f"0086-{a}-{b}-{c}",
        "phone_paren86": f"(+86){a}-{b}-{c}", "phone_fullwidth": fullwidth(m),
    }[style]


def fmt_landline(n: str, style: str) -> str:
    area, num = n.split("-")
    return {"landline": n, "landline_paren": f"({area}){num}", "landline_fullparen": f"（{area}）{num}",
            "landline_plus86": f"+86-{area[1:]}-{num}", "landline_plain": area + num}[style]


def fmt_id(i: str, style: str) -> str:
    return {"id_plain": i, "id_spaced": f"{i[:6]} {i[6:14]} {i[14:]}", "id_fullwidth": fullwidth(i),
            "id_lower_x": i.lower()}[style]


def cn_date(y: int, m: int, d: int | None = None) -> str:
    ys = "".join(CN_DIGITS[int(c)] for c in str(y))

    def num(n: int) -> str:
        if n <= 10:
            return "十" if n == 10 else CN_DIGITS[n]
        return ("" if n < 20 else CN_DIGITS[n // 10]) + "十" + (CN_DIGITS[n % 10] if n % 10 else "")
    return f"{ys}年{num(m)}月" + (f"{num(d)}日" if d else "")


# --- tags ------------------------------------------------------------------------------------

class Tags:
    """Tag shortcuts bound to one cast."""

    def __init__(self, cast: Cast) -> None:
        self.cast = cast
        self.a = cast.applicant

    def name(self, p: Person, form: str = "chinese_name", splittable: bool = False) -> Tag:
        if p.name == self.a.name:
            return T("name", "applicant", form, splittable=splittable, split_form="split_name")
        return T("name", "other", form, role=p.role, splittable=splittable, split_form="split_name")

    def org(self, org: Org | str, form: str | None = None, shared: bool = False) -> Tag:
        official = org if isinstance(org, str) else org.official
        emp = self.a.employer
        if official == emp.official or official in emp.aliases or official == emp.english:
            extra = {"shared": True} if shared else {}
            f = form or ("employer_official" if official == emp.official else
                         "employer_english" if official == emp.english else "employer_alias")
            return T("employer", "applicant", f, **extra)
        decoys = {o.official for o in self.cast.decoy_orgs}
        auth = {o.official for o in self.cast.authorities} | {self.cast.review_board}
        f = form or ("decoy_org_prefix" if official in decoys else
                     "issuing_authority" if official in auth else "org_other")
        return T("employer", "other", f)

    def phone(self, owner: str, form: str, **extra: Any) -> Tag:
        return T("phone", owner, form, **extra)

    def id(self, owner: str, form: str, **extra: Any) -> Tag:
        return T("id_number", owner, form, **extra)

    def email(self, owner: str) -> Tag:
        return T("email", owner, "email")


def _person_tagged_list(tags: Tags, people: list[Person], sep: str = "、") -> list[tuple[str, Tag | None]]:
    out: list[tuple[str, Tag | None]] = []
    for i, p in enumerate(people):
        if i:
            out.append((sep, None))
        out.append((p.name, tags.name(p)))
    return out


def _signature_label(s: Sheet, x: float, y: float, label: str, tag: Tag, n_glyphs: int, size: float = 10.5,
                     signer: str = "", w: float = 70, h: float = 26) -> float:
    end = s.text(x, y, label, size)
    s.signature(end + 4, y - h + 6, w, h, tag, n_glyphs=n_glyphs, signer=signer)
    return end + 8 + w


# --- topics ----------------------------------------------------------------------------------

TOPICS = {
    "enterprise": ("稀土微合金化对高强钢板组织与性能的影响", "Effect of rare earth microalloying on microstructure and properties of high strength steel plate",
                   "北方冶金学报", "Journal of Northern Metallurgy", "工程", "稀土钢；微合金化；组织；力学性能", "TG142.1"),
    "university": ("基于机器学习的连铸坯表面缺陷识别方法", "Surface defect recognition of continuous casting slabs based on machine learning",
                   "冶金信息工程", "Metallurgical Information Engineering", "高等学校教师", "连铸坯；表面缺陷；机器学习；图像识别", "TP391.4"),
    "hospital": ("高敏肌钙蛋白T在急性心肌梗死早期诊断中的应用价值", "Value of high-sensitivity cardiac troponin T in early diagnosis of acute myocardial infarction",
                 "北疆临床医学", "Northern Frontier Clinical Medicine", "卫生", "肌钙蛋白；心肌梗死；早期诊断", "R542.2"),
    "institute": ("不同播期对河套灌区春小麦产量的影响", "Effects of sowing date on yield of spring wheat in Hetao irrigation district",
                  "草原农业科学", "Grassland Agricultural Science", "农业", "春小麦；播期；产量；河套灌区", "S512.1"),
    "school": ("核心素养导向的高中数学单元教学设计研究", "Research on unit teaching design of senior high school mathematics oriented by core literacy",
               "中学数理教研", "Middle School Mathematics and Physics Teaching", "中小学教师", "核心素养；单元教学；高中数学", "G633.6"),
}

FILLER = ("围绕生产一线的关键技术难题开展了系统的试验研究和工艺攻关，先后参与完成多项省部级科研项目，"
          "在工艺参数优化、质量控制和新产品开发等方面积累了较为丰富的实践经验，相关成果已在生产中推广应用并取得了良好的经济效益和社会效益，")
ABSTRACT_CN = ("针对{topic}问题，采用试验研究与数值分析相结合的方法进行了系统研究。结果表明，优化后的方案在稳定性和效率方面均有明显提升，"
               "相关指标较传统方法提高了约百分之十五，为实际应用提供了理论依据和技术支撑。")
ABSTRACT_EN = ("Aiming at the problem of {topic}, a systematic study was carried out by combining experiments with numerical analysis. "
               "The results show that the optimized scheme clearly improves stability and efficiency, and the key indexes are about "
               "fifteen percent higher than those of the traditional method, which provides a basis for practical application.")


INTRO_CN = [
    "{topic}是当前该领域研究的热点问题之一。近年来，随着相关技术的快速发展和应用需求的不断提高，国内外学者围绕该问题开展了大量研究工作，"
    "在机理分析、试验方法和工程应用等方面取得了一定进展，但仍存在适用范围有限、稳定性不足等问题。",
    "本文在前期工作的基础上，结合生产实际，系统分析了主要影响因素及其作用规律，提出了相应的优化方案，并通过对比试验验证了方案的有效性，"
    "以期为同类问题的解决提供参考。",
]


# ====================================================================================================
# 1. 专业技术职称评审表
# ====================================================================================================

def build_pingshen_biao(cast: Cast, rng: random.Random) -> BuiltDoc:
    a, tg = cast.applicant, Tags(cast)
    emp = a.employer
    series = TOPICS[emp.kind][4]
    b = DocBuilder("pingshen_biao", rng)

    # -- page 1: cover --
    s = b.new_page()
    s.text(50, 60, "附件1", 10.5)
    s.text(400, 60, f"申报编号：{a.application_no}", 9.5)
    payload = (f"申报编号:{a.application_no};姓名:{a.name};证件号码:{a.id_number}" if rng.random() < 0.6
               else f"https://zc.example.gov.cn/verify?no={a.application_no}")
    q = qr_png(payload, 4)
    qf = qr_quiet_fraction(payload)
    qr_rect = (470, 72, 540, 142)
    qs = qr_rect[2] - qr_rect[0]
    s.image(qr_rect, q, T("qr_code", "applicant", "qr_application", payload=payload),
            region=(qr_rect[0] + qs * qf, qr_rect[1] + qs * qf, qr_rect[2] - qs * qf, qr_rect[3] - qs * qf))
    s.text(505, 152, "扫码核验", 8, align="center")
    s.text(297.5, 250, "专业技术职务任职资格评审表", 26, align="center", bold=True)
    s.text(297.5, 290, f"（{series}系列）", 14, align="center")
    fields = [
        ("申 报 人", [(a.name, tg.name(a))]),
        ("工作单位", [(emp.official, tg.org(emp))]),
        ("现任职务", [(a.title, None)]),
        ("申报专业", [(a.major, None)]),
        ("申报资格", [(a.title_applied, None)]),
        ("填表时间", [(f"{YEAR}年{rng.randint(3, 6)}月{rng.randint(1, 28)}日", None)]),
    ]
    y = 430
    for label, val in fields:
        s.text(225, y, label + "：", 14, align="right")
        s.hline(230, 480, y + 4)
        size = s.fit_size(val, 245, 14)
        s.text(230, y, val, size, width=250, align="center")
        y += 40
    s.text(297.5, 770, [(cast.authorities_by_name("内蒙古自治区人力资源和社会保障厅").official,
                         tg.org("内蒙古自治区人力资源和社会保障厅")), (" 制", None)], 12, align="center")

    # -- page 2: 基本情况 --
    s = b.new_page()
    s.text(50, 62, "一、基本情况", 13, bold=True)
    x0, top, rh = 50.0, 75.0, 32.0
    cw = [70, 95, 55, 50, 70, 65]          # 405 + photo 90
    xs = [x0]
    for w in cw:
        xs.append(xs[-1] + w)
    xr = 545.0

    def row(y: float, cells: list[tuple[int, int, Any]], h: float = rh, right: float | None = None) -> None:
        for c0, c1, content in cells:
            rx1 = xs[c1] if c1 < len(xs) else (right or xr)
            if c1 == len(xs) - 1 and right is not None:
                rx1 = right
            parts = content if isinstance(content, list) else [(content, None)]
            s.cell((xs[c0], y, rx1, y + h), parts, 10.5 if c0 % 2 == 0 else 10.5)

    row(top, [(0, 1, "姓名"), (1, 2, [(a.name, tg.name(a))]), (2, 3, "性别"), (3, 4, a.gender), (4, 5, "出生年月"), (5, 6, a.birth_ym)])
    row(top + rh, [(0, 1, "民族"), (1, 2, "汉族"), (2, 3, "政治面貌"), (3, 4, rng.choice(["中共党员", "群众"])), (4, 5, "参加工作时间"), (5, 6, f"{a.work_start.year}.07")])
    row(top + 2 * rh, [(0, 1, "身份证号"), (1, 4, [(a.id_number, tg.id("applicant", "id_plain"))]), (4, 5, "籍贯"), (5, 6, a.native_place)])
    row(top + 3 * rh, [(0, 1, "工作单位"), (1, 6, [(emp.official, tg.org(emp)), (" " + a.department[0], None)])])
    # photo cell spans rows 1-4
    pr = (xs[-1], top, xr, top + 4 * rh)
    s.rect(pr)
    pw, ph = 72.0, 96.0
    px0, py0 = (pr[0] + pr[2] - pw) / 2, (pr[1] + pr[3] - ph) / 2
    s.image((px0, py0, px0 + pw, py0 + ph), portrait_jpeg(rng), T("photo", "applicant", "portrait"))
    y = top + 4 * rh
    phone_form = rng.choice(["phone_plain", "phone_dashed", "phone_spaced"])
    s.cell((xs[0], y, xs[1], y + rh), "联系电话")
    s.cell((xs[1], y, xs[3], y + rh), [(fmt_mobile(a.mobile, phone_form), tg.phone("applicant", phone_form))])
    s.cell((xs[3], y, xs[4], y + rh), "电子邮箱")
    s.cell((xs[4], y, xr, y + rh), [(a.email, tg.email("applicant"))])
    y += rh
    s.cell((xs[0], y, xs[1], y + rh), "现任职务")
    s.cell((xs[1], y, xs[2], y + rh), a.title)
    s.cell((xs[2], y, xs[3], y + rh), "取得时间")
    s.cell((xs[3], y, xs[4], y + rh), f"{a.work_start.year + 7}.12")
    s.cell((xs[4], y, xs[5], y + rh), "申报资格")
    s.cell((xs[5], y, xr, y + rh), a.title_applied)
    y += rh
    school = a.education[1]
    s.cell((xs[0], y, xs[1], y + rh), "最高学历")
    s.cell((xs[1], y, xs[2], y + rh), a.education[0])
    s.cell((xs[2], y, xs[3], y + rh), "毕业院校")
    s.cell((xs[3], y, xs[5], y + rh), [(school, tg.org(school))])
    s.cell((xs[5], y, xs[6], y + rh), "所学专业")
    s.cell((xs[6], y, xr, y + rh), a.major)
    y += rh
    ws = a.work_start.year
    h = 150
    s.label_cell((xs[0], y, xs[1], y + h), ["主要学习", "工作经历"])
    dept = a.department[0]
    lines = [
        [(f"{ws - 4}.09—{ws}.07  ", None), (school, tg.org(school)), (f"  {a.major}专业  学习", None)],
        [(f"{ws}.07—{ws + 7}.12  ", None), (emp.official, tg.org(emp)), (f"{dept}  技术员、助理{a.title[-3:] if len(a.title) > 2 else a.title}", None)],
        [(f"{ws + 7}.12—至今  ", None), (emp.short, tg.org(emp.short)), (f"{dept}  {a.title}", None)],
        [(f"{ws + 3}.03—{ws + 3}.06  ", None), (cast.decoy_orgs[0].official if cast.decoy_orgs else "北京科技大学",
                                                tg.org(cast.decoy_orgs[0].official if cast.decoy_orgs else "北京科技大学")), ("  进修", None)],
    ]
    s.cell_lines((xs[1], y, xr, y + h), lines, 10.0, leading=2.2, top=10)
    y += h
    s.cell((xs[0], y, xs[1], y + rh), "单位联系人")
    hr_form = rng.choice(["landline", "landline_paren"])
    s.cell((xs[1], y, xr, y + rh), [(cast.reviewer.name, tg.name(cast.reviewer)), ("    联系电话：", None),
                                     (fmt_landline(cast.hr_landline, hr_form), tg.phone("other", hr_form, role="employer_office"))],
           align="left")
    y += rh
    # recommenders table
    s.text(50, y + 28, "二、推荐人情况", 13, bold=True)
    y += 38
    heads = ["推荐人", "职称", "工作单位", "联系电话", "身份证号"]
    cws = [60, 70, 130, 95, 140]
    xx = [50.0]
    for w in cws:
        xx.append(xx[-1] + w)
    for i, hd in enumerate(heads):
        s.cell((xx[i], y, xx[i + 1], y + 26), hd, 10)
    for r in cast.recommenders:
        y += 26
        vals = [[(r.name, tg.name(r))], [(r.title, None)], [(r.employer.official, tg.org(r.employer))],
                [(r.mobile, tg.phone("other", "phone_plain", role="recommender"))],
                [(r.id_number, tg.id("other", "id_plain", role="recommender"))]]
        for i, v in enumerate(vals):
            s.cell((xx[i], y, xx[i + 1], y + 26), v, 10)

    # -- page 3: opinions, signatures, seal --
    s = b.new_page()
    y = 60.0
    s.text(50, y, "三、申报人承诺", 13, bold=True)
    box = (50, y + 10, 545, y + 120)
    s.rect(box)
    s.paragraph(60, y + 34, 475, "本人承诺：所填报的内容及提交的全部材料真实、准确、有效，如有弄虚作假，愿承担一切责任。", 10.5)
    _signature_label(s, 300, y + 100, "申报人签字：", T("signature", "applicant", "signature_handwritten"),
                     len(a.name), signer=a.name)
    s.text(470, y + 100, f"{YEAR}年6月{rng.randint(1, 9)}日", 10.5)
    y += 145
    s.text(50, y, "四、所在单位意见", 13, bold=True)
    box = (50, y + 10, 545, y + 190)
    s.rect(box)
    s.paragraph(60, y + 34, 475, [("经审核，", None), (a.name, tg.name(a)), ("同志申报材料真实有效，符合申报条件，经单位公示无异议，同意推荐。", None)], 10.5)
    _signature_label(s, 60, y + 150, "审核人：", T("signature", "other", "signature_handwritten", role="reviewer"), 3,
                     signer=cast.reviewer.name)
    s.text(60, y + 175, [("联系电话：", None), (cast.hr_landline, tg.phone("other", "landline", role="employer_office"))], 10.5)
    s.text(330, y + 150, "单位（盖章）", 10.5)
    date_y = y + 175
    s.text(400, date_y, f"{YEAR}年6月{rng.randint(10, 20)}日", 10.5)
    s.seal(440 + rng.uniform(-15, 15), y + 140 + rng.uniform(-10, 10), 112, emp.official,
           T("seal", "applicant", "seal_employer"), inner=emp.seal_inner)
    y += 215
    s.text(50, y, "五、评审委员会意见", 13, bold=True)
    box = (50, y + 10, 545, y + 150)
    s.rect(box)
    s.text(60, y + 40, "评审结论：", 10.5)
    s.text(300, y + 120, [(cast.review_board, tg.org(cast.review_board))], 10.5)
    s.text(380, y + 140, f"{YEAR}年  月  日", 10.5)
    s.text(297.5, 800, [("政策咨询电话：", None), ("12333", tg.phone("other", "hotline", role="hotline"))], 9, align="center")
    pdf, inst = b.finish()
    return BuiltDoc("pingshen_biao", "专业技术职务任职资格评审表", pdf, inst)


# ====================================================================================================
# 2. 送审表
# ====================================================================================================

def build_songshen_biao(cast: Cast, rng: random.Random) -> BuiltDoc:
    a, tg = cast.applicant, Tags(cast)
    emp = a.employer
    b = DocBuilder("songshen_biao", rng)
    s = b.new_page(cjk=FONT_EMB, latin=None)
    s.text(297.5, 70, "专业技术职务任职资格评审送审表", 20, align="center")
    s.text(50, 100, [("档案编号：", None), (cast.contract_numbers[0], tg.id("other", "decoy_invalid_checksum", role="archive_number"))], 10)
    s.text(545, 100, f"送审日期：{YEAR}年7月", 10, align="right")
    y, rh = 110.0, 30.0
    cols = [50, 120, 230, 290, 350, 430, 545]
    vals = [("申报人", None), (a.name, tg.name(a)), ("性别", None), (a.gender, None), ("出生年月", None), (a.birth_ym, None)]
    for i, (v, t) in enumerate(vals):
        s.cell((cols[i], y, cols[i + 1], y + rh), [(v, t)], 10.5)
    y += rh
    s.cell((50, y, 120, y + rh), "工作单位")
    s.cell((120, y, 430, y + rh), [(emp.short, tg.org(emp.short)), (a.department[0], None)])
    s.cell((430, y, 490, y + rh), "现职务")
    s.cell((490, y, 545, y + rh), a.title, 9)
    y += rh
    s.cell((50, y, 120, y + rh), "申报专业")
    s.cell((120, y, 290, y + rh), a.major)
    s.cell((290, y, 350, y + rh), "申报资格")
    s.cell((350, y, 545, y + rh), a.title_applied)
    y += rh + 20
    s.text(50, y, "代表性成果（论文、专著、专利、获奖）", 12)
    y += 10
    hcols = [50, 80, 250, 380, 545]
    for i, hd in enumerate(["序号", "成果名称", "刊物 / 授权单位 / 时间", "完成人（按排序）"]):
        s.cell((hcols[i], y, hcols[i + 1], y + 26), hd, 10)
    topic = TOPICS[emp.kind]
    works = [
        (topic[0], f"《{topic[2]}》{YEAR - 1}年第3期", [a, cast.coauthors[0], cast.coauthors[1]]),
        (topic[0][:8] + "的试验研究", f"《{topic[2]}》{YEAR - 3}年第6期", [cast.coauthors[0], a]),
        ("一种" + topic[0][2:9] + "装置", f"国家知识产权局 {YEAR - 2}年", [cast.coauthors[1], a, cast.colleagues[0]]),
        (topic[0][:6] + "关键技术", f"{cast.authorities[0].official[:4]}科技进步奖 {YEAR - 2}年", [a, cast.colleagues[0], cast.coauthors[2]]),
    ]
    for k, (title, venue, people) in enumerate(works):
        y += 26
        s.cell((hcols[0], y, hcols[1], y + 26), str(k + 1), 9.5)
        s.cell((hcols[1], y, hcols[2], y + 26), title, 9.5, align="left")
        s.cell((hcols[2], y, hcols[3], y + 26), venue, 9, align="left")
        s.cell((hcols[3], y, hcols[4], y + 26), _person_tagged_list(tg, people), 9.5, align="left")
    y += 50
    s.text(50, y, "外审专家意见（由评审专家填写）：", 12)
    s.rect((50, y + 10, 545, y + 250))
    for k, ln in enumerate(["1. 业务水平与能力：", "2. 代表性成果评价：", "3. 总体评价：□优秀  □良好  □一般  □较差"]):
        s.text(62, y + 40 + k * 60, ln, 10.5)
    s.text(300, y + 230, "评审专家签名：", 10.5)
    y += 290
    auth = cast.authorities_by_name("包头市人力资源和社会保障局")
    s.text(50, y, [("送审单位：", None), (auth.official, tg.org(auth)), ("（盖章）", None)], 10.5)
    _signature_label(s, 50, y + 35, "经办人：", T("signature", "other", "signature_handwritten", role="clerk"), 2)
    s.text(50, y + 60, [("联系电话：", None), (cast.authority_landline, tg.phone("other", "landline", role="authority_office"))], 10.5)
    s.seal(230 + rng.uniform(-10, 20), y + 10, 105, auth.official, T("seal", "other", "seal_authority"), inner=auth.seal_inner)
    s.text(297.5, 810, "注：本表一式两份，送审时随代表性成果一并报送。", 9, align="center")
    pdf, inst = b.finish()
    return BuiltDoc("songshen_biao", "评审送审表", pdf, inst)


# ====================================================================================================
# 3. 年度考核表
# ====================================================================================================

def build_niandu_kaohe(cast: Cast, rng: random.Random) -> BuiltDoc:
    a, tg = cast.applicant, Tags(cast)
    emp = a.employer
    yr = YEAR - 1
    b = DocBuilder("niandu_kaohe", rng)
    s = b.new_page()
    s.text(297.5, 70, f"{yr}年度专业技术人员年度考核登记表", 18, align="center", bold=True)
    s.text(50, 98, [("单位（盖章）：", None), (emp.short, tg.org(emp.short))], 10.5)
    y, rh = 108.0, 30.0
    cols = [50, 120, 220, 280, 340, 420, 545]
    for i, (v, t) in enumerate([("姓名", None), (a.name, tg.name(a)), ("性别", None), (a.gender, None), ("出生年月", None), (a.birth_ym, None)]):
        s.cell((cols[i], y, cols[i + 1], y + rh), [(v, t)])
    y += rh
    s.cell((50, y, 120, y + rh), "单位及职务")
    s.cell((120, y, 545, y + rh), [(emp.official, tg.org(emp)), (f"{a.department[0]}  {a.title}", None)], align="left")
    y += rh
    s.cell((50, y, 120, y + rh), "联系电话")
    s.cell((120, y, 340, y + rh), [(fmt_mobile(a.mobile, "phone_fullwidth"), tg.phone("applicant", "phone_fullwidth"))])
    s.cell((340, y, 420, y + rh), "考核年度")
    s.cell((420, y, 545, y + rh), f"{yr}")
    y += rh
    h = 270
    s.label_cell((50, y, 120, y + h), ["个人", "总结"])
    s.rect((120, y, 545, y + h))
    c0, c1 = cast.colleagues[0], cast.colleagues[1]
    yy = s.paragraph(130, y + 24, 405, [
        (f"{yr}年，本人在", None), (emp.short, tg.org(emp.short)), (f"{a.department[0]}从事{a.major}相关工作，认真履行岗位职责，"
                                                                   "全年完成技术攻关项目两项，参与制定企业标准一项。", None)], 10.5, leading=1.8)[0]
    yy = s.paragraph(130, yy, 405, [("在工作中，与", None), (c0.name, tg.name(c0)), ("、", None), (c1.name, tg.name(c1)),
                                     ("等同事密切配合，指导青年技术人员三名，积极参加", None),
                                     (cast.decoy_orgs[0].official if cast.decoy_orgs else "北京科技大学",
                                      tg.org(cast.decoy_orgs[0].official if cast.decoy_orgs else "北京科技大学")),
                                     ("组织的继续教育培训，完成学时九十学时。", None)], 10.5, leading=1.8)[0]
    s.paragraph(130, yy, 405, "今后将进一步加强理论学习，不断提高专业技术水平和解决实际问题的能力。", 10.5, leading=1.8)
    _signature_label(s, 330, y + h - 22, "本人签名：", T("signature", "applicant", "signature_handwritten"), len(a.name), signer=a.name)
    y += h
    h = 120
    s.label_cell((50, y, 120, y + h), ["主管领导", "评语"])
    s.rect((120, y, 545, y + h))
    s.paragraph(130, y + 24, 405, [("该同志工作认真负责，业务能力强，团结同事，较好地完成了年度工作任务。", None)], 10.5)
    boss = cast.colleagues[-1]
    _signature_label(s, 330, y + h - 18, "负责人签字：", T("signature", "other", "signature_handwritten", role="supervisor"), len(boss.name),
                     signer=boss.name)
    y += h
    s.cell((50, y, 120, y + rh), "考核等次")
    s.cell((120, y, 545, y + rh), rng.choice(["优秀", "合格"]), align="left")
    y += rh
    h = 120
    s.label_cell((50, y, 120, y + h), ["单位", "意见"])
    s.rect((120, y, 545, y + h))
    s.text(130, y + 30, "同意考核等次。", 10.5)
    s.text(400, y + 80, "（盖章）", 10.5)
    s.text(400, y + 100, f"{YEAR}年1月{rng.randint(5, 25)}日", 10.5)
    s.seal(430 + rng.uniform(-20, 10), y + 70, 108, emp.official, T("seal", "applicant", "seal_employer"), inner=emp.seal_inner)
    pdf, inst = b.finish()
    return BuiltDoc("niandu_kaohe", "年度考核表", pdf, inst)


# ====================================================================================================
# 4. 论文首页
# ====================================================================================================

def build_lunwen(cast: Cast, rng: random.Random) -> BuiltDoc:
    a, tg = cast.applicant, Tags(cast)
    emp = a.employer
    title_cn, title_en, journal, journal_en, _, keywords, clc = TOPICS[emp.kind]
    b = DocBuilder("lunwen", rng)
    s = b.new_page(cjk=FONT_EMB, latin="tiro")
    vol, no, page0 = rng.randint(30, 48), rng.randint(1, 12), rng.randint(10, 90)
    s.text(50, 40, f"第{vol}卷 第{no}期", 9)
    s.text(297.5, 40, journal, 11, align="center")
    s.text(545, 40, f"Vol.{vol} No.{no}", 9, align="right", cjk="tiro")
    s.text(50, 54, f"{YEAR - 1}年{no}月", 9)
    s.text(297.5, 54, journal_en, 9, align="center", cjk="tiro")
    s.text(545, 54, f"{['Jan.', 'Feb.', 'Mar.', 'Apr.', 'May', 'Jun.', 'Jul.', 'Aug.', 'Sep.', 'Oct.', 'Nov.', 'Dec.'][no - 1]} {YEAR - 1}",
           9, align="right", cjk="tiro")
    s.hline(50, 545, 60, 1.0)
    s.hline(50, 545, 62, 0.4)
    s.text(50, 78, f"文章编号：1009-{rng.randint(1000, 9999)}({YEAR - 1}){no:02d}-{page0:04d}-06", 8)
    s.text(545, 78, f"DOI：10.{rng.randint(11000, 19999)}/j.cnki.bfyj.{YEAR - 1}.{no:02d}.{rng.randint(1, 30):03d}", 8,
           align="right")
    # authors: applicant first or second
    authors: list[Person] = list(cast.coauthors[:3])
    pos = 0 if rng.random() < 0.55 else 1
    authors.insert(pos, a)
    orgs: list[Org] = []
    marks: list[int] = []
    for p in authors:
        if p.employer not in orgs:
            orgs.append(p.employer)
        marks.append(orgs.index(p.employer) + 1)
    corr = next(p for p in authors if p is not a)
    s.text(297.5, 112, title_cn, 17, align="center")

    def author_line(y: float, names: list[str], tags_: list[Tag], size: float, font: str, sep: str) -> None:
        sup = size * 0.55
        widths = [s.width_of(n, size, font) + s.width_of(str(m), sup, font) + (s.width_of(sep, size, font) if i < len(names) - 1 else 0)
                  for i, (n, m) in enumerate(zip(names, marks))]
        x = 297.5 - sum(widths) / 2
        for i, (n, m) in enumerate(zip(names, marks)):
            x = s.text(x, y, [(n, tags_[i])], size, cjk=font)
            mark = str(m) + ("*" if authors[i] is corr else "")
            x = s.text(x + 0.5, y - size * 0.45, mark, sup, cjk=font)
            if i < len(names) - 1:
                x = s.text(x, y, sep, size, cjk=font)

    author_line(140, [p.name for p in authors], [tg.name(p) for p in authors], 12, FONT_EMB, "，")
    aff: list[tuple[str, Tag | None]] = [("（", None)]
    for i, o in enumerate(orgs):
        dept = o.departments[0][0] if o.departments else ""
        if o is emp:
            dept = a.department[0]
        prov = "内蒙古" if (o.address or "内蒙古").startswith("内蒙古") else o.address[:2]
        aff += [(f"{i + 1}. ", None), (o.official, tg.org(o, shared=False)), (f"{' ' + dept if dept else ''}，{prov} {o.city} {o.postcode or '010000'}", None),
                ("；" if i < len(orgs) - 1 else "）", None)]
    y = s.paragraph(60, 162, 475, aff, 9, leading=1.6, indent=0)[0]
    y += 6
    s.text(60, y, "摘  要：", 9.5)
    y = s.paragraph(100, y, 435, ABSTRACT_CN.format(topic=title_cn[:10]), 9, leading=1.6, indent=0)[0]
    s.text(60, y, f"关键词：{keywords}", 9)
    y += 15
    s.text(60, y, f"中图分类号：{clc}        文献标志码：A", 9)
    y += 30
    if s.width_of(title_en, 12, "tiro") < 480:
        s.text(297.5, y, title_en, 12, align="center", cjk="tiro", bold=True)
    else:
        words = title_en.split()
        half = len(words) // 2 + 1
        s.text(297.5, y, " ".join(words[:half]), 12, align="center", cjk="tiro", bold=True)
        y += 16
        s.text(297.5, y, " ".join(words[half:]), 12, align="center", cjk="tiro", bold=True)
    y += 22
    author_line(y, [p.pinyin_upper for p in authors], [tg.name(p, "pinyin_name") for p in authors], 10, "tiro", ", ")
    y += 16
    aff_en: list[tuple[str, Tag | None]] = [("(", None)]
    for i, o in enumerate(orgs):
        dept_en = o.departments[0][1] if o.departments else ""
        if o is emp:
            dept_en = a.department[1]
        aff_en += [(f"{i + 1}. ", None), ((dept_en + ", ") if dept_en else "", None),
                   (o.english, tg.org(o.english) if o is emp else T("employer", "other", "org_other_english")),
                   (f", {o.english_city} {o.postcode or '010000'}, China", None), ("; " if i < len(orgs) - 1 else ")", None)]
    y = s.paragraph(60, y, 475, aff_en, 8.5, leading=1.5, indent=0, cjk="tiro")[0]
    y += 6
    s.text(60, y, "Abstract:", 9, cjk="tiro", bold=True)
    y = s.paragraph(105, y, 430, ABSTRACT_EN.format(topic=title_en[0].lower() + title_en[1:]), 8.5, leading=1.5, indent=0, cjk="tiro")[0]
    s.text(60, y, "Key words:", 8.5, cjk="tiro", bold=True)
    s.text(105, y, "microstructure; properties; optimization; application", 8.5, cjk="tiro")
    y += 26
    s.text(60, y, "0  引言", 11)
    y += 20
    for i, para in enumerate(INTRO_CN):
        if y > 690:
            break
        y = s.paragraph(60, y, 475, para.format(topic=title_cn), 9.5, leading=1.65)[0]
        if i == 0 and y < 540:
            # a figure: not personal, must stay untouched
            kind = rng.choice(["chart", "micrograph"])
            data = chart_png(rng) if kind == "chart" else micrograph_png(rng)
            fw, fh = 200.0, 112.0
            s.image((297.5 - fw / 2, y + 2, 297.5 + fw / 2, y + 2 + fh), data, T("figure", "other", f"figure_{kind}"))
            caption = "图1  试验钢的性能对比" if kind == "chart" else "图1  试验钢的显微组织"
            s.text(297.5, y + fh + 14, caption, 8.5, align="center")
            y += fh + 26
    # footnote
    fy = 712
    s.hline(50, 200, fy, 0.5)
    s.text(50, fy + 12, f"收稿日期：{YEAR - 2}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}；修订日期：{YEAR - 1}-{rng.randint(1, 3):02d}-{rng.randint(1, 28):02d}", 7.5)
    s.text(50, fy + 24, f"基金项目：内蒙古自治区自然科学基金资助项目（{YEAR - 3}MS0{rng.randint(1000, 9999)}）", 7.5)
    deg = {"硕士研究生": "硕士", "博士研究生": "博士", "大学本科": "学士"}[a.education[0]]
    bio = [("作者简介：", None), (a.name, tg.name(a)), (f"（{a.birth.year}—），{a.gender}，{a.native_place}人，{a.title}，{deg}，"
                                                        f"主要从事{a.major}研究。E-mail：", None), (a.emails[0], tg.email("applicant"))]
    y = s.paragraph(50, fy + 36, 495, bio, 7.5, leading=1.5, indent=0)[0]
    corr_bio = [("通信作者：", None), (corr.name, tg.name(corr)), (f"（{corr.birth.year}—），{corr.gender}，{corr.title or '教授'}，E-mail：", None),
                (corr.email, tg.email("other"))]
    y = s.paragraph(50, y, 495, corr_bio, 7.5, leading=1.5, indent=0)[0]
    title_en = {"高级工程师": "senior engineer", "工程师": "engineer", "讲师": "lecturer", "副教授": "associate professor",
                "主治医师": "attending physician", "助理研究员": "assistant researcher", "一级教师": "teacher"}.get(a.title, "engineer")
    s.text(50, y, [("Biography: ", None), (a.pinyin_western, tg.name(a, "pinyin_western")),
                   (f" ({a.birth.year}-), {'female' if a.gender == '女' else 'male'}, {title_en}.", None)], 7.5, cjk="tiro")
    # the journal's QR code (not personal)
    jp = f"https://www.example.org/{journal_en.split()[-1].lower()}/{YEAR - 1}/{no:02d}/{page0:04d}"
    s.image((495, 760, 540, 805), qr_png(jp, 3), T("qr_code", "other", "qr_journal", payload=jp))
    s.text(517.5, 814, "扫码阅读", 6.5, align="center")
    s.text(297.5, 822, f"· {page0} ·", 8, align="center")
    pdf, inst = b.finish()
    return BuiltDoc("lunwen", "论文首页", pdf, inst)


# ====================================================================================================
# 5. 获奖证书
# ====================================================================================================

def build_huojiang(cast: Cast, rng: random.Random) -> BuiltDoc:
    a, tg = cast.applicant, Tags(cast)
    emp = a.employer
    b = DocBuilder("huojiang", rng)
    s = b.new_page(842, 595, cjk=FONT_EMB, latin=None)
    gold = (0.72, 0.55, 0.15)
    s.rect((20, 20, 822, 575), 3, gold)
    s.rect((30, 30, 812, 565), 1, gold)
    for cx, cy in ((30, 30), (812, 30), (30, 565), (812, 565)):
        s.page.draw_circle((cx, cy), 8, color=gold, fill=gold)
    s.text(421, 120, "荣 誉 证 书", 38, align="center", color=(0.75, 0.08, 0.08), bold=True)
    auth = cast.authorities_by_name("包头市人民政府")
    level = rng.choice(["一等奖", "二等奖", "三等奖"])
    topic = TOPICS[emp.kind][0]
    team: list[Person] = [cast.coauthors[1], cast.colleagues[0], cast.coauthors[0], cast.colleagues[2]]
    team.insert(rng.randint(0, 2), a)
    x, y, size = 110.0, 190.0, 16.0
    s.paragraph(x, y, 622, f"为表彰在促进科学技术进步工作中做出突出贡献的单位和个人，特颁发此证书，以资鼓励。", size, leading=1.8)
    y += 62
    s.text(x, y, f"项目名称：{topic}", size)
    y += 34
    s.text(x, y, f"奖励等级：{YEAR - 1}年度包头市科学技术进步奖{level}", size)
    y += 34
    co_org = cast.coauthors[0].employer if cast.coauthors[0].employer is not emp else cast.coauthors[2].employer
    s.text(x, y, [("完成单位：", None), (emp.official, tg.org(emp)), ("、", None), (co_org.official, tg.org(co_org))],
           s.fit_size(f"完成单位：{emp.official}、{co_org.official}", 622, size))
    y += 34
    s.text(x, y, [("完 成 人：", None)] + _person_tagged_list(tg, team), size)
    y += 34
    s.text(x, y, [("证书编号：", None), (f"{YEAR - 1}-J-{level[0]}-{rng.randint(1, 60):03d}-0{team.index(a) + 1}", None)], size * 0.85)
    s.text(640, 470, [(auth.official, tg.org(auth))], 18, align="center")
    s.text(640, 500, cn_date(YEAR - 1, 12), 16, align="center")
    s.seal(640 + rng.uniform(-15, 15), 470 + rng.uniform(-10, 5), 118, auth.official, T("seal", "other", "seal_authority"))
    pdf, inst = b.finish()
    return BuiltDoc("huojiang", "获奖证书", pdf, inst)


# ====================================================================================================
# 6. 专业技术资格证书（内页）
# ====================================================================================================

def build_zige_zhengshu(cast: Cast, rng: random.Random) -> BuiltDoc:
    a, tg = cast.applicant, Tags(cast)
    emp = a.employer
    b = DocBuilder("zige_zhengshu", rng)
    s = b.new_page(595, 420)
    s.rect((12, 12, 583, 408), 1.2, FORM_BLUE)
    s.page.draw_line((297.5, 20), (297.5, 400), color=(0.6, 0.6, 0.6), width=0.5, dashes="[4] 0")
    # left: photo, authority steel seal, verification QR, holder signature
    pw, ph = 96.0, 128.0
    px0, py0 = 148.75 - pw / 2, 50.0
    s.rect((px0 - 2, py0 - 2, px0 + pw + 2, py0 + ph + 2), 0.6)
    s.image((px0, py0, px0 + pw, py0 + ph), portrait_jpeg(rng), T("photo", "applicant", "portrait"))
    hrss = cast.authorities_by_name("内蒙古自治区人力资源和社会保障厅")
    s.seal(px0 + pw - 5, py0 + ph - 10, 80, hrss.official, T("seal", "other", "seal_authority"), inner="")
    payload = f"ZC|{cast.cert_numbers[0]}|{a.name}|{a.id_number}"
    q = qr_png(payload, 3)
    s.image((40, 300, 100, 360), q, T("qr_code", "applicant", "qr_verification", payload=payload))
    s.text(70, 372, "扫码验真", 8, align="center")
    _signature_label(s, 120, 340, "持证人签名：", T("signature", "applicant", "signature_handwritten"), len(a.name), 10, signer=a.name,
                     w=80)
    # right: fields
    x, y, size, lh = 318.0, 52.0, 10.5, 24.0
    id_form = rng.choice(["id_plain", "id_plain", "id_lower_x"]) if a.id_number.endswith("X") else "id_plain"
    rows: list[list[tuple[str, Tag | None]]] = [
        [("姓　　名：", None), (a.name, tg.name(a))],
        [("性　　别：", None), (a.gender, None)],
        [("出生年月：", None), (f"{a.birth.year}年{a.birth.month}月", None)],
        [("身份证号：", None), (fmt_id(a.id_number, id_form), tg.id("applicant", id_form))],
        [("工作单位：", None), (emp.official, tg.org(emp))],
        [("专　　业：", None), (a.major, None)],
        [("资格名称：", None), (a.title, None)],
        [("评审组织：", None), (cast.review_board, tg.org(cast.review_board))],
        [("批准文号：", None), (f"内人社职字〔{YEAR - 6}〕{rng.randint(20, 300)}号", None)],
        [("管 理 号：", None), (cast.contract_numbers[1], tg.id("other", "decoy_invalid_checksum", role="management_number"))],
        [("证书编号：", None), (cast.cert_numbers[0], None)],
    ]
    for r in rows:
        s.text(x, y, r, s.fit_size(r, 250, size))
        y += lh
    s.text(318, y + 8, [("发证机关：", None), (hrss.official, tg.org(hrss))], 9.5)
    s.text(318, y + 30, f"发证日期：{YEAR - 6}年12月{rng.randint(1, 28)}日", 9.5)
    s.seal(470 + rng.uniform(-10, 10), y + 5, 90, hrss.official, T("seal", "other", "seal_authority"), inner="职称专用章")
    pdf, inst = b.finish()
    return BuiltDoc("zige_zhengshu", "专业技术资格证书", pdf, inst)


# ====================================================================================================
# 7. 继续教育审验卡
# ====================================================================================================

def build_jixu_jiaoyu(cast: Cast, rng: random.Random) -> BuiltDoc:
    a, tg = cast.applicant, Tags(cast)
    emp = a.employer
    b = DocBuilder("jixu_jiaoyu", rng)
    s = b.new_page(cjk=FONT_EMB, latin=None)
    s.text(297.5, 70, "专业技术人员继续教育审验卡", 20, align="center")
    center = cast.authorities_by_name("包头市继续教育中心")
    y, rh = 95.0, 30.0
    cols = [50, 110, 200, 250, 300, 380, 545]
    for i, (v, t) in enumerate([("姓名", None), (a.name, tg.name(a)), ("性别", None), (a.gender, None), ("身份证号", None),
                                (fmt_id(a.id_number, "id_spaced"), tg.id("applicant", "id_spaced"))]):
        s.cell((cols[i], y, cols[i + 1], y + rh), [(v, t)], 10)
    y += rh
    s.cell((50, y, 110, y + rh), "工作单位", 10)
    s.cell((110, y, 300, y + rh), [(emp.aliases[-1] if emp.aliases else emp.official, tg.org(emp.aliases[-1] if emp.aliases else emp.official))], 10)
    s.cell((300, y, 380, y + rh), "专业技术职务", 10)
    s.cell((380, y, 545, y + rh), a.title, 10)
    y += rh
    s.cell((50, y, 110, y + rh), "手机号码", 10)
    s.cell((110, y, 300, y + rh), [(fmt_mobile(a.mobile, "phone_spaced"), tg.phone("applicant", "phone_spaced"))], 10)
    s.cell((300, y, 380, y + rh), "卡号", 10)
    s.cell((380, y, 545, y + rh), [(cast.contract_numbers[2], tg.id("other", "decoy_invalid_checksum", role="card_number"))], 10)
    y += rh + 24
    s.text(50, y, "继续教育学时审验记录", 12)
    y += 10
    hc = [50, 100, 270, 320, 460, 545]
    for i, hd in enumerate(["年度", "学习内容", "学时", "审验单位（盖章）", "审验人"]):
        s.cell((hc[i], y, hc[i + 1], y + 26), hd, 10)
    contents = ["公需科目：专业技术人员职业道德", f"专业科目：{a.major}新技术进展", "公需科目：数字经济与创新驱动", f"专业科目：{a.major}标准规范解读"]
    for k in range(4):
        y += 26
        rh2 = 64
        yr = YEAR - 4 + k
        s.cell((hc[0], y, hc[1], y + rh2), str(yr), 10)
        s.cell((hc[1], y, hc[2], y + rh2), contents[k], 9, align="left")
        s.cell((hc[2], y, hc[3], y + rh2), str(rng.choice([72, 80, 90, 96])), 10)
        s.cell((hc[3], y, hc[4], y + rh2), [(center.official, tg.org(center))], 9)
        s.rect((hc[4], y, hc[5], y + rh2))
        s.signature(hc[4] + 8, y + 18, 68, 28, T("signature", "other", "signature_handwritten", role="auditor"), 2)
        s.seal(hc[3] + 70 + rng.uniform(-25, 25), y + 32 + rng.uniform(-6, 6), 58, center.official,
               T("seal", "other", "seal_authority"), inner=center.seal_inner)
        y += rh2 - 26
    y += 60
    s.paragraph(50, y, 495, [("说明：本卡由持卡人妥善保管，每年审验一次，遗失不补。咨询电话：", None),
                             (cast.authority_landline, tg.phone("other", "landline", role="authority_office")), ("，", None),
                             ("12333", tg.phone("other", "hotline", role="hotline")), ("。", None)], 9.5)
    pdf, inst = b.finish()
    return BuiltDoc("jixu_jiaoyu", "继续教育审验卡", pdf, inst)


# ====================================================================================================
# 8. 业绩总结报告 (prose)
# ====================================================================================================

def build_yeji_baogao(cast: Cast, rng: random.Random) -> BuiltDoc:
    a, tg = cast.applicant, Tags(cast)
    emp = a.employer
    b = DocBuilder("yeji_baogao", rng)
    s = b.new_page()
    s.text(297.5, 80, "专业技术工作业绩总结报告", 20, align="center", bold=True)
    s.text(297.5, 112, [(a.spaced, tg.name(a, "spaced_name"))], 14, align="center")
    s.text(297.5, 134, [("（", None), (emp.official, tg.org(emp)), (a.department[0] + "）", None)], 11, align="center")
    x, w, size = 72.0, 451.0, 12.0
    y = 172.0
    id_para: list[tuple[str, Tag | None]] = [
        ("本人", None), (a.name, tg.name(a)), (f"，{a.gender}，{a.birth.year}年{a.birth.month}月出生，公民身份号码", None),
        (fmt_id(a.id_number, "id_fullwidth"), tg.id("applicant", "id_fullwidth")),
        (f"，{a.work_start.year}年7月毕业后参加工作，现任", None), (emp.short, tg.org(emp.short)),
        (f"{a.department[0]}{a.title}，", None),
    ]
    if len(a.name_aliases) > 1:
        id_para += [("曾用名", None), (a.name_aliases[1], T("name", "applicant", "former_name")), ("，", None)]
    id_para += [(f"{a.work_start.year + 7}年取得{a.title}资格，现申报{a.title_applied}。", None)]
    y = s.paragraph(x, y, w, id_para, size, leading=1.75)[0] + 4
    # the name across a line break
    y = s.paragraph_with_split(
        x, y, w, [("自参加工作以来，本人", None)], FILLER,
        [("其中“", None), (TOPICS[emp.kind][0], None), ("”课题由项目负责人", None),
         (a.name, tg.name(a, splittable=True)), ("牵头，联合", None),
         (cast.decoy_orgs[0].official if cast.decoy_orgs else "北京科技大学", tg.org(cast.decoy_orgs[0].official if cast.decoy_orgs else "北京科技大学")),
         ("共同完成。", None)],
        split_index=3, split_at=len(a.name) - 1, size=size, leading=1.75) + 4
    c0, dec = cast.colleagues[0], cast.name_decoy
    co = cast.coauthors[-1]
    y = s.paragraph(x, y, w, [
        ("在项目实施过程中，本人与同事", None), (c0.name, tg.name(c0)), ("、", None), (cast.colleagues[2].name, tg.name(cast.colleagues[2])),
        ("以及", None), (co.employer.official, tg.org(co.employer)), ("的", None), (co.name, tg.name(co)),
        ("密切合作；", None), (dec.name, tg.name(dec)), (f"{'教授' if dec.employer is not emp else '同志'}（", None),
        (dec.employer.official, tg.org(dec.employer)), ("）负责检测分析工作。", None),
    ], size, leading=1.75)[0] + 4
    plus_form = rng.choice(["phone_plus86", "phone_plus86_compact"])
    contact: list[tuple[str, Tag | None]] = [
        ("联系方式：手机", None), (fmt_mobile(a.mobile, plus_form), tg.phone("applicant", plus_form)),
        ("（境外请拨", None), (fmt_mobile(a.mobile, "phone_0086"), tg.phone("applicant", "phone_0086")), ("），", None),
    ]
    if len(a.phones) > 1 and a.phones[1].startswith("1"):
        contact += [("备用手机", None), (fmt_mobile(a.phones[1], "phone_paren86"), tg.phone("applicant", "phone_paren86")), ("，", None)]
    land = [p for p in a.phones if p.startswith("0")]
    if land:
        contact += [("家庭电话", None), (fmt_landline(land[0], "landline_fullparen"), tg.phone("applicant", "landline_fullparen")), ("，", None)]
    contact += [("电子邮箱", None), (a.email, tg.email("applicant")), ("；单位人事部门电话", None),
                (cast.hr_landline, tg.phone("other", "landline", role="employer_office")), ("，政策咨询可拨打", None),
                ("12333", tg.phone("other", "hotline", role="hotline")), ("。", None)]
    y = s.paragraph(x, y, w, contact, size, leading=1.75)[0] + 4
    y = s.paragraph(x, y, w, [("所承担项目的合同编号为", None),
                              (cast.contract_numbers[0], tg.id("other", "decoy_invalid_checksum", role="contract_number")),
                              ("，项目已通过", None), (cast.authorities_by_name("内蒙古自治区科学技术厅").official,
                                                   tg.org("内蒙古自治区科学技术厅")), ("组织的验收。", None)], size, leading=1.75)[0]
    # -- page 2 --
    s = b.new_page()
    y = 80.0
    s.text(x, y, "一、主要专业技术工作业绩", 13, bold=True)
    y += 26
    items = [
        f"1. 主持完成“{TOPICS[emp.kind][0]}”项目，成果在生产中推广应用。",
        "2. 参与制定企业标准两项、行业标准一项，获授权发明专利两件。",
        f"3. 以第一作者在《{TOPICS[emp.kind][2]}》等期刊发表论文五篇。",
    ]
    for it in items:
        y = s.paragraph(x, y, w, it, size, leading=1.75, indent=0)[0]
    y = s.paragraph(x, y + 4, w, [("以上成果得到了", None), (emp.aliases[-1] if emp.aliases else emp.official,
                                                      tg.org(emp.aliases[-1] if emp.aliases else emp.official)),
                                  ("领导和同事的充分肯定，其中第二项成果与", None), (cast.coauthors[1].name, tg.name(cast.coauthors[1])),
                                  ("合作完成。", None)], size, leading=1.75)[0]
    y += 20
    s.text(x, y, "二、今后工作设想", 13, bold=True)
    y = s.paragraph(x, y + 26, w, "今后将继续立足本职岗位，加强新技术、新工艺的研究与应用，发挥传帮带作用，为单位高质量发展贡献力量。",
                    size, leading=1.75)[0]
    y += 40
    s.text(330, y, [("报告人：", None), (a.spaced, tg.name(a, "spaced_name"))], 12)
    _signature_label(s, 330, y + 36, "签名：", T("signature", "applicant", "signature_handwritten"), len(a.name), 12, signer=a.name)
    s.text(330, y + 66, [("身份证号：", None), (fmt_id(a.id_number, "id_spaced"), tg.id("applicant", "id_spaced"))], 10.5)
    s.text(330, y + 86, [("联系电话：", None), (fmt_mobile(a.mobile, "phone_dashed"), tg.phone("applicant", "phone_dashed"))], 10.5)
    s.text(330, y + 106, f"{YEAR}年6月{rng.randint(1, 28)}日", 12)
    y += 150
    s.rect((x, y, x + w, y + 120))
    s.text(x + 10, y + 24, "单位审核意见：以上情况属实。", 12)
    _signature_label(s, x + 10, y + 90, "审核人：", T("signature", "other", "signature_handwritten", role="reviewer"), 3, 12,
                     signer=cast.reviewer.name)
    s.text(x + 280, y + 100, "（单位盖章）", 12)
    s.seal(x + 330 + rng.uniform(-20, 20), y + 70, 110, emp.official, T("seal", "applicant", "seal_employer"), inner=emp.seal_inner)
    pdf, inst = b.finish()
    return BuiltDoc("yeji_baogao", "业绩总结报告", pdf, inst)


# ====================================================================================================
# 9. 公示报告
# ====================================================================================================

def build_gongshi(cast: Cast, rng: random.Random) -> BuiltDoc:
    a, tg = cast.applicant, Tags(cast)
    emp = a.employer
    b = DocBuilder("gongshi", rng)
    s = b.new_page(cjk=FONT_EMB, latin=None)
    auth = cast.authorities_by_name("包头市人力资源和社会保障局")
    series = TOPICS[emp.kind][4]
    s.text(297.5, 80, f"关于{YEAR}年度{series}系列高级专业技术职务", 16, align="center")
    s.text(297.5, 104, "任职资格评审通过人员的公示", 16, align="center")
    y = s.paragraph(60, 140, 475, [(f"根据职称评审工作有关规定，经{cast.review_board}评审，以下人员通过{series}系列高级专业技术职务任职资格评审，现予以公示。", None)],
                    11, leading=1.8)[0] + 6
    people: list[Person] = list(cast.other_applicants)
    people.insert(rng.randint(0, len(people)), a)
    hc = [60, 100, 160, 200, 380, 450, 535]
    for i, hd in enumerate(["序号", "姓名", "性别", "工作单位", "专业", "资格名称"]):
        s.cell((hc[i], y, hc[i + 1], y + 24), hd, 10.5)
    for k, p in enumerate(people):
        y += 24
        is_a = p is a
        org_tag = tg.org(p.employer, shared=not is_a)
        _, t_applied, major = rng.choice(TITLES.get(p.employer.kind, TITLES["enterprise"]))
        vals: list[list[tuple[str, Tag | None]]] = [
            [(str(k + 1), None)], [(p.name, tg.name(p))], [(p.gender, None)], [(p.employer.official, org_tag)],
            [(a.major if is_a else major, None)], [(a.title_applied if is_a else t_applied, None)],
        ]
        for i, v in enumerate(vals):
            s.cell((hc[i], y, hc[i + 1], y + 24), v, 10)
    y += 50
    y = s.paragraph(60, y, 475, [("公示期为5个工作日。公示期间，如对公示人员有异议，请以书面形式向", None), (auth.official, tg.org(auth)),
                                 ("反映。联系电话：", None), (fmt_landline(cast.authority_landline, "landline_paren"),
                                                         tg.phone("other", "landline_paren", role="authority_office")),
                                 ("；监督电话：", None), ("12345", tg.phone("other", "hotline", role="hotline")), ("。", None)],
                    11, leading=1.8)[0]
    y += 40
    s.text(420, y, [(auth.official, tg.org(auth))], 12, align="center")
    s.text(420, y + 24, f"{YEAR}年8月{rng.randint(1, 28)}日", 12, align="center")
    s.seal(420 + rng.uniform(-15, 15), y, 112, auth.official, T("seal", "other", "seal_authority"), inner=auth.seal_inner)
    pdf, inst = b.finish()
    return BuiltDoc("gongshi", "评审结果公示", pdf, inst)


# ====================================================================================================
# 10. 居民身份证复印件 (digital page with pasted scans of the card) -- a "mixed" page by nature
# ====================================================================================================

CARD_W, CARD_H = 242.65, 153.07      # 85.6 mm x 54 mm


def _card_front(cast: Cast, rng: random.Random) -> tuple[bytes, list[Instance]]:
    a, tg = cast.applicant, Tags(cast)
    b = DocBuilder("card", rng, prefix="card")
    s = b.new_page(CARD_W, CARD_H, cjk=FONT_REF, latin="helv")
    s.rect((0, 0, CARD_W, CARD_H), 0, None, fill=(0.93, 0.95, 0.97))
    lab = (0.2, 0.35, 0.55)
    s.text(14, 28, "姓  名", 7, color=lab)
    s.text(44, 28, [(a.name, tg.name(a))], 10)
    s.text(14, 46, "性  别", 7, color=lab)
    s.text(44, 46, a.gender, 8)
    s.text(74, 46, "民  族", 7, color=lab)
    s.text(100, 46, "汉", 8)
    s.text(14, 64, "出  生", 7, color=lab)
    s.text(44, 64, f"{a.birth.year}  年  {a.birth.month}  月  {a.birth.day}  日", 8)
    s.text(14, 82, "住  址", 7, color=lab)
    addr = f"{a.native_place.replace('内蒙古', '内蒙古自治区')}市{rng.choice(['钢铁大街', '阿尔丁大街', '民族东路', '少先路'])}{rng.randint(1, 99)}号"
    s.text(44, 82, addr[:13], 7.5)
    s.text(44, 94, addr[13:] + f"{rng.randint(1, 30)}栋{rng.randint(1, 6)}单元{rng.randint(101, 1802)}号", 7.5)
    s.text(14, 132, "公民身份号码", 7, color=lab)
    s.text(70, 132, [(a.id_number, tg.id("applicant", "id_plain"))], 10.5)
    s.image((160, 18, 230, 111), portrait_jpeg(rng, 180), T("photo", "applicant", "portrait"))
    return b.finish()


def _card_back(cast: Cast, rng: random.Random) -> tuple[bytes, list[Instance]]:
    tg = Tags(cast)
    b = DocBuilder("card", rng, prefix="cardb")
    s = b.new_page(CARD_W, CARD_H, cjk=FONT_REF, latin="helv")
    s.rect((0, 0, CARD_W, CARD_H), 0, None, fill=(0.95, 0.96, 0.93))
    s.page.draw_circle((40, 42), 22, color=(0.8, 0.2, 0.2), width=2)
    s.text(160, 40, "中华人民共和国", 12, align="center")
    s.text(160, 72, "居 民 身 份 证", 16, align="center")
    police = f"{cast.applicant.native_place[3:] or '包头'}市公安局{rng.choice(['昆都仑区', '青山区', '东河区', '九原区'])}分局"
    s.text(20, 115, "签发机关", 7)
    s.text(60, 115, [(police, T("employer", "other", "issuing_authority"))], 8)
    s.text(20, 135, "有效期限", 7)
    y0 = rng.randint(2012, 2020)
    s.text(60, 135, f"{y0}.0{rng.randint(1, 9)}.{rng.randint(10, 28)}-{y0 + 20}.0{rng.randint(1, 9)}.{rng.randint(10, 28)}", 8)
    return b.finish()


def build_id_card_copy(cast: Cast, rng: random.Random) -> BuiltDoc:
    from .render import paste_scan
    b = DocBuilder("id_card_copy", rng)
    s = b.new_page()
    s.text(297.5, 80, "居民身份证复印件", 18, align="center")
    scale = 1.45
    w, h = CARD_W * scale, CARD_H * scale
    x0 = (595 - w) / 2
    for k, maker in enumerate((_card_front, _card_back)):
        pdf, inst = maker(cast, rng)
        rect = (x0, 120 + k * (h + 40), x0 + w, 120 + k * (h + 40) + h)
        for d in paste_scan(s.page, rect, pdf, [i.to_dict() for i in inst], rng, dpi=200, max_angle=1.5):
            b.add_region(1, d["bbox"], T(d["category"], d["owner"], d["form"], **{k2: v for k2, v in d.items()
                                                                               if k2 not in ("id", "category", "owner", "form", "page", "bbox", "text")}),
                         d["text"])
    s.text(297.5, 120 + 2 * (h + 40) + 10, f"本复印件仅供{YEAR}年度职称申报使用，再复印无效。", 11, align="center",
           color=(0.3, 0.3, 0.3))
    pdf, inst = b.finish()
    return BuiltDoc("id_card_copy", "身份证复印件", pdf, inst, page_kinds={1: "mixed"})


# ---------------------------------------------------------------------------------------------------

BUILDERS: dict[str, Callable[[Cast, random.Random], BuiltDoc]] = {
    "pingshen_biao": build_pingshen_biao,
    "songshen_biao": build_songshen_biao,
    "niandu_kaohe": build_niandu_kaohe,
    "lunwen": build_lunwen,
    "huojiang": build_huojiang,
    "zige_zhengshu": build_zige_zhengshu,
    "jixu_jiaoyu": build_jixu_jiaoyu,
    "yeji_baogao": build_yeji_baogao,
    "gongshi": build_gongshi,
    "id_card_copy": build_id_card_copy,
}
DOC_TITLES = {
    "pingshen_biao": "专业技术职称评审表", "songshen_biao": "送审表", "niandu_kaohe": "年度考核表", "lunwen": "论文首页",
    "huojiang": "获奖证书", "zige_zhengshu": "职称资格证书", "jixu_jiaoyu": "继续教育审验卡", "yeji_baogao": "业绩总结报告",
    "gongshi": "公示报告", "id_card_copy": "身份证复印件",
}

