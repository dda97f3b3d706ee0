"""A thesis declaration as xelatex writes it: the author's signature images removed whole and proven, the
advisor's kept.

realdocs3 R32 (the SCUJJ thesis template's 独创性声明 and 论文使用授权声明): xdvipdfmx gives the A4 media box on the
``/Pages`` node, not on the page, and places each signature as an image beside 作者签名 / 导师签名.  Two things went
wrong together: detection left the author's signatures to review (作者签名 was no role the lexicon could read),
and the final check measured the images in US Letter's frame (PDFium's own-dictionary box), found them 50 pt
above their place, painted a repair over the body text there and passed its own paint.  Now 作者签名 is the
applicant's (configs/roles.yaml, thesis templates C01-C06), 导师签名 another person's, the check measures from
the page's real frame, and the output's pixels under the author's images are gone.  Drawn in code: synthetic
strokes, the suite's synthetic applicant.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pymupdf
import pytest

from redactor.config import profile_from_mapping
from tests.pages import draw_signature
from tests.synth import APPLICANT

pytestmark = pytest.mark.models

A4 = (595.28, 841.89)
FONT = "china-s"
AUTHOR_1 = pymupdf.Rect(170, 312, 260, 357)          # where xdvipdfmx placed R32's images (points, top-left)
AUTHOR_2 = pymupdf.Rect(170, 698, 260, 743)
ADVISOR = pymupdf.Rect(386, 698, 461, 743)


def _signature_png(seed: int) -> bytes:
    """Pen strokes on white, as a scanned signature file (sign/author.png) is."""
    doc = pymupdf.open()
    page = doc.new_page(width=92, height=46)
    draw_signature(page, 4, 6, 84, 34, seed=seed, color=(0.05, 0.05, 0.1), glyphs=3)
    return page.get_pixmap(dpi=200, alpha=False).tobytes("png")


def _declaration(path: Path) -> None:
    doc = pymupdf.open()
    page = doc.new_page(width=A4[0], height=A4[1])
    page.insert_font(fontname="cjk", fontbuffer=pymupdf.Font(FONT).buffer)

    def text(x: float, y: float, s: str, size: float = 12) -> None:
        page.insert_text((x, y), s, fontname="cjk", fontsize=size)

    text(240, 120, "独创性声明", 16)
    text(90, 170, "本人郑重声明：所呈交的学位论文，是本人在导师的指导下，独立进行研究工作所取得的成果。")
    text(90, 195, "除文中已经注明引用的内容外，本论文不含任何其他个人或集体已经发表或撰写过的作品成果。")
    text(90, 220, f"指导教师：李明华教授  学院：{'计算机科学与技术学院'}")
    text(100, 340, "作者签名：")
    text(320, 340, "日期：2024 年 5 月 20 日")
    text(220, 500, "论文使用授权声明", 16)
    text(90, 550, "本人完全了解学校有关保留、使用学位论文的规定，同意学校保留并向有关部门送交论文的复印件。")
    text(100, 726, "作者签名：")
    text(316, 726, "导师签名：")
    page.insert_image(AUTHOR_1, stream=_signature_png(3))
    page.insert_image(AUTHOR_2, stream=_signature_png(3))
    page.insert_image(ADVISOR, stream=_signature_png(11))
    pages_xref = int(doc.xref_get_key(doc.pdf_catalog(), "Pages")[1].split()[0])
    doc.xref_set_key(pages_xref, "MediaBox", f"[0 0 {A4[0]} {A4[1]}]")
    own = re.sub(r"/(MediaBox|CropBox)\s*\[[^\]]*\]", "", doc.xref_object(page.xref))
    doc.update_object(page.xref, own)                      # the page inherits its box, as xdvipdfmx writes it
    doc.save(path)
    doc.close()


def _grey(pdf: Path, box: pymupdf.Rect) -> np.ndarray:
    with pymupdf.open(pdf) as doc:
        pix = doc[0].get_pixmap(dpi=100, clip=box, alpha=False)
    return np.frombuffer(pix.samples, np.uint8).reshape(pix.h, pix.w, pix.n)[:, :, :3].mean(axis=2)


def _ink(pdf: Path, box: pymupdf.Rect) -> float:
    """The share of dark pixels inside ``box`` of the rendering."""
    return float((_grey(pdf, box) < 120).mean())


def _one_tone(pdf: Path, box: pymupdf.Rect) -> bool:
    """``box`` shows one tone only (a painted box, or blank paper): no stroke in it."""
    g = _grey(pdf, box.__class__(box.x0 + 1, box.y0 + 1, box.x1 - 1, box.y1 - 1))
    return float(np.percentile(g, 99) - np.percentile(g, 1)) < 10


def test_the_authors_signature_images_go_and_the_advisors_stays(tmp_path: Path, region_pipeline) -> None:
    src = tmp_path / "declaration.pdf"
    _declaration(src)
    with pymupdf.open(src) as doc:
        assert "/MediaBox" not in doc.xref_object(doc[0].xref)
    before = {k: _ink(src, r) for k, r in (("a1", AUTHOR_1), ("a2", AUTHOR_2), ("adv", ADVISOR))}
    assert min(before.values()) > 0.01, before                    # the strokes are there to remove or keep

    outcome = region_pipeline.run(str(src), profile_from_mapping(APPLICANT.profile()), str(tmp_path / "out"), "decl")
    assert outcome.ok
    audit = json.loads(Path(outcome.audit_json).read_text(encoding="utf-8"))
    out = Path(outcome.output_pdf)

    removed = [r for r in audit["redactions"] if r["category"] == "signature"]
    assert {r["rule"] for r in removed} == {"own.signature"}, removed
    for r in (AUTHOR_1, AUTHOR_2):                                 # detection's own boxes, at the images
        assert any(abs(b["bbox"][1] - r.y0) < 6 and abs(b["bbox"][3] - r.y1) < 6 for b in removed), (r, removed)
        assert _one_tone(out, r)                                    # no pen stroke left in the output
    kept = [k for k in audit["kept"] if k["category"] == "signature"]
    assert any(k["rule"] == "other.signature" and abs(k["bbox"][0] - ADVISOR.x0) < 6 for k in kept), kept
    assert _ink(out, ADVISOR) > 0.5 * before["adv"]                 # the advisor's signature is still there
    # no repair painted anywhere: the plan's boxes are where the check finds the images
    assert audit["repairs"] == [] and audit["verification"]["passed"]
    with pymupdf.open(out) as doc:
        body = doc[0].get_text()
    assert "本人郑重声明" in body and "李明华" in body               # the text above the images is untouched
