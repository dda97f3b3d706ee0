"""The applicant's signature pasted as a picture after a bracketed note and across the date (realdocs2 R13).

A 申报材料确认审核表's promise ends 申报人签字：（不得打印）, the applicant's handwritten signature pasted as a
picture right after the note and over the printed 年  月  日.  The label's window to the right stopped at the
note's first character, and then at the date's 年, so detection saw a sliver of the picture, took it for part of
a figure and found no signature; the final check found the pen strokes and repaired (one of realdocs2's six
repairs).  Now a bracketed note belongs to its label, a signature-sized picture that starts in the window carries
the window over it, and a pasted signature is the whole picture.  Synthetic form and signature."""

from __future__ import annotations

import pymupdf
import pypdfium2
import pytest

from redactor.config import profile_from_mapping
from tests.corpus_case import covered
from tests.pages import draw_signature, draw_text

pytestmark = pytest.mark.models

PROFILE = profile_from_mapping({"name": "郑雅琴", "employers": ["浙江省地质调查院"]})
PICTURE = pymupdf.Rect(360, 416, 438, 449)


def _signature_png() -> bytes:
    doc = pymupdf.open()
    p = doc.new_page(width=PICTURE.width, height=PICTURE.height)
    draw_signature(p, 4, 4, PICTURE.width - 8, PICTURE.height - 8, seed=5)
    return p.get_pixmap(dpi=200, alpha=False).tobytes("png")


def _form(path) -> None:
    doc = pymupdf.open()
    p = doc.new_page(width=595, height=842)
    draw_text(p, 60, 120, "申报材料确认审核表", size=16)
    draw_text(p, 60, 170, "本人承诺所提交的申报材料真实有效。", size=12)
    draw_text(p, 166, 440, "申报人签字：（不得打印）", size=12)
    draw_text(p, 396, 440, "年    月    日", size=12)
    p.insert_image(PICTURE, stream=_signature_png())
    draw_text(p, 60, 520, "经审核原件，申报材料真实，申报人符合申报条件。", size=12)
    doc.save(path)


def test_the_pasted_signature_is_found_whole_and_nothing_is_left_to_repair(region_pipeline, tmp_path):
    src = tmp_path / "form.pdf"
    _form(src)
    import json
    from pathlib import Path

    outcome = region_pipeline.run(str(src), PROFILE, str(tmp_path / "out"), "form")
    audit = json.loads(Path(outcome.audit_json).read_text(encoding="utf-8"))
    signatures = [r for r in audit["redactions"] if r["category"] == "signature"]
    assert signatures and all(r["rule"].startswith("own.signature") for r in signatures), audit["redactions"]
    assert covered(tuple(PICTURE), [b for r in signatures for b in r["boxes"]]) >= 0.98
    assert not audit["repairs"], audit["repairs"]
    pdf = pypdfium2.PdfDocument(outcome.output_pdf)
    text = "".join(pdf[0].get_textpage().get_text_range().split())
    pdf.close()
    assert "申报人签字：（不得打印）" in text and "经审核原件" in text
