"""A label the text detector boxes together with the pen strokes beside it (项目负责人（签字）： and the
applicant's signature on a sideways two-up 项目任务书) is still read.

Structure seeds 20462 and 15053, applicant 1: on one of the two half-size copies the detector joined the label
and the signature into one box that scored just under its box threshold.  The strokes at the label's end tipped
the box's rectangle three degrees off the page's lines, so the faint-line reading took it for a piece of a
stamp's ring and never read it: the signature had no label, policy left it, and the final check's repair
missed its top strokes (a leak on 20462, a review and a repair on 15053).  A faint box's skew is now its
print's (``_print_skew``: the longest straight run of the text map's middles).  Synthetic people and strokes
(the corpus generator's)."""

from __future__ import annotations

import numpy as np
import pytest

from tests.corpus_case import covered, redact_corpus_file

pytestmark = pytest.mark.models


def _box(mask: np.ndarray) -> np.ndarray:
    import cv2

    ys, xs = np.nonzero(mask)
    return cv2.boxPoints(cv2.minAreaRect(np.stack([xs, ys], 1).astype(np.float32))).astype(np.float32)


def test_a_labels_skew_is_its_characters_not_the_strokes_beside_it():
    from redactor.ingest.ocr.rapidocr_engine import _along_the_print, _print_skew, _skew

    prob = np.zeros((120, 400), np.float32)
    prob[50:62, 150:380] = 0.9                      # the label: a straight band, level with the page
    for x in range(40, 150):                        # the signature before it: strokes wandering below the band
        c = 58 + int(10 * np.sin(x / 9.0)) + (x < 100) * 6
        prob[c - 5:c + 6, x] = 0.8
    q = _box(prob > 0.3)
    lines = [np.array([[0, y], [300, y], [300, y + 18], [0, y + 18]], np.float32) for y in range(0, 100, 20)]
    assert abs(_skew(q)[0]) > 2.5, _skew(q)                     # premise: the box is tipped by the strokes
    assert abs(_print_skew(q, prob, (1.0, 1.0), 0.3)) < 0.5
    assert _along_the_print([q], lines, 2.5, 2.0) == []
    assert len(_along_the_print([q], lines, 2.5, 2.0, lambda b: _print_skew(b, prob, (1.0, 1.0), 0.3))) == 1


def test_a_ring_piece_runs_as_its_ring_does():
    """A piece of a stamp's ring text is curved all along: no straight run of it runs with the page."""
    from redactor.ingest.ocr.rapidocr_engine import _along_the_print, _print_skew, _skew

    prob = np.zeros((300, 300), np.float32)
    yy, xx = np.mgrid[0:300, 0:300]
    r = np.hypot(xx - 150, yy - 150)
    ang = np.degrees(np.arctan2(yy - 150, xx - 150))
    prob[(r > 100) & (r < 112) & (ang > 20) & (ang < 70)] = 0.9      # a quarter-ring's piece, lower right
    q = _box(prob > 0.3)
    lines = [np.array([[0, y], [300, y], [300, y + 18], [0, y + 18]], np.float32) for y in range(0, 100, 20)]
    assert abs(_print_skew(q, prob, (1.0, 1.0), 0.3) - _skew(q)[0]) < 8
    assert _along_the_print([q], lines, 2.5, 2.0, lambda b: _print_skew(b, prob, (1.0, 1.0), 0.3)) == []


@pytest.mark.parametrize("seed", [20462, 15053])
def test_both_copies_signatures_go_by_their_label(tmp_path, region_pipeline, seed):
    f, audit, _ = redact_corpus_file(region_pipeline, tmp_path, seed, 1, "scanned_2up", "xiangmu_renwushu")
    sigs = [i for i in f.instances if i["category"] == "signature" and i["owner"] == "applicant"]
    assert len(sigs) == 2                                        # premise: one per copy
    removed = [r["bbox"] for r in audit["redactions"] if r["category"] == "signature" and r["rule"] == "own.signature"]
    for sig in sigs:
        assert covered(sig["bbox"], removed) >= 0.95, (sig["bbox"], removed)
    assert not audit["repairs"] and not audit["needs_review"]
    others = [i for i in f.instances if i["category"] == "signature" and i["owner"] != "applicant"]
    assert others                                                # the partner's signatures stay
    gone = [r["bbox"] for r in audit["redactions"]]
    assert all(covered(o["bbox"], gone) < 0.2 for o in others)
