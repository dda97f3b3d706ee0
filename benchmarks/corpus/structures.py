"""Documents whose owners only the page's structure tells apart (issue 49), drawn with PyMuPDF.

Each is a layout the ownership decision must read by its structure, not by a nearby word:

- ``ganbu_renmian``: a 干部任免审批表 whose photo cell (no 照片 label in it) heads the form, and whose
  家庭主要成员及重要社会关系 table -- family members with the applicant's surname, with employers of their own --
  lies right under it: the portrait is the form's subject's, whatever name is nearest;
- ``xiangmu_renwushu``: a project task book's member table, where a colleague's row prints the applicant's employer
  (the employer's name there identifies the applicant's unit: it goes) and a partner's member prints the partner;
  its signature page asks for the 项目负责人's signature (the applicant's), the 承担单位's stamp (the employer's),
  the 合作单位's stamp and its head's signature (a partner of the same city and kind: they stay);
- ``jixu_jiaoyu_zhengshu``: a continuing-education certificate whose issuing body stamps over the holder's
  工作单位 line; the stamp is the issuer's, the unit's name under it is the applicant's.

A new random stream: these types are their own subset (``benchmarks.run --subset structure``), and the dossiers
of the other subsets never draw them (``catalog.STRUCTURE`` is not among ``VARIETY``), so every existing seed keeps
its documents.  Synthetic people only.
"""

from __future__ import annotations

import random
from typing import Callable

from .documents import YEAR, BuiltDoc, Tags, cn_date, fmt_id, fmt_mobile
from .draw import DocBuilder, T
from .layouts import _employer_seal, _font, _other_seal, _photo, _sig_tag, font_file
from .people import PARTNER_ORGS, SURNAMES, Cast, make_person

__all__ = ["BUILDERS", "DOC_TITLES"]


def build_ganbu_renmian(cast: Cast, rng: random.Random) -> BuiltDoc:
    a, tg = cast.applicant, Tags(cast)
    emp = a.employer
    font = _font(rng)
    b = DocBuilder("ganbu_renmian", rng)
    s = b.new_page(cjk=font, latin=None)
    s.text(297.5, 60, "干部任免审批表", 20, align="center")
    x0, x1 = 50.0, 545.0
    hr = 30.0
    y = 80.0
    cols = [x0, 100, 185, 230, 290, 345, 430]
    photo_cell = (430.0, y, x1, y + 4 * hr)
    s.rect(photo_cell)
    _photo(s, photo_cell, "small2inch", rng, T("photo", "applicant", "portrait_in_cell", cell="no_label"))
    s.cell((cols[0], y, cols[1], y + hr), "姓名", 10)
    s.cell((cols[1], y, cols[2], y + hr), [(a.name, tg.name(a))], 12)
    s.cell((cols[2], y, cols[3], y + hr), "性别", 10)
    s.cell((cols[3], y, cols[4], y + hr), a.gender, 10)
    s.cell((cols[4], y, cols[5], y + hr), "出生年月", 9)
    s.cell((cols[5], y, cols[6], y + hr), a.birth_ym, 10)
    y += hr
    s.cell((cols[0], y, cols[1], y + hr), "民族", 10)
    s.cell((cols[1], y, cols[2], y + hr), "汉族", 10)
    s.cell((cols[2], y, cols[3], y + hr), "籍贯", 10)
    s.cell((cols[3], y, cols[6], y + hr), a.native_place, 10)
    y += hr
    s.cell((cols[0], y, cols[1], y + hr), "手机", 10)
    form = rng.choice(["phone_plain", "phone_spaced"])
    s.cell((cols[1], y, cols[6], y + hr), [(fmt_mobile(a.mobile, form), tg.phone("applicant", form))], 11)
    y += hr
    s.cell((cols[0], y, cols[1], y + hr), "现任职务", 9)
    s.cell((cols[1], y, cols[6], y + hr), [(emp.official, tg.org(emp)), (a.title or "工程师", None)], 10.5)
    y += hr
    # 家庭主要成员及重要社会关系, right under the photo: relatives with the applicant's surname nearest it
    kin = a.surname if a.surname in SURNAMES else None       # (a name in words has no surname to share)
    rows = [("父亲", make_person(rng, rng.choice(cast.decoy_orgs), surname=kin, female=False, role="family")),
            ("母亲", make_person(rng, rng.choice(cast.decoy_orgs), female=True, role="family")),
            ("配偶", make_person(rng, rng.choice(cast.decoy_orgs), female=a.gender == "男", role="family")),
            ("女儿", make_person(rng, cast.decoy_orgs[0], surname=kin, female=True, role="family"))]
    top = y
    head = [(x0 + 30, 100), (100, 160), (160, 230), (230, 290), (290, x1)]
    for (c0, c1), label in zip(head, ("称谓", "姓名", "出生年月", "政治面貌", "工作单位及职务")):
        s.cell((c0, y, c1, y + hr), label, 9.5)
    y += hr
    for rel, p in rows:
        s.cell((head[0][0], y, head[0][1], y + hr), rel, 10)
        s.cell((head[1][0], y, head[1][1], y + hr), [(p.name, tg.name(p))], 10.5)
        s.cell((head[2][0], y, head[2][1], y + hr), p.birth.strftime("%Y.%m"), 10)
        s.cell((head[3][0], y, head[3][1], y + hr), rng.choice(["中共党员", "群众"]), 10)
        s.cell((head[4][0], y, head[4][1], y + hr), [(p.employer.official, tg.org(p.employer))], 10)
        y += hr
    s.label_cell((x0, top, x0 + 30, y), list("家庭主要成员及重要社会关系"), 8.5, leading=1.25)
    y += 20
    s.text(x0, y + 12, [("填表人：", None), (cast.reviewer.name, tg.name(cast.reviewer)), ("　　", None),
                        ("联系电话：", None), (cast.hr_landline, tg.phone("other", "landline", role="employer_office"))], 10)
    pdf, inst = b.finish()
    return BuiltDoc("ganbu_renmian", "干部任免审批表（照片格、家庭成员表）", pdf, inst, meta={"font": font_file(font)})


def build_xiangmu_renwushu(cast: Cast, rng: random.Random) -> BuiltDoc:
    a, tg = cast.applicant, Tags(cast)
    emp = a.employer
    partner = rng.choice(PARTNER_ORGS[emp.official])
    colleague = cast.colleagues[1] if len(cast.colleagues) > 1 else cast.colleagues[0]
    outsider = make_person(rng, partner, role="partner_member")
    font = _font(rng)
    b = DocBuilder("xiangmu_renwushu", rng)
    s = b.new_page(cjk=font, latin=None)
    s.text(297.5, 60, f"{YEAR}年度科技计划项目任务书", 18, align="center")
    x0, x1 = 60.0, 535.0
    y = 90.0
    hr = 30.0
    s.cell((x0, y, 150, y + hr), "承担单位", 10.5)
    s.cell((150, y, x1, y + hr), [(emp.official, tg.org(emp))], 11, align="left")
    y += hr
    s.cell((x0, y, 150, y + hr), "合作单位", 10.5)
    s.cell((150, y, x1, y + hr), [(partner.official, tg.org(partner, "org_partner"))], 11, align="left")
    y += hr + 18
    s.text(x0, y, "项目组主要成员", 12)
    y += 8
    cols = [(x0, 95), (95, 165), (165, 385), (385, 455), (455, x1)]
    for (c0, c1), label in zip(cols, ("序号", "姓名", "工作单位", "职称", "分工")):
        s.cell((c0, y, c1, y + hr), label, 10)
    y += hr
    members = [(a, emp, "项目负责人"), (colleague, emp, "试验研究"), (outsider, partner, "现场应用")]
    for i, (p, org, duty) in enumerate(members, 1):
        s.cell((cols[0][0], y, cols[0][1], y + hr), str(i), 10)
        s.cell((cols[1][0], y, cols[1][1], y + hr), [(p.name, tg.name(p))], 10.5)
        # the employer printed in a colleague's row is the applicant's unit all the same (issue 49, class 2)
        org_tag = tg.org(org, "org_partner") if org is partner else tg.org(org)
        s.cell((cols[2][0], y, cols[2][1], y + hr), [(org.official, org_tag)], 10)
        s.cell((cols[3][0], y, cols[3][1], y + hr), p.title or rng.choice(["高级工程师", "工程师"]), 10)
        s.cell((cols[4][0], y, cols[4][1], y + hr), duty, 10)
        y += hr
    # the signature page: one row per party, each with its label and its mark
    y += 40
    box_h = 118.0
    for label, kind in (("承担单位（盖章）", "own_seal"), ("合作单位（盖章）", "partner_seal")):
        s.rect((x0, y, x1, y + box_h))
        s.text(x0 + 8, y + 20, label, 11)
        cx = x0 + 300 + rng.uniform(-15, 15)
        if kind == "own_seal":
            _employer_seal(s, cx, y + box_h / 2 + 4, 96, emp, rng)
            _sig_row(s, x0 + 8, y + box_h - 14, "项目负责人（签字）：", _sig_tag("applicant"), a.name)
        else:
            _other_seal(s, cx, y + box_h / 2 + 4, 96, partner, rng, "seal_partner")
            _sig_row(s, x0 + 8, y + box_h - 14, "合作单位负责人（签字）：", _sig_tag("other", "partner_head"),
                     outsider.name)
        s.text(x1 - 110, y + box_h - 14, cn_date(YEAR, rng.randint(1, 6), rng.randint(1, 28)), 10)
        y += box_h + 12
    pdf, inst = b.finish()
    return BuiltDoc("xiangmu_renwushu", "项目任务书（成员表、签字盖章页）", pdf, inst, meta={"font": font_file(font)})


def _sig_row(s, x: float, y: float, label: str, tag, signer: str) -> None:  # noqa: ANN001 - a draw.Sheet
    end = s.text(x, y, label, 10.5)
    s.signature(end + 6, y - 22, 72, 26, tag, n_glyphs=3, signer=signer)


def build_jixu_jiaoyu_zhengshu(cast: Cast, rng: random.Random) -> BuiltDoc:
    a, tg = cast.applicant, Tags(cast)
    emp = a.employer
    issuer = cast.authorities[rng.randrange(len(cast.authorities))]
    font = _font(rng)
    b = DocBuilder("jixu_jiaoyu_zhengshu", rng)
    s = b.new_page(842.0, 595.0, cjk=font, latin=None)
    frame = (0.55, 0.35, 0.1)
    s.rect((30, 30, 812, 565), 3, frame)
    s.text(421, 110, "专业技术人员继续教育合格证书", 26, align="center")
    y = 180.0
    s.text(120, y, [("兹证明", None), (a.name, tg.name(a)), ("同志（身份证号：", None),
                    (fmt_id(a.id_number, "id_plain"), tg.id("applicant", "id_plain")), ("）", None)], 14)
    y += 44
    unit_y = y
    s.text(120, y, [("工作单位：", None), (emp.official, tg.org(emp))], s.fit_size(f"工作单位：{emp.official}", 600, 14))
    y += 44
    s.paragraph(120, y, 600, [(f"于{YEAR - 1}年参加专业技术人员继续教育，完成规定学时", None),
                              (f"{rng.choice([72, 90, 96])}学时，经考核合格，特发此证。", None)], 14, leading=1.9)
    # the issuing body signs at the foot, and stamps over the holder's 工作单位 line (issue 49, class 3)
    s.text(640, 470, [(issuer.official, tg.org(issuer))], s.fit_size(issuer.official, 280, 13), align="center")
    s.text(640, 496, cn_date(YEAR - 1, 12, rng.randint(1, 28)), 12, align="center")
    _other_seal(s, 120 + rng.uniform(150, 260), unit_y - 5 + rng.uniform(-6, 6), 104, issuer, rng)
    s.text(421, 545, [("证书编号：", None), (cast.cert_numbers[0], None)], 10, align="center")
    pdf, inst = b.finish()
    return BuiltDoc("jixu_jiaoyu_zhengshu", "继续教育合格证书（发证机构印章压在工作单位行上）", pdf, inst,
                    meta={"font": font_file(font)})


BUILDERS: dict[str, Callable[[Cast, random.Random], BuiltDoc]] = {
    "ganbu_renmian": build_ganbu_renmian,
    "xiangmu_renwushu": build_xiangmu_renwushu,
    "jixu_jiaoyu_zhengshu": build_jixu_jiaoyu_zhengshu,
}
DOC_TITLES = {
    "ganbu_renmian": "干部任免审批表（照片格、家庭成员表）",
    "xiangmu_renwushu": "项目任务书（成员表、签字盖章页）",
    "jixu_jiaoyu_zhengshu": "继续教育合格证书（印章压在工作单位行上）",
}
