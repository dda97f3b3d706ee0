"""The gate's proof (issue 14): unchanged pixels are not OCRed again, and nothing slips through because of it.

The gate reuses ingest's OCR reading only where the output's pixels outside
the painted boxes are provably the input's; each painted box's neighbourhood
(grown to its text line) is OCRed again in the output.  These tests build the
input, the output and ingest's reading by hand, so each failure mode is
exercised on purpose: a pixel changed outside the boxes (the proof must fail
and the full re-read must find the value), a value left just beside a box
(the neighbourhood OCR must find it), and the real pipeline on a scan.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import numpy as np
import pymupdf
import pytest
from typer.testing import CliRunner

from redactor.cli import app
from redactor.model import BBox, Raster
from redactor.verify import Prior, PriorPage, verify_pdf
from redactor.verify.proof import neighbourhoods, pixels_unchanged_outside
from tests.integration.test_leak_zoo import FONT, OTHER, OWN
from tests.synth import APPLICANT

W, H = 298, 421                     # an A6 scan keeps the OCR quick


@pytest.fixture(scope="module")
def ocr():
    from redactor.config import OcrConfig
    from tests.ocr import ocr_engine

    return ocr_engine(OcrConfig())


def _as_scan(src: pymupdf.Document, path: Path) -> Path:
    """``src``'s first page rendered at 150 DPI into an image-only PDF at ``path`` (then ``src`` is closed)."""
    png = src[0].get_pixmap(dpi=150).tobytes("png")
    src.close()
    doc = pymupdf.open()
    doc.new_page(width=W, height=H).insert_image(pymupdf.Rect(0, 0, W, H), stream=png)
    doc.save(path, garbage=4, deflate=True)
    doc.close()
    return path


def _scan(path: Path, lines: list[str], extra: tuple[tuple[float, float], str] | None = None) -> Path:
    """An image-only page showing ``lines`` (and ``extra`` text at a point), as a scanner would deliver it."""
    src = pymupdf.open()
    p = src.new_page(width=W, height=H)
    for i, ln in enumerate(lines):
        p.insert_text((14, 40 + 26 * i), ln, fontname=FONT, fontsize=11)
    if extra is not None:
        p.insert_text(extra[0], extra[1], fontname=FONT, fontsize=11)
    return _as_scan(src, path)


def _reading(path: Path, ocr) -> PriorPage:
    """What ingest's OCR reads on page 1 (the whole page), in points."""
    with pymupdf.open(path) as doc:
        pix = doc[0].get_pixmap(dpi=200)
        arr = np.frombuffer(pix.samples, np.uint8).reshape(pix.height, pix.width, pix.n)[:, :, :3].copy()
    s = 72 / 200
    return PriorPage(coverage=None, lines=tuple(ocr.recognize(Raster(arr, (s, 0, 0, s, 0, 0), 200.0))))


def _redact(src: Path, out: Path, boxes: list[BBox]) -> Path:
    doc = pymupdf.open(src)
    for b in boxes:
        doc[0].add_redact_annot(pymupdf.Rect(*b.as_tuple()), fill=(0, 0, 0))
    doc[0].apply_redactions(images=pymupdf.PDF_REDACT_IMAGE_PIXELS)
    doc.save(out, garbage=4, deflate=True)
    doc.close()
    return out


LINES = ["专业技术职称评审表", f"推荐人 {OTHER['name']}", f"手机 {OTHER['phone']}"]


@pytest.mark.issue(14)
def test_proof_fails_when_a_pixel_outside_the_boxes_changed_and_the_full_read_finds_the_value(
        tmp_path, applicant_profile, ocr):
    src = _scan(tmp_path / "in.pdf", LINES)
    prior_page = _reading(src, ocr)
    box = BBox(14, 55, 120, 70)                                   # over the recommender's line
    # the output shows the applicant's phone below the text, where the input was blank: a redaction bug
    bad = _redact(_scan(tmp_path / "bad_src.pdf", LINES, ((14, 160), f"电话 {OWN['phone']}")), tmp_path / "bad.pdf",
                  [box])
    prior = Prior(str(src), {1: (box,)}, {1: prior_page})
    report = verify_pdf(str(bad), applicant_profile, ocr, prior=prior)
    (how,) = report.ocr_pages
    assert how[0] == 1 and how[1].startswith("read: pixels outside the painted boxes changed")
    assert ("ocr", "phone") in {(lk.where, lk.category) for lk in report.failures}
    # the same output judged by ingest's reading alone would pass: the proof is what catches it
    assert not any(OWN["phone"] in ln.text for ln in prior_page.lines)
    # and the honest output of the same input is proven, and passes
    good = _redact(src, tmp_path / "good.pdf", [box])
    report = verify_pdf(str(good), applicant_profile, ocr, prior=prior)
    assert report.ocr_pages == ((1, "proven"),) and report.passed, [lk.as_dict() for lk in report.failures]


class _Counting:
    """The engine, counting what verification asks of it: detection + recognition, or recognition only."""

    def __init__(self, engine) -> None:
        self.engine, self.name = engine, engine.name
        self.detected: list[tuple[int, ...]] = []
        self.lines_read: list[str] = []

    def recognize(self, raster):
        self.detected.append(raster.pixels.shape)
        return self.engine.recognize(raster)

    def read_lines(self, rasters):
        out = self.engine.read_lines(rasters)
        self.lines_read += [ln.text for ln in out]
        return out


@pytest.mark.issue(14)
def test_value_left_beside_a_box_is_found_by_the_neighbourhood_ocr(tmp_path, applicant_profile, ocr):
    lines = ["专业技术职称评审表", f"手机 {OWN['phone']}", f"推荐人 {OTHER['name']}", "", "",
             f"证件 {OWN['id']}"]
    src = _scan(tmp_path / "in.pdf", lines)
    prior_page = _reading(src, ocr)
    boxes, targets = [], []
    for value in (OWN["phone"], OWN["id"]):
        (line,) = [ln for ln in prior_page.lines if value in ln.text.replace(" ", "")]
        # the painted box stops at the left edge of the value: the label is covered, the value is not
        edge = line.char_boxes[line.text.index(value[0])].x0 - 1.0
        boxes.append(BBox(line.bbox.x0 - 2, line.bbox.y0 - 2, edge, line.bbox.y1 + 2))
        targets.append(line)
    out = _redact(src, tmp_path / "out.pdf", boxes)
    counting = _Counting(ocr)
    report = verify_pdf(str(out), applicant_profile, counting,
                        prior=Prior(str(src), {1: tuple(boxes)}, {1: prior_page}))
    assert report.ocr_pages == ((1, "proven"),)                  # the pixels outside the boxes are the input's
    found = {(lk.where, lk.category): lk for lk in report.failures}
    assert ("ocr", "phone") in found and ("ocr", "id_number") in found
    # each box's line was re-read only around the box (recognition of a crop at the line's height, no
    # detection; the two short crops side by side in one recogniser input): each crop holds its value's
    # first digits, ingest's reading the other ones, and the value is found across the join
    assert counting.detected == [] and len(counting.lines_read) == 1
    digits = "".join(ch for ch in unicodedata.normalize("NFKC", counting.lines_read[0]) if ch.isdigit())
    assert digits and len(digits) < len(OWN["phone"])
    # each hit is mapped back onto its own line
    for key, line in ((("ocr", "phone"), targets[0]), (("ocr", "id_number"), targets[1])):
        assert found[key].bbox.intersection_area(line.bbox) > 0.5 * found[key].bbox.area
    # the lines touching a box are not taken from ingest's reading: they are read again in the output
    regions, kept = neighbourhoods(tuple(boxes), prior_page.lines, BBox(0, 0, W, H))
    assert not set(targets) & set(kept) and len(regions) == 2


@pytest.mark.issue(14)
def test_value_inside_a_box_left_unpainted_is_found_by_the_crop_read(tmp_path, applicant_profile, ocr):
    """Redaction claims a box over the value but left its pixels as they were: nothing changed, so the
    proof holds, and ingest's reading of that line must not stand; the crop read finds the value."""
    lines = ["专业技术职称评审表", f"推荐人 {OTHER['name']}", f"手机号码 {OWN['phone']} 办公室", f"姓名 {OWN['name']} 性别 女"]
    src = _scan(tmp_path / "in.pdf", lines)
    prior_page = _reading(src, ocr)
    boxes = []
    for value in (OWN["phone"], OWN["name"]):
        (line,) = [ln for ln in prior_page.lines if value in ln.text.replace(" ", "")]
        compact = [i for i, ch in enumerate(line.text) if not ch.isspace()]
        start = compact["".join(line.text.split()).index(value)]
        first, last = line.char_boxes[start], line.char_boxes[compact[compact.index(start) + len(value) - 1]]
        boxes.append(BBox(first.x0 - 0.5, line.bbox.y0 - 1, last.x1 + 0.5, line.bbox.y1 + 1))
    out = tmp_path / "out.pdf"
    out.write_bytes(src.read_bytes())                             # "redacted", yet every pixel is the input's
    counting = _Counting(ocr)
    report = verify_pdf(str(out), applicant_profile, counting,
                        prior=Prior(str(src), {1: tuple(boxes)}, {1: prior_page}))
    assert report.ocr_pages == ((1, "proven"),)
    found = {(lk.where, lk.category) for lk in report.failures}
    assert {("ocr", "phone"), ("ocr", "name")} <= found, [lk.as_dict() for lk in report.failures]
    # both crops in one recogniser input first; a crop read with a score under SURE (here the phone's, cut
    # beside 码 and 办: 0.82 alone) is read again with its whole line, with detection -- one region at most
    assert OWN["phone"] in "".join(unicodedata.normalize("NFKC", counting.lines_read[0]).split())
    assert len(counting.detected) <= 1


@pytest.mark.issue(14)
def test_local_reads_cut_lines_into_kept_characters_and_crops():
    """Unit: a box inside a line's band re-reads only a crop around it (whole characters, in order,
    none both kept and re-read); a box over two lines, a one-character line or no line at all go to
    the detection path with the whole lines touched."""
    from redactor.protocols import OcrText
    from redactor.verify.proof import local_reads

    def line(text, x0, y0, w=10.0, h=12.0):
        boxes = tuple(BBox(x0 + i * w, y0, x0 + (i + 1) * w - 1, y0 + h) for i in range(len(text)))
        return OcrText(text, boxes, BBox.enclosing(boxes), 0.99)

    class Reader:
        def __init__(self):
            self.crops = []

        def read_lines(self, rasters):
            self.crops += [r.point_box(0, 0, r.pixels.shape[1], r.pixels.shape[0]) for r in rasters]
            return [OcrText("#", (r.point_box(0, 0, 4, 4),), r.point_box(0, 0, 4, 4), 0.9) for r in rasters]

    a = line("abcdefghijklmnopqrstuvwxyz", 10, 100)       # 26 characters, 10 pt each: x 10 .. 270
    b = line("0123456789", 10, 200)
    c = line("Q", 10, 300)
    page = BBox(0, 0, 298, 421)
    px = np.full((421, 298, 3), 255, np.uint8)            # 72 dpi: a pixel is a point
    for ln in (a, b, c):
        for g in ln.char_boxes:                           # each glyph's ink, a blank column between glyphs
            px[int(g.y0) + 2:int(g.y1) - 2, int(g.x0) + 1:int(g.x1) - 1] = 0
    raster = Raster(px, (1, 0, 0, 1, 0, 0), 72.0)
    reader = Reader()
    box = BBox(130, 99, 150, 113)                         # over "mn" (x 130 .. 149)
    spliced, regions, kept = local_reads(reader, raster, (box,), (a, b, c), page)
    assert regions == () and set(kept) == {b, c}
    (crop,) = reader.crops
    (joined,) = spliced
    # margin 1 line height (12 pt) each side (x 118 .. 162), widened to whole characters: "klmnop"
    # (x 110 .. 169); the crop's edges fall in the gaps beside "j" and "q", which keep ingest's reading
    assert joined.text == "abcdefghij#qrstuvwxyz"
    assert 109 <= crop.x0 <= 110 and 169 <= crop.x1 <= 171
    # where "i" and "j" touch, the crop cannot end between them: it takes "j" too and ends before "i"
    touching = px.copy()
    touching[102:110, 107:112] = 0                        # "j" (ink x 101 .. 108) runs into "k" (111 .. 118)
    reader = Reader()
    (joined,), _, _ = local_reads(reader, Raster(touching, (1, 0, 0, 1, 0, 0), 72.0), (box,), (a, b, c), page)
    assert joined.text == "abcdefghi#qrstuvwxyz" and 99 <= reader.crops[0].x0 <= 100.5
    assert crop.y0 < 100 and crop.y1 > 112
    # a box over two lines, and one over a one-character line: whole lines with detection
    reader = Reader()
    spliced, regions, kept = local_reads(reader, raster, (BBox(20, 105, 60, 205), BBox(5, 299, 30, 313)),
                                         (a, b, c), page)
    assert spliced == [] and reader.crops == [] and kept == ()
    assert any(r.x0 <= a.bbox.x0 and r.x1 >= a.bbox.x1 for r in regions)
    # a line read whole because of one box takes its other boxes with it: no crop, nothing left unread
    reader = Reader()
    spliced, regions, kept = local_reads(reader, raster, (box, BBox(230, 105, 240, 205)), (a, b, c), page)
    assert spliced == [] and reader.crops == [] and set(kept) == {b, c}
    assert any(r.union(box) == r and r.x0 <= a.bbox.x0 and r.x1 >= a.bbox.x1 for r in regions)
    # a box touching no line is read with detection on its own
    spliced, regions, kept = local_reads(Reader(), raster, (BBox(100, 380, 150, 400),), (a, b, c), page)
    assert spliced == [] and regions == (BBox(100, 380, 150, 400),) and set(kept) == {a, b, c}


@pytest.mark.issue(14)
def test_proof_refuses_a_single_changed_pixel(tmp_path):
    rng = np.random.default_rng(7)
    a = rng.integers(0, 255, (200, 150, 3), dtype=np.uint8)
    before = Raster(a, (0.5, 0, 0, 0.5, 0, 0), 144.0)
    b = a.copy()
    b[20:40, 20:60] = 0                                            # inside the painted box: allowed
    assert pixels_unchanged_outside(before, Raster(b, before.to_points, 144.0), (BBox(10, 10, 30, 20),),
                                    margin=0)[0]
    b[150, 100] = (b[150, 100].astype(int) + 120) % 256            # one pixel elsewhere: refused
    holds, why = pixels_unchanged_outside(before, Raster(b, before.to_points, 144.0), (BBox(10, 10, 30, 20),),
                                          margin=0)
    assert not holds and "outside the painted boxes" in why


@pytest.mark.issue(14)
def test_pipeline_gate_proves_a_scan_and_the_standalone_verify_reads_it_again(tmp_path, text_cfg, applicant_profile,
                                                                              profile_file):
    from redactor.pipeline import Pipeline

    lines = ["专业技术职称评审表", f"姓名 {APPLICANT.name}", f"推荐人 {OTHER['name']}", f"手机 {OWN['phone']}"]
    src = _scan(tmp_path / "scan.pdf", lines)
    out = Pipeline(text_cfg, regions=False).run(str(src), applicant_profile, str(tmp_path / "out"), "doc")
    audit = json.loads(Path(out.audit_json).read_text(encoding="utf-8"))
    assert audit["verification"]["ocr_pages"] == {"1": "proven"} and audit["verification"]["passed"]
    assert audit["repairs"] == []
    # ``redactor verify`` has no reference: it OCRs the whole page itself, and agrees
    result = CliRunner().invoke(app, ["verify", str(out.output_pdf), "-p", str(profile_file), "--json"])
    assert result.exit_code == 0, result.stdout
    report = json.loads(result.stdout)
    assert report["passed"] and report["ocr_pages"] == {"1": "read: every page"}


@pytest.mark.issue(14)
def test_text_only_page_is_not_rendered(tmp_path, applicant_profile):
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    page.insert_text((60, 80), "推荐意见", fontname=FONT, fontsize=14)
    page.draw_line((60, 90), (500, 90))                            # a table rule is not a picture
    doc.save(tmp_path / "t.pdf")
    doc.close()
    report = verify_pdf(str(tmp_path / "t.pdf"), applicant_profile, None)
    channels = dict(report.channel_seconds)
    assert report.passed and not {"render", "barcode", "face"} & set(channels)


@pytest.mark.issue(14)
def test_neighbourhoods_and_face_regions_skip_what_lies_outside():
    from redactor.protocols import OcrText
    from redactor.verify import _within

    line = OcrText("ab", (BBox(10, 100, 50, 112), BBox(50, 100, 90, 112)), BBox(10, 100, 90, 112), 1.0)
    regions, kept = neighbourhoods((BBox(400, 500, 420, 510),), (line,), BBox(0, 0, 298, 421))
    assert regions == () and kept == (line,)                      # a box off the page leaves nothing to read
    assert _within((BBox(0, 0, 100, 100),), (BBox(200, 200, 300, 300),)) == ()
    assert _within((BBox(0, 0, 100, 100),), (BBox(50, 50, 300, 300),)) == (BBox(50, 50, 100, 100),)


def _scan_with_block(path: Path, block: BBox, fill: tuple[float, float, float], text: str | None = None) -> Path:
    """``LINES`` and a filled rectangle away from them (a photo or a code), optionally with ``text`` in it."""
    src = pymupdf.open()
    p = src.new_page(width=W, height=H)
    for i, ln in enumerate(LINES):
        p.insert_text((14, 40 + 26 * i), ln, fontname=FONT, fontsize=11)
    p.draw_rect(pymupdf.Rect(*block.as_tuple()), color=None, fill=fill)
    if text is not None:
        p.insert_text((block.x0 + 4, (block.y0 + block.y1) / 2 + 4), text, fontname=FONT, fontsize=11)
    return _as_scan(src, path)


@pytest.mark.issue(14)
def test_a_picture_painted_away_from_text_is_not_read_again_but_a_stroke_in_the_paint_is(
        tmp_path, applicant_profile, ocr):
    block = BBox(30, 200, 250, 300)                                 # a grey "photo" below the text
    src = _scan_with_block(tmp_path / "in.pdf", block, (0.55, 0.5, 0.45))
    prior_page = _reading(src, ocr)
    assert not any(ln.bbox.y1 > block.y0 and ln.bbox.y0 < block.y1 for ln in prior_page.lines)
    prior = Prior(str(src), {1: (block,)}, {1: prior_page})
    good = _redact(src, tmp_path / "good.pdf", [block])
    counting = _Counting(ocr)
    report = verify_pdf(str(good), applicant_profile, counting, prior=prior)
    assert report.ocr_pages == ((1, "proven"),) and report.passed, [lk.as_dict() for lk in report.failures]
    assert counting.detected == [] and counting.lines_read == []    # nothing but paint there: no OCR at all
    # a redaction bug: the box is "painted" white but the applicant's phone is left in it, legible
    bad = _scan_with_block(tmp_path / "bad_src.pdf", block, (1, 1, 1), f"电话 {OWN['phone']}")
    counting = _Counting(ocr)
    report = verify_pdf(str(bad), applicant_profile, counting, prior=prior)
    assert report.ocr_pages == ((1, "proven"),)                    # only the box changed ...
    assert counting.detected                                        # ... but it is not one colour: read
    assert ("ocr", "phone") in {(lk.where, lk.category) for lk in report.failures}


@pytest.mark.issue(14)
def test_a_crop_through_a_one_colour_box_is_read_on_its_sides_and_a_value_beside_it_is_found(
        tmp_path, applicant_profile, ocr):
    """The painted name is not read again (paint), the characters on both sides of it are, in one
    recogniser input; the phone left just right of the box is found across the join of the crop's
    right side (its first digits) and ingest's reading (the rest)."""
    lines = ["专业技术职称评审表", f"推荐人 {OTHER['name']}", f"姓名 {OWN['name']} {OWN['phone']} 女"]
    src = _scan(tmp_path / "in.pdf", lines)
    prior_page = _reading(src, ocr)
    (line,) = [ln for ln in prior_page.lines if OWN["name"] in ln.text.replace(" ", "")]
    compact = [i for i, ch in enumerate(line.text) if not ch.isspace()]
    start = compact["".join(line.text.split()).index(OWN["name"])]
    first, last = line.char_boxes[start], line.char_boxes[compact[compact.index(start) + len(OWN["name"]) - 1]]
    box = BBox(first.x0 - 0.5, line.bbox.y0 - 1, last.x1 + 0.5, line.bbox.y1 + 1)
    out = _redact(src, tmp_path / "out.pdf", [box])
    seen = []

    class Watching(_Counting):
        def read_lines(self, rasters):
            seen.extend(rasters)
            return super().read_lines(rasters)

    counting = Watching(ocr)
    report = verify_pdf(str(out), applicant_profile, counting,
                        prior=Prior(str(src), {1: (box,)}, {1: prior_page}))
    assert report.ocr_pages == ((1, "proven"),)
    found = {(lk.where, lk.category) for lk in report.failures}
    assert ("ocr", "phone") in found and ("ocr", "name") not in found, [lk.as_dict() for lk in report.failures]
    assert counting.detected == [] and len(seen) == 1
    # the recogniser's input holds the box's sides, not its paint: no black run as wide as the box
    (canvas,) = seen
    dark_cols = (canvas.pixels.min(axis=2) < 60).all(axis=0)
    run = max((len(s) for s in "".join("1" if d else "0" for d in dark_cols).split("0")), default=0)
    assert run < 0.5 * canvas.pixels.shape[0]
    (read,) = counting.lines_read                  # "名" left of the box, the phone's first digit(s) right of it
    digits = "".join(ch for ch in unicodedata.normalize("NFKC", read) if ch.isdigit())
    assert read.startswith("名") and digits and OWN["phone"].startswith(digits) and len(digits) < len(OWN["phone"])


@pytest.mark.issue(14)
def test_paint_columns_skip_only_paint_and_paper():
    """Unit: the columns through a one-colour box are cut out of a crop only where nothing but paint and
    paper shows near the box (a glyph's rest above it, a moved pixel beside it keep them in the crop)."""
    from redactor.verify.paint import paint_columns, paint_holes

    px = np.full((100, 200, 3), 255, np.uint8)
    px[40:60, 50:150] = 0                                 # the painted box, 72 dpi: a pixel is a point
    box = BBox(50, 40, 150, 60)
    crop = BBox(0, 30, 200, 70)
    r = Raster(px, (1, 0, 0, 1, 0, 0), 72.0)
    assert paint_holes(r, (box,), 48) == (box,)
    (run,) = paint_columns(r, crop, (box,), 5.0)
    assert run[0] <= 51 and run[1] >= 149
    glyph = px.copy()
    glyph[33:38, 90:96] = 0                               # a glyph's top sticking out 2-7 pt above the box
    runs = paint_columns(Raster(glyph, r.to_points, 72.0), crop, (box,), 5.0)
    assert runs and all(not (a < 96 and b > 90) for a, b in runs)
    far = px.copy()
    far[0:20, 90:96] = 0                                  # another line's ink, well above: not this line's
    (run,) = paint_columns(Raster(far, r.to_points, 72.0), BBox(0, 0, 200, 70), (box,), 5.0)
    assert run[0] <= 51 and run[1] >= 149
    moved = np.zeros(px.shape[:2], bool)
    moved[62:64, 120:124] = True                          # a pixel that changed just below the box
    runs = paint_columns(r, crop, (box,), 5.0, moved)
    assert runs and all(not (a < 124 and b > 120) for a, b in runs)
    line = np.full((100, 200, 3), 255, np.uint8)
    for x in range(60, 140, 10):
        line[36:41, x:x + 6] = 0                          # glyphs 18 pt tall, strokes at top and foot ("三") ...
        line[50:54, x:x + 6] = 0
    line[44:47, 50:150] = 0                               # ... and a flat box (3 pt) painted through their middle
    flat = BBox(50, 44, 150, 47)
    lr = Raster(line, r.to_points, 72.0)
    assert paint_holes(lr, (flat,), 48) == (flat,)
    runs = paint_columns(lr, BBox(0, 34, 200, 56), (flat,), 5.0, None, reach=18.0)
    assert not any(a < 136 and b > 60 for a, b in runs)   # the glyphs above and below it are read
    assert paint_columns(lr, BBox(0, 34, 200, 56), (flat,), 5.0, None)     # (judged by the box's height alone, not)
    stroke = px.copy()
    stroke[48:52, 70:120] = 255                           # a legible stroke in the paint: not a hole
    assert paint_holes(Raster(stroke, r.to_points, 72.0), (box,), 48) == ()


def _scan_with_code(path: Path, block: BBox, fill: tuple[float, float, float], caption: str,
                    inside: str | None = None) -> Path:
    """``LINES``, a filled square (a QR code) and a caption line whose top runs into the square's foot."""
    src = pymupdf.open()
    p = src.new_page(width=W, height=H)
    for i, ln in enumerate(LINES):
        p.insert_text((14, 40 + 26 * i), ln, fontname=FONT, fontsize=11)
    p.draw_rect(pymupdf.Rect(*block.as_tuple()), color=None, fill=fill)
    if inside is not None:
        p.insert_text((block.x0 + 4, block.y0 + 20), inside, fontname=FONT, fontsize=11)
    p.insert_text((block.x0 + 6, block.y1 + 8), caption, fontname=FONT, fontsize=11)
    return _as_scan(src, path)


@pytest.mark.issue(14)
def test_a_code_painted_over_its_caption_line_reads_only_the_caption_but_a_stroke_in_the_paint_is_read(
        tmp_path, applicant_profile, ocr):
    block = BBox(20, 120, 200, 200)
    caption = f"扫码 手机 {OWN['phone']}"
    src = _scan_with_code(tmp_path / "in.pdf", block, (0.3, 0.3, 0.3), caption)
    prior_page = _reading(src, ocr)
    (cap,) = [ln for ln in prior_page.lines if OWN["phone"] in ln.text.replace(" ", "")]
    assert cap.bbox.y0 < block.y1 + 1 and cap.bbox.height < 0.5 * block.height   # the caption runs into it
    prior = Prior(str(src), {1: (block,)}, {1: prior_page})
    out = _redact(src, tmp_path / "out.pdf", [block])             # the code painted, its caption's phone left
    counting = _Counting(ocr)
    report = verify_pdf(str(out), applicant_profile, counting, prior=prior)
    assert report.ocr_pages == ((1, "proven"),)
    assert ("ocr", "phone") in {(lk.where, lk.category) for lk in report.failures}
    assert counting.detected == [] and counting.lines_read        # only the caption's band, as a line crop
    # a redaction bug: the square is "painted" white, the applicant's name left legible in it
    bad = _scan_with_code(tmp_path / "bad_src.pdf", block, (1, 1, 1), caption, f"持证人 {OWN['name']}")
    counting = _Counting(ocr)
    report = verify_pdf(str(bad), applicant_profile, counting, prior=prior)
    assert report.ocr_pages == ((1, "proven"),)
    assert counting.detected                                       # not one colour: the whole area is read
    assert ("ocr", "name") in {(lk.where, lk.category) for lk in report.failures}


class _Upright(_Counting):
    """The engine, recording whether verification asked for detection with the orientation probe."""

    def __init__(self, engine) -> None:
        super().__init__(engine)
        self.probed: list[tuple[int, ...]] = []
        self.upright: list[tuple[int, ...]] = []

    def recognize(self, raster):
        self.probed.append(raster.pixels.shape)
        return self.engine.recognize(raster)

    def recognize_upright(self, raster):
        self.upright.append(raster.pixels.shape)
        return self.engine.recognize_upright(raster)


def _sideways_scan(path: Path, lines: list[str], k: int) -> Path:
    """``lines`` typeset on an A6 page, rendered and turned by ``k`` quarter turns (np.rot90) into a
    landscape image-only page: a form scanned sideways (or upside down, k = 2)."""
    src = pymupdf.open()
    p = src.new_page(width=W, height=H)
    for i, ln in enumerate(lines):
        p.insert_text((14, 40 + 26 * i), ln, fontname=FONT, fontsize=11)
    pix = src[0].get_pixmap(dpi=150)
    src.close()
    arr = np.frombuffer(pix.samples, np.uint8).reshape(pix.height, pix.width, pix.n)[:, :, :3]
    arr = np.ascontiguousarray(np.rot90(arr, k))
    img = pymupdf.Pixmap(pymupdf.csRGB, arr.shape[1], arr.shape[0], arr.tobytes(), False)
    w, h = (W, H) if k % 2 == 0 else (H, W)
    doc = pymupdf.open()
    doc.new_page(width=w, height=h).insert_image(pymupdf.Rect(0, 0, w, h), stream=img.tobytes("png"))
    doc.save(path, garbage=4, deflate=True)
    doc.close()
    return path


@pytest.mark.issue(14)
@pytest.mark.parametrize("k", [1, 3])
def test_a_sideways_scan_is_read_in_ingests_turn_without_a_probe_and_the_value_is_found(
        tmp_path, applicant_profile, ocr, k):
    """A form scanned sideways: ingest found the page's turn; the verifier reads a box that redaction
    claims but did not paint (a box over two lines: detection, not a line crop) in that turn, upright,
    without the orientation probe -- and still finds the applicant's phone and name there."""
    from redactor.verify.proof import _page_turn

    lines = ["专业技术职称评审表", f"推荐人 {OTHER['name']}", f"手机号码 {OWN['phone']}", f"姓名 {OWN['name']} 性别 女",
             "工作单位意见"]
    src = _sideways_scan(tmp_path / "in.pdf", lines, k)
    prior_page = _reading(src, ocr)
    hit = [ln for ln in prior_page.lines if OWN["phone"] in ln.text.replace(" ", "")
           or OWN["name"] in ln.text.replace(" ", "")]
    assert len(hit) == 2, [ln.text for ln in prior_page.lines]
    box = BBox(min(ln.bbox.x0 for ln in hit) - 1, min(ln.bbox.y0 for ln in hit) - 1,
               max(ln.bbox.x1 for ln in hit) + 1, max(ln.bbox.y1 for ln in hit) + 1)
    out = tmp_path / "out.pdf"
    out.write_bytes(src.read_bytes())                             # "redacted", yet every pixel is the input's
    counting = _Upright(ocr)
    report = verify_pdf(str(out), applicant_profile, counting,
                        prior=Prior(str(src), {1: (box,)}, {1: prior_page}))
    assert report.ocr_pages == ((1, "proven"),)
    found = {(lk.where, lk.category) for lk in report.failures}
    assert {("ocr", "phone"), ("ocr", "name")} <= found, [lk.as_dict() for lk in report.failures]
    # the crop went to the engine turned upright (wider than tall), with no orientation probe
    assert counting.probed == [] and counting.upright and all(w > h for h, w, _ in counting.upright)
    # ingest's lines run up (k = 1) or down (k = 3) the page: the turn back, read from them, undoes k
    with pymupdf.open(src) as doc:
        pix = doc[0].get_pixmap(dpi=150)
        arr = np.frombuffer(pix.samples, np.uint8).reshape(pix.height, pix.width, pix.n)[:, :, :3]
    s = 72 / 150
    assert _page_turn(Raster(arr, (s, 0, 0, s, 0, 0), 150.0), prior_page.lines) == 4 - k


@pytest.mark.issue(14)
def test_page_turn_is_none_when_the_lines_do_not_agree():
    from redactor.protocols import OcrText
    from redactor.verify.proof import _page_turn

    px = np.full((400, 300, 3), 255, np.uint8)
    r = Raster(px, (1, 0, 0, 1, 0, 0), 72.0)

    def line(text, boxes):
        bs = tuple(BBox(x, y, x + 10, y + 10) for x, y in boxes)
        return OcrText(text, bs, BBox(min(b.x0 for b in bs), min(b.y0 for b in bs), max(b.x1 for b in bs),
                                     max(b.y1 for b in bs)), 0.99)

    right = line("甲乙丙丁", [(10 + 11 * i, 20) for i in range(4)])
    down = line("甲乙丙丁", [(200, 10 + 11 * i) for i in range(4)])
    up = line("甲乙丙丁", [(250, 100 - 11 * i) for i in range(4)])
    assert _page_turn(r, (right, right)) == 0
    assert _page_turn(r, (down, down)) == 1 and _page_turn(r, (up, up)) == 3
    assert _page_turn(r, (right, down)) is None               # no turn holds 80 % of the long lines
    assert _page_turn(Raster(px, (0, 1, 1, 0, 0, 0), 72.0), (right, right)) is None    # a rotated rendering


@pytest.mark.issue(14)
@pytest.mark.parametrize("k", [1, 3])
def test_a_box_on_one_line_of_a_sideways_scan_is_read_as_a_line_crop_and_the_value_beside_it_is_found(
        tmp_path, applicant_profile, ocr, k):
    """A sideways scan whose painted box covers a line's label but not the applicant's phone after it: the
    line is re-read only around the box, as a line crop in ingest's turn (recognition only, no detection,
    no probe), the rest keeps ingest's reading, and the phone is found across the join."""
    lines = ["专业技术职称评审表", f"推荐人 {OTHER['name']}", f"手机号码 {OWN['phone']}", "工作单位意见"]
    src = _sideways_scan(tmp_path / "in.pdf", lines, k)
    prior_page = _reading(src, ocr)
    (line,) = [ln for ln in prior_page.lines if OWN["phone"] in ln.text.replace(" ", "")]
    label = line.char_boxes[:line.text.index(OWN["phone"][0]) - 1]       # 手机号: one character short of it
    box = BBox.enclosing(label).expanded(1.0, 1.0)
    assert box.intersection_area(line.char_boxes[line.text.index(OWN["phone"][0])]) == 0
    out = _redact(src, tmp_path / "out.pdf", [box])
    counting = _Upright(ocr)
    report = verify_pdf(str(out), applicant_profile, counting, prior=Prior(str(src), {1: (box,)}, {1: prior_page}))
    assert report.ocr_pages == ((1, "proven"),)
    found = {(lk.where, lk.category): lk for lk in report.failures}
    assert ("ocr", "phone") in found, [lk.as_dict() for lk in report.failures]
    assert found[("ocr", "phone")].bbox.intersection_area(line.bbox) > 0.5 * found[("ocr", "phone")].bbox.area
    assert counting.probed == [] and counting.upright == [] and counting.lines_read
