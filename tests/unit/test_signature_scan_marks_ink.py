"""The final check's scanned-signature channel leaves a mark the plan found to the channel of its kind.

Structure seed 17829 (a 项目任务书 scanned two-up, grey): once the applicant's signature beside 项目负责人（签字）
was removed, the pen search around that label met the partner's grey stamp in the row below (内蒙古医科大学 at
合作单位（盖章）, kept by the plan as another body's); its ring search found that ring only in pieces, the lower
arc with the stamp's characters was taken for pen strokes, and the gate "repaired" half of the partner's stamp.
Pictures already pass the plan's marks (``verify.signatures.signature_leaks``'s ``not_pen``); the scan channel
now does the same: strokes lying mostly inside a stamp, portrait or code the plan found are that mark's ink (the
seal channel reads the stamp itself), and strokes outside every mark are still pen.  All synthetic: waves drawn
with OpenCV, a fake OCR line, no real person."""

from __future__ import annotations

import numpy as np

from redactor.model import BBox, Raster
from redactor.protocols import OcrText
from redactor.verify.signatures_scan import scan_signature_leaks
from tests.unit.test_signature_scan_label_height import _scribble


def test_ink_inside_a_mark_the_plan_found_is_not_pen_and_ink_outside_still_is():
    dpi = 150.0
    ppt = dpi / 72.0
    px = np.full((int(420 * ppt), int(595 * ppt), 3), 245, np.uint8)
    _scribble(px, (180.0, 316.0, 240.0, 334.0), ppt)      # pen strokes on the label's row
    _scribble(px, (180.0, 350.0, 230.0, 372.0), ppt)      # grey ink in the row below, where the plan found a stamp
    text = "项目负责人签字："
    boxes = tuple(BBox(60.0 + 12.0 * i, 318.0, 60.0 + 12.0 * (i + 1), 331.0) for i in range(len(text)))
    line = OcrText(text, boxes, BBox.enclosing(list(boxes)), 0.95)
    raster = Raster(px, (1 / ppt, 0, 0, 1 / ppt, 0, 0), dpi)
    stamp = BBox(170.0, 340.0, 250.0, 400.0)

    found = scan_signature_leaks(raster, 1, [line])
    assert any(lk.bbox.y0 >= 345.0 for lk in found), "premise: without the plan's marks the stamp's ink is pen"
    found = scan_signature_leaks(raster, 1, [line], not_pen=(stamp,))
    assert not any(lk.bbox.intersection_area(stamp) >= 0.5 * lk.bbox.area for lk in found), found
    assert any(lk.bbox.y1 <= 340.0 and lk.bbox.x0 < 185.0 for lk in found), "the pen strokes beside the label"
