"""A faint, partial blue double-ring seal beside 持证人签名 breaks into short pieces (issues #10/#11).

On a photographed certificate the issuing authority's faint stamp lies over the holder's photo; what
shows of its lower ring is a row of short pieces, each far too short to show a curve, right beside the
holder's signature label.  Verification's scan signature channel took them for pen strokes and the
repair loop painted them: an authority's seal destroyed.  Several pieces on one circle of a seal's size,
spread over 80 degrees or more, are a ring; a cursive signature beside them is still found.  All
synthetic: a page drawn with PyMuPDF, a ring and strokes drawn with OpenCV, no real person."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import numpy as np
import pymupdf
import pytest

from redactor.model import BBox, Char, ImagePlacement, PageKind, Raster, TextOrigin
from redactor.protocols import OcrText
from tests.pages import draw_text, page_from_pdf

DPI = 150.0
PPT = DPI / 72.0
CENTRE, RADIUS = (228.0, 312.0), 34.0          # points; the ring's lowest point 14 pt above the label's row
LABEL = "持证人签名"
SIGNATURE = (140.0, 376.0, 215.0, 398.0)       # the holder's strokes, below the label
RING_INK = (115, 130, 160)                      # faded blue stamp-pad ink


def _page(signed: bool) -> tuple:
    """The certificate's lower left, scanned: (Page, label char boxes)."""
    import cv2

    doc = pymupdf.open()
    p = doc.new_page(width=842, height=595)
    draw_text(p, 300, 140, "姓    名", 12)
    draw_text(p, 300, 320, "评审组织  高级职称评审委员会", 12)
    draw_text(p, 135, 367, LABEL, 10)
    page = page_from_pdf(doc.tobytes(), DPI)
    px = page.raster.pixels.copy()
    rng = np.random.default_rng(4)
    centre = (int(CENTRE[0] * PPT * 16), int(CENTRE[1] * PPT * 16))
    for radius, lo, hi in ((RADIUS, 15, 165), (0.9 * RADIUS, 35, 145)):   # outer and inner ring, lower side only
        a = float(lo)
        while a < hi:
            span = rng.uniform(5, 9)
            axes = (int(radius * PPT * 16),) * 2
            if min(a + span, hi) - a >= 2:
                cv2.ellipse(px, centre, axes, 0, a, min(a + span, hi), RING_INK, 2, cv2.LINE_AA, shift=4)
            a += span + rng.uniform(3, 6)
    if signed:
        x0, y0, x1, y1 = SIGNATURE
        t = np.linspace(0, 1, 200)
        xs = x0 + (x1 - x0) * t + 4 * np.sin(t * 22)
        ys = 0.5 * (y0 + y1) + 0.42 * (y1 - y0) * np.sin(t * 6 * np.pi) * np.cos(t * 9)
        pts = np.stack([xs * PPT, ys * PPT], axis=1).astype(np.int32)
        cv2.polylines(px, [pts], False, (30, 40, 120), 2, cv2.LINE_AA)
    px = cv2.GaussianBlur(px, (3, 3), 0)
    px = np.clip(px.astype(np.float32) * 0.94 + 6 + rng.normal(0, 3, px.shape), 0, 255).astype(np.uint8)
    chars = tuple(Char(c.c, c.bbox, TextOrigin.OCR, 0.95) for c in page.chars)
    full = ImagePlacement(BBox(0, 0, page.width, page.height), xref=99, width_px=px.shape[1], height_px=px.shape[0])
    scan = replace(page, chars=chars, kind=PageKind.SCANNED, images=(full,),
                   raster=Raster(px, page.raster.to_points, DPI))
    label = [c.bbox for c in page.chars if c.c in LABEL and c.bbox is not None and c.bbox.y0 > 350]
    return scan, label


def _ring_box() -> BBox:
    """The part of the ring below the centre (where it reaches the label's window)."""
    cx, cy = CENTRE
    return BBox(cx - RADIUS - 2, cy, cx + RADIUS + 2, cy + RADIUS + 2)


def _leaks(signed: bool):
    from redactor.verify.signatures_scan import scan_signature_leaks

    page, label = _page(signed)
    line = OcrText(LABEL, tuple(label), BBox.enclosing(label), 0.97)
    return scan_signature_leaks(page.raster, 1, [line])


@pytest.mark.issue(10)
@pytest.mark.issue(11)
def test_pieces_of_a_faint_ring_beside_the_label_are_no_pen_strokes():
    leaks = _leaks(signed=False)
    assert not any(lk.bbox.intersection_area(_ring_box()) > 0 for lk in leaks), leaks


@pytest.mark.issue(10)
def test_a_cursive_signature_beside_the_ring_is_still_found():
    leaks = _leaks(signed=True)
    sig = BBox(*SIGNATURE)
    assert any(lk.bbox.intersection_area(sig) > 0.8 * sig.area for lk in leaks), leaks
    assert not any(lk.bbox.intersection_area(_ring_box()) > 0 for lk in leaks), leaks


@pytest.mark.issue(10)
def test_the_signature_detector_takes_the_strokes_not_the_ring():
    from redactor.detect.regions.signature import SignatureDetector

    page, _ = _page(signed=True)
    found = [f for f in SignatureDetector().detect(page, None) if not f.explain("ink")]
    sig = BBox(*SIGNATURE)
    assert any(f.boxes[0].intersection_area(sig) > 0.8 * sig.area for f in found), found
    assert not any(b.intersection_area(_ring_box()) > 0 for f in found for b in f.boxes), found


def test_strokes_that_happen_to_sit_on_a_circle_among_others_stay_a_signature():
    """A signature's loops can lie on one circle; its other strokes cross and flank it there."""
    import cv2

    from redactor.ring_arc import seal_ring_pieces

    px = np.full((200, 240, 3), 240, np.uint8)
    ink = np.zeros((200, 240), np.uint8)
    for a in range(200, 340, 14):                        # pieces of one circle (r = 60 px = 29 pt) ...
        cv2.ellipse(ink, (120, 120), (60, 60), 0, a, a + 8, 1, 2)
    for k in range(9):                                   # ... crossed by the name's other strokes
        x = 70 + 12 * k
        cv2.line(ink, (x, 50 + (k % 3) * 6), (x + 8, 85 + (k % 2) * 5), 1, 2)
    px[ink > 0] = (30, 40, 120)
    n, lab, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    assert seal_ring_pieces(lab, stats, px, 150 / 72) == []
    clean = ink.copy()                                   # the same pieces alone are a ring's
    clean[:, :] = 0
    for a in range(200, 340, 14):
        cv2.ellipse(clean, (120, 120), (60, 60), 0, a, a + 8, 1, 2)
    n, lab, stats, _ = cv2.connectedComponentsWithStats(clean, connectivity=8)
    assert len(seal_ring_pieces(lab, stats, px, 150 / 72)) == 1


@pytest.mark.models
@pytest.mark.issue(10)
@pytest.mark.issue(11)
def test_the_pipeline_keeps_the_rings_ink_and_removes_the_signature(tmp_path, region_pipeline, applicant_profile):
    from PIL import Image

    page, _ = _page(signed=True)
    src = tmp_path / "certificate.png"
    Image.fromarray(page.raster.pixels).save(src, dpi=(int(DPI), int(DPI)))
    before = _ring_pixels(str(src), _ring_box())
    assert before > 200
    outcome = region_pipeline.run(str(src), applicant_profile, str(tmp_path / "out"), "certificate")
    audit = json.loads(Path(outcome.audit_json).read_text(encoding="utf-8"))
    assert _ring_pixels(outcome.output_pdf, _ring_box()) > 0.9 * before, (audit["redactions"], audit["repairs"])
    with pymupdf.open(outcome.output_pdf) as doc:
        pix = doc[0].get_pixmap(dpi=int(DPI), clip=pymupdf.Rect(*SIGNATURE))
    rgb = np.frombuffer(pix.samples, np.uint8).reshape(pix.height, pix.width, pix.n)[:, :, :3].astype(int)
    pen = (rgb[:, :, 2] - rgb[:, :, 0] > 40) & (rgb[:, :, 2] > 60)
    assert pen.sum() < 10, audit["redactions"]          # the holder's signature went


def _ring_pixels(path: str, box: BBox) -> int:
    """Pixels of the ring's bluish-grey ink (blue above red, not dark) in ``box`` of the rendered file."""
    with pymupdf.open(path) as doc:
        pix = doc[0].get_pixmap(dpi=int(DPI), clip=pymupdf.Rect(box.x0, box.y0, box.x1, box.y1))
    rgb = np.frombuffer(pix.samples, np.uint8).reshape(pix.height, pix.width, pix.n)[:, :, :3].astype(int)
    r, b = rgb[:, :, 0], rgb[:, :, 2]
    return int((((b - r) > 20) & (b > 120) & (rgb.sum(axis=2) < 600)).sum())


# --- an oval stamp (seed 61's 资格证书: a faint blue oval authority seal half over the holder's photo) ------

OVAL = (40.0, 25.0)                              # semi-axes in points: a 80 x 50 pt oval stamp


def _oval_pieces(tilt: float = 12.0, arc: tuple[int, int] = (10, 170)) -> tuple[np.ndarray, np.ndarray]:
    """Short pieces of an oval ring's lower side on paper: (rgb, ink mask)."""
    import cv2

    px = np.full((220, 260, 3), 236, np.uint8)
    ink = np.zeros((220, 260), np.uint8)
    rng = np.random.default_rng(7)
    axes = (int(OVAL[0] * PPT), int(OVAL[1] * PPT))
    a = float(arc[0])
    while a < arc[1]:
        span = rng.uniform(8, 14)
        cv2.ellipse(ink, (130, 90), axes, tilt, a, min(a + span, arc[1]), 1, 2)
        a += span + rng.uniform(3, 6)
    px[ink > 0] = RING_INK
    return px, ink


@pytest.mark.parametrize("tilt", [0.0, 12.0, 30.0])
def test_every_piece_of_an_oval_ring_is_the_rings_where_ovals_are_asked_for(tilt):
    """A circle runs through most of an oval's lower side and leaves its ends behind: two pieces of a
    stamp, each a pen stroke to the signature channel.  The ellipse takes them all."""
    import cv2

    from redactor.ring_arc import seal_ring_pieces

    px, ink = _oval_pieces(tilt)
    n, lab, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    circles = {i for _, ids in seal_ring_pieces(lab, stats, px, PPT) for i in ids}
    assert len(circles) < n - 1                                   # circles only: pieces left over
    found = seal_ring_pieces(lab, stats, px, PPT, ovals=True)
    assert {i for _, ids in found for i in ids} == set(range(1, n))
    shape = found[0][0]
    assert len(shape) == 5 and sorted(shape[2:4]) == pytest.approx(sorted(a * PPT for a in OVAL), rel=0.1)


def test_a_short_stretch_of_an_oval_is_not_enough():
    """Two more free parameters fit more strokes by chance: an oval needs 120 degrees of pieces."""
    import cv2

    from redactor.ring_arc import seal_ring_pieces

    px, ink = _oval_pieces(arc=(40, 130))
    n, lab, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    assert seal_ring_pieces(lab, stats, px, PPT, ovals=True) == []


def test_strokes_on_an_oval_among_others_stay_a_signature():
    import cv2

    from redactor.ring_arc import seal_ring_pieces

    px, ink = _oval_pieces()
    for k in range(10):                                          # the name's other strokes cross the oval
        x = 70 + 12 * k
        cv2.line(ink, (x, 120 + (k % 3) * 6), (x + 8, 160 + (k % 2) * 5), 1, 2)
    px[ink > 0] = RING_INK
    n, lab, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    assert seal_ring_pieces(lab, stats, px, PPT, ovals=True) == []
