"""A portrait and the applicant's signature image are removed whole and proven on pages of two more producers
(issue 80: a test per producer).  The xelatex page is ``test_thesis_declaration_signatures.py``; LibreOffice's
Word exports are the corpus' Word forms (``test_scanned_word_form.py``, ``test_unseen_layouts.py``); scans are
``test_scans.py``.  Here:

- **a flattened AcroForm** (realdocs3 R29's kind): a 职称证书 whose text fields PyMuPDF filled and flattened
  (``Document.bake``), and whose 照片 slot and 持证人签名 hold pictures inside form XObjects, each placed by a
  transform (a button's appearance stream, as a flattener leaves it): the picture's placed extent, not a face box
  inside it, is what goes;
- **Chromium's print** (an online 申报表 printed to PDF): ``<img>`` elements of a portrait and two signatures, placed
  by CSS at known positions;
- **LibreOffice's export** of a Word 申报表 (the corpus's ``word_shenbao``): a portrait in a merged table cell,
  signatures and a seal pasted as pictures cut to their ink, the pictures clipped to their cells;
- **xelatex's** page (xdvipdfmx: the media box on the ``/Pages`` node, pictures placed by ``\includegraphics``'s
  transform) with a portrait beside the author's data as well as the signatures;
- **a scan** of the flattened certificate (one page-sized picture, no text layer): the photo's rectangle and the
  signature found from the pixels alone.

For each: every pixel of the applicant's portrait and signature is gone from the rendered output (one tone where
they were), the other person's signature is still there, the applicant's name is not in the output's text while
the issuer's and the other person's are, and the final check passed with no repair (the plan's boxes were where
the pictures are).  Synthetic people and strokes; the portrait is matplotlib's packaged sample photograph."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import numpy as np
import pymupdf
import pytest

from benchmarks.corpus.web import WEB_UNAVAILABLE_NOTE, chromium, html_to_pdf
from redactor.config import profile_from_mapping
from tests.pages import _hopper_path, draw_signature
from tests.synth import APPLICANT

pytestmark = pytest.mark.models

OTHER = "赵文涛"                      # the issuing body's official who signs (synthetic)
ISSUER = "内蒙古自治区人力资源和社会保障厅"


def _signature_png(seed: int) -> bytes:
    doc = pymupdf.open()
    page = doc.new_page(width=92, height=46)
    draw_signature(page, 4, 6, 84, 34, seed=seed, color=(0.05, 0.05, 0.12), glyphs=3)
    return page.get_pixmap(dpi=200, alpha=False).tobytes("png")


def _portrait_jpeg() -> bytes:
    return Path(_hopper_path()).read_bytes()


def _grey(pdf: Path | bytes, box: pymupdf.Rect) -> np.ndarray:
    """The grey levels of page 1 inside ``box`` at 100 dpi (``pdf``: a file, or its bytes)."""
    with (pymupdf.open(stream=pdf, filetype="pdf") if isinstance(pdf, bytes) else pymupdf.open(pdf)) as doc:
        pix = doc[0].get_pixmap(dpi=100, clip=box, alpha=False)
    return np.frombuffer(pix.samples, np.uint8).reshape(pix.h, pix.w, pix.n)[:, :, :3].mean(axis=2)


def _one_tone(pdf: Path, box: pymupdf.Rect) -> bool:
    """Nothing of a picture is left in ``box`` (1 pt in from its edge): one tone, a painted box or paper."""
    g = _grey(pdf, pymupdf.Rect(box.x0 + 1, box.y0 + 1, box.x1 - 1, box.y1 - 1))
    return float(np.percentile(g, 99.5) - np.percentile(g, 0.5)) < 12


def _texture(pdf: Path | bytes, box: pymupdf.Rect) -> float:
    g = _grey(pdf, box)
    return float(np.percentile(g, 99) - np.percentile(g, 1))


def _form_xobject_picture(page: pymupdf.Page, rect: pymupdf.Rect, image: bytes) -> None:
    """``image`` drawn inside a form XObject placed at ``rect`` by a transform (a widget's appearance stream, as a
    flattener turns it into page content): a one-page PDF holding the picture, shown with ``show_pdf_page``."""
    holder = pymupdf.open()
    p = holder.new_page(width=rect.width * 2, height=rect.height * 2)      # scaled down by the placement
    p.insert_image(p.rect, stream=image, keep_proportion=False)
    page.show_pdf_page(rect, holder, 0)
    holder.close()


PHOTO = pymupdf.Rect(420, 150, 520, 280)         # the 照片 slot's picture
OWN_SIG = pymupdf.Rect(160, 640, 250, 685)       # 持证人签名
OTHER_SIG = pymupdf.Rect(400, 640, 490, 685)     # 审核人签名 (the issuer's official)


def _flattened_acroform(path: Path) -> None:
    a = APPLICANT
    doc = pymupdf.open()
    page = doc.new_page(width=595.28, height=841.89)
    page.insert_font(fontname="cjk", fontbuffer=pymupdf.Font("china-s").buffer)

    def text(x: float, y: float, s: str, size: float = 12) -> None:
        page.insert_text((x, y), s, fontname="cjk", fontsize=size)

    text(220, 100, "专业技术资格证书", 20)
    rows = (("姓名", a.name), ("身份证号", a.id_number), ("工作单位", a.employer), ("资格名称", "高级工程师"),
            ("评审机构", ISSUER))
    for i, (label, value) in enumerate(rows):
        y = 170 + 40 * i
        text(70, y, f"{label}：")
        w = pymupdf.Widget()
        w.field_type = pymupdf.PDF_WIDGET_TYPE_TEXT
        w.field_name = f"field{i}"
        w.rect = pymupdf.Rect(150, y - 14, 400, y + 6)
        w.text_font = "china-s"
        w.text_fontsize = 11
        w.field_value = value
        page.add_widget(w)
    page.draw_rect(PHOTO + (-4, -4, 4, 4), color=(0, 0, 0), width=0.6)
    text(455, 300, "照片", 10)
    _form_xobject_picture(page, PHOTO, _portrait_jpeg())
    text(70, 670, "持证人签名：")
    text(320, 670, "审核人签名：")
    _form_xobject_picture(page, OWN_SIG, _signature_png(5))
    _form_xobject_picture(page, OTHER_SIG, _signature_png(17))
    text(320, 720, f"审核人：{OTHER}")
    doc.bake()                                       # the fields become page content, no widget left
    doc.save(path)
    doc.close()


def _chromium_print(path: Path) -> None:
    a = APPLICANT

    def uri(data: bytes, kind: str) -> str:
        return f"data:image/{kind};base64,{base64.b64encode(data).decode()}"

    def at(r: pymupdf.Rect) -> str:          # points -> CSS pixels (96 per inch, 72 points)
        k = 96 / 72
        return (f"position:absolute;left:{r.x0 * k:.2f}px;top:{r.y0 * k:.2f}px;width:{r.width * k:.2f}px;"
                f"height:{r.height * k:.2f}px")

    def line(x: float, y: float, s: str, size: float = 12) -> str:
        k = 96 / 72
        return f'<div style="position:absolute;left:{x * k:.1f}px;top:{y * k:.1f}px;font-size:{size * k:.1f}px">{s}</div>'

    body = "".join([
        line(200, 80, "专业技术职务任职资格申报表", 18),
        line(70, 160, f"姓名：{a.name}"), line(70, 200, f"工作单位：{a.employer}"),
        line(70, 240, f"手机号码：{a.mobile}"), line(455, 292, "照片", 10),
        line(70, 655, "申请人签名："), line(320, 655, "审核人签名："), line(320, 705, f"审核人：{OTHER}"),
        f'<img style="{at(PHOTO)}" src="{uri(_portrait_jpeg(), "jpeg")}">',
        f'<img style="{at(OWN_SIG)}" src="{uri(_signature_png(5), "png")}">',
        f'<img style="{at(OTHER_SIG)}" src="{uri(_signature_png(17), "png")}">',
    ])
    html = ('<!doctype html><html><head><meta charset="utf-8"><style>@page{size:A4;margin:0}'
            'body{margin:0;font-family:"Noto Sans CJK SC","Noto Serif CJK SC",sans-serif}</style></head>'
            f'<body><div style="position:relative;width:210mm;height:297mm">{body}</div></body></html>')
    path.write_bytes(html_to_pdf(html))


def _redact_and_prove(tmp_path: Path, region_pipeline, src: Path) -> tuple[dict, Path]:
    before = {k: _texture(src, r) for k, r in (("photo", PHOTO), ("own", OWN_SIG), ("other", OTHER_SIG))}
    assert min(before.values()) > 40, before                    # the pictures are there to remove or keep
    outcome = region_pipeline.run(str(src), profile_from_mapping(APPLICANT.profile()), str(tmp_path / "out"), "doc")
    assert outcome.ok
    audit = json.loads(Path(outcome.audit_json).read_text(encoding="utf-8"))
    out = Path(outcome.output_pdf)
    assert _one_tone(out, PHOTO), "a part of the portrait is left"
    assert _one_tone(out, OWN_SIG), "a part of the applicant's signature is left"
    assert _texture(out, OTHER_SIG) > 0.6 * before["other"], "the other person's signature was removed"
    photos = [r for r in audit["redactions"] if r["category"] == "photo"]
    assert photos and all(not r["rule"].startswith("repair") for r in photos), photos
    assert audit["repairs"] == [] and audit["verification"]["passed"], (audit["repairs"], audit["verification"])
    with pymupdf.open(out) as doc:
        text = "".join(p.get_text() for p in doc).replace("\n", "")
    assert APPLICANT.name not in text and OTHER in text
    return audit, out


def test_a_flattened_acroform_loses_its_portrait_and_signature_whole(tmp_path: Path, region_pipeline) -> None:
    src = tmp_path / "certificate.pdf"
    _flattened_acroform(src)
    with pymupdf.open(src) as doc:
        assert not list(doc[0].widgets()) and APPLICANT.name in doc[0].get_text()   # flattened, values as print
        assert doc[0].get_xobjects()                                              # pictures in form XObjects
    _, out = _redact_and_prove(tmp_path, region_pipeline, src)
    with pymupdf.open(out) as doc:
        assert ISSUER in doc[0].get_text().replace("\n", "")                # the issuing authority stays


@pytest.mark.skipif(chromium() is None, reason=WEB_UNAVAILABLE_NOTE)
def test_a_chromium_print_loses_its_portrait_and_signature_whole(tmp_path: Path, region_pipeline) -> None:
    src = tmp_path / "shenbao.pdf"
    _chromium_print(src)
    with pymupdf.open(src) as doc:
        assert "Chrom" in (doc.metadata.get("creator", "") + doc.metadata.get("producer", ""))
    _redact_and_prove(tmp_path, region_pipeline, src)


@pytest.mark.skipif(not __import__("benchmarks.corpus.catalog", fromlist=["available"]).available("word_shenbao"),
                    reason="LibreOffice is not installed (make install-test installs it)")
def test_a_libreoffice_export_loses_its_portrait_and_signature_whole(tmp_path: Path, region_pipeline) -> None:
    from tests.corpus_case import redact_corpus_file

    f, audit, outcome = redact_corpus_file(region_pipeline, tmp_path, 167, 0, "born_digital", "word_shenbao")
    out = Path(outcome.output_pdf)
    with pymupdf.open(stream=f.data, filetype="pdf") as doc:
        assert "LibreOffice" in (doc.metadata.get("producer", "") + doc.metadata.get("creator", ""))
    marks = [i for i in f.instances if i["category"] in ("photo", "signature")]
    own = [i for i in marks if i["owner"] == "applicant"]
    theirs = [i for i in marks if i["owner"] == "other"]
    assert {i["category"] for i in own} == {"photo", "signature"} and len(theirs) >= 3
    for i in own:
        assert _one_tone(out, pymupdf.Rect(i["bbox"])), i["id"]              # nothing of the picture is left
    for i in theirs:
        before = _texture(f.data, pymupdf.Rect(i["bbox"]))
        assert before > 40 and _texture(out, pymupdf.Rect(i["bbox"])) > 0.6 * before, i["id"]
    assert audit["repairs"] == [] and audit["verification"]["passed"]


def _xelatex_page(path: Path) -> None:
    """A thesis's author page as xdvipdfmx writes it: the A4 box inherited from /Pages, every picture an image
    placed by a transform."""
    import re

    doc = pymupdf.open()
    page = doc.new_page(width=595.28, height=841.89)
    page.insert_font(fontname="cjk", fontbuffer=pymupdf.Font("china-s").buffer)

    def text(x: float, y: float, s: str, size: float = 12) -> None:
        page.insert_text((x, y), s, fontname="cjk", fontsize=size)

    text(230, 100, "学位论文作者简介", 18)
    text(70, 170, f"作者：{APPLICANT.name}")
    text(70, 200, f"工作单位：{APPLICANT.employer}")
    text(70, 230, f"导师：{OTHER}")
    text(455, 300, "照片", 10)
    page.insert_image(PHOTO, stream=_portrait_jpeg(), keep_proportion=False)
    text(70, 670, "作者签名：")
    text(320, 670, "导师签名：")
    page.insert_image(OWN_SIG, stream=_signature_png(5))
    page.insert_image(OTHER_SIG, stream=_signature_png(17))
    text(320, 720, f"{OTHER}（导师）")
    pages_xref = int(doc.xref_get_key(doc.pdf_catalog(), "Pages")[1].split()[0])
    doc.xref_set_key(pages_xref, "MediaBox", "[0 0 595.28 841.89]")
    doc.update_object(page.xref, re.sub(r"/(MediaBox|CropBox)\s*\[[^\]]*\]", "", doc.xref_object(page.xref)))
    doc.save(path)
    doc.close()


def test_an_xelatex_page_loses_its_portrait_and_signature_whole(tmp_path: Path, region_pipeline) -> None:
    src = tmp_path / "author.pdf"
    _xelatex_page(src)
    with pymupdf.open(src) as doc:
        assert "/MediaBox" not in doc.xref_object(doc[0].xref)          # inherited, as xdvipdfmx writes it
    _redact_and_prove(tmp_path, region_pipeline, src)


def test_a_scan_loses_its_portrait_and_signature_whole(tmp_path: Path, region_pipeline) -> None:
    digital = tmp_path / "certificate.pdf"
    _flattened_acroform(digital)
    with pymupdf.open(digital) as doc:
        png = doc[0].get_pixmap(dpi=200, alpha=False).tobytes("jpeg", jpg_quality=88)
        scan = pymupdf.open()
        page = scan.new_page(width=doc[0].rect.width, height=doc[0].rect.height)
        page.insert_image(page.rect, stream=png)
        src = tmp_path / "certificate-scan.pdf"
        scan.save(src)
        scan.close()
    before = {k: _texture(src, r) for k, r in (("photo", PHOTO), ("own", OWN_SIG), ("other", OTHER_SIG))}
    assert min(before.values()) > 40, before
    outcome = region_pipeline.run(str(src), profile_from_mapping(APPLICANT.profile()), str(tmp_path / "out"), "scan")
    assert outcome.ok
    audit = json.loads(Path(outcome.audit_json).read_text(encoding="utf-8"))
    out = Path(outcome.output_pdf)
    assert _one_tone(out, pymupdf.Rect(PHOTO.x0 + 1, PHOTO.y0 + 1, PHOTO.x1 - 1, PHOTO.y1 - 1)), \
        "a part of the scanned portrait is left"
    # on a scan the signature's picture is its strokes on paper: every stroke pixel lies under a painted box
    boxes = [r["bbox"] for r in audit["redactions"] if r["category"] == "signature"]
    strokes = _dark_points(src, OWN_SIG)
    assert len(strokes) > 50 and all(any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes) for x, y in strokes)
    assert _texture(out, OTHER_SIG) > 0.6 * before["other"], "the other person's signature was removed"
    assert [r for r in audit["redactions"] if r["category"] == "photo"] and audit["verification"]["passed"]


def _dark_points(pdf: Path, box: pymupdf.Rect, dpi: int = 100) -> list[tuple[float, float]]:
    """The page points of the dark (ink) pixels inside ``box``."""
    g = _grey(pdf, box)
    ys, xs = np.nonzero(g < 120)
    k = 72.0 / dpi
    return [(box.x0 + (x + 0.5) * k, box.y0 + (y + 0.5) * k) for x, y in zip(xs, ys)]

