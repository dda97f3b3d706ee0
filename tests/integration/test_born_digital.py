"""End to end on born-digital PDFs, checked with an independent reading of the output."""

from __future__ import annotations

import hashlib
import json
import re

import pymupdf
import pytest

from redactor.normalize import compact
from tests.synth import APPLICANT, COLLEAGUE_ID, CONTRACT_NO, OFFICE_LINE, application_form, hostile_pdf

OWN = [APPLICANT.name, APPLICANT.id_number, APPLICANT.mobile, APPLICANT.employer, APPLICANT.email, "包钢集团"]
DECOYS = ["李明华", "王淑华", "王芳芳", COLLEAGUE_ID, CONTRACT_NO, OFFICE_LINE, "包头钢铁职业技术学院",
          "内蒙古自治区人力资源和社会保障厅", "内蒙古大学", "技术中心"]
LABELS = ["姓名", "身份证号", "工作单位", "联系电话", "推荐人"]


def all_text(pdf) -> str:
    doc = pymupdf.open(pdf)
    try:
        return "\n".join(page.get_text() for page in doc)
    finally:
        doc.close()


def raw_objects(pdf) -> bytes:
    """Every object and decoded stream of the file, concatenated."""
    doc = pymupdf.open(pdf)
    out = []
    for xref in range(1, doc.xref_length()):
        out.append(doc.xref_object(xref, compressed=False).encode("latin-1", "replace"))
        if doc.xref_is_stream(xref):
            out.append(doc.xref_stream(xref) or b"")
    doc.close()
    return b"\n".join(out)


@pytest.fixture(scope="module")
def redacted_form(tmp_path_factory, text_pipeline, applicant_profile):
    d = tmp_path_factory.mktemp("form")
    src = application_form(d / "form.pdf")
    before = hashlib.sha256(src.read_bytes()).hexdigest()
    outcome = text_pipeline.run(str(src), applicant_profile, str(d / "out"), "form")
    assert outcome.ok
    assert hashlib.sha256(src.read_bytes()).hexdigest() == before, "input was modified"
    return outcome


def test_own_values_are_gone_from_the_text_layer(redacted_form):
    text = compact(all_text(redacted_form.output_pdf))
    for v in OWN:
        assert compact(v) not in text
    assert "138" + "1234" not in text and "wangshujun" not in text.lower()


def test_decoys_and_labels_survive(redacted_form):
    text = compact(all_text(redacted_form.output_pdf))
    for v in DECOYS + LABELS:
        assert compact(v) in text, v


def test_no_glyph_remains_under_a_box(redacted_form):
    audit = json.loads(open(redacted_form.audit_json, encoding="utf-8").read())
    doc = pymupdf.open(redacted_form.output_pdf)
    for r in audit["redactions"]:
        page = doc[r["page"] - 1]
        for b in r["boxes"]:
            rect = pymupdf.Rect(b)
            inner = pymupdf.Rect(rect.x0 + 1, rect.y0 + 2, rect.x1 - 1, rect.y1 - 2)
            for trace in page.get_texttrace():
                for ch in trace["chars"]:
                    c = pymupdf.Rect(ch[3])
                    if c.width and inner.contains(pymupdf.Point((c.x0 + c.x1) / 2, (c.y0 + c.y1) / 2)):
                        pytest.fail(f"glyph {chr(ch[0])!r} survives under a redaction on page {r['page']}")
    doc.close()


def test_audit_contract_and_no_pii(redacted_form):
    raw = open(redacted_form.audit_json, encoding="utf-8").read()
    audit = json.loads(raw)
    assert audit["pages"] == 1 and audit["tool"]["version"]
    assert {"redactions", "kept", "sanitized"} <= audit.keys()
    cats = {r["category"] for r in audit["redactions"]}
    assert {"name", "id_number", "phone", "employer", "email"} <= cats
    for r in audit["redactions"]:
        assert r["page"] == 1 and len(r["bbox"]) == 4 and r["source"] and r["recognizer"] and 0 <= r["score"] <= 1
    for k in audit["kept"]:
        assert k["reason"]
    assert_no_pii(raw)


def assert_no_pii(raw: str) -> None:
    name = APPLICANT.name
    for i in range(len(name) - 1):
        assert name[i:i + 2] not in raw, "part of the name in the audit"
    assert re.search(r"\d\*+\d|\*{2,}", raw) is None, "masked value in the audit"
    digits = re.sub(r"\D", "", APPLICANT.id_number)
    for i in range(len(digits) - 5):
        assert digits[i:i + 6] not in raw
    assert APPLICANT.mobile[3:9] not in raw
    assert "wangshujun" not in raw.lower() and "包钢" not in raw


def test_hidden_content_is_stripped(tmp_path, text_pipeline, applicant_profile):
    src = hostile_pdf(tmp_path / "hostile.pdf")
    outcome = text_pipeline.run(str(src), applicant_profile, str(tmp_path / "out"), "hostile")
    assert outcome.ok
    doc = pymupdf.open(outcome.output_pdf)
    assert not any(v for k, v in doc.metadata.items() if k not in ("format", "encryption"))
    assert not doc.get_xml_metadata()
    assert doc.embfile_count() == 0
    assert doc.get_toc() == []
    assert not list(doc[0].annots()) and not list(doc[0].widgets())
    assert doc.xref_get_key(doc.pdf_catalog(), "OpenAction")[0] == "null"
    doc.close()
    raw = raw_objects(outcome.output_pdf)
    for v in (APPLICANT.id_number, APPLICANT.mobile, APPLICANT.email):
        assert v.encode() not in raw
    assert APPLICANT.name.encode("utf-16-be").hex().upper().encode() not in raw.upper()
    assert APPLICANT.name.encode("utf-16-be") not in raw
    assert APPLICANT.name.encode("utf-8").hex().upper().encode() not in raw.upper()     # page label
    text = compact(all_text(outcome.output_pdf))
    assert compact(APPLICANT.name) not in text
    audit = json.loads(open(outcome.audit_json, encoding="utf-8").read())
    assert {"info_metadata", "xmp_metadata", "embedded_files", "outlines", "hidden_text_layer"} <= set(audit["sanitized"])
    assert audit["verification"]["passed"]


def test_an_invisible_layer_is_removed_whole_and_only_where_ingest_saw_one(tmp_path, text_pipeline,
                                                                            applicant_profile, monkeypatch):
    """Issue #14: sanitize searches for hidden text only when ingest saw some (``Page.hides_text``);
    an invisible layer of other people's text is still dropped whole, a plain document is not searched."""
    import redactor.pipeline as pipeline_mod

    seen: list[bool] = []
    orig = pipeline_mod.apply_plan

    def spy(*a, **k):  # noqa: ANN002, ANN003, ANN202
        seen.append(k.get("hidden_text", True))
        return orig(*a, **k)

    monkeypatch.setattr(pipeline_mod, "apply_plan", spy)
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((60, 80), f"申请人：{APPLICANT.name}", fontname="china-s", fontsize=11)
    page.insert_text((60, 120), "隐藏层 赵志刚 0472-2181234", fontname="china-s", fontsize=11, render_mode=3)
    doc.new_page().insert_text((60, 80), "第二页 赵志刚", fontname="china-s", fontsize=11)
    doc.save(tmp_path / "layer.pdf")
    outcome = text_pipeline.run(str(tmp_path / "layer.pdf"), applicant_profile, str(tmp_path / "out"), "layer")
    assert outcome.ok and seen == [True]
    out = pymupdf.open(outcome.output_pdf)
    assert "隐藏层" not in out[0].get_text() and "2181234" not in out[0].get_text()
    assert "赵志刚" in out[1].get_text()            # visible text of others stays
    out.close()
    application_form(tmp_path / "plain.pdf")
    assert text_pipeline.run(str(tmp_path / "plain.pdf"), applicant_profile, str(tmp_path / "out"), "plain").ok
    assert seen == [True, False]


def test_rotated_page_boxes_land_on_the_text(tmp_path, text_pipeline, applicant_profile):
    src = application_form(tmp_path / "rot.pdf")
    doc = pymupdf.open(src)
    doc[0].set_rotation(90)
    doc.save(tmp_path / "rot90.pdf")
    doc.close()
    outcome = text_pipeline.run(str(tmp_path / "rot90.pdf"), applicant_profile, str(tmp_path / "out"), "rot90")
    text = compact(all_text(outcome.output_pdf))
    assert compact(APPLICANT.name) not in text and compact(APPLICANT.id_number) not in text
    assert "李明华" in text and compact(COLLEAGUE_ID) in text
    out = pymupdf.open(outcome.output_pdf)
    assert out[0].rotation == 90
    out.close()


def _rotated_page_with_values_low(path, rotation: int):
    """A portrait page shown landscape (/Rotate): the applicant's line sits low in the unrotated page,
    where the unrotated y is beyond the displayed height (595 pt) — outside ``page.rect``."""
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    page.insert_text((72, 120), "获奖证书  完成单位：内蒙古自治区人力资源和社会保障厅", fontname="china-s", fontsize=12)
    page.insert_text((72, 760), f"完成人：{APPLICANT.name}、李明华  身份证号：{APPLICANT.id_number}",
                     fontname="china-s", fontsize=12)
    page.set_rotation(rotation)
    doc.save(path)
    doc.close()
    return path


@pytest.mark.issue(10)
@pytest.mark.parametrize("rotation", [90, 270])
def test_rotated_page_values_beyond_the_displayed_height_are_removed(tmp_path, text_pipeline, applicant_profile,
                                                                    rotation):
    """Plan boxes are unrotated; clipping them to the rotated ``page.rect`` dropped every box below
    y = 595 on a /Rotate 90 portrait page (a sideways scanned certificate was refused)."""
    src = _rotated_page_with_values_low(tmp_path / f"rot{rotation}.pdf", rotation)
    outcome = text_pipeline.run(str(src), applicant_profile, str(tmp_path / "out"), f"rot{rotation}")
    assert outcome.ok
    text = compact(all_text(outcome.output_pdf))
    assert compact(APPLICANT.name) not in text and compact(APPLICANT.id_number) not in text
    assert "李明华" in text and compact("内蒙古自治区人力资源和社会保障厅") in text
    with pymupdf.open(outcome.output_pdf) as out:
        assert out[0].rotation == rotation


@pytest.mark.issue(10)
def test_a_flattened_rotated_page_keeps_its_geometry(tmp_path, text_pipeline, applicant_profile, monkeypatch):
    """The flattening fallback renders the unrotated page and keeps /Rotate, so the audit's boxes
    (unrotated page space) still land on what they removed."""
    import numpy as np

    import redactor.redact as redact_mod

    src = _rotated_page_with_values_low(tmp_path / "rot.pdf", 90)
    monkeypatch.setattr(redact_mod, "moved_glyphs", lambda *a, **k: 1)
    outcome = text_pipeline.run(str(src), applicant_profile, str(tmp_path / "out"), "rot")
    assert outcome.ok
    audit = json.loads(open(outcome.audit_json, encoding="utf-8").read())
    with pymupdf.open(outcome.output_pdf) as out:
        page = out[0]
        assert page.rotation == 90 and round(page.mediabox.width) == 595 and round(page.mediabox.height) == 842
        page.set_rotation(0)
        pix = page.get_pixmap(dpi=72)
        arr = np.frombuffer(pix.samples, np.uint8).reshape(pix.height, pix.width, pix.n)
    name_boxes = [b for r in audit["redactions"] if r["category"] == "name" for b in r["boxes"]]
    assert name_boxes
    for x0, y0, x1, y1 in name_boxes:
        h = y1 - y0
        inner = arr[int(y0 + 0.3 * h) + 1:int(y1 - 0.3 * h), int(x0) + 2:int(x1) - 1]
        assert inner.size and inner.max() < 60, "the name's box is black in the unrotated pixels"


def test_glyphs_used_only_by_removed_text_are_gone_from_fonts(tmp_path, text_pipeline, applicant_profile):
    """珺 appears only in the applicant's name: after subsetting no embedded font maps it."""
    from io import BytesIO

    from fontTools.ttLib import TTFont

    src = application_form(tmp_path / "embedded.pdf", embed=True)
    outcome = text_pipeline.run(str(src), applicant_profile, str(tmp_path / "out"), "embedded")
    assert compact(APPLICANT.name) not in compact(all_text(outcome.output_pdf))
    assert "李明华" in all_text(outcome.output_pdf)
    original = TTFont(BytesIO(pymupdf.Font("china-s").buffer))
    gid = {ch: original.getGlyphID(original.getBestCmap()[ord(ch)]) for ch in "珺华"}
    doc = pymupdf.open(outcome.output_pdf)
    checked = 0
    for xref, ext, *_ in doc.get_page_fonts(0):
        name, ext, _, buf = doc.extract_font(xref)
        if ext != "ttf" or not buf:
            continue
        font = TTFont(BytesIO(buf))
        order = font.getGlyphOrder()          # subsetting keeps glyph ids, empties unused outlines
        contours = {ch: font["glyf"][order[g]].numberOfContours if g < len(order) else 0 for ch, g in gid.items()}
        assert contours["珺"] == 0, f"outline of a removed character survives in font {name}"
        assert contours["华"] > 0            # used by kept text (李明华)
        checked += 1
    doc.close()
    assert checked, "no embedded TrueType font found to check"


def test_exif_and_xmp_inside_embedded_jpegs_are_stripped(tmp_path, text_pipeline, applicant_profile):
    from io import BytesIO

    from PIL import Image

    img = Image.new("RGB", (200, 150), (200, 220, 240))
    exif = Image.Exif()
    exif[0x013B] = "Wang Shujun"          # Artist
    exif[0x010E] = APPLICANT.id_number    # ImageDescription
    buf = BytesIO()
    img.save(buf, "JPEG", exif=exif.tobytes())
    assert b"Exif" in buf.getvalue()
    src = application_form(tmp_path / "img.pdf")
    doc = pymupdf.open(src)
    doc[0].insert_image(pymupdf.Rect(400, 600, 500, 675), stream=buf.getvalue())
    doc.save(tmp_path / "with_jpeg.pdf")
    doc.close()
    outcome = text_pipeline.run(str(tmp_path / "with_jpeg.pdf"), applicant_profile, str(tmp_path / "out"), "jpeg")
    raw = raw_objects(outcome.output_pdf)
    assert b"Exif" not in raw and APPLICANT.id_number.encode() not in raw and b"Wang Shujun" not in raw
    out = pymupdf.open(outcome.output_pdf)
    assert out[0].get_images(), "the (non-personal) picture itself must be kept"
    out.close()
