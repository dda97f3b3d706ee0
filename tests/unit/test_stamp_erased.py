"""The scorer's view of a stamp on a black-and-white scan: shown, or erased by the scan's threshold.

A red stamp thresholded to 1 bit turns black or vanishes.  Seeds 179 and 181 had three employer stamps the
threshold left as a few specks under the printed name and date; scored as there, each counted as a silent
leak no tool could have seen.  ``benchmarks.quality.stamp_erased`` tells them apart; a thresholded ring and
a faint dithered impression count as shown."""

from __future__ import annotations


import pymupdf

from benchmarks.extract import PdfReadout
from benchmarks.quality import stamp_erased
from tests.one_bit import one_bit_scan
from tests.pages import draw_text

STAMP = (300.0, 300.0, 420.0, 420.0)


def _one_bit(tmp_path, draw, dither: bool = False) -> PdfReadout:
    doc = pymupdf.open()
    p = doc.new_page(width=595, height=842)
    draw_text(p, 250, 350, "包头市中心医院人事处", size=14)
    draw_text(p, 280, 380, "二〇二四年六月二十日", size=14)
    draw(p)
    path = tmp_path / "scan.pdf"
    path.write_bytes(one_bit_scan(p, "dither" if dither else "threshold"))
    return PdfReadout(path)


def _ring(colour, width=3.0, fill=None):
    def draw(p):
        p.draw_circle(pymupdf.Point(360, 360), 57, color=colour, fill=fill, width=width)
    return draw


def test_a_thresholded_ring_is_shown(tmp_path):
    with _one_bit(tmp_path, _ring((0.8, 0.1, 0.1))) as ro:        # red: luminance ~70, black at 128
        assert not stamp_erased(ro.page(1), STAMP)


def test_a_faint_dithered_impression_is_shown(tmp_path):
    with _one_bit(tmp_path, _ring((0.95, 0.6, 0.6), fill=(0.98, 0.85, 0.85)), dither=True) as ro:
        assert not stamp_erased(ro.page(1), STAMP)


def test_print_and_specks_where_the_threshold_erased_the_stamp(tmp_path):
    def specks(p):
        for x, y in ((310, 330), (405, 395), (350, 412)):
            p.draw_rect(pymupdf.Rect(x, y, x + 2, y + 1), color=(0, 0, 0), fill=(0, 0, 0))
    with _one_bit(tmp_path, specks) as ro:
        assert stamp_erased(ro.page(1), STAMP)
    # the same light ring, thresholded away
    with _one_bit(tmp_path, _ring((1.0, 0.75, 0.75))) as ro:
        assert stamp_erased(ro.page(1), STAMP)
