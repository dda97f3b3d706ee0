"""The corpus's 在职证明 on the employer's letterhead converted to curves: the employer's name (Chinese and
English) exists only as outlines at the top of a page whose body is live text, and the truth says so
(``in_raster``: only a reading of the pixels can find it)."""

from __future__ import annotations

import pymupdf

from benchmarks.corpus import catalog
from benchmarks.corpus.layouts import LETTERHEAD_BOTTOM
from benchmarks.corpus.people import make_cast


def test_the_letterhead_is_outlines_and_the_body_is_text():
    cast = make_cast(7, 0)
    one, two = catalog.build("zaizhi_zhengming", cast), catalog.build("zaizhi_zhengming", cast)
    assert one.pdf == two.pdf
    emp = cast.applicant.employer
    with pymupdf.open("pdf", one.pdf) as doc:
        page = doc[0]
        text = page.get_text()
        head = page.get_text(clip=pymupdf.Rect(0, 0, page.rect.width, LETTERHEAD_BOTTOM))
        glyph_paths = [d for d in page.get_drawings() if d["rect"].y1 <= LETTERHEAD_BOTTOM and d.get("fill")]
    assert head.strip() == "" and emp.official not in text            # no character of the letterhead
    assert len(glyph_paths) >= len(emp.official)                       # drawn glyph by glyph
    assert cast.applicant.name in text and "在职证明" in text           # the body is live text
    own = [d for d in one.instance_dicts if d["owner"] == "applicant" and d["category"] == "employer"]
    assert own and all(d.get("in_raster") for d in own if d["bbox"][3] <= LETTERHEAD_BOTTOM)
    assert any(d["category"] == "seal" and d["owner"] == "applicant" for d in one.instance_dicts)
