"""Page renderings are kept compressed between ingest and detection, bit-identical (issue 12: bounded memory)."""

from __future__ import annotations

import pickle

import numpy as np
import pymupdf
import pytest

from redactor.context import RunContext, document_id_for
from redactor.ingest import load_document
from redactor.ingest.images import render_page
from redactor.ingest.packed_raster import PackedRaster
from redactor.model import BBox, Raster
from tests.synth import application_form

pytestmark = pytest.mark.issue(12)


def test_ingest_keeps_each_page_rendering_compressed_and_identical(tmp_path, cfg):
    form = application_form(tmp_path / "form.pdf")
    with pymupdf.open(form) as pdf:       # a stamp-like ring: a page of text alone is not rendered at all
        pdf[0].draw_circle((450, 700), 40, color=(0.85, 0.1, 0.1), width=2)
        pdf.fullcopy_page(0)                # two pages: the first waits for detection while the second is read
        src = tmp_path / "stamped.pdf"
        pdf.save(src)
    doc = load_document(str(src), RunContext(cfg, str(tmp_path), document_id_for(src)), None, rasters=True)
    raster = doc.pages[0].raster
    assert isinstance(raster, PackedRaster)
    # the last page's rendering goes to detection at once: not compressed (a one-page scan never is)
    assert type(doc.pages[-1].raster) is Raster and np.array_equal(doc.pages[-1].raster.pixels, raster.pixels)
    with pymupdf.open(src) as pdf:
        plain = render_page(pdf[0], cfg.ingest.raster_dpi)
    assert np.array_equal(raster.pixels, plain.pixels) and raster.to_points == plain.to_points
    assert len(raster._packed) * 5 < plain.pixels.nbytes          # what the page costs while it waits
    raster.pixels[0, 0] = 7                                          # writable, like a plain rendering
    back = pickle.loads(pickle.dumps(raster))                        # process pools and Ray get a plain Raster
    assert type(back) is Raster and np.array_equal(back.pixels, plain.pixels)
    box = BBox(50, 60, 300, 120)
    assert np.array_equal(raster.crop(box).pixels, plain.crop(box).pixels)
