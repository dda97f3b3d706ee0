"""A work summary (专业技术工作业绩总结) with figures: the pictures that are evidence, not a person.

Issue 41's class 2: in a 业绩总结 the applicant shows the work -- a chart, a micrograph, a photo of
the equipment or the product -- right under the line that names them (申报人 …, 工作单位 …), with
captions that say 照片 (图2 现场设备照片).  None of it is a portrait, and all of it must stay.
The photos are sample images shipped inside scikit-image (a rocket on its pad, a motorcycle, a
clock, coins, a coffee cup): nothing downloaded, no person in them.

Kept in its own module and appended last to the catalog, so that no earlier document's file number
or drawing changes (a seed's other documents stay byte for byte what they were).
"""

from __future__ import annotations

import importlib.util
import io
import random
from functools import lru_cache
from pathlib import Path
from typing import Callable

from PIL import Image

from .documents import TOPICS, YEAR, BuiltDoc, Tags, cn_date
from .draw import DocBuilder, T, chart_png, micrograph_png
from .layouts import _font, font_file
from .people import Cast

# sample photos of things (scikit-image's data folder), with what a work summary would call them
PRODUCT_PHOTOS = {
    "rocket.jpg": "试验装置现场照片",
    "motorcycle_left.png": "样机外观照片",
    "clock_motion.png": "仪表运行状态照片",
    "coins.png": "试样宏观照片",
    "coffee.png": "产品样品照片",
}


@lru_cache(maxsize=None)
def _sample(name: str) -> bytes:
    spec = importlib.util.find_spec("skimage")
    for loc in (spec.submodule_search_locations or []) if spec else []:
        p = Path(loc) / "data" / name
        if p.is_file():
            im = Image.open(p).convert("RGB")
            im.thumbnail((640, 480))
            buf = io.BytesIO()
            im.save(buf, "JPEG", quality=85)
            return buf.getvalue()
    raise FileNotFoundError(f"data/{name} of the scikit-image package (install the test extra)")


def build_yeji_figures(cast: Cast, rng: random.Random) -> BuiltDoc:
    a, tg = cast.applicant, Tags(cast)
    emp = a.employer
    font = _font(rng)
    b = DocBuilder("yeji_figures", rng)
    s = b.new_page(cjk=font, latin=None)
    s.text(297.5, 80, "专业技术工作业绩总结", 20, align="center", bold=True)
    y = 118.0
    s.text(60, y, [("申报人：", None), (a.name, tg.name(a)), ("    工作单位：", None), (emp.official, tg.org(emp))],
           s.fit_size(f"申报人：{a.name}    工作单位：{emp.official}", 475, 11.5))
    y += 30
    topic = TOPICS[emp.kind][0]
    y = s.paragraph(60, y, 475, [("本人自", None), (f"{YEAR - 5}年", None), ("以来主要从事“", None), (topic, None),
                                 ("”方面的研究与应用工作，主持完成课题三项，相关成果已在生产中推广应用。", None)],
                    11, leading=1.8)[0]
    kinds = rng.sample(["chart", "micrograph", "photo", "photo"], k=rng.choice([2, 3]))
    photos = rng.sample(sorted(PRODUCT_PHOTOS), k=kinds.count("photo"))
    side_by_side = len(kinds) >= 2 and rng.random() < 0.5
    n = 0
    for i, kind in enumerate(kinds):
        n += 1
        if kind == "chart":
            data, caption, form = chart_png(rng), f"图{n}  主要性能指标对比", "figure_chart"
        elif kind == "micrograph":
            data, caption, form = micrograph_png(rng), f"图{n}  试样显微组织照片", "figure_micrograph"
        else:
            name = photos.pop()
            data, caption, form = _sample(name), f"图{n}  {PRODUCT_PHOTOS[name]}", "figure_photo"
        w, h = (200.0, 140.0) if side_by_side else (260.0, 170.0)
        if side_by_side and i % 2 == 0 and i + 1 < len(kinds):
            x = 80.0
        elif side_by_side and i % 2 == 1:
            x = 315.0
        else:
            x = 297.5 - w / 2
        if y + h + 40 > 790:
            break
        s.image((x, y + 6, x + w, y + 6 + h), data, T("figure", "other", form))
        s.text(x + w / 2, y + h + 22, caption, 9.5, align="center")
        if not (side_by_side and i % 2 == 0 and i + 1 < len(kinds)):
            y += h + 40
    if y < 760:
        y = s.paragraph(60, y + 4, 475, [("以上工作得到了单位领导和同事的大力支持，", None), (a.name, tg.name(a)),
                                         ("在其中承担了主要技术工作。", None)], 11, leading=1.8)[0]
    s.text(470, min(y + 30, 805), cn_date(YEAR, rng.randint(1, 5), rng.randint(1, 28)), 11, align="center")
    pdf, inst = b.finish()
    return BuiltDoc("yeji_figures", DOC_TITLES["yeji_figures"], pdf, inst, meta={"font": font_file(font)})


BUILDERS: dict[str, Callable[[Cast, random.Random], BuiltDoc]] = {"yeji_figures": build_yeji_figures}
DOC_TITLES = {"yeji_figures": "业绩总结（附图：图表、显微照片、设备与产品照片）"}
