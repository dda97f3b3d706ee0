"""Region detectors and policy on the designs of issue #10's independent corpus:
sheets scanned sideways, blue seals, seal arcs beside signature labels, labels
in neighbouring table cells, seal readings with confused characters, a form
platform's QR code, employer names wrapped in a table cell.  All synthetic."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pymupdf
import pytest

from redactor.model import BBox, Char, OcrLine, Page, Raster, TextOrigin
from tests.pages import (
    INK, SEAL_TEXT, build_form_pdf, covered, draw_seal, draw_signature, draw_text, page_from_pdf,
)

BLUE = (0.15, 0.25, 0.7)


def _as_ocr(page: Page) -> Page:
    """The page as OCR would give it: OCR characters, one OcrLine per text line."""
    chars = [replace(c, origin=TextOrigin.OCR, score=0.98) for c in page.chars]
    lines, start = [], 0
    for i, c in enumerate(chars + [Char("\n", None)]):
        if c.c == "\n":
            boxes = [ch.bbox for ch in chars[start:i] if ch.bbox is not None]
            if boxes:
                lines.append(OcrLine(start, i, BBox.enclosing(boxes), 0.98))
            start = i + 1
    return replace(page, chars=tuple(chars), ocr_lines=tuple(lines))


def _sideways(page: Page) -> Page:
    """The page scanned sideways: content turned a quarter counter-clockwise,
    page points following the turned raster (as a landscape scan's do)."""
    assert page.raster is not None
    px = page.raster.pixels
    h, w = px.shape[:2]
    s = page.raster.dpi / 72.0

    def move(b: BBox | None) -> BBox | None:
        if b is None:
            return None
        # old pixel (u, v) -> new pixel (v, w - u)
        xs = [v for v in (b.y0 * s, b.y1 * s)]
        ys = [w - u for u in (b.x0 * s, b.x1 * s)]
        return BBox(min(xs) / s, min(ys) / s, max(xs) / s, max(ys) / s)

    chars = tuple(replace(c, bbox=move(c.bbox)) for c in page.chars)
    lines = tuple(replace(ln, bbox=move(ln.bbox)) for ln in page.ocr_lines)
    images = tuple(replace(im, bbox=move(im.bbox)) for im in page.images)
    raster = Raster(pixels=np.ascontiguousarray(np.rot90(px, 1)), to_points=(1 / s, 0, 0, 1 / s, 0, 0),
                    dpi=page.raster.dpi)
    return replace(page, width=page.height, height=page.width, chars=chars, ocr_lines=lines, images=images,
                   raster=raster), move


@pytest.fixture(scope="module")
def sideways_form():
    data, truth = build_form_pdf()
    page, move = _sideways(_as_ocr(page_from_pdf(data, 150)))
    return page, truth, move


# --- a sheet scanned sideways -----------------------------------------------------

def test_quarter_turns_read_from_the_ocr_lines(sideways_form):
    from redactor.detect.regions.base import quarter_turns, upright

    page, _, move = sideways_form
    assert quarter_turns(page) == 3
    up = upright(page)
    assert up.raster.pixels.shape[:2] == page.raster.pixels.shape[:2][::-1]
    # the turned raster still maps into the same page points
    b = BBox(100, 200, 140, 260)
    from redactor.detect.regions.base import pixel_rect_for_bbox

    r = pixel_rect_for_bbox(up.raster, b, up.raster.pixels.shape)
    back = up.raster.point_box(*r)
    assert abs(back.x0 - b.x0) < 1 and abs(back.y1 - b.y1) < 1


def test_sideways_scan_photo_and_signatures_are_found(sideways_form):
    """Faces and 'right of the label' only make sense upright: without the upright
    view neither the portrait nor the signatures of a sideways sheet are found."""
    from redactor.detect.regions.portrait import PortraitDetector
    from redactor.detect.regions.signature import SignatureDetector

    page, truth, move = sideways_form
    found = PortraitDetector().detect(page, None)
    assert any(covered(move(truth.photo), f.boxes[0]) > 0.9 for f in found)
    sigs = {f.explain("label"): f for f in SignatureDetector().detect(page, None)}
    assert set(sigs) == {"申报人签字", "审核人"}
    for label, f in sigs.items():
        assert covered(move(truth.signatures[label]), f.boxes[0]) > 0.6


# --- seals in other inks; a seal's arc is no signature ---------------------------

def _seal_page(color) -> tuple[Page, BBox]:
    doc = pymupdf.open()
    p = doc.new_page(width=595, height=842)
    draw_text(p, 60, 100, "兹证明该同志具有工程师资格。")
    p.draw_rect(pymupdf.Rect(60, 500, 160, 560), color=None, fill=(0.2, 0.6, 0.3))   # a coloured page
    seal = draw_seal(p, (300, 300), 55, SEAL_TEXT, color=color)
    return page_from_pdf(doc.tobytes(), 150), seal


@pytest.mark.parametrize("color", [BLUE, (0.45, 0.2, 0.6)], ids=["blue", "purple"])
def test_seals_in_blue_and_purple_ink_are_found(color):
    from redactor.detect.regions.seal import SealDetector

    page, truth = _seal_page(color)
    found = SealDetector().detect(page, None)
    assert len(found) == 1 and covered(truth, found[0].boxes[0]) > 0.95
    assert found[0].explain("ink") in ("blue", "purple")
    assert SealDetector(other_inks=False).detect(page, None) == []


def test_blue_pen_signature_is_no_seal():
    from redactor.detect.regions.seal import SealDetector

    doc = pymupdf.open()
    p = doc.new_page(width=595, height=842)
    draw_text(p, 60, 300, "申报人签字：")
    draw_signature(p, 140, 282, color=BLUE)
    assert SealDetector().detect(page_from_pdf(doc.tobytes(), 150), None) == []


def test_part_of_a_blue_seal_ring_beside_the_label_is_no_signature():
    """A faint, partial blue seal half over the photo above 持证人签名 (its ring
    too incomplete for the seal detector): the signature below the label is the
    signature, the arc is not."""
    from redactor.detect.regions.signature import SignatureDetector

    doc = pymupdf.open()
    p = doc.new_page(width=595, height=842)
    draw_text(p, 60, 330, "持证人签名")
    # the lower 140 degrees of a seal ring, ending just right of the label
    pts = [pymupdf.Point(150 + 40 * np.cos(np.radians(a)), 280 + 40 * np.sin(np.radians(a)))
           for a in range(20, 160, 4)]
    p.draw_polyline(pts, color=BLUE, width=1.6)
    sig = draw_signature(p, 62, 340, color=INK)
    found = SignatureDetector().detect(page_from_pdf(doc.tobytes(), 150), None)
    assert len(found) == 1
    assert covered(sig, found[0].boxes[0]) > 0.8
    assert found[0].boxes[0].y0 > 300          # not up at the arc


def test_labels_in_neighbouring_cells_stay_two_labels():
    """审核人 | 负责人 in two cells of one row are two labels, each with its own signature."""
    from redactor.detect.regions.signature import SignatureDetector

    doc = pymupdf.open()
    p = doc.new_page(width=595, height=842)
    draw_text(p, 60, 200, "审核人")
    s1 = draw_signature(p, 150, 184)
    draw_text(p, 320, 200, "负责人")
    s2 = draw_signature(p, 410, 184)
    page = page_from_pdf(doc.tobytes(), 150)
    # the row's cells are joined by a box-less separator, as Word export gives them
    i = page.text.index("审核人") + 3
    chars = list(page.chars)
    text = page.text
    if text[i] != " ":
        chars.insert(i, Char(" ", None))
        text = text[:i] + " " + text[i:]
    page = replace(page, text=text, chars=tuple(chars))
    found = {f.explain("label"): f for f in SignatureDetector().detect(page, None)}
    assert set(found) == {"审核人", "负责人"}
    assert covered(s1, found["审核人"].boxes[0]) > 0.8 and covered(s2, found["负责人"].boxes[0]) > 0.8


def _two_signature_rows(rules: tuple[float, float, float], labels: tuple[float, float],
                        own: tuple[float, float, float], reviewer: tuple[float, float, float]):
    """A table of two rows, 申请人签名 above 审核人, each with a signature in its second cell (``rules``:
    the rules' y; ``labels``: the two labels' baselines; ``own``, ``reviewer``: each signature's top,
    height, width).  The page and the two signatures' boxes."""
    doc = pymupdf.open()
    p = doc.new_page(width=595, height=842)
    for y in rules:
        p.draw_line((50, y), (545, y), color=(0, 0, 0), width=0.6)
    for x in (50, 180, 545):
        p.draw_line((x, rules[0]), (x, rules[2]), color=(0, 0, 0), width=0.6)
    draw_text(p, 56, labels[0], "申请人签名", size=10)
    draw_text(p, 56, labels[1], "审核人", size=10)
    s1 = draw_signature(p, 186, own[0], w=own[2], h=own[1])
    s2 = draw_signature(p, 186, reviewer[0], w=reviewer[2], h=reviewer[1], seed=3)
    return doc, s1, s2


def test_signatures_in_stacked_table_rows_are_two():
    """申请人签名 and 审核人 in consecutive rows of a table: the rule between the
    rows keeps the two signatures apart."""
    from redactor.detect.regions.signature import SignatureDetector

    doc, s1, s2 = _two_signature_rows((170, 194, 218), (186, 210), (171, 26, 70), (193, 24, 70))
    found = {f.explain("label"): f for f in SignatureDetector().detect(page_from_pdf(doc.tobytes(), 150), None)}
    assert "申请人签名" in found and "审核人" in found
    assert found["申请人签名"].boxes[0].y1 < s2.y0 + 0.5 * s2.height
    assert covered(s1, found["申请人签名"].boxes[0]) > 0.7


def test_a_signature_read_as_text_does_not_hand_it_to_the_row_above():
    """OCR reads the reviewer's scribble as a confident 反: the 审核人 label's window
    stopped at that "print", and 申请人签名 in the row above (its window reaching
    down) took the reviewer's signature and removed it with the applicant's
    (issue #10, a scanned Word form).  Text lying on the ink is the ink."""
    from redactor.detect.regions.signature import SignatureDetector

    doc, s1, s2 = _two_signature_rows((170, 198, 222), (188, 214), (172, 24, 80), (200, 20, 64))
    page = _as_ocr(page_from_pdf(doc.tobytes(), 150))
    # the OCR line "反" read off the reviewer's signature, as confident and as tall as print
    glyph = Char("反", BBox(s2.x0 - 4, s2.y0, s2.x0 + 13, s2.y0 + 16), TextOrigin.OCR, 0.94)
    page = replace(page, text=page.text + "反\n", chars=page.chars + (glyph, Char("\n", None, TextOrigin.OCR, 0.94)))
    found = {f.explain("label"): f for f in SignatureDetector().detect(page, None)}
    assert covered(s1, found["申请人签名"].boxes[0]) > 0.7
    assert covered(s2, found["申请人签名"].boxes[0]) < 0.3
    assert "审核人" in found and covered(s2, found["审核人"].boxes[0]) > 0.7


# --- policy ---------------------------------------------------------------------------

def _profile():
    from redactor.model import ApplicantProfile

    return ApplicantProfile(name="王某某", employers=("包头钢铁（集团）有限责任公司",))


def _region(entity: str, text: str, **expl) -> "object":
    from redactor.model import Finding

    return Finding(page=1, entity_type=entity, boxes=(BBox(10, 10, 60, 60),), recognizer="x.v1", score=0.9,
                   text=text, explanation=tuple(expl.items()))


def test_seal_reading_with_confused_legal_suffix_and_department_line_is_the_employers():
    from redactor.config import RedactorConfig
    from redactor.policy import decide

    cfg = RedactorConfig().policy
    f = _region("SEAL", "包头鹤铁（集团）有增贵任公司 技术中心", readable=True)
    d = decide([f], _profile(), cfg).decisions[0]
    assert d.action.value == "redact" and d.rule.startswith("own.seal.employer")
    other = _region("SEAL", "内蒙古自治区人力资源和社会保障厅", readable=True)
    assert decide([other], _profile(), cfg).decisions[0].rule == "other.seal"


def test_seal_reading_cut_inside_the_city_prefix_is_the_employers():
    """A greyscale oval seal read from the second character on, with junk before it (O与头市中心医 of
    包头市中心医院): the cut prefix 头市 made the reading too long to match the core 中心医院, the seal
    was judged a fragment and kept by a distant form label (issue #10, seed 9).  Another city's
    hospital stays another organisation's."""
    from redactor.config import RedactorConfig
    from redactor.model import ApplicantProfile
    from redactor.policy import decide

    cfg = RedactorConfig().policy
    prof = ApplicantProfile(name="王某某", employers=("包头市中心医院",))
    f = _region("SEAL", "O与头市中心医", readable=True, ocr_score=0.884, on_form=True)
    d = decide([f], prof, cfg).decisions[0]
    assert d.action.value == "redact" and d.rule.startswith("own.seal.employer"), d
    other = _region("SEAL", "赤峰市第三医院", readable=True, ocr_score=0.95, on_form=True)
    assert decide([other], prof, cfg).decisions[0].action.value == "keep"


def test_platform_qr_code_on_a_form_is_kept_per_person_code_removed():
    from redactor.config import RedactorConfig
    from redactor.detect.regions.qrcode import payload_ref_on_page
    from redactor.policy import decide

    page_text = "职称申报表\n申报编号：SB2024-000123\n姓名"
    assert payload_ref_on_page("https://zc.example.gov.cn/verify?no=SB2024-000123", page_text)
    assert not payload_ref_on_page("https://zc.example.gov.cn/form/71097900", page_text)
    cfg = RedactorConfig().policy
    system = _region("QR_CODE", "https://zc.example.gov.cn/form/71097900", decoded=True, on_form=True,
                     payload_ref_on_page=False)
    personal = _region("QR_CODE", "https://zc.example.gov.cn/verify?no=SB2024-000123", decoded=True, on_form=True,
                       payload_ref_on_page=True)
    undecoded = _region("QR_CODE", "", decoded=False, on_form=True)
    rules = {d.finding.text: (d.action.value, d.rule) for d in decide([system, personal, undecoded], _profile(),
                                                                        cfg).decisions}
    assert rules[system.text] == ("keep", "other.qr_code.platform")
    assert rules[personal.text] == ("redact", "own.qr_code.form")
    assert rules[""] == ("redact", "own.qr_code.form")


# --- an employer name wrapped in a table cell -----------------------------------------

def test_employer_wrapped_over_two_ocr_lines_of_a_cell_is_found():
    from redactor.detect.stacked_lines import wrapped_values
    from redactor.fields import applicant_forms

    doc = pymupdf.open()
    p = doc.new_page(width=595, height=842)
    # one table row: the employer cell wraps; OCR reads the row's other cells in between
    draw_text(p, 60, 200, "2009.07—2016.12")
    draw_text(p, 200, 200, "包头钢铁（集团")
    draw_text(p, 330, 200, "技术中心")
    draw_text(p, 450, 200, "技术员")
    draw_text(p, 200, 216, "）有限责任公司")
    draw_text(p, 60, 300, "北京科技大学")
    page = _as_ocr(page_from_pdf(doc.tobytes(), 150))
    forms = applicant_forms(_profile())
    found = wrapped_values(page, forms)
    assert len(found) == 1
    f = found[0]
    assert f.entity_type == "ORGANIZATION" and f.explain("profile_field") == "employers"
    box = BBox.enclosing(list(f.boxes))
    assert box.x0 < 205 and box.y0 < 192 and box.y1 > 212 and box.x1 < 320
    # read by OCR, so painted with OCR's padding: the inset of a text layer left slivers of a wrapped
    # name's strokes in a scanned image (seed 7's 业绩报告 as a TIFF)
    from redactor.model import Action, Decision
    from redactor.redact import redaction_rects

    assert f.explain("source") == "ocr"
    painted = redaction_rects(Decision(f, Action.REDACT, "own.employer", "test"))
    assert all(r.x0 < b.x0 and r.y0 < b.y0 and r.x1 > b.x1 and r.y1 > b.y1 for r, b in zip(painted, f.boxes))


def test_a_partial_impression_fading_out_on_one_side_is_found():
    """A partial dark-red double-ring seal (uneven pressure: one side fades to almost nothing) leaves
    ink on about two thirds of its ring: found on the smoothed ink (issue #10 class 3)."""
    import random

    from benchmarks.corpus.styles import SealStyle, seal_png_styled
    from redactor.detect.regions.seal import SealDetector

    doc = pymupdf.open()
    p = doc.new_page(width=595, height=842)
    draw_text(p, 60, 100, "兹证明该同志具有工程师资格。")
    png, (fx, _), (iw, ih) = seal_png_styled(SEAL_TEXT, "", SealStyle("round", 2, True, ink="dark_red", partial=0.75),
                                             random.Random(3), 10.0)
    w = 110.0 / fx
    p.insert_image(pymupdf.Rect(300 - w / 2, 400 - w * ih / iw / 2, 300 + w / 2, 400 + w * ih / iw / 2), stream=png)
    page = page_from_pdf(doc.tobytes(), 150)
    truth = BBox(245, 345, 355, 455)
    found = SealDetector().detect(page, None)
    assert len(found) == 1 and covered(truth, found[0].boxes[0]) > 0.9
    # the full-ring rule misses it (the pale pass, on the white-balanced page, sees more of the ring; so does
    # the faint grey search, the small seal leaving the page grey to ``is_grayscale``)
    assert SealDetector(min_faint_ring_coverage=0.7, pale_ink_level=0, faint_gray_level=0).detect(page, None) == []


def test_a_round_seal_over_print_on_a_greyscale_scan_is_found():
    """A greyscale scan of the employer's round double-ring seal stamped over its printed name and
    the date (a 评审表's 单位意见 row): the grey edges of the print join the ring, and the circle
    search's proposals go to the text around it; found on the opened grey ink (issue #10 class 3), and,
    since the frame's rules are taken out of the grey ink (``seal_ink.without_rules``), without the
    opening too."""
    import random

    from benchmarks.corpus.render import scanned
    from benchmarks.corpus.styles import SealStyle, seal_png_styled
    from redactor.detect.regions.seal import SealDetector

    doc = pymupdf.open()
    p = doc.new_page(width=595, height=842)
    for y in (150, 200, 250, 300):
        draw_text(p, 60, y, "经审核，材料齐全，符合申报条件。该同志工作认真负责。")
    p.draw_rect(pymupdf.Rect(50, 420, 545, 540), color=(0, 0, 0), width=0.8)
    png, (fx, _), (iw, ih) = seal_png_styled(SEAL_TEXT, "技术中心", SealStyle("round", 2, True, ink="purple"),
                                             random.Random(5), 12.0)
    w = 100.0 / fx
    p.insert_image(pymupdf.Rect(425 - w / 2, 478 - w * ih / iw / 2, 425 + w / 2, 478 + w * ih / iw / 2), stream=png)
    draw_text(p, 330, 470, SEAL_TEXT + "研究所")          # print across the seal
    draw_text(p, 360, 495, "二〇二四年六月十七日")
    scan = scanned(doc.tobytes(), [], random.Random(2), dpi=150, angle=0.0, quarter_turns=0, grayscale=True,
                   jpeg_quality=75)[0].data
    page = page_from_pdf(scan, 150)
    found = SealDetector().detect(page, None)
    assert len(found) == 1, [f.boxes for f in found]
    b = found[0].boxes[0]               # the scan shifts the page a little
    assert abs(b.center[0] - 425) < 25 and abs(b.center[1] - 478) < 25 and 95 < b.width < 135
    assert found[0].explain("ink") == "grey"


@pytest.mark.parametrize("ink", [(115, 50, 150), (40, 70, 175)], ids=["purple", "blue"])
def test_a_pale_seal_on_tinted_paper_of_a_colour_scan_is_found(ink):
    """A pale (faint, alpha 0.3) purple or blue oval seal on a colour scan whose paper is warm: its
    ink is only 10-20 levels of chroma from the paper, less than the paper's tint that the ink masks
    subtract, so no ink pass saw it and the employer's seal was left whole (issue #10, seeds 11 and
    60521).  Found once the paper is made white."""
    import cv2

    k = 150 / 72
    sheet = np.full((int(842 * k), int(595 * k), 3), 255.0, np.float32)
    ring = np.zeros(sheet.shape[:2], np.uint8)
    cv2.ellipse(ring, (int(400 * k), int(480 * k)), (int(62 * k), int(45 * k)), 0, 0, 360, 1, 3)
    a = 0.3 * ring[..., None]
    sheet = sheet * (1 - a) + np.array(ink, np.float32) * a
    for y in (150, 200, 250, 300, 600):        # black print
        cv2.rectangle(sheet, (int(60 * k), int(y * k)), (int(540 * k), int((y + 2) * k)), (20, 20, 20), -1)
    sheet = sheet * (np.array((246, 238, 227), np.float32) / 255.0)      # warm paper: a multiplied tint
    sheet += np.random.default_rng(4).normal(0, 3, sheet.shape)
    png = cv2.imencode(".png", cv2.cvtColor(np.clip(sheet, 0, 255).astype(np.uint8), cv2.COLOR_RGB2BGR))[1].tobytes()
    doc = pymupdf.open()
    doc.new_page(width=595, height=842).insert_image(pymupdf.Rect(0, 0, 595, 842), stream=png)
    page = page_from_pdf(doc.tobytes(), 150)
    from redactor.detect.regions.seal import SealDetector

    found = SealDetector().detect(page, None)
    assert len(found) == 1, [f.boxes for f in found]
    b = found[0].boxes[0]
    assert abs(b.center[0] - 400) < 6 and abs(b.center[1] - 480) < 6 and 120 < b.width < 140
    assert SealDetector(pale_ink_level=0).detect(page, None) == []      # the ink passes alone miss it


def test_employer_wrapped_in_a_cell_is_found_when_ocr_line_boxes_overlap():
    """OCR's boxes are generous, more so on a skewed scan: the two halves' boxes overlap by 40 % of a line
    (seed 8, a1's scanned 评审表: 包头市中 / 心医院 at 2.8°); their middles are still a line apart."""
    from redactor.detect.stacked_lines import wrapped_values
    from redactor.fields import applicant_forms

    doc = pymupdf.open()
    p = doc.new_page(width=595, height=842)
    draw_text(p, 60, 200, "2009.07—2016.12")
    draw_text(p, 200, 200, "包头钢铁（集团")
    draw_text(p, 330, 200, "技术中心")
    draw_text(p, 200, 213, "）有限责任公司")
    page = _as_ocr(page_from_pdf(doc.tobytes(), 150))
    grow = lambda b: None if b is None else BBox(b.x0, b.y0 - 3, b.x1, b.y1 + 3)      # noqa: E731
    page = replace(page, chars=tuple(replace(c, bbox=grow(c.bbox)) for c in page.chars),
                   ocr_lines=tuple(replace(ln, bbox=grow(ln.bbox)) for ln in page.ocr_lines))
    cell = [ln.bbox for ln in page.ocr_lines if ln.bbox.x0 > 190 and ln.bbox.x1 < 320]
    assert len(cell) == 2 and cell[1].y0 - cell[0].y1 < -0.3 * cell[0].height     # overlapping boxes
    found = wrapped_values(page, applicant_forms(_profile()))
    assert len(found) == 1 and found[0].explain("profile_field") == "employers"
