"""Lines a stamp's ink hides from the text detector (issue 49; structure seeds 98831 and 60618, both a scanned
继续教育合格证书 whose issuer stamped over the holder's lines).

On 98831 the red ring crosses the holder's 工作单位：包头市中心医院 and the detector found no line there, at 1280 px or
at full resolution: the unit went out legible and the final check, reading the same way, passed it.  On 60618
the holder's line was read up to its 身份证号 label and the number under the ring not at all.  With the ink taken
out (each pixel its lightest channel) the detector finds both (``RapidOcrEngine._under_stamps``): the line that
touches a ring, less what the lines read before hold, read from the ink-free pixels.  Synthetic people (the
corpus generator's)."""

from __future__ import annotations

import numpy as np
import pytest


def _quad(x0, y0, x1, y1):
    return np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]], np.float32)


def test_a_stamp_ring_is_found_and_a_colour_photo_or_a_frame_is_not():
    from redactor.config import OcrConfig
    from redactor.ingest.ocr.rapidocr_engine import _stamp_rings
    import cv2

    page = np.full((1600, 1200, 3), 245, np.uint8)
    cv2.circle(page, (400, 400), 130, (40, 40, 220), 8)                      # a red ring (BGR), 1.3 in at 200 dpi
    cv2.putText(page, "ABC", (330, 420), cv2.FONT_HERSHEY_SIMPLEX, 2, (40, 40, 220), 6)
    page[900:1200, 200:440] = (60, 120, 200)                                   # a colour photo: fills its box
    cv2.rectangle(page, (20, 20), (1180, 1580), (30, 60, 200), 10)            # a certificate's coloured frame
    cv2.putText(page, "print", (700, 400), cv2.FONT_HERSHEY_SIMPLEX, 2, (20, 20, 20), 5)   # black print
    rings = _stamp_rings(page, 200.0, OcrConfig())
    assert len(rings) == 1
    x0, y0, x1, y1 = rings[0]
    assert x0 <= 270 and x1 >= 530 and y0 <= 270 and y1 >= 530


def test_a_pale_ring_on_warm_paper_is_found():
    """Structure seed 20462: a pale purple impression on a scan's yellowish paper differs from it by about as much
    as the paper differs from white; measured from white, the ring's stroke fell apart into pieces smaller than a
    stamp, and the holder's line under it went unread.  Measured from the paper (made white first), it is one
    ring; the paper itself, and black print on it, are none."""
    from redactor.config import OcrConfig
    from redactor.ingest.ocr.rapidocr_engine import _stamp_rings
    import cv2

    page = np.full((1600, 1200, 3), (214, 238, 244), np.uint8)                # warm paper (BGR)
    rng = np.random.default_rng(7)
    ring = np.zeros(page.shape[:2], np.uint8)
    cv2.circle(ring, (400, 400), 130, 1, 8)
    # pale purple ink (as measured on the seed's scan: red and blue only 40 levels above green), unevenly inked
    strength = rng.uniform(0.9, 1.0, page.shape[:2])
    ink = np.array((188, 147, 175), np.float32)                              # BGR
    page[ring > 0] = (page[ring > 0] * (1 - strength[ring > 0, None]) + ink * strength[ring > 0, None]).astype(np.uint8)
    cv2.putText(page, "print", (700, 400), cv2.FONT_HERSHEY_SIMPLEX, 2, (30, 30, 30), 5)
    rings = _stamp_rings(page, 200.0, OcrConfig())
    assert len(rings) == 1, rings
    x0, y0, x1, y1 = rings[0]
    assert x0 <= 270 and x1 >= 530 and y0 <= 270 and y1 >= 530


def test_a_line_found_again_is_cut_where_a_line_read_before_ends():
    from redactor.ingest.ocr.rapidocr_engine import _past_lines

    read = [_quad(100, 200, 500, 230)]                 # the holder's line read up to its 身份证号 label
    whole = _quad(100, 198, 900, 232)                  # found again with the stamp's ink taken out
    part = _past_lines(whole, read, across=True)
    assert part is not None and part[:, 0].min() == pytest.approx(500) and part[:, 0].max() == pytest.approx(900)
    assert _past_lines(_quad(105, 199, 495, 231), read, across=True) is None        # all of it read before
    assert _past_lines(_quad(100, 300, 500, 330), read, across=True) is not None    # another row: untouched
    # a sideways page: lines run down it
    down = _past_lines(_quad(198, 100, 232, 900), [_quad(200, 100, 230, 500)], across=False)
    assert down is not None and down[:, 1].min() == pytest.approx(500)


def test_the_band_across_a_ring_runs_the_way_the_lines_do():
    from redactor.ingest.ocr.rapidocr_engine import _bands, _runs_across

    rings = [(400, 300, 600, 500), (450, 480, 640, 700)]
    assert _bands(rings, (1600, 1200), True) == [(0, 270, 1200, 733)]          # joined, the page's width
    assert _bands(rings[:1], (1600, 1200), False) == [(370, 0, 630, 1600)]
    assert _runs_across([_quad(0, 0, 300, 20), _quad(0, 40, 200, 60)])
    assert not _runs_across([_quad(0, 0, 20, 300), _quad(40, 0, 60, 200)])


def _holder_lines(seed, applicant, stamp_pass, **ocr):
    import pymupdf

    from redactor.config import load_config
    from redactor.ingest.images import render_page
    from tests.corpus_case import corpus_file
    from tests.ocr import ocr_engine

    cfg = load_config().ocr.model_copy(update={"stamp_pass": stamp_pass, **ocr})
    f, profile = corpus_file(seed, applicant, "scanned", "jixu_jiaoyu_zhengshu")
    doc = pymupdf.open(stream=f.data, filetype="pdf")
    return "\n".join(ln.text for ln in ocr_engine(cfg).recognize(render_page(doc[0], cfg.dpi))), profile


@pytest.mark.models
@pytest.mark.corpus
@pytest.mark.parametrize("stamp_pass", [True, False])
def test_the_unit_under_the_issuers_ring_is_read(stamp_pass):
    text, profile = _holder_lines(98831, 1, stamp_pass)
    assert "继续教育合格证书" in text and profile["id_number"] in text, text      # premise: the page was read
    assert (profile["employers"][0] in text) is stamp_pass, text


@pytest.mark.models
@pytest.mark.corpus
@pytest.mark.parametrize("stamp_pass", [True, False])
def test_the_holders_number_under_the_ring_is_read(stamp_pass):
    # the detector's unsure boxes left out: the stamp pass alone reads the number (since a faint box's skew is its
    # print's, the faint-line reading finds it too: below)
    text, profile = _holder_lines(60618, 0, stamp_pass, faint_box_thresh=0.0)
    assert "身份证号" in text, text
    assert (profile["id_number"] in text) is stamp_pass, text
    text, profile = _holder_lines(60618, 0, stamp_pass)
    assert profile["id_number"] in text, text


@pytest.mark.models
@pytest.mark.corpus
@pytest.mark.parametrize("stamp_pass", [True, False])
def test_the_holders_line_under_a_pale_purple_ring_is_read(stamp_pass):
    """Structure seed 20462: the holder's whole line, name and number, under a pale purple ring on warm paper."""
    text, profile = _holder_lines(20462, 1, stamp_pass)
    assert "继续教育合格证书" in text and "工作单位" in text, text
    assert (profile["id_number"] in text) is stamp_pass, text
