"""Verification's scanned-signature channel measures its window in label heights: a label OCR read into one
line with what stands beside it must not stretch that window over the rows above (issue #10, the bundled
scanned certificate).  All synthetic: a wave drawn with OpenCV, a fake OCR line, no real person."""

from __future__ import annotations

import numpy as np
import pytest

from redactor.model import BBox


def _scribble(px: np.ndarray, box: tuple[float, float, float, float], ppt: float) -> None:
    """A pen-like wave across ``box`` (points) on the rendering ``px``."""
    import cv2

    x0, y0, x1, y1 = box
    xs = np.linspace(x0, x1, 80)
    ys = 0.5 * (y0 + y1) + 0.5 * (y1 - y0) * np.sin(np.linspace(0, 5 * np.pi, 80))
    pts = np.stack([xs * ppt, ys * ppt], axis=1).astype(np.int32)
    cv2.polylines(px, [pts], False, (30, 30, 30), max(2, int(round(ppt))))


@pytest.mark.issue(10)
def test_a_label_read_into_a_tall_merged_line_does_not_reach_rows_above():
    """OCR read 持证人签名 into one line with the painted box beside it: 43 pt tall for 13 pt characters.  The
    window and the row were measured in that height, so ink two rows up (the bundled certificate's fold line
    and the first characters of 资格名称, 评审组织 ...) was taken for the applicant's signature."""
    from redactor.model import Raster
    from redactor.protocols import OcrText
    from redactor.verify.signatures_scan import scan_signature_leaks

    dpi = 150.0
    ppt = dpi / 72.0
    px = np.full((int(420 * ppt), int(595 * ppt), 3), 245, np.uint8)
    _scribble(px, (180.0, 316.0, 240.0, 334.0), ppt)      # the applicant's signature, on the label's row
    _scribble(px, (280.0, 250.0, 330.0, 275.0), ppt)      # ink two rows up, 120 pt to the right
    text = "持证人签名："
    boxes = tuple(BBox(110.0 + 10.4 * i, 303.0, 110.0 + 10.4 * (i + 1), 346.0) for i in range(len(text)))
    line = OcrText(text, boxes, BBox.enclosing(list(boxes)), 0.89)
    leaks = scan_signature_leaks(Raster(px, (1 / ppt, 0, 0, 1 / ppt, 0, 0), dpi), 1, [line])
    assert any(lk.bbox.x0 < 185.0 and lk.bbox.x1 > 235.0 for lk in leaks), leaks
    assert not any(lk.bbox.y1 < 290.0 for lk in leaks), leaks
