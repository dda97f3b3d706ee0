"""Handwritten signatures on printed-and-scanned forms (issue #10 class 4 on scans).

A signature picture printed with its form and scanned has no picture placement
any more: its thin strokes (0.5-0.8 pt) are ink on the page like a chart's
hairline, and the one-row cell's short borders stand right beside it.  All
synthetic: strokes drawn with PIL, fake labels, no real person."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pymupdf
import pytest

from tests.pages import covered, draw_text, page_from_pdf, scan_of
from tests.unit.test_signature_pictures import build_word_form_pdf
from redactor.model import ApplicantProfile, BBox, Char, PageKind, TextOrigin


@pytest.fixture(scope="module")
def scanned_form():
    data, truth = build_word_form_pdf()
    page = page_from_pdf(data, 150)
    scan, move = scan_of(page, angle_deg=0.4, jpeg_quality=70)
    assert len(scan.images) == 1 and scan.images[0].bbox.area >= 0.99 * page.width * page.height   # no placements
    return scan, {k: move(v) for k, v in truth.items()}


def test_thin_signature_printed_and_scanned_is_found_beside_its_label(scanned_form):
    from redactor.detect.regions.signature import SignatureDetector

    page, truth = scanned_form
    found = {f.explain("label"): f for f in SignatureDetector().detect(page, None) if not f.explain("ink")}
    assert "申请人签名" in found
    assert covered(truth["申请人签名"], found["申请人签名"].boxes[0]) > 0.9
    # the cell's borders (10 pt left, 24 pt right of the ink) are no part of it
    assert found["申请人签名"].boxes[0].x0 > 368.0 and found["申请人签名"].boxes[0].x1 < 470.0
    # every signature goes to its own row's label: 负责人's and 审核人's stay theirs
    for label, f in found.items():
        assert covered(truth[label], f.boxes[0]) > 0.5, label


def test_policy_removes_only_the_applicants_scanned_signature(scanned_form):
    from redactor.config import RedactorConfig
    from redactor.detect.regions.signature import SignatureDetector
    from redactor.model import Action
    from redactor.policy import decide

    page, truth = scanned_form
    plan = decide(SignatureDetector().detect(page, None), ApplicantProfile(name="赵晓岚"), RedactorConfig().policy)
    removed = [d.finding.boxes[0] for d in plan.decisions if d.action is Action.REDACT]
    assert len(removed) == 1 and covered(truth["申请人签名"], removed[0]) > 0.9
    for other in ("负责人", "审核人"):
        assert all(covered(truth[other], b) < 0.1 for b in removed), other


def _unsigned_form(scan: bool):
    doc = pymupdf.open()
    p = doc.new_page(width=595, height=842)
    draw_text(p, 60, 90, "本人承诺所提交的材料真实有效。", size=10)
    for y, label in ((140.0, "申请人签名"), (260.0, "审核人签字")):
        for yy in (y, y + 30):
            p.draw_line((300, yy), (545, yy), color=(0, 0, 0), width=0.6)
        for x in (300.0, 368.0, 470.0, 545.0):
            p.draw_line((x, y), (x, y + 30), color=(0, 0, 0), width=0.6)
        draw_text(p, 306, y + 19, label, size=10)
    page = page_from_pdf(doc.tobytes(), 150)
    return scan_of(page)[0] if scan else page


@pytest.mark.parametrize("scan", [False, True])
def test_an_unsigned_applicant_label_removes_nothing_and_asks_no_one_to_look(scan):
    from redactor.config import RedactorConfig
    from redactor.detect.regions.signature import SignatureDetector
    from redactor.model import Action
    from redactor.policy import decide

    found = SignatureDetector().detect(_unsigned_form(scan), None)
    assert {(f.explain("label"), f.explain("ink")) for f in found} == {("申请人签名", "none"), ("审核人签字", "none")}
    plan = decide(found, ApplicantProfile(name="赵晓岚"), RedactorConfig().policy)
    assert all(d.action is Action.KEEP for d in plan.decisions)
    # an unsigned label is no reason to look (issue 41: review is for decisions a person must check); a missed
    # signature there is pen ink beside the applicant's label, which the gate's own channel looks for
    assert not any(d.needs_review for d in plan.decisions)
    assert {d.rule for d in plan.decisions} == {"own.signature.unsigned", "other.signature.unsigned"}


# --- verification: the applicant's signature must not remain on a scanned form -----------------------------

class _LabelOcr:
    """Reads the form's printed lines where the scan shows them (whole-page calls only); not the handwriting."""

    name = "labels.fake"

    def __init__(self, lines, page_size):
        self.lines, self.page_size = lines, page_size

    def recognize(self, raster):
        from redactor.protocols import OcrText

        h, w = raster.pixels.shape[:2]
        full = raster.point_box(0, 0, w, h)
        if full.width < 0.95 * self.page_size[0] or full.height < 0.95 * self.page_size[1]:
            return []
        return [OcrText(t, tuple(bs), BBox.enclosing(list(bs)), 0.99) for t, bs in self.lines]


def _scan_pdf(scan, turn: bool) -> tuple[bytes, object, tuple[float, float]]:
    """The scanned page as an image-only PDF; ``turn``: fed into the scanner sideways (90° clockwise)."""
    import io

    import numpy as np
    from PIL import Image

    px, w, h = scan.raster.pixels, scan.width, scan.height
    mapping = lambda b: b                                                   # noqa: E731
    if turn:
        px, (w, h) = np.ascontiguousarray(np.rot90(px, -1)), (h, w)
        mapping = lambda b: BBox(scan.height - b.y1, b.x0, scan.height - b.y0, b.x1)   # noqa: E731
    buf = io.BytesIO()
    Image.fromarray(px).save(buf, "PNG")
    doc = pymupdf.open()
    doc.new_page(width=w, height=h).insert_image(pymupdf.Rect(0, 0, w, h), stream=buf.getvalue())
    return doc.tobytes(), mapping, (w, h)


def _lines_of(scan, mapping):
    """Every printed line of the form (labels, dates, the promise) as a good OCR engine reads it."""
    out, text, boxes = [], [], []
    for c in scan.chars:
        if c.bbox is None:
            if text:
                out.append(("".join(text), boxes))
            text, boxes = [], []
        elif c.c.strip():
            text.append(c.c)
            boxes.append(mapping(c.bbox))
    assert {"申请人签名", "负责人", "审核人"} <= {t for t, _ in out}
    return out


def _verify_scan(data: bytes, ocr, tmp_path, name: str):
    from redactor.verify import verify_pdf

    path = tmp_path / name
    path.write_bytes(data)
    return [lk for lk in verify_pdf(str(path), ApplicantProfile(name="赵晓岚"), ocr=ocr).leaks if lk.where == "signature"]


@pytest.mark.parametrize("turn", [False, True])
def test_verify_reads_the_label_by_ocr_and_flags_the_applicants_scanned_signature(scanned_form, tmp_path, turn):
    page, truth = scanned_form
    data, mapping, size = _scan_pdf(page, turn)
    ocr = _LabelOcr(_lines_of(page, mapping), size)
    leaks = _verify_scan(data, ocr, tmp_path, "form.pdf")
    assert len(leaks) == 1 and leaks[0].severity == "leak"
    assert covered(mapping(truth["申请人签名"]), leaks[0].bbox) > 0.8
    for other in ("负责人", "审核人"):                   # other people's signatures are no leak
        assert covered(mapping(truth[other]), leaks[0].bbox) < 0.1
    # painted over (a redaction box with the category's white label): clean
    doc = pymupdf.open(stream=data, filetype="pdf")
    b = mapping(truth["申请人签名"])
    r = pymupdf.Rect(b.x0 - 3, b.y0 - 3, b.x1 + 3, b.y1 + 3)
    doc[0].draw_rect(r, color=None, fill=(0, 0, 0))
    assert _verify_scan(doc.tobytes(), ocr, tmp_path, "painted.pdf") == []


def test_a_grey_seal_right_of_the_holders_label_is_no_signature(tmp_path):
    """A greyscale scan of a certificate: 持证人签名 with the holder's signature, and further right on
    the same rows the issuing authority's round seal over its printed name.  The seal has no colour to
    tell it by; its ring is found and what it holds (characters, star) is no pen stroke either -- once
    a false alarm whose repair blacked out the authority's seal and name (CI's scanned 资格证)."""
    import io

    from PIL import Image

    doc = pymupdf.open()
    p = doc.new_page(width=595, height=420)
    draw_text(p, 60, 320, "持证人签名：")
    sig = [pymupdf.Point(140 + 6 * i, 318 - 9 * ((i % 4) in (1, 2))) for i in range(14)]
    p.draw_polyline(sig, color=(0, 0, 0), width=1.4)
    draw_text(p, 300, 300, "发证机关：内蒙古自治区人力资源和社会保障厅")
    grey = (0.45, 0.45, 0.45)
    p.draw_circle((470, 300), 52, color=grey, width=2.8)
    arc = "内蒙古自治区人力资源和社会保障厅"
    for k, ch in enumerate(arc):          # the authority's name along the inside of the ring
        a = np.radians(-210 + 240 * k / (len(arc) - 1))
        x, y = 470 + 40 * np.cos(a), 300 + 40 * np.sin(a)
        p.insert_text((x - 5, y + 5), ch, fontname="china-s", fontsize=10, color=grey,
                      morph=(pymupdf.Point(x, y), pymupdf.Matrix(np.degrees(a) + 90)))
    for k, ch in enumerate("职称专用章"):
        p.insert_text((438 + 13 * k, 335), ch, fontname="china-s", fontsize=11, color=grey)
    star = [pymupdf.Point(470 + 16 * np.cos(np.radians(-90 + 144 * i)), 296 + 16 * np.sin(np.radians(-90 + 144 * i)))
            for i in range(6)]
    p.draw_polyline(star, color=grey, fill=grey, width=1)
    pix = p.get_pixmap(dpi=150, colorspace=pymupdf.csGRAY)
    buf = io.BytesIO()
    Image.frombytes("L", (pix.width, pix.height), pix.samples).save(buf, "JPEG", quality=80)
    scan = pymupdf.open()
    scan.new_page(width=595, height=420).insert_image(pymupdf.Rect(0, 0, 595, 420), stream=buf.getvalue())
    printed = {}        # every printed line, as a good OCR engine reads it: the label and the authority's name
    for block in p.get_text("rawdict")["blocks"]:
        for line in block.get("lines", []):
            chars = [c for span in line["spans"] for c in span["chars"] if c["c"].strip() and c["c"] != "："]
            printed["".join(c["c"] for c in chars)] = [BBox(*c["bbox"]) for c in chars]
    assert "持证人签名" in printed and any(t.startswith("发证机关") for t in printed)
    ocr = _LabelOcr([(t, b) for t, b in printed.items() if len(t) > 2], (595, 420))
    leaks = _verify_scan(scan.tobytes(), ocr, tmp_path, "cert.pdf")
    assert len(leaks) == 1 and covered(BBox(138, 305, 222, 322), leaks[0].bbox) > 0.8   # the signature
    assert leaks[0].bbox.x1 < 300                                                       # not the seal


def test_printed_date_beside_a_sideways_scans_signature_stays_print():
    """A form scanned sideways: the date printed in the cell after the applicant's signature
    (``2024.6.14``, 9 pt, read by OCR with a good score) is print, not more of the signature.

    On the sideways page a character box's height in page points is its advance; a digit's is
    half a CJK character's, so the date fell below the printed-size test, counted as pen ink
    and was removed as the applicant's signature (burnt seed 96305's scanned 评审表)."""
    from redactor.detect.regions.signature import SignatureDetector
    from tests.unit.test_regions_variety import _as_ocr, _sideways

    data, truth = build_word_form_pdf()
    page, move = _sideways(_ocr_date_boxes(_as_ocr(page_from_pdf(data, 150))))
    dates = {}
    for i, c in enumerate(page.chars[:-8]):
        if page.text[i:i + 9] == "2024.6.14":
            dates[len(dates)] = BBox.enclosing([ch.bbox for ch in page.chars[i:i + 9]])
    assert len(dates) == 3
    found = [f for f in SignatureDetector().detect(page, None) if not f.explain("ink")]
    by_label: dict[str, list] = {}
    for f in found:
        by_label.setdefault(f.explain("label"), []).append(f.boxes[0])
    assert set(by_label) == {"申请人签名", "负责人", "审核人"}
    for label, boxes in by_label.items():
        assert len(boxes) == 1, label                                   # the signature, and nothing else
        assert covered(move(truth[label]), boxes[0]) > 0.9, label
    for d in dates.values():                                            # every printed date stays
        assert all(covered(d, b) < 0.1 for bs in by_label.values() for b in bs)


def _ocr_date_boxes(page):
    """The dates' character boxes as the OCR engine gives them: a digit half as wide as a CJK
    character, a full stop narrower still (the PDF font's digits are full-width)."""
    chars = list(page.chars)
    for i in range(len(chars) - 8):
        if page.text[i:i + 9] != "2024.6.14":
            continue
        x = chars[i].bbox.x0
        for k in range(i, i + 9):
            b = chars[k].bbox
            w = 2.2 if chars[k].c == "." else 4.5          # 9 pt: a digit's advance is half an em
            chars[k] = replace(chars[k], bbox=BBox(x, b.y0, x + w, b.y1))
            x += w
    return replace(page, chars=tuple(chars))


def test_a_label_read_as_tall_as_the_pen_beside_it_pads_the_box_by_its_characters(scanned_form):
    """Structure seed 53731's scanned 项目任务书: OCR read 项目负责人（签字） into one line with the signature beside
    it, 38 pt tall for 10 pt characters, and the box round the strokes was padded by a quarter of that, 9.5 pt on
    every side (+606 pt² on one box).  A label's characters are square: its size is its length over its
    characters, and the box is padded by that measure whatever height OCR gave the line."""
    from redactor.detect.regions.signature import SignatureDetector

    page, truth = scanned_form
    start = page.text.index("申请人签名")
    tall = list(page.chars)
    for i in range(start, start + 5):           # the label's line read 3.5 times as tall, round its middle
        b = tall[i].bbox
        mid, h = 0.5 * (b.y0 + b.y1), 3.5 * b.height
        tall[i] = replace(tall[i], bbox=BBox(b.x0, mid - 0.5 * h, b.x1, mid + 0.5 * h))

    def box(p):  # noqa: ANN001, ANN202
        return next(f.boxes[0] for f in SignatureDetector().detect(p, None)
                    if f.explain("label") == "申请人签名" and not f.explain("ink"))

    as_printed, as_read_tall = box(page), box(replace(page, chars=tuple(tall)))
    assert covered(truth["申请人签名"], as_read_tall) > 0.9
    assert as_read_tall.height - as_printed.height < 2.0 and as_read_tall.width - as_printed.width < 2.0
    assert as_read_tall.area < 1.1 * as_printed.area


@pytest.mark.parametrize(("label", "along", "line", "size"), [
    ("项目负责人（签字）", 9 * 21.0, 80.0, 21.0),      # read as tall as the pen beside it: the pitch
    ("项目负责人（签字）", 9 * 21.0, 25.0, 25.0),      # as tall as a box round print is: its height
    ("姓名", 120.0, 22.0, 22.0),                       # widely spaced: its height
    ("签名(手写)", 5 * 20.0, 60.0, 20.0),              # half-width brackets count half a character
    ("签", 20.0, 60.0, 60.0),                          # one character: no pitch to measure
])
def test_a_labels_character_size_is_its_pitch_where_its_line_was_read_taller(label, along, line, size):
    from redactor.detect.regions.signature_labels import label_char_px

    assert label_char_px(label, along, line, 1.3) == pytest.approx(size)


def test_a_label_read_as_tall_as_the_pen_does_not_join_ink_four_characters_past_the_signature():
    """Structure seed 53731's two-up grey scan of a 项目任务书: the label read as tall as the signature beside it
    set the scale at which ink pieces join (2.5 label heights), and the employer's grey stamp, which the stamp
    search had not taken out of the ink, four characters past the signature became part of it: a box over both
    and the paper between.  The writing's scale is the label's character size: a tall reading of the label
    finds what the printed label finds.  (Here the other ink is a short scribble.)"""
    from redactor.detect.regions.signature import SignatureDetector
    from tests.pages import draw_signature

    doc = pymupdf.open()
    p = doc.new_page(width=595, height=842)
    draw_text(p, 60, 204, "项目负责人（签字）：", size=10)
    sig = draw_signature(p, 165, 186, w=60, h=24, seed=3)
    other = draw_signature(p, sig.x1 + 45, 190, w=30, h=18, seed=5)
    page, move = scan_of(page_from_pdf(doc.tobytes(), 150), angle_deg=0.3)
    start = page.text.index("项目负责人")
    tall = list(page.chars)
    for i in range(start, start + 9):
        b = tall[i].bbox
        mid, h = 0.5 * (b.y0 + b.y1), 3.8 * b.height
        tall[i] = replace(tall[i], bbox=BBox(b.x0, mid - 0.5 * h, b.x1, mid + 0.5 * h))
    for chars in (page.chars, tuple(tall)):
        found = [f.boxes[0] for f in SignatureDetector().detect(replace(page, chars=chars), None)
                 if f.explain("label") == "项目负责人（签字）" and not f.explain("ink")]
        assert len(found) == 1 and covered(move(sig), found[0]) > 0.9
        assert found[0].x1 < move(other).x0, "the other ink joined the signature"
