"""Region detectors on synthetic PyMuPDF pages (born-digital and scan-like).

Everything is drawn here: a form page with an ID photo in a 照片 cell, a QR code
holding a fake application number, a red seal with its organisation name on
the arc, and two bezier signatures; a page of dense Chinese text with a chart;
a group photo.  No real personal data (grace_hopper.jpg ships with matplotlib).
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from redactor.model import BBox, Char, Page, Raster, TextOrigin
from redactor.protocols import OcrText
from tests.pages import (  # noqa: F401  (the drawing helpers, shared with the other region tests)
    APPLICATION_NO,
    BARCODE_NO,
    DENSE,
    FONT,
    FakeOcr,
    INK,
    RED,
    SEAL_TEXT,
    Truth,
    _hopper,
    _hopper_path,
    _ink_box,
    _matplotlib_chart_png,
    _micrograph_png,
    _png,
    _rect,
    build_form_pdf,
    build_group_pdf,
    build_misc_pdf,
    build_text_chart_pdf,
    covered,
    damaged_qr,
    draw_chart,
    draw_seal,
    draw_signature,
    draw_text,
    iou,
    no_values_in_explanation,
    page_from_pdf,
    scan_of,
)


@pytest.fixture(scope="module")
def rapid_ocr():
    """The project's OCR engine, replayed where the raster was read before (tests/ocr.py)."""
    from redactor.config import OcrConfig
    from tests.ocr import ocr_engine

    return ocr_engine(OcrConfig())


# --- fixtures ---------------------------------------------------------------------

@pytest.fixture(scope="module")
def form():
    data, truth = build_form_pdf()
    return page_from_pdf(data, 150), truth


@pytest.fixture(scope="module")
def form_scan(form):
    page, truth = form
    scan, move = scan_of(page, angle_deg=0.7)
    moved = Truth(photo=move(truth.photo), photo_label=move(truth.photo_label), qr=move(truth.qr),
                  seal=move(truth.seal), signatures={k: move(v) for k, v in truth.signatures.items()})
    return scan, moved


@pytest.fixture(scope="module")
def text_page():
    data, truth = build_text_chart_pdf()
    return page_from_pdf(data, 150), truth


@pytest.fixture(scope="module")
def group():
    data, truth = build_group_pdf()
    return page_from_pdf(data, 150), truth


@pytest.fixture(scope="module")
def misc():
    data, truth, extra = build_misc_pdf()
    return page_from_pdf(data, 150), truth, extra


# --- interface ----------------------------------------------------------------------

def test_registry_builds_every_detector_with_defaults():
    from redactor.detect.regions.base import RegionDetector
    from redactor.registry import REGION_DETECTORS, resolve

    for name in REGION_DETECTORS:
        det = resolve(REGION_DETECTORS, name, "region detector")()
        assert det.name == name
        assert isinstance(det, RegionDetector)


def test_pages_without_raster_give_nothing(form):
    from redactor.detect.regions.portrait import PortraitDetector
    from redactor.detect.regions.qrcode import QrCodeDetector
    from redactor.detect.regions.seal import SealDetector
    from redactor.detect.regions.signature import SignatureDetector

    page, _ = form
    bare = replace(page, raster=None)
    for det in (PortraitDetector(), QrCodeDetector(), SealDetector(), SignatureDetector()):
        assert det.detect(bare, None) == []


def test_findings_are_regions_with_page_boxes(form):
    from redactor.detect.regions.qrcode import QrCodeDetector
    from redactor.detect.regions.seal import SealDetector

    page, _ = form
    for f in QrCodeDetector().detect(page, None) + SealDetector().detect(page, None):
        assert f.is_region and f.start is None and f.end is None
        assert f.page == page.number and 0.0 <= f.score <= 1.0
        (b,) = f.boxes
        assert 0 <= b.x0 < b.x1 <= page.width and 0 <= b.y0 < b.y1 <= page.height


# --- portrait -----------------------------------------------------------------------

def test_id_photo_is_the_whole_embedded_image(form):
    from redactor.detect.regions.portrait import PortraitDetector

    page, truth = form
    found = PortraitDetector().detect(page, None)
    assert len(found) == 1
    f = found[0]
    assert f.entity_type == "PORTRAIT" and f.recognizer == "portrait.v1"
    assert f.explain("kind") == "id_photo" and f.explain("faces") == 1 and f.explain("cue") == "embedded_image"
    assert iou(f.boxes[0], truth.photo) > 0.95


def test_scanned_id_photo_uses_the_layout(form_scan):
    from redactor.detect.regions.portrait import PortraitDetector

    page, truth = form_scan
    found = PortraitDetector().detect(page, None)          # the full-page scan image is no photo
    assert len(found) == 1
    f = found[0]
    assert f.entity_type == "PORTRAIT" and f.explain("cue") == "photo_label" and f.explain("kind") == "id_photo"
    assert covered(truth.photo, f.boxes[0]) > 0.95
    assert f.boxes[0].area < 2.0 * truth.photo.area


def test_group_photo_gives_one_face_per_person(group):
    from redactor.detect.regions.portrait import PortraitDetector

    page, truth = group
    found = PortraitDetector().detect(page, None)
    assert len(found) == 2
    assert {f.entity_type for f in found} == {"FACE"}
    assert all(f.explain("kind") == "group_face" and f.explain("faces") == 2 for f in found)
    assert all(covered(f.boxes[0], truth.group) > 0.99 for f in found)
    left, right = sorted(found, key=lambda f: f.boxes[0].x0)
    assert left.boxes[0].x1 <= right.boxes[0].x0 + 1         # one box per face, not the whole photo


def test_grey_photo_without_label_and_its_scan(misc):
    from redactor.detect.regions.portrait import PortraitDetector

    page, truth, _ = misc
    (f,) = PortraitDetector().detect(page, None)
    assert f.entity_type == "PORTRAIT" and f.explain("cue") == "embedded_image"
    assert iou(f.boxes[0], truth.photo) > 0.95
    scan, move = scan_of(page, angle_deg=-0.5, seed=3)
    (g,) = PortraitDetector().detect(scan, None)
    assert g.explain("cue") == "face_box"
    assert covered(move(truth.photo), g.boxes[0]) > 0.8


@pytest.mark.issue(14)
def test_scan_face_search_only_around_solid_patches(misc, form_scan):
    """On a scan the cascade runs only around solid non-paper patches: the photo is searched, the
    text is not, and what is found is what a search of the whole page finds."""
    from redactor.detect.regions.base import px_per_pt, to_gray
    from redactor.detect.regions.portrait import PortraitDetector, solid_patches

    page, truth, _ = misc
    grey_scan, move = scan_of(page, angle_deg=-0.5, seed=3)
    for scan, photo in ((grey_scan, move(truth.photo)), (form_scan[0], form_scan[1].photo)):
        gray = to_gray(scan.raster.pixels)
        det = PortraitDetector()
        min_px = max(det.min_face_px, int(round(det.min_face_pt * px_per_pt(scan.raster))))
        rects = solid_patches(gray, min_px)
        assert rects is not None and rects
        boxes = [scan.raster.point_box(*r) for r in rects]
        assert any(covered(photo, b) > 0.99 for b in boxes)                 # the photo is searched
        searched = sum((r[2] - r[0]) * (r[3] - r[1]) for r in rects) / gray.size
        assert searched < 0.35                                              # most of the page is not
        whole = PortraitDetector()
        whole._search_regions = lambda *a, **k: None                        # the old whole-page search
        got = [f.boxes[0] for f in det.detect(scan, None)]
        want = [f.boxes[0] for f in whole.detect(scan, None)]
        assert len(got) == len(want) == 1 and iou(got[0], want[0]) > 0.95
    blank = np.full((2339, 1654), 250, np.uint8)
    assert solid_patches(blank, 44) == []                                   # no patch: nothing to search
    lines = blank.copy()
    for y in range(200, 2200, 60):                                          # text-like rows of thin strokes
        lines[y:y + 24, 150:1500:9] = 20
    assert solid_patches(lines, 44) == []


@pytest.mark.parametrize("dpi", [100, 200])
def test_text_charts_and_micrographs_have_no_faces(dpi):
    from redactor.detect.regions.portrait import PortraitDetector

    page = page_from_pdf(build_text_chart_pdf()[0], dpi)
    assert PortraitDetector(min_neighbors=3).detect(page, None) == []


# --- QR codes and barcodes -------------------------------------------------------------

def test_qr_code_payload_is_decoded_on_a_form(form, form_scan):
    from redactor.detect.regions.qrcode import QrCodeDetector

    for page, truth in (form, form_scan):
        (f,) = QrCodeDetector().detect(page, None)
        assert f.entity_type == "QR_CODE" and f.text == APPLICATION_NO
        assert f.explain("symbology") == "QRCode" and f.explain("decoded") is True and f.explain("on_form") is True
        assert covered(truth.qr, f.boxes[0]) == 1.0          # every module (the quiet zone is blank)
        assert f.boxes[0].area < 1.6 * truth.qr.area
        assert no_values_in_explanation(f, APPLICATION_NO)


def test_barcode_off_form_with_its_digits(group):
    """The digits printed under the bars repeat the payload: they are inside the box."""
    from redactor.detect.regions.qrcode import QrCodeDetector

    page, truth = group
    (f,) = QrCodeDetector().detect(page, None)
    assert f.entity_type == "BARCODE" and f.text == BARCODE_NO
    assert f.explain("symbology") == "Code128" and f.explain("on_form") is False
    assert covered(truth.barcode, f.boxes[0]) == 1.0


def test_undecodable_qr_is_still_located(misc):
    from redactor.detect.regions.qrcode import QrCodeDetector

    page, truth, _ = misc
    (f,) = QrCodeDetector().detect(page, None)
    assert f.entity_type == "QR_CODE" and f.explain("decoded") is False and f.text == ""
    assert covered(truth.qr, f.boxes[0]) == 1.0


def test_no_codes_on_text_and_charts(text_page):
    from redactor.detect.regions.qrcode import QrCodeDetector

    assert QrCodeDetector().detect(text_page[0], None) == []


# --- seals ------------------------------------------------------------------------------

def _red_extent(page: Page, near: BBox) -> BBox:
    """Box of the red pixels around a seal, in points (the ground truth for 'fully inside')."""
    from redactor.detect.regions.seal import red_mask

    s = page.raster.to_points[0]
    m = red_mask(page.raster.pixels)
    u0, v0, u1, v1 = (int(near.x0 / s), int(near.y0 / s), int(near.x1 / s), int(near.y1 / s))
    ys, xs = np.nonzero(m[v0:v1, u0:u1])
    return BBox((u0 + xs.min()) * s, (v0 + ys.min()) * s, (u0 + xs.max() + 1) * s, (v0 + ys.max() + 1) * s)


def test_seal_over_text_is_found_and_red_ink_is_inside(form, form_scan):
    from redactor.detect.regions.seal import SealDetector

    for page, truth in (form, form_scan):
        (f,) = SealDetector().detect(page, None)
        assert f.entity_type == "SEAL" and f.explain("shape") == "round"
        assert f.explain("readable") is False and f.text == "" and f.explain("ocr_score") == 0.0
        red = _red_extent(page, truth.seal.expanded(15))
        assert covered(red, f.boxes[0]) == 1.0
        assert f.boxes[0].area < 1.3 * red.area


def test_seal_text_goes_through_the_ocr_engine(form):
    from redactor.detect.regions.seal import SealDetector

    page, _ = form
    fake = FakeOcr("示例单位", 0.93)
    (f,) = SealDetector().detect(page, fake)
    assert fake.calls >= 1
    assert "示例单位" in f.text and f.explain("readable") is True and f.explain("ocr_score") > 0.9
    assert no_values_in_explanation(f, "示例单位")


def test_red_headings_rules_and_markers_are_no_seals(text_page):
    from redactor.detect.regions.seal import SealDetector

    assert SealDetector().detect(text_page[0], None) == []


def test_oval_and_tilted_seals(misc):
    from redactor.detect.regions.seal import SealDetector

    page, _, extra = misc
    found = SealDetector().detect(page, None)
    assert len(found) == 2
    by_shape = {f.explain("shape"): f for f in found}
    assert set(by_shape) == {"round", "oval"}
    assert covered(extra["tilted"], by_shape["round"].boxes[0]) > 0.98
    assert covered(extra["oval"], by_shape["oval"].boxes[0]) > 0.98


@pytest.mark.models
def test_seal_text_is_read_with_rapidocr(form, form_scan, misc, rapid_ocr):
    from redactor.detect.regions.seal import SealDetector

    det = SealDetector()
    (f,) = det.detect(form[0], rapid_ocr)
    assert SEAL_TEXT in f.text and f.explain("readable") is True
    (g,) = det.detect(form_scan[0], rapid_ocr)
    assert g.explain("readable") is True
    assert sum(ch in g.text for ch in SEAL_TEXT) >= 0.7 * len(SEAL_TEXT)
    by_shape = {s.explain("shape"): s for s in det.detect(misc[0], rapid_ocr)}
    assert "示例市第二中学" in by_shape["round"].text            # stamped at 70 degrees
    assert "示例有限责任公司" in by_shape["oval"].text


def _greyscale(page: Page) -> Page:
    import cv2

    assert page.raster is not None
    g = cv2.cvtColor(page.raster.pixels, cv2.COLOR_RGB2GRAY)
    return replace(page, raster=replace(page.raster, pixels=np.ascontiguousarray(np.stack([g] * 3, axis=-1))))


@pytest.mark.issue(4)
def test_seal_on_a_greyscale_scan_is_found_by_its_ring(form_scan):
    """A greyscale scan turns the red seal into a grey ring: found by its shape."""
    from redactor.detect.regions.seal import SealDetector

    page, truth = form_scan
    (f,) = SealDetector().detect(_greyscale(page), None)
    assert f.explain("ink") == "grey" and f.explain("shape") == "round"
    assert covered(truth.seal, f.boxes[0]) > 0.95
    assert f.boxes[0].area < 1.6 * truth.seal.area


@pytest.mark.issue(4)
def test_greyscale_text_tables_and_charts_have_no_seals(text_page, group, misc):
    from redactor.detect.regions.seal import SealDetector

    for page in (text_page[0], group[0]):
        found = SealDetector().detect(_greyscale(page), None)
        assert found == [], [(f.boxes[0], dict(f.explanation)) for f in found]
    # on the misc page the round seal stamped at 70 degrees is found in grey too, and nothing else
    found = SealDetector().detect(_greyscale(misc[0]), None)
    extra = misc[2]
    assert any(covered(extra["tilted"], f.boxes[0]) > 0.95 for f in found)
    assert all(covered(f.boxes[0], extra["tilted"].expanded(10)) > 0.8
               or covered(f.boxes[0], extra["oval"].expanded(10)) > 0.8 for f in found), \
        [(f.boxes[0], dict(f.explanation)) for f in found]


@pytest.mark.models
@pytest.mark.issue(4)
def test_greyscale_seal_text_is_read(form_scan, rapid_ocr):
    from redactor.detect.regions.seal import SealDetector

    (f,) = SealDetector().detect(_greyscale(form_scan[0]), rapid_ocr)
    assert sum(ch in f.text for ch in SEAL_TEXT) >= 0.7 * len(SEAL_TEXT), f.text


# --- signatures ------------------------------------------------------------------------------

def _by_label(found):
    return {f.explain("label"): f for f in found}


def test_both_signatures_with_their_labels(form, form_scan):
    from redactor.detect.regions.signature import SignatureDetector

    for page, truth in (form, form_scan):
        found = _by_label(SignatureDetector().detect(page, None))
        assert set(found) == {"申报人签字", "审核人"}
        for label, f in found.items():
            assert f.entity_type == "SIGNATURE" and f.recognizer == "signature.v1"
            assert iou(f.boxes[0], truth.signatures[label]) > 0.6
            assert 0 < f.explain("label_distance_pt") < 40


def test_signature_layouts_and_non_signatures(misc):
    from redactor.detect.regions.signature import SignatureDetector

    page, truth, _ = misc
    found = _by_label(SignatureDetector().detect(page, None))
    assert set(found) == set(truth.signatures)        # not 审批人 (empty), not 申请人 (a chart)
    for label, f in found.items():
        assert iou(f.boxes[0], truth.signatures[label]) > 0.6, label


def test_no_signature_without_a_label(text_page, group):
    from redactor.detect.regions.signature import SignatureDetector

    assert SignatureDetector().detect(text_page[0], None) == []
    assert SignatureDetector().detect(group[0], None) == []


def test_ocr_reading_a_signature_does_not_hide_it(form_scan):
    """OCR often 'reads' handwriting; low-confidence OCR characters there are not print."""
    from redactor.detect.regions.signature import SignatureDetector

    page, truth = form_scan
    b = truth.signatures["申报人签字"]
    fake = (Char("张", BBox(b.x0, b.y0, b.x0 + b.width / 2, b.y1), TextOrigin.OCR, 0.62),
            Char("三", BBox(b.x0 + b.width / 2, b.y0, b.x1, b.y1), TextOrigin.OCR, 0.62),
            Char("\n", None, TextOrigin.OCR))
    page = replace(page, text=page.text + "张三\n", chars=page.chars + fake)
    found = _by_label(SignatureDetector().detect(page, None))
    assert iou(found["申报人签字"].boxes[0], b) > 0.6


def test_labels_come_from_ocr_when_the_page_has_no_text(form):
    from redactor.detect.regions.signature import SignatureDetector

    page, truth = form

    class LabelOcr:
        name = "labels.fake"

        def recognize(self, raster):
            out = []
            for word in ("申报人签字：", "审核人："):
                start = page.text.index(word)
                boxes = tuple(c.bbox for c in page.chars[start:start + len(word)])
                out.append(OcrText(word, boxes, BBox.enclosing(list(boxes)), 0.99))
            return out

    bare = replace(page, text="", chars=())
    found = _by_label(SignatureDetector().detect(bare, LabelOcr()))
    assert set(found) == {"申报人签字", "审核人"}


def test_blank_noise_and_grey_rasters_do_not_break_detectors():
    from redactor.detect.regions.portrait import PortraitDetector
    from redactor.detect.regions.qrcode import QrCodeDetector
    from redactor.detect.regions.seal import SealDetector
    from redactor.detect.regions.signature import SignatureDetector

    rng = np.random.default_rng(0)
    rasters = [np.full((300, 200, 3), 255, np.uint8), rng.integers(0, 256, (300, 200, 3), dtype=np.uint8),
               rng.integers(0, 256, (300, 200), dtype=np.uint8), np.zeros((4, 4, 3), np.uint8)]
    for px in rasters:
        h, w = px.shape[:2]
        page = Page(number=1, width=w * 72 / 150, height=h * 72 / 150, text="申报人签字：", chars=tuple(
            Char(c, BBox(5 + 10 * i, 5, 15 + 10 * i, 15)) for i, c in enumerate("申报人签字：")),
            raster=Raster(pixels=px, to_points=(72 / 150, 0, 0, 72 / 150, 0, 0), dpi=150))
        for det in (PortraitDetector(), QrCodeDetector(), SealDetector(), SignatureDetector()):
            found = det.detect(page, FakeOcr("x"))
            assert isinstance(found, list)
            if px.ndim == 3 and px.std() == 0:
                # nothing on a blank page but the signature label's "no ink here" marker (removes nothing)
                assert [f for f in found if f.explain("ink") != "none"] == []
