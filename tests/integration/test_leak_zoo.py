"""The leak zoo (issue 11): one small PDF per place a value can hide, and its clean twin.

Every leaky file must fail verification and name the channel it was found
in; every clean twin (same construction, someone else's value, or the value
really removed) must pass.  Synthetic people only.
"""

from __future__ import annotations

import io
import json
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pymupdf
import pytest
from typer.testing import CliRunner

from redactor.cli import app
from redactor.model import BBox
from redactor.verify import verify_pdf
from tests.synth import APPLICANT, COLLEAGUE_ID, application_form

FONT = "china-s"
OTHER = {"name": "李建国", "id": COLLEAGUE_ID, "phone": "13987654321", "email": "lijianguo@example.org",
         "employer": "呼和浩特市第一中学"}
OWN = {"name": APPLICANT.name, "id": APPLICANT.id_number, "phone": APPLICANT.mobile, "email": APPLICANT.email,
       "employer": APPLICANT.employer}


def _doc() -> tuple[pymupdf.Document, pymupdf.Page]:
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    page.insert_text((60, 80), "专业技术职务任职资格申报材料", fontname=FONT, fontsize=14)
    return doc, page


def _save(doc: pymupdf.Document, path: Path, **kw) -> Path:
    doc.save(path, garbage=4, deflate=True, **kw)
    doc.close()
    return path


def _picture(lines: list[str], width: float, height: float, size: float, dpi: int = 200) -> bytes:
    """A PNG showing ``lines`` (drawn with MuPDF's built-in CJK font, so no system fonts are needed)."""
    src = pymupdf.open()
    p = src.new_page(width=width, height=height)
    for i, ln in enumerate(lines):
        p.insert_text((6, size * 1.3 * (i + 1)), ln, fontname=FONT, fontsize=size)
    png = p.get_pixmap(dpi=dpi).tobytes("png")
    src.close()
    return png


def _jpeg(exif_text: str | None, exif_name: str | None) -> bytes:
    from PIL import Image

    img = Image.new("RGB", (64, 48), (120, 160, 200))
    buf = io.BytesIO()
    if exif_text is None:
        img.save(buf, format="JPEG")
    else:
        exif = Image.Exif()
        exif[0x013B] = exif_text                                     # Artist (ASCII)
        exif[0x9C9D] = (exif_name or "").encode("utf-16-le") + b"\0\0"   # XPAuthor (UTF-16LE)
        img.save(buf, format="JPEG", exif=exif.tobytes())
    return buf.getvalue()


# --- the zoo -------------------------------------------------------------------------

def text_layer(tmp: Path, v: dict) -> dict:
    doc, page = _doc()
    page.insert_text((60, 120), "身份证号：" + v["id"], fontname=FONT, fontsize=11)
    return {"path": _save(doc, tmp / "text.pdf")}


def invisible_text(tmp: Path, v: dict) -> dict:
    doc, page = _doc()
    page.insert_text((60, 120), f"{v['name']} {v['phone']}", fontname=FONT, fontsize=11, render_mode=3)
    return {"path": _save(doc, tmp / "invisible.pdf")}


def text_under_box(tmp: Path, v: dict) -> dict:
    doc, page = _doc()
    page.insert_text((60, 120), "姓名：" + OWN["name"], fontname=FONT, fontsize=11)
    box = pymupdf.Rect(90, 108, 140, 124)
    if v is OWN:
        page.draw_rect(box, color=(0, 0, 0), fill=(0, 0, 0))       # drawn over: still in the text layer
    else:
        page.add_redact_annot(box, fill=(0, 0, 0))
        page.apply_redactions()                                       # really removed
    return {"path": _save(doc, tmp / "boxed.pdf")}


def small_image(tmp: Path, v: dict) -> dict:
    doc, page = _doc()
    page.insert_text((60, 120), "联系方式见右图", fontname=FONT, fontsize=11)
    rect = pymupdf.Rect(380, 100, 500, 160)                            # 1.4 % of the page
    assert rect.width * rect.height / (595 * 842) < 0.015
    page.insert_image(rect, stream=_picture(["手机", v["phone"]], 120, 60, 9.5))
    return {"path": _save(doc, tmp / "small_image.pdf"), "ocr": True}


def large_image(tmp: Path, v: dict) -> dict:
    doc = pymupdf.open()
    page = doc.new_page(width=298, height=421)                        # an A6 scan keeps the test quick
    lines = ["专业技术职称评审表", f"姓名 {v['name']}", f"身份证号 {v['id']}", f"手机 {v['phone']}"]
    page.insert_image(page.rect, stream=_picture(lines, 298, 421, 11, dpi=150))
    return {"path": _save(doc, tmp / "scan.pdf"), "ocr": True}


def annotation(tmp: Path, v: dict) -> dict:
    doc, page = _doc()
    page.add_text_annot((500, 60), f"请核对 {v['name']} 的材料")
    return {"path": _save(doc, tmp / "annot.pdf")}


def widget(tmp: Path, v: dict) -> dict:
    doc, page = _doc()
    w = pymupdf.Widget()
    w.field_type = pymupdf.PDF_WIDGET_TYPE_TEXT
    w.field_name = "contact"
    w.field_value = v["email"]
    w.rect = pymupdf.Rect(60, 700, 300, 720)
    page.add_widget(w)
    return {"path": _save(doc, tmp / "widget.pdf")}


def outline(tmp: Path, v: dict) -> dict:
    doc, _ = _doc()
    doc.set_toc([[1, f"{v['name']}的申报材料", 1]])
    return {"path": _save(doc, tmp / "outline.pdf")}


def attachment(tmp: Path, v: dict) -> dict:
    doc, _ = _doc()
    doc.embfile_add("note.txt", f"证件号码 {v['id']}\n".encode(), filename="note.txt")
    return {"path": _save(doc, tmp / "attach.pdf")}


def xmp(tmp: Path, v: dict) -> dict:
    doc, _ = _doc()
    doc.set_xml_metadata(f'<x:xmpmeta xmlns:x="adobe:ns:meta/"><dc:creator>{v["phone"]}</dc:creator></x:xmpmeta>')
    return {"path": _save(doc, tmp / "xmp.pdf")}


def exif_jpeg(tmp: Path, v: dict) -> dict:
    doc, page = _doc()
    page.insert_image(pymupdf.Rect(60, 200, 124, 248), stream=_jpeg(v["phone"], v["name"]))
    return {"path": _save(doc, tmp / "exif.pdf")}


def exif_flate_jpeg(tmp: Path, v: dict) -> dict:
    doc, page = _doc()
    jpeg = _jpeg(v["phone"], v["name"])
    xref = page.insert_image(pymupdf.Rect(60, 200, 124, 248), stream=jpeg)
    doc.update_stream(xref, zlib.compress(jpeg), compress=False)
    doc.xref_set_key(xref, "Filter", "[/FlateDecode /DCTDecode]")
    doc.save(tmp / "exif_flate.pdf")            # no deflate/garbage: keep the hand-made filter chain
    doc.close()
    return {"path": tmp / "exif_flate.pdf"}


def page_label(tmp: Path, v: dict) -> dict:
    doc, _ = _doc()
    doc.set_page_labels([{"startpage": 0, "prefix": f"{v['name']}-", "style": "D", "firstpagenum": 1}])
    return {"path": _save(doc, tmp / "labels.pdf")}


def qr_payload(tmp: Path, v: dict) -> dict:
    import qrcode

    buf = io.BytesIO()
    qrcode.make(f"TEL:{v['phone']}", box_size=6, border=2).save(buf)
    doc, page = _doc()
    page.insert_image(pymupdf.Rect(420, 640, 520, 740), stream=buf.getvalue())
    return {"path": _save(doc, tmp / "qr.pdf")}


def face(tmp: Path, v: dict) -> dict:
    import matplotlib.cbook as cbook

    doc, page = _doc()
    rect = pymupdf.Rect(400, 100, 520, 250)
    if v is OWN:          # the plan said it removed this box, but the portrait is still there
        page.insert_image(rect, filename=str(cbook.get_sample_data("grace_hopper.jpg", asfileobj=False)))
    else:
        page.draw_rect(rect, color=(0, 0, 0), fill=(0, 0, 0))
    return {"path": _save(doc, tmp / "portrait.pdf"), "removed": {1: (BBox(*rect),)}}


def seal(tmp: Path, v: dict) -> dict:
    from tests.pages import draw_seal

    src = pymupdf.open()
    sp = src.new_page(width=200, height=200)
    draw_seal(sp, (100, 100), 70, v["employer"])
    png = sp.get_pixmap(dpi=150).tobytes("png")
    src.close()
    doc, page = _doc()
    page.insert_text((60, 600), "单位（盖章）：", fontname=FONT, fontsize=11)
    page.insert_image(pymupdf.Rect(300, 560, 440, 700), stream=png)
    return {"path": _save(doc, tmp / "seal.pdf"), "ocr": True}


def file_name(tmp: Path, v: dict) -> dict:
    doc, _ = _doc()
    name = f"{APPLICANT.name}-评审表.pdf" if v is OWN else "申报材料.pdf"
    return {"path": _save(doc, tmp / name)}


def history(tmp: Path, v: dict) -> dict:
    doc, page = _doc()
    page.insert_text((60, 120), "身份证号：" + OWN["id"], fontname=FONT, fontsize=11)
    page.insert_text((60, 140), "备注：无", fontname=FONT, fontsize=11)
    doc.save(tmp / "history.pdf")
    doc.close()
    doc = pymupdf.open(tmp / "history.pdf")
    doc[0].add_redact_annot(pymupdf.Rect(60, 105, 400, 125), fill=(0, 0, 0))
    doc[0].apply_redactions()
    if v is OWN:
        doc.saveIncr()                         # the first revision, with the ID, is still in the file
        doc.close()
        return {"path": tmp / "history.pdf"}
    return {"path": _save(doc, tmp / "history_clean.pdf")}


def history_cid(tmp: Path, v: dict) -> dict:
    """The name drawn in an embedded CID font (Identity-H: glyph ids, no text in the content stream), then redacted
    and saved incrementally: the first revision's content stream still draws it, and only the font's ToUnicode map
    says what its glyph ids spell (issue 50)."""
    from benchmarks.corpus.styles import CORPUS_FONTS

    font_file = CORPUS_FONTS["test"][0][0]
    doc, page = _doc()
    page.insert_font(fontname="cjk", fontfile=font_file)
    page.insert_text((60, 120), "申请人：" + v["name"], fontname="cjk", fontsize=11)
    page.insert_text((60, 140), "备注：无", fontname="cjk", fontsize=11)
    doc.save(tmp / "history_cid.pdf")
    doc.close()
    doc = pymupdf.open(tmp / "history_cid.pdf")
    doc[0].add_redact_annot(pymupdf.Rect(55, 105, 300, 125), fill=(0, 0, 0))
    doc[0].apply_redactions()
    if v is OWN:
        doc.saveIncr()
        doc.close()
        return {"path": tmp / "history_cid.pdf"}
    return {"path": _save(doc, tmp / "history_cid_clean.pdf")}


@dataclass(frozen=True)
class Case:
    build: Callable[[Path, dict], dict]
    channel: str


ZOO = [
    Case(text_layer, "text_layer"), Case(invisible_text, "text_layer"), Case(text_under_box, "text_layer"),
    Case(small_image, "ocr"), Case(large_image, "ocr"), Case(annotation, "annotation"), Case(widget, "widget"),
    Case(outline, "outline"), Case(attachment, "attachment"), Case(xmp, "xmp"), Case(exif_jpeg, "image_metadata"),
    Case(exif_flate_jpeg, "image_metadata"), Case(page_label, "page_label"), Case(qr_payload, "barcode"),
    Case(face, "face"), Case(seal, "seal"), Case(file_name, "file_name"), Case(history, "history"),
    Case(history_cid, "history"),
]


def _removed(removed):
    """The plan's records of ``removed`` (page -> boxes): a portrait removed there, as the audit records it."""
    from redactor.model import Action, Decision, Finding

    return tuple(Decision(Finding(p, "PORTRAIT", boxes, "portrait.v1", 1.0), Action.REDACT, "own.photo.portrait", "")
                 for p, boxes in (removed or {}).items())


@pytest.fixture(scope="module")
def ocr():
    from redactor.config import OcrConfig
    from tests.ocr import ocr_engine

    return ocr_engine(OcrConfig())


@pytest.mark.issue(11)
@pytest.mark.parametrize("case", ZOO, ids=lambda c: c.build.__name__)
def test_leaky_file_fails_and_names_its_channel(case, tmp_path, applicant_profile, ocr):
    spec = case.build(tmp_path, OWN)
    report = verify_pdf(str(spec["path"]), applicant_profile, ocr if spec.get("ocr") else None,
                        records=_removed(spec.get("removed")))
    assert not report.passed
    assert case.channel in {lk.where for lk in report.failures}, [lk.as_dict() for lk in report.leaks]
    assert all(OWN["name"] not in lk.detail and OWN["phone"] not in lk.detail for lk in report.leaks)


@pytest.mark.issue(11)
@pytest.mark.parametrize("case", ZOO, ids=lambda c: c.build.__name__)
def test_clean_twin_passes(case, tmp_path, applicant_profile, ocr):
    spec = case.build(tmp_path, OTHER)
    report = verify_pdf(str(spec["path"]), applicant_profile, ocr if spec.get("ocr") else None,
                        records=_removed(spec.get("removed")))
    assert report.passed, [lk.as_dict() for lk in report.failures]


# --- the issue's reproducers, through the command line ----------------------------------

runner = CliRunner()


@pytest.mark.issue(11)
def test_one_line_id_number_pdf_fails_verify(tmp_path, profile_file):
    path = text_layer(tmp_path, OWN)["path"]
    result = runner.invoke(app, ["verify", str(path), "-p", str(profile_file), "--no-ocr", "--json"])
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    (drawn,) = [lk for lk in report["leaks"] if lk["channel"] == "text_layer"]
    assert {"category": "id_number", "severity": "leak", "page": 1}.items() <= drawn.items()
    assert drawn["bbox"] is not None and APPLICANT.id_number not in result.stdout


@pytest.mark.issue(11)
def test_original_document_lists_id_number_phone_and_email(tmp_path, profile_file):
    src = application_form(tmp_path / "form.pdf")
    result = runner.invoke(app, ["verify", str(src), "-p", str(profile_file), "--no-ocr", "--json"])
    assert result.exit_code == 1
    found = {(lk["channel"], lk["category"]) for lk in json.loads(result.stdout)["leaks"] if lk["severity"] == "leak"}
    for cat in ("name", "id_number", "phone", "employer", "email"):
        assert ("text_layer", cat) in found


@pytest.mark.issue(50)
def test_someone_elses_name_containing_the_applicants_is_decided_not_left_as_a_maybe(tmp_path, applicant_profile):
    """The applicant's name inside a longer one: the boundary decision (``ownership.text_cues``) says whose it is
    -- listed as kept, with why; never released on a "review" alone (issue 50)."""
    doc, page = _doc()
    page.insert_text((60, 120), f"推荐人：{APPLICANT.name}华教授", fontname=FONT, fontsize=11)
    path = _save(doc, tmp_path / "other.pdf")
    report = verify_pdf(str(path), applicant_profile)
    assert report.passed
    (kept,) = [lk for lk in report.leaks if lk.where == "text_layer"]
    assert kept.severity == "kept" and kept.category == "name" and "longer" in kept.detail
    # the same name standing alone is the applicant's: a leak
    doc, page = _doc()
    page.insert_text((60, 120), f"推荐人：{APPLICANT.name}，教授", fontname=FONT, fontsize=11)
    report = verify_pdf(str(_save(doc, tmp_path / "own.pdf")), applicant_profile)
    assert not report.passed and {lk.where for lk in report.failures} == {"text_layer"}
