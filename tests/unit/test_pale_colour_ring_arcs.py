"""A pale purple oval stamp with no star on a colour scan (structure seed 82010, a 项目任务书): the employer's,
at 承担单位（盖章）, beside the partner's darker round stamp.

Its light, mottled ring leaves arcs on every ink mask with gaps wider than the outline search closes, so no
closed outline was ever fitted and the employer's stamp went out.  Each large arc's ellipse is tested as a
grey ring cut by print is, the ink running round it (``SealDetector._arcs_of_rings``).  The stamp's inner line
技术中心, read by the page's OCR, is in the stamp's pale tint, not print's black: the detector says so
(``ink_lines``) and ownership takes it for the stamp's ink, not another body's name printed under it.
Synthetic people and organisations (the corpus generator's).
"""

from __future__ import annotations

import functools
from dataclasses import replace

import pytest

from redactor.model import BBox, Char, OcrLine, PageKind, TextOrigin
from tests.corpus_case import boxes_at, corpus_file
from tests.pages import page_from_pdf


@functools.lru_cache(maxsize=None)
def _sheet(seed: int = 82010, path: str = "scanned"):
    f, _ = corpus_file(seed, 0, path, "xiangmu_renwushu")
    seals: dict = {}
    for i in f.instances:
        if i["category"] == "seal":
            seals.setdefault(i["form"], i["bbox"])          # (a two-up sheet: the first copy's)
    return page_from_pdf(f.data, 150), seals


_found = boxes_at


@pytest.mark.parametrize("arcs", [True, False])
def test_the_pale_oval_is_found_from_its_arcs(arcs):
    from redactor.detect.regions.seal import SealDetector

    page, seals = _sheet()
    assert sorted(seals) == ["seal_employer", "seal_partner"]
    boxes = [f.boxes[0] for f in SealDetector(colour_ring_arcs=arcs).detect(page, None)]
    assert _found(boxes, seals["seal_partner"]), boxes                    # the darker stamp, both ways
    assert bool(_found(boxes, seals["seal_employer"])) is arcs, boxes     # the pale one: from its arcs
    assert len(boxes) == (2 if arcs else 1)                               # and nothing else


def _with_lines(page, lines):
    """``page`` as the page's OCR would give it: each (text, box) a line of OCR characters."""
    text, chars, ocr = "", [], []
    for t, box in lines:
        start = len(text)
        w = box.width / len(t)
        chars += [Char(c, BBox(box.x0 + k * w, box.y0, box.x0 + (k + 1) * w, box.y1), TextOrigin.OCR, 0.99)
                  for k, c in enumerate(t)]
        text += t
        ocr.append(OcrLine(start, len(text), box, 0.99))
        text += "\n"
        chars.append(Char("\n", None, TextOrigin.OCR))
    return replace(page, text=text, chars=tuple(chars), ocr_lines=tuple(ocr), kind=PageKind.SCANNED)


def _ink_lines(page, truth) -> list[BBox]:
    from redactor.detect.regions.seal import SealDetector

    stamp = next(f for f in SealDetector().detect(page, None) if _found([f.boxes[0]], truth))
    return [BBox(*b) for b in stamp.explain("ink_lines", ())]


# (sheet, the stamp's inner line, a line of the page's black print, one more of it far from the stamps)
CASES = {
    "colour": ((82010, "scanned"), "技术中心", (-22, -4, 20, 19), BBox(419, 433, 534, 453), BBox(100, 410, 170, 430)),
    # structure seed 87078: the two-up sheet scanned in grey, turned; the stamp's line runs down the page
    "grey": ((87078, "scanned_2up"), "技术中心", (-9, -12, 1, 11), BBox(267, 290, 284, 356), BBox(481, 100, 500, 210)),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_line_in_the_stamps_ink_is_its_own_and_print_is_not(case):
    """The stamp's inner line as the page's OCR reads it: in the stamp's pale tint (a colour scan) or a lighter
    grey than the page's print (a greyscale scan) -- the stamp's ink.  The same box with the page's black print
    copied into it (as if printed under the stamp): print."""
    from redactor.detect.regions.base import pixel_rect_for_bbox

    sheet, word, (dx0, dy0, dx1, dy1), printed_line, far_line = CASES[case]
    page, seals = _sheet(*sheet)
    truth = seals["seal_employer"]
    x0, y0, x1, y1 = truth
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    inner = BBox(cx + dx0, cy + dy0, cx + dx1, cy + dy1)
    lines = [(word, inner), ("二〇二四年", printed_line), ("包头稀土（集团）有限责任公司", far_line)]
    ink = _ink_lines(_with_lines(page, lines), truth)
    assert len(ink) == 1 and ink[0].intersection_area(inner) > 0.9 * inner.area, ink

    px = page.raster.pixels.copy()
    mx, my = (printed_line.x0 + printed_line.x1) / 2, (printed_line.y0 + printed_line.y1) / 2
    src = pixel_rect_for_bbox(page.raster, BBox(mx - inner.width / 2, my - inner.height / 2, mx + inner.width / 2,
                                                my + inner.height / 2), px.shape)
    dst = pixel_rect_for_bbox(page.raster, inner, px.shape)
    h, w = min(src[3] - src[1], dst[3] - dst[1]), min(src[2] - src[0], dst[2] - dst[0])
    px[dst[1]:dst[1] + h, dst[0]:dst[0] + w] = px[src[1]:src[1] + h, src[0]:src[0] + w]
    printed = replace(page, raster=replace(page.raster, pixels=px))
    assert _ink_lines(_with_lines(printed, lines), truth) == []


def test_light_print_under_a_red_stamp_is_print_not_its_ink():
    """variety seed 40647: an authority's name printed across the middle of its own red oval stamp on an
    OCRmyPDF-style scan whose print is light grey (none of it as dark as black toner): the ring's red ink over the
    name's ends gave the line the stamp's median chroma, so the name was taken for the stamp's own ink and the
    stamp, its ring unread, was removed as nobody's.  Print under a stamp shows as neutral strokes among the
    tint: a line with more than ``ink_line_max_neutral`` of its ink neutral is print."""
    from redactor.detect.regions.seal import SealDetector

    f, _ = corpus_file(40647, 1, "scan_ocrmypdf", "songshen_biao_c")
    marks = {i["form"]: i for i in f.instances if i["category"] in ("seal", "employer")}
    name, stamp = marks["issuing_authority"], marks["seal_authority"]
    assert name["text"] in stamp["text"], "premise: the stamp is the body printed under it"
    page = _with_lines(page_from_pdf(f.data, 150), [(name["text"], BBox(*name["bbox"]))])
    found = [s for s in SealDetector().detect(page, None) if _found([s.boxes[0]], stamp["bbox"])]
    assert len(found) == 1, found
    assert found[0].explain("ink_lines", ()) == ()
