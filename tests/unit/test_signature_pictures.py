"""Signature pictures pasted into the cells of a Word-exported form (issue #10 class 4, issue #11).

A signature scanned or exported from a tablet is pasted as a picture into the
cell beside 申请人签名 and scaled down to the cell: its strokes come out thin and
sparse (0.5-0.8 pt), and the cell's own short borders stand right beside it.
All synthetic: strokes drawn with PIL, fake labels, no real person."""

from __future__ import annotations

import io

import numpy as np
import pymupdf
import pytest
from PIL import Image, ImageDraw

from tests.pages import covered, draw_text, page_from_pdf
from redactor.model import BBox


def signature_png(seed: int, w_px: int = 340, h_px: int = 92, width_px: int = 3,
                  color=(25, 25, 40)) -> bytes:
    """A cursive scribble in black ink on a transparent background (a tablet export): thin strokes."""
    rng = np.random.default_rng(seed)
    im = Image.new("RGBA", (w_px, h_px), (255, 255, 255, 0))
    d = ImageDraw.Draw(im)
    t = np.linspace(0.0, 1.0, 200)
    for g in range(3):                  # three loopy "glyphs": Lissajous-like curves
        cx, a, b = 60 + 105 * g + rng.uniform(-8, 8), rng.uniform(22, 40), rng.uniform(0.25, 0.38) * h_px
        f1, f2, ph = rng.uniform(1.5, 2.5), rng.uniform(2.5, 3.5), rng.uniform(0, 3)
        pts = [(cx + a * np.sin(2 * np.pi * f1 * u + ph), 0.45 * h_px + b * np.sin(2 * np.pi * f2 * u))
               for u in t]
        d.line(pts, fill=color + (235,), width=width_px, joint="curve")
    flourish = [(12 + (w_px - 30) * u, (0.78 + 0.12 * np.sin(np.pi * (1.5 * u + 0.2))) * h_px) for u in t]
    d.line(flourish, fill=color + (235,), width=width_px, joint="curve")
    buf = io.BytesIO()
    im.save(buf, "PNG")
    return buf.getvalue()


def _cell_row(p: pymupdf.Page, y0: float, y1: float, label: str, xs=(300.0, 368.0, 470.0, 545.0)) -> None:
    """One row of a small bordered table: [label | signature | date]; its borders are only a row tall."""
    for y in (y0, y1):
        p.draw_line((xs[0], y), (xs[-1], y), color=(0, 0, 0), width=0.6)
    for x in xs:
        p.draw_line((x, y0), (x, y1), color=(0, 0, 0), width=0.6)
    draw_text(p, xs[0] + 8, (y0 + y1) / 2 + 4, label, size=10)
    draw_text(p, xs[2] + 10, (y0 + y1) / 2 + 4, "2024.6.14", size=9)


def build_word_form_pdf() -> tuple[bytes, dict[str, BBox]]:
    """申请人签名 / 负责人 / 审核人 rows, each with a signature picture in its own cell."""
    doc = pymupdf.open()
    p = doc.new_page(width=595, height=842)
    draw_text(p, 60, 90, "本人承诺所提交的材料真实有效，如有不实，愿承担相应责任。", size=10)
    truth = {}
    for i, (label, y) in enumerate((("申请人签名", 140.0), ("负责人", 260.0), ("审核人", 380.0))):
        _cell_row(p, y, y + 30, label)
        r = pymupdf.Rect(378.6, y + 6, 446.0, y + 24)
        png = signature_png(seed=i + 1)
        p.insert_image(r, stream=png, keep_proportion=False)
        alpha = np.asarray(Image.open(io.BytesIO(png)))[:, :, 3]
        ys, xs = np.nonzero(alpha)
        sx, sy = r.width / alpha.shape[1], r.height / alpha.shape[0]
        truth[label] = BBox(r.x0 + xs.min() * sx, r.y0 + ys.min() * sy, r.x0 + (xs.max() + 1) * sx,
                            r.y0 + (ys.max() + 1) * sy)        # the ink, not the picture's blank margin
    return doc.tobytes(), truth


@pytest.fixture(scope="module")
def word_form():
    data, truth = build_word_form_pdf()
    return data, truth, page_from_pdf(data, 150)


def test_thin_signature_picture_in_a_form_cell_is_found(word_form):
    """The pasted pictures' thin, sparse strokes are no chart hairlines, and the
    cell borders beside them are not part of the signature."""
    from redactor.detect.regions.signature import SignatureDetector

    _, truth, page = word_form
    found = {f.explain("label"): f for f in SignatureDetector().detect(page, None)}
    assert set(found) == {"申请人签名", "负责人", "审核人"}
    for label, box in truth.items():
        assert covered(box, found[label].boxes[0]) > 0.9, label
        # the box is the picture's ink, not the cell (whose borders are 10 pt left and 24 pt right)
        assert found[label].boxes[0].x0 > 368.0 and found[label].boxes[0].x1 < 470.0, label


def test_chart_hairlines_beside_a_bare_label_stay_no_signature():
    """The hairline test still holds for ink that is no picture of its own (a scan's chart curve)."""
    from redactor.detect.regions.signature import SignatureDetector

    doc = pymupdf.open()
    p = doc.new_page(width=595, height=842)
    draw_text(p, 60, 200, "申请人：")
    shape = p.new_shape()
    xs = np.linspace(140, 330, 40)
    shape.draw_polyline([pymupdf.Point(x, 200 - 18 * np.sin((x - 140) / 17.0)) for x in xs])
    shape.finish(color=(0, 0, 0), width=0.3, closePath=False)
    shape.commit()
    assert SignatureDetector().detect(page_from_pdf(doc.tobytes(), 150), None) == []


# --- verification: the applicant's signature picture must not remain -----------------------

def _verify(data: bytes, tmp_path, name: str):
    from redactor.model import ApplicantProfile
    from redactor.verify import verify_pdf

    path = tmp_path / name
    path.write_bytes(data)
    profile = ApplicantProfile(name="赵晓岚", employers=("示例科技研究院",))          # fake
    return verify_pdf(str(path), profile, ocr=None)


def _redacted(data: bytes, boxes: list[BBox]) -> bytes:
    doc = pymupdf.open(stream=data, filetype="pdf")
    for b in boxes:
        doc[0].add_redact_annot(pymupdf.Rect(b.x0 - 2, b.y0 - 2, b.x1 + 2, b.y1 + 2), fill=(0, 0, 0))
    doc[0].apply_redactions(images=pymupdf.PDF_REDACT_IMAGE_PIXELS)
    return doc.tobytes()


def test_verify_flags_the_applicants_signature_picture_left_in_its_cell(word_form, tmp_path):
    data, truth, _ = word_form
    report = _verify(data, tmp_path, "form.pdf")
    sig = [lk for lk in report.failures if lk.where == "signature"]
    assert not report.passed and len(sig) == 1 and sig[0].category == "signature"
    # the picture beside 申请人签名, not the 负责人's or the 审核人's
    assert sig[0].bbox.intersection_area(truth["申请人签名"]) > 0.9 * truth["申请人签名"].area
    assert "signature" in report.checks


def test_verify_passes_once_the_applicants_signature_is_painted_over(word_form, tmp_path):
    data, truth, _ = word_form
    report = _verify(_redacted(data, [truth["申请人签名"]]), tmp_path, "form.redacted.pdf")
    assert report.passed, report.failures
    assert not [lk for lk in report.leaks if lk.where == "signature"]
    # the others' pictures are still there and were not called the applicant's
    doc = pymupdf.open(stream=_redacted(data, [truth["申请人签名"]]), filetype="pdf")
    assert len(doc[0].get_image_info()) == 3


def test_verify_gives_the_row_below_to_its_own_label(tmp_path):
    """申请人签名 above 审核人, both pictures in the same column: the 审核人's picture,
    just below the applicant's row, is the 审核人's (its own row), and stays unflagged."""
    doc = pymupdf.open()
    p = doc.new_page(width=595, height=842)
    for y in (490, 516, 538):
        p.draw_line((50, y), (545, y), color=(0, 0, 0), width=0.6)
    draw_text(p, 57, 507, "申请人签名", size=10)
    draw_text(p, 57, 530, "审核人", size=10)
    draw_text(p, 298, 530, "负责人", size=10)
    rows = {}
    for i, (y0, y1) in enumerate(((494.0, 516.0), (516.5, 536.0))):
        r = pymupdf.Rect(186, y0, 258, y1)
        p.insert_image(r, stream=signature_png(seed=7 + i), keep_proportion=False)
        rows[i] = BBox(r.x0, r.y0, r.x1, r.y1)
    report = _verify(doc.tobytes(), tmp_path, "stacked.pdf")
    sig = [lk for lk in report.leaks if lk.where == "signature"]
    assert len(sig) == 1 and sig[0].bbox.intersection_area(rows[0]) > 0.9 * rows[0].area


def test_a_pasted_signature_whose_pale_strokes_the_ink_missed_is_no_figure():
    """Variety seed 17796 (a born-digital 网上申报表): the applicant's signature, a picture pasted beside 申请人签名 with
    a pale tinted ground, had only its darker middle strokes in the pen's ink; the rest of the picture's content
    (its paler strokes) lay outside that group, so the group was taken for a piece of a figure and the cell for
    unsigned (a silent leak).  A signature-sized picture beside its label that holds the ink is the pasted
    signature, all of it, whatever share of its strokes the ink caught."""
    import cv2

    from redactor.detect.regions.signature import SignatureDetector
    from redactor.detect.regions.signature_labels import Label

    ppt = 150 / 72
    rgb = np.full((200, 600, 3), 250, np.uint8)
    ink = np.zeros(rgb.shape[:2], np.uint8)
    picture = (150, 40, 470, 120)
    rgb[picture[1]:picture[3], picture[0]:picture[2]] = (232, 236, 246)          # the picture's tinted ground
    content = np.zeros((picture[3] - picture[1], picture[2] - picture[0]), np.uint8)
    pts = np.array([[160 + 10 * i, 80 + int(22 * np.sin(i * 0.8))] for i in range(30)], np.int32)
    for k, (a, b) in enumerate(zip(pts, pts[1:])):
        dark = 10 <= k <= 19                       # the middle third in the pen's ink, the rest pale
        cv2.line(rgb, tuple(map(int, a)), tuple(map(int, b)), (40, 55, 150) if dark else (170, 180, 225), 3)
        cv2.line(content, (int(a[0]) - picture[0], int(a[1]) - picture[1]),
                 (int(b[0]) - picture[0], int(b[1]) - picture[1]), 1, 3)
        if dark:
            cv2.line(ink, tuple(map(int, a)), tuple(map(int, b)), 1, 3)
    lab = Label("申请人签名", BBox(5, 29, 53, 43), [(110, 30, 560, 140)], (10, 60, 110, 90), 25.0)
    groups, tried = SignatureDetector()._groups(ink, [lab], ppt, rgb, [(picture, content > 0)])
    assert tried == {0}
    assert len(groups) == 1 and groups[0][1].rect == picture, groups
