"""Layouts our own corpus never had (issue 10), each checked on the redacted output.

- a text layer whose Unicode mapping is broken (LaTeX CJK fonts): only the glyphs say 王淑珺;
- a résumé's photo slot holding a drawing no face detector finds;
- a co-author's portrait beside their own bio, which must stay.
"""

from __future__ import annotations

import io
import json

import numpy as np
import pymupdf
import pytest
from PIL import Image, ImageDraw

from redactor.normalize import compact
from tests.synth import APPLICANT

OTHER = "李明华"


def _garble_to_unicode(doc: pymupdf.Document, fontname: str) -> None:
    """Point every CID of the font's ToUnicode map at CJK extension A: the glyphs stay, the text is junk."""
    for xref in range(1, doc.xref_length()):
        obj = doc.xref_object(xref)
        if "/ToUnicode" in obj and "/Type0" in obj:
            tu = int(doc.xref_get_key(xref, "ToUnicode")[1].split()[0])
            ranges = "\n".join(f"<{hi:02X}00> <{hi:02X}FF> <{0x3400 + (hi % 24) * 256:04X}>" for hi in range(100))
            cmap = ("/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Junk def "
                    "1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
                    f"100 beginbfrange\n{ranges}\nendbfrange endcmap CMapName currentdict /CMap defineresource pop end end")
            doc.update_stream(tu, cmap.encode())


@pytest.fixture(scope="module")
def garbled_pdf(tmp_path_factory):
    d = tmp_path_factory.mktemp("garbled")
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    page.insert_font(fontname="F2", fontbuffer=pymupdf.Font("china-s").buffer)
    page.insert_text((200, 80), "论文题目：稀土钢的组织与性能", fontname="china-s", fontsize=14)
    page.insert_text((240, 120), APPLICANT.name, fontname="F2", fontsize=16)     # the author line, unmapped
    page.insert_text((60, 170), f"推荐人：{OTHER}（内蒙古大学）", fontname="china-s", fontsize=11)
    _garble_to_unicode(doc, "F2")
    path = d / "paper.pdf"
    doc.save(path)
    return path, pymupdf.Rect(236, 100, 300, 126)


def test_garbled_text_layer_premise(garbled_pdf):
    path, _ = garbled_pdf
    with pymupdf.open(path) as doc:
        text = doc[0].get_text()
    assert APPLICANT.name not in compact(text), "the test PDF must not map the name's glyphs to its characters"
    assert OTHER in text


@pytest.mark.issue(10)
def test_name_in_a_garbled_text_layer_is_read_by_ocr_and_removed(garbled_pdf, tmp_path, cfg, applicant_profile):
    from redactor.pipeline import Pipeline

    path, name_rect = garbled_pdf
    outcome = Pipeline(cfg, regions=False).run(str(path), applicant_profile, str(tmp_path), "paper")
    assert outcome.ok
    audit = json.loads(open(outcome.audit_json, encoding="utf-8").read())
    assert any(r["category"] == "name" and r["page"] == 1 for r in audit["redactions"])
    with pymupdf.open(outcome.output_pdf) as out:
        page = out[0]
        assert page.get_text("text", clip=name_rect).strip() == "", "the name's glyphs are still in the content stream"
        assert OTHER in page.get_text()


# --- photo slots --------------------------------------------------------------------------

def _avatar_png(seed: int = 0) -> bytes:
    """A drawn avatar (no photograph, no face a cascade finds): head, hair, shoulders in flat colours."""
    rng = np.random.default_rng(seed)
    img = Image.new("RGB", (240, 300), (236, 228, 214))
    d = ImageDraw.Draw(img)
    hair = tuple(int(v) for v in rng.integers(40, 200, 3))
    d.ellipse((50, 40, 190, 200), fill=hair)
    d.ellipse((70, 70, 170, 200), fill=(250, 224, 200))
    d.rectangle((30, 220, 210, 300), fill=(60, 80, 140))
    d.line((100, 170, 140, 170), fill=(160, 60, 60), width=4)
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    return buf.getvalue()


def _resume(path, with_other_bio: bool = False):
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    page.insert_text((50, 70), APPLICANT.name, fontname="china-s", fontsize=22)
    page.insert_text((50, 100), f"电话：{APPLICANT.mobile}   邮箱：{APPLICANT.email}", fontname="china-s", fontsize=10)
    own_slot = pymupdf.Rect(470, 45, 545, 140)
    page.insert_image(own_slot, stream=_avatar_png(1))
    page.insert_text((50, 200), "教育背景：内蒙古工业大学 材料科学与工程 本科", fontname="china-s", fontsize=10)
    other_slot = None
    if with_other_bio:
        other_slot = pymupdf.Rect(50, 420, 125, 515)
        page.insert_image(other_slot, stream=_avatar_png(2))
        page.insert_text((140, 440), f"{OTHER}，男，1968年生，教授，博士生导师。", fontname="china-s", fontsize=10)
        page.insert_text((140, 460), "研究方向：金属材料。", fontname="china-s", fontsize=10)
    doc.save(path)
    return own_slot, other_slot


def _region_changed(src, out, rect) -> float:
    """Mean absolute pixel change inside ``rect`` between two renderings."""
    def pix(p):
        with pymupdf.open(p) as d:
            pm = d[0].get_pixmap(dpi=72, clip=rect)
            return np.frombuffer(pm.samples, np.uint8).astype(float)
    return float(np.abs(pix(src) - pix(out)).mean())


@pytest.fixture(scope="module")
def regions_pipeline(cfg):
    from redactor.pipeline import Pipeline

    return Pipeline(cfg)


@pytest.mark.issue(10)
def test_drawn_avatar_in_a_resume_photo_slot_is_removed(regions_pipeline, tmp_path, applicant_profile):
    src = tmp_path / "resume.pdf"
    own_slot, _ = _resume(src)
    outcome = regions_pipeline.run(str(src), applicant_profile, str(tmp_path / "out"), "resume")
    assert outcome.ok
    assert _region_changed(src, outcome.output_pdf, own_slot) > 40, "the avatar's pixels are still there"
    audit = json.loads(open(outcome.audit_json, encoding="utf-8").read())
    photos = [r for r in audit["redactions"] if r["category"] == "photo"]
    assert photos, "no photo redaction in the audit"
    # beside the applicant's own name: theirs, face or not; a person is asked only where a 照片 label alone ties it
    assert [r["rule"] for r in photos] == ["own.photo.slot"]


@pytest.mark.issue(10)
def test_co_author_portrait_beside_their_own_bio_is_kept(regions_pipeline, tmp_path, applicant_profile):
    src = tmp_path / "paper.pdf"
    own_slot, other_slot = _resume(src, with_other_bio=True)
    outcome = regions_pipeline.run(str(src), applicant_profile, str(tmp_path / "out"), "paper")
    assert outcome.ok
    assert _region_changed(src, outcome.output_pdf, own_slot) > 40
    assert _region_changed(src, outcome.output_pdf, other_slot) < 1.0, "another person's picture was blanked"
    with pymupdf.open(outcome.output_pdf) as out:
        assert OTHER in out[0].get_text()


@pytest.mark.issue(10)
def test_profile_is_inferred_from_the_bundled_form_whose_labels_sit_in_their_own_cells(text_pipeline):
    from pathlib import Path

    form = Path(__file__).resolve().parents[2] / "sample_docs" / "pingshen_biao.pdf"
    profile, source = text_pipeline.infer([str(form)])
    with pymupdf.open(form) as doc:
        lines = [ln.strip() for page in doc for ln in page.get_text().splitlines()]
    # independently: the value in the cell after each label
    assert profile.name == lines[lines.index("姓名") + 1]
    assert profile.id_number == lines[lines.index("身份证号") + 1]
    assert profile.phones == (lines[lines.index("联系电话") + 1],)
    assert set(source.inferred_from["fields"]) >= {"name", "id_number", "phones", "employers", "emails"}


# --- the layout guard ---------------------------------------------------------------------

def test_layout_guard_tolerates_rewritten_decimals():
    from redactor.redact import moved_glyphs

    before = [(5, 100.04999, 200.0), (6, 110.0, 200.0)]
    assert moved_glyphs(before, [(5, 100.05, 200.0), (6, 110.0, 200.0)], []) == 0
    assert moved_glyphs(before, [(5, 95.0, 200.0), (6, 110.0, 200.0)], []) == 1


@pytest.mark.issue(10)
def test_a_page_whose_text_moved_is_flattened_not_refused(tmp_path, text_pipeline, applicant_profile, monkeypatch):
    """When text removal would move the rest of a line, the page is released as an image
    of the original with the boxes burnt in: an output, and nothing under a box survives."""
    import redactor.redact as redact_mod
    from tests.synth import application_form

    src = application_form(tmp_path / "form.pdf")
    monkeypatch.setattr(redact_mod, "moved_glyphs", lambda *a, **k: 1)
    outcome = text_pipeline.run(str(src), applicant_profile, str(tmp_path / "out"), "form")
    assert outcome.ok
    audit = json.loads(open(outcome.audit_json, encoding="utf-8").read())
    assert "page_1_flattened" in audit["sanitized"]
    assert any(r["action"] == "flattened" and r["page"] == 1 for r in audit["needs_review"])
    with pymupdf.open(outcome.output_pdf) as out:
        page = out[0]
        assert page.get_text().strip() == "", "a flattened page carries no text layer"
        assert len(page.get_images()) == 1
        # the applicant's ID row is black in the pixels; the form title is not
        pix = page.get_pixmap(dpi=72)
        arr = np.frombuffer(pix.samples, np.uint8).reshape(pix.height, pix.width, pix.n)
    for r in audit["redactions"]:
        for x0, y0, x1, y1 in r["boxes"]:
            h = y1 - y0      # text boxes are inset by a fifth of their height; the centre band is solid
            inner = arr[int(y0 + 0.3 * h) + 1:int(y1 - 0.3 * h), int(x0) + 2:int(x1) - 1]
            if inner.size:
                assert inner.mean() < 40, f"{r['category']} box is not solid in the pixels"


# --- a scan with another tool's invisible OCR layer ------------------------------------------

@pytest.fixture(scope="module")
def scan_with_loose_ocr_layer(tmp_path_factory):
    """A scanned author line with a Tesseract-like invisible layer placed 60 pt to the right of
    the printed words: the hidden copy of the applicant's name lies over a co-author's name."""
    d = tmp_path_factory.mktemp("hidden")
    paper = pymupdf.open()
    page = paper.new_page(width=595, height=842)
    line = f"作者：{APPLICANT.name}  {OTHER}  张建国"
    page.insert_text((60, 120), "稀土微合金钢的组织与性能研究", fontname="china-s", fontsize=16)
    page.insert_text((60, 160), line, fontname="china-s", fontsize=14)
    page.insert_text((60, 190), "（内蒙古科技大学 材料与冶金学院）", fontname="china-s", fontsize=11)
    pix = page.get_pixmap(dpi=200)
    scan = pymupdf.open()
    sp = scan.new_page(width=595, height=842)
    sp.insert_image(sp.rect, pixmap=pix)
    sp.insert_text((60 + 56, 160), line, fontname="china-s", fontsize=14, render_mode=3)
    path = d / "scan.pdf"
    scan.save(path)
    return path


@pytest.mark.issue(10)
def test_a_loose_invisible_ocr_layer_does_not_blank_co_authors(scan_with_loose_ocr_layer, tmp_path, cfg,
                                                                 applicant_profile):
    from redactor.pipeline import Pipeline

    outcome = Pipeline(cfg, regions=False).run(str(scan_with_loose_ocr_layer), applicant_profile,
                                               str(tmp_path), "scan")
    assert outcome.ok
    with pymupdf.open(outcome.output_pdf) as out:
        page = out[0]
        layer = page.get_text()
        assert APPLICANT.name not in compact(layer), "the hidden copy of the name is still in the text layer"
        # the co-authors' printed names are still readable in the pixels
        from redactor.model import Raster
        from tests.ocr import ocr_engine

        pm = page.get_pixmap(dpi=200)
        arr = np.frombuffer(pm.samples, np.uint8).reshape(pm.height, pm.width, pm.n)[:, :, :3]
    engine = ocr_engine()
    raster = Raster(pixels=arr, dpi=200, to_points=(72 / 200, 0, 0, 72 / 200, 0, 0))
    read = compact("".join(ln.text for ln in engine.recognize(raster)))
    assert OTHER in read and "张建国" in read, "a co-author's printed name was blanked"
    assert APPLICANT.name not in read


# --- signature images in the cells of a Word-exported form ---------------------------------

def _signature_png(seed: int) -> bytes:
    rng = np.random.default_rng(seed)
    img = Image.new("RGBA", (300, 100), (255, 255, 255, 0))
    d = ImageDraw.Draw(img)
    x, pts = 20.0, []
    for i in range(40):
        x += 6 + rng.normal(0, 2)
        pts.append((x, 50 + 25 * np.sin(i / 3.0 + seed) + rng.normal(0, 4)))
    d.line(pts, fill=(20, 20, 60, 255), width=4)
    buf = io.BytesIO()
    img.save(buf, "PNG")
    return buf.getvalue()


@pytest.mark.issue(10)
def test_signature_images_in_table_cells_go_to_the_label_of_their_own_row(tmp_path, regions_pipeline,
                                                                          applicant_profile):
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    page.insert_text((200, 60), "专业技术职务任职资格评审表", fontname="china-s", fontsize=14)

    def cell(r, text=None):
        page.draw_rect(pymupdf.Rect(r), color=(0, 0, 0), width=0.6)
        if text:
            page.insert_text((r[0] + 4, r[3] - 8), text, fontname="china-s", fontsize=10.5)

    rows = {"own": pymupdf.Rect(160, 603, 260, 637), "other": pymupdf.Rect(160, 643, 260, 677),
            "own_far": pymupdf.Rect(300, 695, 420, 730)}
    cell((50, 600, 150, 640), "申请人签名"), cell((150, 600, 330, 640)), cell((330, 600, 400, 640), "日期")
    cell((400, 600, 545, 640), "2024年3月5日")
    cell((50, 640, 150, 680), "审核人"), cell((150, 640, 330, 680)), cell((330, 640, 400, 680), "日期")
    cell((400, 640, 545, 680), "2024年3月6日")
    cell((50, 680, 150, 740), "本人签名"), cell((150, 680, 545, 740))
    for seed, r in enumerate(rows.values(), start=1):
        page.insert_image(r, stream=_signature_png(seed))
    src = tmp_path / "form.pdf"
    doc.save(src)
    outcome = regions_pipeline.run(str(src), applicant_profile, str(tmp_path / "out"), "form")
    assert outcome.ok
    assert _region_changed(src, outcome.output_pdf, rows["own"]) > 5
    assert _region_changed(src, outcome.output_pdf, rows["own_far"]) > 5, "the signature far right in its cell stayed"
    assert _region_changed(src, outcome.output_pdf, rows["other"]) < 0.5, "the reviewer's signature was removed"
