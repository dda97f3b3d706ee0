"""Web forms printed to PDF, as applicants print an online 申报 system's page: an HTML form
(tables, a portrait, signatures and the employer's seal pasted as pictures, the system's QR
code) printed by headless Chromium (``--print-to-pdf``) with whatever CJK fonts the machine has.

Chromium is another producer than any of ours: with an OpenType/CFF CJK face (Noto CJK) it
draws the CJK text as Type 3 fonts of a few glyphs each, maps some characters to Kangxi radicals
(工 as ⼯) in its ToUnicode maps, and tags the page (StructTreeRoot).  The ground truth is read
back from the printed PDF as for the Word forms (``word.locate``: values among the page's
characters, NFKC per character; pictures by their unique pixel size).  When Chromium is missing
the builder raises ``WebUnavailable`` and the generator skips the document with a note.
"""

from __future__ import annotations

import base64
import html
import io
import random
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from .documents import TOPICS, YEAR, BuiltDoc, Tags, fmt_id, fmt_mobile
from .draw import T, Tag, qr_png
from .people import Cast
from .styles import cjk_fonts, portrait_variant, random_seal_style, seal_png_styled, signature_png
from .word import _Pic, locate

WEB_UNAVAILABLE_NOTE = ("Chromium is not installed, so the browser-printed web forms are skipped; "
                        "`apt-get install -y chromium` (or `make install-test`) adds it")


class WebUnavailable(RuntimeError):
    """Chromium is not installed: the browser-printed documents cannot be made."""


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def html_to_pdf(page: str, timeout: float = 120) -> bytes:
    exe = chromium()
    if exe is None:
        raise WebUnavailable("Chromium is not installed")
    with tempfile.TemporaryDirectory(prefix="corpus-web-") as tmp:
        src, out = Path(tmp) / "form.html", Path(tmp) / "form.pdf"
        src.write_text(page, encoding="utf-8")
        subprocess.run([exe, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                        f"--user-data-dir={tmp}/profile", f"--print-to-pdf={out}", src.as_uri()],
                       capture_output=True, timeout=timeout, check=False)
        if not out.exists() or out.stat().st_size == 0:
            raise RuntimeError("Chromium printed no PDF")
        return out.read_bytes()


@dataclass
class HtmlForm:
    """An HTML page plus the tagged values and pictures put into it (what ``word.locate`` reads)."""

    rng: random.Random
    values: list[tuple[str, Tag]] = field(default_factory=list)
    pics: list[_Pic] = field(default_factory=list)
    _sizes: set[tuple[int, int]] = field(default_factory=set)

    def text(self, *parts: tuple[str, Tag | None] | str) -> str:
        out = []
        for part in parts:
            text, tag = (part, None) if isinstance(part, str) else part
            if tag is not None:
                self.values.append((text, tag))
            out.append(html.escape(text))
        return "".join(out)

    def picture(self, png: bytes, width_pt: float, tag: Tag | None, text: str = "", crop: bool = False,
                style: str = "") -> str:
        """An <img> of a unique pixel size (so it can be found again), ``width_pt`` wide."""
        from PIL import Image

        im = Image.open(io.BytesIO(png))
        if crop and im.mode == "RGBA":
            bb = im.getchannel("A").point(lambda v: 255 if v > 24 else 0).getbbox()
            if bb:
                im = im.crop(bb)
        w, h = im.size
        while (w, h) in self._sizes:
            w += 1
        self._sizes.add((w, h))
        if (w, h) != im.size:
            im = im.resize((w, h), Image.LANCZOS)
        buf = io.BytesIO()
        fmt = "PNG" if im.mode in ("RGBA", "LA", "P") or png[:4] == b"\x89PNG" else "JPEG"
        im.save(buf, fmt, **({"quality": 90} if fmt == "JPEG" else {}))
        self.pics.append(_Pic(buf.getvalue(), (w, h), tag, text))
        uri = f"data:image/{fmt.lower()};base64,{base64.b64encode(buf.getvalue()).decode()}"
        return f'<img src="{uri}" style="width:{width_pt:.1f}pt;{style}">'


_CSS = """
@page {{ size: A4; margin: 18mm 16mm; }}
body {{ font-family: "{font}", sans-serif; font-size: {size}pt; color: #111; }}
h1 {{ font-size: 17pt; text-align: center; margin: 0 0 4pt; }}
.sub {{ text-align: center; color: #444; margin-bottom: 10pt; }}
table {{ border-collapse: collapse; width: 100%; margin: 6pt 0 10pt; }}
td, th {{ border: 0.8pt solid #333; padding: 4pt 5pt; vertical-align: middle; }}
th {{ background: #eef1f6; font-weight: normal; white-space: nowrap; }}
.label {{ background: #f6f6f6; white-space: nowrap; width: 5.5em; }}
.photo {{ text-align: center; width: 7.5em; }}
.section {{ font-weight: bold; margin-top: 8pt; }}
.stamp {{ position: relative; height: 80pt; }}
.stamp img {{ position: absolute; }}
.footer {{ display: flex; justify-content: space-between; align-items: center; color: #555; font-size: 9pt; }}
"""


def build_web_shenbao(cast: Cast, rng: random.Random) -> BuiltDoc:
    """职称申报表 printed from the online system: the same data as the Word form, another producer."""
    if chromium() is None:
        raise WebUnavailable("Chromium is not installed")
    a, tg = cast.applicant, Tags(cast)
    emp = a.employer
    font = rng.choice([f for _, f in cjk_fonts()] or ["Droid Sans Fallback"])
    f = HtmlForm(rng)
    pw = rng.choice([72.0, 85.0, 99.0])
    data, look = portrait_variant(rng, int(pw * 2.6))
    photo = f.picture(data, pw, T("photo", "applicant", "portrait_web", look=look))
    phone_form = rng.choice(["phone_dashed", "phone_plain", "phone_spaced"])
    ws = a.work_start.year
    rows = [
        f'<tr><td class="label">姓名</td><td>{f.text((a.name, tg.name(a)))}</td><td class="label">性别</td>'
        f'<td>{f.text(a.gender)}</td><td class="photo" rowspan="4">{photo}</td></tr>',
        f'<tr><td class="label">出生年月</td><td>{f.text(a.birth_ym)}</td><td class="label">参加工作时间</td>'
        f'<td>{ws}.07</td></tr>',
        f'<tr><td class="label">身份证号</td><td colspan="3">'
        f'{f.text((fmt_id(a.id_number, "id_plain"), tg.id("applicant", "id_plain")))}</td></tr>',
        f'<tr><td class="label">工作单位</td><td colspan="3">{f.text((emp.official, tg.org(emp)))}'
        f'{f.text(" " + a.department[0])}</td></tr>',
        f'<tr><td class="label">手机号码</td><td>{f.text((fmt_mobile(a.mobile, phone_form), tg.phone("applicant", phone_form)))}'
        f'</td><td class="label">电子邮箱</td><td colspan="2">{f.text((a.email, tg.email("applicant")))}</td></tr>',
        f'<tr><td class="label">现任职务</td><td>{f.text(a.title)}</td><td class="label">单位电话</td><td colspan="2">'
        f'{f.text((cast.hr_landline, tg.phone("other", "landline", role="employer_office")))}</td></tr>',
    ]
    history = [f"<tr><th>起止年月</th><th>工作单位及部门</th><th>职务</th></tr>",
               f"<tr><td>{ws}.07—{ws + 7}.12</td><td>{f.text((emp.official, tg.org(emp)))}{f.text(a.department[0])}</td>"
               f"<td>技术员</td></tr>",
               f"<tr><td>{ws + 7}.12—至今</td><td>{f.text((emp.short, tg.org(emp.short)))}{f.text(a.department[0])}</td>"
               f"<td>{f.text(a.title)}</td></tr>"]
    recs = ["<tr><th>姓名</th><th>工作单位</th><th>联系电话</th><th>推荐人签名</th></tr>"]
    for rec in cast.recommenders:
        png, (x0, _, x1, _) = signature_png(rng, 80, 26, len(rec.name), (0.05, 0.05, 0.1), background=rng.random() < 0.5)
        sig = f.picture(png, x1 - x0, T("signature", "other", "signature_web", role="recommender"), rec.name)
        recs.append(f"<tr><td>{f.text((rec.name, tg.name(rec)))}</td><td>{f.text((rec.employer.official, tg.org(rec.employer)))}</td>"
                    f"<td>{f.text((rec.mobile, tg.phone('other', 'phone_plain', role='recommender')))}</td><td>{sig}</td></tr>")
    png, (x0, _, x1, _) = signature_png(rng, 90, 30, len(a.name), (0.05, 0.1, 0.4), background=rng.random() < 0.5)
    own_sig = f.picture(png, x1 - x0, T("signature", "applicant", "signature_web"), a.name)
    boss = cast.colleagues[-1]
    png, (x0, _, x1, _) = signature_png(rng, 80, 26, 3, (0.05, 0.05, 0.1))
    reviewer_sig = f.picture(png, x1 - x0, T("signature", "other", "signature_web", role="reviewer"), cast.reviewer.name)
    png, (x0, _, x1, _) = signature_png(rng, 80, 26, len(boss.name), (0.05, 0.05, 0.1))
    boss_sig = f.picture(png, x1 - x0, T("signature", "other", "signature_web", role="supervisor"), boss.name)
    style = random_seal_style(rng, allow_faint=False)
    seal, _, _ = seal_png_styled(emp.official, emp.seal_inner, style, rng, rotate=rng.uniform(-15, 15), px=300)
    stamp = f.picture(seal, 100, T("seal", "applicant", "seal_employer_web", design=style.label), emp.official,
                      crop=True, style=f"left:{rng.uniform(60, 200):.0f}pt;top:-10pt;opacity:0.92")
    payload = f"https://zc.example.gov.cn/form/{rng.randrange(10**8):08d}"
    qr = f.picture(qr_png(payload, 4), 56, T("qr_code", "other", "qr_system", payload=payload))
    day = rng.randint(1, 28)
    sign = [f'<tr><td class="label">申请人签名</td><td>{own_sig}</td><td class="label">日期</td>'
            f'<td>{YEAR}年6月{day}日</td></tr>',
            f'<tr><td class="label">审核人</td><td>{reviewer_sig}</td><td class="label">负责人</td><td>{boss_sig}</td></tr>',
            f'<tr><td class="label">单位意见</td><td colspan="3" class="stamp">同意推荐。（'
            f'{f.text((emp.short, tg.org(emp.short)))}盖章）{stamp}</td></tr>']
    body = (f"<h1>{YEAR}年度专业技术职务任职资格申报表</h1>"
            f'<div class="sub">申报系列：{TOPICS[emp.kind][4]}　　申报资格：{html.escape(a.title_applied)}</div>'
            f"<table>{''.join(rows)}</table><div class=\"section\">主要工作经历</div><table>{''.join(history)}</table>"
            f"<div class=\"section\">推荐人</div><table>{''.join(recs)}</table><table>{''.join(sign)}</table>"
            f'<div class="footer"><span>本表由职称申报系统生成，打印后请核对。</span>{qr}</div>')
    css = _CSS.format(font=font, size=rng.choice([10.5, 11, 12]))
    # the page's title becomes the PDF's Title: an online system often puts the applicant's name there
    title = rng.choice([f"{a.name}的职称申报表 - 职称评审申报系统", "职称评审申报系统", "打印申报表"])
    page = (f'<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
            f'<style>{css}</style></head><body>{body}</body></html>')
    pdf = html_to_pdf(page)
    inst = locate(pdf, f, "web_shenbao", nfkc=True)  # type: ignore[arg-type]
    return BuiltDoc("web_shenbao", "职称申报表（网页打印）", pdf, inst, meta={"html": page, "font": font})


BUILDERS: dict[str, Callable[[Cast, random.Random], BuiltDoc]] = {"web_shenbao": build_web_shenbao}
DOC_TITLES = {"web_shenbao": "职称申报表（网页打印）"}
