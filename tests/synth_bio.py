"""A paper's 作者简介 block: each author's bio beside a thumbnail portrait (~1.6 x 2.1 cm).

The portraits are sample photos shipped in packages (matplotlib's
``grace_hopper.jpg``, scikit-image's ``astronaut.png``), cropped and tinted per
person by the corpus generator's ``portrait_variant`` (the applicant's on a red
ID background).  The applicant
is ``tests.synth.APPLICANT``; the co-authors are invented too.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

import pymupdf

from tests.synth import APPLICANT

FONT = "china-s"
COAUTHORS = ("李明华", "张建国")
PHOTO_W, PHOTO_H = 45.0, 59.0         # a bio thumbnail, in points
ROW = 70.0                            # one bio per row, stacked as journals print them
TOP = 560.0


@dataclass(frozen=True)
class BioBlock:
    photos: tuple[pymupdf.Rect, ...]      # the applicant's first, then each co-author's
    names: tuple[pymupdf.Rect, ...]       # the name that opens each bio
    header: pymupdf.Rect | None = None    # the applicant's name in the paper's author line


def _thumb(style: str, seed: int) -> bytes:
    from benchmarks.corpus.styles import portrait_variant

    data, _ = portrait_variant(random.Random(seed), 240, style)
    return data


def bio_block(page: pymupdf.Page, own_photo: bool = True) -> BioBlock:
    """Draw the 作者简介 block on ``page``; ``own_photo=False``: the applicant's bio has no portrait."""
    page.insert_text((50, TOP - 14), "作者简介：", fontname=FONT, fontsize=10)
    photos, names = [], []
    people = ((APPLICANT.name, "red_bg", 1), (COAUTHORS[0], "blue_bg", 2), (COAUTHORS[1], "plain", 3))
    for i, (name, style, seed) in enumerate(people):
        y = TOP + i * ROW
        photo = pymupdf.Rect(45, y, 45 + PHOTO_W, y + PHOTO_H)
        if own_photo or i:
            page.insert_image(photo, stream=_thumb(style, seed), keep_proportion=False)
        photos.append(photo)
        page.insert_text((98, y + 11), f"{name}（198{i + 5}—），女，内蒙古包头人，高级工程师，", fontname=FONT, fontsize=10)
        page.insert_text((98, y + 26), "主要从事钢铁冶金与连铸工艺研究。", fontname=FONT, fontsize=10)
        names.append(pymupdf.Rect(98, y + 1, 98 + 10 * len(name), y + 13))
    return BioBlock(tuple(photos), tuple(names))


def bio_paper(path: Path, own_photo: bool = True) -> tuple[Path, BioBlock]:
    """A born-digital paper page ending in the 作者简介 block."""
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    page.insert_text((60, 80), "连铸坯中心偏析的控制研究", fontname=FONT, fontsize=16)
    page.insert_text((60, 110), f"{APPLICANT.name}  {COAUTHORS[0]}  {COAUTHORS[1]}", fontname=FONT, fontsize=11)
    page.insert_text((60, 140), "摘要：本文研究了连铸坯中心偏析的成因与控制方法。", fontname=FONT, fontsize=10)
    block = bio_block(page, own_photo)
    header = pymupdf.Rect(59, 98, 61 + 11 * len(APPLICANT.name), 113)
    doc.save(path)
    doc.close()
    return path, BioBlock(block.photos, block.names, header)


def scanned(src: Path, path: Path, dpi: int = 200, paint: tuple[pymupdf.Rect, ...] = ()) -> Path:
    """``src`` as a scan: one full-page picture (with ``paint`` filled black in the pixels), no text layer."""
    with pymupdf.open(src) as d:
        page = d[0]
        for r in paint:
            page.draw_rect(r, color=(0, 0, 0), fill=(0, 0, 0))
        png = page.get_pixmap(dpi=dpi).tobytes("png")
        rect = page.rect
    out = pymupdf.open()
    out.new_page(width=rect.width, height=rect.height).insert_image(rect, stream=png)
    out.save(path)
    out.close()
    return path
